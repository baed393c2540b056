package dev.tclj.cmd;

import dev.tclj.CommandEntry;
import dev.tclj.CommandTraces;
import dev.tclj.Interp;
import dev.tclj.TclException;
import dev.tclj.TclList;
import dev.tclj.TclObj;
import dev.tclj.VarTrace;
import dev.tclj.VarTraces;

import java.util.ArrayList;
import java.util.List;

/**
 * The {@code trace} command: {@code add/remove/info} for variable, command and execution
 * traces, and the legacy {@code variable/vdelete/vinfo} forms. Firing is done by
 * {@link VarTraces}, {@link CommandTraces} and the evaluator's execution-trace hook.
 */
public final class TraceCmd {
    private TraceCmd() {}

    private static final String[] OPTIONS = {"add", "info", "remove", "variable", "vdelete", "vinfo"};
    private static final String[] TYPES = {"execution", "command", "variable"};
    private static final String[] VAR_OPS = {"array", "read", "unset", "write"};
    private static final int[] VAR_BITS = {VarTrace.ARRAY, VarTrace.READ, VarTrace.UNSET, VarTrace.WRITE};
    private static final String[] CMD_OPS = {"delete", "rename"};
    private static final int[] CMD_BITS = {CommandTraces.DELETE, CommandTraces.RENAME};
    private static final String[] EXEC_OPS = {"enter", "leave", "enterstep", "leavestep"};
    private static final int[] EXEC_BITS = {CommandTraces.ENTER, CommandTraces.LEAVE, CommandTraces.ENTERSTEP, CommandTraces.LEAVESTEP};

    public static void register(Interp interp) {
        interp.createCommand("trace", TraceCmd::trace);
    }

    static TclObj trace(Interp interp, TclObj[] objv) throws TclException {
        if (objv.length < 2) throw TclException.wrongArgs(objv, 1, "option ?arg ...?");
        int opt = Subcommands.index(objv[1], OPTIONS, "option");
        switch (opt) {
            case 0: case 1: case 2: {
                if (objv.length < 3) throw TclException.wrongArgs(objv, 2, opt == 1 ? "type name" : "type ?arg ...?");
                int type = Subcommands.index(objv[2], TYPES, "option");
                if (type == 2) return variableTrace(interp, objv, opt);
                return commandTrace(interp, objv, opt, type == 0);
            }
            case 3: { // trace variable name ops command
                if (objv.length != 5) throw TclException.wrongArgs(objv, 2, "name ops command");
                int ops = legacyOps(objv[3]);
                VarTraces.add(interp, objv[2].toString(), new VarTrace(ops | VarTraces.OLD_STYLE, objv[4], null));
                return TclObj.EMPTY;
            }
            case 4: { // trace vdelete name ops command
                if (objv.length != 5) throw TclException.wrongArgs(objv, 2, "name ops command");
                int ops = legacyOps(objv[3]);
                VarTraces.remove(interp, objv[2].toString(), ops, objv[4].toString());
                return TclObj.EMPTY;
            }
            default: { // trace vinfo name
                if (objv.length != 3) throw TclException.wrongArgs(objv, 2, "name");
                ArrayList<TclObj> out = new ArrayList<>();
                for (VarTrace t : VarTraces.list(interp, objv[2].toString())) {
                    if (t.command == null) continue;
                    StringBuilder letters = new StringBuilder();
                    if ((t.ops & VarTrace.READ) != 0) letters.append('r');
                    if ((t.ops & VarTrace.WRITE) != 0) letters.append('w');
                    if ((t.ops & VarTrace.UNSET) != 0) letters.append('u');
                    if ((t.ops & VarTrace.ARRAY) != 0) letters.append('a');
                    out.add(TclObj.ofList(TclObj.of(letters.toString()), t.command));
                }
                return TclObj.ofList(TclList.of(out));
            }
        }
    }

    /** The letters of the legacy form (r w u a) as operation bits. */
    private static int legacyOps(TclObj word) throws TclException {
        String s = word.toString();
        int ops = 0;
        for (int i = 0; i < s.length(); i++) {
            switch (s.charAt(i)) {
                case 'r': ops |= VarTrace.READ; break;
                case 'w': ops |= VarTrace.WRITE; break;
                case 'u': ops |= VarTrace.UNSET; break;
                case 'a': ops |= VarTrace.ARRAY; break;
                default: ops = 0; i = s.length(); break;
            }
        }
        if (ops == 0) {
            throw TclException.error("bad operations \"" + s + "\": should be one or more of rwua", "TCL", "OPERATION", "TRACE", "BADOPS");
        }
        return ops;
    }

