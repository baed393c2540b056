package dev.tclj;

import dev.tclj.parse.Cmd;
import dev.tclj.parse.Word;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;

/**
 * What the {@code info} command reports about the interpreter's internals: the commands, procs and
 * variables visible from the current frame (with Tcl 8.6's rules for qualified patterns and for
 * the namespace path), procedure definitions, call levels and the {@code info frame} records.
 */
public final class Introspection {
    private Introspection() {}

    /** A pattern split into the namespace it names (missing: no such namespace) and its simple part. */
    private record Pattern(Namespace ns, String simple, boolean qualified, boolean missing) {}

    private static Pattern splitPattern(Interp interp, String pattern) {
        if (pattern == null) return new Pattern(interp.frame.ns, null, false, false);
        if (!pattern.contains("::")) return new Pattern(interp.frame.ns, pattern, false, false);
        NamespaceOps.QualName q = NamespaceOps.split(interp, pattern, interp.frame.ns, false);
        if (q.ns() == null) return new Pattern(null, q.tail(), true, true);
        return new Pattern(q.ns(), q.tail(), true, false);
    }

    /** Keys of an insertion-ordered table, in the order Tcl's hash table would list them. */
    public static List<String> tclOrder(java.util.Collection<String> keys) {
        String[] k = keys.toArray(new String[0]);
        int[] order = TclHashLayout.iterationOrder(k, k.length);
        ArrayList<String> out = new ArrayList<>(k.length);
        for (int i : order) out.add(k[i]);
        return out;
    }

    private static boolean matches(String simple, String name) {
        return simple == null || Glob.match(simple, name, false);
    }

    /** info commands / info procs. */
    public static TclList commands(Interp interp, String pattern, boolean procsOnly) {
        Pattern p = splitPattern(interp, pattern);
        ArrayList<TclObj> out = new ArrayList<>();
        if (p.missing()) return TclList.EMPTY;
        Namespace ns = p.ns();
        LinkedHashSet<String> seen = new LinkedHashSet<>();
        addCommands(ns, p.simple(), procsOnly, p.qualified(), seen, out);
        if (!p.qualified() && !procsOnly && ns != interp.globalNs) {
            for (Namespace pn : ns.path) if (!pn.deleted) addCommands(pn, p.simple(), false, false, seen, out);
            addCommands(interp.globalNs, p.simple(), false, false, seen, out);
        }
        return TclList.of(out);
    }

    private static void addCommands(Namespace ns, String simple, boolean procsOnly, boolean qualify,
                                    LinkedHashSet<String> seen, List<TclObj> out) {
        if (simple != null && !Glob.hasSpecial(simple)) {
            CommandEntry ce = ns.commands.get(simple);
            if (ce != null) addCommand(ce, procsOnly, qualify, seen, out);
            return;
        }
        for (String name : tclOrder(ns.commands.keySet())) {
            CommandEntry ce = ns.commands.get(name);
            if (matches(simple, ce.name)) addCommand(ce, procsOnly, qualify, seen, out);
        }
    }

    private static void addCommand(CommandEntry ce, boolean procsOnly, boolean qualify, LinkedHashSet<String> seen, List<TclObj> out) {
        if (ce.deleted) return;
        if (procsOnly && !(ce.origin().impl instanceof Proc)) return;
        if (!seen.add(ce.name)) return;
        out.add(TclObj.of(qualify ? ce.fullName() : ce.name));
    }

    /** The procedure a name refers to (through imports), or null. */
    public static Proc findProc(Interp interp, String name) {
        CommandEntry ce = interp.findCommand(name, interp.frame.ns);
        if (ce == null) return null;
        return ce.origin().impl instanceof Proc p ? p : null;
    }

    /** Whether a variable counts as existing for info vars/globals: defined, or declared. */
    private static boolean visible(Var v) {
        return v.link != null || !v.isUndefined() || v.declared;
    }

