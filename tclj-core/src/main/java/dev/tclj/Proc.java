package dev.tclj;

import dev.tclj.parse.Cmd;
import dev.tclj.parse.Parser;
import dev.tclj.parse.Script;
import dev.tclj.parse.VarRef;
import dev.tclj.parse.Word;

import java.util.HashMap;
import java.util.LinkedHashMap;

/**
 * A procedure ({@code proc} or an {@code apply} lambda): its formal arguments, its body, and the
 * local variable slots resolved once from the body (the "resolver" pass), so that the variable
 * references of a running body find their variable by index instead of by name.
 */
public final class Proc implements Command {
    final Interp interp;
    /** The namespace the body runs in. */
    Namespace ns;
    String name;
    final TclObj argsSpec;
    final TclObj body;
    final String[] argNames;
    /** Default values (null when the argument has none). */
    final TclObj[] defaults;
    final boolean hasArgs;
    /** Names of all slots; arguments first. */
    final String[] slotNames;
    private final HashMap<String, Integer> slotIndex;
    private Script script;
    /** Whether this is a lambda (apply), which changes the errorInfo line. */
    final boolean isLambda;
    /** For lambdas: the lambda term, for errorInfo. */
    TclObj lambdaTerm;
    private final int required;

    Proc(Interp interp, Namespace ns, String name, TclObj args, TclObj body, boolean isLambda) throws TclException {
        this.interp = interp;
        this.ns = ns;
        this.name = name;
        this.argsSpec = args;
        this.body = body;
        this.isLambda = isLambda;
        TclList al = args.asList();
        int n = al.size();
        argNames = new String[n];
        defaults = new TclObj[n];
        boolean varargs = false;
        int req = 0;
        for (int i = 0; i < n; i++) {
            TclList spec = al.get(i).asList();
            String what = isLambda ? "lambda" : "procedure \"" + name + "\"";
            if (spec.size() == 0) {
                throw TclException.error("argument with no name", "TCL", "OPERATION", "PROC", "FORMALARGUMENTFORMAT");
            }
            if (spec.size() > 2) {
                throw TclException.error("too many fields in argument specifier \"" + al.get(i) + "\"",
                        "TCL", "OPERATION", "PROC", "FORMALARGUMENTFORMAT");
            }
            String an = spec.get(0).toString();
            if (an.contains("::")) {
                throw TclException.error("formal parameter \"" + al.get(i) + "\" is not a simple name",
                        "TCL", "OPERATION", "PROC", "FORMALARGUMENTFORMAT");
            }
            if (an.endsWith(")") && an.contains("(")) {
                throw TclException.error("formal parameter \"" + al.get(i) + "\" is an array element",
                        "TCL", "OPERATION", "PROC", "FORMALARGUMENTFORMAT");
            }
            argNames[i] = an;
            if (spec.size() == 2) defaults[i] = spec.get(1);
            if (i == n - 1 && an.equals("args")) varargs = true;
        }
        hasArgs = varargs;
        // required = number of leading args without default, counting as Tcl does
        int last = varargs ? n - 1 : n;
        for (int i = 0; i < last; i++) if (defaults[i] == null) req = i + 1;
        required = req;
        // Resolver pass: collect local names from the body.
        LinkedHashMap<String, Integer> names = new LinkedHashMap<>();
        for (String a : argNames) names.putIfAbsent(a, names.size());
        script = Parser.parse(body.toString());
        collect(script, names, 0);
        slotNames = names.keySet().toArray(new String[0]);
        slotIndex = new HashMap<>(names);
    }

    int slotOf(String name) {
        Integer i = slotIndex.get(name);
        return i == null ? -1 : i;
    }

    private static final java.util.Set<String> VAR_FIRST = java.util.Set.of(
            "set", "incr", "append", "lappend", "lset", "unset", "gets", "global", "variable");

    private static void collect(Script s, LinkedHashMap<String, Integer> names, int depth) {
        if (depth > 8 || names.size() > 200) return;
        for (Cmd c : s.cmds) {
            Word[] w = c.words;
            for (int i = 0; i < w.length; i++) {
                Word x = w[i];
                collectWord(x, names, depth);
                if (x.kind == Word.LITERAL && x.braced && x.literal.length() > 0 && i > 0) {
                    String t = x.literal.toString();
                    if (t.indexOf('$') >= 0 || t.indexOf('\n') >= 0 || t.indexOf(';') >= 0 || t.indexOf('[') >= 0 || t.contains("set ")) {
                        Script inner = Parser.parse(t);
                        if (inner.error == null) collect(inner, names, depth + 1);
                    }
                }
            }
            if (w.length >= 2 && w[0].kind == Word.LITERAL) {
                String cmd = w[0].literal.toString();
                if (VAR_FIRST.contains(cmd)) {
                    for (int i = 1; i < w.length; i++) {
                        if (w[i].kind == Word.LITERAL) addName(w[i].literal.toString(), names);
                        if (!cmd.equals("global") && !cmd.equals("unset") && !cmd.equals("variable")) break;
                        if (cmd.equals("variable")) i++;
                    }
                } else if ((cmd.equals("foreach") || cmd.equals("lmap")) && w.length >= 4) {
                    for (int i = 1; i < w.length - 1; i += 2) {
                        if (w[i].kind == Word.LITERAL) {
                            try {
                                TclList l = w[i].literal.asList();
                                for (int k = 0; k < l.size(); k++) addName(l.get(k).toString(), names);
                            } catch (TclException ignored) { }
                        }
                    }
                } else if (cmd.equals("upvar") && w.length >= 3) {
                    for (int i = w.length - 1; i >= 2; i -= 2) {
                        if (w[i].kind == Word.LITERAL) addName(w[i].literal.toString(), names);
                    }
                } else if (cmd.equals("catch") && w.length >= 3) {
                    for (int i = 2; i < w.length; i++) if (w[i].kind == Word.LITERAL) addName(w[i].literal.toString(), names);
                }
            }
        }
    }

