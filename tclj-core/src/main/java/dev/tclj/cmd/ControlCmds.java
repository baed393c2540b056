package dev.tclj.cmd;

import dev.tclj.Glob;
import dev.tclj.Interp;
import dev.tclj.TclException;
import dev.tclj.TclList;
import dev.tclj.TclObj;
import dev.tclj.expr.Expr;
import dev.tclj.parse.Cmd;

import java.util.ArrayList;

/** Control commands: if while for foreach lmap switch break continue. */
public final class ControlCmds {
    private ControlCmds() {}

    public static void register(Interp interp) {
        interp.createCommand("if", ControlCmds::ifCmd);
        interp.createCommand("while", ControlCmds::whileCmd);
        interp.createCommand("for", ControlCmds::forCmd);
        interp.createCommand("foreach", (in, objv) -> foreach(in, objv, false));
        interp.createCommand("lmap", (in, objv) -> foreach(in, objv, true));
        interp.createCommand("switch", ControlCmds::switchCmd);
        interp.createCommand("break", (in, objv) -> {
            if (objv.length != 1) throw TclException.wrongArgs(objv, 1, "");
            throw new TclException(TclException.BREAK, TclObj.EMPTY);
        });
        interp.createCommand("continue", (in, objv) -> {
            if (objv.length != 1) throw TclException.wrongArgs(objv, 1, "");
            throw new TclException(TclException.CONTINUE, TclObj.EMPTY);
        });
    }

    /** Runs a body, adjusting errors per {@link Interp#bodyError}. */
    static TclObj body(Interp interp, TclObj body, Cmd self, int word, String what) throws TclException {
        try {
            return interp.eval(body);
        } catch (TclException e) {
            interp.bodyError(e, self, word, what);
            throw e;
        }
    }

    static boolean cond(Interp interp, TclObj test) throws TclException {
        return Expr.evalBoolean(interp, test);
    }

    static TclObj ifCmd(Interp interp, TclObj[] objv) throws TclException {
        Cmd self = interp.currentCmd;
        int i = 1;
        int n = objv.length;
        while (true) {
            if (i >= n) {
                throw TclException.error("wrong # args: no expression after \"" + objv[i - 1] + "\" argument", "TCL", "WRONGARGS");
            }
            boolean b;
            try {
                b = cond(interp, objv[i]);
            } catch (TclException e) {
                if (e.code() == TclException.ERROR && e.getMessage().startsWith("expected boolean value but got")) {
                    // keep Tcl's message
                }
                throw e;
            }
            i++;
            if (i < n && objv[i].toString().equals("then")) i++;
            if (i >= n) {
                throw TclException.error("wrong # args: no script following \"" + objv[i - 1] + "\" argument", "TCL", "WRONGARGS");
            }
            if (b) return body(interp, objv[i], self, i, null);
            i++;
            if (i >= n) return TclObj.EMPTY;
            String w = objv[i].toString();
            if (w.equals("elseif")) { i++; continue; }
            if (w.equals("else")) {
                i++;
                if (i >= n) {
                    throw TclException.error("wrong # args: no script following \"else\" argument", "TCL", "WRONGARGS");
                }
                if (i != n - 1) {
                    throw TclException.error("wrong # args: extra words after \"else\" clause in \"if\" command", "TCL", "WRONGARGS");
                }
                return body(interp, objv[i], self, i, null);
            }
            if (i != n - 1) {
                throw TclException.error("wrong # args: extra words after \"else\" clause in \"if\" command", "TCL", "WRONGARGS");
            }
            return body(interp, objv[i], self, i, null);
        }
    }

    static TclObj whileCmd(Interp interp, TclObj[] objv) throws TclException {
        if (objv.length != 3) throw TclException.wrongArgs(objv, 1, "test command");
        Cmd self = interp.currentCmd;
        TclObj test = objv[1], body = objv[2];
        while (cond(interp, test)) {
            try {
                interp.eval(body);
            } catch (TclException e) {
                int c = e.code();
                if (c == TclException.BREAK) break;
                if (c == TclException.CONTINUE) continue;
                interp.bodyError(e, self, 2, "\"while\" body");
                throw e;
            }
        }
        return TclObj.EMPTY;
    }