    /** info vars: locals (links included) in a procedure, else namespace and global variables. */
    public static TclList vars(Interp interp, String pattern) {
        Pattern p = splitPattern(interp, pattern);
        if (p.missing()) return TclList.EMPTY;
        ArrayList<TclObj> out = new ArrayList<>();
        CallFrame f = interp.frame;
        if (!f.isProc || p.qualified()) {
            Namespace ns = p.ns();
            LinkedHashSet<String> seen = new LinkedHashSet<>();
            for (String name : tclOrder(ns.vars.keySet())) {
                Var v = ns.vars.get(name);
                if (!visible(v) || !matches(p.simple(), name)) continue;
                seen.add(name);
                out.add(TclObj.of(p.qualified() ? ns.qualify(name) : name));
            }
            if (ns != interp.globalNs && !p.qualified()) {
                for (String name : tclOrder(interp.globalNs.vars.keySet())) {
                    Var v = interp.globalNs.vars.get(name);
                    if (!visible(v) || seen.contains(name) || !matches(p.simple(), name)) continue;
                    out.add(TclObj.of(name));
                }
            }
            return TclList.of(out);
        }
        for (String name : f.localNames()) {
            Var v = f.findLocal(name);
            if (v == null || !(v.link != null || !v.isUndefined())) continue;
            if (matches(p.simple(), name)) out.add(TclObj.of(name));
        }
        return TclList.of(out);
    }

    /** info locals: the current procedure's own variables (not links). */
    public static TclList locals(Interp interp, String pattern) {
        CallFrame f = interp.frame;
        ArrayList<TclObj> out = new ArrayList<>();
        if (!f.isProc) return TclList.EMPTY;
        for (String name : f.localNames()) {
            Var v = f.findLocal(name);
            if (v == null || v.link != null || v.isUndefined()) continue;
            if (matches(pattern, name)) out.add(TclObj.of(name));
        }
        return TclList.of(out);
    }

    /** info globals. */
    public static TclList globals(Interp interp, String pattern) {
        if (pattern != null && pattern.startsWith("::")) {
            int i = 0;
            while (i < pattern.length() && pattern.charAt(i) == ':') i++;
            pattern = pattern.substring(i);
        }
        ArrayList<TclObj> out = new ArrayList<>();
        for (String name : tclOrder(interp.globalNs.vars.keySet())) {
            Var v = interp.globalNs.vars.get(name);
            if (v.link == null && v.isUndefined()) continue;
            if (matches(pattern, name)) out.add(TclObj.of(name));
        }
        return TclList.of(out);
    }

    /** info level N: the words of the frame at that level; null if there is none. */
    public static TclObj level(Interp interp, int level) {
        CallFrame f = interp.frame;
        if (level <= 0) level += f.level;
        if (level <= 0) return null;
        for (; f != null; f = f.parent) {
            if (f.level == level) return f.objv == null ? null : TclObj.ofList(f.objv.clone());
        }
        return null;
    }

    // ======================================================================================
    // info frame
    // ======================================================================================

    /**
     * The frames {@code info frame} numbers, as the indexes (in the interpreter's command stack)
     * of the first and the innermost command of each. Tcl evaluates a top-level script (a file
     * being sourced, a command typed) command by command, and compiles every other script; a
     * compiled script runs the literal bodies of if, while, for, switch and try inline (and,
     * in a procedure, which has local variables for them, those of catch, foreach and lmap). So
     * a command lexically inside the previous one belongs to its frame when it is in a command
     * substitution, or in such a body of a command of compiled code; anything else starts a frame.
     */
    private static List<int[]> frames(Interp interp) {
        ArrayList<int[]> out = new ArrayList<>();
        int n = interp.cmdTop;
        boolean[] direct = new boolean[n];
        for (int i = 0; i < n; i++) {
            int at = i > 0 ? nestedIn(interp, i) : -1;
            direct[i] = i == 0 ? true : at == 0 ? direct[i - 1] : at < 0 && "source".equals(commandName(interp, i - 1));
            if (i > 0 && sameFrame(interp, i, at, direct[i - 1])) out.get(out.size() - 1)[1] = i;
            else out.add(new int[]{i, i});
        }
        return out;
    }

