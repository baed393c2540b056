package dev.tclj.cmd;

import dev.tclj.Glob;
import dev.tclj.Interp;
import dev.tclj.StringBuilderRep;
import dev.tclj.TclDict;
import dev.tclj.TclException;
import dev.tclj.TclList;
import dev.tclj.TclObj;
import dev.tclj.parse.Cmd;
import dev.tclj.parse.Word;

import java.util.Arrays;

/**
 * The dict command (Tcl 8.6): an ensemble over {@link TclDict} values.
 *
 * <p>Variable-based subcommands (set, unset, append, lappend, incr) read the variable as
 * Tcl_ObjGetVar2 does without an error message (a variable that cannot be read counts as an empty
 * dict) and write it back with traces and error messages. Values are immutable: "modifying" a dict
 * makes a new version, the old one stays what it was for whoever still holds it, and changing the
 * newest version costs O(1) (see {@link TclDict}).
 */
public final class DictCmd {
    private DictCmd() {}

    public static void register(Interp interp) {
        Subcommands s = new Subcommands("dict");
        s.add("append", DictCmd::append);
        s.add("create", DictCmd::create);
        s.add("exists", DictCmd::exists);
        s.add("filter", DictCmd::filter);
        s.add("for", DictCmd::forCmd);
        s.add("get", DictCmd::get);
        s.add("incr", DictCmd::incr);
        s.add("info", DictCmd::info);
        s.add("keys", (in, objv) -> keysOrValues(objv, true));
        s.add("lappend", DictCmd::lappend);
        s.add("map", DictCmd::map);
        s.add("merge", DictCmd::merge);
        s.add("remove", DictCmd::remove);
        s.add("replace", DictCmd::replace);
        s.add("set", DictCmd::set);
        s.add("size", DictCmd::size);
        s.add("unset", DictCmd::unset);
        s.add("update", DictCmd::update);
        s.add("values", (in, objv) -> keysOrValues(objv, false));
        s.add("with", DictCmd::with);
        interp.createCommand("dict", s);
    }

    // ======================================================================================
    // Shared pieces
    // ======================================================================================

    /** Tcl_WrongNumArgs as an ensemble reports it: the command as typed, the full subcommand name. */
    private static TclException wrong(TclObj[] objv, String sub, String usage) {
        return TclException.wrongArgs(new TclObj[]{objv[0], TclObj.of(sub)}, 2, usage);
    }

    private static TclException keyNotKnown(TclObj key) {
        String k = key.toString();
        return TclException.error("key \"" + k + "\" not known in dictionary", "TCL", "LOOKUP", "DICT", k);
    }

    /** A variable's value, or null if it cannot be read (Tcl_ObjGetVar2 without TCL_LEAVE_ERR_MSG). */
    private static TclObj readQuiet(Interp interp, String name) {
        try {
            return interp.readVar(name, null, name);
        } catch (TclException e) {
            return null;
        }
    }

    private static TclObj write(Interp interp, String name, TclDict d) throws TclException {
        return interp.writeVar(name, null, TclObj.ofDict(d), name);
    }

    /** The dict in a variable for the modifying subcommands: empty if the variable cannot be read. */
    private static TclDict varDict(Interp interp, String name) throws TclException {
        TclObj cur = readQuiet(interp, name);
        return cur == null ? TclDict.EMPTY : TclDict.from(cur);
    }

    /**
     * Follows keys[from..to) down nested dicts from d. A missing key is an error, or, when
     * {@code missingIsNull}, makes the result null. Every value passed through must be a dict.
     */
    private static TclDict tracePath(TclDict d, TclObj[] keys, int from, int to, boolean missingIsNull) throws TclException {
        for (int i = from; i < to; i++) {
            TclObj sub = d.get(keys[i]);
            if (sub == null) {
                if (missingIsNull) return null;
                throw keyNotKnown(keys[i]);
            }
            d = TclDict.from(sub);
        }
        return d;
    }

