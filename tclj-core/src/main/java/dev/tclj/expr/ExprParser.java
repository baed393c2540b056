package dev.tclj.expr;

import dev.tclj.NumberFormat;
import dev.tclj.TclObj;
import dev.tclj.parse.Parser;
import dev.tclj.parse.Script;
import dev.tclj.parse.VarRef;
import dev.tclj.parse.Word;

import java.util.ArrayList;

/**
 * Parses an expression into a tree of {@link Node}s. The lexer and the operator-precedence
 * algorithm follow Tcl 8.6's ParseLexeme and ParseExpr step by step, so that every syntax error is
 * found at the same place and reported with the same message, marked excerpt ("_@_"),
 * postscript and errorCode as tclsh.
 *
 * <p>The parse keeps a stack of incomplete subtrees (operators still waiting for their right
 * operand) and one complete subtree; each binary operator joins the complete subtree to the
 * incomplete ones that bind tighter, then becomes incomplete itself. Parentheses, function
 * argument lists, commas and the two halves of ?: are operators of this scheme too.
 */
final class ExprParser {
    /** A syntax error: the full message (with the excerpt) and the errorCode words after TCL PARSE EXPR. */
    static final class Failure extends Exception {
        final String errCode, subCode;

        Failure(String message, String errCode, String subCode) {
            super(message, null, false, false);
            this.errCode = errCode;
            this.subCode = subCode;
        }
    }

    // Lexemes: the two high bits give the category, as in Tcl.
    private static final int BINARY = 0x40, UNARY = 0x80, LEAF = 0xC0, CATEGORY = 0xC0;
    private static final int PLUS = 1, MINUS = 2, BAREWORD = 3, INCOMPLETE = 4, INVALID = 5;
    private static final int NUMBER = LEAF | 1, SCRIPT = LEAF | 2, BOOLEAN = LEAF | 3, BRACED = LEAF | 4,
            VARIABLE = LEAF | 5, QUOTED = LEAF | 6;
    private static final int UNARY_PLUS = UNARY | PLUS, UNARY_MINUS = UNARY | MINUS, FUNCTION = UNARY | BAREWORD,
            START = UNARY | 4, OPEN_PAREN = UNARY | 5, NOT = UNARY | 6, BIT_NOT = UNARY | 7;
    private static final int BINARY_PLUS = BINARY | PLUS, BINARY_MINUS = BINARY | MINUS, COMMA = BINARY | 3,
            MULT = BINARY | 4, DIVIDE = BINARY | 5, MOD = BINARY | 6, LESS = BINARY | 7, GREATER = BINARY | 8,
            BIT_AND = BINARY | 9, BIT_XOR = BINARY | 10, BIT_OR = BINARY | 11, QUESTION = BINARY | 12,
            COLON = BINARY | 13, LEFT_SHIFT = BINARY | 14, RIGHT_SHIFT = BINARY | 15, LEQ = BINARY | 16,
            GEQ = BINARY | 17, EQUAL = BINARY | 18, NEQ = BINARY | 19, AND = BINARY | 20, OR = BINARY | 21,
            STREQ = BINARY | 22, STRNEQ = BINARY | 23, EXPON = BINARY | 24, IN_LIST = BINARY | 25,
            NOT_IN_LIST = BINARY | 26, CLOSE_PAREN = BINARY | 27, END = BINARY | 28;

    private static final int PREC_END = 1, PREC_START = 2, PREC_CLOSE_PAREN = 3, PREC_OPEN_PAREN = 4,
            PREC_COMMA = 5, PREC_CONDITIONAL = 6, PREC_OR = 7, PREC_AND = 8, PREC_BIT_OR = 9,
            PREC_BIT_XOR = 10, PREC_BIT_AND = 11, PREC_EQUAL = 12, PREC_COMPARE = 13, PREC_SHIFT = 14,
            PREC_ADD = 15, PREC_MULT = 16, PREC_EXPON = 17, PREC_UNARY = 18;

