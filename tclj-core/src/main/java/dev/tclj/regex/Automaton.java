package dev.tclj.regex;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;

/**
 * One regular language (a whole pattern, a node of the subexpression tree, or a lookahead
 * constraint) as an NFA program plus a lazily built DFA over it, with the two questions Tcl's
 * matcher asks of such a language: the longest and the shortest match starting at a given
 * position ({@link #longest}, {@link #shortest}), and, for the whole pattern, where the earliest
 * match could end ({@link #search}).
 *
 * <p>A DFA state is the set of NFA states reached at a position, before the constraint arcs there
 * are followed, together with what the constraints may need to know about the previous character
 * (its colour class, or that there is none). Taking a character of colour c from such a state
 * follows the constraint arcs with c as the next character, which also tells whether a match ends
 * just before c, then the character arcs labelled c. Both results are cached in the state, so a
 * warm DFA costs one table lookup per character. Lookahead constraints depend on the rest of the
 * subject, not just on c; transitions that consult one are recomputed every time.
 *
 * <p>The DFA cache is mutable: an automaton is used by one thread at a time (see {@link TclRegex}).
 */
final class Automaton {
    /**
     * Beyond this many DFA states the cache is dropped and rebuilt as needed: a few MB per
     * automaton at most (each state holds a transition slot per colour).
     */
    private final int maxStates;

    /** The NFA: states 0..nstates-1; arcs split into character arcs and the rest (empty, constraints). */
    static final class Program {
        final int nstates;
        final int init, fin;
        final ColorMap colors;
        int[][] charTo;
        long[][][] charColors;
        int[][] epsType;
        int[][] epsTo;
        /** Per constraint arc: lacon number (LACON), or colour bits (AHEAD, BEHIND). */
        Object[][] epsData;
        private int[] nchar, neps;
        boolean hasBehind;
        boolean hasLacon;

        Program(int nstates, int init, int fin, ColorMap colors) {
            this.nstates = nstates;
            this.init = init;
            this.fin = fin;
            this.colors = colors;
            charTo = new int[nstates][];
            charColors = new long[nstates][][];
            epsType = new int[nstates][];
            epsTo = new int[nstates][];
            epsData = new Object[nstates][];
            nchar = new int[nstates];
            neps = new int[nstates];
        }

        void addArc(int from, int to, int type, CharSet set, int lacon) {
            if (type == NfaGraph.PLAIN) {
                int n = nchar[from];
                if (charTo[from] == null) {
                    charTo[from] = new int[2];
                    charColors[from] = new long[2][];
                } else if (n == charTo[from].length) {
                    charTo[from] = Arrays.copyOf(charTo[from], n * 2);
                    charColors[from] = Arrays.copyOf(charColors[from], n * 2);
                }
                charTo[from][n] = to;
                charColors[from][n] = colors.colorsOf(set);
                nchar[from] = n + 1;
            } else {
                int n = neps[from];
                if (epsTo[from] == null) {
                    epsTo[from] = new int[2];
                    epsType[from] = new int[2];
                    epsData[from] = new Object[2];
                } else if (n == epsTo[from].length) {
                    epsTo[from] = Arrays.copyOf(epsTo[from], n * 2);
                    epsType[from] = Arrays.copyOf(epsType[from], n * 2);
                    epsData[from] = Arrays.copyOf(epsData[from], n * 2);
                }
                epsTo[from][n] = to;
                epsType[from][n] = type;
                if (type == NfaGraph.LACON) {
                    epsData[from][n] = lacon;
                    hasLacon = true;
                } else if (type == NfaGraph.AHEAD || type == NfaGraph.BEHIND) {
                    epsData[from][n] = colors.colorsOf(set);
                    if (type == NfaGraph.BEHIND) hasBehind = true;
                }
                neps[from] = n + 1;
            }
        }

        /** Trims the arc arrays to size. */
        void seal() {
            for (int s = 0; s < nstates; s++) {
                charTo[s] = charTo[s] == null ? EMPTY_INTS : Arrays.copyOf(charTo[s], nchar[s]);
                charColors[s] = charColors[s] == null ? new long[0][] : Arrays.copyOf(charColors[s], nchar[s]);
                epsTo[s] = epsTo[s] == null ? EMPTY_INTS : Arrays.copyOf(epsTo[s], neps[s]);
                epsType[s] = epsType[s] == null ? EMPTY_INTS : Arrays.copyOf(epsType[s], neps[s]);
                epsData[s] = epsData[s] == null ? new Object[0] : Arrays.copyOf(epsData[s], neps[s]);
            }
            nchar = neps = null;
        }

