package dev.tclj;

import dev.tclj.parse.Cmd;

import java.util.ArrayList;
import java.util.Arrays;

/**
 * A coroutine ({@code coroutine}, {@code yield}, {@code yieldto}), and the command that resumes
 * it.
 *
 * <p>The evaluator is recursive Java code, so a suspended coroutine keeps its evaluation on a
 * stack of its own: its body runs as a JDK continuation on the resumer's thread when the JVM
 * allows it (the tclj and tclserver commands do), else on a virtual thread, parked while the
 * coroutine is suspended; either way a suspended coroutine is a few heap objects, so thousands of
 * live coroutines cost no platform threads. Control passes between the resumer and the body by a
 * strict {@link Handoff}: only one of the two runs interpreter code at any time, and each sees
 * what the other wrote before handing over, so the interpreter stays single-threaded in effect
 * and needs no locks.
 *
 * <p>The evaluation state that belongs to a thread of evaluation (the variable frame, the nesting
 * depth, the command stack of {@code info frame}, the command being run) is swapped at each
 * handoff. The body runs at the global level, as in Tcl: its frames chain to the global frame and
 * never to the resumer's, so {@code info level} and {@code uplevel} inside see only the
 * coroutine's own frames; its nesting depth counts on from its creator's. For {@code info frame}
 * the resumer's commands are copied below the coroutine's own at each resume (see
 * {@link #installStack}).
 *
 * <p>Deleting the command of a suspended coroutine (rename, namespace or interpreter deletion, a
 * new command of the same name) resumes it with an {@link Unwind} thrown from its yield: no Tcl
 * {@code catch} or {@code try} stops it and no {@code finally} script runs, but the evaluator's
 * Java finally blocks do, so its procedure frames are popped and their unset traces fire, as in
 * tclsh (not when the whole interpreter is being deleted: then, as in tclsh, none of its Tcl code
 * runs). Its body then ends. A coroutine whose command is deleted while it runs ends that way
 * at its next yield, whose value still goes to the resumer.
 *
 * <p>Although its whole Java stack could be suspended anywhere, a coroutine refuses to yield
 * across the callbacks that Tcl makes from C (an lsort -command comparison, a variable trace, an
 * event handler run by vwait or update), with Tcl's "cannot yield: C stack busy": scripts see
 * what they see in tclsh. (A continuation that the JDK cannot suspend, one with a native frame
 * on its stack, fails the same way.) The count of such callbacks ({@link Interp#yieldBarriers})
 * is the coroutine's own, swapped at each resume.
 */
public final class Coroutine implements Command {
    /** Entries of the resumer's command stack that a resume can show below the coroutine's own. */
    private static final int STACK_ROOM = 16;

    private static final int RUNNING = 0, SUSPENDED_YIELD = 1, SUSPENDED_YIELDTO = 2, DONE = 3;
    /** What the body handed back to its resumer. */
    private static final int YIELDED = 0, YIELDED_TO = 1, RETURNED = 2, FAILED = 3, FAULT = 4;

    private final Interp interp;
    private CommandEntry entry;
    /** The command the coroutine runs, and the namespace it is resolved in. */
    private final TclObj[] body;
    private final Namespace lookupNs;
    private final Handoff handoff = Handoff.create();
    private int state = RUNNING;

    // From the resumer to the coroutine.
    private TclObj resumeValue;
    private boolean kill;
    /** Commands to run in the coroutine when it is next resumed (tcl::unsupported::inject). */
    private ArrayList<TclObj[]> injected;

    // From the coroutine to the resumer.
    private int outKind;
    private TclObj outValue;
    private TclException outError;
    private Throwable outFault;
    private TclObj[] outCommand;
    private Namespace outNs;

    /** Set once the body is being unwound: it cannot be suspended any more. */
    private boolean unwinding;
    /** Set once the coroutine has been resumed (its body no longer runs in its creator's place). */
    private boolean resumed;
    /** Whether it was created by a command of an outermost script (see runBody). */
    private final boolean topLevel;