    /** Parses an operation list against the choices for a trace type. */
    private static int parseOps(TclObj list, String[] names, int[] bits) throws TclException {
        TclList l = list.asList();
        if (l.size() == 0) {
            StringBuilder sb = new StringBuilder("bad operation list \"").append(list).append("\": must be one or more of ");
            Subcommands.appendChoices(sb, List.of(names));
            throw TclException.error(sb.toString(), "TCL", "OPERATION", "TRACE", "NOOPS");
        }
        int ops = 0;
        for (int i = 0; i < l.size(); i++) {
            String op = l.get(i).toString();
            int k = List.of(names).indexOf(op);
            if (k < 0) {
                // operation names must be exact (no abbreviations), as in Tcl
                StringBuilder sb = new StringBuilder("bad operation \"").append(op).append("\": must be ");
                Subcommands.appendChoices(sb, List.of(names));
                throw TclException.error(sb.toString(), "TCL", "LOOKUP", "INDEX", "operation", op);
            }
            ops |= bits[k];
        }
        return ops;
    }

    /** The operation names of a trace, in Tcl's order. */
    private static TclObj opsList(int ops, String[] order, int[] bits) {
        ArrayList<TclObj> out = new ArrayList<>();
        for (int i = 0; i < order.length; i++) if ((ops & bits[i]) != 0) out.add(TclObj.of(order[i]));
        return TclObj.ofList(TclList.of(out));
    }

    private static final String[] VAR_ORDER = {"array", "read", "write", "unset"};
    private static final int[] VAR_ORDER_BITS = {VarTrace.ARRAY, VarTrace.READ, VarTrace.WRITE, VarTrace.UNSET};

    static TclObj variableTrace(Interp interp, TclObj[] objv, int opt) throws TclException {
        String name;
        if (opt == 1) {
            if (objv.length != 4) throw TclException.wrongArgs(objv, 3, "name");
            name = objv[3].toString();
            ArrayList<TclObj> out = new ArrayList<>();
            for (VarTrace t : VarTraces.list(interp, name)) {
                if (t.command == null) continue;
                out.add(TclObj.ofList(opsList(t.ops, VAR_ORDER, VAR_ORDER_BITS), t.command));
            }
            return TclObj.ofList(TclList.of(out));
        }
        if (objv.length != 6) throw TclException.wrongArgs(objv, 3, "name opList command");
        name = objv[3].toString();
        int ops = parseOps(objv[4], VAR_OPS, VAR_BITS);
        if (opt == 0) VarTraces.add(interp, name, new VarTrace(ops, objv[5], null));
        else VarTraces.remove(interp, name, ops, objv[5].toString());
        return TclObj.EMPTY;
    }

    static TclObj commandTrace(Interp interp, TclObj[] objv, int opt, boolean execution) throws TclException {
        String[] names = execution ? EXEC_OPS : CMD_OPS;
        int[] bits = execution ? EXEC_BITS : CMD_BITS;
        if (opt == 1) {
            if (objv.length != 4) throw TclException.wrongArgs(objv, 3, "name");
        } else if (objv.length != 6) {
            throw TclException.wrongArgs(objv, 3, "name opList command");
        }
        String name = objv[3].toString();
        int ops = opt == 1 ? 0 : parseOps(objv[4], names, bits);
        CommandEntry ce = interp.findCommand(name);
        if (ce == null) {
            throw TclException.error("unknown command \"" + name + "\"", "TCL", "LOOKUP", "COMMAND", name);
        }
        if (opt == 1) {
            ArrayList<TclObj> out = new ArrayList<>();
            String[] order = execution ? EXEC_OPS : new String[]{"rename", "delete"};
            int[] orderBits = execution ? EXEC_BITS : new int[]{CommandTraces.RENAME, CommandTraces.DELETE};
            int mask = execution ? CommandTraces.ENTER | CommandTraces.LEAVE | CommandTraces.ENTERSTEP | CommandTraces.LEAVESTEP
                    : CommandTraces.RENAME | CommandTraces.DELETE;
            for (CommandTraces.Trace t : CommandTraces.list(ce, mask)) {
                out.add(TclObj.ofList(opsList(t.ops, order, orderBits), t.command));
            }
            return TclObj.ofList(TclList.of(out));
        }
        if (opt == 0 && execution) dev.tclj.Ensemble.adoptForTrace(interp, ce);
        if (opt == 0) CommandTraces.add(interp, ce, ops, objv[5]);
        else CommandTraces.remove(interp, ce, ops, objv[5].toString());
        return TclObj.EMPTY;
    }
}
