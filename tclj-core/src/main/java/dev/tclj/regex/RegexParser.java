package dev.tclj.regex;

import java.util.ArrayList;
import java.util.List;

/**
 * Recursive-descent parser that builds, in one pass, the NFA graph and the subexpression tree, the
 * way Tcl's compiler does: a branch stays one '=' leaf until a "messy" atom appears (a capturing
 * group, a back reference, or a quantifier whose preference clashes with the branch's); the branch
 * is then split into the part before that atom, the quantified atom, and the rest of the branch,
 * which is parsed recursively. A bounded atom x{m,n} with captures becomes x{m-1,n-1} followed by
 * one x that holds the captures (so captures report the last iteration), or an iteration node when
 * back references make that rewrite unsound.
 */
final class RegexParser {
    private static final int DUPMAX = 255;

    final RegexLexer lex;
    final NfaGraph nfa = new NfaGraph();
    /** Capturing groups by number: the parsed contents, or null while open or after {0}. */
    final List<SubRe> subs = new ArrayList<>();
    /** Lookahead constraints, numbered from 1: begin and end states. */
    final List<NfaGraph.State[]> lacons = new ArrayList<>();
    private CharSet wordChars;

    RegexParser(String pattern, int cflags) {
        lex = new RegexLexer(pattern, cflags);
        subs.add(null);
        lacons.add(null);
    }

    private boolean icase() { return (lex.cflags & TclRegex.ICASE) != 0; }

    SubRe parseAll() throws RegexException {
        lex.start();
        NfaGraph.State init = nfa.newState(), fin = nfa.newState();
        SubRe tree = parse(RegexLexer.EOS, false, init, fin);
        if (!lex.see(RegexLexer.EOS)) throw new IllegalStateException("parser stopped early");
        return tree;
    }

    private boolean see(int t) { return lex.see(t); }

    private boolean eat(int t) throws RegexException {
        if (!lex.see(t)) return false;
        lex.next();
        return true;
    }

    /** A sequence of branches separated by '|', up to stopper (EOS or ')'). */
    private SubRe parse(int stopper, boolean lookahead, NfaGraph.State init, NfaGraph.State fin) throws RegexException {
        SubRe branches = new SubRe('|', SubRe.LONGER, init, fin);
        SubRe branch = branches;
        boolean first = true;
        do {
            if (!first) {
                branch.right = new SubRe('|', SubRe.LONGER, init, fin);
                branch = branch.right;
            }
            first = false;
            NfaGraph.State left = nfa.newState(), right = nfa.newState();
            nfa.emptyArc(init, left);
            nfa.emptyArc(right, fin);
            branch.left = parseBranch(stopper, lookahead, left, right, false);
            branch.flags |= SubRe.up(branch.flags | branch.left.flags);
            if ((branch.flags & ~branches.flags) != 0) {
                for (SubRe t = branches; t != branch; t = t.right) t.flags |= branch.flags;
            }
        } while (eat('|'));
        if (!see(stopper)) throw RegexException.of(RegexException.EPAREN);
        if (branch == branches) return branch.left;
        if (!SubRe.messy(branches.flags)) {
            branches.left = null;
            branches.right = null;
            branches.op = '=';
        }
        return branches;
    }

    /** One branch: a concatenation of quantified atoms. */
    private SubRe parseBranch(int stopper, boolean lookahead, NfaGraph.State left, NfaGraph.State right,
                              boolean partial) throws RegexException {
        NfaGraph.State lp = left;
        boolean seen = false;
        SubRe t = new SubRe('=', 0, left, right);
        while (!see('|') && !see(stopper) && !see(RegexLexer.EOS)) {
            if (seen) {
                // String the next atom between a new state and 'right'.
                lp = nfa.newState();
                nfa.moveIns(right, lp);
            }
            seen = true;
            parseQAtom(stopper, lookahead, lp, right, t);
        }
        if (!seen) {
            if (!partial) lex.info |= TclRegex.UUNSPEC;
            nfa.emptyArc(left, right);
        }
        return t;
    }

