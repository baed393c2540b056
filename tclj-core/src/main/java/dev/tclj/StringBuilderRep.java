package dev.tclj;

/**
 * The internal form of a string built by {@code append}: a view of the first {@code len} chars of a
 * shared builder. Like {@link TclList}, a view extends the builder in place only when it is the
 * longest view (the builder's length equals its own), so appending in a loop is amortized O(1).
 */
public final class StringBuilderRep {
    final StringBuilder sb;
    final int len;

    StringBuilderRep(StringBuilder sb, int len) {
        this.sb = sb;
        this.len = len;
    }

    String string() { return sb.substring(0, len); }

    /**
     * A value equal to base followed by add, refused with Tcl's "max size" error when it would
     * be longer than max characters (the interpreter's value-size cap).
     */
    public static TclObj append(TclObj base, String add, long max) throws TclException {
        Object r = base.rep;
        long n = (r instanceof StringBuilderRep s ? s.len : base.toString().length()) + (long) add.length();
        if (n > max) throw Limits.tooBig(max);
        return append(base, add);
    }

    /** A value equal to base followed by add. */
    public static TclObj append(TclObj base, String add) {
        if (add.isEmpty()) return base;
        Object r = base.rep;
        if (r instanceof StringBuilderRep s && s.sb.length() == s.len) {
            s.sb.append(add);
            return TclObj.ofRep(new StringBuilderRep(s.sb, s.len + add.length()));
        }
        String b = base.toString();
        StringBuilder sb = new StringBuilder(Math.max(16, (b.length() + add.length()) * 2));
        sb.append(b).append(add);
        return TclObj.ofRep(new StringBuilderRep(sb, sb.length()));
    }
}
