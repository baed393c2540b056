package dev.tclj.cmd;

import dev.tclj.Interp;
import dev.tclj.Namespace;
import dev.tclj.TclException;
import dev.tclj.TclList;
import dev.tclj.TclObj;

/**
 * The tcl::prefix ensemble (match, all, longest): unique-prefix lookup of a word in a table, as
 * Tcl_GetIndexFromObj does it for C commands, offered to scripts.
 */
public final class PrefixCmd {
    private PrefixCmd() {}

    private static final String[] MATCH_OPTIONS = {"-error", "-exact", "-message"};

    public static void register(Interp interp) {
        Namespace global = interp.globalNamespace();
        if (interp.findNamespace("::tcl", global) == null) interp.createNamespace("::tcl", global);
        Subcommands s = new Subcommands("tcl::prefix");
        s.add("all", PrefixCmd::all);
        s.add("longest", PrefixCmd::longest);
        s.add("match", PrefixCmd::match);
        interp.createCommand("::tcl::prefix", s);
    }

    /**
     * Tcl_GetIndexFromObj over a table of strings: the index of the entry equal to {@code key},
     * or (unless exact) of the only entry it abbreviates. The error lists the entries, leaving
     * out empty ones except the last, as Tcl does: "bad option "x": must be a, b, or c".
     */
    public static int lookup(String key, TclList table, String what, boolean exact) throws TclException {
        int n = table.size();
        int index = -1, abbrev = 0;
        for (int i = 0; i < n; i++) {
            String e = table.get(i).toString();
            if (e.equals(key)) return i;
            if (e.startsWith(key)) {
                abbrev++;
                index = i;
            }
        }
        if (!exact && !key.isEmpty() && abbrev == 1) return index;
        StringBuilder sb = new StringBuilder(abbrev > 1 && !exact ? "ambiguous " : "bad ");
        sb.append(what).append(" \"").append(key);
        int i = 0;
        while (i < n && table.get(i).toString().isEmpty()) i++;
        if (i == n) {
            sb.append("\": no valid options");
        } else {
            sb.append("\": must be ").append(table.get(i));
            int count = 0;
            for (i++; i < n; i++) {
                String e = table.get(i).toString();
                if (i == n - 1) {
                    sb.append(count > 0 ? "," : "").append(" or ").append(e);
                } else if (!e.isEmpty()) {
                    sb.append(", ").append(e);
                    count++;
                }
            }
        }
        throw TclException.error(sb.toString(), "TCL", "LOOKUP", "INDEX", what, key);
    }

    /** tcl::prefix match ?-exact? ?-message string? ?-error options? table string */
    static TclObj match(Interp interp, TclObj[] objv) throws TclException {
        int objc = objv.length;
        if (objc < 4) throw TclException.wrongArgs(objv, 2, "?options? table string");
        boolean exact = false;
        String message = "option";
        TclList errorOptions = null;
        for (int i = 2; i < objc - 2; i++) {
            switch (Subcommands.index(objv[i], MATCH_OPTIONS, "option")) {
                case 0 -> {
                    if (i > objc - 4) throw TclException.error("missing value for -error", "TCL", "OPERATION", "NOARG");
                    errorOptions = objv[++i].asList();
                    if (errorOptions.size() % 2 != 0) {
                        throw TclException.error("error options must have an even number of elements", "TCL", "VALUE", "DICTIONARY");
                    }
                }
                case 1 -> exact = true;
                default -> {
                    if (i > objc - 4) throw TclException.error("missing value for -message", "TCL", "OPERATION", "NOARG");
                    message = objv[++i].toString();
                }
            }
        }
        TclList table = objv[objc - 2].asList();
        try {
            return table.get(lookup(objv[objc - 1].toString(), table, message, exact));
        } catch (TclException e) {
            if (errorOptions == null) throw e;
            if (errorOptions.size() == 0) return TclObj.EMPTY;
            // Tcl_SetReturnOptions with the given options plus "-code 1": as return -options.
            TclObj[] words = new TclObj[errorOptions.size() + 4];
            words[0] = TclObj.of("return");
            for (int k = 0; k < errorOptions.size(); k++) words[k + 1] = errorOptions.get(k);
            words[words.length - 3] = TclObj.of("-code");
            words[words.length - 2] = TclObj.of(1);
            words[words.length - 1] = e.result();
            return ProcCmds.returnCmd(interp, words);
        }
    }

    /** tcl::prefix all table string: the entries that start with string. */
    static TclObj all(Interp interp, TclObj[] objv) throws TclException {
        if (objv.length != 4) throw TclException.wrongArgs(objv, 2, "table string");
        TclList table = objv[2].asList();
        String key = objv[3].toString();
        TclList out = TclList.EMPTY;
        for (int i = 0; i < table.size(); i++) {
            if (table.get(i).toString().startsWith(key)) out = out.append(table.get(i));
        }
        return TclObj.ofList(out);
    }

    /** tcl::prefix longest table string: the longest common prefix of the entries that start with string. */
    static TclObj longest(Interp interp, TclObj[] objv) throws TclException {
        if (objv.length != 4) throw TclException.wrongArgs(objv, 2, "table string");
        TclList table = objv[2].asList();
        String key = objv[3].toString();
        String result = null;
        for (int i = 0; i < table.size(); i++) {
            String e = table.get(i).toString();
            if (!e.startsWith(key)) continue;
            if (result == null) {
                result = e;
                continue;
            }
            int n = Math.min(result.length(), e.length());
            int k = 0;
            while (k < n && result.charAt(k) == e.charAt(k)) k++;
            // never cut between the halves of a surrogate pair
            if (k > 0 && k < result.length() && Character.isHighSurrogate(result.charAt(k - 1))) k--;
            result = result.substring(0, k);
        }
        return result == null ? TclObj.EMPTY : TclObj.of(result);
    }
}
