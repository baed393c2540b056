package dev.tclj.parse;

/** One parsed command: its words, where it stands in the source, and a cache for its command. */
public final class Cmd {
    public final Word[] words;
    /** Source range of the command text as Tcl reports it in errorInfo. */
    public final int start, end;
    /** 1-based line of the command's first word within its script. */
    public final int line;
    public final boolean hasExpansion;
    public final String source;
    /**
     * Whether every word is a literal or a simple scalar variable: evaluating the words then runs
     * no script, so nothing can observe the command while its words are read.
     */
    public final boolean leaf;
    /** Whether the command is part of a script Tcl evaluates uncompiled (see Parser.parseUncompiled). */
    public boolean uncompiled;

    /** Command resolution cache, owned by the interpreter: valid while its epoch matches. */
    public Object cachedCommand;
    public Object cachedNamespace;
    public int cachedEpoch = -1;
    /** The evaluator's cached analysis of this command's shape for inline built-ins. */
    public Object inlineShape;

    public Cmd(Word[] words, String source, int start, int end, int line, boolean hasExpansion) {
        this.words = words;
        this.source = source;
        this.start = start;
        this.end = end;
        this.line = line;
        this.hasExpansion = hasExpansion;
        boolean l = !hasExpansion;
        for (Word w : words) {
            if (w.kind == Word.LITERAL) continue;
            if (w.kind == Word.VAR && w.var.index == null && w.var.simple) continue;
            l = false;
        }
        this.leaf = l;
    }

    public String text() { return source.substring(start, end); }
}
