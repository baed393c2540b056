package dev.tclj;

import dev.tclj.parse.Cmd;
import dev.tclj.parse.Word;

/**
 * Which invocations of the control commands Tcl 8.6 would have compiled inline into the
 * enclosing script's bytecode. The answer shows in errorInfo: an error in a body compiled inline
 * gets no line of its own (such as {@code ("while" body line 2)}) and its line counts in the
 * enclosing script, while a command run by its ordinary implementation adds that line and is
 * itself reported ("invoked from within").
 *
 * <p>Tcl compiles a command written literally (its name a literal word, no {@code {*}}) in a
 * compiled script: not in a script file or interactive input, not a computed command name, not a
 * list evaluated as a command. Some commands compile only where local variables exist, that is
 * in a procedure (or lambda) body, lexically: foreach and lmap, and try with handlers. The
 * lexical nesting is read from the interpreter's command stack: a command belongs to the
 * procedure body whose text it was parsed from, or to a literal body word of an enclosing
 * command that is itself compiled inline there.
 */
public final class CompileContext {
    private CompileContext() {}

    /** Commands whose literal body words Tcl compiles as part of the enclosing script. */
    private static final java.util.Set<String> INLINE_BODIES = java.util.Set.of(
            "if", "while", "for", "foreach", "lmap", "catch", "try", "switch", "expr");

    /**
     * The parsed command being invoked with words {@code objv} when Tcl would have compiled it
     * inline; null when it runs as an ordinary command. {@code needsProc}: the command compiles
     * only in a procedure body.
     */
    public static Cmd literalInvocation(Interp interp, TclObj[] objv, boolean needsProc) {
        int top = interp.cmdTop - 1;
        if (top < 0) return null;
        Cmd c = interp.cmdStackCmds[top];
        if (c == null || c.uncompiled || c.hasExpansion || c.words.length != objv.length) return null;
        Word w0 = c.words[0];
        if (w0.kind != Word.LITERAL || !w0.literal.toString().equals(objv[0].toString())) return null;
        if (needsProc && !inProcBody(interp, top)) return null;
        return c;
    }

    /**
     * Whether word {@code wordIndex} of the parsed command {@code self} (running innermost) is a
     * body compiled inline with it (see {@link Interp#bodyError}): a literal word of a command
     * that is part of a compiled script, named literally, and for the commands that need local
     * variables, lexically inside a procedure body. False when self is null.
     */
    public static boolean inlineBody(Interp interp, Cmd self, int wordIndex) {
        if (self == null || wordIndex >= self.words.length || self.words[wordIndex].kind != Word.LITERAL) return false;
        if (self.uncompiled || self.hasExpansion) return false;
        Word w0 = self.words[0];
        if (w0.kind != Word.LITERAL) return false;
        String name = w0.literal.toString();
        if (name.startsWith("::")) name = name.substring(2);
        if (!name.equals("foreach") && !name.equals("lmap")) return true;
        for (int i = interp.cmdTop - 1; i >= 0; i--) {
            if (interp.cmdStackCmds[i] == self) return inProcBody(interp, i);
        }
        return false;
    }

    /** Whether the command at command stack index i lies lexically in a procedure body. */
    static boolean inProcBody(Interp interp, int i) {
        Cmd c = interp.cmdStackCmds[i];
        CallFrame f = interp.cmdStackFrames[i];
        while (true) {
            if (f != null && f.proc != null && c.source == f.proc.body.toString()) return true;
            if (i == 0) return false;
            Cmd outer = interp.cmdStackCmds[i - 1];
            if (outer == null || outer.uncompiled || interp.cmdStackFrames[i - 1] != f) return false;
            // c is in a command substitution of outer, or in a body of it compiled with it
            if (outer.source != c.source && !inlineBody(outer, c.source)) return false;
            c = outer;
            i--;
        }
    }

    /** Whether script text {@code src} is a literal body word of {@code outer}, compiled with it. */
    private static boolean inlineBody(Cmd outer, String src) {
        Word[] w = outer.words;
        if (outer.hasExpansion || w.length < 2 || w[0].kind != Word.LITERAL) return false;
        String name = w[0].literal.toString();
        if (name.startsWith("::")) name = name.substring(2);
        if (!INLINE_BODIES.contains(name)) return false;
        for (int k = 1; k < w.length; k++) {
            if (w[k].kind == Word.LITERAL && w[k].literal.toString() == src) return true;
        }
        // switch may take its bodies from the elements of one list word
        if (name.equals("switch") && w[w.length - 1].kind == Word.LITERAL) {
            return !src.isEmpty() && w[w.length - 1].literal.toString().contains(src);
        }
        return false;
    }
}
