package dev.tclj.cmd;

import dev.tclj.ExitException;
import dev.tclj.Interp;
import dev.tclj.Namespace;
import dev.tclj.TclException;
import dev.tclj.TclObj;
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
                    case TclException.ERROR: throw e;
                    default: sb.append(e.result());
                }
            }
        }
        if (err[0] != null) throw TclException.error(err[0]);
        return TclObj.of(sb.toString());
    }

    static TclObj time(Interp interp, TclObj[] objv) throws TclException {
        if (objv.length != 2 && objv.length != 3) throw TclException.wrongArgs(objv, 1, "script ?count?");
        long count = objv.length == 3 ? objv[2].asLong() : 1;
        long start = System.nanoTime();
        for (long k = 0; k < count; k++) interp.eval(objv[1]);
        long ns = System.nanoTime() - start;
        if (count <= 0) return TclObj.of("0 microseconds per iteration");
        double per = ns / 1000.0 / count;
        String v = per == Math.rint(per) ? Long.toString((long) per) : dev.tclj.NumberFormat.formatDouble(per);
        if (count > 0 && per >= 1 && per == Math.floor(per)) v = Long.toString((long) per);
        return TclObj.of(v + " microseconds per iteration");
    }

    static TclObj source(Interp interp, TclObj[] objv) throws TclException {
        String enc = null;
        int i = 1;
        if (objv.length == 4 && objv[1].toString().equals("-encoding")) { enc = objv[2].toString(); i = 3; }
        if (objv.length - i != 1) throw TclException.wrongArgs(objv, 1, "?-encoding name? fileName");
        String file = objv[i].toString();
        return sourceFile(interp, file, enc);
    }

    /** Reads and evaluates a script file; return in the file ends it normally. */
    public static TclObj sourceFile(Interp interp, String file, String enc) throws TclException {
        // read as Tcl does: through a channel in the given encoding, with auto end-of-line
        // translation, stopping at the ^Z end-of-file character
        dev.tclj.io.TclEncoding encoding = enc == null ? dev.tclj.io.Encodings.system() : dev.tclj.io.Encodings.get(enc);
        StringBuilder sb = new StringBuilder();
        try {
            Path path = dev.tclj.io.TclPath.resolve(file);
            java.nio.channels.FileChannel fc = java.nio.channels.FileChannel.open(path, java.nio.file.StandardOpenOption.READ);
            dev.tclj.io.Channel ch = new dev.tclj.io.Channel("source", new dev.tclj.io.FileDriver(fc, path, false), true, false);
            try {
                ch.setEncoding(encoding);
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
        String text = sb.toString();
        String save = interp.scriptFile();
        interp.setScriptFile(file);
        try {
            return interp.evalScript(dev.tclj.parse.Parser.parseUncompiled(text));
        } catch (TclException e) {
            if (e.code() == TclException.RETURN) {
                if (e.level <= 1 && e.returnCode == TclException.OK) return e.result();
                e.level--;
                throw e;
            }
            if (e.code() == TclException.ERROR) {
                interp.addErrorInfo(e, "\n    (file \"" + file + "\" line " + e.errorLine + ")");
            }
            throw e;
        } finally {
            interp.setScriptFile(save);
        }
    }
}
