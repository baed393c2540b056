package dev.tclj.regex;

/**
 * A pattern that does not compile: carries the name of Tcl's error code (REG_EPAREN...) and its
 * message, both as Tcl reports them ("parentheses () not balanced").
 */
public final class RegexException extends Exception {
    static final String BADPAT = "REG_BADPAT";
    static final String ECOLLATE = "REG_ECOLLATE";
    static final String ECTYPE = "REG_ECTYPE";
    static final String EESCAPE = "REG_EESCAPE";
    static final String ESUBREG = "REG_ESUBREG";
    static final String EBRACK = "REG_EBRACK";
    static final String EPAREN = "REG_EPAREN";
    static final String EBRACE = "REG_EBRACE";
    static final String BADBR = "REG_BADBR";
    static final String ERANGE = "REG_ERANGE";
    static final String ESPACE = "REG_ESPACE";
    static final String BADRPT = "REG_BADRPT";
    static final String BADOPT = "REG_BADOPT";
    static final String ETOOBIG = "REG_ETOOBIG";

    private final String code;

    private RegexException(String code, String message) {
        super(message, null, false, false);
        this.code = code;
    }

    static RegexException of(String code) { return new RegexException(code, messageFor(code)); }

    /** Tcl's name for the error, e.g. {@code REG_EPAREN}. */
    public String code() { return code; }

    private static String messageFor(String code) {
        switch (code) {
            case BADPAT: return "invalid regexp (reg version 0.8)";
            case ECOLLATE: return "invalid collating element";
            case ECTYPE: return "invalid character class";
            case EESCAPE: return "invalid escape \\ sequence";
            case ESUBREG: return "invalid backreference number";
            case EBRACK: return "brackets [] not balanced";
            case EPAREN: return "parentheses () not balanced";
            case EBRACE: return "braces {} not balanced";
            case BADBR: return "invalid repetition count(s)";
            case ERANGE: return "invalid character range";
            case ESPACE: return "out of memory";
            case BADRPT: return "quantifier operand invalid";
            case BADOPT: return "invalid embedded option";
            case ETOOBIG: return "regular expression is too complex";
            default: throw new IllegalArgumentException(code);
        }
    }
}