    private void parseQAtom(int stopper, boolean lookahead, NfaGraph.State lp, NfaGraph.State rp, SubRe top)
            throws RegexException {
        SubRe atom = null;
        int subno = 0;
        int atomType = lex.type;
        switch (atomType) {
            case '^':
                nfa.arc(NfaGraph.BOL, null, 0, lp, rp);
                if ((lex.cflags & TclRegex.NLANCH) != 0) nfa.arc(NfaGraph.BEHIND, NEWLINE, 0, lp, rp);
                lex.next();
                return;
            case '$':
                nfa.arc(NfaGraph.EOL, null, 0, lp, rp);
                if ((lex.cflags & TclRegex.NLANCH) != 0) nfa.arc(NfaGraph.AHEAD, NEWLINE, 0, lp, rp);
                lex.next();
                return;
            case RegexLexer.SBEGIN:
                nfa.arc(NfaGraph.BOL, null, 0, lp, rp);
                nfa.arc(NfaGraph.BOS, null, 0, lp, rp);
                lex.next();
                return;
            case RegexLexer.SEND:
                nfa.arc(NfaGraph.EOL, null, 0, lp, rp);
                nfa.arc(NfaGraph.EOS, null, 0, lp, rp);
                lex.next();
                return;
            case '<': {
                wordChars();
                NfaGraph.State s = nfa.newState();
                nonWord(NfaGraph.BEHIND, lp, s);
                word(NfaGraph.AHEAD, s, rp);
                return;
            }
            case '>': {
                wordChars();
                NfaGraph.State s = nfa.newState();
                word(NfaGraph.BEHIND, lp, s);
                nonWord(NfaGraph.AHEAD, s, rp);
                return;
            }
            case RegexLexer.WBDRY: {
                wordChars();
                NfaGraph.State s = nfa.newState();
                nonWord(NfaGraph.BEHIND, lp, s);
                word(NfaGraph.AHEAD, s, rp);
                s = nfa.newState();
                word(NfaGraph.BEHIND, lp, s);
                nonWord(NfaGraph.AHEAD, s, rp);
                return;
            }
            case RegexLexer.NWBDRY: {
                wordChars();
                NfaGraph.State s = nfa.newState();
                word(NfaGraph.BEHIND, lp, s);
                word(NfaGraph.AHEAD, s, rp);
                s = nfa.newState();
                nonWord(NfaGraph.BEHIND, lp, s);
                nonWord(NfaGraph.AHEAD, s, rp);
                return;
            }
            case RegexLexer.LACON: {
                boolean positive = lex.value != 0;
                lex.next();
                NfaGraph.State s = nfa.newState(), s2 = nfa.newState();
                parse(')', true, s, s2);
                lex.next();
                lacons.add(new NfaGraph.State[]{s, s2});
                int n = lacons.size() - 1;
                nfa.arc(NfaGraph.LACON, null, positive ? n : -n, lp, rp);
                return;
            }
            case '*': case '+': case '?': case '{':
                throw RegexException.of(RegexException.BADRPT);
            case ')':
                if ((lex.cflags & TclRegex.ADVANCED) != TclRegex.EXTENDED) throw RegexException.of(RegexException.EPAREN);
                // A stray ')' is an ordinary char in EREs (a POSIX botch Tcl keeps).
                lex.info |= TclRegex.UPBOTCH;
                oneChar(lex.value, lp, rp);
                lex.next();
                break;
            case RegexLexer.PLAIN:
                oneChar(lex.value, lp, rp);
                lex.next();
                break;
            case '[': {
                CharSet set = bracket();
                nfa.plainArc(set, lp, rp);
                lex.next();
                break;
            }
            case '.':
                nfa.plainArc((lex.cflags & TclRegex.NLSTOP) != 0 ? ALL_BUT_NEWLINE : CharSet.ALL, lp, rp);
                lex.next();
                break;
            case '(': {
                boolean cap = !lookahead && lex.value != 0;
                if (cap) {
                    lex.nsubexp++;
                    subno = lex.nsubexp;
                    while (subs.size() <= subno) subs.add(null);
                } else {
                    atomType = RegexLexer.PLAIN;
                }
                lex.next();
                NfaGraph.State s = nfa.newState(), s2 = nfa.newState();
                nfa.emptyArc(lp, s);
                nfa.emptyArc(s2, rp);
                atom = parse(')', false, s, s2);
                lex.next();
                if (cap) {
                    subs.set(subno, atom);
                    SubRe t = new SubRe('(', atom.flags | SubRe.CAP, lp, rp);
                    t.subno = subno;
                    t.left = atom;
                    atom = t;
                }
                break;
            }
            case RegexLexer.BACKREF: {
                int n = lex.value;
                if (lookahead || n >= subs.size() || subs.get(n) == null) {
                    throw RegexException.of(RegexException.ESUBREG);
                }
                atom = new SubRe('b', SubRe.BACKR, lp, rp);
                subno = n;
                atom.subno = n;
                nfa.emptyArc(lp, rp);
                lex.next();
                break;
            }
            default:
                throw new IllegalStateException("unexpected token " + (char) atomType);
        }

        // The quantifier, if any.
        int m, n, qprefer;
        switch (lex.type) {
            case '*':
                m = 0;
                n = NfaGraph.INF;
                qprefer = lex.value != 0 ? SubRe.LONGER : SubRe.SHORTER;
                lex.next();
                break;
            case '+':
                m = 1;
                n = NfaGraph.INF;
                qprefer = lex.value != 0 ? SubRe.LONGER : SubRe.SHORTER;
                lex.next();
                break;
            case '?':
                m = 0;
                n = 1;
                qprefer = lex.value != 0 ? SubRe.LONGER : SubRe.SHORTER;
                lex.next();
                break;
            case '{':
                lex.next();
                m = scanNum();
                if (eat(',')) {
                    n = see(RegexLexer.DIGIT) ? scanNum() : NfaGraph.INF;
                    if (m > n) throw RegexException.of(RegexException.BADBR);
                    // {m,n} states a preference even when m == n.
                    qprefer = lex.value != 0 ? SubRe.LONGER : SubRe.SHORTER;
                } else {
                    n = m;
                    // {m} passes the operand's preference through.
                    qprefer = 0;
                }
                if (!see('}')) throw RegexException.of(RegexException.BADBR);
                lex.next();
                break;
            default:
                m = n = 1;
                qprefer = 0;
        }

        // {0} cancels the atom altogether.
        if (m == 0 && n == 0) {
            if (atomType == '(') subs.set(subno, null);
            nfa.delSub(lp, rp);
            nfa.emptyArc(lp, rp);
            return;
        }

        int f = top.flags | qprefer | (atom != null ? atom.flags : 0);
        if (atomType != '(' && atomType != RegexLexer.BACKREF && !SubRe.messy(SubRe.up(f))) {
            if (!(m == 1 && n == 1)) nfa.repeat(lp, rp, m, n);
            top.flags = f;
            return;
        }

        // The messy case: this atom needs a node of its own.
        if (atom == null) atom = new SubRe('=', 0, lp, rp);
        NfaGraph.State s = nfa.newState(), s2 = nfa.newState();
        nfa.moveOuts(lp, s);
        nfa.moveIns(rp, s2);
        atom.begin = s;
        atom.end = s2;
        s = nfa.newState();
        nfa.emptyArc(lp, s);

        SubRe t = new SubRe('.', SubRe.combine(qprefer, atom.flags), lp, rp);
        t.left = atom;
        top.left = new SubRe('=', top.flags, top.begin, lp);
        top.op = '.';
        top.right = t;

        if (atomType == RegexLexer.BACKREF) {
            // The back reference's automaton accepts what its group's does; dissection checks the text.
            nfa.delSub(atom.begin, atom.end);
            SubRe group = subs.get(subno);
            nfa.dupNfa(group.begin, group.end, atom.begin, atom.end);
            nfa.emptyArc(s, atom.begin);
            nfa.repeat(atom.begin, atom.end, m, n);
            atom.min = m;
            atom.max = n;
            atom.flags |= SubRe.combine(qprefer, atom.flags);
            s2 = atom.end;
        } else if (m == 1 && n == 1) {
            nfa.emptyArc(s, atom.begin);
            s2 = atom.end;
        } else if (m > 0 && (atom.flags & SubRe.BACKR) == 0) {
            // x{m,n} as x{m-1,n-1} x: only the last iteration's captures are reported.
            nfa.dupNfa(atom.begin, atom.end, s, atom.begin);
            nfa.repeat(s, atom.begin, m - 1, n == NfaGraph.INF ? n : n - 1);
            int f2 = SubRe.combine(qprefer, atom.flags);
            SubRe t2 = new SubRe('.', f2, s, atom.end);
            t2.left = new SubRe('=', SubRe.pref(f2), s, atom.begin);
            t2.right = atom;
            t.left = t2;
            s2 = atom.end;
        } else {
            s2 = nfa.newState();
            nfa.moveOuts(atom.end, s2);
            nfa.dupNfa(atom.begin, atom.end, s, s2);
            nfa.repeat(s, s2, m, n);
            int f2 = SubRe.combine(qprefer, atom.flags);
            SubRe t2 = new SubRe('*', f2, s, s2);
            t2.min = m;
            t2.max = n;
            t2.left = atom;
            t.left = t2;
        }

        t = top.right;
        if (!(see('|') || see(stopper) || see(RegexLexer.EOS))) {
            t.right = parseBranch(stopper, lookahead, s2, rp, true);
        } else {
            nfa.emptyArc(s2, rp);
            t.right = new SubRe('=', 0, s2, rp);
        }
        t.flags |= SubRe.combine(t.flags, t.right.flags);
        top.flags |= SubRe.combine(top.flags, t.flags);
    }

