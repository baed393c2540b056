package dev.tclj.regex;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;

/**
 * The NFA under construction: one graph for the whole regular expression, edited in place by the
 * parser as Tcl's compiler does (arcs are moved between states, sub-graphs are copied for bounds
 * and back references). Every node of the subexpression tree names a begin and an end state; its
 * language is the part of the graph reachable from begin without passing through end, which
 * {@link #extract} turns into an executable {@link Automaton} program.
 *
 * <p>Arcs carry either a character set (PLAIN), nothing (EMPTY), or a constraint that is checked
 * against the position in the subject string when the automaton runs: line and string anchors, a
 * character set the previous or next character must belong to (BEHIND, AHEAD), or a lookahead
 * sub-expression (LACON).
 */
final class NfaGraph {
    static final int EMPTY = 0;
    static final int PLAIN = 1;
    /** Beginning of line: the start of the subject unless matching was told it is not a line start. */
    static final int BOL = 2;
    /** Beginning of the subject string. */
    static final int BOS = 3;
    static final int EOL = 4;
    static final int EOS = 5;
    static final int AHEAD = 6;
    static final int BEHIND = 7;
    static final int LACON = 8;

    /**
     * The most states a compilation may create. Tcl bounds the memory its compiler may use and
     * reports "out of memory" beyond it; this bound is calibrated to fail at about the same pattern
     * sizes (e.g. {@code (?:a{100}){144}} compiles, {@code (?:a{100}){145}} does not).
     */
    static final int MAX_STATES = 15000;

    static final class State {
        final int no;
        Arc outs, ins;
        int nouts, nins;
        /** Scratch link used by traversals (the copy of this state, or a visit mark). */
        State tmp;

        State(int no) { this.no = no; }
    }

    static final class Arc {
        final int type;
        final CharSet set;
        final int lacon;
        State from, to;
        Arc outNext, outPrev, inNext, inPrev;

        Arc(int type, CharSet set, int lacon) {
            this.type = type;
            this.set = set;
            this.lacon = lacon;
        }

        boolean sameLabel(Arc o) { return type == o.type && lacon == o.lacon && set == o.set; }
    }

    final List<State> states = new ArrayList<>();

    State newState() throws RegexException {
        if (states.size() >= MAX_STATES) throw RegexException.of(RegexException.ESPACE);
        State s = new State(states.size());
        states.add(s);
        return s;
    }

    void emptyArc(State from, State to) { arc(EMPTY, null, 0, from, to); }

    void plainArc(CharSet set, State from, State to) {
        if (!set.isEmpty()) arc(PLAIN, set, 0, from, to);
    }

    void arc(int type, CharSet set, int lacon, State from, State to) {
        // Skip exact duplicates, as Tcl does; they would only cost time. The scan is bounded so
        // that states with very many arcs stay cheap to build (a duplicate is harmless).
        int budget = 16;
        for (Arc a = from.outs; a != null && budget-- > 0; a = a.outNext) {
            if (a.to == to && a.type == type && a.lacon == lacon && a.set == set) return;
        }
        link(new Arc(type, set, lacon), from, to);
    }

    private void link(Arc a, State from, State to) {
        a.from = from;
        a.to = to;
        a.outNext = from.outs;
        if (from.outs != null) from.outs.outPrev = a;
        from.outs = a;
        from.nouts++;
        a.inNext = to.ins;
        if (to.ins != null) to.ins.inPrev = a;
        to.ins = a;
        to.nins++;
    }

    void freeArc(Arc a) {
        State f = a.from, t = a.to;
        if (a.outPrev != null) a.outPrev.outNext = a.outNext; else f.outs = a.outNext;
        if (a.outNext != null) a.outNext.outPrev = a.outPrev;
        f.nouts--;
        if (a.inPrev != null) a.inPrev.inNext = a.inNext; else t.ins = a.inNext;
        if (a.inNext != null) a.inNext.inPrev = a.inPrev;
        t.nins--;
        a.outNext = a.outPrev = a.inNext = a.inPrev = null;
    }

    private void copyArc(Arc a, State from, State to) { arc(a.type, a.set, a.lacon, from, to); }

    /** Moves every arc entering {@code old} so that it enters {@code to} instead. */
    void moveIns(State old, State to) {
        Arc a;
        while ((a = old.ins) != null) {
            copyArc(a, a.from, to);
            freeArc(a);
        }
    }

    /** Moves every arc leaving {@code old} so that it leaves {@code from} instead. */
    void moveOuts(State old, State from) {
        Arc a;
        while ((a = old.outs) != null) {
            copyArc(a, from, a.to);
            freeArc(a);
        }
    }