        /** A copy with one more state that loops on every character and leads to init: the search NFA. */
        Program withSearchLoop() {
            int m = nstates;
            Program p = new Program(nstates + 1, m, fin, colors);
            for (int s = 0; s < nstates; s++) {
                p.charTo[s] = charTo[s];
                p.charColors[s] = charColors[s];
                p.epsTo[s] = epsTo[s];
                p.epsType[s] = epsType[s];
                p.epsData[s] = epsData[s];
            }
            long[] all = new long[(colors.ncolors + 63) >>> 6];
            for (int c = 0; c < colors.ncolors; c++) all[c >>> 6] |= 1L << c;
            p.charTo[m] = new int[]{m};
            p.charColors[m] = new long[][]{all};
            p.epsTo[m] = new int[]{init};
            p.epsType[m] = new int[]{NfaGraph.EMPTY};
            p.epsData[m] = new Object[]{null};
            p.hasBehind = hasBehind;
            p.hasLacon = hasLacon;
            p.nchar = p.neps = null;
            return p;
        }
    }

    private static final int[] EMPTY_INTS = new int[0];

    /** Previous-character keys: 0 start of subject at a line start, 1 start not at a line start. */
    private static final int PREV_BOL = 0, PREV_NOTBOL = 1, PREV_CHARS = 2;

    static final class DState {
        final int[] set;
        final int prev;
        final int hash;
        DState[] next;
        boolean[] acceptOn;
        /** Whether a match ends here when the subject ends here: 0 unknown, 1 no, 2 yes. */
        byte eosAccept;
        /** Only the search loop's own state: no match attempt is under way. */
        boolean noProgress;

        DState(int[] set, int prev) {
            this.set = set;
            this.prev = prev;
            this.hash = Arrays.hashCode(set) * 31 + prev;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof DState d && d.prev == prev && d.hash == hash && Arrays.equals(d.set, set);
        }

        @Override
        public int hashCode() { return hash; }
    }

    final Program prog;
    private final int ncolors;
    /** Previous-character key of each colour: colours no BEHIND arc tells apart share a key. */
    private final int[] prevKeyOf;
    /** A colour having each previous-character key (-1 for the start-of-subject keys). */
    private final int[] keyColor;
    /** The lookahead constraints' automata, indexed by lacon number; shared by all of a pattern's automata. */
    final Automaton[] lacons;
    private final int searchMarker;

    private HashMap<DState, DState> cache = new HashMap<>();
    private final DState[] initial = new DState[64];
    private final DState dead;

    // Scratch for closures and steps.
    private final int[] stack;
    private final int[] mark;
    private int generation;
    private final int[] work;
    private boolean laconSeen;

    Automaton(Program prog, Automaton[] lacons, boolean search) {
        this.prog = prog;
        this.ncolors = prog.colors.ncolors;
        this.maxStates = Math.min(20000, Math.max(1000, 200_000 / Math.max(1, ncolors)));
        this.lacons = lacons;
        this.searchMarker = search ? prog.init : -1;
        prevKeyOf = new int[ncolors];
        if (prog.hasBehind) {
            List<long[]> behind = new ArrayList<>();
            for (int st = 0; st < prog.nstates; st++) {
                for (int i = 0; i < prog.epsType[st].length; i++) {
                    if (prog.epsType[st][i] == NfaGraph.BEHIND) behind.add((long[]) prog.epsData[st][i]);
                }
            }
            // Colours that every BEHIND set treats alike get one key.
            HashMap<BitSet, Integer> keys = new HashMap<>();
            for (int c = 0; c < ncolors; c++) {
                BitSet sig = new BitSet(behind.size());
                for (int i = 0; i < behind.size(); i++) {
                    if ((behind.get(i)[c >>> 6] >>> c & 1) != 0) sig.set(i);
                }
                prevKeyOf[c] = keys.computeIfAbsent(sig, x -> PREV_CHARS + keys.size());
            }
        } else {
            Arrays.fill(prevKeyOf, PREV_CHARS);
        }
        int nkeys = PREV_CHARS;
        for (int k : prevKeyOf) nkeys = Math.max(nkeys, k + 1);
        keyColor = new int[nkeys];
        Arrays.fill(keyColor, -1);
        for (int c = ncolors - 1; c >= 0; c--) keyColor[prevKeyOf[c]] = c;
        stack = new int[prog.nstates];
        mark = new int[prog.nstates];
        work = new int[prog.nstates];
        dead = new DState(EMPTY_INTS, -1);
        dead.next = new DState[ncolors];
        dead.acceptOn = new boolean[ncolors];
        Arrays.fill(dead.next, dead);
        dead.eosAccept = 1;
    }

