package dev.tclj.cmd;

import dev.tclj.Interp;
import dev.tclj.TclException;
import dev.tclj.TclList;
import dev.tclj.TclObj;
import dev.tclj.io.Channel;
import dev.tclj.io.ChannelTable;
import dev.tclj.io.Pipeline;
import dev.tclj.io.StreamDriver;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * exec (pipelines, redirections, background jobs) and pid. The pipeline itself is
 * {@link Pipeline}; this class is the command's argument handling and result (Tcl_ExecObjCmd):
 * the output with its last newline removed, and an error when a child fails or writes to its
 * standard error.
 */
public final class ExecCmd {
    private ExecCmd() {}

    public static void register(Interp interp) {
        interp.createCommand("exec", ExecCmd::exec);
        interp.createCommand("pid", ExecCmd::pid);
    }

    private static final String[] OPTIONS = {"-ignorestderr", "-keepnewline", "--"};

    static TclObj exec(Interp interp, TclObj[] objv) throws TclException {
        boolean keepNewline = false, ignoreStderr = false;
        int skip = 1;
        for (; skip < objv.length; skip++) {
            String a = objv[skip].toString();
            if (!a.startsWith("-")) break;
            int idx = -1;
            for (int k = 0; k < OPTIONS.length; k++) if (OPTIONS[k].equals(a)) idx = k;
            if (idx < 0) {
                // exact match only (TCL_EXACT): a prefix is not an option
                throw TclException.error("bad option \"" + a + "\": must be -ignorestderr, -keepnewline, or --",
                        "TCL", "LOOKUP", "INDEX", "option", a);
            }
            if (idx == 0) ignoreStderr = true;
            else if (idx == 1) keepNewline = true;
            else {
                skip++;
                break;
            }
        }
        if (objv.length <= skip) throw TclException.wrongArgs(objv, 1, "?-option ...? arg ?arg ...?");
        int end = objv.length;
        boolean background = false;
        if (objv[end - 1].toString().equals("&")) {
            end--;
            background = true;
        }
        String[] argv = new String[end - skip];
        for (int i = 0; i < argv.length; i++) argv[i] = objv[skip + i].toString();
        if (argv.length == 0) throw TclException.error("illegal use of | or |& in command", "TCL", "OPERATION", "EXEC", "PIPESYNTAX");
        Pipeline p = Pipeline.parse(interp, argv);
        if (background) {
            p.start(false, false, false);
            p.detach();
            List<TclObj> pids = new ArrayList<>();
            for (long id : p.pids()) pids.add(TclObj.of(id));
            return TclObj.ofList(TclList.of(pids));
        }
        p.start(false, true, !ignoreStderr);
        StringBuilder sb = new StringBuilder();
        if (p.output() != null) {
            // the output is read as a channel with default settings: system encoding, auto eol
            Channel c = new Channel("exec", new StreamDriver("pipe", p.output(), null), true, false);
            try {
                c.read(sb, Integer.MAX_VALUE);
            } catch (IOException e) {
                sb.append("error reading output from command: ").append(dev.tclj.io.PosixError.of(e).message);
            }
            try {
                p.output().close();
            } catch (IOException e) {
                // already at its end
            }
        }
        Pipeline.Outcome o = p.finish();
        sb.append(o.message);
        int n = sb.length();
        if (!keepNewline && n > 0 && sb.charAt(n - 1) == '\n') sb.setLength(n - 1);
        if (o.error) {
            TclException e = TclException.error(sb.toString());
            if (o.errorCode != null) e.errorCode = o.errorCode;
            throw e;
        }
        return TclObj.of(sb.toString());
    }

    static TclObj pid(Interp interp, TclObj[] objv) throws TclException {
        if (objv.length > 2) throw TclException.wrongArgs(objv, 1, "?channelId?");
        if (objv.length == 1) return TclObj.of(ProcessHandle.current().pid());
        Channel c = ChannelTable.of(interp).get(objv[1].toString());
        List<TclObj> l = new ArrayList<>();
        for (long id : c.driver().pids()) l.add(TclObj.of(id));
        return TclObj.ofList(TclList.of(l));
    }
}