    private static int precedence(int lexeme) {
        switch (lexeme) {
            case BINARY_PLUS: case BINARY_MINUS: return PREC_ADD;
            case COMMA: return PREC_COMMA;
            case MULT: case DIVIDE: case MOD: return PREC_MULT;
            case LESS: case GREATER: case LEQ: case GEQ: return PREC_COMPARE;
            case BIT_AND: return PREC_BIT_AND;
            case BIT_XOR: return PREC_BIT_XOR;
            case BIT_OR: return PREC_BIT_OR;
            case QUESTION: case COLON: return PREC_CONDITIONAL;
            case LEFT_SHIFT: case RIGHT_SHIFT: return PREC_SHIFT;
            case EQUAL: case NEQ: case STREQ: case STRNEQ: case IN_LIST: case NOT_IN_LIST: return PREC_EQUAL;
            case AND: return PREC_AND;
            case OR: return PREC_OR;
            case EXPON: return PREC_EXPON;
            case CLOSE_PAREN: return PREC_CLOSE_PAREN;
            case END: return PREC_END;
            case START: return PREC_START;
            case OPEN_PAREN: return PREC_OPEN_PAREN;
            default: return PREC_UNARY;
        }
    }

    /** An operator of the parse tree (Tcl's OpNode). Operands are PNodes or leaf Nodes. */
    private static final class PNode {
        final int lexeme, prec, index;
        Object left, right;
        int prev;
        String name;

        PNode(int lexeme, int index) {
            this.lexeme = lexeme;
            this.prec = precedence(lexeme);
            this.index = index;
        }
    }

    /** The empty argument list of f(). */
    private static final Object EMPTY_ARGS = new Object();

    private static final String MARK = "_@_";
    private static final int LIMIT = 25;

    private final String s;
    private final int end;
    /** Set by {@link #lex}: the length of the lexeme, the literal of a NUMBER, the name of a BAREWORD. */
    private int scanned;
    private TclObj number;
    private String word;
    /** Set by {@link #scanNumber}: whether the number is a double. */
    private boolean scannedDouble;

    private ExprParser(String s) {
        this.s = s;
        this.end = s.length();
    }

    /** Parses an expression; the tree still has its parentheses (see {@link ExprCompiler}). */
    static Node parse(String text) throws Failure {
        return new ExprParser(text).parse();
    }

    // ======================================================================================
    // Lexer (ParseLexeme)
    // ======================================================================================

    private static boolean isBareword(char c) {
        return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
    }

    private static boolean isAlpha(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    }

    private static boolean isDigit(char c) { return c >= '0' && c <= '9'; }

    /** Tcl's TclParseAllWhiteSpace: spaces, tabs, newlines and backslash-newlines. */
    private int skipWhite(int i) {
        while (i < end) {
            char c = s.charAt(i);
            if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\u000b' || c == '\f') { i++; continue; }
            if (c == '\\' && i + 1 < end && s.charAt(i + 1) == '\n') { i += 2; continue; }
            break;
        }
        return i;
    }

    /** Whether the two letters at i form the word operator w (not followed by a letter). */
    private boolean wordOp(int i, char second) {
        return i + 1 < end && s.charAt(i + 1) == second
                && (i + 2 == end || s.charAt(i + 2) >= 0x80 || !isAlpha(s.charAt(i + 2)));
    }

