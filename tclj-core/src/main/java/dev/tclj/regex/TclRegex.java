package dev.tclj.regex;

import dev.tclj.TclException;
import dev.tclj.TclObj;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A compiled Tcl regular expression (re_syntax(n): AREs, EREs, BREs and literals) and the entry
 * point of the package.
 *
 * <pre>
 *   TclRegex re = TclRegex.compile("(\\w+)=(\\d+)", TclRegex.ADVANCED);   // or fromObj(obj, flags)
 *   RegexMatcher m = re.matcher(text);
 *   if (m.find(0)) { int s = m.start(1), e = m.end(1); ... }           // e exclusive; -1 if unmatched
 * </pre>
 *
 * <p>Matching follows Tcl, not Perl: the match that starts earliest wins, and among those the
 * longest or the shortest, as the pattern prefers; groups report what Tcl's engine reports. The
 * work is done by automata (no backtracking except to verify back references), so time grows
 * polynomially with the subject's length; back references inside repeated groups can still
 * explode, and such a search ends with Tcl's "error while matching regular expression" error.
 * Compile errors carry Tcl's messages and codes ({@link RegexException}, or the Tcl error from
 * {@link #fromObj}).
 *
 * <p>A TclRegex caches DFA states as it runs and must be used by one thread at a time. The caches
 * that hand them out ({@link #fromObj}, {@link #cached}) are per thread.
 */
public final class TclRegex {
    // Compile flags (Tcl's REG_* values).
    public static final int BASIC = 0;
    public static final int EXTENDED = 1;
    /** The advanced features (with EXTENDED: AREs). */
    public static final int ADVF = 2;
    public static final int ADVANCED = EXTENDED | ADVF;
    /** The pattern is a literal string. */
    public static final int QUOTE = 4;
    public static final int ICASE = 8;
    public static final int NOSUB = 16;
    public static final int EXPANDED = 32;
    /** Newline is not matched by . or [^...] (-linestop). */
    public static final int NLSTOP = 64;
    /** ^ and $ also match at newlines (-lineanchor). */
    public static final int NLANCH = 128;
    public static final int NEWLINE = NLSTOP | NLANCH;

    // The "about" bits (regexp -about).
    static final int UBACKREF = 1;
    static final int ULOOKAHEAD = 2;
    static final int UBOUNDS = 4;
    static final int UBRACES = 8;
    static final int UBSALNUM = 16;
    static final int UPBOTCH = 32;
    static final int UBBS = 64;
    static final int UNONPOSIX = 128;
    static final int UUNSPEC = 256;
    static final int UUNPORT = 512;
    static final int ULOCALE = 1024;
    static final int UEMPTYMATCH = 2048;
    static final int UIMPOSSIBLE = 4096;
    static final int USHORTEST = 8192;
    private static final String[] INFO_NAMES = {
        "REG_UBACKREF", "REG_ULOOKAHEAD", "REG_UBOUNDS", "REG_UBRACES", "REG_UBSALNUM", "REG_UPBOTCH",
        "REG_UBBS", "REG_UNONPOSIX", "REG_UUNSPEC", "REG_UUNPORT", "REG_ULOCALE", "REG_UEMPTYMATCH",
        "REG_UIMPOSSIBLE", "REG_USHORTEST"
    };

    final String pattern;
    final int flags;
    final int nsub;
    /** The about bits found while compiling; the two that need analysis are added on demand. */
    private int info;
    private boolean analyzed;
    final boolean icase;
    final SubRe tree;
    final Automaton search;
    /** The whole pattern when it is a plain string (found with indexOf); otherwise null. */
    final String literal;
    /**
     * The glob pattern Tcl substitutes for a simple case-blind pattern when the caller only asks
     * whether it matches (see {@link #globFor}), or null.
     */
    final String glob;

    private TclRegex(String pattern, int flags, int nsub, int info, boolean icase, SubRe tree,
                     Automaton search, String literal) {
        this.pattern = pattern;
        this.flags = flags;
        this.nsub = nsub;
        this.info = info;
        this.icase = icase;
        this.tree = tree;
        this.search = search;
        this.literal = literal;
        this.glob = (flags & ICASE) != 0 && (flags & ~(ADVANCED | NOSUB | ICASE)) == 0 ? globFor(pattern) : null;
    }

    /**
     * Tcl answers "does it match?" for simple patterns (no special chars but . .* .+ and anchors)
     * with string match instead of the regex engine. The two agree except with -nocase, where
     * string match compares lower cases and the engine also accepts upper and title cases (MICRO
     * SIGN matches GREEK CAPITAL MU only in the engine); so the substitution is repeated here for
     * case-blind patterns. Returns the glob pattern, or null when Tcl would not convert.
     */
    static String globFor(String re) {
        StringBuilder g = new StringBuilder(re.length() + 2);
        int n = re.length();
        if (re.startsWith("***=")) {
            g.append('*');
            for (int i = 4; i < n; i++) {
                char c = re.charAt(i);
                if (c == '\\' || c == '*' || c == '[' || c == ']' || c == '?') g.append('\\');
                g.append(c);
            }
            return g.append('*').toString();
        }
        int i = 0;
        boolean anchorRight = false, lastIsStar = false;
        int stars = 0;
        if (n > 0 && re.charAt(0) == '^') {
            i++;
        } else {
            g.append('*');
            lastIsStar = true;
        }
        for (; i < n; i++) {
            char c = re.charAt(i);
            switch (c) {
                case '\\': {
                    char e = ++i < n ? re.charAt(i) : 0;
                    switch (e) {
                        case 'a': g.append((char) 7); break;
                        case 'b': g.append('\b'); break;
                        case 'f': g.append('\f'); break;
                        case 'n': g.append('\n'); break;
                        case 'r': g.append('\r'); break;
                        case 't': g.append('\t'); break;
                        case 'v': g.append((char) 11); break;
                        case 'B': case '\\': g.append("\\\\"); break;
                        case '*': case '[': case ']': case '?': g.append('\\').append(e); break;
                        case '{': case '}': case '(': case ')': case '+': case '.': case '|': case '^': case '$':
                            g.append(e);
                            break;
                        default:
                            return null;
                    }
                    break;
                }
                case '.':
                    if (i + 1 < n && re.charAt(i + 1) == '*') {
                        i++;
                        if (!lastIsStar) {
                            g.append('*');
                            lastIsStar = true;
                            stars++;
                        }
                        continue;
                    }
                    if (i + 1 < n && re.charAt(i + 1) == '+') {
                        i++;
                        g.append("?*");
                        lastIsStar = true;
                        stars++;
                        continue;
                    }
                    g.append('?');
                    break;
                case '$':
                    if (i + 1 != n) return null;
                    anchorRight = true;
                    break;
                case '*': case '+': case '?': case '|': case '^': case '{': case '}': case '(': case ')':
                case '[': case ']':
                    return null;
                default:
                    g.append(c);
            }
            lastIsStar = false;
        }
        if (stars > 1) return null;
        if (!anchorRight && !lastIsStar) g.append('*');
        return g.toString();
    }

    /**
     * Compiles a pattern; flags are the constants above (ADVANCED for Tcl's default syntax, as the
     * regexp command uses, plus ICASE, EXPANDED, NLSTOP, NLANCH for its switches).
     */
    public static TclRegex compile(String pattern, int flags) throws RegexException {
        if ((flags & QUOTE) != 0 && (flags & (ADVANCED | EXPANDED | NEWLINE)) != 0) {
            throw new IllegalArgumentException("QUOTE with other syntax flags");
        }
        if ((flags & EXTENDED) == 0 && (flags & ADVF) != 0) throw new IllegalArgumentException("ADVF without EXTENDED");
        RegexParser p = new RegexParser(pattern, flags);
        SubRe tree = p.parseAll();
        p.nfa.checkFinalCopy(tree.begin, tree.end);
        int cflags = p.lex.cflags;
        int info = p.lex.info;
        ColorMap colors = new ColorMap(p.nfa.charSets());
        Automaton[] lacons = new Automaton[p.lacons.size()];
        for (int i = 1; i < lacons.length; i++) {
            NfaGraph.State[] be = p.lacons.get(i);
            lacons[i] = new Automaton(p.nfa.extract(be[0], be[1], colors), lacons, false);
        }
        buildAutomata(tree, p.nfa, colors, lacons);
        Automaton search = new Automaton(tree.automaton.prog.withSearchLoop(), lacons, true);
        if ((tree.flags & SubRe.SHORTER) != 0) info |= USHORTEST;
        String literal = literalOf(pattern, flags, cflags);
        return new TclRegex(pattern, flags, p.lex.nsubexp, info, (cflags & ICASE) != 0, tree, search, literal);
    }

    private static void buildAutomata(SubRe t, NfaGraph nfa, ColorMap colors, Automaton[] lacons) {
        t.automaton = new Automaton(nfa.extract(t.begin, t.end, colors), lacons, false);
        if (t.left != null) buildAutomata(t.left, nfa, colors, lacons);
        if (t.right != null) buildAutomata(t.right, nfa, colors, lacons);
    }

    /** The string a case-sensitive pattern with no special characters stands for, or null. */
    private static String literalOf(String pattern, int flags, int cflags) {
        if ((cflags & ICASE) != 0) return null;
        if ((cflags & QUOTE) != 0) {
            if ((flags & QUOTE) != 0) return pattern;
            if (pattern.startsWith("***=")) return pattern.substring(4);
            return null;
        }
        if ((cflags & (ADVANCED | EXPANDED)) != ADVANCED) return null;
        for (int i = 0; i < pattern.length(); i++) {
            if ("\\^$.[]|()*+?{}".indexOf(pattern.charAt(i)) >= 0) return null;
        }
        return pattern;
    }

    /** The number of capturing groups. */
    public int groupCount() { return nsub; }

    /** The pattern's text as given to compile. */
    public String pattern() { return pattern; }

    /** The compile flags given to compile. */
    public int flags() { return flags; }

    /** Whether back references occur (matching then has to verify them). */
    boolean hasBackrefs() { return (info & UBACKREF) != 0; }

    /** The REG_U* names that regexp -about lists. */
    public List<String> aboutFlags() {
        if (!analyzed) {
            info |= tree.automaton.analyze();
            analyzed = true;
        }
        List<String> out = new ArrayList<>();
        for (int i = 0; i < INFO_NAMES.length; i++) if ((info & (1 << i)) != 0) out.add(INFO_NAMES[i]);
        return out;
    }

    public RegexMatcher matcher(String text) { return new RegexMatcher(this, text); }

    /** Whether the pattern matches anywhere in text (cheaper than a find that places groups). */
    public boolean test(String text) throws TclException {
        return matcher(text).find(0, false, RegexMatcher.MATCH_ONLY);
    }

    /** A char's lower case as the engine folds it for -nocase (Tcl_UniCharToLower). */
    public static char foldCase(char c) { return (char) CharClasses.toLower(c); }

    // ---- Tcl-level access and caching ----

    private record Compiled(int flags, TclRegex regex) {}

    private static final int CACHE_SIZE = 64;

    /** Recently compiled patterns of this thread, for patterns whose value is not kept (e.g. built each time). */
    private static final ThreadLocal<LinkedHashMap<String, TclRegex>> RECENT = ThreadLocal.withInitial(
            () -> new LinkedHashMap<>(CACHE_SIZE * 2, 0.75f, true) {
                @Override
                protected boolean removeEldestEntry(Map.Entry<String, TclRegex> e) { return size() > CACHE_SIZE; }
            });

    /** Compiles through this thread's cache of recent patterns. */
    public static TclRegex cached(String pattern, int flags) throws RegexException {
        LinkedHashMap<String, TclRegex> recent = RECENT.get();
        String key = flags + ":" + pattern;
        TclRegex re = recent.get(key);
        if (re == null) {
            re = compile(pattern, flags);
            recent.put(key, re);
        }
        return re;
    }

    /**
     * The compiled form of a pattern value, kept in the value's internal representation; a bad
     * pattern raises Tcl's error ("couldn't compile regular expression pattern: ...", errorCode
     * REGEXP code message).
     */
    public static TclRegex fromObj(TclObj pattern, int flags) throws TclException {
        Object rep = pattern.rep();
        if (rep instanceof Compiled c && c.flags == flags) return c.regex;
        TclRegex re;
        try {
            re = cached(pattern.toString(), flags);
        } catch (RegexException e) {
            throw compileError(e);
        }
        pattern.setRep(new Compiled(flags, re));
        return re;
    }

    /** Tcl's error for a pattern that does not compile. */
    public static TclException compileError(RegexException e) {
        return TclException.error("couldn't compile regular expression pattern: " + e.getMessage(),
                "REGEXP", e.code(), e.getMessage());
    }
}