    static final CharSet NEWLINE = CharSet.of('\n');
    private static final CharSet ALL_BUT_NEWLINE = NEWLINE.complement();

    private int scanNum() throws RegexException {
        int n = 0;
        while (see(RegexLexer.DIGIT) && n < DUPMAX) {
            n = n * 10 + lex.value;
            lex.next();
        }
        if (see(RegexLexer.DIGIT) || n > DUPMAX) throw RegexException.of(RegexException.BADBR);
        return n;
    }

    private void oneChar(int c, NfaGraph.State lp, NfaGraph.State rp) throws RegexException {
        nfa.plainArc(icase() ? CharClasses.allCases(c) : CharSet.of((char) c), lp, rp);
    }

    /** A bracket expression, the current token being its '['; returns its set (complemented if [^). */
    private CharSet bracket() throws RegexException {
        boolean complement = lex.value == 0;
        CharSet.Builder b = new CharSet.Builder();
        lex.next();
        while (!see(']') && !see(RegexLexer.EOS)) bracketPart(b);
        if (!complement) return b.build();
        if ((lex.cflags & TclRegex.NLSTOP) != 0) b.add('\n');
        return b.build().complement();
    }

    private void bracketPart(CharSet.Builder b) throws RegexException {
        int startc, endc;
        switch (lex.type) {
            case RegexLexer.RANGE:
                throw RegexException.of(RegexException.ERANGE);
            case RegexLexer.PLAIN: {
                int c = lex.value;
                lex.next();
                if (!see(RegexLexer.RANGE)) {
                    b.addAll(icase() ? CharClasses.allCases(c) : CharSet.of((char) c));
                    return;
                }
                startc = c;
                break;
            }
            case RegexLexer.COLLEL: {
                String name = scanPlain();
                startc = element(name, RegexException.ECOLLATE);
                break;
            }
            case RegexLexer.ECLASS: {
                String name = scanPlain();
                int c = element(name, RegexException.ECOLLATE);
                b.addAll(icase() ? CharClasses.allCases(c) : CharSet.of((char) c));
                return;
            }
            case RegexLexer.CCLASS: {
                String name = scanPlain();
                CharSet cls = CharClasses.named(name, icase());
                if (cls == null) throw RegexException.of(RegexException.ECTYPE);
                b.addAll(cls);
                return;
            }
            default:
                throw new IllegalStateException("unexpected bracket token " + (char) lex.type);
        }
        if (see(RegexLexer.RANGE)) {
            lex.next();
            switch (lex.type) {
                case RegexLexer.PLAIN: case RegexLexer.RANGE:
                    endc = lex.value;
                    lex.next();
                    break;
                case RegexLexer.COLLEL:
                    endc = element(scanPlain(), RegexException.ECOLLATE);
                    break;
                default:
                    throw RegexException.of(RegexException.ERANGE);
            }
        } else {
            endc = startc;
        }
        if (startc != endc) lex.info |= TclRegex.UUNPORT;
        if (startc > endc) throw RegexException.of(RegexException.ERANGE);
        b.addAll(icase() ? CharClasses.rangeAllCases(startc, endc) : CharSet.range(startc, endc));
    }

