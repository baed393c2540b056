package dev.tclj;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A namespace ensemble command ({@code namespace ensemble create}): a command whose first argument
 * (after any {@code -parameters}) names a subcommand, dispatched to a command prefix. The
 * subcommands come from {@code -subcommands}, else from {@code -map}, else from the commands the
 * namespace exports; {@code -prefixes} allows unique abbreviations; {@code -unknown} is consulted
 * for a word that matches nothing.
 *
 * <p>The subcommand table is rebuilt lazily: it is cached against the interpreter's command epoch,
 * which moves whenever a command is created, renamed or deleted or an export list changes.
 */
public final class Ensemble implements Command {
    final Interp interp;
    /** The namespace the ensemble belongs to (its -namespace, read-only). */
    final Namespace ns;
    /** The command the ensemble is installed as. */
    CommandEntry entry;
    /** -map: subcommand name to target prefix (words), in the order given; empty when unset. */
    private LinkedHashMap<String, TclObj[]> map = new LinkedHashMap<>();
    private TclObj mapObj = TclObj.EMPTY;
    private List<String> subcommands = List.of();
    private TclObj subcommandsObj = TclObj.EMPTY;
    private TclObj parametersObj = TclObj.EMPTY;
    private int numParameters;
    private TclObj unknownObj = TclObj.EMPTY;
    private boolean prefixes = true;

    private int cacheEpoch = -1;
    private TreeMap<String, TclObj[]> table;

    public static final String[] OPTIONS = {"-map", "-namespace", "-parameters", "-prefixes", "-subcommands", "-unknown"};
    public static final String[] CREATE_OPTIONS = {"-command", "-map", "-parameters", "-prefixes", "-subcommands", "-unknown"};

    Ensemble(Interp interp, Namespace ns) {
        this.interp = interp;
        this.ns = ns;
    }

    /** The ensemble of a command, or null when the command is not an ensemble. */
    public static Ensemble of(CommandEntry ce) {
        if (ce == null) return null;
        // an imported command stands for the ensemble it imports
        return ce.impl instanceof Ensemble e ? e : ce.origin().impl instanceof Ensemble o ? o : null;
    }

    public Namespace namespace() { return ns; }

    /**
     * Gives a built-in ensemble (a {@link dev.tclj.cmd.Subcommands} table such as dict or string)
     * what Tcl has for it: the namespace ::tcl::<name> with a command per subcommand
     * (::tcl::dict::get...). The command itself keeps dispatching through its table until a
     * script reconfigures it (see {@link #adoptBuiltin}).
     */
    public static Namespace exposeBuiltin(CommandEntry ce, Map<String, Command> subs) {
        Interp interp = ce.ns.interp;
        String name = ce.name;
        Namespace ns = interp.createNamespace("::tcl::" + name, interp.globalNs);
        TclObj cmdWord = TclObj.of(name);
        for (Map.Entry<String, Command> s : subs.entrySet()) {
            String sub = s.getKey();
            if (ns.commands.get(sub) != null) continue;
            Command impl = s.getValue();
            TclObj subWord = TclObj.of(sub);
            // The implementation expects objv[0] the ensemble and objv[1] the subcommand.
            Command wrapper = (in, objv) -> {
                TclObj[] w = new TclObj[objv.length + 1];
                w[0] = cmdWord;
                w[1] = subWord;
                System.arraycopy(objv, 1, w, 2, objv.length - 1);
                try {
                    return impl.invoke(in, w);
                } catch (TclException x) {
                    if (x.code() == TclException.ERROR && x.errorInfo == null) rewriteWrongArgs(x, objv, 1, 2);
                    throw x;
                }
            };
            interp.defineIn(ns, sub, wrapper);
        }
        return ns;
    }

    /**
     * Turns a built-in ensemble into a real namespace ensemble over its ::tcl::<name>::<sub>
     * commands, as Tcl has it; done when a script reconfigures it.
     */
    public static Ensemble adoptBuiltin(CommandEntry ce, Map<String, Command> subs) {
        Interp interp = ce.ns.interp;
        Namespace ns = exposeBuiltin(ce, subs);
        Ensemble e = new Ensemble(interp, ns);
        TclDict.Builder mapDict = new TclDict.Builder(subs.size());
        for (String sub : subs.keySet()) {
            String full = ns.qualify(sub);
            e.map.put(sub, new TclObj[]{TclObj.of(full)});
            mapDict.put(TclObj.of(sub), TclObj.of(full));
        }
        e.mapObj = TclObj.ofDict(mapDict.build());
        e.entry = ce;
        ce.impl = e;
        ce.builtinId = 0; // no longer the built-in the evaluator might run inline
        interp.epoch++;
        return e;
    }

