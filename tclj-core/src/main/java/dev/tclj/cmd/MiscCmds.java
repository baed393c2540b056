package dev.tclj.cmd;

import dev.tclj.CompileContext;
import dev.tclj.ExitException;
import dev.tclj.Interp;
import dev.tclj.Namespace;
import dev.tclj.TclException;
import dev.tclj.TclObj;
import dev.tclj.parse.Cmd;
import dev.tclj.parse.Parser;
import dev.tclj.parse.Script;
import dev.tclj.parse.VarRef;

import java.io.IOException;
import java.nio.file.Path;

/** Miscellaneous core commands: subst rename exit time source. */
public final class MiscCmds {
    private MiscCmds() {}

    public static void register(Interp interp) {
        interp.createCommand("subst", MiscCmds::subst);
        interp.createCommand("rename", MiscCmds::rename);
        interp.createCommand("exit", (in, objv) -> {
            if (objv.length > 2) throw TclException.wrongArgs(objv, 1, "?returnCode?");
            int code = objv.length == 2 ? objv[1].asInt() : 0;
            throw new ExitException(code);
        });
        interp.createCommand("time", MiscCmds::time);
        interp.createCommand("source", MiscCmds::source);
    }

    /**
     * rename oldName newName: a missing command is a lookup failure (TCL LOOKUP COMMAND), and the
     * namespace of the new name is created when it does not exist, as in Tcl.
     */
    static TclObj rename(Interp interp, TclObj[] objv) throws TclException {
        if (objv.length != 3) throw TclException.wrongArgs(objv, 1, "oldName newName");
        String oldName = objv[1].toString(), newName = objv[2].toString();
        if (interp.findCommand(oldName) == null) {
            throw TclException.error("can't " + (newName.isEmpty() ? "delete" : "rename") + " \"" + oldName
                    + "\": command doesn't exist", "TCL", "LOOKUP", "COMMAND", oldName);
        }
        int sep = newName.lastIndexOf("::");
        if (sep > 0) {
            String qual = newName.substring(0, sep);
            while (qual.endsWith(":")) qual = qual.substring(0, qual.length() - 1);
            Namespace from = interp.currentNamespace();
            if (interp.findNamespace(qual, from) == null) interp.createNamespace(qual, from);
        }
        interp.renameCommand(oldName, newName);
        return TclObj.EMPTY;
    }

    static TclObj subst(Interp interp, TclObj[] objv) throws TclException {
        boolean bs = true, vars = true, cmds = true;
        int i = 1;
        for (; i < objv.length - 1; i++) {
            int o = Subcommands.index(objv[i], new String[]{"-nobackslashes", "-nocommands", "-novariables"}, "option");
            if (o == 0) bs = false; else if (o == 1) cmds = false; else vars = false;
        }
        if (i != objv.length - 1) throw TclException.wrongArgs(objv, 1, "?-nobackslashes? ?-nocommands? ?-novariables? string");
        String[] err = new String[1];
        Object[] parts = Parser.parseSubst(objv[i].toString(), bs, vars, cmds, err);
        // Tcl compiles subst of a literal string: the commands substituted then report errors
        // as commands of the enclosing script
        Cmd self = CompileContext.literalInvocation(interp, objv, false);
        // a syntax error is reported after the substitutions before it are made (as Tcl), and
        // not at all when one of them breaks
        StringBuilder sb = new StringBuilder();
        for (Object p : parts) {
            if (p instanceof String s) {
                sb.append(s);
                continue;
            }
            try {
                if (p instanceof VarRef v) sb.append(interp.readVarRef(v));
                else sb.append(interp.evalScript((Script) p));
            } catch (TclException e) {
                // break ends the substitution; continue substitutes nothing; return and other
                // codes substitute their value (for a variable, the one of its index's command)
                switch (e.code()) {
                    case TclException.BREAK: return TclObj.of(sb.toString());
                    case TclException.CONTINUE: break;
                    case TclException.ERROR:
                        if (p instanceof Script && CompileContext.inlineBody(interp, self, i)) interp.bodyError(e, self, i, null);
                        throw e;
                    default: sb.append(e.result());
                }
            }
        }
        if (err[0] != null) {
            // the syntax error is reported as already under way: the subst command is "invoked from within"
            TclException e = TclException.error(err[0]);
            e.errorInfo = new StringBuilder(err[0]);
            e.infoStarted = true;
            throw e;
        }
        return TclObj.of(sb.toString());
    }