    /**
     * The name inside [. .], [= =] or [: :], the current token being the opener. An empty name
     * comes out as the terminator itself, which names nothing, as in Tcl.
     */
    private String scanPlain() throws RegexException {
        String text = lex.textNow();
        int startp = lex.now;
        lex.next();
        int endp = lex.now;
        while (see(RegexLexer.PLAIN)) {
            endp = lex.now;
            lex.next();
        }
        String name = text.substring(startp, endp);
        lex.next();
        return name;
    }

    private int element(String name, String error) throws RegexException {
        if (name.length() == 1) return name.charAt(0);
        lex.info |= TclRegex.ULOCALE;
        int c = CharClasses.collatingElement(name);
        if (c < 0) throw RegexException.of(error);
        return c;
    }

    /** Word characters for \m \M \y \Y, lexed from their bracket expression on first use. */
    private void wordChars() throws RegexException {
        if (wordChars != null) {
            lex.next();
            return;
        }
        lex.nestWordChars();
        lex.next();
        wordChars = bracket();
        lex.next();
    }

    private void word(int dir, NfaGraph.State lp, NfaGraph.State rp) throws RegexException {
        nfa.arc(dir, wordChars, 0, lp, rp);
    }

    private void nonWord(int dir, NfaGraph.State lp, NfaGraph.State rp) throws RegexException {
        if (dir == NfaGraph.AHEAD) {
            nfa.arc(NfaGraph.EOL, null, 0, lp, rp);
            nfa.arc(NfaGraph.EOS, null, 0, lp, rp);
        } else {
            nfa.arc(NfaGraph.BOL, null, 0, lp, rp);
            nfa.arc(NfaGraph.BOS, null, 0, lp, rp);
        }
        nfa.arc(dir, nonWordChars(), 0, lp, rp);
    }

    private CharSet nonWord;

    private CharSet nonWordChars() {
        if (nonWord == null) nonWord = wordChars.complement();
        return nonWord;
    }
}