    /** Lexes one lexeme at i; returns it and leaves its length in {@link #scanned}. */
    private int lex(int i) {
        if (i >= end) { scanned = 0; return END; }
        char c = s.charAt(i);
        scanned = 1;
        switch (c) {
            case '"': return QUOTED;
            case '$': return VARIABLE;
            case '%': return MOD;
            case '(': return OPEN_PAREN;
            case ')': return CLOSE_PAREN;
            case '+': return PLUS;
            case ',': return COMMA;
            case '-': return MINUS;
            case '/': return DIVIDE;
            case ':': return COLON;
            case '?': return QUESTION;
            case '[': return SCRIPT;
            case '^': return BIT_XOR;
            case '{': return BRACED;
            case '~': return BIT_NOT;
            case '*':
                if (i + 1 < end && s.charAt(i + 1) == '*') { scanned = 2; return EXPON; }
                return MULT;
            case '=':
                if (i + 1 < end && s.charAt(i + 1) == '=') { scanned = 2; return EQUAL; }
                return INCOMPLETE;
            case '!':
                if (i + 1 < end && s.charAt(i + 1) == '=') { scanned = 2; return NEQ; }
                return NOT;
            case '&':
                if (i + 1 < end && s.charAt(i + 1) == '&') { scanned = 2; return AND; }
                return BIT_AND;
            case '|':
                if (i + 1 < end && s.charAt(i + 1) == '|') { scanned = 2; return OR; }
                return BIT_OR;
            case '<':
                if (i + 1 < end) {
                    char d = s.charAt(i + 1);
                    if (d == '<') { scanned = 2; return LEFT_SHIFT; }
                    if (d == '=') { scanned = 2; return LEQ; }
                }
                return LESS;
            case '>':
                if (i + 1 < end) {
                    char d = s.charAt(i + 1);
                    if (d == '>') { scanned = 2; return RIGHT_SHIFT; }
                    if (d == '=') { scanned = 2; return GEQ; }
                }
                return GREATER;
            case 'i':
                if (wordOp(i, 'n')) { scanned = 2; return IN_LIST; }
                break;
            case 'e':
                if (wordOp(i, 'q')) { scanned = 2; return STREQ; }
                break;
            case 'n':
                if (wordOp(i, 'e')) { scanned = 2; return STRNEQ; }
                if (wordOp(i, 'i')) { scanned = 2; return NOT_IN_LIST; }
                break;
            default:
                break;
        }
        int numEnd = scanNumber(i);
        if (numEnd > i) {
            boolean isNumber;
            if (numEnd < end && !isBareword(s.charAt(numEnd))) {
                isNumber = true;
            } else {
                // A number directly followed by bareword characters: a number and an operator
                // ("1eq1"), or one bareword ("Inf" + "luence", "12abc").
                isNumber = false;
                if (scannedDouble) {
                    for (int k = i; k < numEnd; k++) {
                        if (!isBareword(s.charAt(k))) { isNumber = true; break; }
                    }
                }
                if (!isNumber) {
                    int save = scanned;
                    int next = lex(numEnd);
                    scanned = save;
                    isNumber = (next & CATEGORY) == BINARY;
                }
            }
            if (isNumber) {
                TclObj v = TclObj.of(s.substring(i, numEnd));
                v.toNumber();
                number = v;
                scanned = numEnd - i;
                return NUMBER;
            }
        }
        if (!isBareword(c) || c == '_') {
            scanned = Character.isHighSurrogate(c) && i + 1 < end && Character.isLowSurrogate(s.charAt(i + 1)) ? 2 : 1;
            return INVALID;
        }
        int j = i;
        while (j < end && isBareword(s.charAt(j))) j++;
        word = s.substring(i, j);
        scanned = j - i;
        return BAREWORD;
    }

