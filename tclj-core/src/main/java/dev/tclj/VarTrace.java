package dev.tclj;

/** A variable trace: the operations it watches and the script or Java code to run. */
public final class VarTrace {
    public static final int READ = 1, WRITE = 2, UNSET = 4, ARRAY = 8;

    public final int ops;
    public final TclObj command;
    public final Callback callback;

    /** Java-side trace callback: name1, name2 (element or null), operation. */
    public interface Callback {
        void traced(Interp interp, String name1, String name2, int op) throws TclException;
    }

    public VarTrace(int ops, TclObj command, Callback callback) {
        this.ops = ops;
        this.command = command;
        this.callback = callback;
    }
}
