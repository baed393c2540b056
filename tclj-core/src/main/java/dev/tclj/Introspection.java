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
     * For the first command of a lambda body run by apply with a literal lambda term: the line,
     * in the script holding the apply, where the body starts; else -1.
     */
    private static int lambdaIn(Interp interp, int i) {
        Cmd inner = interp.cmdStackCmds[i];
        Cmd outer = interp.cmdStackCmds[i - 1];
        CallFrame f = interp.cmdStackFrames[i];
        if (inner == null || outer == null || f == null || f.proc == null || !f.proc.isLambda || f.proc.lambdaTerm == null) return -1;
        if (f.proc.body.toString() != inner.source) return -1;
        String term = f.proc.lambdaTerm.toString();
        for (Word w : outer.words) {
            if (w.kind == Word.LITERAL && w.literal.toString().equals(term)) {
                int at = term.indexOf(inner.source);
                if (at < 0) return -1;
                int lines = 0;
                for (int k = 0; k < at; k++) if (term.charAt(k) == '\n') lines++;
                return w.line + lines;
            }
        }
        return -1;
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
        CallFrame cf = interp.cmdStackFrames[top];
        // The line counts from the start of the script the literal bodies are nested in (Tcl
        // tracks literal bodies, even of commands that start a new frame).
        int root = top;
        int line = c == null ? 1 : c.line;
        while (root > 0) {
            int at = nestedIn(interp, root);
            if (at < 0) at = lambdaIn(interp, root);
            if (at < 0) break;
            if (at > 0) line += at - 1;
            root--;
        }
        Cmd rootCmd = interp.cmdStackCmds[root];
        CallFrame rootFrame = interp.cmdStackFrames[root];
        String type = "eval";
        String file = null;
        Proc proc = null;
        TclObj[] caller = root > 0 ? interp.cmdStackWords[root - 1] : null;
        if (rootCmd != null && caller != null && caller.length >= 2 && "source".equals(commandName(interp, root - 1))) {
            type = "source";
            file = caller[caller.length - 1].toString();
        } else if (rootCmd != null && rootFrame != null && rootFrame.proc != null && rootFrame.proc.body.toString() == rootCmd.source) {
            proc = rootFrame.proc;
            type = "proc";
            // Tcl knows where a procedure defined by a sourced file came from; find its body there
            int at = bodyLineInScriptFile(interp, rootCmd.source);
            if (at > 0) {
                type = "source";
                file = interp.scriptFile();
                line += at - 1;
            }
        } else if (rootCmd != null && root == 0 && isScriptFile(interp, rootCmd.source)) {
            type = "source";
            file = interp.scriptFile();
        }
        // every frame that runs in a procedure's scope names it (a lambda by its term)
        if (proc == null && cf != null && cf.proc != null) proc = cf.proc;
        TclDict.Builder b = new TclDict.Builder(8);
        b.put(TclObj.of("type"), TclObj.of(type));
        b.put(TclObj.of("line"), TclObj.of(line));
        if (file != null) {
            try {
                file = java.nio.file.Path.of(file).toAbsolutePath().normalize().toString();
            } catch (RuntimeException ignored) {
                // keep the name as given
            }
            b.put(TclObj.of("file"), TclObj.of(file));
        }
        String text = c != null ? c.text() : words == null ? "" : TclObj.ofList(words.clone()).toString();
        b.put(TclObj.of("cmd"), TclObj.of(text));
        if (proc != null) {
            if (proc.isLambda) b.put(TclObj.of("lambda"), proc.lambdaTerm == null ? TclObj.EMPTY : proc.lambdaTerm);
            else b.put(TclObj.of("proc"), TclObj.of(proc.ns.qualify(proc.name)));
        }
        // the level, relative to the current one, of the frame's variable scope when it is on
        // the current chain of callers (not when uplevel has left it aside)
        for (CallFrame f = interp.frame; f != null; f = f.parent) {
            if (f == cf) {
                b.put(TclObj.of("level"), TclObj.of(interp.frame.level - cf.level));
                break;
            }
        }
        return TclObj.ofDict(b.build());
    }

    /** Whether a script's text is that of the file being sourced (info script). */
    private static boolean isScriptFile(Interp interp, String source) {
        String text = scriptFileText(interp);
        return text != null && text.equals(source);
    }

    /** The line of the file being sourced where a procedure body occurs once; -1 if not so. */
    private static int bodyLineInScriptFile(Interp interp, String body) {
        String text = scriptFileText(interp);
        if (text == null || body.isEmpty()) return -1;
        int at = text.indexOf(body);
        if (at < 0 || text.indexOf(body, at + 1) >= 0) return -1;
        int line = 1;
        for (int k = 0; k < at; k++) if (text.charAt(k) == '\n') line++;
        return line;
    }

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
