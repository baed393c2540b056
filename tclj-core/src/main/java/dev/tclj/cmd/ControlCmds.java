package dev.tclj.cmd;

import dev.tclj.CompileContext;
import dev.tclj.Glob;
import dev.tclj.Interp;
import dev.tclj.TclException;
import dev.tclj.TclList;
import dev.tclj.TclObj;
import dev.tclj.expr.Expr;
import dev.tclj.parse.Cmd;
import dev.tclj.regex.RegexMatcher;
import dev.tclj.regex.TclRegex;

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
        interp.createCommand("case", ControlCmds::caseCmd);
        interp.createCommand("break", (in, objv) -> {
            if (objv.length != 1) throw TclException.wrongArgs(objv, 1, "");
            throw new TclException(TclException.BREAK, TclObj.EMPTY);
        });
        interp.createCommand("continue", (in, objv) -> {
            if (objv.length != 1) throw TclException.wrongArgs(objv, 1, "");
            throw new TclException(TclException.CONTINUE, TclObj.EMPTY);
        });
    }

    /**
     * Runs a body word. An error in it gets errorInfo line {@code info} ({@code %d} is the line
     * in the body) unless Tcl would have compiled the body inline (see {@link CompileContext}).
     */
    static TclObj body(Interp interp, TclObj body, Cmd self, int word, String info) throws TclException {
        try {
            return interp.eval(body);
        } catch (TclException e) {
            bodyFailed(interp, e, self, word, info);
            throw e;
        }
    }

    /** Adjusts an error from body word {@code word} (see {@link #body}). */
    public static void bodyFailed(Interp interp, TclException e, Cmd self, int word, String info) {
        if (e.code() != TclException.ERROR) return;
        if (CompileContext.inlineBody(interp, self, word)) interp.bodyError(e, self, word, null);
        else if (info != null) interp.addErrorInfo(e, info.replace("%d", Integer.toString(e.errorLine)));
    }

    static boolean cond(Interp interp, TclObj test) throws TclException {
        return Expr.evalBoolean(interp, test);
    }

    private static TclException noScript(TclObj after) {
        return TclException.error("wrong # args: no script following \"" + after + "\" argument", "TCL", "WRONGARGS");
    }

    /**
     * if: the whole command is checked for well-formedness before the chosen body runs; once a
     * condition holds, the later ones are not evaluated.
     */
    static TclObj ifCmd(Interp interp, TclObj[] objv) throws TclException {
        Cmd self = CompileContext.literalInvocation(interp, objv, false);
        int n = objv.length;
        int i = 1;
        int chosen = 0;
        String clause;
        while (true) {
            if (i >= n) {
                throw TclException.error("wrong # args: no expression after \"" + objv[i - 1] + "\" argument", "TCL", "WRONGARGS");
            }
            boolean value = chosen == 0 && cond(interp, objv[i]);
            i++;
            if (i >= n) throw noScript(objv[i - 1]);
            if (objv[i].toString().equals("then")) {
                i++;
                if (i >= n) throw noScript(objv[i - 1]);
            }
            if (value) chosen = i;
            i++;
            if (i >= n) return chosen != 0 ? body(interp, objv[chosen], self, chosen, null) : TclObj.EMPTY;
            clause = objv[i].toString();
            if (!clause.equals("elseif")) break;
            i++;
        }
        if (clause.equals("else")) {
            i++;
            if (i >= n) throw noScript(objv[i - 1]);
        }
        if (i < n - 1) {
            throw TclException.error("wrong # args: extra words after \"else\" clause in \"if\" command", "TCL", "WRONGARGS");
        }
        if (chosen == 0) chosen = i;
        return body(interp, objv[chosen], self, chosen, null);
    }

    static TclObj whileCmd(Interp interp, TclObj[] objv) throws TclException {
        if (objv.length != 3) throw TclException.wrongArgs(objv, 1, "test command");
        Cmd self = CompileContext.literalInvocation(interp, objv, false);
        TclObj test = objv[1], body = objv[2];
        while (cond(interp, test)) {
            try {
                interp.eval(body);
            } catch (TclException e) {
                int c = e.code();
                if (c == TclException.BREAK) break;
                if (c == TclException.CONTINUE) continue;
                bodyFailed(interp, e, self, 2, "\n    (\"while\" body line %d)");
                throw e;
            }
        }
        return TclObj.EMPTY;
    }

    /**
     * for: break or continue in the start script, and continue in the next script, are not
     * the loop's: they end the for command with that code, as in Tcl.
     */
    static TclObj forCmd(Interp interp, TclObj[] objv) throws TclException {
        if (objv.length != 5) throw TclException.wrongArgs(objv, 1, "start test next command");
        Cmd self = CompileContext.literalInvocation(interp, objv, false);
        TclObj test = objv[2], next = objv[3], body = objv[4];
        body(interp, objv[1], self, 1, "\n    (\"for\" initial command)");
        while (cond(interp, test)) {
            try {
                interp.eval(body);
            } catch (TclException e) {
                int c = e.code();
                if (c == TclException.BREAK) break;
                if (c != TclException.CONTINUE) {
                    bodyFailed(interp, e, self, 4, "\n    (\"for\" body line %d)");
                    throw e;
                }
            }
            try {
                interp.eval(next);
            } catch (TclException e) {
                if (e.code() == TclException.BREAK) break;
                bodyFailed(interp, e, self, 3, "\n    (\"for\" loop-end command)");
                throw e;
            }
        }
        return TclObj.EMPTY;
    }

    static TclObj foreach(Interp interp, TclObj[] objv, boolean collect) throws TclException {
        int n = objv.length;
        if (n < 4 || (n % 2) != 0) throw TclException.wrongArgs(objv, 1, "varList list ?varList list ...? command");
        Cmd self = CompileContext.literalInvocation(interp, objv, true);
        String cmdName = collect ? "lmap" : "foreach";
        int groups = (n - 2) / 2;
        TclObj[][] vars = new TclObj[groups][];
        TclList[] lists = new TclList[groups];
        int iterations = 0;
        for (int g = 0; g < groups; g++) {
            TclList vl = objv[1 + 2 * g].asList();
            if (vl.size() == 0) {
                throw TclException.error(cmdName + " varlist is empty", "TCL", "OPERATION", collect ? "LMAP" : "FOREACH", "NEEDVARS");
            }
            vars[g] = vl.toArray();
            lists[g] = objv[2 + 2 * g].asList();
            int it = (lists[g].size() + vl.size() - 1) / vl.size();
            if (it > iterations) iterations = it;
        }
        TclObj body = objv[n - 1];
        ArrayList<TclObj> out = collect ? new ArrayList<>() : null;
        String info = "\n    (\"" + cmdName + "\" body line %d)";
        for (int it = 0; it < iterations; it++) {
            for (int g = 0; g < groups; g++) {
                TclObj[] vs = vars[g];
                TclList l = lists[g];
                for (int k = 0; k < vs.length; k++) {
                    int idx = it * vs.length + k;
                    TclObj v = idx < l.size() ? l.get(idx) : TclObj.EMPTY;
                    try {
                        interp.writeVar(vs[k], v);
                    } catch (TclException e) {
                        // compiled code reports the failure as the command's own
                        if (self == null) interp.addErrorInfo(e, "\n    (setting " + cmdName + " loop variable \"" + vs[k] + "\")");
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
                bodyFailed(interp, e, self, n - 1, info);
                throw e;
            }
        }
        return collect ? TclObj.ofList(TclList.of(out)) : TclObj.EMPTY;
    }

    private static final String[] SWITCH_OPTS = {"-exact", "-glob", "-indexvar", "-matchvar", "-nocase", "-regexp", "--"};
    private static final int EXACT = 0, GLOB = 1, INDEXVAR = 2, MATCHVAR = 3, NOCASE = 4, REGEXP = 5, LAST = 6;

    static TclObj switchCmd(Interp interp, TclObj[] objv) throws TclException {
        int n = objv.length;
        // Tcl 8.6.13 compiles switch inline only in the form "switch ?--? string {pattern body ...}"
        Cmd self = null;
        if (n == 3 || (n == 4 && objv[1].toString().equals("--"))) self = CompileContext.literalInvocation(interp, objv, false);
        int mode = EXACT;
        boolean foundMode = false, nocase = false;
        TclObj matchVar = null, indexVar = null;
        int i = 1;
        // options are only looked for where a string and a body could still follow
        for (; i < n - 2; i++) {
            if (!objv[i].toString().startsWith("-")) break;
            int opt = Subcommands.index(objv[i], SWITCH_OPTS, "option");
            if (opt == LAST) {
                i++;
                break;
            }
            switch (opt) {
                case NOCASE -> nocase = true;
                case INDEXVAR, MATCHVAR -> {
                    String which = SWITCH_OPTS[opt];
                    i++;
                    if (i >= n - 2) {
                        throw TclException.error("missing variable name argument to " + which + " option", "TCL", "OPERATION", "SWITCH", "NOVAR");
                    }
                    if (opt == INDEXVAR) indexVar = objv[i];
                    else matchVar = objv[i];
                }
                default -> {
                    if (foundMode) {
                        throw TclException.error("bad option \"" + objv[i] + "\": " + SWITCH_OPTS[mode] + " option already found",
                                "TCL", "OPERATION", "SWITCH", "DOUBLEOPT");
                    }
                    foundMode = true;
                    mode = opt;
                }
            }
        }
        if (n - i < 2) throw TclException.wrongArgs(objv, 1, "?-option ...? string ?pattern body ...? ?default body?");
        if (indexVar != null && mode != REGEXP) {
            throw TclException.error("-indexvar option requires -regexp option", "TCL", "OPERATION", "SWITCH", "MODERESTRICTION");
        }
        if (matchVar != null && mode != REGEXP) {
            throw TclException.error("-matchvar option requires -regexp option", "TCL", "OPERATION", "SWITCH", "MODERESTRICTION");
        }
        TclObj subject = objv[i];
        String str = subject.toString();
        TclObj[] arms;
        int bodyWordBase;
        boolean split = n - i == 2;
        if (split) {
            arms = objv[i + 1].asList().toArray();
            if (arms.length == 0) {
                throw TclException.wrongArgs(objv, 1, "?-option ...? string {?pattern body ...? ?default body?}");
            }
            bodyWordBase = -1;
        } else {
            arms = new TclObj[n - i - 1];
            System.arraycopy(objv, i + 1, arms, 0, arms.length);
            bodyWordBase = i + 1;
        }
        if (arms.length % 2 != 0) {
            if (split) {
                // the infamous comment placed among the arms
                for (int k = 0; k < arms.length; k += 2) {
                    if (arms[k].toString().startsWith("#")) {
                        throw TclException.error("extra switch pattern with no body, this may be due to a comment incorrectly"
                                + " placed outside of a switch body - see the \"switch\" documentation",
                                "TCL", "OPERATION", "SWITCH", "BADARM", "COMMENT?");
                    }
                }
            }
            throw TclException.error("extra switch pattern with no body", "TCL", "OPERATION", "SWITCH", "BADARM");
        }
        if (arms[arms.length - 1].toString().equals("-")) {
            throw TclException.error("no body specified for pattern \"" + arms[arms.length - 2] + "\"",
                    "TCL", "OPERATION", "SWITCH", "BADARM", "FALLTHROUGH");
        }
        for (int k = 0; k < arms.length; k += 2) {
            String pat = arms[k].toString();
            boolean match;
            if (k == arms.length - 2 && pat.equals("default")) {
                // with -indexvar/-matchvar the default arm sets the variables to empty lists
                if (indexVar != null) interp.writeVar(indexVar, TclObj.EMPTY);
                if (matchVar != null) interp.writeVar(matchVar, TclObj.EMPTY);
                match = true;
            } else if (mode == EXACT) {
                match = nocase ? pat.equalsIgnoreCase(str) : pat.equals(str);
            } else if (mode == GLOB) {
                match = Glob.match(pat, str, nocase);
            } else {
                match = regexpArm(interp, arms[k], str, nocase, indexVar, matchVar);
            }
            if (!match) continue;
            int b = k + 1;
            while (arms[b].toString().equals("-")) b += 2;
            try {
                return interp.eval(arms[b]);
            } catch (TclException e) {
                if (e.code() == TclException.ERROR) {
                    int word = bodyWordBase >= 0 ? bodyWordBase + b : n - 1;
                    if (bodyWordBase >= 0 && CompileContext.inlineBody(interp, self, word)) {
                        interp.bodyError(e, self, word, null);
                    } else if (bodyWordBase < 0 && CompileContext.inlineBody(interp, self, word)) {
                        // compiled: the arm's lines count from the start of the list word
                        e.errorLine += armLine(objv[n - 1].toString(), arms, b) - 1;
                        interp.bodyError(e, self, word, null);
                    } else {
                        String p = pat.length() > 50 ? pat.substring(0, 50) + "..." : pat;
                        interp.addErrorInfo(e, "\n    (\"" + p + "\" arm line " + e.errorLine + ")");
                    }
                }
                throw e;
            }
        }
        return TclObj.EMPTY;
    }

    /**
     * case string ?in? patList body ?patList body ...? (or the pairs as one list): Tcl 7's switch,
     * still in 8.6. Each patList is a list of glob patterns; a patList that is the word default
     * names the body used when nothing else matches. The result is the body's, or empty.
     */
    static TclObj caseCmd(Interp interp, TclObj[] objv) throws TclException {
        if (objv.length < 3) {
            throw TclException.wrongArgs("case string ?in? ?pattern body ...? ?default body?");
        }
        String str = objv[1].toString();
        int first = objv[2].toString().equals("in") ? 3 : 2;
        TclObj[] pairs = objv.length - first == 1
                ? objv[first].asList().toArray()
                : java.util.Arrays.copyOfRange(objv, first, objv.length);
        int body = -1;
        for (int i = 0; i < pairs.length; i += 2) {
            if (i == pairs.length - 1) throw TclException.error("extra case pattern with no body");
            String pats = pairs[i].toString();
            boolean plain = true;
            for (int k = 0; k < pats.length() && plain; k++) {
                char c = pats.charAt(k);
                plain = c != '\\' && !(c == ' ' || (c >= '\t' && c <= '\r'));
            }
            if (plain) {
                // one pattern; the word default marks the fallback (and still matches itself)
                if (pats.equals("default")) body = i + 1;
                if (Glob.match(pats, str, false)) {
                    body = i + 1;
                    break;
                }
                continue;
            }
            boolean hit = false;
            for (TclObj p : TclObj.of(pats).asList().toArray()) {
                if (Glob.match(p.toString(), str, false)) {
                    hit = true;
                    break;
                }
            }
            if (hit) {
                body = i + 1;
                break;
            }
        }
        if (body < 0) return TclObj.EMPTY;
        try {
            return interp.eval(pairs[body]);
        } catch (TclException e) {
            if (e.code() == TclException.ERROR) {
                String arm = pairs[body - 1].toString();
                if (arm.length() > 50) arm = arm.substring(0, 50);
                interp.addErrorInfo(e, "\n    (\"" + arm + "\" arm line " + e.errorLine + ")");
            }
            throw e;
        }
    }

    /** Matches one -regexp arm (Tcl's regular expressions), setting -indexvar/-matchvar on a match. */
    private static boolean regexpArm(Interp interp, TclObj pattern, String str, boolean nocase, TclObj indexVar,
                                     TclObj matchVar) throws TclException {
        TclRegex re = TclRegex.fromObj(pattern, TclRegex.ADVANCED | (nocase ? TclRegex.ICASE : 0));
        boolean wantGroups = indexVar != null || matchVar != null;
        RegexMatcher m = re.matcher(str);
        if (!m.find(0, false, wantGroups ? RegexMatcher.ALL_GROUPS : RegexMatcher.MATCH_ONLY)) return false;
        if (!wantGroups) return true;
        int groups = re.groupCount();
        TclObj[] indices = new TclObj[groups + 1];
        TclObj[] matches = new TclObj[groups + 1];
        for (int g = 0; g <= groups; g++) {
            int s = m.start(g), e = m.end(g);
            // as Tcl: a group that ends at offset 0 (or did not match) reports -1 -1
            if (e > 0) indices[g] = TclObj.ofList(TclObj.of(s), TclObj.of(e - 1));
            else indices[g] = TclObj.ofList(TclObj.of(-1), TclObj.of(-1));
            matches[g] = s >= 0 && e >= s ? TclObj.of(str.substring(s, e)) : TclObj.EMPTY;
        }
        if (indexVar != null) interp.writeVar(indexVar, TclObj.ofList(indices));
        if (matchVar != null) interp.writeVar(matchVar, TclObj.ofList(matches));
        return true;
    }

    /** The line, within the list word {@code text}, where element {@code index} (of {@code elems}) starts. */
    private static int armLine(String text, TclObj[] elems, int index) {
        int pos = 0, line = 1;
        for (int k = 0; k <= index && pos < text.length(); k++) {
            // skip the separator, then the element (braced, quoted or bare)
            while (pos < text.length() && Character.isWhitespace(text.charAt(pos))) {
                if (text.charAt(pos) == '\n') line++;
                pos++;
            }
            if (k == index) return line;
            pos = elementEnd(text, pos);
        }
        return line;
    }

    /** The offset just after the list element starting at {@code pos} in {@code text}. */
    private static int elementEnd(String text, int pos) {
        int n = text.length();
        if (pos >= n) return n;
        char c = text.charAt(pos);
        if (c == '{') {
            int depth = 0;
            for (int i = pos; i < n; i++) {
                char d = text.charAt(i);
                if (d == '\\') { i++; continue; }
                if (d == '{') depth++;
                else if (d == '}' && --depth == 0) return i + 1;
            }
            return n;
        }
        if (c == '"') {
            for (int i = pos + 1; i < n; i++) {
                char d = text.charAt(i);
                if (d == '\\') { i++; continue; }
                if (d == '"') return i + 1;
            }
            return n;
        }
        int i = pos;
        while (i < n && !Character.isWhitespace(text.charAt(i))) {
            if (text.charAt(i) == '\\') i++;
            i++;
        }
        return Math.min(i, n);
    }
}