    // The coroutine's own evaluation state while it is suspended.
    private CallFrame frame;
    private int depth;
    private Cmd currentCmd;
    /** The command-stack index where the coroutine's own commands start (see installStack). */
    private final int stackBase;
    private Cmd[] ownCmds;
    private TclObj[][] ownWords;
    private CallFrame[] ownFrames;

    /**
     * Unwinds a coroutine's evaluation when it is deleted. An Error rather than a TclException,
     * so that no Tcl-level handler (catch, try, traces) stops it.
     */
    static final class Unwind extends Error {
        Unwind() { super(null, null, false, false); }
    }

    private Coroutine(Interp interp, TclObj[] body, Namespace lookupNs) {
        this.interp = interp;
        this.body = body;
        this.lookupNs = lookupNs;
        this.frame = interp.globalFrame;
        this.depth = interp.depth;
        this.stackBase = interp.cmdTop + STACK_ROOM;
        this.topLevel = interp.depth <= 1;
    }

    // ======================================================================================
    // The commands
    // ======================================================================================

    /**
     * coroutine name cmd ?arg ...?: creates the command {@code name} and runs {@code body} as a
     * coroutine until it first yields (returning the value yielded) or ends.
     */
    public static TclObj create(Interp interp, String name, TclObj[] body) throws TclException {
        Namespace ns = interp.frame.ns;
        String tail = name;
        int sep = name.lastIndexOf("::");
        if (sep >= 0) {
            String qual = name.substring(0, sep);
            while (qual.endsWith(":")) qual = qual.substring(0, qual.length() - 1);
            tail = name.substring(sep + 2);
            ns = qual.isEmpty() && name.startsWith("::") ? interp.globalNs : interp.findNamespace(qual.isEmpty() ? "::" : qual, ns);
            if (ns == null) {
                throw TclException.error("can't create procedure \"" + name + "\": unknown namespace", "TCL", "LOOKUP", "NAMESPACE");
            }
        }
        Coroutine co = new Coroutine(interp, body, interp.frame.ns);
        CommandEntry ce = interp.defineIn(ns, tail, co);
        co.entry = ce;
        // As in Tcl, deleting the namespace deletes its coroutines at once, although their
        // frames keep it active: otherwise a coroutine suspended in one of its procedures
        // would keep it alive.
        NamespaceOps.EnsembleCleanup cleanup = new NamespaceOps.EnsembleCleanup(interp, ce);
        Namespace home = ns;
        home.addDeleteCallback(cleanup);
        ce.onDelete = () -> {
            if (home.onDelete != null) home.onDelete.remove(cleanup);
            co.deleted();
        };
        return co.transfer(null, false);
    }

    /** Resumes the coroutine: {@code name ?value?} after yield, {@code name ?arg ...?} after yieldto. */
    @Override
    public TclObj invoke(Interp in, TclObj[] objv) throws TclException {
        TclObj value;
        switch (state) {
            case SUSPENDED_YIELD:
                if (objv.length > 2) throw TclException.wrongArgs(objv, 1, "?arg?");
                value = objv.length == 2 ? objv[1] : TclObj.EMPTY;
                break;
            case SUSPENDED_YIELDTO:
                value = TclObj.ofList(Arrays.copyOfRange(objv, 1, objv.length));
                break;
            default:
                throw TclException.error("coroutine \"" + objv[0] + "\" is already running", "TCL", "COROUTINE", "BUSY");
        }
        return transfer(value, false);
    }

    /** yield ?value?: suspends the running coroutine; returns the value it is resumed with. */
    public static TclObj yield(Interp interp, TclObj value) throws TclException {
        Coroutine co = interp.coroutine;
        if (co == null) {
            throw TclException.error("yield can only be called in a coroutine", "TCL", "COROUTINE", "ILLEGAL_YIELD");
        }
        if (interp.yieldBarriers != 0) throw cantYield();
        return co.suspend(YIELDED, value, null, null);
    }

