package dev.tclj.cmd;

import dev.tclj.CallFrame;
import dev.tclj.Interp;
import dev.tclj.ListParser;
import dev.tclj.TclException;
import dev.tclj.TclList;
import dev.tclj.TclObj;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The package command: provided packages, ifneeded scripts, the unknown handler, and version
 * comparison and requirements as in Tcl 8.6 (TIP 268: alpha and beta versions, "min", "min-",
 * "min-max" requirements; version components of any size).
 *
 * <p>package require follows Tcl's order: select the best ifneeded version (refusing a package
 * that is already being loaded: a circular dependency), else ask the unknown handler and select
 * again; then check what was provided against the requirements.
 */
public final class PackageCmd {
    private PackageCmd() {}

    /** One known package: what is provided, and the ifneeded scripts in the order registered. */
    static final class Pkg {
        String version;
        final List<Avail> avail = new ArrayList<>();
        /** The version whose ifneeded script is running, for circular dependency detection. */
        String loading;
    }

    record Avail(String version, TclObj script) {}

    /** Per-interpreter package state. */
    static final class State {
        final Map<String, Pkg> packages = new LinkedHashMap<>();
        String unknown;
        boolean preferLatest = System.getenv("TCL_PKG_PREFER_LATEST") != null;

        /** FindPackage: the entry for name, created empty if there is none. */
        Pkg find(String name) {
            return packages.computeIfAbsent(name, k -> new Pkg());
        }
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

    private static final String REQUIRE_USAGE = "?-exact? package ?requirement ...?";

    public static void register(Interp interp) {
        provide(interp, "Tcl", "8.6.13");
        interp.createCommand("package", PackageCmd::invoke);
    }

    static TclObj invoke(Interp interp, TclObj[] objv) throws TclException {
        if (objv.length < 2) throw TclException.wrongArgs(objv, 1, "option ?arg ...?");
        State st = state(interp);
        int objc = objv.length;
        switch (SUBS[Subcommands.index(objv[1], SUBS, "option")]) {
            case "forget":
                for (int i = 2; i < objc; i++) st.packages.remove(objv[i].toString());
                return TclObj.EMPTY;
            case "ifneeded": {
                if (objc != 4 && objc != 5) throw TclException.wrongArgs(objv, 2, "package version ?script?");
                String ver = objv[3].toString();
                String[] v = checkVersion(ver);
                String name = objv[2].toString();
                Pkg p = objc == 4 ? st.packages.get(name) : st.find(name);
                if (p == null) return TclObj.EMPTY;
                for (int i = 0; i < p.avail.size(); i++) {
                    Avail a = p.avail.get(i);
                    if (compare(parse(a.version), v, null) == 0) {
                        if (objc == 4) return a.script;
                        // the first spelling of the version stays
                        p.avail.set(i, new Avail(a.version, objv[4]));
                        return TclObj.EMPTY;
                    }
                }
                if (objc == 5) p.avail.add(new Avail(ver, objv[4]));
                return TclObj.EMPTY;
            }
            case "names": {
                if (objc != 2) throw TclException.wrongArgs(objv, 2, "");
                List<TclObj> out = new ArrayList<>();
                for (Map.Entry<String, Pkg> e : st.packages.entrySet()) {
                    Pkg p = e.getValue();
                    if (p.version != null || !p.avail.isEmpty()) out.add(TclObj.of(e.getKey()));
                }
                return TclObj.ofList(TclList.of(out));
            }
            case "prefer": {
                if (objc > 3) throw TclException.wrongArgs(objv, 2, "?latest|stable?");
                if (objc == 3) {
                    // the preference only ever moves from stable to latest
                    if (Subcommands.index(objv[2], new String[]{"latest", "stable"}, "preference") == 0) st.preferLatest = true;
                }
                return TclObj.of(st.preferLatest ? "latest" : "stable");
            }
            case "present":
                return present(interp, st, objv);
            case "provide": {
                if (objc != 3 && objc != 4) throw TclException.wrongArgs(objv, 2, "package ?version?");
                String name = objv[2].toString();
                if (objc == 3) {
                    Pkg p = st.packages.get(name);
                    return p == null || p.version == null ? TclObj.EMPTY : TclObj.of(p.version);
                }
                String ver = objv[3].toString();
                String[] v = checkVersion(ver);
                Pkg p = st.find(name);
                if (p.version == null) {
                    p.version = ver;
                } else if (compare(parse(p.version), v, null) != 0) {
                    throw TclException.error("conflicting versions provided for package \"" + name + "\": " + p.version + ", then " + ver,
                            "TCL", "PACKAGE", "VERSIONCONFLICT");
                }
                // As Tcl_PkgProvideEx, providing clears the package's client data, which is also
                // where a running ifneeded script is remembered.
                p.loading = null;
                return TclObj.EMPTY;
            }
            case "require":
                return require(interp, st, objv);
            case "unknown": {
                if (objc > 3) throw TclException.wrongArgs(objv, 2, "?command?");
                if (objc == 3) {
                    String u = objv[2].toString();
                    st.unknown = u.isEmpty() ? null : u;
                    return TclObj.EMPTY;
                }
                return st.unknown == null ? TclObj.EMPTY : TclObj.of(st.unknown);
            }
            case "vcompare": {
                if (objc != 4) throw TclException.wrongArgs(objv, 2, "version1 version2");
                String[] a = checkVersion(objv[2].toString());
                String[] b = checkVersion(objv[3].toString());
                return TclObj.of(compare(a, b, null));
            }
            case "versions": {
                if (objc != 3) throw TclException.wrongArgs(objv, 2, "package");
                Pkg p = st.packages.get(objv[2].toString());
                List<TclObj> out = new ArrayList<>();
                if (p != null) for (Avail a : p.avail) out.add(TclObj.of(a.version));
                return TclObj.ofList(TclList.of(out));
            }
            case "vsatisfies": {
                if (objc < 4) throw TclException.wrongArgs(objv, 2, "version ?requirement ...?");
                String[] v = checkVersion(objv[2].toString());
                List<String> reqs = requirements(objv, 3);
                return TclObj.of(satisfiesAny(v, reqs));
            }
            default:
                throw new IllegalStateException();
        }
    }

