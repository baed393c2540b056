package dev.tclj.parse;

import dev.tclj.TclObj;

/**
 * One word of a command. Most words are a single piece, evaluated without building a string:
 * a literal, one variable, or one command substitution. A compound word concatenates its parts,
 * each a String, a {@link VarRef} or a {@link Script}.
 */
public final class Word {
    public static final int LITERAL = 0, VAR = 1, SCRIPT = 2, COMPOUND = 3;

    public final int kind;
    public final TclObj literal;
    public final VarRef var;
    public final Script script;
    public final Object[] parts;
    public final boolean expand;
    /** For braced words: whether it was written in braces (a literal that may be a script). */
    public final boolean braced;
    /** 1-based line of the word within its script (set by the parser). */
    public int line = 1;

    private Word(int kind, TclObj literal, VarRef var, Script script, Object[] parts, boolean expand, boolean braced) {
        this.kind = kind;
        this.literal = literal;
        this.var = var;
        this.script = script;
        this.parts = parts;
        this.expand = expand;
        this.braced = braced;
    }

    public static Word literal(String s, boolean expand, boolean braced) {
        return new Word(LITERAL, TclObj.of(s), null, null, null, expand, braced);
    }

    public static Word of(Object[] parts, boolean expand) {
        if (parts.length == 0) return literal("", expand, false);
        if (parts.length == 1) {
            Object p = parts[0];
            if (p instanceof String s) return literal(s, expand, false);
            if (p instanceof VarRef v) return new Word(VAR, null, v, null, parts, expand, false);
            if (p instanceof Script sc) return new Word(SCRIPT, null, null, sc, parts, expand, false);
        }
        return new Word(COMPOUND, null, null, null, parts, expand, false);
    }
}