    private static final java.util.Set<String> INLINE = java.util.Set.of("if", "while", "for", "switch", "try");
    private static final java.util.Set<String> INLINE_IN_PROC = java.util.Set.of("catch", "foreach", "lmap");

    private static boolean sameFrame(Interp interp, int i, int at, boolean outerDirect) {
        if (at < 0) return false;
        if (at == 0) return true;
        if (outerDirect) return false;
        String name = commandName(interp, i - 1);
        if (name == null) return false;
        if (name.startsWith("::")) name = name.substring(2);
        if (INLINE.contains(name)) return true;
        CallFrame f = interp.cmdStackFrames[i - 1];
        return INLINE_IN_PROC.contains(name) && f != null && f.isProc;
    }

    /** The name a stacked command was invoked by (words are not kept for inlined built-ins). */
    private static String commandName(Interp interp, int i) {
        TclObj[] words = interp.cmdStackWords[i];
        if (words != null) return words.length == 0 ? null : words[0].toString();
        Cmd c = interp.cmdStackCmds[i];
        return c != null && c.words.length > 0 && c.words[0].kind == Word.LITERAL ? c.words[0].literal.toString() : null;
    }

    /**
     * Where the command at stack index i lies lexically inside the command at index i-1: 0 when
     * in one of its command substitutions, the (1-based) line of the literal word whose text is
     * its script, or -1 when it is not nested (a procedure body, a computed script).
     */
    private static int nestedIn(Interp interp, int i) {
        Cmd inner = interp.cmdStackCmds[i];
        Cmd outer = interp.cmdStackCmds[i - 1];
        if (inner == null || outer == null) return -1;
        if (inner.source == outer.source) return inner.start >= outer.start && inner.end <= outer.end ? 0 : -1;
        for (Word w : outer.words) {
            if (w.kind == Word.LITERAL && w.literal.toString() == inner.source) return w.line;
        }
        // switch takes its bodies from a list in one word
        if (outer.words.length > 1 && outer.words[0].kind == Word.LITERAL && outer.words[0].literal.toString().equals("switch")) {
            Word w = outer.words[outer.words.length - 1];
            if (w.kind == Word.LITERAL) {
                String text = w.literal.toString();
                int at = text.indexOf(inner.source);
                if (at >= 0 && !inner.source.isEmpty()) {
                    int line = w.line;
                    for (int k = 0; k < at; k++) if (text.charAt(k) == '\n') line++;
                    return line;
                }
            }
        }
        return -1;
    }

    /**
     * Where a script or a command lies, as info frame reports it: its type ("source" with the
     * file, "proc" for a procedure body of unknown origin, "eval" otherwise) and its line.
     */
    private record Loc(String type, String file, int line) {
        Loc plus(int lines) { return lines == 0 ? this : new Loc(type, file, line + lines); }
    }

    /**
     * Where a script's text starts, and the offsets in that text of the backslash-newlines that
     * were turned into spaces when it was a braced word (each is a line Tcl still counts).
     */
    private record Origin(Loc base, int[] joins) {
        /** The location of offset k of the script text. */
        Loc at(String text, int k) {
            return base.plus(newlines(text, 0, k) + joinsBefore(k));
        }

        /** The same, for a command whose line in the script text is known. */
        Loc ofCmd(Cmd c) {
            return base.plus(c.line - 1 + joinsBefore(c.start));
        }

        int joinsBefore(int k) {
            int n = 0;
            for (int j : joins) if (j < k) n++;
            return n;
        }
    }