    /** package present ?-exact? package ?requirement ...?: as require, for a package already provided. */
    private static TclObj present(Interp interp, State st, TclObj[] objv) throws TclException {
        int objc = objv.length;
        if (objc < 3) throw TclException.wrongArgs(objv, 2, REQUIRE_USAGE);
        boolean exact = objv[2].toString().equals("-exact");
        String name;
        if (exact) {
            if (objc != 5) throw TclException.wrongArgs(objv, 2, REQUIRE_USAGE);
            name = objv[3].toString();
        } else {
            name = objv[2].toString();
        }
        Pkg p = st.packages.get(name);
        if (p != null && p.version != null) return require(interp, st, objv);
        String version = null;
        if (exact) {
            version = objv[4].toString();
            checkVersion(version);
        } else {
            requirements(objv, 3);
            if (objc > 3 && parse(objv[3].toString()) != null) version = objv[3].toString();
        }
        throw TclException.error("package " + name + (version != null ? " " + version : "") + " is not present",
                "TCL", "LOOKUP", "PACKAGE", name);
    }

    /** package require ?-exact? package ?requirement ...?; -exact v is the requirement v-v. */
    private static TclObj require(Interp interp, State st, TclObj[] objv) throws TclException {
        int objc = objv.length;
        if (objc < 3) throw TclException.wrongArgs(objv, 2, REQUIRE_USAGE);
        String name;
        List<String> reqs;
        if (objv[2].toString().equals("-exact")) {
            if (objc != 5) throw TclException.wrongArgs(objv, 2, REQUIRE_USAGE);
            String v = objv[4].toString();
            checkVersion(v);
            name = objv[3].toString();
            reqs = List.of(v + "-" + v);
        } else {
            name = objv[2].toString();
            reqs = requirements(objv, 3);
        }
        return TclObj.of(require(interp, st, name, reqs));
    }

    /** Tcl_PkgRequireProc: loads name if needed and returns its version; reqs are valid requirements. */
    static String require(Interp interp, State st, String name, List<String> reqs) throws TclException {
        Pkg p = st.find(name);
        if (p.version == null) {
            select(interp, st, name, reqs);
            p = st.find(name);
            if (p.version == null && st.unknown != null) {
                StringBuilder script = new StringBuilder(st.unknown);
                script.append(' ').append(ListParser.quote(name));
                for (String r : reqs) script.append(' ').append(r);
                if (reqs.isEmpty()) script.append(" 0-");
                try {
                    evalGlobal(interp, TclObj.of(script.toString()));
                } catch (TclException e) {
                    TclException err = e;
                    if (e.code() != TclException.ERROR) {
                        err = TclException.error("bad return code: " + e.code(), "TCL", "PACKAGE", "BADRESULT");
                    }
                    interp.addErrorInfo(err, "\n    (\"package unknown\" script)");
                    throw err;
                }
                select(interp, st, name, reqs);
                p = st.find(name);
            }
        }
        if (p.version == null) {
            StringBuilder msg = new StringBuilder("can't find package ").append(name);
            appendRequirements(msg, reqs);
            throw TclException.error(msg.toString(), "TCL", "PACKAGE", "UNFOUND");
        }
        if (!reqs.isEmpty() && !satisfiesAny(parse(p.version), reqs)) {
            StringBuilder msg = new StringBuilder("version conflict for package \"").append(name)
                    .append("\": have ").append(p.version).append(", need");
            appendRequirements(msg, reqs);
            throw TclException.error(msg.toString(), "TCL", "PACKAGE", "VERSIONCONFLICT");
        }
        return p.version;
    }