    /**
     * Before an execution trace is put on a subcommand of a built-in ensemble
     * (::tcl::string::equal...): makes the ensemble a real one, so that calls through it reach
     * the traced command, as in Tcl.
     */
    public static void adoptForTrace(Interp interp, CommandEntry sub) {
        Namespace ns = sub.ns;
        if (ns.parent == null || ns.parent.parent != interp.globalNs || !ns.parent.name.equals("tcl")) return;
        CommandEntry ens = interp.globalNs.commands.get(ns.name);
        if (ens != null && ens.impl instanceof dev.tclj.cmd.Subcommands sc && sc.table().get(sub.name) != null) {
            adoptBuiltin(ens, sc.table());
        }
    }

    /**
     * {@code namespace ensemble create}: options are (name, value) pairs from objv[from..]; the
     * ensemble is made for the current namespace. Returns the command's fully qualified name.
     */
    public static TclObj create(Interp interp, TclObj[] objv, int from) throws TclException {
        Namespace cur = interp.currentNamespace();
        String name = null;
        Ensemble e = new Ensemble(interp, cur);
        if ((objv.length - from) % 2 != 0) throw TclException.wrongArgs(objv, from, "?option value ...?");
        for (int i = from; i < objv.length; i += 2) {
            int opt = dev.tclj.cmd.Subcommands.index(objv[i], CREATE_OPTIONS, "option");
            TclObj val = objv[i + 1];
            if (opt == 0) name = val.toString();
            else e.set(opt - 1 + (opt >= 2 ? 1 : 0), val, cur);
        }
        Namespace target;
        String tail;
        if (name == null) {
            // the ensemble is named after its namespace, in the parent namespace
            if (cur.parent == null) {
                target = cur;
                tail = "";
            } else {
                target = cur.parent;
                tail = cur.name;
            }
        } else {
            NamespaceOps.QualName q = NamespaceOps.split(interp, name, cur, true);
            target = q.ns();
            tail = q.tail();
        }
        CommandEntry ce = interp.defineIn(target, tail, e);
        e.entry = ce;
        NamespaceOps.EnsembleCleanup cleanup = new NamespaceOps.EnsembleCleanup(interp, ce);
        cur.addDeleteCallback(cleanup);
        ce.onDelete = () -> {
            if (cur.onDelete != null) cur.onDelete.remove(cleanup);
        };
        return TclObj.of(ce.fullName());
    }

    /**
     * Sets one option: index into {@link #OPTIONS}. Map targets that are not fully qualified are
     * qualified with {@code cur}, the namespace current when the option is set.
     */
    void set(int opt, TclObj val, Namespace cur) throws TclException {
        switch (opt) {
            case 0: { // -map
                TclDict d = val.asDict();
                LinkedHashMap<String, TclObj[]> m = new LinkedHashMap<>();
                TclDict.Builder qualified = new TclDict.Builder(d.size());
                TclObj[] keys = d.keys();
                TclObj[] vals = d.values();
                for (int i = 0; i < keys.length; i++) {
                    TclList words = vals[i].asList();
                    if (words.size() == 0) {
                        throw TclException.error("ensemble subcommand implementations must be non-empty lists",
                                "TCL", "ENSEMBLE", "EMPTY_TARGET");
                    }
                    TclObj[] w = words.toArray();
                    String first = w[0].toString();
                    TclObj v = vals[i];
                    if (!first.startsWith("::")) {
                        w[0] = TclObj.of(cur.qualify(first));
                        v = TclObj.ofList(w);
                    }
                    m.put(keys[i].toString(), w);
                    qualified.put(keys[i], v);
                }
                map = m;
                mapObj = m.isEmpty() ? TclObj.EMPTY : TclObj.ofDict(qualified.build());
                break;
            }
            case 1:
                throw TclException.error("option -namespace is read-only", "TCL", "ENSEMBLE", "READ_ONLY");
            case 2: { // -parameters
                TclList l = val.asList();
                numParameters = l.size();
                parametersObj = val;
                break;
            }
            case 3:
                prefixes = val.asBoolean();
                break;
            case 4: { // -subcommands
                TclList l = val.asList();
                ArrayList<String> s = new ArrayList<>(l.size());
                for (int i = 0; i < l.size(); i++) s.add(l.get(i).toString());
                subcommands = s;
                subcommandsObj = val;
                break;
            }
            case 5:
                unknownObj = val.asList().size() == 0 ? TclObj.EMPTY : val;
                break;
            default:
                break;
        }
        cacheEpoch = -1;
    }