    /**
     * The end of the longest prefix at i that is a Tcl number (TclParseNumber without whitespace
     * or sign), or i if there is none.
     */
    private int scanNumber(int i) {
        scannedDouble = false;
        char c = s.charAt(i);
        if (isDigit(c)) {
            if (c == '0' && i + 1 < end) {
                char p = s.charAt(i + 1);
                int radix = p == 'x' || p == 'X' ? 16 : p == 'o' || p == 'O' ? 8 : p == 'b' || p == 'B' ? 2 : 0;
                if (radix != 0) {
                    int j = i + 2;
                    while (j < end && Character.digit(s.charAt(j), radix) >= 0 && s.charAt(j) < 0x80) j++;
                    return j > i + 2 ? j : i + 1;
                }
            }
            int j = i;
            while (j < end && isDigit(s.charAt(j))) j++;
            int intEnd = j;
            boolean isDouble = false;
            if (j < end && s.charAt(j) == '.') {
                j++;
                while (j < end && isDigit(s.charAt(j))) j++;
                isDouble = true;
            }
            int e = scanExponent(j);
            if (e > j) { j = e; isDouble = true; }
            if (isDouble) { scannedDouble = true; return j; }
            if (c == '0') {
                // legacy octal: digits 8 and 9 end the number
                int k = i + 1;
                while (k < intEnd && s.charAt(k) <= '7') k++;
                return k;
            }
            return intEnd;
        }
        if (c == '.') {
            int j = i + 1;
            if (j >= end || !isDigit(s.charAt(j))) return i;
            while (j < end && isDigit(s.charAt(j))) j++;
            int e = scanExponent(j);
            scannedDouble = true;
            return e > j ? e : j;
        }
        if (c == 'i' || c == 'I') {
            if (s.regionMatches(true, i, "infinity", 0, 8)) { scannedDouble = true; return i + 8; }
            if (s.regionMatches(true, i, "inf", 0, 3)) { scannedDouble = true; return i + 3; }
            return i;
        }
        if (c == 'n' || c == 'N') {
            if (s.regionMatches(true, i, "nan", 0, 3)) { scannedDouble = true; return i + 3; }
        }
        return i;
    }

    /** The end of an exponent part ("e", sign, digits) at j, or j if there is none. */
    private int scanExponent(int j) {
        if (j >= end || (s.charAt(j) != 'e' && s.charAt(j) != 'E')) return j;
        int k = j + 1;
        if (k < end && (s.charAt(k) == '+' || s.charAt(k) == '-')) k++;
        if (k >= end || !isDigit(s.charAt(k))) return j;
        while (k < end && isDigit(s.charAt(k))) k++;
        return k;
    }

    // ======================================================================================
    // Parser (ParseExpr)
    // ======================================================================================

