package dev.tclj.regex;

/**
 * A node of the subexpression tree that the matcher walks to find where each capturing group
 * matched ("dissection"). Only the structure that matters for captures and back references gets
 * nodes; everything else is folded into '=' leaves whose automaton alone decides them.
 *
 * <p>Ops: '=' a plain leaf, 'b' a back reference (with min/max repetitions), '(' a capturing group
 * around its left child, '.' concatenation of left and right, '|' alternation (left is one branch,
 * right the next '|' node or null), '*' iteration of its left child min..max times.
 *
 * <p>Flags record the node's match-length preference and what lies below it; they decide whether a
 * concatenation is split longest-first or shortest-first.
 */
final class SubRe {
    static final int LONGER = 1;
    static final int SHORTER = 2;
    static final int MIXED = 4;
    static final int CAP = 8;
    static final int BACKR = 16;
    private static final int NOPROP = LONGER | SHORTER;

    char op;
    int flags;
    int subno;
    int min = 1, max = 1;
    SubRe left, right;
    NfaGraph.State begin, end;
    /** The automaton for this node's language, set once the tree is complete. */
    Automaton automaton;

    SubRe(char op, int flags, NfaGraph.State begin, NfaGraph.State end) {
        this.op = op;
        this.flags = flags;
        this.begin = begin;
        this.end = end;
    }

    /** Drops the preference bits and turns a LONGER+SHORTER clash into MIXED (Tcl's UP). */
    static int up(int f) {
        return (f & ~NOPROP) | ((f << 2) & (f << 1) & MIXED);
    }

    static boolean messy(int f) { return (f & (MIXED | CAP | BACKR)) != 0; }

    static int pref(int f) { return f & NOPROP; }

    /** The flags of f1 followed by f2: what lies below either, and the first stated preference. */
    static int combine(int f1, int f2) {
        int p = pref(f1) != 0 ? pref(f1) : pref(f2);
        return up(f1 | f2) | p;
    }
}