    /** The subject of one matching run: the text, the region the engine may see, and BOL-ness of its start. */
    static final class Subject {
        final String text;
        final int start, end;
        final boolean notbol;

        Subject(String text, int start, int end, boolean notbol) {
            this.text = text;
            this.start = start;
            this.end = end;
            this.notbol = notbol;
        }
    }

    private int prevKeyAt(Subject s, int pos) {
        if (pos == s.start) return s.notbol ? PREV_NOTBOL : PREV_BOL;
        return prevKeyOf[prog.colors.color(s.text.charAt(pos - 1))];
    }

    private DState initialState(int prev) {
        DState d = prev < initial.length ? initial[prev] : null;
        if (d == null) {
            d = intern(new int[]{prog.init}, prev);
            if (prev < initial.length) initial[prev] = d;
        }
        return d;
    }

    private DState intern(int[] set, int prev) {
        DState probe = new DState(set, prev);
        DState d = cache.get(probe);
        if (d != null) return d;
        if (cache.size() >= maxStates) {
            cache = new HashMap<>();
            Arrays.fill(initial, null);
        }
        probe.next = new DState[ncolors];
        probe.acceptOn = new boolean[ncolors];
        probe.noProgress = searchMarker >= 0 && set.length == 1 && set[0] == searchMarker;
        cache.put(probe, probe);
        return probe;
    }

    /** The NFA states reachable from d's set through non-character arcs, given the context; in work[0..n). */
    private int closure(DState d, int nextColor, Subject subj, int pos) {
        int gen = ++generation;
        if (gen == Integer.MAX_VALUE) {
            Arrays.fill(mark, 0);
            generation = gen = 1;
        }
        Program p = prog;
        int sp = 0, n = 0;
        for (int s : d.set) {
            if (mark[s] != gen) {
                mark[s] = gen;
                stack[sp++] = s;
            }
        }
        while (sp > 0) {
            int s = stack[--sp];
            work[n++] = s;
            int[] types = p.epsType[s];
            int[] tos = p.epsTo[s];
            for (int i = 0; i < types.length; i++) {
                int t = tos[i];
                if (mark[t] == gen) continue;
                boolean ok;
                switch (types[i]) {
                    case NfaGraph.EMPTY: ok = true; break;
                    case NfaGraph.BOL: ok = d.prev == PREV_BOL; break;
                    case NfaGraph.BOS: ok = d.prev == PREV_BOL || d.prev == PREV_NOTBOL; break;
                    case NfaGraph.EOL: case NfaGraph.EOS: ok = nextColor < 0; break;
                    case NfaGraph.AHEAD: {
                        long[] bits = (long[]) p.epsData[s][i];
                        ok = nextColor >= 0 && (bits[nextColor >>> 6] >>> nextColor & 1) != 0;
                        break;
                    }
                    case NfaGraph.BEHIND: {
                        ok = false;
                        if (d.prev >= PREV_CHARS) {
                            // Any colour with this key decides the same way.
                            long[] bits = (long[]) p.epsData[s][i];
                            int c = colorWithKey(d.prev);
                            ok = (bits[c >>> 6] >>> c & 1) != 0;
                        }
                        break;
                    }
                    case NfaGraph.LACON: {
                        laconSeen = true;
                        ok = checkLacon((Integer) p.epsData[s][i], subj, pos);
                        break;
                    }
                    default: throw new IllegalStateException();
                }
                if (ok) {
                    mark[t] = gen;
                    stack[sp++] = t;
                }
            }
        }
        return n;
    }

    private int colorWithKey(int key) { return keyColor[key]; }

    private boolean checkLacon(int n, Subject subj, int pos) {
        Automaton a = lacons[Math.abs(n)];
        boolean found = a.shortest(subj, pos, pos, subj.end) >= 0;
        return n > 0 ? found : !found;
    }

    private boolean lastAccept;