    private static final int[] NO_JOINS = new int[0];
    private static final Origin EVAL1 = new Origin(new Loc("eval", null, 1), NO_JOINS);
    private static final Origin PROC1 = new Origin(new Loc("proc", null, 1), NO_JOINS);

    /** Where procedures defined by a command of known location have their bodies (TIP 280). */
    private static final class Definitions {
        final java.util.WeakHashMap<Proc, Origin> bodies = new java.util.WeakHashMap<>();
    }

    /**
     * Called when a procedure is created: when the command creating it is a {@code proc} whose
     * body word is a literal in a file, remember where the body starts, as Tcl does.
     */
    static void noteDefinition(Interp interp, Proc p) {
        int top = interp.cmdTop - 1;
        if (top < 0) return;
        Cmd c = interp.cmdStackCmds[top];
        if (c == null) return;
        Origin at = literalOrigin(interp, top, p.body.toString(), new Origin[top + 1], 3);
        if (at == null || !at.base().type().equals("source")) return;
        Definitions d = interp.getAssoc(Definitions.class);
        if (d == null) interp.setAssoc(Definitions.class, d = new Definitions());
        d.bodies.put(p, at);
    }

    /**
     * The origin of the script that holds the command at stack index i, found the way Tcl finds
     * it: a file being sourced; a procedure body (where it was defined); a literal word of the
     * command that evaluates the script (its own literal bodies, an element of a literal
     * expanded with {*}, or, for eval, uplevel and namespace eval, a literal word of any command
     * still running that passed the same value along); else a script of no known origin.
     * Memoized in memo.
     */
    private static Origin origin(Interp interp, int i, Origin[] memo) {
        Origin r = memo[i];
        if (r == null) memo[i] = r = computeOrigin(interp, i, memo);
        return r;
    }

    private static Origin computeOrigin(Interp interp, int i, Origin[] memo) {
        Cmd c = interp.cmdStackCmds[i];
        if (c == null) return EVAL1;
        String src = c.source;
        if (i == 0) return isScriptFile(interp, src) ? new Origin(new Loc("source", interp.scriptFile(), 1), NO_JOINS) : EVAL1;
        Cmd outer = interp.cmdStackCmds[i - 1];
        // a command substitution in the previous command
        if (outer != null && outer.source == src && c.start >= outer.start && c.end <= outer.end) {
            return origin(interp, i - 1, memo);
        }
        TclObj[] callerWords = interp.cmdStackWords[i - 1];
        if (callerWords != null && callerWords.length >= 2 && "source".equals(commandName(interp, i - 1))) {
            return new Origin(new Loc("source", callerWords[callerWords.length - 1].toString(), 1), NO_JOINS);
        }
        CallFrame f = interp.cmdStackFrames[i];
        if (f != null && f.proc != null && f.proc.body.toString() == src && interp.cmdStackFrames[i - 1] != f) {
            if (f.proc.isLambda) {
                Origin at = lambdaOrigin(interp, i, memo);
                return at != null ? at : PROC1;
            }
            Definitions d = interp.getAssoc(Definitions.class);
            Origin at = d == null ? null : d.bodies.get(f.proc);
            return at != null ? at : PROC1;
        }
        if (outer != null) {
            Origin at = literalOrigin(interp, i - 1, src, memo, -1);
            if (at != null) return at;
        }
        // eval, uplevel and namespace eval of one script value find where that value was
        // written when it is a literal word of a command still running (TclArgumentGet)
        if (passesArgumentLocation(interp, i - 1)) {
            for (int j = 0; j < i - 1; j++) {
                if (interp.cmdStackCmds[j] == null) continue;
                Origin at = literalOrigin(interp, j, src, memo, -1);
                if (at != null) return at;
            }
        }
        return EVAL1;
    }