    private Node parse() throws Failure {
        ArrayList<PNode> nodes = new ArrayList<>();
        PNode startNode = new PNode(START, 0);
        nodes.add(startNode);
        int incomplete = 0;
        Object lastParsed = startNode;
        Object complete = null;
        int start = 0;

        while (true) {
            start = skipWhite(start);
            int lexeme = lex(start);
            String funcName = null;
            Node leaf = null;

            if ((lexeme & CATEGORY) == 0) {
                switch (lexeme) {
                    case INVALID:
                        throw error("invalid character \"" + s.substring(start, start + scanned) + "\"",
                                start, scanned, false, null, "BADCHAR", null);
                    case INCOMPLETE:
                        throw error("incomplete operator \"" + s.substring(start, start + scanned) + "\"",
                                start, scanned, false, null, "PARTOP", null);
                    case BAREWORD: {
                        int after = skipWhite(start + scanned);
                        if (after < end && s.charAt(after) == '(') {
                            lexeme = FUNCTION;
                            funcName = word;
                        } else if (NumberFormat.parseBoolean(word) >= 0) {
                            lexeme = BOOLEAN;
                            leaf = new Node.Literal(TclObj.of(word));
                        } else {
                            throw badBareword(start);
                        }
                        break;
                    }
                    default: // PLUS, MINUS
                        lexeme |= lastParsed instanceof PNode ? UNARY : BINARY;
                        break;
                }
            } else if (lexeme == NUMBER) {
                leaf = Node.literal(number);
            }

            switch (lexeme & CATEGORY) {
                case LEAF: {
                    if (!(lastParsed instanceof PNode)) {
                        throw error("missing operator at " + MARK, start, 0, true, null, "MISSING", null);
                    }
                    if (leaf == null) leaf = parseLeaf(lexeme, start);
                    complete = lastParsed = leaf;
                    break;
                }
                case UNARY: {
                    if (!(lastParsed instanceof PNode)) {
                        throw error("missing operator at " + MARK, start, 0, true, null, "MISSING", null);
                    }
                    PNode n = new PNode(lexeme, nodes.size());
                    n.name = funcName;
                    n.prev = incomplete;
                    nodes.add(n);
                    incomplete = n.index;
                    lastParsed = n;
                    break;
                }
                default: { // BINARY
                    int prec = precedence(lexeme);
                    if (lastParsed instanceof PNode) {
                        PNode last = nodes.get(nodes.size() - 1);
                        if (lexeme == CLOSE_PAREN && last.lexeme == OPEN_PAREN) {
                            if (nodes.get(nodes.size() - 2).lexeme == FUNCTION) {
                                // "()" is the empty argument list of a function: reparse the ")"
                                scanned = 0;
                                complete = lastParsed = EMPTY_ARGS;
                                break;
                            }
                            throw error("empty subexpression at " + MARK, start, 0, true, null, "EMPTY", null);
                        }
                        if (last.prec > prec) {
                            if (last.lexeme == OPEN_PAREN) {
                                throw error("unbalanced open paren", start, scanned, false, null, "UNBALANCED", null);
                            } else if (last.lexeme == COMMA) {
                                throw error("missing function argument at " + MARK, start, 0, true, null, "MISSING", null);
                            } else if (last.lexeme == START) {
                                throw error("empty expression", start, scanned, false, null, "EMPTY", null);
                            }
                        } else if (lexeme == CLOSE_PAREN) {
                            throw error("unbalanced close paren", start, scanned, false, null, "UNBALANCED", null);
                        } else if (lexeme == COMMA && last.lexeme == OPEN_PAREN
                                && nodes.get(nodes.size() - 2).lexeme == FUNCTION) {
                            throw error("missing function argument at " + MARK, start, 0, true, null, "UNBALANCED", null);
                        }
                        throw error("missing operand at " + MARK, start, 0, true, null, "MISSING", null);
                    }

                    PNode inc;
                    while (true) {
                        inc = nodes.get(incomplete);
                        if (inc.prec < prec) break;
                        if (inc.prec == prec) {
                            if (lexeme == EXPON) break; // right-associative
                            if (inc.lexeme == QUESTION && !isColon(complete)) break;
                            if (inc.lexeme == COLON && lexeme == QUESTION) break;
                        }
                        if (inc.lexeme == OPEN_PAREN && lexeme != CLOSE_PAREN) {
                            throw error("unbalanced open paren", start, scanned, false, null, "UNBALANCED", null);
                        }
                        if (inc.lexeme == QUESTION && !isColon(complete)) {
                            throw error("missing operator \":\" at " + MARK, start, 0, true, null, "MISSING", null);
                        }
                        if (isColon(complete) && inc.lexeme != QUESTION) {
                            throw error("unexpected operator \":\" without preceding \"?\"", start, scanned, false,
                                    null, "SURPRISE", null);
                        }
                        inc.right = complete;
                        if (inc.lexeme == START) return build(startNode.right);
                        complete = inc;
                        incomplete = inc.prev;
                        if (inc.lexeme == OPEN_PAREN) break;
                    }
                    if (lexeme == CLOSE_PAREN && inc.lexeme != OPEN_PAREN) {
                        throw error("unbalanced close paren", start, scanned, false, null, "UNBALANCED", null);
                    }
                    if (lexeme == COMMA && (inc.lexeme != OPEN_PAREN || nodes.get(inc.index - 1).lexeme != FUNCTION)) {
                        throw error("unexpected \",\" outside function argument list", start, scanned, false, null,
                                "SURPRISE", null);
                    }
                    if (isColon(complete)) {
                        throw error("unexpected operator \":\" without preceding \"?\"", start, scanned, false, null,
                                "SURPRISE", null);
                    }
                    if (lexeme == CLOSE_PAREN) break;
                    PNode n = new PNode(lexeme, nodes.size());
                    n.left = complete;
                    n.prev = incomplete;
                    nodes.add(n);
                    incomplete = n.index;
                    lastParsed = n;
                    break;
                }
            }
            start += scanned;
        }
    }

    private static boolean isColon(Object o) {
        return o instanceof PNode p && p.lexeme == COLON;
    }

