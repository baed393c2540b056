package dev.tclj.regex;

import dev.tclj.TclException;

import java.util.Arrays;

/**
 * Finds matches of a {@link TclRegex} in one string and reports where the groups matched.
 *
 * <p>{@link #find(int)} searches the text from an offset as Tcl's regexp and regsub do: the engine
 * sees only the text from the offset on, so lookbehind context (\m, \y, ^) treats the offset as the
 * start of the subject, and ^ matches there only when the offset is 0 or follows a newline.
 *
 * <p>Finding a match takes two steps, as in Tcl: automata find where the match starts (the
 * earliest possible) and ends (the longest or shortest, by the pattern's preference); then the
 * subexpression tree is "dissected" to place each group, each concatenation being split where its
 * left part takes as much (or, when it prefers, as little) as still lets the right part match.
 * Back references are checked during dissection; a failure tries the next shorter overall match.
 */
public final class RegexMatcher {
    /** Wanted from a find: only whether there is a match, its extent, or every group. */
    public static final int MATCH_ONLY = 0, EXTENT = 1, ALL_GROUPS = -1;

    private final TclRegex re;
    private final String text;
    private final int[] pos;
    private Automaton.Subject subj;
    private int wanted;
    /**
     * Dissection steps left before a back-reference search is abandoned. Tcl's engine tries the
     * ways to divide a match among the groups one by one, which for back references inside a
     * repeated group (such as ^((a+)\2)+$) grows exponentially with the subject; rather than run
     * for hours, the search stops far beyond what tclsh finishes in seconds.
     */
    private long budget;
    private static final long DISSECT_BUDGET = 50_000_000L;

    /** Unwinds a dissection that ran out of budget. */
    private static final class TooComplex extends RuntimeException {
        TooComplex() { super(null, null, false, false); }
    }

    RegexMatcher(TclRegex re, String text) {
        this.re = re;
        this.text = text;
        this.pos = new int[2 * (re.nsub + 1)];
        Arrays.fill(pos, -1);
    }

    public String text() { return text; }

    public int groupCount() { return re.nsub; }

    /** Start of group g (0 is the whole match) as an index into the text, or -1 if it did not match. */
    public int start(int g) { return pos[2 * g]; }

    /** End (exclusive) of group g, or -1 if it did not match. */
    public int end(int g) { return pos[2 * g + 1]; }

    /**
     * Searches from offset; the subject's start counts as a line start when offset is 0 or follows
     * a newline (Tcl's rule for regexp and regsub).
     */
    public boolean find(int offset) throws TclException {
        boolean notbol = offset > 0 && (offset > text.length() || text.charAt(offset - 1) != '\n');
        return find(offset, notbol, ALL_GROUPS);
    }

    /**
     * Searches the text from offset (clamped to the text's length); notbol says the offset is not
     * the start of a line. wanted is MATCH_ONLY, EXTENT or ALL_GROUPS: what the caller will read.
     * A search that back references make explode fails with Tcl's error for a failed match
     * ("error while matching regular expression: regular expression is too complex").
     */
    public boolean find(int offset, boolean notbol, int wanted) throws TclException {
        if (offset > text.length()) offset = text.length();
        if (offset < 0) offset = 0;
        Arrays.fill(pos, -1);
        this.wanted = wanted;
        if (re.glob != null && wanted == MATCH_ONLY && offset == 0 && !notbol) {
            return dev.tclj.Glob.match(re.glob, text, true);
        }
        if (re.literal != null) {
            int i = text.indexOf(re.literal, offset);
            if (i < 0) return false;
            pos[0] = i;
            pos[1] = i + re.literal.length();
            return true;
        }
        subj = new Automaton.Subject(text, offset, text.length(), notbol);
        budget = DISSECT_BUDGET;
        try {
            if (re.hasBackrefs()) return complicatedFind();
            return simpleFind();
        } catch (TooComplex e) {
            Arrays.fill(pos, -1);
            String msg = "regular expression is too complex";
            throw TclException.error("error while matching regular expression: " + msg, "REGEXP", "REG_ETOOBIG", msg);
        } finally {
            subj = null;
        }
    }

    private boolean shorter() { return (re.tree.flags & SubRe.SHORTER) != 0; }

    private boolean simpleFind() {
        Automaton search = re.search;
        int close = search.search(subj, subj.start);
        if (close < 0) return false;
        if (wanted == MATCH_ONLY) return true;
        int open = search.coldStart;
        Automaton d = re.tree.automaton;
        boolean shorter = shorter();
        int begin, end = -1;
        for (begin = open; begin <= close; begin++) {
            end = shorter ? d.shortest(subj, begin, begin, subj.end) : d.longest(subj, begin, subj.end);
            if (end >= 0) break;
        }
        if (end < 0) throw new IllegalStateException("search found a match that the pattern does not");
        pos[0] = begin;
        pos[1] = end;
        if (wanted == EXTENT || re.nsub == 0) return true;
        dissect(re.tree, begin, end);
        return true;
    }

