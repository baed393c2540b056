package dev.tclj.expr;

import dev.tclj.Interp;
import dev.tclj.NumberFormat;
import dev.tclj.TclException;
import dev.tclj.TclObj;
import dev.tclj.parse.Script;
import dev.tclj.parse.VarRef;
import dev.tclj.parse.Word;

/**
 * A node of a compiled expression. {@link #eval} leaves the value in the register and returns its
 * type (see {@link Operand}); {@link #evalBool} gives the value as a condition, which comparison
 * and logical nodes compute without boxing.
 *
 * <p>This file holds the base class and the leaves: literals, folded constants, variable reads,
 * command substitutions and quoted strings with substitutions. Operators are in {@link Operators}.
 */
abstract class Node {
    abstract int eval(Interp in, Operand r) throws TclException;

    boolean evalBool(Interp in, Operand r) throws TclException {
        return r.truth(eval(in, r));
    }

    /** Whether the subtree has only operators and literals (Tcl folds such subtrees when compiling). */
    boolean constant() { return false; }

    /** Whether this is an operator (a candidate for folding) rather than a leaf or a function call. */
    boolean operator() { return false; }

    /** Applies f to each child, replacing it by the result. */
    void mapChildren(java.util.function.UnaryOperator<Node> f) {}

    // ---- leaves ----

    /** A literal value (number, boolean word, braced or quoted string without substitutions). */
    static final class Literal extends Node {
        final TclObj value;

        Literal(TclObj value) { this.value = value; }

        @Override int eval(Interp in, Operand r) { r.o = value; return Operand.OBJ; }

        @Override boolean constant() { return true; }
    }

    /** An integer literal written in canonical form: no string form to keep. */
    static final class IntLiteral extends Node {
        final long value;

        IntLiteral(long value) { this.value = value; }

        @Override int eval(Interp in, Operand r) { r.l = value; return Operand.INT; }

        @Override boolean evalBool(Interp in, Operand r) { return value != 0; }

        @Override boolean constant() { return true; }
    }

    /** A double literal written in canonical form. */
    static final class DoubleLiteral extends Node {
        final double value;

        DoubleLiteral(double value) { this.value = value; }

        @Override int eval(Interp in, Operand r) { r.d = value; return Operand.DBL; }

        @Override boolean constant() { return true; }
    }

    /** The value of a constant subexpression, computed when the expression was compiled. */
    static final class Folded extends Node {
        final int type;
        final long l;
        final double d;
        final Object o;

        Folded(int type, Operand v) {
            this.type = type;
            this.l = v.l;
            this.d = v.d;
            this.o = type == Operand.BIG || type == Operand.OBJ ? v.o : null;
        }

        @Override int eval(Interp in, Operand r) {
            switch (type) {
                case Operand.INT: r.l = l; break;
                case Operand.DBL: r.d = d; break;
                default: r.o = o; break;
            }
            return type;
        }

        @Override boolean constant() { return true; }
    }

    /**
     * A constant subexpression whose evaluation failed when compiling: the error is raised when
     * (and if) evaluation reaches it. Like Tcl, its errorInfo starts with the message so that the
     * command is logged as "invoked from within".
     */
    static final class Failure extends Node {
        final String message;
        final TclObj errorCode;

        Failure(TclException e) {
            this.message = e.getMessage();
            this.errorCode = e.errorCode;
        }

        @Override int eval(Interp in, Operand r) throws TclException {
            TclException e = new TclException(message);
            e.errorCode = errorCode;
            e.errorInfo = new StringBuilder(message);
            e.infoStarted = true;
            throw e;
        }

        @Override boolean constant() { return true; }
    }

    /** $name or $name(index). */
    static final class Variable extends Node {
        final VarRef ref;

        Variable(VarRef ref) { this.ref = ref; }

        @Override int eval(Interp in, Operand r) throws TclException {
            r.o = in.readVarRef(ref);
            return Operand.OBJ;
        }
    }

    /** [script]. */
    static final class Command extends Node {
        final Script script;

        Command(Script script) { this.script = script; }

        @Override int eval(Interp in, Operand r) throws TclException {
            r.o = run(in, script);
            return Operand.OBJ;
        }

        /** Runs a command substitution; its errors are logged by the commands inside it. */
        static TclObj run(Interp in, Script script) throws TclException {
            try {
                return in.evalScript(script);
            } catch (TclException e) {
                if (e.code() == TclException.ERROR) e.markLogged();
                throw e;
            }
        }
    }

    /** A "quoted string" with substitutions. */
    static final class Quoted extends Node {
        final Word word;

        Quoted(Word word) { this.word = word; }

        @Override int eval(Interp in, Operand r) throws TclException {
            r.o = in.evalWord(word);
            return Operand.OBJ;
        }
    }

    /** Makes a leaf for a literal value, specialised when its string is the canonical number. */
    static Node literal(TclObj v) {
        if (v.isIntRep()) {
            long x = v.rawLong();
            if (Long.toString(x).equals(v.toString())) return new IntLiteral(x);
        } else if (v.isDoubleRep()) {
            double x = v.rawDouble();
            if (x == x && NumberFormat.formatDouble(x).equals(v.toString())) return new DoubleLiteral(x);
        }
        return new Literal(v);
    }
}