    static TclObj time(Interp interp, TclObj[] objv) throws TclException {
        if (objv.length != 2 && objv.length != 3) throw TclException.wrongArgs(objv, 1, "script ?count?");
        long count = objv.length == 3 ? objv[2].asLong() : 1;
        long start = System.nanoTime();
        for (long k = 0; k < count; k++) interp.eval(objv[1]);
        long ns = System.nanoTime() - start;
        if (count <= 0) return TclObj.of("0 microseconds per iteration");
        // as tclsh: whole microseconds for one iteration, a double (1.5, 0.0) for more
        String v = count == 1 ? Long.toString(ns / 1000) : dev.tclj.NumberFormat.formatDouble(ns / 1000.0 / count);
        return TclObj.of(v + " microseconds per iteration");
    }

    static TclObj source(Interp interp, TclObj[] objv) throws TclException {
        String enc = null;
        int i = 1;
        if (objv.length == 4) {
            // the option must be spelled out (Tcl_GetIndexFromObj with TCL_EXACT)
            String opt = objv[1].toString();
            if (!opt.equals("-encoding")) {
                throw TclException.error("bad option \"" + opt + "\": must be -encoding", "TCL", "LOOKUP", "INDEX", "option", opt);
            }
            enc = objv[2].toString();
            i = 3;
        }
        if (objv.length - i != 1) throw TclException.wrongArgs(objv, 1, "?-encoding name? fileName");
        String file = objv[i].toString();
        return sourceFile(interp, file, enc);
    }

    /** Reads and evaluates a script file; return in the file ends it normally. */
    public static TclObj sourceFile(Interp interp, String file, String enc) throws TclException {
        // read as Tcl does: through a channel in the given encoding, with auto end-of-line
        // translation, stopping at the ^Z end-of-file character
        StringBuilder sb = new StringBuilder();
        try {
            Path path = dev.tclj.io.TclPath.resolve(file);
            java.nio.channels.FileChannel fc = java.nio.channels.FileChannel.open(path, java.nio.file.StandardOpenOption.READ);
            dev.tclj.io.Channel ch = new dev.tclj.io.Channel("source", new dev.tclj.io.FileDriver(fc, path, false), true, false);
            try {
                // as Tcl: the file is opened before the encoding is looked up
                ch.setEncoding(enc == null ? dev.tclj.io.Encodings.system() : dev.tclj.io.Encodings.get(enc));
                ch.setInputEofChar(0x1a);
                ch.read(sb, Integer.MAX_VALUE);
            } finally {
                try {
                    ch.close();
                } catch (IOException | TclException e) {
                    // read-only: nothing to lose
                }
            }
        } catch (IOException e) {
            throw dev.tclj.io.PosixError.error("couldn't read file \"" + file + "\": ", e);
        }
        // a leading byte order mark is not part of the script
        if (sb.length() > 0 && sb.charAt(0) == '\uFEFF') sb.deleteCharAt(0);
        String text = sb.toString();
        String save = interp.scriptFile();
        interp.setScriptFile(file);
        // the main script (sourced with no command running) completes each command as Tcl's
        // top level does: see runMainScript
        boolean main = interp.nestingDepth() == 0;
        try {
            Script script = Parser.parseUncompiled(text);
            if (main) return runMainScript(interp, script);
            return interp.evalScript(script);
        } catch (TclException e) {
            if (e.code() == TclException.RETURN) {
                // a return completes at the file's level; an error it makes is not the file's
                TclException r = completeReturn(e, false);
                if (r == null) return e.result();
                throw r;
            }
            if (e.code() == TclException.ERROR) {
                interp.addErrorInfo(e, "\n    (file \"" + file + "\" line " + e.errorLine + ")");
            }
            throw e;
        } finally {
            interp.setScriptFile(save);
        }
    }