    /** Takes the character at pos (of colour c) from state d; sets lastAccept to whether a match ends at pos. */
    private DState step(DState d, int c, Subject subj, int pos) {
        DState nx = d.next[c];
        if (nx != null) {
            lastAccept = d.acceptOn[c];
            return nx;
        }
        laconSeen = false;
        int n = closure(d, c, subj, pos);
        boolean accept = false;
        Program p = prog;
        int gen = ++generation;
        int[] targets = new int[Math.min(p.nstates, 16)];
        int nt = 0;
        for (int i = 0; i < n; i++) {
            int s = work[i];
            if (s == p.fin) accept = true;
            int[] tos = p.charTo[s];
            long[][] cols = p.charColors[s];
            for (int j = 0; j < tos.length; j++) {
                if ((cols[j][c >>> 6] >>> c & 1) != 0) {
                    int t = tos[j];
                    if (mark[t] != gen) {
                        mark[t] = gen;
                        if (nt == targets.length) targets = Arrays.copyOf(targets, Math.min(p.nstates, nt * 2));
                        targets[nt++] = t;
                    }
                }
            }
        }
        if (nt == 0) {
            nx = dead;
        } else {
            int[] set = Arrays.copyOf(targets, nt);
            Arrays.sort(set);
            nx = intern(set, prevKeyOf[c]);
        }
        if (!laconSeen) {
            d.next[c] = nx;
            d.acceptOn[c] = accept;
        }
        lastAccept = accept;
        return nx;
    }

    /** Whether a match ends at the end of the subject, from state d there. */
    private boolean acceptAtEnd(DState d, Subject subj, int pos) {
        if (d.eosAccept != 0) return d.eosAccept == 2;
        laconSeen = false;
        int n = closure(d, -1, subj, pos);
        boolean accept = false;
        for (int i = 0; i < n; i++) if (work[i] == prog.fin) accept = true;
        if (!laconSeen) d.eosAccept = (byte) (accept ? 2 : 1);
        return accept;
    }

    /** The end of the longest match starting at start and ending at or before stop; -1 if none. */
    int longest(Subject subj, int start, int stop) {
        DState d = initialState(prevKeyAt(subj, start));
        String text = subj.text;
        ColorMap cm = prog.colors;
        int last = -1;
        for (int p = start; ; p++) {
            if (p == subj.end) {
                if (acceptAtEnd(d, subj, p)) last = p;
                return last;
            }
            int c = cm.color(text.charAt(p));
            DState nx = d.next[c];
            boolean accept;
            if (nx != null) {
                accept = d.acceptOn[c];
            } else {
                nx = step(d, c, subj, p);
                accept = lastAccept;
            }
            if (accept) last = p;
            d = nx;
            if (p == stop || d == dead) return last;
        }
    }

    /** The end of the shortest match starting at start and ending within [min, max]; -1 if none. */
    int shortest(Subject subj, int start, int min, int max) {
        DState d = initialState(prevKeyAt(subj, start));
        String text = subj.text;
        ColorMap cm = prog.colors;
        for (int p = start; ; p++) {
            if (p == subj.end) return p >= min && acceptAtEnd(d, subj, p) ? p : -1;
            d = step(d, cm.color(text.charAt(p)), subj, p);
            if (lastAccept && p >= min) return p;
            if (p == max || d == dead) return -1;
        }
    }

    /** Set by {@link #search}: the earliest position a match ending at the returned end could start. */
    int coldStart;

    /**
     * For a search automaton: the earliest end of any match starting at or after start; -1 if there
     * is none. Also sets {@link #coldStart}, the last position before that end at which no match
     * attempt was under way.
     */
    int search(Subject subj, int start) {
        DState d = initialState(prevKeyAt(subj, start));
        String text = subj.text;
        ColorMap cm = prog.colors;
        int cold = start;
        for (int p = start; ; p++) {
            if (d.noProgress) cold = p;
            if (p == subj.end) {
                if (acceptAtEnd(d, subj, p)) {
                    coldStart = cold;
                    return p;
                }
                return -1;
            }
            int c = cm.color(text.charAt(p));
            DState nx = d.next[c];
            boolean accept;
            if (nx != null) {
                accept = d.acceptOn[c];
            } else {
                nx = step(d, c, subj, p);
                accept = lastAccept;
            }
            if (accept) {
                coldStart = cold;
                return p;
            }
            d = nx;
        }
    }