    /** The value of one option (index into {@link #OPTIONS}). */
    TclObj get(int opt) {
        switch (opt) {
            case 0: return mapObj;
            case 1: return TclObj.of(ns.fullName);
            case 2: return parametersObj;
            case 3: return TclObj.of(prefixes);
            case 4: return subcommandsObj;
            default: return unknownObj;
        }
    }

    /** {@code namespace ensemble configure cmd ?opt? ?value opt value ...?}; objv[from] is the first option. */
    public TclObj configure(TclObj[] objv, int from) throws TclException {
        int n = objv.length - from;
        if (n == 0) {
            TclDict.Builder b = new TclDict.Builder(OPTIONS.length);
            for (int i = 0; i < OPTIONS.length; i++) b.put(TclObj.of(OPTIONS[i]), get(i));
            return TclObj.ofDict(b.build());
        }
        if (n == 1) return get(dev.tclj.cmd.Subcommands.index(objv[from], OPTIONS, "option"));
        if (n % 2 != 0) {
            throw TclException.wrongArgs(objv, 3, "cmdname ?-option value ...? ?arg ...?");
        }
        // Validate everything before changing anything, as Tcl does.
        Ensemble scratch = new Ensemble(interp, ns);
        scratch.copyFrom(this);
        Namespace cur = interp.currentNamespace();
        for (int i = from; i < objv.length; i += 2) {
            int opt = dev.tclj.cmd.Subcommands.index(objv[i], OPTIONS, "option");
            scratch.set(opt, objv[i + 1], cur);
        }
        copyFrom(scratch);
        cacheEpoch = -1;
        return TclObj.EMPTY;
    }

    private void copyFrom(Ensemble o) {
        map = o.map;
        mapObj = o.mapObj;
        subcommands = o.subcommands;
        subcommandsObj = o.subcommandsObj;
        parametersObj = o.parametersObj;
        numParameters = o.numParameters;
        unknownObj = o.unknownObj;
        prefixes = o.prefixes;
    }

    /** The subcommand table: name to target prefix, sorted by name. */
    private TreeMap<String, TclObj[]> table() {
        if (cacheEpoch == interp.epoch && table != null) return table;
        TreeMap<String, TclObj[]> t = new TreeMap<>();
        if (!subcommands.isEmpty()) {
            for (String s : subcommands) {
                // a listed subcommand without a map entry is the command of that name as seen
                // from the ensemble's namespace
                TclObj[] target = map.get(s);
                if (target == null) target = new TclObj[]{TclObj.of(s)};
                t.put(s, target);
            }
        } else if (!map.isEmpty()) {
            t.putAll(map);
        } else {
            for (Map.Entry<String, CommandEntry> c : ns.commands.entrySet()) {
                if (NamespaceOps.isExported(ns, c.getKey())) t.put(c.getKey(), new TclObj[]{TclObj.of(ns.qualify(c.getKey()))});
            }
        }
        table = t;
        cacheEpoch = interp.epoch;
        return t;
    }

    /** Subcommand words spelled out in full, per error on its way out of nested ensembles. */
    private static final class SpellFixes {
        final java.util.WeakHashMap<TclException, List<Object[]>> byError = new java.util.WeakHashMap<>();
    }

    /** The (word value, full name) pairs recorded for an error, innermost ensemble first. */
    private static List<Object[]> spellFixes(Interp interp, TclException e) {
        SpellFixes sf = interp.getAssoc(SpellFixes.class);
        if (sf == null) interp.setAssoc(SpellFixes.class, sf = new SpellFixes());
        return sf.byError.computeIfAbsent(e, k -> new ArrayList<>());
    }

    /** The subcommand name a word found by {@link #lookup} stands for. */
    private static String matchedName(TreeMap<String, TclObj[]> t, String sub) {
        if (t.containsKey(sub)) return sub;
        Map.Entry<String, TclObj[]> e = t.ceilingEntry(sub);
        return e == null ? sub : e.getKey();
    }