    /**
     * The completion of a return at the level it returns from (Tcl's TclUpdateReturnInfo): null
     * when it completes normally, else the completion it carries (a return one level up, or the
     * -code it was given).
     */
    static TclException completeReturn(TclException e, boolean logged) {
        if (e.level > 1) {
            e.level--;
            return e;
        }
        int code = e.returnCode;
        if (code == TclException.OK) return null;
        TclException r = new TclException(code, e.result());
        r.errorCode = e.errorCode;
        r.errorInfo = e.errorInfo;
        r.infoStarted = e.errorInfo != null;
        r.options = e.options;
        r.errorLine = e.errorLine;
        if (logged && code == TclException.ERROR && e.errorInfo != null) r.markLogged();
        return r;
    }

    /**
     * Evaluates a script as tclsh evaluates each command it reads from standard input: at level
     * 0, uncompiled, completing return, break and continue as {@link #runMainScript} does; an
     * error is left in ::errorInfo and ::errorCode, as Tcl_Main leaves it.
     */
    public static TclObj evalTopLevel(Interp interp, String script) throws TclException {
        try {
            return runMainScript(interp, Parser.parseUncompiled(script));
        } catch (TclException e) {
            ErrorCmds.recordError(interp, e);
            throw e;
        }
    }

    /**
     * Runs the commands of a main script one by one, as Tcl evaluates a script at level 0: a
     * return ends the script (a return with another -code completes with that code), and a
     * break, continue or other code is an error ("invoked "break" outside of a loop") reported
     * at the command that produced it.
     */
    private static TclObj runMainScript(Interp interp, Script script) throws TclException {
        TclObj result = TclObj.EMPTY;
        Cmd[] cmds = script.cmds;
        for (int k = 0; k <= cmds.length; k++) {
            Script one;
            if (k < cmds.length) one = new Script(script.text, new Cmd[]{cmds[k]}, null, false);
            else if (script.error != null) one = new Script(script.text, new Cmd[0], script.error, script.incomplete, script.errorCommand, script.errorLine);
            else break;
            try {
                result = interp.evalScript(one);
            } catch (TclException e) {
                if (e.code() == TclException.RETURN) {
                    TclException r = completeReturn(e, true);
                    if (r == null) return e.result();
                    // an error made by return is reported at the return command (unless given
                    // its errorInfo)
                    if (r.code() == TclException.ERROR && r.errorInfo == null) logMain(r, cmds[k]);
                    e = r;
                }
                int code = e.code();
                if (code == TclException.ERROR) throw e;
                String msg = code == TclException.BREAK ? "invoked \"break\" outside of a loop"
                        : code == TclException.CONTINUE ? "invoked \"continue\" outside of a loop"
                        : "command returned bad code: " + code;
                TclException x = TclException.error(msg, "TCL", "RESULT", "UNEXPECTED");
                logMain(x, cmds[k]);
                throw x;
            }
        }
        return result;
    }

    /** Logs a command of the main script as the one that failed. */
    private static void logMain(TclException e, Cmd c) {
        String text = c.text();
        boolean overflow = text.length() > 150;
        if (overflow) text = text.substring(0, 150);
        e.errorInfo = new StringBuilder(e.errorInfo == null ? e.getMessage() : e.errorInfo.toString());
        e.errorInfo.append(e.infoStarted ? "\n    invoked from within\n\"" : "\n    while executing\n\"")
                .append(text).append(overflow ? "...\"" : "\"");
        e.infoStarted = true;
        e.errorLine = c.line;
    }
}
