package dev.tclj.regex;

/**
 * Character classes, collating-element names and case mapping as Tcl 8.6's regex engine sees them.
 *
 * <p>Case mapping follows java.lang.Character, except that the case pairs added in Unicode 16
 * (which newer JVMs know and Tcl 8.6 does not) are ignored.
 */
final class CharClasses {
    private CharClasses() {}

    static final CharSet ALPHA = CharSet.fromTable(CharClassTables.ALPHA);
    static final CharSet DIGIT = CharSet.fromTable(CharClassTables.DIGIT);
    static final CharSet SPACE = CharSet.fromTable(CharClassTables.SPACE);
    static final CharSet LOWER = CharSet.fromTable(CharClassTables.LOWER);
    static final CharSet UPPER = CharSet.fromTable(CharClassTables.UPPER);
    static final CharSet PUNCT = CharSet.fromTable(CharClassTables.PUNCT);
    static final CharSet GRAPH = CharSet.fromTable(CharClassTables.GRAPH);
    static final CharSet PRINT = CharSet.fromTable(CharClassTables.PRINT);
    static final CharSet CNTRL = CharSet.fromTable(CharClassTables.CNTRL);
    static final CharSet ALNUM = ALPHA.union(DIGIT);
    static final CharSet XDIGIT = new CharSet.Builder().addRange('0', '9').addRange('a', 'f').addRange('A', 'F').build();
    static final CharSet BLANK = new CharSet.Builder().add('\t').add(' ').build();
    static final CharSet ASCII = CharSet.range(0, 0x7F);

    /** \w: alphanumerics and the connector punctuation Tcl lists. */
    static final CharSet WORD = ALNUM.union(new CharSet.Builder()
            .add('_').add(0x203f).add(0x2040).add(0x2054).add(0xfe33).add(0xfe34)
            .add(0xfe4d).add(0xfe4e).add(0xfe4f).add(0xff3f).build());

    /** The class named in [:name:], or null if there is none; lower and upper become alnum when nocase. */
    static CharSet named(String name, boolean nocase) {
        switch (name) {
            case "alnum": return ALNUM;
            case "alpha": return ALPHA;
            case "ascii": return ASCII;
            case "blank": return BLANK;
            case "cntrl": return CNTRL;
            case "digit": return DIGIT;
            case "graph": return GRAPH;
            case "lower": return nocase ? ALNUM : LOWER;
            case "print": return PRINT;
            case "punct": return PUNCT;
            case "space": return SPACE;
            case "upper": return nocase ? ALNUM : UPPER;
            case "xdigit": return XDIGIT;
            default: return null;
        }
    }

    static boolean isAlpha(int c) { return ALPHA.contains(c); }

    static boolean isAlnum(int c) { return ALNUM.contains(c); }

    static boolean isDigit(int c) { return DIGIT.contains(c); }

    static boolean isSpace(int c) { return SPACE.contains(c); }

    /** Case pairs that java.lang.Character knows from Unicode 16 but Tcl 8.6 does not. */
    private static boolean newerThanTcl(int c) {
        switch (c) {
            case 0x019B: case 0xA7DC: case 0x0264: case 0xA7CB: case 0x1C89: case 0x1C8A:
            case 0xA7CC: case 0xA7CD: case 0xA7DA: case 0xA7DB:
                return true;
            default:
                return false;
        }
    }

    static int toLower(int c) {
        if (newerThanTcl(c)) return c;
        return Character.toLowerCase((char) c);
    }

    static int toUpper(int c) {
        if (newerThanTcl(c)) return c;
        return Character.toUpperCase((char) c);
    }

    static int toTitle(int c) {
        if (newerThanTcl(c)) return c;
        return Character.toTitleCase((char) c);
    }

    /** c and its case counterparts (Tcl's allcases). */
    static CharSet allCases(int c) {
        CharSet.Builder b = new CharSet.Builder().add(c).add(toLower(c)).add(toUpper(c)).add(toTitle(c));
        return b.build();
    }

    /** The chars of [from, to] with all their case counterparts (Tcl's range() when case-blind). */
    static CharSet rangeAllCases(int from, int to) {
        CharSet.Builder b = new CharSet.Builder().addRange(from, to);
        for (int c = from; c <= to; c++) {
            int l = toLower(c), u = toUpper(c), t = toTitle(c);
            if (l != c) b.add(l);
            if (u != c) b.add(u);
            if (t != c) b.add(t);
        }
        return b.build();
    }

    /** POSIX collating-element names ([.name.]); -1 if unknown. */
    static int collatingElement(String name) {
        switch (name) {
            case "NUL": return 0;
            case "SOH": return 1;
            case "STX": return 2;
            case "ETX": return 3;
            case "EOT": return 4;
            case "ENQ": return 5;
            case "ACK": return 6;
            case "BEL": case "alert": return 7;
            case "BS": case "backspace": return 8;
            case "HT": case "tab": return 9;
            case "LF": case "newline": return 10;
            case "VT": case "vertical-tab": return 11;
            case "FF": case "form-feed": return 12;
            case "CR": case "carriage-return": return 13;
            case "SO": return 14;
            case "SI": return 15;
            case "DLE": return 16;
            case "DC1": return 17;
            case "DC2": return 18;
            case "DC3": return 19;
            case "DC4": return 20;
            case "NAK": return 21;
            case "SYN": return 22;
            case "ETB": return 23;
            case "CAN": return 24;
            case "EM": return 25;
            case "SUB": return 26;
            case "ESC": return 27;
            case "IS4": case "FS": return 28;
            case "IS3": case "GS": return 29;
            case "IS2": case "RS": return 30;
            case "IS1": case "US": return 31;
            case "space": return ' ';
            case "exclamation-mark": return '!';
            case "quotation-mark": return '"';
            case "number-sign": return '#';
            case "dollar-sign": return '$';
            case "percent-sign": return '%';
            case "ampersand": return '&';
            case "apostrophe": return '\'';
            case "left-parenthesis": return '(';
            case "right-parenthesis": return ')';
            case "asterisk": return '*';
            case "plus-sign": return '+';
            case "comma": return ',';
            case "hyphen": case "hyphen-minus": return '-';
            case "period": case "full-stop": return '.';
            case "slash": case "solidus": return '/';
            case "zero": return '0';
            case "one": return '1';
            case "two": return '2';
            case "three": return '3';
            case "four": return '4';
            case "five": return '5';
            case "six": return '6';
            case "seven": return '7';
            case "eight": return '8';
            case "nine": return '9';
            case "colon": return ':';
            case "semicolon": return ';';
            case "less-than-sign": return '<';
            case "equals-sign": return '=';
            case "greater-than-sign": return '>';
            case "question-mark": return '?';
            case "commercial-at": return '@';
            case "left-square-bracket": return '[';
            case "backslash": case "reverse-solidus": return '\\';
            case "right-square-bracket": return ']';
            case "circumflex": case "circumflex-accent": return '^';
            case "underscore": case "low-line": return '_';
            case "grave-accent": return '`';
            case "left-brace": case "left-curly-bracket": return '{';
            case "vertical-line": return '|';
            case "right-brace": case "right-curly-bracket": return '}';
            case "tilde": return '~';
            case "DEL": return 0x7F;
            default: return -1;
        }
    }
}