    /**
     * yieldto cmd ?arg ...?: suspends the running coroutine and runs the command in its resumer's
     * place (its outcome is the resumer's); returns the list of arguments it is resumed with.
     */
    public static TclObj yieldTo(Interp interp, TclObj[] command) throws TclException {
        Coroutine co = interp.coroutine;
        if (co == null) {
            throw TclException.error("yieldto can only be called in a coroutine", "TCL", "COROUTINE", "ILLEGAL_YIELD");
        }
        Namespace ns = interp.frame.ns;
        if (ns.deleted) {
            throw TclException.error("yieldto called in deleted namespace", "TCL", "COROUTINE", "YIELDTO_IN_DELETED");
        }
        if (interp.yieldBarriers != 0) throw cantYield();
        return co.suspend(YIELDED_TO, null, command, ns);
    }

    /** A yield inside a callback Tcl makes from C (see Interp#yieldBarriers). */
    private static TclException cantYield() {
        return TclException.error("cannot yield: C stack busy", "TCL", "COROUTINE", "CANT_YIELD");
    }

    /** info coroutine: the running coroutine's command, or "" when none runs or it has been deleted. */
    public static String current(Interp interp) {
        Coroutine co = interp.coroutine;
        return co == null || co.entry.deleted ? "" : co.entry.fullName();
    }

    /** The coroutine a command name refers to, or null. */
    public static Coroutine lookup(Interp interp, String name) {
        CommandEntry ce = interp.findCommand(name, interp.frame.ns);
        return ce != null && ce.impl instanceof Coroutine co ? co : null;
    }

    /** tcl::unsupported::corotype: how the coroutine is suspended ("yield", "yieldto") or "active". */
    public String type() {
        return state == SUSPENDED_YIELD ? "yield" : state == SUSPENDED_YIELDTO ? "yieldto" : "active";
    }

    public boolean isSuspended() {
        return state == SUSPENDED_YIELD || state == SUSPENDED_YIELDTO;
    }

    /**
     * tcl::unsupported::inject: the command runs in the coroutine, in the frame it yielded from,
     * when it is next resumed; its outcome is then that of the yield.
     */
    public void inject(TclObj[] command) {
        if (injected == null) injected = new ArrayList<>(2);
        injected.add(command);
    }

    // ======================================================================================
    // Resuming and suspending
    // ======================================================================================

    /**
     * Resumer side: installs the coroutine's evaluation state, lets its body run until it
     * yields or ends, puts the resumer's state back and returns the outcome (for a kill, null).
     */
    private TclObj transfer(TclObj value, boolean kill) throws TclException {
        Interp in = interp;
        CallFrame rFrame = in.frame;
        int rDepth = in.depth;
        Cmd rCmd = in.currentCmd;
        Cmd[] rCmds = in.cmdStackCmds;
        TclObj[][] rWords = in.cmdStackWords;
        CallFrame[] rFrames = in.cmdStackFrames;
        int rTop = in.cmdTop;
        Coroutine rCoroutine = in.coroutine;
        int rBarriers = in.yieldBarriers;
        installStack(rCmds, rWords, rFrames, rTop);
        in.frame = frame;
        in.depth = depth;
        in.currentCmd = currentCmd;
        in.coroutine = this;
        // the coroutine's own stack holds no callback from C (it yielded outside any)
        in.yieldBarriers = 0;
        resumeValue = value;
        this.kill = kill;
        state = RUNNING;
        try {
            handoff.resume(in, this::run);
        } finally {
            // back on the resumer's thread: I/O that the tree's thread drives is this thread's again
            in.notifier().runningOn(Thread.currentThread());
            in.frame = rFrame;
            in.depth = rDepth;
            in.currentCmd = rCmd;
            in.cmdStackCmds = rCmds;
            in.cmdStackWords = rWords;
            in.cmdStackFrames = rFrames;
            in.cmdTop = rTop;
            in.coroutine = rCoroutine;
            in.yieldBarriers = rBarriers;
        }
        if (state == DONE && !entry.deleted) in.deleteEntry(entry, true);
        if (!kill) return outcome();
        // an unwinding has no outcome, but an exit from one of its traces still exits
        if (outKind == FAULT && outFault instanceof ExitException x) throw x;
        return null;
    }

