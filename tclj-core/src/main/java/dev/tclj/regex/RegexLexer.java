package dev.tclj.regex;

/**
 * Tokenizer for Tcl's three regex flavours (AREs, EREs, BREs) and literal strings, with the
 * leading {@code ***=}, {@code ***:} and {@code (?xyz)} prefixes. It keeps one token of lookahead
 * ({@link #type}, {@link #value}) and remembers the previous token's type, which BREs and bracket
 * expressions need. Escapes such as {@code \d} are expanded by lexing a replacement text in place
 * of the escape (the bracket expression it stands for), so they behave exactly as written-out
 * brackets would.
 *
 * <p>Along the way it records the "about" bits Tcl reports with {@code regexp -about}.
 */
final class RegexLexer {
    // Token types; punctuation tokens use the character itself.
    static final int EMPTY = 'n';
    static final int EOS = 'e';
    static final int PLAIN = 'p';
    static final int DIGIT = 'd';
    static final int BACKREF = 'b';
    static final int COLLEL = 'I';
    static final int ECLASS = 'E';
    static final int CCLASS = 'C';
    static final int END = 'X';
    static final int RANGE = 'R';
    static final int LACON = 'L';
    static final int WBDRY = 'w';
    static final int NWBDRY = 'W';
    static final int SBEGIN = 'A';
    static final int SEND = 'Z';

    // Lexical contexts.
    private static final int L_ERE = 1;
    private static final int L_BRE = 2;
    private static final int L_Q = 3;
    private static final int L_EBND = 4;
    private static final int L_BBND = 5;
    private static final int L_BRACK = 6;
    private static final int L_CEL = 7;
    private static final int L_ECL = 8;
    private static final int L_CCL = 9;

    private static final String BACK_D = "[[:digit:]]";
    private static final String BACK_ND = "[^[:digit:]]";
    private static final String BR_BACK_D = "[:digit:]";
    private static final String BACK_S = "[[:space:]]";
    private static final String BACK_NS = "[^[:space:]]";
    private static final String BR_BACK_S = "[:space:]";
    /** Connector punctuation that \w adds to [:alnum:]. */
    private static final String PUNCT_CONN = "_\u203f\u2040\u2054\ufe33\ufe34\ufe4d\ufe4e\ufe4f\uff3f";
    private static final String BACK_W = "[[:alnum:]" + PUNCT_CONN + "]";
    private static final String BACK_NW = "[^[:alnum:]" + PUNCT_CONN + "]";
    private static final String BR_BACK_W = "[:alnum:]" + PUNCT_CONN;

    /** The text being read; replaced by an expansion while one is being lexed. */
    private String text;
    int now;
    private int stop;
    private String savedText;
    private int savedNow = -1, savedStop;

    int cflags;
    int info;
    int type = EMPTY;
    /**
     * The current token's value. Tokens such as '.' and BRE's '*' leave it unchanged, and a BRE
     * '*' takes its greediness from it; Tcl starts it at a nonzero (greedy) value.
     */
    int value = 1;
    private int lastType;
    private int con;
    /** Number of capturing groups opened so far (kept by the parser, read by the backref heuristic). */
    int nsubexp;

    RegexLexer(String pattern, int cflags) {
        this.text = pattern;
        this.stop = pattern.length();
        this.cflags = cflags;
    }

    /** Reads the prefixes and the first token. */
    void start() throws RegexException {
        prefixes();
        if ((cflags & TclRegex.QUOTE) != 0) {
            con = L_Q;
        } else if ((cflags & TclRegex.EXTENDED) != 0) {
            con = L_ERE;
        } else {
            con = L_BRE;
        }
        type = EMPTY;
        next();
    }

    String textNow() { return text; }

    private boolean atEos() { return now >= stop; }

    private boolean have(int n) { return stop - now >= n; }

    private boolean next1(char c) { return !atEos() && text.charAt(now) == c; }

    private boolean next2(char a, char b) { return have(2) && text.charAt(now) == a && text.charAt(now + 1) == b; }

    private void note(int bit) { info |= bit; }

    private boolean advanced() { return (cflags & TclRegex.ADVF) != 0; }