    /** d with the nested dict at keys[i..last) given keys[last] = value, creating missing levels. */
    private static TclDict putPath(TclDict d, TclObj[] keys, int i, int last, TclObj value) throws TclException {
        if (i == last) return d.put(keys[i], value);
        TclObj sub = d.get(keys[i]);
        TclDict sd = sub == null ? TclDict.EMPTY : TclDict.from(sub);
        return d.put(keys[i], TclObj.ofDict(putPath(sd, keys, i + 1, last, value)));
    }

    /** d with keys[last] removed from the nested dict at keys[i..last), which must exist. */
    private static TclDict removePath(TclDict d, TclObj[] keys, int i, int last) throws TclException {
        if (i == last) return d.remove(keys[i].toString());
        TclObj sub = d.get(keys[i]);
        if (sub == null) throw keyNotKnown(keys[i]);
        return d.put(keys[i], TclObj.ofDict(removePath(TclDict.from(sub), keys, i + 1, last)));
    }

    private interface LeafChange {
        TclDict apply(TclDict leaf) throws TclException;
    }

    /** d with the nested dict at keys[i..end) replaced by f of it; null if a key is missing. */
    private static TclDict changePath(TclDict d, TclObj[] keys, int i, int end, LeafChange f) throws TclException {
        if (i == end) return f.apply(d);
        TclObj sub = d.get(keys[i]);
        if (sub == null) return null;
        TclDict nd = changePath(TclDict.from(sub), keys, i + 1, end, f);
        return nd == null ? null : d.put(keys[i], TclObj.ofDict(nd));
    }

    /**
     * Whether tclsh would compile this command's body inline: it does so for a body written
     * literally in a procedure (elsewhere there are no local variable slots to compile against).
     */
    static boolean compiledInline(Interp interp, Cmd self, TclObj[] objv, int word) {
        return interp.currentFrame().isProc() && self != null && !self.hasExpansion && word < self.words.length
                && self.words.length == objv.length && self.words[word].kind == Word.LITERAL
                && self.words[word].literal == objv[word];
    }

    /**
     * Adds tclsh's errorInfo line for an error out of a body. A body compiled inline adds nothing
     * (its lines count in the procedure); otherwise tclsh appends {@code (what)} or
     * {@code (what line N)}.
     */
    private static void bodyError(Interp interp, TclException e, Cmd self, TclObj[] objv, int word,
                                  String what, boolean withLine) {
        if (e.code() != TclException.ERROR) return;
        if (compiledInline(interp, self, objv, word)) {
            interp.bodyError(e, self, word, null);
            return;
        }
        interp.addErrorInfo(e, withLine ? "\n    (" + what + " line " + e.errorLine + ")" : "\n    (" + what + ")");
    }

    /** tclsh's message for a non-integer in dict incr (no "looks like invalid octal" hint there). */
    private static TclException notInteger(TclObj o, String code) {
        return TclException.error("expected integer but got \"" + o + "\"", "TCL", "VALUE", code);
    }

    // ======================================================================================
    // Value subcommands
    // ======================================================================================

    static TclObj create(Interp interp, TclObj[] objv) throws TclException {
        if ((objv.length & 1) != 0) throw wrong(objv, "create", "?key value ...?");
        TclDict.Builder b = new TclDict.Builder((objv.length - 2) / 2);
        for (int i = 2; i < objv.length; i += 2) b.put(objv[i], objv[i + 1]);
        return TclObj.ofDict(b.build());
    }

    static TclObj get(Interp interp, TclObj[] objv) throws TclException {
        if (objv.length < 3) throw wrong(objv, "get", "dictionary ?key ...?");
        TclDict d = TclDict.from(objv[2]);
        if (objv.length == 3) return TclObj.ofList(d.toList());
        int last = objv.length - 1;
        if (last > 3) d = tracePath(d, objv, 3, last, false);
        TclObj v = d.get(objv[last]);
        if (v == null) throw keyNotKnown(objv[last]);
        return v;
    }