    /** Parses a leaf that needs Tcl's word parser: "quoted", {braced}, $variable, [script]. */
    private Node parseLeaf(int lexeme, int start) throws Failure {
        int[] endOut = new int[1];
        String[] err = new String[1];
        switch (lexeme) {
            case QUOTED: {
                Word w = Parser.parseQuotedAt(s, start, endOut, err);
                if (w == null) throw leafError(err[0], start, start);
                scanned = endOut[0] - start;
                return w.kind == Word.LITERAL ? new Node.Literal(w.literal) : new Node.Quoted(w);
            }
            case BRACED: {
                String b = Parser.parseBracedAt(s, start, endOut, err);
                if (b == null) throw leafError(err[0], start, start);
                scanned = endOut[0] - start;
                return new Node.Literal(TclObj.of(b));
            }
            case VARIABLE: {
                VarRef v = Parser.parseVarAt(s, start, endOut, err);
                if (err[0] != null) {
                    int term = start + 1;
                    if (err[0].equals("missing )")) {
                        int k = start + 1;
                        while (k < end && s.charAt(k) != '(') k++;
                        term = k;
                    }
                    throw leafError(err[0], start, term);
                }
                if (v == null) throw error("invalid character \"$\"", start, scanned, false, null, "BADCHAR", null);
                scanned = endOut[0] - start;
                return new Node.Variable(v);
            }
            default: { // SCRIPT
                Script sc = Parser.parseBracketAt(s, start, endOut, err);
                if (sc == null) throw leafError(err[0], start, start);
                scanned = endOut[0] - start;
                return new Node.Command(sc);
            }
        }
    }

    /**
     * An error from Tcl's word parser inside the expression: "missing ..." errors are unbalanced
     * openers (the excerpt starts at the opener); the others mark no position.
     */
    private Failure leafError(String msg, int start, int term) {
        boolean incomplete = msg.startsWith("missing");
        int located = ErrorLocator.locate(s, start);
        return error(msg, located >= 0 ? located : term, incomplete ? 1 : 0, false, null,
                incomplete ? "UNBALANCED" : null, null);
    }

    private Failure badBareword(int start) {
        String w = clip(start, scanned);
        String msg = "invalid bareword \"" + w + "\"";
        String post = "should be \"$" + w + "\" or \"{" + w + "}\" or \"" + w + "(...)\" or ...";
        String code = "BAREWORD", sub = null;
        if (s.charAt(start) == '0') {
            int stop = scanNumber(start);
            if (stop > start + scanned) stop = start + scanned;
            if ((stop < end && isDigit(s.charAt(stop))) || stop == start + 1) {
                char second = start + 1 < end ? s.charAt(start + 1) : 0;
                if (second == 'b') {
                    post += " (invalid binary number?)";
                    code = "BADNUMBER";
                    sub = "BINARY";
                } else if (second == 'o' || isDigit(second)) {
                    post += " (invalid octal number?)";
                    code = "BADNUMBER";
                    sub = "OCTAL";
                }
            }
        }
        return error(msg, start, scanned, false, post, code, sub);
    }

    /** At most LIMIT-3 bytes of the lexeme at start, with "..." if it is longer (as Tcl prints it). */
    private String clip(int start, int len) {
        byte[] b = utf8(s.substring(start, start + len));
        if (b.length < LIMIT) return decode(b, 0, b.length);
        return decode(b, 0, LIMIT - 3) + "...";
    }

    // ======================================================================================
    // Error messages
    // ======================================================================================

