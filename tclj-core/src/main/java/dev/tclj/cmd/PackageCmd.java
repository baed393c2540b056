package dev.tclj.cmd;

import dev.tclj.CallFrame;
import dev.tclj.Interp;
import dev.tclj.TclException;
import dev.tclj.TclList;
import dev.tclj.TclObj;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The package command: provided packages, ifneeded scripts, the unknown handler, and version
 * comparison and requirements as in Tcl 8.6 (TIP 268: alpha and beta versions, "min", "min-",
 * "min-max" requirements).
 */
public final class PackageCmd {
    private PackageCmd() {}

    /** Per-interpreter package state. */
    static final class State {
        final Map<String, String> provided = new LinkedHashMap<>();
        final Map<String, LinkedHashMap<String, TclObj>> ifneeded = new LinkedHashMap<>();
        TclObj unknown;
        boolean preferLatest;
    }

    private static final Object KEY = new Object();

    static State state(Interp interp) {
        State s = interp.getAssoc(KEY);
        if (s == null) {
            s = new State();
            interp.setAssoc(KEY, s);
        }
        return s;
    }

    private static final String[] SUBS = {"forget", "ifneeded", "names", "prefer", "present", "provide",
            "require", "unknown", "vcompare", "versions", "vsatisfies"};

    public static void register(Interp interp) {
        State s = state(interp);
        s.provided.put("Tcl", "8.6.13");
        interp.createCommand("package", PackageCmd::invoke);
    }

    static TclObj invoke(Interp interp, TclObj[] objv) throws TclException {
        if (objv.length < 2) throw TclException.wrongArgs(objv, 1, "option ?arg ...?");
        State st = state(interp);
        int sub = Subcommands.index(objv[1], SUBS, "option");
        switch (SUBS[sub]) {
            case "forget":
                for (int i = 2; i < objv.length; i++) {
                    st.provided.remove(objv[i].toString());
                    st.ifneeded.remove(objv[i].toString());
                }
                return TclObj.EMPTY;
            case "ifneeded": {
                if (objv.length != 4 && objv.length != 5) throw TclException.wrongArgs(objv, 2, "package version ?script?");
                String name = objv[2].toString();
                String ver = objv[3].toString();
                checkVersion(ver);
                if (objv.length == 4) {
                    Map<String, TclObj> m = st.ifneeded.get(name);
                    if (m == null) return TclObj.EMPTY;
                    for (Map.Entry<String, TclObj> e : m.entrySet()) if (compare(e.getKey(), ver) == 0) return e.getValue();
                    return TclObj.EMPTY;
                }
                LinkedHashMap<String, TclObj> m = st.ifneeded.computeIfAbsent(name, k -> new LinkedHashMap<>());
                String existing = null;
                for (String k : m.keySet()) if (compare(k, ver) == 0) existing = k;
                if (existing != null) m.put(existing, objv[4]); else m.put(ver, objv[4]);
                return TclObj.EMPTY;
            }
            case "names": {
                if (objv.length != 2) throw TclException.wrongArgs(objv, 2, "");
                List<TclObj> out = new ArrayList<>();
                java.util.LinkedHashSet<String> names = new java.util.LinkedHashSet<>(st.ifneeded.keySet());
                names.addAll(st.provided.keySet());
                for (String n : names) out.add(TclObj.of(n));
                return TclObj.ofList(TclList.of(out));
            }
            case "prefer": {
                if (objv.length > 3) throw TclException.wrongArgs(objv, 2, "?latest|stable?");
                if (objv.length == 3) {
                    int p = Subcommands.index(objv[2], new String[]{"latest", "stable"}, "preference");
                    if (p == 0) st.preferLatest = true;
                }
                return TclObj.of(st.preferLatest ? "latest" : "stable");
            }
            case "present": {
                int i = 2;
                boolean exact = false;
                if (i < objv.length && objv[i].toString().equals("-exact")) { exact = true; i++; }
                if (i >= objv.length) throw TclException.wrongArgs(objv, 2, "?-exact? package ?requirement ...?");
                String name = objv[i++].toString();
                String have = st.provided.get(name);
                if (have == null) {
                    throw TclException.error("package " + name + " is not present", "TCL", "LOOKUP", "PACKAGE", name);
                }
                List<String> reqs = reqs(objv, i, exact);
                if (!reqs.isEmpty() && !satisfiesAny(have, reqs)) {
                    throw TclException.error("version conflict for package \"" + name + "\": have " + have + ", need " + describe(reqs, exact), "TCL", "PACKAGE", "VERSIONCONFLICT");
                }
                return TclObj.of(have);
            }
            case "provide": {
                if (objv.length != 3 && objv.length != 4) throw TclException.wrongArgs(objv, 2, "package ?version?");
                String name = objv[2].toString();
                if (objv.length == 3) {
                    String v = st.provided.get(name);
                    return v == null ? TclObj.EMPTY : TclObj.of(v);
                }
                String ver = objv[3].toString();
                checkVersion(ver);
                String have = st.provided.get(name);
                if (have != null && compare(have, ver) != 0) {
                    throw TclException.error("conflicting versions provided for package \"" + name + "\": " + have + ", then " + ver, "TCL", "PACKAGE", "VERSIONCONFLICT");
                }
                if (have == null) st.provided.put(name, ver);
                return TclObj.EMPTY;
            }
            case "require": {
                int i = 2;
                boolean exact = false;
                if (i < objv.length && objv[i].toString().equals("-exact")) { exact = true; i++; }
                if (i >= objv.length || (exact && objv.length - i != 2)) {
                    throw TclException.wrongArgs(objv, 2, "?-exact? package ?requirement ...?");
                }
                String name = objv[i++].toString();
                List<String> reqs = reqs(objv, i, exact);
                return TclObj.of(require(interp, st, name, reqs, exact));
            }
            case "unknown": {
                if (objv.length > 3) throw TclException.wrongArgs(objv, 2, "?command?");
                if (objv.length == 3) {
                    st.unknown = objv[2].isEmptyString() ? null : objv[2];
                    return TclObj.EMPTY;
                }
                return st.unknown == null ? TclObj.EMPTY : st.unknown;
            }
            case "vcompare":
                if (objv.length != 4) throw TclException.wrongArgs(objv, 2, "version1 version2");
                checkVersion(objv[2].toString());
                checkVersion(objv[3].toString());
                return TclObj.of(Integer.signum(compare(objv[2].toString(), objv[3].toString())));
            case "versions": {
                if (objv.length != 3) throw TclException.wrongArgs(objv, 2, "package");
                Map<String, TclObj> m = st.ifneeded.get(objv[2].toString());
                List<TclObj> out = new ArrayList<>();
                if (m != null) for (String v : m.keySet()) out.add(TclObj.of(v));
                return TclObj.ofList(TclList.of(out));
            }
            case "vsatisfies": {
                if (objv.length < 4) throw TclException.wrongArgs(objv, 2, "version ?requirement ...?");
                String v = objv[2].toString();
                checkVersion(v);
                List<String> r = reqs(objv, 3, false);
                return TclObj.of(satisfiesAny(v, r));
            }
            default:
                throw new IllegalStateException();
        }
    }