    private boolean complicatedFind() {
        Automaton search = re.search;
        Automaton d = re.tree.automaton;
        boolean shorter = shorter();
        int close = subj.start, previous = -1;
        do {
            close = search.search(subj, close);
            if (close < 0) break;
            if (close == previous) {
                // Every start up to close has failed already. Tcl searches from close again here
                // and loops forever (e.g. (?:(\Y)?(?:\1?))(?=b) on "\nbb"); move on instead.
                if (close >= subj.end) break;
                close = search.search(subj, close + 1);
                if (close < 0) break;
            }
            previous = close;
            int open = search.coldStart;
            for (int begin = open; begin <= close; begin++) {
                int estart = begin, estop = subj.end;
                for (;;) {
                    int end = shorter ? d.shortest(subj, begin, estart, estop) : d.longest(subj, begin, estop);
                    if (end < 0) break;
                    zapAll();
                    if (dissect(re.tree, begin, end)) {
                        pos[0] = begin;
                        pos[1] = end;
                        return true;
                    }
                    if (shorter ? end == estop : end == begin) break;
                    if (shorter) estart = end + 1; else estop = end - 1;
                }
            }
        } while (close < subj.end);
        Arrays.fill(pos, -1);
        return false;
    }

    private void zapAll() { Arrays.fill(pos, 2, pos.length, -1); }

    private void zapTree(SubRe t) {
        if (t.op == '(') {
            pos[2 * t.subno] = -1;
            pos[2 * t.subno + 1] = -1;
        }
        if (t.left != null) zapTree(t.left);
        if (t.right != null) zapTree(t.right);
    }

    /**
     * Places the groups inside t, which has been found to match [begin, end); false when back
     * references rule this division out.
     */
    private boolean dissect(SubRe t, int begin, int end) {
        if (--budget < 0) throw new TooComplex();
        switch (t.op) {
            case '=':
                return true;
            case 'b':
                return backref(t, begin, end);
            case '.':
                return (t.left.flags & SubRe.SHORTER) != 0 ? concatShortest(t, begin, end) : concatLongest(t, begin, end);
            case '|':
                return alternation(t, begin, end);
            case '*':
                return (t.left.flags & SubRe.SHORTER) != 0 ? iterShortest(t, begin, end) : iterLongest(t, begin, end);
            case '(':
                if (!dissect(t.left, begin, end)) return false;
                pos[2 * t.subno] = begin;
                pos[2 * t.subno + 1] = end;
                return true;
            default:
                throw new IllegalStateException("bad subexpression node " + t.op);
        }
    }

    /** Concatenation whose left part prefers longer: try the longest left first. */
    private boolean concatLongest(SubRe t, int begin, int end) {
        Automaton left = t.left.automaton, right = t.right.automaton;
        int mid = left.longest(subj, begin, end);
        if (mid < 0) return false;
        for (;;) {
            if (right.longest(subj, mid, end) == end) {
                if (dissect(t.left, begin, mid) && dissect(t.right, mid, end)) return true;
            }
            if (mid == begin) return false;
            mid = left.longest(subj, begin, mid - 1);
            if (mid < 0) return false;
            zapTree(t.left);
            zapTree(t.right);
        }
    }

    /** Concatenation whose left part prefers shorter: try the shortest left first. */
    private boolean concatShortest(SubRe t, int begin, int end) {
        Automaton left = t.left.automaton, right = t.right.automaton;
        int mid = left.shortest(subj, begin, begin, end);
        if (mid < 0) return false;
        for (;;) {
            if (right.longest(subj, mid, end) == end) {
                if (dissect(t.left, begin, mid) && dissect(t.right, mid, end)) return true;
            }
            if (mid == end) return false;
            mid = left.shortest(subj, begin, mid + 1, end);
            if (mid < 0) return false;
            zapTree(t.left);
            zapTree(t.right);
        }
    }

    private boolean backref(SubRe t, int begin, int end) {
        int n = t.subno;
        int bs = pos[2 * n];
        if (bs < 0) return false;
        int blen = pos[2 * n + 1] - bs;
        if (blen == 0) return begin == end && t.min <= t.max;
        if (begin == end) return t.min == 0;
        int tlen = end - begin;
        if (tlen % blen != 0) return false;
        int reps = tlen / blen;
        if (reps < t.min || (reps > t.max && t.max != NfaGraph.INF)) return false;
        for (int p = begin; p < end; p += blen) {
            for (int i = 0; i < blen; i++) {
                char a = text.charAt(bs + i), b = text.charAt(p + i);
                if (a != b && (!re.icase || CharClasses.toLower(a) != CharClasses.toLower(b))) return false;
            }
        }
        return true;
    }

