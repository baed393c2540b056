package dev.tclj.io;

import dev.tclj.Interp;
import dev.tclj.TclException;
import dev.tclj.TclList;
import dev.tclj.TclObj;

import java.util.HashSet;
import java.util.Set;

/**
 * A Tcl command prefix that implements a channel or a transformation (chan create, chan push):
 * calls {@code {*}prefix method handle ?arg ...?} at global level and remembers which methods
 * the handler said it supports.
 */
final class ScriptedHandler {
    final Interp interp;
    final TclObj prefix;
    final String handle;
    final Set<String> methods = new HashSet<>();

    ScriptedHandler(Interp interp, TclObj prefix, String handle) {
        this.interp = interp;
        this.prefix = prefix;
        this.handle = handle;
    }

    boolean supports(String m) { return methods.contains(m); }

    /** Calls a method; a Tcl error comes back as a TclException. */
    TclObj callTcl(String method, TclObj... args) throws TclException {
        TclList p = prefix.asList();
        TclObj[] words = new TclObj[p.size() + 2 + args.length];
        for (int i = 0; i < p.size(); i++) words[i] = p.get(i);
        words[p.size()] = TclObj.of(method);
        words[p.size() + 1] = TclObj.of(handle);
        System.arraycopy(args, 0, words, p.size() + 2, args.length);
        TclObj cmd = TclObj.ofList(words);
        try {
            return interp.evalInFrame(interp.globalFrame(), cmd);
        } catch (TclException e) {
            // as Tcl: every completion but ok is an error, reported with the method's name
            TclException err = e;
            if (e.code() != TclException.ERROR) {
                String msg = "chan handler returned bad code: " + e.code();
                err = TclException.error(msg);
                err.errorInfo = new StringBuilder(msg).append("\n    while executing\n\"").append(cmd).append('"');
            }
            interp.addErrorInfo(err, "\n    (chan handler subcommand \"" + method + "\")");
            throw err;
        }
    }

    /** Calls a method from a driver operation: errors become I/O errors that keep the Tcl error. */
    TclObj call(String method, TclObj... args) throws DriverError {
        try {
            return callTcl(method, args);
        } catch (TclException e) {
            throw new DriverError(e);
        }
    }

    /** Runs initialize and records the methods; the caller checks what it needs. */
    void initialize(TclObj mode) throws TclException {
        TclObj r = callTcl("initialize", mode);
        TclList l = r.asList();
        for (int i = 0; i < l.size(); i++) methods.add(l.get(i).toString());
    }

    String name() { return prefix.toString(); }
}