    /**
     * A syntax error: msg, then "in expression" with an excerpt of at most 22 bytes on each side
     * of the lexeme at start (scanned characters long), the mark inserted after it if asked,
     * then the postscript.
     */
    private Failure error(String msg, int start, int scanned, boolean insertMark, String post,
                          String errCode, String subCode) {
        byte[] b = utf8(s);
        int bs = utf8Length(s, 0, start);
        int bn = utf8Length(s, start, Math.min(end, start + scanned));
        StringBuilder m = new StringBuilder(msg).append("\nin expression \"");
        if (bs < LIMIT) m.append(decode(b, 0, bs));
        else m.append("...").append(decode(b, bs - (LIMIT - 3), bs));
        if (bn < LIMIT) m.append(decode(b, bs, bs + bn));
        else m.append(decode(b, bs, bs + LIMIT - 3)).append("...");
        if (insertMark) m.append(MARK);
        int after = bs + bn;
        if (after + LIMIT > b.length) m.append(decode(b, after, b.length));
        else m.append(decode(b, after, after + LIMIT - 3)).append("...");
        m.append('"');
        if (post != null) m.append(";\n").append(post);
        return new Failure(m.toString(), errCode, subCode);
    }

    /** The "(parsing expression ...)" line Tcl adds to errorInfo. */
    static String parsingLine(String text) {
        byte[] b = utf8(text);
        String shown = b.length < LIMIT ? text : decode(b, 0, LIMIT - 3) + "...";
        return "\n    (parsing expression \"" + shown + "\")";
    }

    /** Tcl's internal UTF-8: NUL is two bytes, and surrogates are encoded one by one. */
    static byte[] utf8(String t) {
        byte[] out = new byte[utf8Length(t, 0, t.length())];
        int k = 0;
        for (int i = 0; i < t.length(); i++) {
            char c = t.charAt(i);
            if (c != 0 && c < 0x80) {
                out[k++] = (byte) c;
            } else if (c < 0x800) {
                out[k++] = (byte) (0xC0 | (c >> 6));
                out[k++] = (byte) (0x80 | (c & 0x3F));
            } else {
                out[k++] = (byte) (0xE0 | (c >> 12));
                out[k++] = (byte) (0x80 | ((c >> 6) & 0x3F));
                out[k++] = (byte) (0x80 | (c & 0x3F));
            }
        }
        return out;
    }

    private static int utf8Length(String t, int from, int to) {
        int n = 0;
        for (int i = from; i < to; i++) {
            char c = t.charAt(i);
            n += c != 0 && c < 0x80 ? 1 : c < 0x800 ? 2 : 3;
        }
        return n;
    }

    /**
     * The characters of bytes [from, to) as Tcl's Tcl_ObjPrintf("%.*s") gives them: a character
     * cut at either end is left out.
     */
    private static String decode(byte[] b, int from, int to) {
        if (to > b.length) to = b.length;
        // drop a last character that does not fit
        int last = to - 1;
        while (last > from && (b[last] & 0xC0) == 0x80 && to - last < 3) last--;
        if (last >= from && last < to) {
            int lead = b[last] & 0xFF;
            int need = lead >= 0xE0 ? 3 : lead >= 0xC0 ? 2 : 1;
            if (to - last < need) to = last;
        }
        // drop the tail of a character cut at the start
        for (int k = 0; k < 3 && from < to && (b[from] & 0xC0) == 0x80; k++) from++;
        StringBuilder sb = new StringBuilder(to - from);
        int i = from;
        while (i < to) {
            int c = b[i] & 0xFF;
            if (c >= 0xC0 && c < 0xE0 && i + 1 < to) {
                sb.append((char) (((c & 0x1F) << 6) | (b[i + 1] & 0x3F)));
                i += 2;
            } else if (c >= 0xE0 && i + 2 < to) {
                sb.append((char) (((c & 0x0F) << 12) | ((b[i + 1] & 0x3F) << 6) | (b[i + 2] & 0x3F)));
                i += 3;
            } else {
                sb.append((char) c);
                i++;
            }
        }
        return sb.toString();
    }

    // ======================================================================================
    // Tree building
    // ======================================================================================

    /** Left-associative chains longer than this are evaluated iteratively (see {@link Chain}). */
    private static final int CHAIN = 32;