    /** The body's outcome as the resumer sees it. */
    private TclObj outcome() throws TclException {
        TclObj v = outValue;
        TclException err = outError;
        Throwable fault = outFault;
        TclObj[] cmd = outCommand;
        Namespace ns = outNs;
        outValue = null;
        outError = null;
        outFault = null;
        outCommand = null;
        outNs = null;
        switch (outKind) {
            case YIELDED:
            case RETURNED:
                return v;
            case YIELDED_TO:
                return interp.invokeWords(cmd, ns);
            case FAILED:
                throw err;
            default:
                if (fault instanceof RuntimeException r) throw r;
                if (fault instanceof Error e) throw e;
                throw new IllegalStateException(fault);
        }
    }

    /** Coroutine side: hands the outcome of a yield to the resumer and waits to be resumed. */
    private TclObj suspend(int kind, TclObj value, TclObj[] command, Namespace ns) throws TclException {
        if (unwinding) throw new Unwind();
        outKind = kind;
        outValue = value;
        outCommand = command;
        outNs = ns;
        if (entry.deleted) {
            // deleted while running: this yield ends it, and its value goes to the resumer
            unwinding = true;
            throw new Unwind();
        }
        Interp in = interp;
        frame = in.frame;
        depth = in.depth;
        currentCmd = in.currentCmd;
        int top = in.cmdTop;
        ownCmds = Arrays.copyOfRange(in.cmdStackCmds, stackBase, top);
        ownWords = Arrays.copyOfRange(in.cmdStackWords, stackBase, top);
        ownFrames = Arrays.copyOfRange(in.cmdStackFrames, stackBase, top);
        state = kind == YIELDED ? SUSPENDED_YIELD : SUSPENDED_YIELDTO;
        boolean suspended;
        try {
            suspended = handoff.handBack(true);
        } catch (StackOverflowError e) {
            // a stack too big to suspend (see ContinuationHandoff): still running, the nesting error
            notSuspended();
            throw e;
        }
        if (!suspended) {
            // pinned (see ContinuationHandoff): still running, the yield fails as one across C does
            notSuspended();
            throw cantYield();
        }
        // resumed: transfer has installed this coroutine's state again
        in.notifier().runningOn(Thread.currentThread());
        resumed = true;
        if (kill) {
            unwinding = true;
            throw new Unwind();
        }
        TclObj r = resumeValue;
        resumeValue = null;
        ArrayList<TclObj[]> inject = injected;
        if (inject != null) {
            injected = null;
            // last injected runs first, as Tcl stacks them; each outcome replaces the yield's
            for (int i = inject.size() - 1; i >= 0; i--) r = in.invokeWords(inject.get(i), null);
        }
        return r;
    }

    /** Coroutine side: a yield that could not suspend the body leaves it running. */
    private void notSuspended() {
        state = RUNNING;
        outValue = null;
        outCommand = null;
        outNs = null;
        dropOwnStacks();
    }

    /** Forgets the command stack saved at the last yield. */
    private void dropOwnStacks() {
        ownCmds = null;
        ownWords = null;
        ownFrames = null;
    }

    /** The coroutine's body: runs the command, then hands its outcome to the last resumer. */
    private void run() {
        interp.notifier().runningOn(Thread.currentThread());
        try {
            outValue = runBody();
            outKind = RETURNED;
        } catch (TclException e) {
            outKind = FAILED;
            outError = e;
        } catch (Unwind u) {
            // killed (no outcome), or ended by a yield after deletion (whose outcome is set)
        } catch (Throwable t) {
            outKind = FAULT;
            outFault = t;
        }
        state = DONE;
        frame = null;
        dropOwnStacks();
        injected = null;
        handoff.handBack(false);
    }