    /** Finds the target for a subcommand word: exact, or a unique prefix when allowed. */
    private TclObj[] lookup(TreeMap<String, TclObj[]> t, String sub) {
        TclObj[] target = t.get(sub);
        if (target != null || !prefixes || sub.isEmpty()) return target;
        Map.Entry<String, TclObj[]> e = t.ceilingEntry(sub);
        if (e == null || !e.getKey().startsWith(sub)) return null;
        Map.Entry<String, TclObj[]> next = t.higherEntry(e.getKey());
        if (next != null && next.getKey().startsWith(sub)) return null;
        return e.getValue();
    }

    private TclException unknownSubcommand(TreeMap<String, TclObj[]> t, String sub) {
        if (t.isEmpty()) {
            return TclException.error("unknown subcommand \"" + sub + "\": namespace " + ns.fullName
                    + " does not export any commands", "TCL", "LOOKUP", "SUBCOMMAND", sub);
        }
        StringBuilder sb = new StringBuilder(prefixes ? "unknown or ambiguous subcommand \"" : "unknown subcommand \"");
        sb.append(sub).append("\": must be ");
        if (t.size() == 1) {
            sb.append(t.firstKey());
        } else {
            int i = 0;
            for (String k : t.keySet()) {
                if (++i == t.size()) sb.append("or ").append(k);
                else sb.append(k).append(", ");
            }
        }
        return TclException.error(sb.toString(), "TCL", "LOOKUP", "SUBCOMMAND", sub);
    }

    @Override
    public TclObj invoke(Interp interp, TclObj[] objv) throws TclException {
        return invoke(interp, objv, false);
    }

    /**
     * Dispatches a subcommand. When the -unknown handler returns an empty list (it may have
     * reconfigured the ensemble), the invocation is parsed once more from the start, as in Tcl.
     */
    private TclObj invoke(Interp interp, TclObj[] objv, boolean reparsed) throws TclException {
        int np = numParameters;
        if (objv.length < 2 + np) {
            StringBuilder usage = new StringBuilder();
            if (np > 0) {
                TclList pl = parametersObj.asList();
                for (int i = 0; i < pl.size(); i++) {
                    ListParser.appendElement(usage, pl.get(i).toString(), false);
                    usage.append(' ');
                }
            }
            usage.append("subcommand ?arg ...?");
            throw TclException.wrongArgs(objv, 1, usage.toString());
        }
        String sub = objv[1 + np].toString();
        TreeMap<String, TclObj[]> t = table();
        TclObj[] target = lookup(t, sub);
        String full = null;
        if (target == null) {
            if (unknownObj.isEmptyString() || reparsed) throw unknownSubcommand(t, sub);
            target = callUnknownHandler(objv);
            if (target == null) {
                if (entry == null || entry.deleted) {
                    throw TclException.error("unknown subcommand handler deleted its ensemble", "TCL", "ENSEMBLE", "UNKNOWN_DELETED");
                }
                return invoke(interp, objv, true);
            }
        } else {
            full = matchedName(t, sub);
        }
        int rest = objv.length - 2 - np;
        TclObj[] words = new TclObj[target.length + np + rest];
        System.arraycopy(target, 0, words, 0, target.length);
        System.arraycopy(objv, 1, words, target.length, np);
        System.arraycopy(objv, 2 + np, words, target.length + np, rest);
        try {
            return dispatch(interp, ns, words);
        } catch (TclException e) {
            if (e.code() == TclException.ERROR && e.errorInfo == null) {
                // the words as the message shows them: subcommand prefixes spelled out in full,
                // this ensemble's and those of ensembles it passed the same words on to
                // (an inner fix applies to the first word not yet fixed that is the same value)
                List<Object[]> fixes = spellFixes(interp, e);
                TclObj[] shown = objv.clone();
                boolean[] fixed = new boolean[objv.length];
                if (full != null && !full.equals(sub)) {
                    shown[1 + np] = TclObj.of(full);
                    fixed[1 + np] = true;
                }
                for (Object[] fx : fixes) {
                    for (int i = 0; i < objv.length; i++) {
                        if (!fixed[i] && objv[i] == fx[0]) {
                            shown[i] = TclObj.of((String) fx[1]);
                            fixed[i] = true;
                            break;
                        }
                    }
                }
                if (full != null && !full.equals(sub)) fixes.add(new Object[]{objv[1 + np], full});
                rewriteWrongArgs(e, shown, 2 + np, target.length + np);
            }
            throw e;
        }
    }