    static TclObj exists(Interp interp, TclObj[] objv) throws TclException {
        if (objv.length < 4) throw wrong(objv, "exists", "dictionary key ?key ...?");
        int last = objv.length - 1;
        try {
            TclDict d = tracePath(TclDict.from(objv[2]), objv, 3, last, true);
            return TclObj.of(d != null && d.containsKey(objv[last].toString()));
        } catch (TclException e) {
            // an invalid dict anywhere on the path means "no"
            return TclObj.of(false);
        }
    }

    static TclObj keysOrValues(TclObj[] objv, boolean keys) throws TclException {
        String sub = keys ? "keys" : "values";
        if (objv.length != 3 && objv.length != 4) throw wrong(objv, sub, "dictionary ?pattern?");
        TclDict d = TclDict.from(objv[2]);
        TclObj[] all = keys ? d.keys() : d.values();
        if (objv.length == 3) return TclObj.ofList(new TclList(all, all.length));
        String pat = objv[3].toString();
        if (keys && !Glob.hasSpecial(pat)) {
            return d.containsKey(pat) ? TclObj.ofList(objv[3]) : TclObj.EMPTY;
        }
        int n = 0;
        for (TclObj x : all) if (Glob.match(pat, x.toString(), false)) all[n++] = x;
        return n == 0 ? TclObj.EMPTY : TclObj.ofList(new TclList(all, n));
    }

    static TclObj size(Interp interp, TclObj[] objv) throws TclException {
        if (objv.length != 3) throw wrong(objv, "size", "dictionary");
        return TclObj.of(TclDict.from(objv[2]).size());
    }

    static TclObj info(Interp interp, TclObj[] objv) throws TclException {
        if (objv.length != 3) throw wrong(objv, "info", "dictionary");
        return TclObj.of(TclDict.from(objv[2]).hashStats());
    }

    static TclObj merge(Interp interp, TclObj[] objv) throws TclException {
        if (objv.length == 2) return TclObj.EMPTY;
        TclDict d = TclDict.from(objv[2]);
        // tclsh returns the first dict as it was given, string and all, unless something is put in it
        boolean changed = false;
        for (int i = 3; i < objv.length; i++) {
            TclList pairs = TclDict.from(objv[i]).toList();
            for (int j = 0; j < pairs.size(); j += 2) d = d.put(pairs.get(j), pairs.get(j + 1));
            changed |= pairs.size() > 0;
        }
        return changed ? TclObj.ofDict(d) : objv[2];
    }

    static TclObj remove(Interp interp, TclObj[] objv) throws TclException {
        if (objv.length < 3) throw wrong(objv, "remove", "dictionary ?key ...?");
        TclDict d = TclDict.from(objv[2]);
        for (int i = 3; i < objv.length; i++) d = d.remove(objv[i].toString());
        return TclObj.ofDict(d);
    }

    static TclObj replace(Interp interp, TclObj[] objv) throws TclException {
        if (objv.length < 3 || (objv.length & 1) == 0) throw wrong(objv, "replace", "dictionary ?key value ...?");
        TclDict d = TclDict.from(objv[2]);
        for (int i = 3; i < objv.length; i += 2) d = d.put(objv[i], objv[i + 1]);
        return TclObj.ofDict(d);
    }

    // ======================================================================================
    // Variable subcommands
    // ======================================================================================

    static TclObj set(Interp interp, TclObj[] objv) throws TclException {
        if (objv.length < 5) throw wrong(objv, "set", "dictVarName key ?key ...? value");
        String name = objv[2].toString();
        TclDict d = varDict(interp, name);
        return write(interp, name, putPath(d, objv, 3, objv.length - 2, objv[objv.length - 1]));
    }