    /**
     * The origin of text when it is a literal word of the command at stack index j (word index
     * only, when not negative), an element of a literal word expanded with {*}, or a body in the
     * literal list word of a switch; null when it is none of these.
     */
    private static Origin literalOrigin(Interp interp, int j, String text, Origin[] memo, int only) {
        Cmd cj = interp.cmdStackCmds[j];
        Word[] ws = cj.words;
        for (int k = 0; k < ws.length; k++) {
            Word w = ws[k];
            if (w.kind != Word.LITERAL || (only >= 0 && k != only)) continue;
            String lit = w.literal.toString();
            if (!w.expand) {
                if (lit == text) {
                    Origin wo = wordOrigin(interp, j, w, memo);
                    if (wo != null) return wo;
                }
                continue;
            }
            if (only >= 0) continue;
            TclList elems;
            try {
                elems = w.literal.asList();
            } catch (TclException e) {
                continue;
            }
            for (int e = 0; e < elems.size(); e++) {
                if (elems.get(e).toString() == text) {
                    int at = lit.indexOf(text);
                    Origin wo = at < 0 ? null : wordOrigin(interp, j, w, memo);
                    if (wo != null) return shifted(wo, lit, at);
                }
            }
        }
        // switch takes its bodies from a list in one word
        if (only < 0 && ws.length > 1 && ws[0].kind == Word.LITERAL && ws[0].literal.toString().equals("switch") && !text.isEmpty()) {
            Word w = ws[ws.length - 1];
            if (w.kind == Word.LITERAL) {
                String lit = w.literal.toString();
                int at = elementOffset(w.literal, text);
                Origin wo = at < 0 ? null : wordOrigin(interp, j, w, memo);
                if (wo != null) return shifted(wo, lit, at);
            }
        }
        return null;
    }

    /**
     * Where, in the text of a list, the element whose string is text (that very string) is
     * written: the n-th occurrence of its text for the n-th element equal to it; -1 if none.
     */
    private static int elementOffset(TclObj list, String text) {
        String lit = list.toString();
        int n = 0;
        boolean found = false;
        try {
            TclList l = list.asList();
            for (int e = 0; e < l.size(); e++) {
                String x = l.get(e).toString();
                if (x == text) { found = true; break; }
                if (x.equals(text)) n++;
            }
        } catch (TclException ex) {
            return -1;
        }
        if (!found) n = 0;
        int at = lit.indexOf(text);
        while (at >= 0 && n-- > 0) at = lit.indexOf(text, at + 1);
        return at;
    }

    /** The origin of a part of a script text that starts at offset at. */
    private static Origin shifted(Origin o, String text, int at) {
        Loc base = o.at(text, at);
        int n = 0;
        for (int k : o.joins()) if (k >= at) n++;
        int[] joins = new int[n];
        n = 0;
        for (int k : o.joins()) if (k >= at) joins[n++] = k - at;
        return new Origin(base, joins);
    }

    /**
     * The origin of the text of literal word w of the command at stack index j; null when the
     * word is an expanded one whose text is not written as is (Tcl gives no location then).
     */
    private static Origin wordOrigin(Interp interp, int j, Word w, Origin[] memo) {
        Cmd cj = interp.cmdStackCmds[j];
        Origin oj = origin(interp, j, memo);
        String src = cj.source;
        // lines are counted from the command's start, whose line is known
        int from = cj.start;
        for (int l = cj.line; l < w.line && from >= 0; l++) {
            from = src.indexOf('\n', from);
            if (from >= 0) from++;
        }
        if (from < 0) from = cj.start;
        String lit = w.literal.toString();
        // earlier words of the same text on the same line come first
        int skip = 0;
        for (Word x : cj.words) {
            if (x == w) break;
            if (x.kind == Word.LITERAL && x.line == w.line && x.literal.toString().equals(lit)) skip++;
        }
        if (w.braced) {
            int[] endOut = new int[1];
            String[] err = new String[1];
            for (int b = src.indexOf('{', from); b >= 0 && b < cj.end; b = src.indexOf('{', b + 1)) {
                if (!wordStartsAt(src, b, cj.start)) continue;
                String body = dev.tclj.parse.Parser.parseBracedAt(src, b, endOut, err);
                if (body != null && body.equals(lit) && skip-- == 0) {
                    return new Origin(lineIn(oj, cj, b + 1), joins(oj, src, b + 1, endOut[0] - 1));
                }
            }
        } else {
            // a quoted word written without backslashes
            for (int q = src.indexOf('"', from); q >= 0 && q < cj.end; q = src.indexOf('"', q + 1)) {
                if (!wordStartsAt(src, q, cj.start)) continue;
                if (src.startsWith(lit, q + 1) && q + 1 + lit.length() < src.length() && src.charAt(q + 1 + lit.length()) == '"' && skip-- == 0) {
                    return new Origin(lineIn(oj, cj, q + 1), joins(oj, src, q + 1, q + 1 + lit.length()));
                }
            }
            if (w.expand) return null;
        }
        return new Origin(oj.base().plus(w.line - 1 + oj.joinsBefore(from)), NO_JOINS);
    }