    private static List<String> reqs(TclObj[] objv, int from, boolean exact) throws TclException {
        List<String> r = new ArrayList<>();
        for (int i = from; i < objv.length; i++) {
            String q = objv[i].toString();
            checkRequirement(q);
            r.add(q);
        }
        return r;
    }

    private static String describe(List<String> reqs, boolean exact) {
        if (exact) return "exactly " + reqs.get(0);
        return String.join(" ", reqs);
    }

    static String require(Interp interp, State st, String name, List<String> reqs, boolean exact) throws TclException {
        String have = st.provided.get(name);
        if (have == null) {
            String chosen = pick(st, name, reqs, exact);
            if (chosen == null && st.unknown != null) {
                TclList u = st.unknown.asList();
                List<TclObj> words = new ArrayList<>();
                for (int i = 0; i < u.size(); i++) words.add(u.get(i));
                words.add(TclObj.of(name));
                if (exact) { words.add(TclObj.of("-exact")); words.add(TclObj.of(reqs.get(0))); }
                else for (String q : reqs) words.add(TclObj.of(q));
                evalGlobal(interp, TclObj.ofList(TclList.of(words)));
                have = st.provided.get(name);
                if (have == null) chosen = pick(st, name, reqs, exact);
            }
            if (have == null && chosen != null) {
                TclObj script = st.ifneeded.get(name).get(chosen);
                try {
                    evalGlobal(interp, script);
                } catch (TclException e) {
                    if (e.code() == TclException.ERROR) {
                        interp.addErrorInfo(e, "\n    (\"package ifneeded " + name + " " + chosen + "\" script)");
                    }
                    throw e;
                }
                have = st.provided.get(name);
                if (have == null) {
                    throw TclException.error("attempt to provide package " + name + " " + chosen + " failed: no version of package " + name + " provided", "TCL", "PACKAGE", "UNPROVIDED");
                }
                if (compare(have, chosen) != 0) {
                    throw TclException.error("attempt to provide package " + name + " " + chosen + " failed: package " + name + " " + have + " provided instead", "TCL", "PACKAGE", "WRONGPROVIDE");
                }
            }
            if (have == null) {
                String need = reqs.isEmpty() ? "" : " " + (exact ? "-exact " + reqs.get(0) : String.join(" ", reqs));
                throw TclException.error("can't find package " + name + need, "TCL", "PACKAGE", "UNFOUND");
            }
        }
        if (!reqs.isEmpty() && !(exact ? compare(have, reqs.get(0)) == 0 : satisfiesAny(have, reqs))) {
            throw TclException.error("version conflict for package \"" + name + "\": have " + have + ", need " + describe(reqs, exact), "TCL", "PACKAGE", "VERSIONCONFLICT");
        }
        return have;
    }

