package dev.tclj.cmd;

import dev.tclj.ArrayVars;
import dev.tclj.Glob;
import dev.tclj.Interp;
import dev.tclj.TclException;
import dev.tclj.TclList;
import dev.tclj.TclObj;
import dev.tclj.Var;
import dev.tclj.parse.Cmd;
import dev.tclj.regex.TclRegex;

import java.util.ArrayList;
import java.util.List;

/**
 * The array command (Tcl 8.6): an ensemble of subcommands over array variables. Every subcommand
 * fires the array traces of an existing array (or undefined variable) first, as tclsh does; element
 * reads, writes and unsets go through the interpreter, so element and whole-array traces fire too.
 * Variable internals are handled by {@link ArrayVars}.
 */
public final class ArrayCmd {
    private ArrayCmd() {}

    public static void register(Interp interp) {
        Subcommands s = new Subcommands("array");
        s.add("anymore", ArrayCmd::anymore);
        s.add("donesearch", ArrayCmd::donesearch);
        s.add("exists", ArrayCmd::exists);
        s.add("get", ArrayCmd::get);
        s.add("names", ArrayCmd::names);
        s.add("nextelement", ArrayCmd::nextelement);
        s.add("set", ArrayCmd::set);
        s.add("size", ArrayCmd::size);
        s.add("startsearch", ArrayCmd::startsearch);
        s.add("statistics", ArrayCmd::statistics);
        s.add("unset", ArrayCmd::unset);
        interp.createCommand("array", s);
    }

    /** Tcl_WrongNumArgs as an ensemble reports it: the command as typed, the full subcommand name. */
    private static TclException wrong(TclObj[] objv, String sub, String usage) {
        return TclException.wrongArgs(new TclObj[]{objv[0], TclObj.of(sub)}, 2, usage);
    }

    /** The array named by objv[2], which must exist. */
    private static Var requireArray(Interp interp, TclObj[] objv) throws TclException {
        String name = objv[2].toString();
        Var v = ArrayVars.lookup(interp, name);
        if (!ArrayVars.isArray(v)) throw ArrayVars.notArray(name);
        return v;
    }

    static TclObj exists(Interp interp, TclObj[] objv) throws TclException {
        if (objv.length != 3) throw wrong(objv, "exists", "arrayName");
        return TclObj.of(ArrayVars.isArray(ArrayVars.lookup(interp, objv[2].toString())));
    }

    static TclObj size(Interp interp, TclObj[] objv) throws TclException {
        if (objv.length != 3) throw wrong(objv, "size", "arrayName");
        Var v = ArrayVars.lookup(interp, objv[2].toString());
        return TclObj.of(ArrayVars.isArray(v) ? ArrayVars.size(v) : 0);
    }

    static TclObj statistics(Interp interp, TclObj[] objv) throws TclException {
        if (objv.length != 3) throw wrong(objv, "statistics", "arrayName");
        return TclObj.of(ArrayVars.statistics(requireArray(interp, objv)));
    }

    private static final String[] MODES = {"-exact", "-glob", "-regexp"};

    /** A test of element names for one of the modes of array names. */
    private interface NameFilter {
        boolean test(String name) throws TclException;
    }

    private static NameFilter filter(int mode, TclObj pattern) throws TclException {
        String p = pattern.toString();
        if (mode == 0) return p::equals;
        if (mode == 1) return n -> Glob.match(p, n, false);
        // Tcl_RegExpMatchObj: an advanced regular expression, matching anywhere in the name
        TclRegex re = TclRegex.fromObj(pattern, TclRegex.ADVANCED);
        return n -> re.matcher(n).find(0);
    }

    /** Names matching, in tclsh's order; a pattern without glob characters is a direct lookup. */
    private static List<String> matching(Var v, int mode, TclObj patternObj) throws TclException {
        String pattern = patternObj == null ? null : patternObj.toString();
        if (pattern != null && (mode == 0 || (mode == 1 && !Glob.hasSpecial(pattern)))) {
            return ArrayVars.hasElement(v, pattern) ? List.of(pattern) : List.of();
        }
        if (pattern == null) return ArrayVars.names(v);
        NameFilter f = filter(mode, patternObj);
        List<String> all = ArrayVars.names(v);
        List<String> out = new ArrayList<>();
        for (String n : all) if (f.test(n)) out.add(n);
        return out;
    }

    private static TclObj listOf(List<String> names) {
        if (names.isEmpty()) return TclObj.EMPTY;
        TclObj[] a = new TclObj[names.size()];
        for (int i = 0; i < a.length; i++) a[i] = TclObj.of(names.get(i));
        return TclObj.ofList(new TclList(a, a.length));
    }

    static TclObj names(Interp interp, TclObj[] objv) throws TclException {
        if (objv.length < 3 || objv.length > 5) throw wrong(objv, "names", "arrayName ?mode? ?pattern?");
        Var v = ArrayVars.lookup(interp, objv[2].toString());
        int mode = 1;
        TclObj pattern = null;
        if (objv.length == 5) {
            mode = Subcommands.index(objv[3], MODES, "option");
            pattern = objv[4];
        } else if (objv.length == 4) {
            pattern = objv[3];
        }
        if (!ArrayVars.isArray(v)) return TclObj.EMPTY;
        return listOf(matching(v, mode, pattern));
    }