    /**
     * Copies the sub-graph that runs from {@code start} to {@code stop}, stringing the copy from
     * {@code from} to {@code to}.
     */
    void dupNfa(State start, State stop, State from, State to) throws RegexException {
        if (start == stop) {
            emptyArc(from, to);
            return;
        }
        List<State> visited = new ArrayList<>();
        stop.tmp = to;
        start.tmp = from;
        visited.add(start);
        ArrayDeque<State> work = new ArrayDeque<>();
        work.push(start);
        try {
            while (!work.isEmpty()) {
                State s = work.pop();
                for (Arc a = s.outs; a != null; a = a.outNext) {
                    State t = a.to;
                    if (t.tmp == null) {
                        t.tmp = newState();
                        visited.add(t);
                        work.push(t);
                    }
                }
            }
            // Arcs are created after the walk so that arcs added to 'from' or 'to' (which may
            // themselves lie inside the copied region) are not walked again.
            List<Arc> arcs = new ArrayList<>();
            for (State s : visited) for (Arc a = s.outs; a != null; a = a.outNext) arcs.add(a);
            for (Arc a : arcs) copyArc(a, a.from.tmp, a.to.tmp);
        } finally {
            for (State s : visited) s.tmp = null;
            stop.tmp = null;
        }
    }

    /** Deletes the sub-graph between {@code lp} and {@code rp}, leaving both states arc-less between them. */
    void delSub(State lp, State rp) {
        List<State> reach = reachable(lp, rp);
        for (State s : reach) {
            if (s == rp) continue;
            Arc a;
            while ((a = s.outs) != null) freeArc(a);
        }
        for (State s : reach) s.tmp = null;
    }

    /** States reachable from start, not walking on from stop (stop itself is included if reached). */
    private List<State> reachable(State start, State stop) {
        List<State> out = new ArrayList<>();
        State mark = start;
        start.tmp = mark;
        out.add(start);
        ArrayDeque<State> work = new ArrayDeque<>();
        work.push(start);
        while (!work.isEmpty()) {
            State s = work.pop();
            if (s == stop) continue;
            for (Arc a = s.outs; a != null; a = a.outNext) {
                if (a.to.tmp == null) {
                    a.to.tmp = mark;
                    out.add(a.to);
                    work.push(a.to);
                }
            }
        }
        return out;
    }

    static final int INF = Integer.MAX_VALUE;

    /** Turns the sub-graph between lp and rp, a single x, into x{m,n}. */
    void repeat(State lp, State rp, int m, int n) throws RegexException {
        if (n == 0) {
            delSub(lp, rp);
            emptyArc(lp, rp);
        } else if (m == 0) {
            if (n == 1) {
                emptyArc(lp, rp);
            } else if (n == INF) {
                State s = newState();
                moveOuts(lp, s);
                moveIns(rp, s);
                emptyArc(lp, s);
                emptyArc(s, rp);
            } else {
                repeat(lp, rp, 1, n);
                emptyArc(lp, rp);
            }
        } else if (m == 1) {
            if (n == 1) return;
            if (n == INF) {
                State s = newState(), s2 = newState();
                moveOuts(lp, s);
                moveIns(rp, s2);
                emptyArc(lp, s);
                emptyArc(s2, rp);
                emptyArc(s2, s);
            } else {
                // x{1,n} = x{0,n-1} x
                State s = newState();
                moveOuts(lp, s);
                dupNfa(s, rp, lp, s);
                repeat(lp, s, 1, n - 1);
                emptyArc(lp, s);
            }
        } else {
            // x{m,n} = x{m-1,n-1} x
            State s = newState();
            moveOuts(lp, s);
            dupNfa(s, rp, lp, s);
            repeat(lp, s, m - 1, n == INF ? INF : n - 1);
        }
    }

    /** Every distinct character set on the graph's arcs, for the colour map. */
    List<CharSet> charSets() {
        HashSet<CharSet> seen = new HashSet<>();
        List<CharSet> out = new ArrayList<>();
        for (State s : states) {
            for (Arc a = s.outs; a != null; a = a.outNext) {
                if (a.set != null && seen.add(a.set)) out.add(a.set);
            }
        }
        return out;
    }

    /**
     * The program for the sub-graph from begin to end: its states renumbered, begin as the initial
     * and end as the final state.
     */
    Automaton.Program extract(State begin, State end, ColorMap colors) {
        IdentityHashMap<State, Integer> num = new IdentityHashMap<>();
        List<State> order = new ArrayList<>();
        num.put(begin, 0);
        order.add(begin);
        if (begin != end) {
            num.put(end, 1);
            order.add(end);
        }
        ArrayDeque<State> work = new ArrayDeque<>();
        work.push(begin);
        while (!work.isEmpty()) {
            State s = work.pop();
            if (s == end) continue;
            for (Arc a = s.outs; a != null; a = a.outNext) {
                if (!num.containsKey(a.to)) {
                    num.put(a.to, order.size());
                    order.add(a.to);
                    work.push(a.to);
                }
            }
        }
        Automaton.Program p = new Automaton.Program(order.size(), 0, begin == end ? 0 : 1, colors);
        for (int i = 0; i < order.size(); i++) {
            State s = order.get(i);
            if (s == end) continue;
            for (Arc a = s.outs; a != null; a = a.outNext) p.addArc(i, num.get(a.to), a.type, a.set, a.lacon);
        }
        p.seal();
        return p;
    }
}