    private void prefixes() throws RegexException {
        if ((cflags & TclRegex.QUOTE) != 0) return;
        if (have(4) && text.startsWith("***", now)) {
            switch (text.charAt(now + 3)) {
                case '?':
                    throw RegexException.of(RegexException.BADPAT);
                case '=':
                    note(TclRegex.UNONPOSIX);
                    cflags |= TclRegex.QUOTE;
                    cflags &= ~(TclRegex.ADVANCED | TclRegex.EXPANDED | TclRegex.NEWLINE);
                    now += 4;
                    return;
                case ':':
                    note(TclRegex.UNONPOSIX);
                    cflags |= TclRegex.ADVANCED;
                    now += 4;
                    break;
                default:
                    throw RegexException.of(RegexException.BADRPT);
            }
        }
        if ((cflags & TclRegex.ADVANCED) != TclRegex.ADVANCED) return;
        if (have(3) && next2('(', '?') && CharClasses.isAlpha(text.charAt(now + 2))) {
            note(TclRegex.UNONPOSIX);
            now += 2;
            for (; !atEos() && CharClasses.isAlpha(text.charAt(now)); now++) {
                switch (text.charAt(now)) {
                    case 'b': cflags &= ~(TclRegex.ADVANCED | TclRegex.QUOTE); break;
                    case 'c': cflags &= ~TclRegex.ICASE; break;
                    case 'e':
                        cflags |= TclRegex.EXTENDED;
                        cflags &= ~(TclRegex.ADVF | TclRegex.QUOTE);
                        break;
                    case 'i': cflags |= TclRegex.ICASE; break;
                    case 'm': case 'n': cflags |= TclRegex.NEWLINE; break;
                    case 'p':
                        cflags |= TclRegex.NLSTOP;
                        cflags &= ~TclRegex.NLANCH;
                        break;
                    case 'q':
                        cflags |= TclRegex.QUOTE;
                        cflags &= ~TclRegex.ADVANCED;
                        break;
                    case 's': cflags &= ~TclRegex.NEWLINE; break;
                    case 't': cflags &= ~TclRegex.EXPANDED; break;
                    case 'w':
                        cflags &= ~TclRegex.NLSTOP;
                        cflags |= TclRegex.NLANCH;
                        break;
                    case 'x': cflags |= TclRegex.EXPANDED; break;
                    default: throw RegexException.of(RegexException.BADOPT);
                }
            }
            if (!next1(')')) throw RegexException.of(RegexException.BADOPT);
            now++;
            if ((cflags & TclRegex.QUOTE) != 0) cflags &= ~(TclRegex.EXPANDED | TclRegex.NEWLINE);
        }
    }

    /** Lexes {@code expansion} as though it stood in the pattern at this point. */
    private void nest(String expansion) {
        savedText = text;
        savedNow = now;
        savedStop = stop;
        text = expansion;
        now = 0;
        stop = expansion.length();
    }

    /** Sets up lexing of the word-character bracket expression (for \m, \M, \y, \Y). */
    void nestWordChars() { nest(BACK_W); }

    boolean see(int t) { return type == t; }

    private void set(int t) { type = t; }

    private void set(int t, int v) { type = t; value = v; }

    private boolean lastIs(int t) { return lastType == t; }

    /** Advances to the next token. */
    void next() throws RegexException {
        lastType = type;
        if (savedNow >= 0 && atEos()) {
            text = savedText;
            now = savedNow;
            stop = savedStop;
            savedText = null;
            savedNow = -1;
        }
        if ((cflags & TclRegex.EXPANDED) != 0 && (con == L_ERE || con == L_BRE || con == L_EBND || con == L_BBND)) {
            skip();
        }
        if (atEos()) {
            switch (con) {
                case L_ERE: case L_BRE: case L_Q:
                    set(EOS);
                    return;
                case L_EBND: case L_BBND:
                    throw RegexException.of(RegexException.EBRACE);
                default:
                    throw RegexException.of(RegexException.EBRACK);
            }
        }
        char c = text.charAt(now++);
        switch (con) {
            case L_BRE:
                breNext(c);
                return;
            case L_ERE:
                break;
            case L_Q:
                set(PLAIN, c);
                return;
            case L_BBND: case L_EBND:
                boundNext(c);
                return;
            case L_BRACK:
                bracketNext(c);
                return;
            case L_CEL:
                terminated(c, '.');
                return;
            case L_ECL:
                terminated(c, '=');
                return;
            case L_CCL:
                terminated(c, ':');
                return;
            default:
                throw new IllegalStateException();
        }
        ereNext(c);
    }