    /**
     * Invokes the body command. As in Tcl, the invocation is not a command of info frame's stack
     * (the body's own commands follow the resumer's); it is logged in errorInfo as a command
     * given as words.
     *
     * <p>Also as in Tcl (whose coroutines count their nesting levels from their creator's),
     * the body's completion code goes to the resumer unchanged, except when the coroutine was
     * created by a command of an outermost script (typed, or of the main script file) and the
     * body completes after a resume: it then ends as such a script does, a return completing
     * there and break, continue and other codes becoming errors.
     */
    private TclObj runBody() throws TclException {
        Interp in = interp;
        CommandEntry ce = in.findCommand(body[0].toString(), lookupNs);
        try {
            if (ce == null || in.execTraces != null) return in.invokeWords(body, lookupNs);
            if (++in.depth > in.recursionLimit) {
                in.depth--;
                throw in.tooDeep();
            }
            in.cmdCount++;
            try {
                TclObj r = ce.impl.invoke(in, body);
                return r == null ? TclObj.EMPTY : r;
            } catch (TclException e) {
                if (e.code() == TclException.ERROR) in.logWords(e, body);
                throw e;
            } finally {
                in.depth--;
            }
        } catch (TclException e) {
            if (!resumed || !topLevel || e.code() == TclException.ERROR) throw e;
            TclException r = e;
            if (r.code() == TclException.RETURN) {
                r = in.completeReturn(r);
                if (r == null) return e.result();
                if (r.code() == TclException.ERROR || r.code() == TclException.RETURN) throw r;
            }
            int code = r.code();
            String msg = code == TclException.BREAK ? "invoked \"break\" outside of a loop"
                    : code == TclException.CONTINUE ? "invoked \"continue\" outside of a loop"
                    : "command returned bad code: " + code;
            TclException x = TclException.error(msg, "TCL", "UNEXPECTED_RESULT_CODE", Integer.toString(code));
            in.logWords(x, body);
            throw x;
        }
    }

    /** The command was deleted: a suspended coroutine is unwound now, a running one at its next yield. */
    private void deleted() {
        if (state != SUSPENDED_YIELD && state != SUSPENDED_YIELDTO) return;
        if (interp.deleted) {
            // as in tclsh, a deleted interpreter's coroutine ends without running its unset
            // traces: the procedure frames it leaves need no unset pass
            for (CallFrame f = frame; f != null; f = f.parent) f.tracedLocals = false;
            if (ownFrames != null) for (CallFrame f : ownFrames) if (f != null) f.tracedLocals = false;
        }
        try {
            transfer(null, true);
        } catch (TclException ignored) {
            // a kill has no outcome
        }
    }

    /**
     * Puts in place the command stack the coroutine runs with: the resumer's commands below
     * {@link #stackBase} and the coroutine's own from there (the evaluator's Java frames on the
     * coroutine's stack hold absolute indexes into it). The resumer's innermost parsed command
     * is repeated to fill the room between: info frame counts such a run as one frame. A resumer
     * deeper than the room shows only its innermost commands.
     */
    private void installStack(Cmd[] rc, TclObj[][] rw, CallFrame[] rf, int rTop) {
        int base = stackBase;
        int own = ownCmds == null ? 0 : ownCmds.length;
        int size = base + own + 16;
        Cmd[] c = new Cmd[size];
        TclObj[][] w = new TclObj[size][];
        CallFrame[] f = new CallFrame[size];
        int from = Math.max(0, rTop - base);
        int n = rTop - from;
        System.arraycopy(rc, from, c, 0, n);
        System.arraycopy(rw, from, w, 0, n);
        System.arraycopy(rf, from, f, 0, n);
        if (n < base && n > 0) {
            int k = n - 1;
            while (k > 0 && c[k] == null) k--;
            int pad = base - n;
            int above = n - k - 1;
            System.arraycopy(c, k + 1, c, k + 1 + pad, above);
            System.arraycopy(w, k + 1, w, k + 1 + pad, above);
            System.arraycopy(f, k + 1, f, k + 1 + pad, above);
            for (int i = k + 1; i <= k + pad; i++) {
                c[i] = c[k];
                w[i] = w[k];
                f[i] = f[k];
            }
        }
        if (own > 0) {
            System.arraycopy(ownCmds, 0, c, base, own);
            System.arraycopy(ownWords, 0, w, base, own);
            System.arraycopy(ownFrames, 0, f, base, own);
            dropOwnStacks();
        }
        Interp in = interp;
        in.cmdStackCmds = c;
        in.cmdStackWords = w;
        in.cmdStackFrames = f;
        in.cmdTop = base + own;
    }
}