    /**
     * Invokes the rewritten command, resolving its name from the ensemble's namespace; the words
     * are not logged in errorInfo (as in Tcl).
     */
    static TclObj dispatch(Interp interp, Namespace ns, TclObj[] words) throws TclException {
        if (++interp.depth > interp.recursionLimit) {
            interp.depth--;
            throw interp.tooDeep();
        }
        try {
            CommandEntry ce = interp.findCommand(words[0].toString(), ns);
            if (ce == null) return interp.invokeRaw(words); // the unknown handler's business
            interp.cmdCount++;
            if (interp.execTraces != null) return interp.execTraces.invoke(ce, words);
            TclObj r = ce.impl.invoke(interp, words);
            return r == null ? TclObj.EMPTY : r;
        } finally {
            interp.depth--;
        }
    }

    /**
     * Runs the -unknown handler. Returns the new target prefix, or null when the handler returned
     * an empty list (the subcommand is then looked up again).
     */
    private TclObj[] callUnknownHandler(TclObj[] objv) throws TclException {
        TclList h = unknownObj.asList();
        TclObj[] words = new TclObj[h.size() + objv.length];
        System.arraycopy(h.rawArray(), 0, words, 0, h.size());
        words[h.size()] = TclObj.of(entry == null ? "" : entry.fullName());
        System.arraycopy(objv, 1, words, h.size() + 1, objv.length - 1);
        TclObj r;
        try {
            r = interp.invokeWords(words, null);
        } catch (TclException e) {
            if (e.code() == TclException.ERROR) {
                interp.addErrorInfo(e, "\n    (ensemble unknown subcommand handler)");
                throw e;
            }
            String code;
            switch (e.code()) {
                case TclException.RETURN: code = "return"; break;
                case TclException.BREAK: code = "break"; break;
                case TclException.CONTINUE: code = "continue"; break;
                default: code = Integer.toString(e.code());
            }
            TclException x = TclException.error("unknown subcommand handler returned bad code: " + code,
                    "TCL", "ENSEMBLE", "UNKNOWN_RESULT");
            interp.addErrorInfo(x, "\n    result of ensemble unknown subcommand handler: " + TclObj.ofList(words));
            throw x;
        }
        TclList l;
        try {
            l = r.asList();
        } catch (TclException e) {
            interp.addErrorInfo(e, "\n    while parsing result of ensemble unknown subcommand handler");
            throw e;
        }
        return l.size() == 0 ? null : l.toArray();
    }

    /**
     * Tcl reports a wrong # args error of the subcommand's implementation in terms of the words
     * the user wrote: the {@code inserted} leading words of the implementation's usage are
     * replaced by the {@code removed} leading words of the ensemble invocation.
     */
    static void rewriteWrongArgs(TclException e, TclObj[] original, int removed, int inserted) {
        if (e.usageFixed) return;
        String msg = e.getMessage();
        String head = "wrong # args: should be \"";
        if (!msg.startsWith(head) || !msg.endsWith("\"")) return;
        if (e.errorCode == null || !e.errorCode.toString().equals("TCL WRONGARGS")) return;
        String usage = msg.substring(head.length(), msg.length() - 1);
        List<String> words = usageWords(usage);
        if (words.size() < inserted) return;
        StringBuilder sb = new StringBuilder(head);
        for (int i = 0; i < removed; i++) {
            if (i > 0) sb.append(' ');
            ListParser.appendElement(sb, original[i].toString(), i == 0);
        }
        for (int i = inserted; i < words.size(); i++) sb.append(' ').append(words.get(i));
        sb.append('"');
        e.setResult(TclObj.of(sb.toString()));
    }

    /**
     * Splits a usage string into the words Tcl_WrongNumArgs was given: list elements, except
     * that "?arg ...?" (a variadic argument) is one word.
     */
    private static List<String> usageWords(String usage) {
        ArrayList<String> out = new ArrayList<>();
        int n = usage.length();
        int i = 0;
        while (i < n) {
            while (i < n && usage.charAt(i) == ' ') i++;
            if (i >= n) break;
            int j;
            char c = usage.charAt(i);
            if (c == '{') {
                int level = 0;
                j = i;
                do {
                    char d = usage.charAt(j);
                    if (d == '\\') j++;
                    else if (d == '{') level++;
                    else if (d == '}') level--;
                    j++;
                } while (j < n && level > 0);
            } else if (c == '?' && usage.indexOf('?', i + 1) > 0) {
                j = usage.indexOf('?', i + 1) + 1;
            } else {
                j = i;
                while (j < n && usage.charAt(j) != ' ') {
                    if (usage.charAt(j) == '\\') j++;
                    j++;
                }
            }
            if (j > n) j = n;
            out.add(usage.substring(i, j));
            i = j;
        }
        return out;
    }
}