    private void boundNext(char c) throws RegexException {
        if (c >= '0' && c <= '9') {
            set(DIGIT, c - '0');
        } else if (c == ',') {
            set(',');
        } else if (c == '}' && con == L_EBND) {
            con = L_ERE;
            if (advanced() && next1('?')) {
                now++;
                note(TclRegex.UNONPOSIX);
                set('}', 0);
            } else {
                set('}', 1);
            }
        } else if (c == '\\' && con == L_BBND && next1('}')) {
            now++;
            con = L_BRE;
            set('}');
        } else {
            throw RegexException.of(RegexException.BADBR);
        }
    }

    private void bracketNext(char c) throws RegexException {
        switch (c) {
            case ']':
                if (lastIs('[')) {
                    set(PLAIN, c);
                } else {
                    con = (cflags & TclRegex.EXTENDED) != 0 ? L_ERE : L_BRE;
                    set(']');
                }
                return;
            case '\\':
                note(TclRegex.UBBS);
                if (!advanced()) {
                    set(PLAIN, c);
                    return;
                }
                note(TclRegex.UNONPOSIX);
                if (atEos()) throw RegexException.of(RegexException.EESCAPE);
                escape();
                if (type == PLAIN) return;
                if (type == CCLASS) {
                    switch (value) {
                        case 'd': nest(BR_BACK_D); break;
                        case 's': nest(BR_BACK_S); break;
                        case 'w': nest(BR_BACK_W); break;
                        default: throw RegexException.of(RegexException.EESCAPE);
                    }
                    type = lastType;
                    next();
                    return;
                }
                throw RegexException.of(RegexException.EESCAPE);
            case '-':
                if (lastIs('[') || next1(']')) set(PLAIN, c); else set(RANGE, c);
                return;
            case '[':
                if (atEos()) throw RegexException.of(RegexException.EBRACK);
                switch (text.charAt(now++)) {
                    case '.':
                        con = L_CEL;
                        set(COLLEL);
                        return;
                    case '=':
                        con = L_ECL;
                        note(TclRegex.ULOCALE);
                        set(ECLASS);
                        return;
                    case ':':
                        con = L_CCL;
                        note(TclRegex.ULOCALE);
                        set(CCLASS);
                        return;
                    default:
                        now--;
                        set(PLAIN, c);
                        return;
                }
            default:
                set(PLAIN, c);
        }
    }

    /** Inside [. .], [= =] and [: :]: every char is plain until the two-char terminator. */
    private void terminated(char c, char closer) {
        if (c == closer && next1(']')) {
            now++;
            con = L_BRACK;
            set(END, closer);
        } else {
            set(PLAIN, c);
        }
    }

    /** [[:<:]] or [[:>:]] at the scan point (after the first '['): returns '<' or '>' or 0. */
    private int wordBoundaryBracket() {
        if (have(6) && text.charAt(now) == '[' && text.charAt(now + 1) == ':'
                && (text.charAt(now + 2) == '<' || text.charAt(now + 2) == '>')
                && text.charAt(now + 3) == ':' && text.charAt(now + 4) == ']' && text.charAt(now + 5) == ']') {
            char c = text.charAt(now + 2);
            now += 6;
            note(TclRegex.UNONPOSIX);
            return c;
        }
        return 0;
    }

    private void openBracket() {
        con = L_BRACK;
        if (next1('^')) {
            now++;
            set('[', 0);
        } else {
            set('[', 1);
        }
    }