    static TclObj forCmd(Interp interp, TclObj[] objv) throws TclException {
        if (objv.length != 5) throw TclException.wrongArgs(objv, 1, "start test next command");
        Cmd self = interp.currentCmd;
        TclObj test = objv[2], next = objv[3], body = objv[4];
        try {
            interp.eval(objv[1]);
        } catch (TclException e) {
            interp.bodyError(e, self, 1, "\"for\" initial command");
            throw e;
        }
        while (cond(interp, test)) {
            try {
                interp.eval(body);
            } catch (TclException e) {
                int c = e.code();
                if (c == TclException.BREAK) break;
                if (c != TclException.CONTINUE) {
                    interp.bodyError(e, self, 4, "\"for\" body");
                    throw e;
                }
            }
            try {
                interp.eval(next);
            } catch (TclException e) {
                if (e.code() == TclException.BREAK) break;
                interp.bodyError(e, self, 3, "\"for\" loop-end command");
                throw e;
            }
        }
        return TclObj.EMPTY;
    }

    static TclObj foreach(Interp interp, TclObj[] objv, boolean collect) throws TclException {
        int n = objv.length;
        if (n < 4 || (n % 2) != 0) throw TclException.wrongArgs(objv, 1, "varList list ?varList list ...? command");
        Cmd self = interp.currentCmd;
        int groups = (n - 2) / 2;
        String[][] vars = new String[groups][];
        TclList[] lists = new TclList[groups];
        int iterations = 0;
        for (int g = 0; g < groups; g++) {
            TclList vl = objv[1 + 2 * g].asList();
            if (vl.size() == 0) {
                throw TclException.error((collect ? "lmap" : "foreach") + " varlist is empty", "TCL", "OPERATION",
                        collect ? "LMAP" : "FOREACH", "NEEDVARS");
            }
            vars[g] = new String[vl.size()];
            for (int k = 0; k < vl.size(); k++) vars[g][k] = vl.get(k).toString();
            lists[g] = objv[2 + 2 * g].asList();
            int it = (lists[g].size() + vl.size() - 1) / vl.size();
            if (it > iterations) iterations = it;
        }
        TclObj body = objv[n - 1];
        ArrayList<TclObj> out = collect ? new ArrayList<>() : null;
        String what = collect ? "\"lmap\" body" : "\"foreach\" body";
        for (int it = 0; it < iterations; it++) {
            for (int g = 0; g < groups; g++) {
                String[] vs = vars[g];
                TclList l = lists[g];
                for (int k = 0; k < vs.length; k++) {
                    int idx = it * vs.length + k;
                    TclObj v = idx < l.size() ? l.get(idx) : TclObj.EMPTY;
                    try {
                        interp.setVar(vs[k], v);
                    } catch (TclException e) {
                        TclException x = TclException.error("couldn't set loop variable: \"" + vs[k] + "\"", "TCL", "LOOKUP", "VARNAME", vs[k]);
                        throw e;
                    }
                }
            }
            try {
                TclObj r = interp.eval(body);
                if (collect) out.add(r);
            } catch (TclException e) {
                int c = e.code();
                if (c == TclException.BREAK) break;
                if (c == TclException.CONTINUE) continue;
                interp.bodyError(e, self, n - 1, what);
                throw e;
            }
        }
        return collect ? TclObj.ofList(TclList.of(out)) : TclObj.EMPTY;
    }

    private static final String[] SWITCH_OPTS = {"-exact", "-glob", "-indexvar", "-matchvar", "-nocase", "-regexp", "--"};

