package dev.tclj;

/**
 * A command as registered in a namespace: its name, where it lives, its implementation and, for
 * commands imported from another namespace, the command they refer to.
 */
public final class CommandEntry {
    String name;
    Namespace ns;
    Command impl;
    /** For an imported command, the real command; null otherwise. */
    CommandEntry importOf;
    /** Commands imported from this one (so that deleting it deletes them). */
    java.util.List<CommandEntry> importedBy;
    /** Run when the command is deleted. */
    Runnable onDelete;
    /** Set once deleted; a cached reference that sees this looks the name up again. */
    boolean deleted;
    /** Command traces (rename/delete), or null. */
    java.util.List<Object> traces;
    /** Whether this is a built-in whose behaviour the evaluator may inline. */
    int builtinId;

    CommandEntry(String name, Namespace ns, Command impl) {
        this.name = name;
        this.ns = ns;
        this.impl = impl;
    }

    public String name() { return name; }
    public Namespace namespace() { return ns; }
    public Command impl() { return impl; }

    /** The command an import chain ends at. */
    public CommandEntry origin() {
        CommandEntry c = this;
        while (c.importOf != null) c = c.importOf;
        return c;
    }

    /**
     * Sets what runs when the command is deleted (rename to "", its namespace or interpreter
     * deleted): an object command's destructor.
     */
    public void setOnDelete(Runnable r) { onDelete = r; }

    public String fullName() {
        return ns.isGlobal() ? "::" + name : ns.fullName + "::" + name;
    }
}