    /**
     * SelectPackage: runs the ifneeded script of the best version that satisfies reqs (the best
     * stable one unless the preference is latest), and checks that it provided that version.
     * Does nothing when no version fits.
     */
    private static void select(Interp interp, State st, String name, List<String> reqs) throws TclException {
        Pkg p = st.find(name);
        if (p.loading != null) {
            StringBuilder msg = new StringBuilder("circular package dependency: attempt to provide ")
                    .append(name).append(' ').append(p.loading).append(" requires ").append(name);
            appendRequirements(msg, reqs);
            throw TclException.error(msg.toString(), "TCL", "PACKAGE", "CIRCULARITY");
        }
        Avail best = null, bestStable = null;
        String[] bestV = null, bestStableV = null;
        for (Avail a : p.avail) {
            String[] v = parse(a.version);
            if (v == null || (!reqs.isEmpty() && !satisfiesAny(v, reqs))) continue;
            if (best == null || compare(v, bestV, null) > 0) {
                best = a;
                bestV = v;
            }
            if (isStable(a.version) && (bestStable == null || compare(v, bestStableV, null) > 0)) {
                bestStable = a;
                bestStableV = v;
            }
        }
        if (!st.preferLatest && bestStable != null) best = bestStable;
        if (best == null) return;
        String version = best.version;
        p.loading = version;
        String where = "\n    (\"package ifneeded " + name + " " + version + "\" script)";
        TclException failure = null;
        try {
            evalGlobal(interp, best.script);
        } catch (TclException e) {
            failure = e.code() == TclException.ERROR ? e
                    : TclException.error("attempt to provide package " + name + " " + version + " failed: bad return code: " + e.code(),
                            "TCL", "PACKAGE", "BADRESULT");
        }
        // the script may have forgotten the package: look it up again
        p = st.find(name);
        if (failure == null) {
            if (p.version == null) {
                failure = TclException.error("attempt to provide package " + name + " " + version + " failed: no version of package "
                        + name + " provided", "TCL", "PACKAGE", "UNPROVIDED");
            } else if (compare(parse(p.version), parse(version), null) != 0) {
                failure = TclException.error("attempt to provide package " + name + " " + version + " failed: package "
                        + name + " " + p.version + " provided instead", "TCL", "PACKAGE", "WRONGPROVIDE");
            }
        }
        p.loading = null;
        if (failure != null) {
            // a package whose script failed is not remembered as provided
            p.version = null;
            interp.addErrorInfo(failure, where);
            throw failure;
        }
    }

    /** Evaluates a script at global level, passing every completion code on. */
    private static void evalGlobal(Interp interp, TclObj script) throws TclException {
        CallFrame save = interp.currentFrame();
        interp.setFrame(interp.globalFrame());
        try {
            interp.eval(script);
        } finally {
            interp.setFrame(save);
        }
    }

    /** AddRequirementsToResult: " r" for each requirement, " exactly v" for one of the form v-v. */
    private static void appendRequirements(StringBuilder sb, List<String> reqs) {
        for (String r : reqs) {
            int n = r.length();
            if ((n & 1) == 1 && r.charAt(n / 2) == '-' && r.regionMatches(0, r, n / 2 + 1, n / 2)) {
                sb.append(" exactly ").append(r, n / 2 + 1, n);
            } else {
                sb.append(' ').append(r);
            }
        }
    }

    // ---- versions ----