    private static void collectWord(Word x, LinkedHashMap<String, Integer> names, int depth) {
        if (x.kind == Word.VAR) addRef(x.var, names, depth);
        else if (x.kind == Word.SCRIPT) collect(x.script, names, depth + 1);
        else if (x.kind == Word.COMPOUND) {
            for (Object p : x.parts) {
                if (p instanceof VarRef v) addRef(v, names, depth);
                else if (p instanceof Script sc) collect(sc, names, depth + 1);
            }
        }
    }

    private static void addRef(VarRef v, LinkedHashMap<String, Integer> names, int depth) {
        if (v.simple) addName(v.name, names);
        if (v.index != null) collectWord(v.index, names, depth);
    }

    private static void addName(String n, LinkedHashMap<String, Integer> names) {
        if (n.isEmpty() || n.contains("::") || n.indexOf('(') >= 0 || n.indexOf('$') >= 0 || n.indexOf('[') >= 0) return;
        names.putIfAbsent(n, names.size());
    }

    public TclObj argsSpec() { return argsSpec; }
    public TclObj body() { return body; }
    public String[] argNames() { return argNames; }
    public TclObj defaultOf(int i) { return defaults[i]; }

    @Override
    public TclObj invoke(Interp interp, TclObj[] objv) throws TclException {
        return interp.callProc(this, objv, 1);
    }

    /** Binds arguments into a new frame; objv[skip..] are the actual arguments. */
    CallFrame bind(CallFrame parent, TclObj[] objv, int skip) throws TclException {
        int nargs = objv.length - skip;
        int n = argNames.length;
        if (nargs < required || (!hasArgs && nargs > n)) throw wrongArgs(objv, skip);
        CallFrame f = new CallFrame(interp, ns, parent, this, objv, true);
        Var[] slots = f.slots;
        int fixed = hasArgs ? n - 1 : n;
        for (int i = 0; i < fixed; i++) {
            TclObj v = i < nargs ? objv[skip + i] : defaults[i];
            if (v == null) throw wrongArgs(objv, skip);
            Var var = new Var(argNames[i]);
            var.value = v;
            slots[i] = var;
        }
        if (hasArgs) {
            Var var = new Var("args");
            int rest = nargs - fixed;
            if (rest <= 0) var.value = TclObj.EMPTY;
            else {
                TclObj[] a = new TclObj[rest];
                System.arraycopy(objv, skip + fixed, a, 0, rest);
                var.value = TclObj.ofList(a);
            }
            slots[n - 1] = var;
        }
        return f;
    }

    private TclException wrongArgs(TclObj[] objv, int skip) {
        StringBuilder sb = new StringBuilder();
        if (isLambda) {
            // apply reports itself as if it were an ensemble: "apply lambdaExpr x ?y?"
            for (int i = 0; i < skip - 1; i++) {
                ListParser.appendElement(sb, objv[i].toString(), i == 0);
                sb.append(' ');
            }
            sb.append("lambdaExpr");
        } else {
            for (int i = 0; i < skip; i++) {
                if (i > 0) sb.append(' ');
                sb.append(ListParser.quote(objv[i].toString()));
            }
        }
        for (int i = 0; i < argNames.length; i++) {
            sb.append(' ');
            if (hasArgs && i == argNames.length - 1) sb.append("?arg ...?");
            else if (defaults[i] != null) sb.append('?').append(argNames[i]).append('?');
            else sb.append(argNames[i]);
        }
        return TclException.error("wrong # args: should be \"" + sb + "\"", "TCL", "WRONGARGS");
    }

    Script script() { return script; }

    public void setLambdaTerm(TclObj t) { lambdaTerm = t; }

    /** Sets the namespace the body runs in (a lambda's is resolved at each call). */
    public void setNamespace(Namespace n) { ns = n; }

    public Namespace namespace() { return ns; }

    public String name() { return name; }
}