    private static void evalGlobal(Interp interp, TclObj script) throws TclException {
        CallFrame save = interp.currentFrame();
        interp.setFrame(interp.globalFrame());
        try {
            interp.eval(script);
        } catch (TclException e) {
            if (e.code() == TclException.ERROR) throw e;
            if (e.code() != TclException.RETURN && e.code() != TclException.OK) throw e;
        } finally {
            interp.setFrame(save);
        }
    }

    /** The best ifneeded version satisfying the requirements (stable preferred unless "latest"). */
    private static String pick(State st, String name, List<String> reqs, boolean exact) throws TclException {
        Map<String, TclObj> m = st.ifneeded.get(name);
        if (m == null) return null;
        String best = null, bestStable = null;
        for (String v : m.keySet()) {
            boolean ok = reqs.isEmpty() || (exact ? compare(v, reqs.get(0)) == 0 : satisfiesAny(v, reqs));
            if (!ok) continue;
            if (best == null || compare(v, best) > 0) best = v;
            if (isStable(v) && (bestStable == null || compare(v, bestStable) > 0)) bestStable = v;
        }
        if (!st.preferLatest && bestStable != null) return bestStable;
        return best;
    }

    private static boolean isStable(String v) { return v.indexOf('a') < 0 && v.indexOf('b') < 0; }

    // ---- versions ----

    static void checkVersion(String v) throws TclException {
        if (parse(v) == null) {
            throw TclException.error("expected version number but got \"" + v + "\"", "TCL", "VALUE", "VERSION");
        }
    }

    static void checkRequirement(String r) throws TclException {
        int dash = r.indexOf('-');
        boolean ok;
        if (dash < 0) ok = parse(r) != null;
        else {
            String lo = r.substring(0, dash), hi = r.substring(dash + 1);
            ok = parse(lo) != null && (hi.isEmpty() || parse(hi) != null);
        }
        if (!ok) {
            throw TclException.error("expected versionMin-versionMax but got \"" + r + "\"", "TCL", "VALUE", "VERSIONRANGE");
        }
    }

    /** Components of a version: numbers, with -2 for 'a' and -1 for 'b' separators; null if bad. */
    static int[] parse(String v) {
        if (v.isEmpty()) return null;
        ArrayList<Integer> out = new ArrayList<>();
        int i = 0, n = v.length();
        boolean needDigit = true;
        long cur = 0;
        boolean inNum = false;
        boolean seenAB = false;
        while (i < n) {
            char c = v.charAt(i);
            if (c >= '0' && c <= '9') {
                cur = cur * 10 + (c - '0');
                if (cur > Integer.MAX_VALUE) return null;
                inNum = true;
                needDigit = false;
            } else if (c == '.' || c == 'a' || c == 'b') {
                if (!inNum) return null;
                out.add((int) cur);
                cur = 0;
                inNum = false;
                needDigit = true;
                if (c == 'a' || c == 'b') {
                    if (seenAB) return null;
                    seenAB = true;
                    out.add(c == 'a' ? -2 : -1);
                }
            } else {
                return null;
            }
            i++;
        }
        if (needDigit) return null;
        out.add((int) cur);
        int[] a = new int[out.size()];
        for (int k = 0; k < a.length; k++) a[k] = out.get(k);
        return a;
    }

    static int compare(String a, String b) {
        return compare(parse(a), parse(b));
    }

    static int compare(int[] x, int[] y) {
        int n = Math.max(x.length, y.length);
        for (int i = 0; i < n; i++) {
            int p = i < x.length ? x[i] : 0;
            int q = i < y.length ? y[i] : 0;
            if (p != q) return p < q ? -1 : 1;
        }
        return 0;
    }

    private static int[] withA0(int[] v) {
        for (int c : v) if (c < 0) return v;
        int[] r = java.util.Arrays.copyOf(v, v.length + 2);
        r[v.length] = -2;
        r[v.length + 1] = 0;
        return r;
    }

    static boolean satisfies(String version, String req) {
        int[] v = parse(version);
        int dash = req.indexOf('-');
        if (dash < 0) {
            int[] lo = withA0(parse(req));
            int[] hi = withA0(new int[]{parse(req)[0] + 1});
            return compare(v, lo) >= 0 && compare(v, hi) < 0;
        }
        int[] lo = withA0(parse(req.substring(0, dash)));
        String h = req.substring(dash + 1);
        if (h.isEmpty()) return compare(v, lo) >= 0;
        int[] hiRaw = parse(h);
        int[] loRaw = parse(req.substring(0, dash));
        if (compare(loRaw, hiRaw) == 0) return compare(v, loRaw) == 0;
        int[] hi = withA0(hiRaw);
        return compare(v, lo) >= 0 && compare(v, hi) < 0;
    }

    static boolean satisfiesAny(String version, List<String> reqs) {
        for (String r : reqs) if (satisfies(version, r)) return true;
        return reqs.isEmpty();
    }

    /** For other Java code: the version of a provided package, or null. */
    public static String provided(Interp interp, String name) { return state(interp).provided.get(name); }

    /** For other Java code: declares a package as provided. */
    public static void provide(Interp interp, String name, String version) { state(interp).provided.put(name, version); }

    static final HashMap<String, String> NONE = new HashMap<>();
}
