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

    // Tcl's compiler limits, reproduced so that the same patterns fail with the same errors. It
    // charges the memory of its state structures (808 bytes on 64-bit hosts, with room for 10
    // arcs) and of each further batch of 10 arcs (728 bytes) against a fixed budget, and reports
    // "regular expression is too complex" beyond it; its compiler also copies the whole graph
    // once, which doubles the peak. Copying a sub-graph walks it recursively and gives up with
    // "out of memory" beyond 15000 levels (as in (?:a{100}){145}).
    private static final long STATE_SIZE = 808, BATCH_SIZE = 728;
    private static final long SPACE_LIMIT = 100_000 * (STATE_SIZE + BATCH_SIZE);
    private static final int MAX_COPY_DEPTH = 15000;
    private static final int ARCS_PER_BATCH = 10;

    /** Memory Tcl would have charged so far, and state structures it could reuse. */
    private long space;
    private int freeStates;

    static final class State {
        final int no;
        Arc outs, ins;
        int nouts, nins;
        /** Arcs the state has room for before Tcl would allocate another batch. */
        int arcRoom = ARCS_PER_BATCH;
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
        if (freeStates > 0) {
            freeStates--;
        } else {
            charge(STATE_SIZE);
        }
        State s = new State(states.size());
        states.add(s);
        return s;
    }

    private void charge(long bytes) throws RegexException {
        if (space >= SPACE_LIMIT) throw RegexException.of(RegexException.ETOOBIG);
        space += bytes;
    }

    /**
     * Tcl copies the finished graph (from begin to end) to build the whole pattern's automaton;
     * checks that copy against its limits: the memory peak (the graph plus its copy) and the depth
     * of the recursive walk that copies it.
     */
    void checkFinalCopy(State begin, State end) throws RegexException {
        long budget = space;
        List<State> visited = new ArrayList<>();
        ArrayDeque<State> path = new ArrayDeque<>();
        ArrayDeque<Arc> next = new ArrayDeque<>();
        begin.tmp = begin;
        visited.add(begin);
        path.push(begin);
        next.push(begin.outs == null ? NO_ARC : begin.outs);
        try {
            while (!path.isEmpty()) {
                State s = path.peek();
                Arc a = next.pop();
                if (a == NO_ARC) {
                    path.pop();
                    continue;
                }
                next.push(a.outNext == null ? NO_ARC : a.outNext);
                State t = a.to;
                if (t.tmp == null) {
                    t.tmp = t;
                    visited.add(t);
                    if (budget >= SPACE_LIMIT) throw RegexException.of(RegexException.ETOOBIG);
                    budget += STATE_SIZE + BATCH_SIZE * ((Math.max(t.nouts, ARCS_PER_BATCH) - 1) / ARCS_PER_BATCH);
                    if (path.size() > MAX_COPY_DEPTH) throw RegexException.of(RegexException.ESPACE);
                    if (t != end) {
                        path.push(t);
                        next.push(t.outs == null ? NO_ARC : t.outs);
                    }
                }
            }
        } finally {
            for (State st : visited) st.tmp = null;
        }
    }

    void emptyArc(State from, State to) throws RegexException { arc(EMPTY, null, 0, from, to); }

    void plainArc(CharSet set, State from, State to) throws RegexException {
        if (!set.isEmpty()) arc(PLAIN, set, 0, from, to);
    }

    void arc(int type, CharSet set, int lacon, State from, State to) throws RegexException {
        // Skip exact duplicates, as Tcl does; they would only cost time. The scan is bounded so
        // that states with very many arcs stay cheap to build (a duplicate is harmless).
        int budget = 16;
        for (Arc a = from.outs; a != null && budget-- > 0; a = a.outNext) {
            if (a.to == to && a.type == type && a.lacon == lacon && a.set == set) return;
        }
        if (from.nouts == from.arcRoom) {
            charge(BATCH_SIZE);
            from.arcRoom += ARCS_PER_BATCH;
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

    private void copyArc(Arc a, State from, State to) throws RegexException { arc(a.type, a.set, a.lacon, from, to); }

    /** Moves every arc entering {@code old} so that it enters {@code to} instead. */
    void moveIns(State old, State to) throws RegexException {
        Arc a;
        while ((a = old.ins) != null) {
            copyArc(a, a.from, to);
            freeArc(a);
        }
    }

    /** Moves every arc leaving {@code old} so that it leaves {@code from} instead. */
    void moveOuts(State old, State from) throws RegexException {
        Arc a;
        while ((a = old.outs) != null) {
            copyArc(a, from, a.to);
            freeArc(a);
        }
    }

    /**
     * Copies the sub-graph that runs from {@code start} to {@code stop}, stringing the copy from
     * {@code from} to {@code to}. The walk is depth-first in arc order, as Tcl's recursive one,
     * so that it fails at the same depth.
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
        ArrayDeque<State> path = new ArrayDeque<>();
        ArrayDeque<Arc> next = new ArrayDeque<>();
        path.push(start);
        next.push(start.outs == null ? NO_ARC : start.outs);
        try {
            while (!path.isEmpty()) {
                State s = path.peek();
                Arc a = next.pop();
                if (a == NO_ARC) {
                    path.pop();
                    continue;
                }
                next.push(a.outNext == null ? NO_ARC : a.outNext);
                State t = a.to;
                if (t.tmp == null) {
                    t.tmp = newState();
                    if (path.size() > MAX_COPY_DEPTH) throw RegexException.of(RegexException.ESPACE);
                    visited.add(t);
                    path.push(t);
                    next.push(t.outs == null ? NO_ARC : t.outs);
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

    private static final Arc NO_ARC = new Arc(EMPTY, null, 0);

    /** Deletes the sub-graph between {@code lp} and {@code rp}, leaving both states arc-less between them. */
    void delSub(State lp, State rp) {
        List<State> reach = reachable(lp, rp);
        for (State s : reach) {
            if (s == rp) continue;
            Arc a;
            while ((a = s.outs) != null) freeArc(a);
        }
        for (State s : reach) {
            // Tcl frees the states this leaves unreachable and reuses them.
            if (s != lp && s != rp && s.nins == 0) freeStates++;
            s.tmp = null;
        }
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