    static TclObj unset(Interp interp, TclObj[] objv) throws TclException {
        if (objv.length < 4) throw wrong(objv, "unset", "dictVarName key ?key ...?");
        String name = objv[2].toString();
        TclDict d = varDict(interp, name);
        return write(interp, name, removePath(d, objv, 3, objv.length - 1));
    }

    static TclObj append(Interp interp, TclObj[] objv) throws TclException {
        if (objv.length < 4) throw wrong(objv, "append", "dictVarName key ?value ...?");
        String name = objv[2].toString();
        TclDict d = varDict(interp, name);
        TclObj v = d.get(objv[3]);
        if (v == null && objv.length == 5) {
            v = objv[4];
        } else {
            if (v == null) v = TclObj.EMPTY;
            // appends in place when the value is the newest version of its string (amortized O(1))
            long max = interp.maxValueSize();
            for (int i = 4; i < objv.length; i++) v = StringBuilderRep.append(v, objv[i].toString(), max);
        }
        return write(interp, name, d.put(objv[3], v));
    }

    static TclObj lappend(Interp interp, TclObj[] objv) throws TclException {
        if (objv.length < 4) throw wrong(objv, "lappend", "dictVarName key ?value ...?");
        String name = objv[2].toString();
        TclDict d = varDict(interp, name);
        TclObj v = d.get(objv[3]);
        if (v == null) {
            v = objv.length == 4 ? TclObj.EMPTY
                    : TclObj.ofList(new TclList(Arrays.copyOfRange(objv, 4, objv.length), objv.length - 4));
        } else if (objv.length > 4) {
            TclList l = v.asList();
            v = TclObj.ofList(objv.length == 5 ? l.append(objv[4]) : l.appendAll(objv, 4, objv.length));
        }
        return write(interp, name, d.put(objv[3], v));
    }

    static TclObj incr(Interp interp, TclObj[] objv) throws TclException {
        if (objv.length != 4 && objv.length != 5) throw wrong(objv, "incr", "dictVarName key ?increment?");
        String name = objv[2].toString();
        TclDict d = varDict(interp, name);
        TclObj cur = d.get(objv[3]);
        TclObj inc = objv.length == 5 ? objv[4] : null;
        TclObj nv;
        if (cur != null && !cur.toInteger()) throw notInteger(cur, "INTEGER");
        if (inc != null && !inc.toInteger()) {
            // a new key reads the increment as a bignum, whose error code says NUMBER unless it
            // is a number at all
            TclException e = notInteger(inc, cur != null || inc.toNumber() ? "INTEGER" : "NUMBER");
            interp.addErrorInfo(e, "\n    (reading increment)");
            throw e;
        }
        if (cur == null) nv = inc != null ? inc : TclObj.of(1);
        else nv = VarCmds.add(cur, inc);
        return write(interp, name, d.put(objv[3], nv));
    }

    // ======================================================================================
    // Iteration
    // ======================================================================================

    private static String[] twoVars(TclObj list, String sub) throws TclException {
        TclList vars = list.asList();
        if (vars.size() != 2) {
            throw TclException.error("must have exactly two variable names", "TCL", "SYNTAX", "dict", sub);
        }
        return new String[]{vars.get(0).toString(), vars.get(1).toString()};
    }

    static TclObj forCmd(Interp interp, TclObj[] objv) throws TclException {
        if (objv.length != 5) throw wrong(objv, "for", "{keyVarName valueVarName} dictionary script");
        Cmd self = interp.currentCmd;
        String[] vars = twoVars(objv[2], "for");
        TclList pairs = TclDict.from(objv[3]).toList();
        TclObj body = objv[4];
        for (int i = 0, n = pairs.size(); i < n; i += 2) {
            interp.setVar(vars[0], pairs.get(i));
            interp.setVar(vars[1], pairs.get(i + 1));
            try {
                interp.eval(body);
            } catch (TclException e) {
                int c = e.code();
                if (c == TclException.BREAK) break;
                if (c == TclException.CONTINUE) continue;
                bodyError(interp, e, self, objv, 4, "\"dict for\" body", true);
                throw e;
            }
        }
        return TclObj.EMPTY;
    }