    /**
     * A version's components, for comparison: each number without its leading zeros (so "0" is
     * the empty string, as is a missing component), "-2" for the separator a and "-1" for b.
     * Null if v is not a version: digits in groups separated by single dots, at most one a or b,
     * starting and ending with a digit.
     */
    static String[] parse(String v) {
        int n = v.length();
        if (n == 0 || !isDigit(v.charAt(0)) || !isDigit(v.charAt(n - 1))) return null;
        List<String> out = new ArrayList<>();
        boolean unstable = false;
        int start = 0;
        for (int i = 0; i <= n; i++) {
            char c = i < n ? v.charAt(i) : '.';
            if (isDigit(c)) continue;
            if (c != '.' && c != 'a' && c != 'b') return null;
            if (i == start) return null; // two separators in a row
            int s = start;
            while (s < i && v.charAt(s) == '0') s++;
            out.add(v.substring(s, i));
            if (i < n && c != '.') {
                if (unstable) return null;
                unstable = true;
                out.add(c == 'a' ? "-2" : "-1");
            }
            start = i + 1;
        }
        return out.toArray(new String[0]);
    }

    private static boolean isDigit(char c) { return c >= '0' && c <= '9'; }

    private static boolean isStable(String v) { return v.indexOf('a') < 0 && v.indexOf('b') < 0; }

    /** CheckVersionAndConvert: the components of v, or the "expected version number" error. */
    static String[] checkVersion(String v) throws TclException {
        String[] p = parse(v);
        if (p == null) throw TclException.error("expected version number but got \"" + v + "\"", "TCL", "VALUE", "VERSION");
        return p;
    }

    /** The requirements objv[from..], each checked (CheckAllRequirements). */
    private static List<String> requirements(TclObj[] objv, int from) throws TclException {
        List<String> r = new ArrayList<>(objv.length - from);
        for (int i = from; i < objv.length; i++) {
            String q = objv[i].toString();
            int dash = q.indexOf('-');
            if (dash < 0) {
                checkVersion(q);
            } else {
                if (q.indexOf('-', dash + 1) >= 0) {
                    throw TclException.error("expected versionMin-versionMax but got \"" + q + "\"", "TCL", "VALUE", "VERSIONRANGE");
                }
                checkVersion(q.substring(0, dash));
                if (dash + 1 < q.length()) checkVersion(q.substring(dash + 1));
            }
            r.add(q);
        }
        return r;
    }

    /**
     * Compares two parsed versions: -1, 0 or 1. Components compare as numbers of any size (by
     * length, then digit by digit); missing ones count as 0. If major is given, major[0] tells
     * whether the comparison was decided by the first component.
     */
    static int compare(String[] x, String[] y, boolean[] major) {
        int n = Math.max(x.length, y.length);
        int res = 0;
        int i = 0;
        for (; i < n; i++) {
            String p = i < x.length ? x[i] : "";
            String q = i < y.length ? y[i] : "";
            res = compareComponent(p, q);
            if (res != 0) break;
        }
        if (major != null) major[0] = i == 0;
        return res;
    }

    private static int compareComponent(String p, String q) {
        boolean np = p.startsWith("-"), nq = q.startsWith("-");
        if (np != nq) return np ? -1 : 1;
        int r = p.length() != q.length() ? Integer.compare(p.length(), q.length()) : Integer.signum(p.compareTo(q));
        return np ? -r : r;
    }

    private static String[] withA0(String[] v) {
        String[] r = java.util.Arrays.copyOf(v, v.length + 1);
        r[v.length] = "-2";
        return r;
    }

    /** RequirementSatisfied: whether version v meets req ("min", "min-" or "min-max"). */
    static boolean satisfies(String[] v, String req) {
        int dash = req.indexOf('-');
        if (dash < 0) {
            // min: at least min, with the same major version
            boolean[] major = new boolean[1];
            int res = compare(v, withA0(parse(req)), major);
            return res == 0 || (res == 1 && !major[0]);
        }
        String[] min = parse(req.substring(0, dash));
        if (dash + 1 == req.length()) return compare(v, withA0(min), null) >= 0;
        String[] max = parse(req.substring(dash + 1));
        if (compare(min, max, null) == 0) return compare(min, v, null) == 0;
        return compare(withA0(min), v, null) <= 0 && compare(v, withA0(max), null) < 0;
    }

    static boolean satisfiesAny(String[] v, List<String> reqs) {
        if (reqs.isEmpty()) return true;
        for (String r : reqs) if (satisfies(v, r)) return true;
        return false;
    }

    /** For other Java code: the version of a provided package, or null. */
    public static String provided(Interp interp, String name) {
        Pkg p = state(interp).packages.get(name);
        return p == null ? null : p.version;
    }

    /** For other Java code: declares a package as provided. */
    public static void provide(Interp interp, String name, String version) {
        state(interp).find(name).version = version;
    }
}