    static TclObj get(Interp interp, TclObj[] objv) throws TclException {
        if (objv.length != 3 && objv.length != 4) throw wrong(objv, "get", "arrayName ?pattern?");
        String name = objv[2].toString();
        Var v = ArrayVars.lookup(interp, name);
        if (!ArrayVars.isArray(v)) return TclObj.EMPTY;
        List<String> names = matching(v, 1, objv.length == 4 ? objv[3] : null);
        ArrayList<TclObj> out = new ArrayList<>(names.size() * 2);
        for (String n : names) {
            TclObj val;
            try {
                // element reads fire read traces, which may unset elements or the whole array
                val = interp.readVar(name, n, null);
            } catch (TclException e) {
                if (ArrayVars.stillArray(v)) continue;
                throw e;
            }
            out.add(TclObj.of(n));
            out.add(val);
        }
        return out.isEmpty() ? TclObj.EMPTY : TclObj.ofList(TclList.of(out));
    }

    static TclObj set(Interp interp, TclObj[] objv) throws TclException {
        if (objv.length != 4) throw wrong(objv, "set", "arrayName list");
        Cmd self = interp.currentCmd;
        String name = objv[2].toString();
        ArrayVars.lookup(interp, name);
        if (Interp.splitArrayName(name) != null) {
            throw TclException.error("can't set \"" + name + "\": variable isn't array", "TCL", "LOOKUP", "VARNAME", name);
        }
        TclList l = null;
        TclException badList = null;
        try {
            l = objv[3].asList();
        } catch (TclException e) {
            badList = e;
        }
        // tclsh compiles array set of a literal name in a procedure: the array is made first,
        // through a link for a qualified name ("can't access ..."); a missing namespace is
        // reported before a bad list
        boolean compiled = DictCmd.compiledInline(interp, self, objv, 2);
        if (name.contains("::")) {
            ArrayVars.checkCreatable(interp, name,
                    compiled && l != null && l.size() > 0 && (l.size() & 1) == 0 ? "access" : "set");
        }
        if (badList != null) throw badList;
        if ((l.size() & 1) != 0) {
            throw TclException.error("list must have an even number of elements", "TCL", "ARGUMENT", "FORMAT");
        }
        if (l.size() == 0 || compiled) {
            ArrayVars.makeArray(interp, name);
            if (l.size() == 0) return TclObj.EMPTY;
        }
        ArrayVars.checkNotElement(interp, name, l.get(0).toString());
        for (int i = 0; i < l.size(); i += 2) interp.writeVar(name, l.get(i).toString(), l.get(i + 1), null);
        return TclObj.EMPTY;
    }

    static TclObj unset(Interp interp, TclObj[] objv) throws TclException {
        if (objv.length != 3 && objv.length != 4) throw wrong(objv, "unset", "arrayName ?pattern?");
        String name = objv[2].toString();
        Var v = ArrayVars.lookup(interp, name);
        if (!ArrayVars.isArray(v)) return TclObj.EMPTY;
        if (objv.length == 3) {
            interp.unsetVar(name, null, false);
            return TclObj.EMPTY;
        }
        for (String n : matching(v, 1, objv[3])) {
            // an unset trace may have removed others, or the whole array
            if (!ArrayVars.stillArray(v)) break;
            if (ArrayVars.hasElement(v, n)) interp.unsetVar(name, n, false);
        }
        return TclObj.EMPTY;
    }

    static TclObj startsearch(Interp interp, TclObj[] objv) throws TclException {
        if (objv.length != 3) throw wrong(objv, "startsearch", "arrayName");
        String name = objv[2].toString();
        return TclObj.of(ArrayVars.startSearch(interp, requireArray(interp, objv), name));
    }

    static TclObj nextelement(Interp interp, TclObj[] objv) throws TclException {
        if (objv.length != 4) throw wrong(objv, "nextelement", "arrayName searchId");
        Var v = requireArray(interp, objv);
        return TclObj.of(ArrayVars.nextElement(interp, v, objv[2].toString(), objv[3].toString()));
    }

    static TclObj anymore(Interp interp, TclObj[] objv) throws TclException {
        if (objv.length != 4) throw wrong(objv, "anymore", "arrayName searchId");
        Var v = requireArray(interp, objv);
        return TclObj.of(ArrayVars.anyMore(interp, v, objv[2].toString(), objv[3].toString()));
    }

    static TclObj donesearch(Interp interp, TclObj[] objv) throws TclException {
        if (objv.length != 4) throw wrong(objv, "donesearch", "arrayName searchId");
        Var v = requireArray(interp, objv);
        ArrayVars.doneSearch(interp, v, objv[2].toString(), objv[3].toString());
        return TclObj.EMPTY;
    }
}