    /** Whether some match is empty in some context, and whether any match is possible at all (for -about). */
    int analyze() {
        // Explore every DFA state reachable from every starting context, treating lookahead
        // constraints as satisfiable; a bound keeps pathological patterns cheap.
        boolean possible = false, emptyMatch = false;
        ArrayDeque<DState> todo = new ArrayDeque<>();
        HashSet<DState> seen = new HashSet<>();
        int nprev = PREV_CHARS;
        for (int c = 0; c < ncolors; c++) nprev = Math.max(nprev, prevKeyOf[c] + 1);
        for (int prev = 0; prev < nprev; prev++) {
            if (prev >= PREV_CHARS && colorWithKeyOrNeg(prev) < 0) continue;
            DState d = new DState(new int[]{prog.init}, prev);
            // Tcl counts an empty match only without lookahead constraints on its path.
            if (analysisAccepts(d, false)) emptyMatch = true;
            if (seen.add(d)) todo.add(d);
        }
        int budget = 2000;
        while (!todo.isEmpty() && budget-- > 0 && !possible) {
            DState d = todo.poll();
            if (analysisAccepts(d, true)) {
                possible = true;
                break;
            }
            for (int c = 0; c < ncolors; c++) {
                int[] set = analysisStep(d, c);
                if (set.length == 0) continue;
                DState nd = new DState(set, prevKeyOf[c]);
                if (seen.add(nd)) todo.add(nd);
            }
        }
        if (!todo.isEmpty() && !possible) possible = true;
        int info = 0;
        if (!possible) info |= TclRegex.UIMPOSSIBLE;
        else if (emptyMatch) info |= TclRegex.UEMPTYMATCH;
        return info;
    }

    private int colorWithKeyOrNeg(int key) { return key < keyColor.length ? keyColor[key] : -1; }

    /** Whether fin is in d's closure for some next context (any colour, or the end). */
    private boolean analysisAccepts(DState d, boolean lacons) {
        for (int next = -1; next < ncolors; next++) {
            int n = analysisClosure(d, next, lacons);
            for (int i = 0; i < n; i++) if (work[i] == prog.fin) return true;
        }
        return false;
    }

    private int[] analysisStep(DState d, int c) {
        int n = analysisClosure(d, c, true);
        int gen = ++generation;
        int[] out = new int[prog.nstates];
        int nt = 0;
        for (int i = 0; i < n; i++) {
            int s = work[i];
            int[] tos = prog.charTo[s];
            for (int j = 0; j < tos.length; j++) {
                long[] cols = prog.charColors[s][j];
                if ((cols[c >>> 6] >>> c & 1) != 0 && mark[tos[j]] != gen) {
                    mark[tos[j]] = gen;
                    out[nt++] = tos[j];
                }
            }
        }
        int[] set = Arrays.copyOf(out, nt);
        Arrays.sort(set);
        return set;
    }

    private int analysisClosure(DState d, int nextColor, boolean lacons) {
        int gen = ++generation;
        int sp = 0, n = 0;
        for (int s : d.set) {
            if (mark[s] != gen) {
                mark[s] = gen;
                stack[sp++] = s;
            }
        }
        while (sp > 0) {
            int s = stack[--sp];
            work[n++] = s;
            for (int i = 0; i < prog.epsType[s].length; i++) {
                int t = prog.epsTo[s][i];
                if (mark[t] == gen) continue;
                boolean ok;
                switch (prog.epsType[s][i]) {
                    case NfaGraph.BOL: ok = d.prev == PREV_BOL; break;
                    case NfaGraph.BOS: ok = d.prev == PREV_BOL || d.prev == PREV_NOTBOL; break;
                    case NfaGraph.EOL: case NfaGraph.EOS: ok = nextColor < 0; break;
                    case NfaGraph.AHEAD: {
                        long[] bits = (long[]) prog.epsData[s][i];
                        ok = nextColor >= 0 && (bits[nextColor >>> 6] >>> nextColor & 1) != 0;
                        break;
                    }
                    case NfaGraph.BEHIND: {
                        ok = false;
                        if (d.prev >= PREV_CHARS) {
                            long[] bits = (long[]) prog.epsData[s][i];
                            int c = colorWithKey(d.prev);
                            ok = (bits[c >>> 6] >>> c & 1) != 0;
                        }
                        break;
                    }
                    case NfaGraph.LACON: ok = lacons; break;
                    default: ok = true;
                }
                if (ok) {
                    mark[t] = gen;
                    stack[sp++] = t;
                }
            }
        }
        return n;
    }
}