    /** The location of offset k, inside command c, of the script whose origin is o. */
    private static Loc lineIn(Origin o, Cmd c, int k) {
        return o.base().plus(c.line - 1 + newlines(c.source, c.start, k) + o.joinsBefore(k));
    }

    /** Whether a word may start at offset b of src (after blanks, or after {*}). */
    private static boolean wordStartsAt(String src, int b, int cmdStart) {
        return b <= cmdStart || Character.isWhitespace(src.charAt(b - 1)) || (b >= 3 && src.startsWith("{*}", b - 3));
    }

    /**
     * The joins of the text of a word whose raw text is src[from, to): its own backslash-
     * newlines, and those the enclosing text already had there.
     */
    private static int[] joins(Origin outer, String src, int from, int to) {
        int[] own = joinsOf(src, from, to);
        int n = 0;
        for (int k : outer.joins()) if (k >= from && k < to) n++;
        if (n == 0) return own;
        int[] out = java.util.Arrays.copyOf(own, own.length + n);
        n = own.length;
        for (int k : outer.joins()) if (k >= from && k < to) out[n++] = k - from;
        java.util.Arrays.sort(out);
        return out;
    }

    /**
     * The offsets, in the text a braced word becomes, of the backslash-newlines (each turned
     * into a space) of its raw text src[from, to).
     */
    private static int[] joinsOf(String src, int from, int to) {
        int[] out = NO_JOINS;
        int n = 0, lit = 0;
        for (int k = from; k < to; ) {
            char ch = src.charAt(k);
            if (ch == '\\' && k + 1 < to && src.charAt(k + 1) == '\n') {
                if (n == out.length) out = java.util.Arrays.copyOf(out, Math.max(4, n * 2));
                out[n++] = lit;
                lit++;
                k += 2;
                while (k < to && (src.charAt(k) == ' ' || src.charAt(k) == '\t')) k++;
            } else if (ch == '\\') {
                k += 2;
                lit += 2;
            } else {
                k++;
                lit++;
            }
        }
        return n == out.length ? out : java.util.Arrays.copyOf(out, n);
    }

    /** Whether the command at stack index k is eval, uplevel or namespace eval given one script. */
    private static boolean passesArgumentLocation(Interp interp, int k) {
        TclObj[] w = interp.cmdStackWords[k];
        if (w == null || w.length < 2) return false;
        String name = w[0].toString();
        if (name.startsWith("::")) name = name.substring(2);
        switch (name) {
            case "eval": return w.length == 2;
            case "uplevel": return w.length == 2 || (w.length == 3 && Interp.isLevel(w[1].toString()));
            case "namespace": return w.length == 4 && w[1].toString().equals("eval");
            default: return false;
        }
    }

    private static int newlines(String s, int from, int end) {
        int n = 0;
        for (int k = from; k < end; k++) if (s.charAt(k) == '\n') n++;
        return n;
    }

