package dev.tclj;

import java.util.LinkedHashMap;

/**
 * A variable: a scalar value, an array of element variables, or a link to another variable
 * ({@code upvar}, {@code global}, {@code variable}). A variable that exists only because
 * something refers to it (a link target, a traced name) is "undefined" until set.
 */
public final class Var {
    /** The scalar value; null if the variable is an array, a link or undefined. */
    TclObj value;
    /** Elements when the variable is an array; null otherwise. */
    LinkedHashMap<String, Var> array;
    /** The variable this one is a link to; null otherwise. */
    Var link;
    /** The name for error messages and traces. */
    String name;
    /** The namespace holding the variable, for namespace variables (null for locals). */
    Namespace ns;
    /** Variable traces, or null. */
    java.util.List<VarTrace> traces;
    /** Whether `variable` declared it (exists for `info vars` though undefined). */
    boolean declared;
    /** Number of links (upvar) pointing here: keeps an undefined variable alive. */
    int refCount;
    /** For an array element: the array variable that holds it. */
    Var parentArray;
    /** Set while a trace runs on this variable, to avoid recursion. */
    boolean traceActive;
    /** Set when the variable has been unset while a link still points at it. */
    boolean dead;

    public Var(String name) { this.name = name; }

    /** Follows links to the variable that holds the value. */
    public Var resolve() {
        Var v = this;
        while (v.link != null) v = v.link;
        return v;
    }

    public boolean isArray() { return array != null; }

    public boolean isUndefined() { return value == null && array == null; }

    public TclObj value() { return value; }

    public String name() { return name; }

    public Namespace namespaceOf() { return ns; }
}