    private static boolean isLocalScalar(String name) {
        return !name.contains("::") && Interp.splitArrayName(name) == null;
    }

    static TclObj map(Interp interp, TclObj[] objv) throws TclException {
        if (objv.length != 5) throw wrong(objv, "map", "{keyVarName valueVarName} dictionary script");
        Cmd self = interp.currentCmd;
        String[] vars = twoVars(objv[2], "map");
        TclList pairs = TclDict.from(objv[3]).toList();
        TclObj body = objv[4];
        TclDict acc = TclDict.EMPTY;
        for (int i = 0, n = pairs.size(); i < n; i += 2) {
            interp.setVar(vars[0], pairs.get(i));
            interp.setVar(vars[1], pairs.get(i + 1));
            TclObj r;
            try {
                r = interp.eval(body);
            } catch (TclException e) {
                int c = e.code();
                // tclsh's dict map command drops what was collected on break; its compiled form
                // (a literal body and local scalar variables in a procedure) keeps it
                if (c == TclException.BREAK) {
                    boolean compiled = compiledInline(interp, self, objv, 4) && compiledInline(interp, self, objv, 2)
                            && isLocalScalar(vars[0]) && isLocalScalar(vars[1]);
                    return compiled ? TclObj.ofDict(acc) : TclObj.EMPTY;
                }
                if (c == TclException.CONTINUE) continue;
                bodyError(interp, e, self, objv, 4, "\"dict map\" body", true);
                throw e;
            }
            acc = acc.put(interp.readVar(vars[0], null, vars[0]), r);
        }
        return TclObj.ofDict(acc);
    }

    private static final String[] FILTER_TYPES = {"key", "script", "value"};

    static TclObj filter(Interp interp, TclObj[] objv) throws TclException {
        if (objv.length < 4) throw wrong(objv, "filter", "dictionary filterType ?arg ...?");
        int type = Subcommands.index(objv[3], FILTER_TYPES, "filterType");
        if (type == 1) return filterScript(interp, objv);
        TclDict d = TclDict.from(objv[2]);
        if (objv.length == 4) return TclObj.EMPTY;
        if (type == 0 && objv.length == 5 && !Glob.hasSpecial(objv[4].toString())) {
            TclObj v = d.get(objv[4]);
            return v == null ? TclObj.EMPTY : TclObj.ofDict(TclDict.EMPTY.put(objv[4], v));
        }
        TclList pairs = d.toList();
        TclDict out = TclDict.EMPTY;
        for (int i = 0, n = pairs.size(); i < n; i += 2) {
            String s = pairs.get(type == 0 ? i : i + 1).toString();
            for (int p = 4; p < objv.length; p++) {
                if (Glob.match(objv[p].toString(), s, false)) {
                    out = out.put(pairs.get(i), pairs.get(i + 1));
                    break;
                }
            }
        }
        return TclObj.ofDict(out);
    }