    private void ereNext(char c) throws RegexException {
        switch (c) {
            case '|':
                set('|');
                return;
            case '*': case '+': case '?':
                if (advanced() && next1('?')) {
                    now++;
                    note(TclRegex.UNONPOSIX);
                    set(c, 0);
                } else {
                    set(c, 1);
                }
                return;
            case '{':
                if ((cflags & TclRegex.EXPANDED) != 0) skip();
                if (atEos() || !CharClasses.isDigit(text.charAt(now))) {
                    note(TclRegex.UBRACES);
                    note(TclRegex.UUNSPEC);
                    set(PLAIN, c);
                } else {
                    note(TclRegex.UBOUNDS);
                    con = L_EBND;
                    set('{');
                }
                return;
            case '(':
                if (advanced() && next1('?')) {
                    note(TclRegex.UNONPOSIX);
                    now++;
                    char k = now < stop ? text.charAt(now) : 0;
                    now++;
                    switch (k) {
                        case ':':
                            set('(', 0);
                            return;
                        case '#':
                            while (!atEos() && text.charAt(now) != ')') now++;
                            if (!atEos()) now++;
                            type = lastType;
                            next();
                            return;
                        case '=':
                            note(TclRegex.ULOOKAHEAD);
                            set(LACON, 1);
                            return;
                        case '!':
                            note(TclRegex.ULOOKAHEAD);
                            set(LACON, 0);
                            return;
                        default:
                            throw RegexException.of(RegexException.BADRPT);
                    }
                }
                set('(', (cflags & TclRegex.NOSUB) != 0 ? 0 : 1);
                return;
            case ')':
                if (lastIs('(')) note(TclRegex.UUNSPEC);
                set(')', c);
                return;
            case '[': {
                int w = wordBoundaryBracket();
                if (w != 0) {
                    set(w);
                    return;
                }
                openBracket();
                return;
            }
            case '.':
                set('.');
                return;
            case '^':
                set('^');
                return;
            case '$':
                set('$');
                return;
            case '\\':
                if (atEos()) throw RegexException.of(RegexException.EESCAPE);
                break;
            default:
                set(PLAIN, c);
                return;
        }
        // An ERE/ARE backslash (already consumed).
        if (!advanced()) {
            char e = text.charAt(now++);
            if (CharClasses.isAlnum(e)) {
                note(TclRegex.UBSALNUM);
                note(TclRegex.UUNSPEC);
            }
            set(PLAIN, e);
            return;
        }
        escape();
        if (type == CCLASS) {
            switch (value) {
                case 'd': nest(BACK_D); break;
                case 'D': nest(BACK_ND); break;
                case 's': nest(BACK_S); break;
                case 'S': nest(BACK_NS); break;
                case 'w': nest(BACK_W); break;
                case 'W': nest(BACK_NW); break;
                default: throw new IllegalStateException();
            }
            type = lastType;
            next();
        }
    }

    /** An ARE escape, the backslash already consumed. */
    private void escape() throws RegexException {
        char c = text.charAt(now++);
        if (!CharClasses.isAlnum(c)) {
            set(PLAIN, c);
            return;
        }
        note(TclRegex.UNONPOSIX);
        switch (c) {
            case 'a':
                // Tcl looks the char up by its collating name ("alert"), which counts as locale use.
                note(TclRegex.ULOCALE);
                set(PLAIN, 7);
                return;
            case 'A': set(SBEGIN, 0); return;
            case 'b': set(PLAIN, '\b'); return;
            case 'B': set(PLAIN, '\\'); return;
            case 'c':
                note(TclRegex.UUNPORT);
                if (atEos()) throw RegexException.of(RegexException.EESCAPE);
                set(PLAIN, text.charAt(now++) & 037);
                return;
            case 'd': case 'D': case 's': case 'S': case 'w': case 'W':
                note(TclRegex.ULOCALE);
                set(CCLASS, c);
                return;
            case 'e':
                note(TclRegex.UUNPORT);
                note(TclRegex.ULOCALE);
                set(PLAIN, 033);
                return;
            case 'f': set(PLAIN, '\f'); return;
            case 'm': set('<'); return;
            case 'M': set('>'); return;
            case 'n': set(PLAIN, '\n'); return;
            case 'r': set(PLAIN, '\r'); return;
            case 't': set(PLAIN, '\t'); return;
            case 'u': set(PLAIN, digits(16, 1, 4) & 0xFFFF); return;
            case 'U': {
                int v = digits(16, 1, 8);
                // Tcl 8.6 regexps hold 16-bit chars only.
                set(PLAIN, v > 0xFFFF ? 0xFFFD : v);
                return;
            }
            case 'v': set(PLAIN, 013); return;
            case 'x':
                note(TclRegex.UUNPORT);
                set(PLAIN, digits(16, 1, 2));
                return;
            case 'y':
                note(TclRegex.ULOCALE);
                set(WBDRY, 0);
                return;
            case 'Y':
                note(TclRegex.ULOCALE);
                set(NWBDRY, 0);
                return;
            case 'Z': set(SEND, 0); return;
            case '1': case '2': case '3': case '4': case '5': case '6': case '7': case '8': case '9': {
                int save = now;
                now--;
                int v = digits(10, 1, 255);
                // One digit is always a back reference; more only while they name an open group.
                if (now - save == 0 || (v > 0 && v <= nsubexp)) {
                    note(TclRegex.UBACKREF);
                    set(BACKREF, v);
                    return;
                }
                now = save;
                octal();
                return;
            }
            case '0':
                octal();
                return;
            default:
                throw RegexException.of(RegexException.EESCAPE);
        }
    }

