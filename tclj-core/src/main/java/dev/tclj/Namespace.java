package dev.tclj;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;

/**
 * A Tcl namespace: its commands, variables, children, export patterns, command path and unknown
 * handler. The global namespace has the empty name and full name "::".
 */
public final class Namespace {
    final Interp interp;
    final String name;
    final String fullName;
    final Namespace parent;
    final LinkedHashMap<String, Namespace> children = new LinkedHashMap<>();
    /** Insertion-ordered, so that listings can follow Tcl's hash order (see TclHashLayout). */
    final HashMap<String, CommandEntry> commands = new LinkedHashMap<>();
    final HashMap<String, Var> vars = new LinkedHashMap<>();
    final List<String> exportPatterns = new ArrayList<>();
    /** The command path (namespace path), in order. */
    List<Namespace> path = List.of();
    /** The namespace unknown handler, or null for the default. */
    TclObj unknownHandler;
    boolean deleted;
    /** Set while the namespace is being deleted (its commands are going away). */
    boolean dying;
    /** Frames currently executing in this namespace (it is deleted when the last one leaves). */
    int activeFrames;
    /** Callbacks run when the namespace is deleted (namespace ensemble cleanup etc.). */
    List<Runnable> onDelete;

    Namespace(Interp interp, String name, Namespace parent) {
        this.interp = interp;
        this.name = name;
        this.parent = parent;
        if (parent == null) this.fullName = "::";
        else if (parent.parent == null) this.fullName = "::" + name;
        else this.fullName = parent.fullName + "::" + name;
    }

    public boolean isGlobal() { return parent == null; }

    public String fullName() { return fullName; }

    public String name() { return name; }

    public Namespace parent() { return parent; }

    public Interp interp() { return interp; }

    public java.util.Map<String, Namespace> children() { return children; }

    public java.util.Map<String, CommandEntry> commands() { return commands; }

    public java.util.Map<String, Var> vars() { return vars; }

    public List<String> exportPatterns() { return exportPatterns; }

    public List<Namespace> path() { return path; }

    public void setPath(List<Namespace> p) { path = p; interp.epoch++; }

    public TclObj unknownHandler() { return unknownHandler; }

    public void setUnknownHandler(TclObj h) { unknownHandler = h; }

    public boolean isDeleted() { return deleted; }

    public void addDeleteCallback(Runnable r) {
        if (onDelete == null) onDelete = new ArrayList<>();
        onDelete.add(r);
    }

    /** A qualified name for a command named {@code tail} in this namespace. */
    public String qualify(String tail) {
        return parent == null ? "::" + tail : fullName + "::" + tail;
    }

    @Override
    public String toString() { return fullName; }
}