    private static TclObj filterScript(Interp interp, TclObj[] objv) throws TclException {
        if (objv.length != 6) {
            throw wrong(objv, "filter", "dictionary script {keyVarName valueVarName} filterScript");
        }
        String[] vars = twoVars(objv[4], "filter");
        TclList pairs = TclDict.from(objv[2]).toList();
        TclObj script = objv[5];
        TclDict out = TclDict.EMPTY;
        for (int i = 0, n = pairs.size(); i < n; i += 2) {
            TclObj k = pairs.get(i), v = pairs.get(i + 1);
            try {
                interp.setVar(vars[0], k);
            } catch (TclException e) {
                interp.addErrorInfo(e, "\n    (\"dict filter\" filter script key variable)");
                throw e;
            }
            try {
                interp.setVar(vars[1], v);
            } catch (TclException e) {
                interp.addErrorInfo(e, "\n    (\"dict filter\" filter script value variable)");
                throw e;
            }
            TclObj r;
            try {
                r = interp.eval(script);
            } catch (TclException e) {
                int c = e.code();
                if (c == TclException.BREAK) break;
                if (c == TclException.CONTINUE) continue;
                if (c == TclException.ERROR) {
                    interp.addErrorInfo(e, "\n    (\"dict filter\" script line " + e.errorLine + ")");
                }
                throw e;
            }
            if (r.asBoolean()) out = out.put(k, v);
        }
        return TclObj.ofDict(out);
    }

    // ======================================================================================
    // with and update: variables for entries, written back after the body
    // ======================================================================================

    static TclObj with(Interp interp, TclObj[] objv) throws TclException {
        if (objv.length < 4) throw wrong(objv, "with", "dictVarName ?key ...? script");
        Cmd self = interp.currentCmd;
        String name = objv[2].toString();
        int pathEnd = objv.length - 1;
        TclDict leaf = tracePath(TclDict.from(interp.readVar(name, null, name)), objv, 3, pathEnd, false);
        TclList pairs = leaf.toList();
        TclObj[] keys = new TclObj[pairs.size() / 2];
        for (int i = 0; i < keys.length; i++) {
            keys[i] = pairs.get(2 * i);
            interp.setVar(keys[i].toString(), pairs.get(2 * i + 1));
        }
        TclObj result = TclObj.EMPTY;
        TclException failure = null;
        try {
            result = interp.eval(objv[pathEnd]);
        } catch (TclException e) {
            bodyError(interp, e, self, objv, pathEnd, "body of \"dict with\"", false);
            failure = e;
        }
        // Write back: the variables named by the keys there were at the start; an unset one
        // removes its key. Nothing is written if the variable or the path is gone.
        TclObj now = readQuiet(interp, name);
        if (now != null) {
            TclDict nd = changePath(TclDict.from(now), objv, 3, pathEnd, d -> {
                for (TclObj k : keys) {
                    TclObj v = readQuiet(interp, k.toString());
                    d = v == null ? d.remove(k.toString()) : d.put(k, v);
                }
                return d;
            });
            if (nd != null) write(interp, name, nd);
        }
        if (failure != null) throw failure;
        return result;
    }

    static TclObj update(Interp interp, TclObj[] objv) throws TclException {
        if (objv.length < 6 || (objv.length & 1) != 0) {
            throw wrong(objv, "update", "dictVarName key varName ?key varName ...? script");
        }
        Cmd self = interp.currentCmd;
        String name = objv[2].toString();
        int bodyIdx = objv.length - 1;
        TclDict d = TclDict.from(interp.readVar(name, null, name));
        for (int i = 3; i < bodyIdx; i += 2) {
            TclObj v = d.get(objv[i]);
            if (v == null) interp.unsetVar(objv[i + 1].toString(), null, false);
            else interp.setVar(objv[i + 1].toString(), v);
        }
        TclObj result = TclObj.EMPTY;
        TclException failure = null;
        try {
            result = interp.eval(objv[bodyIdx]);
        } catch (TclException e) {
            bodyError(interp, e, self, objv, bodyIdx, "body of \"dict update\"", false);
            failure = e;
        }
        TclObj now = readQuiet(interp, name);
        if (now != null) {
            TclDict nd = TclDict.from(now);
            for (int i = 3; i < bodyIdx; i += 2) {
                TclObj v = readQuiet(interp, objv[i + 1].toString());
                nd = v == null ? nd.remove(objv[i].toString()) : nd.put(objv[i], v);
            }
            write(interp, name, nd);
        }
        if (failure != null) throw failure;
        return result;
    }
}