    /** An octal escape whose first digit was just consumed. */
    private void octal() throws RegexException {
        note(TclRegex.UUNPORT);
        now--;
        int v = digits(8, 1, 3);
        if (v > 0xFF) {
            now--;
            v >>= 3;
        }
        set(PLAIN, v);
    }

    /** Reads between minLen and maxLen digits of the base; too few is an invalid escape. */
    private int digits(int base, int minLen, int maxLen) throws RegexException {
        int n = 0, len;
        for (len = 0; len < maxLen && !atEos(); len++) {
            if (n > 0x10fff) break;
            int d = Character.digit(text.charAt(now), 16);
            if (text.charAt(now) > 'z') d = -1;
            if (d < 0 || d >= base) break;
            now++;
            n = n * base + d;
        }
        if (len < minLen) throw RegexException.of(RegexException.EESCAPE);
        return n;
    }

    private void breNext(char c) throws RegexException {
        switch (c) {
            case '*':
                if (lastIs(EMPTY) || lastIs('(') || lastIs('^')) set(PLAIN, c); else set('*');
                return;
            case '[': {
                int w = wordBoundaryBracket();
                if (w != 0) {
                    set(w);
                    return;
                }
                openBracket();
                return;
            }
            case '.':
                set('.');
                return;
            case '^':
                if (lastIs(EMPTY)) {
                    set('^');
                } else if (lastIs('(')) {
                    note(TclRegex.UUNSPEC);
                    set('^');
                } else {
                    set(PLAIN, c);
                }
                return;
            case '$':
                if ((cflags & TclRegex.EXPANDED) != 0) skip();
                if (atEos()) {
                    set('$');
                } else if (next2('\\', ')')) {
                    note(TclRegex.UUNSPEC);
                    set('$');
                } else {
                    set(PLAIN, c);
                }
                return;
            case '\\':
                break;
            default:
                set(PLAIN, c);
                return;
        }
        if (atEos()) throw RegexException.of(RegexException.EESCAPE);
        c = text.charAt(now++);
        switch (c) {
            case '{':
                con = L_BBND;
                note(TclRegex.UBOUNDS);
                set('{');
                return;
            case '(':
                set('(', 1);
                return;
            case ')':
                set(')', c);
                return;
            case '<':
                note(TclRegex.UNONPOSIX);
                set('<');
                return;
            case '>':
                note(TclRegex.UNONPOSIX);
                set('>');
                return;
            case '1': case '2': case '3': case '4': case '5': case '6': case '7': case '8': case '9':
                note(TclRegex.UBACKREF);
                set(BACKREF, c - '0');
                return;
            default:
                if (CharClasses.isAlnum(c)) {
                    note(TclRegex.UBSALNUM);
                    note(TclRegex.UUNSPEC);
                }
                set(PLAIN, c);
        }
    }

    /** Skips white space and #-comments (expanded syntax). */
    private void skip() {
        int start = now;
        for (;;) {
            while (!atEos() && CharClasses.isSpace(text.charAt(now))) now++;
            if (atEos() || text.charAt(now) != '#') break;
            while (!atEos() && text.charAt(now) != '\n') now++;
        }
        if (now != start) note(TclRegex.UNONPOSIX);
    }
}