    static TclObj switchCmd(Interp interp, TclObj[] objv) throws TclException {
        Cmd self = interp.currentCmd;
        int i = 1;
        int mode = 0; // 0 exact, 1 glob, 2 regexp
        boolean nocase = false;
        String matchVar = null, indexVar = null;
        int n = objv.length;
        while (i < n) {
            String a = objv[i].toString();
            if (!a.startsWith("-")) break;
            int opt = Subcommands.index(objv[i], SWITCH_OPTS, "option");
            i++;
            switch (opt) {
                case 0: mode = 0; break;
                case 1: mode = 1; break;
                case 2:
                    if (i >= n) throw TclException.error("missing variable name argument to -indexvar option", "TCL", "OPERATION", "SWITCH", "NOVAR");
                    indexVar = objv[i++].toString(); break;
                case 3:
                    if (i >= n) throw TclException.error("missing variable name argument to -matchvar option", "TCL", "OPERATION", "SWITCH", "NOVAR");
                    matchVar = objv[i++].toString(); break;
                case 4: nocase = true; break;
                case 5: mode = 2; break;
                case 6: break;
                default: break;
            }
            if (opt == 6) break;
        }
        if ((matchVar != null || indexVar != null) && mode != 2) {
            String which = indexVar != null ? "-indexvar" : "-matchvar";
            throw TclException.error(which + " option requires -regexp option", "TCL", "OPERATION", "SWITCH", "MODERESTRICTION");
        }
        if (n - i < 2) throw TclException.wrongArgs(objv, 1, "?-option ...? string ?pattern body ...? ?default body?");
        String str = objv[i++].toString();
        TclObj[] pairs;
        int bodyWordBase;
        boolean single = n - i == 1;
        if (single) {
            TclList l = objv[i].asList();
            pairs = l.toArray();
            bodyWordBase = -1;
        } else {
            pairs = new TclObj[n - i];
            System.arraycopy(objv, i, pairs, 0, n - i);
            bodyWordBase = i;
        }
        if (pairs.length == 0) {
            throw TclException.wrongArgs(objv, 1, "?-option ...? string {?pattern body ...? ?default body?}");
        }
        if (pairs.length % 2 != 0) {
            throw TclException.error("extra switch pattern with no body", "TCL", "OPERATION", "SWITCH", "BADARM");
        }
        if (pairs[pairs.length - 1].toString().equals("-")) {
            throw TclException.error("no body specified for pattern \"" + pairs[pairs.length - 2] + "\"", "TCL", "OPERATION", "SWITCH", "FALLTHROUGH");
        }
        for (int k = 0; k < pairs.length; k += 2) {
            String pat = pairs[k].toString();
            boolean match;
            java.util.regex.Matcher rm = null;
            if (k == pairs.length - 2 && pat.equals("default")) match = true;
            else if (mode == 0) match = nocase ? pat.equalsIgnoreCase(str) : pat.equals(str);
            else if (mode == 1) match = Glob.match(pat, str, nocase);
            else {
                java.util.regex.Pattern p = java.util.regex.Pattern.compile(pat, nocase ? java.util.regex.Pattern.CASE_INSENSITIVE : 0);
                rm = p.matcher(str);
                match = rm.find();
            }
            if (!match) continue;
            if (rm != null) {
                if (matchVar != null) {
                    ArrayList<TclObj> ms = new ArrayList<>();
                    for (int g = 0; g <= rm.groupCount(); g++) ms.add(TclObj.of(rm.group(g) == null ? "" : rm.group(g)));
                    interp.setVar(matchVar, TclObj.ofList(TclList.of(ms)));
                }
                if (indexVar != null) {
                    ArrayList<TclObj> ms = new ArrayList<>();
                    for (int g = 0; g <= rm.groupCount(); g++) {
                        int s = rm.start(g), e = rm.end(g);
                        ms.add(TclObj.ofList(TclObj.of(s < 0 ? -1 : s), TclObj.of(s < 0 ? -1 : e - 1)));
                    }
                    interp.setVar(indexVar, TclObj.ofList(TclList.of(ms)));
                }
            } else if (mode == 2) {
                // no match info
            }
            int b = k + 1;
            while (b < pairs.length && pairs[b].toString().equals("-")) b += 2;
            if (b >= pairs.length) {
                throw TclException.error("no body specified for pattern \"" + pat + "\"", "TCL", "OPERATION", "SWITCH", "FALLTHROUGH");
            }
            try {
                return interp.eval(pairs[b]);
            } catch (TclException e) {
                if (bodyWordBase >= 0) interp.bodyError(e, self, bodyWordBase + b, "\"" + truncate(pat) + "\" arm");
                else if (e.code() == TclException.ERROR) {
                    interp.addErrorInfo(e, "\n    (\"" + truncate(pat) + "\" arm line " + e.errorLine + ")");
                }
                throw e;
            }
        }
        return TclObj.EMPTY;
    }

    private static String truncate(String s) { return s.length() > 50 ? s.substring(0, 50) + "..." : s; }
}