    private Node build(Object x) {
        if (x instanceof Node n) return n;
        PNode p = (PNode) x;
        switch (p.lexeme) {
            case UNARY_MINUS: return new Operators.Unary(Operators.Unary.NEG, build(p.right));
            case UNARY_PLUS: return new Operators.Unary(Operators.Unary.PLUS, build(p.right));
            case NOT: return new Operators.Unary(Operators.Unary.NOT, build(p.right));
            case BIT_NOT: return new Operators.Unary(Operators.Unary.BITNOT, build(p.right));
            case OPEN_PAREN: return new Operators.Paren(build(p.right));
            case FUNCTION: {
                PNode paren = (PNode) p.right;
                ArrayList<Node> args = new ArrayList<>();
                collectArgs(paren.right, args);
                return new Call(p.name, args.toArray(new Node[0]));
            }
            case QUESTION: {
                PNode colon = (PNode) p.right;
                return new Operators.Ternary(build(p.left), build(colon.left), build(colon.right));
            }
            default:
                return buildBinary(p);
        }
    }

    private void collectArgs(Object x, ArrayList<Node> out) {
        if (x == EMPTY_ARGS) return;
        // commas nest to the left: ((a , b) , c)
        ArrayList<Object> rights = new ArrayList<>();
        while (x instanceof PNode p && p.lexeme == COMMA) {
            rights.add(p.right);
            x = p.left;
        }
        out.add(build(x));
        for (int i = rights.size() - 1; i >= 0; i--) out.add(build(rights.get(i)));
    }

    private static boolean chainable(Object x) {
        if (!(x instanceof PNode p)) return false;
        int l = p.lexeme;
        return (l & CATEGORY) == BINARY && l != COMMA && l != QUESTION && l != COLON && l != EXPON;
    }

    /** A binary operator; its left spine is walked without recursion. */
    private Node buildBinary(PNode p) {
        ArrayList<PNode> spine = new ArrayList<>();
        spine.add(p);
        Object x = p.left;
        while (chainable(x)) {
            spine.add((PNode) x);
            x = ((PNode) x).left;
        }
        Node acc = build(x);
        if (spine.size() > CHAIN) {
            int n = spine.size();
            int[] ops = new int[n];
            Node[] operands = new Node[n + 1];
            operands[0] = acc;
            for (int i = 0; i < n; i++) {
                PNode q = spine.get(n - 1 - i);
                ops[i] = opCode(q.lexeme);
                operands[i + 1] = build(q.right);
            }
            return new Chain(ops, operands);
        }
        for (int i = spine.size() - 1; i >= 0; i--) {
            PNode q = spine.get(i);
            Node right = build(q.right);
            if (q.lexeme == AND) acc = new Operators.And(acc, right);
            else if (q.lexeme == OR) acc = new Operators.Or(acc, right);
            else acc = Operators.binary(opCode(q.lexeme), acc, right);
        }
        return acc;
    }

    /** The {@link Arith} operator of a binary lexeme ({@link Chain#AND}/{@link Chain#OR} for && ||). */
    private static int opCode(int lexeme) {
        switch (lexeme) {
            case BINARY_PLUS: return Arith.ADD;
            case BINARY_MINUS: return Arith.SUB;
            case MULT: return Arith.MUL;
            case DIVIDE: return Arith.DIV;
            case MOD: return Arith.MOD;
            case EXPON: return Arith.POW;
            case LEFT_SHIFT: return Arith.LSHIFT;
            case RIGHT_SHIFT: return Arith.RSHIFT;
            case BIT_AND: return Arith.BITAND;
            case BIT_OR: return Arith.BITOR;
            case BIT_XOR: return Arith.BITXOR;
            case EQUAL: return Arith.EQ;
            case NEQ: return Arith.NE;
            case LESS: return Arith.LT;
            case GREATER: return Arith.GT;
            case LEQ: return Arith.LE;
            case GEQ: return Arith.GE;
            case STREQ: return Arith.STREQ;
            case STRNEQ: return Arith.STRNE;
            case IN_LIST: return Arith.IN;
            case NOT_IN_LIST: return Arith.NI;
            case AND: return Chain.AND;
            case OR: return Chain.OR;
            default: throw new IllegalStateException("not a binary operator: " + lexeme);
        }
    }
}
