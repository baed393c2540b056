package dev.tclj.cmd;

import dev.tclj.Coroutine;
import dev.tclj.Interp;
import dev.tclj.TailCall;
import dev.tclj.TclException;
import dev.tclj.TclObj;

import java.util.Arrays;

/**
 * Coroutines and tail calls: coroutine yield yieldto tailcall, info coroutine, and
 * tcl::unsupported::inject and tcl::unsupported::corotype. The machinery is in
 * {@link Coroutine} and {@link TailCall}.
 */
public final class CoroutineCmds {
    private CoroutineCmds() {}

    public static void register(Interp interp) {
        interp.createCommand("coroutine", (in, objv) -> {
            if (objv.length < 3) throw TclException.wrongArgs(objv, 1, "name cmd ?arg ...?");
            return Coroutine.create(in, objv[1].toString(), Arrays.copyOfRange(objv, 2, objv.length));
        });
        interp.createCommand("yield", (in, objv) -> {
            if (objv.length > 2) throw TclException.wrongArgs(objv, 1, "?returnValue?");
            return Coroutine.yield(in, objv.length == 2 ? objv[1] : TclObj.EMPTY);
        });
        interp.createCommand("yieldto", (in, objv) -> {
            if (objv.length < 2) throw TclException.wrongArgs(objv, 1, "command ?arg ...?");
            return Coroutine.yieldTo(in, Arrays.copyOfRange(objv, 1, objv.length));
        });
        interp.createCommand("tailcall", TailCall::schedule);
        InfoCmd.addSubcommand(interp, "coroutine", (in, objv) -> {
            if (objv.length != 2) throw TclException.wrongArgs(objv, 2, "");
            return TclObj.of(Coroutine.current(in));
        });
        interp.createNamespace("::tcl::unsupported", interp.globalNamespace());
        interp.createCommand("::tcl::unsupported::inject", CoroutineCmds::inject);
        interp.createCommand("::tcl::unsupported::corotype", CoroutineCmds::corotype);
    }

    static TclObj inject(Interp interp, TclObj[] objv) throws TclException {
        if (objv.length < 3) throw TclException.wrongArgs(objv, 1, "coroName cmd ?arg1 arg2 ...?");
        Coroutine co = coroutine(interp, objv[1], "can only inject a command into a coroutine");
        if (!co.isSuspended()) {
            throw TclException.error("can only inject a command into a suspended coroutine", "TCL", "COROUTINE", "ACTIVE");
        }
        co.inject(Arrays.copyOfRange(objv, 2, objv.length));
        return TclObj.EMPTY;
    }

    static TclObj corotype(Interp interp, TclObj[] objv) throws TclException {
        if (objv.length != 2) throw TclException.wrongArgs(objv, 1, "coroName");
        return TclObj.of(coroutine(interp, objv[1], "can only get coroutine type of a coroutine").type());
    }

    private static Coroutine coroutine(Interp interp, TclObj name, String notOne) throws TclException {
        Coroutine co = Coroutine.lookup(interp, name.toString());
        if (co == null) throw TclException.error(notOne, "TCL", "LOOKUP", "COROUTINE", name.toString());
        return co;
    }
}
