package dev.tclj;

import java.util.ArrayList;

/** Firing command traces (rename and delete). */
final class CommandTraces {
    private CommandTraces() {}

    /** A command trace: its ops ("rename", "delete") and the script prefix to call. */
    record Trace(java.util.Set<String> ops, TclObj command) {}

    static void fire(Interp interp, CommandEntry ce, String oldName, String newName, String op) throws TclException {
        if (ce.traces == null) return;
        for (Object o : new ArrayList<>(ce.traces)) {
            if (!(o instanceof Trace t) || !t.ops().contains(op)) continue;
            TclList cmd = t.command().asList();
            TclObj[] words = new TclObj[cmd.size() + 3];
            System.arraycopy(cmd.rawArray(), 0, words, 0, cmd.size());
            words[cmd.size()] = TclObj.of(oldName);
            words[cmd.size() + 1] = TclObj.of(newName);
            words[cmd.size() + 2] = TclObj.of(op);
            interp.invokeRaw(words);
        }
    }
}
