package dev.tclj.cmd;

import dev.tclj.Command;
import dev.tclj.Interp;
import dev.tclj.TclException;
import dev.tclj.TclObj;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * An ensemble of subcommands (string, dict, info, namespace, array...): a table from name to
 * implementation with unique-prefix matching and Tcl's "unknown or ambiguous subcommand" error.
 * Subcommand implementations receive the whole objv (objv[1] is the subcommand).
 */
public final class Subcommands implements Command {
    private final String name;
    private final TreeMap<String, Command> table = new TreeMap<>();
    /** Exact names, for the common case without a prefix search. */
    private final java.util.HashMap<String, Command> exact = new java.util.HashMap<>();
    private final String usage;

    public Subcommands(String name) { this(name, "subcommand ?arg ...?"); }

    public Subcommands(String name, String usage) {
        this.name = name;
        this.usage = usage;
    }

    public Subcommands add(String sub, Command c) {
        if (frozen) throw new IllegalStateException("the " + name + " ensemble is shared between interpreters and cannot change");
        table.put(sub, c);
        exact.put(sub, c);
        return this;
    }

    public Map<String, Command> table() { return java.util.Collections.unmodifiableMap(table); }

    /**
     * Set once the table is shared by every interpreter (see dev.tclj.BuiltinTable): from then
     * on it cannot change, since several interpreters on several threads read it.
     */
    private volatile boolean frozen;

    public void freeze() { frozen = true; }

    /** Looks up a subcommand by exact name or unique prefix; throws Tcl's error otherwise. */
    public Command lookup(String sub) throws TclException {
        Command c = exact.get(sub);
        if (c != null) return c;
        List<String> matches = new ArrayList<>();
        if (!sub.isEmpty()) {
            for (String k : table.tailMap(sub).keySet()) {
                if (k.startsWith(sub)) matches.add(k); else break;
            }
        }
        if (matches.size() == 1) return table.get(matches.get(0));
        throw unknown(sub);
    }

    TclException unknown(String sub) {
        StringBuilder sb = new StringBuilder("unknown or ambiguous subcommand \"").append(sub).append("\": must be ");
        List<String> keys = new ArrayList<>(table.keySet());
        appendChoices(sb, keys);
        return TclException.error(sb.toString(), "TCL", "LOOKUP", "SUBCOMMAND", sub);
    }

    /** Appends "a, b, or c" (Tcl's list of choices). */
    public static void appendChoices(StringBuilder sb, List<String> keys) {
        for (int i = 0; i < keys.size(); i++) {
            if (i > 0) sb.append(keys.size() == 2 ? " " : ", ");
            if (i == keys.size() - 1 && i > 0) sb.append("or ");
            sb.append(keys.get(i));
        }
    }

    @Override
    public TclObj invoke(Interp interp, TclObj[] objv) throws TclException {
        if (objv.length < 2) throw TclException.wrongArgs(objv, 1, usage);
        String sub = objv[1].toString();
        Command c = exact.get(sub);
        if (c != null) return c.invoke(interp, objv);
        c = lookup(sub);
        // A unique prefix: the subcommand sees (and its messages show) the full name, as in Tcl.
        for (java.util.Map.Entry<String, Command> e : table.tailMap(sub).entrySet()) {
            if (e.getValue() == c) {
                TclObj[] words = objv.clone();
                words[1] = TclObj.of(e.getKey());
                return c.invoke(interp, words);
            }
        }
        return c.invoke(interp, objv);
    }

    /**
     * Tcl_GetIndexFromObj: matches {@code word} against {@code choices} (exact or unique prefix);
     * the error reads "bad <what> "x": must be a, b, or c".
     */
    public static int index(TclObj word, String[] choices, String what) throws TclException {
        String w = word.toString();
        int found = -1;
        for (int i = 0; i < choices.length; i++) {
            if (choices[i].equals(w)) return i;
        }
        if (!w.isEmpty()) {
            for (int i = 0; i < choices.length; i++) {
                if (choices[i].startsWith(w)) {
                    if (found >= 0) { found = -2; break; }
                    found = i;
                }
            }
        }
        if (found >= 0) return found;
        StringBuilder sb = new StringBuilder("bad ").append(what).append(" \"").append(w).append("\": must be ");
        if (found == -2) sb = new StringBuilder("ambiguous ").append(what).append(" \"").append(w).append("\": must be ");
        appendChoices(sb, List.of(choices));
        throw TclException.error(sb.toString(), "TCL", "LOOKUP", "INDEX", what, w);
    }
}