    /**
     * For the first command of a lambda body run by apply with a literal lambda term: the
     * origin of the body in the script holding the apply; else null.
     */
    private static Origin lambdaOrigin(Interp interp, int i, Origin[] memo) {
        Cmd inner = interp.cmdStackCmds[i];
        Cmd outer = interp.cmdStackCmds[i - 1];
        CallFrame f = interp.cmdStackFrames[i];
        if (inner == null || outer == null || f.proc.lambdaTerm == null) return null;
        String term = f.proc.lambdaTerm.toString();
        for (Word w : outer.words) {
            if (w.kind == Word.LITERAL && w.literal.toString().equals(term)) {
                int at = term.indexOf(inner.source);
                if (at < 0) return null;
                return shifted(wordOrigin(interp, i - 1, w, memo), term, at);
            }
        }
        return null;
    }

    /** The number of frames (info frame with no argument). */
    public static int frameCount(Interp interp) {
        return frames(interp).size();
    }

    /** info frame N; null for a bad level. */
    public static TclObj frame(Interp interp, int n) {
        List<int[]> fs = frames(interp);
        int count = fs.size();
        int k = n > 0 ? n : count + n;
        if (k < 1 || k > count) return null;
        int top = fs.get(k - 1)[1];
        Cmd c = interp.cmdStackCmds[top];
        TclObj[] words = interp.cmdStackWords[top];
        Loc at = c == null ? EVAL1.base() : origin(interp, top, new Origin[top + 1]).ofCmd(c);
        TclDict.Builder b = new TclDict.Builder(8);
        b.put(TclObj.of("type"), TclObj.of(at.type()));
        b.put(TclObj.of("line"), TclObj.of(at.line()));
        if (at.file() != null) {
            String file = at.file();
            try {
                file = java.nio.file.Path.of(file).toAbsolutePath().normalize().toString();
            } catch (RuntimeException ignored) {
                // keep the name as given
            }
            b.put(TclObj.of("file"), TclObj.of(file));
        }
        String text = c != null ? c.text() : words == null ? "" : TclObj.ofList(words.clone()).toString();
        b.put(TclObj.of("cmd"), TclObj.of(text));
        // the procedure and level are those of the call frame the command runs in (the one
        // most recently pushed, whatever uplevel did to the variable frame)
        CallFrame cf = callFrameOf(interp, top);
        if (cf != null && cf.proc != null) {
            Proc proc = cf.proc;
            if (proc.isLambda) b.put(TclObj.of("lambda"), proc.lambdaTerm == null ? TclObj.EMPTY : proc.lambdaTerm);
            else b.put(TclObj.of("proc"), TclObj.of(proc.ns.qualify(proc.name)));
        }
        // the level, relative to the current one, of that frame when it is on the current chain
        // of callers (not when uplevel has left it aside)
        for (CallFrame f = interp.frame; f != null && cf != null; f = f.parent) {
            if (f == cf) {
                b.put(TclObj.of("level"), TclObj.of(interp.frame.level - cf.level));
                break;
            }
        }
        return TclObj.ofDict(b.build());
    }

    /**
     * The call frame a stacked command runs in: of the frames the commands up to it ran in, the
     * one pushed last (frames are pushed in call order, and uplevel only borrows older ones).
     */
    private static CallFrame callFrameOf(Interp interp, int top) {
        java.util.IdentityHashMap<CallFrame, Boolean> seen = new java.util.IdentityHashMap<>();
        CallFrame newest = null;
        for (int i = 0; i <= top; i++) {
            CallFrame f = interp.cmdStackFrames[i];
            if (f != null && seen.put(f, Boolean.TRUE) == null) newest = f;
        }
        return newest;
    }

