package dev.tclj.expr;

import dev.tclj.CommandEntry;
import dev.tclj.Interp;
import dev.tclj.Namespace;
import dev.tclj.TclException;
import dev.tclj.TclObj;

import java.util.function.UnaryOperator;

/**
 * A math function call {@code name(arg, ...)}: Tcl runs it as the command
 * {@code tcl::mathfunc::name}, resolved like any relative command name (the current namespace,
 * then the global one), so that procs defined there are functions too. The lookup is cached
 * until the interpreter's command epoch changes.
 */
final class Call extends Node {
    final String name;
    final TclObj command;
    Node[] args;

    private CommandEntry cached;
    private Namespace cachedNs;
    private int cachedEpoch;

    Call(String name, Node[] args) {
        this.name = name;
        this.command = TclObj.of("tcl::mathfunc::" + name);
        this.args = args;
    }

    @Override int eval(Interp in, Operand r) throws TclException {
        Node[] a = args;
        TclObj[] objv = new TclObj[a.length + 1];
        objv[0] = command;
        for (int i = 0; i < a.length; i++) objv[i + 1] = r.box(a[i].eval(in, r));
        Namespace ns = in.currentNamespace();
        CommandEntry ce = cached;
        if (ce == null || cachedNs != ns || cachedEpoch != in.commandEpoch()) {
            ce = in.findCommand(command.toString(), ns);
            if (ce == null) {
                // not found: the unknown handler decides (and gives "invalid command name")
                r.o = in.invokeRaw(objv);
                return Operand.OBJ;
            }
            cached = ce;
            cachedNs = ns;
            cachedEpoch = in.commandEpoch();
        }
        TclObj v = ce.impl().invoke(in, objv);
        r.o = v == null ? TclObj.EMPTY : v;
        return Operand.OBJ;
    }

    @Override void mapChildren(UnaryOperator<Node> f) {
        for (int i = 0; i < args.length; i++) args[i] = f.apply(args[i]);
    }
}
