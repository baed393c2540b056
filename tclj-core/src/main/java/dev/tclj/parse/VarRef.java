package dev.tclj.parse;

/**
 * A variable reference in a script or expression: {@code $name} or {@code $name(index)}.
 * The interpreter caches where the name resolved (a local slot of a procedure) in
 * {@link #cacheKey} and {@link #cacheSlot}.
 */
public final class VarRef {
    public final String name;
    /** The array index word, or null for a scalar reference. */
    public final Word index;
    /** Whether the name is simple (no namespace qualifiers). */
    public final boolean simple;

    public Object cacheKey;
    public int cacheSlot = -1;

    public VarRef(String name, Word index) {
        this.name = name;
        this.index = index;
        this.simple = name.indexOf("::") < 0;
    }
}