    /** Whether a script's text is that of the file being sourced (info script). */
    private static boolean isScriptFile(Interp interp, String source) {
        // remembered for the last script asked about: a file's procedure definitions all ask
        ScriptFileCheck last = interp.getAssoc(ScriptFileCheck.class);
        String file = interp.scriptFile();
        if (last != null && last.source == source && java.util.Objects.equals(last.file, file)) return last.result;
        String text = scriptFileText(interp);
        boolean r = text != null && text.equals(source);
        interp.setAssoc(ScriptFileCheck.class, new ScriptFileCheck(source, file, r));
        return r;
    }

    private record ScriptFileCheck(String source, String file, boolean result) {}

    private static String scriptFileText(Interp interp) {
        String f = interp.scriptFile();
        if (f == null || f.isEmpty()) return null;
        try {
            java.nio.file.Path p = java.nio.file.Path.of(f);
            if (java.nio.file.Files.size(p) > 64L * 1024 * 1024) return null;
            String text = java.nio.file.Files.readString(p);
            int eof = text.indexOf('\u001a');
            return eof >= 0 ? text.substring(0, eof) : text;
        } catch (Exception e) {
            return null;
        }
    }

    // ======================================================================================
    // info errorstack
    // ======================================================================================

    /** The error stack of the latest error: "INNER words" then "CALL words" per procedure left. */
    private static final class ErrorStack {
        TclException owner;
        final ArrayList<TclObj> items = new ArrayList<>();
    }

    private static ErrorStack errorStackState(Interp interp) {
        ErrorStack es = interp.getAssoc(ErrorStack.class);
        if (es == null) {
            es = new ErrorStack();
            interp.setAssoc(ErrorStack.class, es);
        }
        return es;
    }

    /** Called when an error is first logged at the command c: starts a new error stack. */
    static void noteInnerError(Interp interp, TclException e, Cmd c) {
        ErrorStack es = errorStackState(interp);
        es.owner = e;
        es.items.clear();
        es.items.add(TclObj.of("INNER"));
        int top = interp.cmdTop - 1;
        if (top >= 0 && interp.cmdStackCmds[top] == c && interp.cmdStackWords[top] != null) {
            es.items.add(TclObj.ofList(interp.cmdStackWords[top].clone()));
        }
        else es.items.add(TclObj.of(c.text()));
    }

    /** Called when an error is first logged as words (a pure list evaluated, an alias): starts a new stack. */
    static void noteInnerWords(Interp interp, TclException e, TclObj[] objv) {
        ErrorStack es = errorStackState(interp);
        es.owner = e;
        es.items.clear();
        es.items.add(TclObj.of("INNER"));
        es.items.add(TclObj.ofList(objv.clone()));
    }

    /**
     * Called when an error leaves a script that uplevel ran {@code n} levels up from a procedure:
     * Tcl lists that step as "UP n" (then "CALL" for the procedure itself).
     */
    public static void noteUplevel(Interp interp, TclException e, int n) {
        ErrorStack es = errorStackState(interp);
        if (es.owner != e) {
            es.owner = e;
            es.items.clear();
            es.items.add(TclObj.of("INNER"));
            es.items.add(TclObj.of(e.getMessage()));
        }
        es.items.add(TclObj.of("UP"));
        es.items.add(TclObj.of(n));
    }

    /** Called when an error leaves a procedure frame. */
    static void noteCall(Interp interp, TclException e, CallFrame f) {
        ErrorStack es = errorStackState(interp);
        if (es.owner != e) {
            es.owner = e;
            es.items.clear();
            es.items.add(TclObj.of("INNER"));
            es.items.add(TclObj.of(e.getMessage()));
        }
        es.items.add(TclObj.of("CALL"));
        es.items.add(f.objv == null ? TclObj.EMPTY : TclObj.ofList(f.objv.clone()));
    }

    /** info errorstack. */
    public static TclObj errorStack(Interp interp) {
        ErrorStack es = interp.getAssoc(ErrorStack.class);
        if (es == null) return TclObj.EMPTY;
        return TclObj.ofList(TclList.of(new ArrayList<>(es.items)));
    }
}