    private boolean alternation(SubRe t, int begin, int end) {
        for (; t != null; t = t.right) {
            if (t.left.automaton.longest(subj, begin, end) == end && dissect(t.left, begin, end)) return true;
        }
        return false;
    }

    /** Iteration whose child prefers longer: each iteration as long as the rest still divides. */
    private boolean iterLongest(SubRe t, int begin, int end) {
        int minMatches = t.min;
        if (minMatches <= 0) {
            if (begin == end) return true;
            minMatches = 1;
        }
        // Non-empty iterations are considered; empty ones only as needed to reach the minimum.
        int maxMatches = end - begin;
        if (t.max != NfaGraph.INF && maxMatches > t.max) maxMatches = t.max;
        if (maxMatches < minMatches) maxMatches = minMatches;
        int[] endpts = new int[maxMatches + 1];
        endpts[0] = begin;
        Automaton d = t.left.automaton;
        int nverified = 0, k = 1, limit = end;
        while (k > 0) {
            boolean backtrack = false;
            endpts[k] = d.longest(subj, endpts[k - 1], limit);
            if (endpts[k] < 0) {
                k--;
                backtrack = true;
            } else {
                if (nverified >= k) nverified = k - 1;
                if (endpts[k] != end) {
                    if (k >= maxMatches) {
                        k--;
                        backtrack = true;
                    } else if (endpts[k] == endpts[k - 1] && (k >= minMatches || minMatches - k < end - endpts[k])) {
                        backtrack = true;
                    } else {
                        k++;
                        limit = end;
                        continue;
                    }
                } else if (k < minMatches) {
                    backtrack = true;
                } else {
                    int i;
                    for (i = nverified + 1; i <= k; i++) {
                        zapTree(t.left);
                        if (!dissect(t.left, endpts[i - 1], endpts[i])) break;
                        nverified = i;
                    }
                    if (i > k) return true;
                    backtrack = true;
                }
            }
            if (backtrack) {
                // Shorten the current iteration, or failing that an earlier one.
                while (k > 0) {
                    int prevEnd = endpts[k - 1];
                    if (endpts[k] > prevEnd) {
                        limit = endpts[k] - 1;
                        if (limit > prevEnd || (k < minMatches && minMatches - k >= end - prevEnd)) break;
                    }
                    k--;
                }
            }
        }
        return false;
    }

    /** Iteration whose child prefers shorter: each iteration as short as the rest still allows. */
    private boolean iterShortest(SubRe t, int begin, int end) {
        int minMatches = t.min;
        if (minMatches <= 0) {
            if (begin == end) return true;
            minMatches = 1;
        }
        int maxMatches = end - begin;
        if (t.max != NfaGraph.INF && maxMatches > t.max) maxMatches = t.max;
        if (maxMatches < minMatches) maxMatches = minMatches;
        int[] endpts = new int[maxMatches + 1];
        endpts[0] = begin;
        Automaton d = t.left.automaton;
        int nverified = 0, k = 1, limit = begin;
        while (k > 0) {
            if (limit == endpts[k - 1] && limit != end && (k >= minMatches || minMatches - k < end - limit)) limit++;
            if (k >= maxMatches) limit = end;
            boolean backtrack = false;
            endpts[k] = d.shortest(subj, endpts[k - 1], limit, end);
            if (endpts[k] < 0) {
                k--;
                backtrack = true;
            } else {
                if (nverified >= k) nverified = k - 1;
                if (endpts[k] != end) {
                    if (k >= maxMatches) {
                        k--;
                        backtrack = true;
                    } else {
                        k++;
                        limit = endpts[k - 1];
                        continue;
                    }
                } else if (k < minMatches) {
                    backtrack = true;
                } else {
                    int i;
                    for (i = nverified + 1; i <= k; i++) {
                        zapTree(t.left);
                        if (!dissect(t.left, endpts[i - 1], endpts[i])) break;
                        nverified = i;
                    }
                    if (i > k) return true;
                    backtrack = true;
                }
            }
            if (backtrack) {
                // Lengthen the current iteration, or failing that an earlier one.
                while (k > 0) {
                    if (endpts[k] < end) {
                        limit = endpts[k] + 1;
                        break;
                    }
                    k--;
                }
            }
        }
        return false;
    }
}
