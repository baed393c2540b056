package dev.tclj;

import dev.tclj.parse.Cmd;
import dev.tclj.parse.Parser;
import dev.tclj.parse.Script;
import dev.tclj.parse.VarRef;
import dev.tclj.parse.Word;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A Tcl interpreter: the evaluator, the command and variable tables (through namespaces and call
 * frames), and the embedding API.
 *
 * <p>An interpreter is used by one thread at a time, as in Tcl. Hot paths here (word evaluation,
 * command dispatch, variable access) are written for speed: parsed scripts are cached in their
 * values, command lookups are cached in the parsed command and invalidated by {@link #epoch}, and
 * procedure locals are found by slot.
 */
public class Interp {
    public final Namespace globalNs;
    final CallFrame globalFrame;
    /** The current variable frame (uplevel changes it). */
    CallFrame frame;
    /** Bumped whenever a command is created, deleted or renamed, or a namespace path changes. */
    int epoch;
    /** Nesting depth of evaluations, checked against {@link #recursionLimit}. */
    int depth;
    int recursionLimit = 1000;
    /** The last error's return options, for {@code info errorstack} and {@code return -options}. */
    TclObj lastReturnOptions;
    /** Per-interpreter data for extensions (channels, packages, the event loop...). */
    private final Map<Object, Object> assoc = new HashMap<>();
    /** Commands executed so far (info cmdcount). */
    long cmdCount;
    /** The script file being sourced (info script). */
    String scriptFile = "";
    /** Whether this interpreter is safe. */
    boolean safe;
    /** Standard channels until the channel layer takes over (puts/gets use them). */
    public java.io.PrintStream stdout = System.out;
    public java.io.PrintStream stderr = System.err;
    public java.io.BufferedReader stdin;

    /** The interpreter that created this one (interp create), or null for a top-level one. */
    Interp parent;
    /** Child interpreters by name, in creation order. */
    final java.util.LinkedHashMap<String, Interp> children = new java.util.LinkedHashMap<>();
    /** This interpreter's name in its parent. */
    String nameInParent;
    /** Hidden commands (interp hide), by hidden name. */
    final HashMap<String, CommandEntry> hiddenCommands = new LinkedHashMap<>();
    /** Aliases defined in this interpreter, by command name as given (interp alias). */
    final java.util.LinkedHashMap<String, Interps.Alias> aliases = new java.util.LinkedHashMap<>();
    /** Counter for automatic child names (interp0, interp1...). */
    int nextChildId;
    /** Set once the interpreter is deleted. */
    boolean deleted;
    /** The background error handler (interp bgerror), or null for ::bgerror. */
    TclObj bgerrorHandler;
    /**
     * The command count at which the evaluator calls {@link Limits#check}: Long.MAX_VALUE while
     * no limit, cancellation or deletion needs watching, so that the check costs one comparison
     * per command. Volatile: {@link Limits#cancel} may lower it from another thread.
     */
    volatile long limitCheckAt = Long.MAX_VALUE;
    /** Limits and cancellation (interp limit, interp cancel); null until first used. */
    volatile Limits limits;
    /** The largest value this interpreter may build, in characters or list elements (see {@link #checkValueSize}). */
    long maxValueSize = Integer.MAX_VALUE - 8;

    public Interp() {
        this(false);
    }

    /** A new interpreter; a safe one has the unsafe commands hidden, as tclsh's safe interps. */
    public Interp(boolean safe) {
        this.safe = safe;
        globalNs = new Namespace(this, "", null);
        globalFrame = new CallFrame(this, globalNs, null, null, null, false);
        frame = globalFrame;
        dev.tclj.cmd.Builtins.registerAll(this);
        Inline.install(this);
        InitScript.run(this);
        if (safe) Interps.makeSafe(this);
    }

    /**
     * Fails with Tcl's "result exceeds max size for a Tcl value" when a value of n characters
     * (or list elements) would be bigger than this interpreter allows: commands that can make a
     * big value from a small script (string repeat, lrepeat, append, format...) call this
     * before building it, so that a safe interpreter's script gets an error, not the JVM an
     * OutOfMemoryError.
     */
    public final void checkValueSize(long n) throws TclException {
        if (n > maxValueSize) throw Limits.tooBig(maxValueSize);
    }

    /** The largest value (characters or list elements) this interpreter may build. */
    public long maxValueSize() { return maxValueSize; }

    /**
     * Sets the largest value this interpreter may build; a safe interpreter starts with
     * {@code tclj.safe.maxValueSize} (64 Mi), others with the JVM's limit for a string.
     */
    public void setMaxValueSize(long n) { maxValueSize = Math.max(0, Math.min(n, Integer.MAX_VALUE - 8)); }

    /** The prototype {@link BuiltinTable} records: a global namespace and nothing else. */
    Interp(BuiltinTable.Bare bare) {
        globalNs = new Namespace(this, "", null);
        globalFrame = new CallFrame(this, globalNs, null, null, null, false);
        frame = globalFrame;
    }

    /** The per-interpreter data table itself, for {@link BuiltinTable}. */
    Map<Object, Object> assocMap() { return assoc; }

    // ======================================================================================
    // Embedding API
    // ======================================================================================

    /**
     * Evaluates a script at the current level and returns its result. A {@code return} at this
     * level completes normally with its value; break and continue outside a loop are errors.
     */
    public TclObj eval(String script) throws TclException {
        return evalTop(TclObj.of(script));
    }

    /** As {@link #eval(String)}, for a script value (its parse is cached in the value). */
    public TclObj evalTop(TclObj script) throws TclException {
        try {
            return eval(script);
        } catch (TclException e) {
            throw toTopLevel(e);
        } catch (OutOfMemoryError oom) {
            // the script gets the blame, not the embedding application (see Interps.outOfMemory)
            throw Interps.outOfMemory(this);
        } finally {
            if (limits != null || deleted) Limits.evaluationEnded(this);
        }
    }

    /**
     * Evaluates a script as tclsh evaluates interactive input and script files (uncompiled: every
     * failing command, nested ones included, appears in errorInfo); codes as in {@link #evalTop}.
     */
    public TclObj evalTopUncompiled(String script) throws TclException {
        try {
            return evalScript(Parser.parseUncompiled(script));
        } catch (TclException e) {
            throw toTopLevel(e);
        } finally {
            if (limits != null || deleted) Limits.evaluationEnded(this);
        }
    }

    /** Converts codes that escaped to the top level as Tcl_Eval's callers see them. */
    TclException toTopLevel(TclException e) {
        switch (e.code()) {
            case TclException.RETURN: {
                TclException r = completeReturn(e);
                if (r == null) return new ReturnValue(e.result());
                return r;
            }
            case TclException.BREAK:
                return TclException.error("invoked \"break\" outside of a loop", "TCL", "RESULT", "UNEXPECTED");
            case TclException.CONTINUE:
                return TclException.error("invoked \"continue\" outside of a loop", "TCL", "RESULT", "UNEXPECTED");
            default:
                return e;
        }
    }

    /** A top-level return that completed normally; callers of evalTop unwrap it. */
    static final class ReturnValue extends TclException {
        ReturnValue(TclObj v) { super(OK, v); }
    }

    /** Evaluates a script, returning its result; {@code return} completes normally. */
    public TclObj evalResult(String script) throws TclException {
        try {
            return evalTop(TclObj.of(script));
        } catch (ReturnValue r) {
            return r.result();
        }
    }

    public void createCommand(String name, Command cmd) {
        try {
            defineCommand(name, cmd);
        } catch (TclException e) {
            throw new IllegalArgumentException(e.getMessage());
        }
    }

    /** Reads a variable (scalar or "a(b)") from the current scope; null if it does not exist. */
    public TclObj getVarOrNull(String name) {
        try {
            return getVar(name);
        } catch (TclException e) {
            return null;
        }
    }

    public TclObj getVar(String name) throws TclException {
        return readVar(name, null, name);
    }

    public TclObj setVar(String name, TclObj value) throws TclException {
        return writeVar(name, null, value, name);
    }

    public TclObj setVar(String name, String value) throws TclException {
        return setVar(name, TclObj.of(value));
    }

    public TclObj getGlobal(String name) throws TclException {
        CallFrame save = frame;
        frame = globalFrame;
        try { return getVar(name); } finally { frame = save; }
    }

    public TclObj setGlobal(String name, TclObj value) throws TclException {
        CallFrame save = frame;
        frame = globalFrame;
        try { return setVar(name, value); } finally { frame = save; }
    }

    @SuppressWarnings("unchecked")
    public <T> T getAssoc(Object key) { return (T) assoc.get(key); }

    public void setAssoc(Object key, Object value) { assoc.put(key, value); }

    public CallFrame currentFrame() { return frame; }

    public CallFrame globalFrame() { return globalFrame; }

    public void setFrame(CallFrame f) { frame = f; }

    public Namespace currentNamespace() { return frame.ns; }

    public int recursionLimit() { return recursionLimit; }

    public void setRecursionLimit(int n) { recursionLimit = n; }

    public boolean isSafe() { return safe; }

    public void setSafe(boolean s) { safe = s; }

    public long commandCount() { return cmdCount; }

    public String scriptFile() { return scriptFile; }

    public void setScriptFile(String f) { scriptFile = f; }

    public void bumpEpoch() { epoch++; }

    /** The command epoch: changes whenever a cached command lookup may have become stale. */
    public int commandEpoch() { return epoch; }

    /**
     * The parsed command being executed innermost (its word substitutions done), or null when
     * it was invoked from words rather than from a script (eval of a list, callbacks...).
     */
    public Cmd runningCommand() { return cmdTop > 0 ? cmdStackCmds[cmdTop - 1] : null; }

    /** Renames a command (newName empty deletes it), as the rename command does. */
    public void renameCommand(String oldName, String newName) throws TclException {
        CommandEntry ce = findCommand(oldName, frame.ns);
        if (ce == null) {
            if (newName.isEmpty()) throw TclException.error("can't delete \"" + oldName + "\": command doesn't exist", "TCL", "OPERATION", "RENAME", "NOTHING");
            throw TclException.error("can't rename \"" + oldName + "\": command doesn't exist", "TCL", "OPERATION", "RENAME", "NOTHING");
        }
        if (newName.isEmpty()) {
            deleteEntry(ce, true);
            return;
        }
        Namespace ns;
        String tail;
        int sep = newName.lastIndexOf("::");
        if (sep >= 0) {
            String qual = newName.substring(0, sep);
            while (qual.endsWith(":")) qual = qual.substring(0, qual.length() - 1);
            tail = newName.substring(sep + 2);
            ns = qual.isEmpty() && newName.startsWith("::") ? globalNs : findNamespace(qual.isEmpty() ? "::" : qual, frame.ns);
            if (ns == null) throw TclException.error("can't rename to \"" + newName + "\": bad command name", "TCL", "OPERATION", "RENAME", "TARGET_EXISTS");
        } else {
            ns = frame.ns;
            tail = newName;
        }
        if (ns.commands.containsKey(tail)) {
            throw TclException.error("can't rename to \"" + newName + "\": command already exists", "TCL", "OPERATION", "RENAME", "TARGET_EXISTS");
        }
        String oldFull = ce.fullName();
        ce.ns.commands.remove(ce.name);
        ce.ns = ns;
        ce.name = tail;
        ns.commands.put(tail, ce);
        if (ce.impl instanceof Proc p) p.ns = ns;
        epoch++;
        // an alias may not be renamed into a loop of aliases (TclPreventAliasLoop)
        if (ce.impl instanceof Interps.Alias) Interps.checkRenamedAlias(this, ce, oldFull);
        if (ce.traces != null) CommandTraces.fire(this, ce, oldFull, ce.fullName(), "rename");
    }

    public int nestingDepth() { return depth; }

    public void restoreNestingDepth(int d) { depth = d; }

    // ======================================================================================
    // Evaluation
    // ======================================================================================

    /** The parsed form of a script value, cached in it. */
    public static Script scriptOf(TclObj o) {
        Object r = o.rep;
        if (r instanceof Script s) return s;
        Script s = Parser.parse(o.toString());
        o.setRep(s);
        return s;
    }

    /** Evaluates a script value in the current frame; every completion code propagates. */
    public TclObj eval(TclObj script) throws TclException {
        Object r = script.rep;
        if (r instanceof Script s) return evalScript(s);
        if (r instanceof TclList l && script.str == null) {
            // A pure list is one command whose words are its elements (no reparse).
            if (l.size() == 0) return TclObj.EMPTY;
            return invokeWords(l.toArray(), null);
        }
        return evalScript(scriptOf(script));
    }

    /**
     * A return, break or continue raised by an inline command (see {@link Inline}) that has not
     * yet reached the construct that completes it. Inline paths and {@link #execScript} pass it
     * up by value, without exceptions; every other caller sees it as a {@link TclException}
     * (see {@link #evalScript}). 0 when none.
     */
    int pending;
    TclObj pendingValue;

    /** Evaluates a parsed script; every non-OK completion is thrown. */
    public TclObj evalScript(Script s) throws TclException {
        TclObj r = execScript(s);
        if (pending != 0) throw takePending();
        return r;
    }

    /** Turns a pending completion into the exception other code expects. */
    TclException takePending() {
        int code = pending;
        TclObj v = pendingValue;
        pending = 0;
        pendingValue = null;
        TclException e = new TclException(code, v);
        if (code == TclException.RETURN) {
            e.level = 1;
            e.returnCode = TclException.OK;
        }
        return e;
    }

    /**
     * Evaluates a parsed script, stopping early (with {@link #pending} set) when an inline
     * return/break/continue happens. Hot path.
     */
    final TclObj execScript(Script s) throws TclException {
        TclObj result = TclObj.EMPTY;
        Cmd[] cmds = s.cmds;
        // limit hook: a loop whose body runs no command still meets limits and cancellation here
        if (cmdCount >= limitCheckAt) Limits.check(this);
        for (int i = 0; i < cmds.length; i++) {
            result = evalCmd(cmds[i]);
            if (pending != 0) return result;
        }
        if (s.error != null) {
            throw TclException.syntax(s);
        }
        return result;
    }

    TclException tooDeep() {
        return TclException.error("too many nested evaluations (infinite loop?)", "TCL", "LIMIT", "STACK");
    }

    /** The command a parsed command's literal name resolves to, through the per-command cache. */
    final CommandEntry resolveCached(Cmd c, String name) {
        Object cc = c.cachedCommand;
        // A parse may be shared by interpreters on other threads (one script value evaluated in
        // several): its three cache fields can then be a mix of two interpreters' writes, so the
        // entry must also be this interpreter's.
        if (c.cachedEpoch == epoch && c.cachedNamespace == frame.ns && cc != null && !((CommandEntry) cc).deleted
                && ((CommandEntry) cc).ns.interp == this) {
            return (CommandEntry) cc;
        }
        CommandEntry ce = findCommand(name, frame.ns);
        if (ce != null) {
            c.cachedCommand = ce;
            c.cachedNamespace = frame.ns;
            c.cachedEpoch = epoch;
        }
        return ce;
    }

    /** Evaluates one parsed command. Hot path. */
    final TclObj evalCmd(Cmd c) throws TclException {
        Word w0 = c.words[0];
        CommandEntry ce = null;
        boolean resolved = false;
        if (w0.kind == Word.LITERAL && !c.hasExpansion) {
            ce = resolveCached(c, w0.literal.toString());
            resolved = true;
            if (ce != null && ce.builtinId != 0 && execTraces == null) {
                cmdCount++;
                currentCmd = c;
                if (c.leaf && (ce.builtinId <= Inline.INCR || ce.builtinId == Inline.LAPPEND) && cmdCount < limitCheckAt) {
                    TclObj r = Inline.leaf(this, c, ce.builtinId);
                    if (r != null) return r;
                }
                int top = pushCmd(c, null);
                try {
                    if (cmdCount >= limitCheckAt) Limits.check(this); // limit hook (see Limits)
                    return Inline.exec(this, c, ce);
                } catch (TclException e) {
                    noteFailure(e, c);
                    throw e;
                } catch (StackOverflowError | RuntimeException t) {
                    throw javaFailure(t, c);
                } finally {
                    cmdTop = top;
                }
            }
        }
        TclObj[] objv;
        try {
            objv = c.hasExpansion ? evalWordsExpand(c) : evalWords(c.words);
        } catch (TclException e) {
            noteFailure(e, c);
            throw e;
        }
        if (objv.length == 0) return TclObj.EMPTY;
        if (!resolved) {
            ce = w0.kind == Word.LITERAL && !w0.expand ? resolveCached(c, objv[0].toString()) : findCommand(objv[0].toString(), frame.ns);
        }
        int top = pushCmd(c, objv);
        int saveDepth = depth;
        try {
            cmdCount++;
            if (cmdCount >= limitCheckAt) {
                Limits.check(this); // limit hook (see Limits)
                // a limit callback may have replaced the command (Tcl checks limits after a
                // command, so the next lookup sees the new one)
                if (ce != null && ce.deleted) ce = findCommand(objv[0].toString(), frame.ns);
            }
            if (ce == null) return invokeUnknown(objv);
            currentCmd = c;
            // Nesting depth counts command invocations, as Tcl's numLevels does (inline
            // built-ins, like Tcl's compiled ones, do not count).
            if (++depth > recursionLimit) throw tooDeep();
            if (execTraces != null) return execTraces.invoke(ce, objv);
            TclObj r = ce.impl.invoke(this, objv);
            return r == null ? TclObj.EMPTY : r;
        } catch (TclException e) {
            noteFailure(e, c);
            throw e;
        } catch (StackOverflowError | RuntimeException t) {
            throw javaFailure(t, c);
        } finally {
            cmdTop = top;
            depth = saveDepth;
        }
    }

    /**
     * A command that failed in Java: a stack overflow is Tcl's nesting error, any other failure
     * (but exit, which passes as it is) an internal error; either is logged as c's error.
     */
    private TclException javaFailure(Throwable t, Cmd c) {
        if (t instanceof ExitException x) throw x;
        TclException e = t instanceof StackOverflowError ? tooDeep() : internalError((RuntimeException) t);
        logCommand(e, c);
        return e;
    }

    /**
     * A Java failure inside a command (a bug in tclj) as a Tcl error, so that one bad command
     * cannot take down the interpreter or a server built on it.
     */
    static TclException internalError(RuntimeException re) {
        String what = re.getClass().getName() + (re.getMessage() == null ? "" : ": " + re.getMessage());
        TclException e = TclException.error("internal error in tclj: " + what, "TCLJ", "INTERNAL", re.getClass().getSimpleName());
        return e;
    }

    /** Execution traces, or null while there are none (see {@link ExecTraces}). */
    ExecTraces execTraces;

    /**
     * The commands being executed, innermost last, for {@code info frame}: the parsed command
     * (null for one invoked as words), its words and the variable frame it runs in.
     */
    Cmd[] cmdStackCmds = new Cmd[64];
    TclObj[][] cmdStackWords = new TclObj[64][];
    CallFrame[] cmdStackFrames = new CallFrame[64];
    int cmdTop;

    /** Pushes a command on the info frame stack; returns the depth to restore. */
    final int pushCmd(Cmd c, TclObj[] objv) {
        int top = cmdTop;
        if (top == cmdStackCmds.length) {
            int n = top * 2;
            cmdStackCmds = java.util.Arrays.copyOf(cmdStackCmds, n);
            cmdStackWords = java.util.Arrays.copyOf(cmdStackWords, n);
            cmdStackFrames = java.util.Arrays.copyOf(cmdStackFrames, n);
        }
        cmdStackCmds[top] = c;
        cmdStackWords[top] = objv;
        cmdStackFrames[top] = frame;
        cmdTop = top + 1;
        return top;
    }

    /**
     * Records in errorInfo that command c failed, unless the error says it is already logged
     * at this level: an error given its errorInfo (error, return -errorinfo), or one from a command
     * substitution or an inline body, which Tcl's compiled code does not report again (a command
     * of an uncompiled script does).
     */
    final void noteFailure(TclException e, Cmd c) {
        if (e.code() != TclException.ERROR) return;
        if (e.alreadyLogged) {
            e.alreadyLogged = false;
            e.nestedLogged = false;
            return;
        }
        if (e.nestedLogged) {
            e.nestedLogged = false;
            if (!c.uncompiled) return;
        }
        logCommand(e, c);
    }

    /** Adds the "while executing" / "invoked from within" lines for a failed command. */
    void logCommand(TclException e, Cmd c) {
        if (!e.infoStarted) Introspection.noteInnerError(this, e, c);
        String text = c.text();
        int limit = 150;
        boolean overflow = text.length() > limit;
        if (overflow) text = text.substring(0, limit);
        e.errorLine = c.line;
        if (e.errorInfo == null) e.errorInfo = new StringBuilder(e.result().toString());
        if (!e.infoStarted) {
            e.infoStarted = true;
            e.errorInfo.append("\n    while executing\n\"");
        } else {
            e.errorInfo.append("\n    invoked from within\n\"");
        }
        e.errorInfo.append(text);
        if (overflow) e.errorInfo.append("...");
        e.errorInfo.append('"');
    }

    /** Appends a line such as {@code (procedure "foo" line 3)} to a propagating error. */
    public void addErrorInfo(TclException e, String line) {
        if (e.errorInfo == null) e.errorInfo = new StringBuilder(e.result().toString());
        e.infoStarted = true;
        e.errorInfo.append(line);
    }

    /** Evaluates the words of a command without expansion. */
    final TclObj[] evalWords(Word[] words) throws TclException {
        int n = words.length;
        TclObj[] objv = new TclObj[n];
        for (int i = 0; i < n; i++) objv[i] = evalWord(words[i]);
        return objv;
    }

    private TclObj[] evalWordsExpand(Cmd c) throws TclException {
        ArrayList<TclObj> out = new ArrayList<>(c.words.length + 4);
        for (Word w : c.words) {
            TclObj v = evalWord(w);
            if (w.expand) {
                TclList l = v.asList();
                for (int i = 0; i < l.size(); i++) out.add(l.get(i));
            } else {
                out.add(v);
            }
        }
        return out.toArray(new TclObj[0]);
    }

    /** Evaluates one word. */
    public final TclObj evalWord(Word w) throws TclException {
        switch (w.kind) {
            case Word.LITERAL: return w.literal;
            case Word.VAR: return readVarRef(w.var);
            case Word.SCRIPT: return evalNested(w.script);
            default: {
                StringBuilder sb = new StringBuilder();
                for (Object p : w.parts) {
                    if (p instanceof String s) sb.append(s);
                    else if (p instanceof VarRef v) readVarRef(v).appendTo(sb);
                    else evalNested((Script) p).appendTo(sb);
                }
                return TclObj.of(sb.toString());
            }
        }
    }

    /** Evaluates a command substitution. */
    final TclObj evalNested(Script s) throws TclException {
        try {
            return evalScript(s);
        } catch (TclException e) {
            if (e.code() == TclException.ERROR) e.nestedLogged = true;
            throw e;
        }
    }

    /** Invokes a command given its words (used by eval of pure lists, uplevel, callbacks). */
    public TclObj invokeWords(TclObj[] objv, Namespace ns) throws TclException {
        if (objv.length == 0) return TclObj.EMPTY;
        if (++depth > recursionLimit) {
            depth--;
            throw tooDeep();
        }
        int top = pushCmd(null, objv);
        try {
            CommandEntry ce = findCommand(objv[0].toString(), ns == null ? frame.ns : ns);
            cmdCount++;
            if (cmdCount >= limitCheckAt) Limits.check(this); // limit hook (see Limits)
            if (ce == null) return invokeUnknown(objv);
            if (execTraces != null) return execTraces.invoke(ce, objv);
            TclObj r = ce.impl.invoke(this, objv);
            return r == null ? TclObj.EMPTY : r;
        } catch (TclException e) {
            if (e.code() == TclException.ERROR) logWords(e, objv);
            throw e;
        } finally {
            depth--;
            cmdTop = top;
        }
    }

    /** Logs a failed command given as words (no source text). */
    void logWords(TclException e, TclObj[] objv) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < objv.length; i++) {
            if (i > 0) sb.append(' ');
            ListParser.appendElement(sb, objv[i].toString(), i == 0);
        }
        String text = sb.toString();
        boolean overflow = text.length() > 150;
        if (overflow) text = text.substring(0, 150);
        // as Tcl_LogCommandInfo: the words are the whole script, so the failing line is its first
        e.errorLine = 1;
        if (!e.infoStarted) Introspection.noteInnerWords(this, e, objv);
        if (e.errorInfo == null) e.errorInfo = new StringBuilder(e.result().toString());
        e.errorInfo.append(e.infoStarted ? "\n    invoked from within\n\"" : "\n    while executing\n\"");
        e.infoStarted = true;
        e.errorInfo.append(text);
        if (overflow) e.errorInfo.append("...");
        e.errorInfo.append('"');
    }

    /** Invokes a command by words without logging (for callers that log themselves). */
    public TclObj invokeRaw(TclObj[] objv) throws TclException {
        CommandEntry ce = findCommand(objv[0].toString(), frame.ns);
        cmdCount++;
        if (ce == null) return invokeUnknown(objv);
        if (execTraces != null) return execTraces.invoke(ce, objv);
        TclObj r = ce.impl.invoke(this, objv);
        return r == null ? TclObj.EMPTY : r;
    }

    private TclObj invokeUnknown(TclObj[] objv) throws TclException {
        Namespace ns = frame.ns;
        TclObj handler = null;
        for (Namespace n = ns; n != null; n = null) handler = n.unknownHandler;
        if (handler == null) handler = globalNs.unknownHandler;
        TclObj[] words;
        CommandEntry ue;
        if (handler != null && ns.unknownHandler != null) {
            TclList hl = handler.asList();
            words = new TclObj[hl.size() + objv.length];
            System.arraycopy(hl.rawArray(), 0, words, 0, hl.size());
            System.arraycopy(objv, 0, words, hl.size(), objv.length);
            ue = hl.size() == 0 ? null : findCommand(hl.get(0).toString(), ns);
        } else {
            if (handler != null) {
                TclList hl = handler.asList();
                words = new TclObj[hl.size() + objv.length];
                System.arraycopy(hl.rawArray(), 0, words, 0, hl.size());
                System.arraycopy(objv, 0, words, hl.size(), objv.length);
                ue = hl.size() == 0 ? null : findCommand(hl.get(0).toString(), ns);
            } else {
                words = new TclObj[objv.length + 1];
                words[0] = TclObj.of("::unknown");
                System.arraycopy(objv, 0, words, 1, objv.length);
                ue = findCommand("::unknown", globalNs);
            }
        }
        if (ue == null || inUnknown > 0 && unknownName != null && unknownName.equals(objv[0].toString())) {
            String name = objv[0].toString();
            throw TclException.error("invalid command name \"" + name + "\"", "TCL", "LOOKUP", "COMMAND", name);
        }
        inUnknown++;
        String saveName = unknownName;
        unknownName = objv[0].toString();
        try {
            TclObj r = ue.impl.invoke(this, words);
            return r == null ? TclObj.EMPTY : r;
        } finally {
            inUnknown--;
            unknownName = saveName;
        }
    }

    /** The parsed command being invoked (set just before invocation; for body line numbers). */
    public Cmd currentCmd;

    /**
     * Adjusts an error that escaped a body evaluated by a control command. A body written
     * literally in a command Tcl compiles inline (see {@link CompileContext}) behaves as compiled
     * code (its lines count in the enclosing script; no extra errorInfo lines); any other body
     * gets a line such as ("while" body line 2), as in tclsh.
     */
    public void bodyError(TclException e, Cmd self, int wordIndex, String what) {
        if (e.code() != TclException.ERROR) return;
        if (CompileContext.inlineBody(this, self, wordIndex)) {
            e.errorLine = e.errorLine + self.words[wordIndex].line - 1;
            e.nestedLogged = true;
            return;
        }
        if (what != null) addErrorInfo(e, "\n    (" + what + " line " + e.errorLine + ")");
    }

    private int inUnknown;
    private String unknownName;

    // ======================================================================================
    // Procedures and return codes
    // ======================================================================================

    /**
     * Calls a procedure: binds objv[skip..] to its arguments and runs its body, then the command
     * the body tail-called, if any (see {@link TailCall}).
     */
    TclObj callProc(Proc p, TclObj[] objv, int skip) throws TclException {
        TclObj r;
        try {
            r = runProc(p, objv, skip);
        } catch (TclException | RuntimeException | Error e) {
            tailcallDone = null; // a procedure that does not complete normally drops its tailcall
            throw e;
        }
        return tailcallDone == null ? r : TailCall.run(this, r);
    }

    /**
     * The tailcall scheduled in the frame of the procedure call that completed last (set as its
     * frame is popped), for {@link #callProc} to run; null when none.
     */
    TailCall tailcallDone;

    /** The coroutine whose body is running on the current thread (see {@link Coroutine}), or null. */
    Coroutine coroutine;

    /**
     * How many callbacks that Tcl makes from C (an lsort -command comparison, a trace, an event
     * handler) the current evaluation is inside: a coroutine cannot yield across one, as in Tcl
     * ("cannot yield: C stack busy"). A coroutine keeps its own count (see Coroutine#transfer).
     */
    int yieldBarriers;

    /** Enters a callback a coroutine may not yield across (see {@link #yieldBarriers}). */
    public void enterYieldBarrier() { yieldBarriers++; }

    /** Leaves what {@link #enterYieldBarrier} entered. */
    public void exitYieldBarrier() { yieldBarriers--; }

    /** Runs a procedure body in a new frame; {@link #callProc} then runs the body's tailcall. */
    TclObj runProc(Proc p, TclObj[] objv, int skip) throws TclException {
        CallFrame f = p.bind(frame, objv, skip);
        CallFrame save = frame;
        frame = f;
        f.ns.activeFrames++;
        try {
            TclObj r = execScript(p.script());
            if (pending != 0) {
                int code = pending;
                TclObj v = pendingValue;
                pending = 0;
                pendingValue = null;
                if (code == TclException.RETURN) return v;
                throw TclException.error("invoked \"" + (code == TclException.BREAK ? "break" : "continue") + "\" outside of a loop", "TCL", "RESULT", "UNEXPECTED");
            }
            return r;
        } catch (TclException e) {
            switch (e.code()) {
                case TclException.RETURN: {
                    TclException r = completeReturn(e);
                    if (r == null) return e.result();
                    if (r.code() == TclException.ERROR && !(r.infoStarted)) {
                        // return -code error: errorInfo starts at the message
                    }
                    throw r;
                }
                case TclException.ERROR: {
                    Introspection.noteCall(this, e, f);
                    String procName = p.isLambda ? null : objv[skip - 1].toString();
                    if (p.isLambda) {
                        addErrorInfo(e, "\n    (lambda term \"" + truncate(p.lambdaTerm.toString(), 60) + "\" line " + e.errorLine + ")");
                    } else {
                        addErrorInfo(e, "\n    (procedure \"" + truncate(procName, 60) + "\" line " + e.errorLine + ")");
                    }
                    throw e;
                }
                case TclException.BREAK:
                    throw TclException.error("invoked \"break\" outside of a loop", "TCL", "RESULT", "UNEXPECTED");
                case TclException.CONTINUE:
                    throw TclException.error("invoked \"continue\" outside of a loop", "TCL", "RESULT", "UNEXPECTED");
                default:
                    throw e;
            }
        } finally {
            frame = save;
            if (f.tracedLocals) VarTraces.unsetLocals(this, f);
            f.ns.activeFrames--;
            if (f.ns.deleted && f.ns.activeFrames == 0) NamespaceOps.finishDelete(f.ns);
            tailcallDone = f.tailcall;
        }
    }

    static String truncate(String s, int n) {
        return s.length() > n ? s.substring(0, n) + "..." : s;
    }

    /**
     * Completes a {@code return} exception at a procedure boundary: decrements its level; at level
     * zero returns null for a normal return, or the exception for the code it carries.
     */
    TclException completeReturn(TclException e) {
        if (e.level > 1) {
            e.level--;
            return e;
        }
        int code = e.returnCode;
        if (code == TclException.OK) return null;
        TclException r = new TclException(code, e.result());
        r.errorCode = e.errorCode;
        r.errorInfo = e.errorInfo;
        r.infoStarted = e.errorInfo != null;
        r.options = e.options;
        r.errorLine = e.errorLine;
        r.returnCode = code;
        r.level = 0;
        // a script's own error, never one an ensemble or alias rewrites as Tcl_WrongNumArgs's
        r.usageFixed = true;
        if (code == TclException.RETURN) { r.level = 1; r.returnCode = TclException.OK; }
        return r;
    }

    // ======================================================================================
    // Commands
    // ======================================================================================

    /** Defines (or replaces) a command; the name may be qualified. */
    public CommandEntry defineCommand(String name, Command impl) throws TclException {
        Namespace ns;
        String tail;
        int sep = name.lastIndexOf("::");
        if (sep >= 0) {
            String qual = name.substring(0, sep);
            while (qual.endsWith(":")) qual = qual.substring(0, qual.length() - 1);
            tail = name.substring(sep + 2);
            ns = qual.isEmpty() && name.startsWith("::") ? globalNs : findNamespace(qual.isEmpty() ? "::" : qual, frame.ns);
            // as Tcl_CreateObjCommand (aliases, zlib streams, embedders): missing namespaces are created
            if (ns == null) ns = createNamespace(qual, frame.ns);
        } else {
            ns = frame.ns;
            tail = name;
        }
        return defineIn(ns, tail, impl);
    }

    public String nameInParent() { return nameInParent; }

    public Namespace globalNamespace() { return globalNs; }

    public TclObj bgerrorHandler() { return bgerrorHandler; }

    public void setBgerrorHandler(TclObj h) { bgerrorHandler = h; }

    /** Whether the interpreter has been deleted (interp delete). */
    public boolean isDeleted() { return deleted; }

    // ---- the event loop (dev.tclj.event)

    /** The event loop of the tree this interpreter is the root of, made on first use. */
    private volatile dev.tclj.event.Notifier notifier;
    private static final Object NOTIFIER_LOCK = new Object();

    /**
     * The event loop that runs this interpreter's events: one per tree of interpreters (a
     * top-level interpreter and its children run on one thread, as Tcl has one notifier per
     * thread), kept by the root. Any thread may call this.
     */
    public dev.tclj.event.Notifier notifier() {
        Interp root = this;
        while (root.parent != null) root = root.parent;
        dev.tclj.event.Notifier n = root.notifier;
        if (n != null) return n;
        synchronized (NOTIFIER_LOCK) {
            if (root.notifier == null) root.notifier = new dev.tclj.event.Notifier();
            return root.notifier;
        }
    }

    /**
     * Queues task to run on this interpreter's thread the next time that thread runs the event
     * loop ({@code vwait}, {@code update}), waking a loop that waits. Any thread may call this;
     * tasks run in the order they were posted.
     */
    public void post(Runnable task) { notifier().post(task); }

    /**
     * Queues script to be evaluated at global level on this interpreter's thread, as
     * {@link #post} does. The future completes with the result, or exceptionally with the
     * script's {@link TclException}. Any thread may call this.
     */
    public java.util.concurrent.CompletableFuture<TclObj> submit(String script) {
        return notifier().submit(this, script);
    }

    /** Invokes a hidden command (interp invokehidden), optionally at global level or in a namespace. */
    public TclObj invokeHiddenEntry(CommandEntry ce, TclObj[] words, boolean global, String ns) throws TclException {
        CallFrame save = frame;
        if (global) frame = globalFrame;
        Namespace target = null;
        if (ns != null) {
            target = findNamespace(ns.startsWith("::") ? ns : "::" + ns, globalNs);
            if (target == null) target = createNamespace(ns.startsWith("::") ? ns : "::" + ns, globalNs);
            frame = new CallFrame(this, target, frame, null, words, false);
        }
        try {
            TclObj r = ce.impl.invoke(this, words);
            return r == null ? TclObj.EMPTY : r;
        } catch (TclException e) {
            if (e.code() == TclException.ERROR) logWords(e, words);
            throw e;
        } finally {
            frame = save;
        }
    }

    /** Defines a command whose relative name is taken from the global namespace (aliases). */
    CommandEntry defineCommandGlobalRelative(String name, Command impl) throws TclException {
        CallFrame save = frame;
        frame = globalFrame;
        try {
            return defineCommand(name, impl);
        } finally {
            frame = save;
        }
    }

    /** Defines a command in a given namespace. */
    public CommandEntry defineIn(Namespace ns, String tail, Command impl) {
        CommandEntry old = ns.commands.get(tail);
        java.util.List<CommandEntry> imports = null;
        if (old != null) {
            imports = old.importedBy;
            old.importedBy = null;
            deleteEntry(old, false);
            // a delete trace of the old command may have deleted the namespace: as Tcl
            // (TclEnsureNamespace), the command goes into a namespace of the same name
            if (ns.deleted) {
                ns = createNamespace(ns.fullName(), globalNs);
                if (impl instanceof Proc p) p.ns = ns;
            }
        }
        CommandEntry ce = new CommandEntry(tail, ns, impl);
        ns.commands.put(tail, ce);
        if (imports != null) {
            for (CommandEntry imp : imports) if (!imp.deleted) imp.importOf = ce;
            ce.importedBy = imports;
        }
        epoch++;
        return ce;
    }

    /** Deletes a command (runs delete traces and callbacks, removes imports of it). */
    void deleteEntry(CommandEntry ce, boolean runTraces) {
        if (ce.deleted) return;
        ce.deleted = true;
        if (ce.ns.commands.get(ce.name) == ce) ce.ns.commands.remove(ce.name);
        epoch++;
        // as Tcl_DeleteCommandFromToken: the delete traces run before the imports go
        if (ce.traces != null) {
            try { CommandTraces.fire(this, ce, ce.fullName(), "", "delete"); } catch (TclException ignored) { }
        }
        if (ce.importedBy != null) {
            for (CommandEntry imp : new ArrayList<>(ce.importedBy)) deleteEntry(imp, runTraces);
        }
        if (ce.importOf != null && ce.importOf.importedBy != null) ce.importOf.importedBy.remove(ce);
        if (ce.onDelete != null) ce.onDelete.run();
    }

    public void deleteCommand(CommandEntry ce) { deleteEntry(ce, true); }

    /** Finds a command by name as Tcl resolves it from namespace {@code ns}; null if none. */
    public CommandEntry findCommand(String name, Namespace ns) {
        if (name.indexOf(':') < 0 || name.indexOf("::") < 0) {
            CommandEntry ce = ns.commands.get(name);
            if (ce != null) return ce;
            if (!ns.path.isEmpty()) {
                for (Namespace p : ns.path) {
                    if (p.deleted) continue;
                    ce = p.commands.get(name);
                    if (ce != null) return ce;
                }
            }
            return globalNs.commands.get(name);
        }
        int sep = name.lastIndexOf("::");
        String tail = name.substring(sep + 2);
        String qual = name.substring(0, sep);
        while (qual.endsWith(":")) qual = qual.substring(0, qual.length() - 1);
        if (name.startsWith("::")) {
            Namespace n = qual.isEmpty() ? globalNs : findNamespace(qual, globalNs);
            return n == null ? null : n.commands.get(tail);
        }
        Namespace n = findNamespace(qual, ns);
        if (n != null) {
            CommandEntry ce = n.commands.get(tail);
            if (ce != null) return ce;
        }
        if (ns != globalNs) {
            n = findNamespace(qual, globalNs);
            if (n != null) return n.commands.get(tail);
        }
        return null;
    }

    public CommandEntry findCommand(String name) { return findCommand(name, frame.ns); }

    // ======================================================================================
    // Namespaces
    // ======================================================================================

    /**
     * Finds a namespace by (possibly qualified) name relative to {@code from}: absolute names from
     * the global namespace; relative names from {@code from}. Null if it does not exist.
     */
    public Namespace findNamespace(String name, Namespace from) {
        Namespace n;
        int i = 0;
        int len = name.length();
        if (name.startsWith("::")) {
            n = globalNs;
            while (i < len && name.charAt(i) == ':') i++;
        } else {
            n = from;
        }
        while (i < len) {
            int j = name.indexOf("::", i);
            String part = j < 0 ? name.substring(i) : name.substring(i, j);
            if (!part.isEmpty() || j >= 0) {
                Namespace c = n.children.get(part);
                if (c == null || c.deleted) return null;
                n = c;
            }
            if (j < 0) break;
            i = j;
            while (i < len && name.charAt(i) == ':') i++;
        }
        return n;
    }

    /** Finds a namespace as Tcl does for a relative name: current, then global. */
    public Namespace lookupNamespace(String name) {
        Namespace n = findNamespace(name, frame.ns);
        if (n == null && !name.startsWith("::") && frame.ns != globalNs) n = findNamespace(name, globalNs);
        return n;
    }

    /** Creates (or returns) the namespace named {@code name}, with its parents. */
    public Namespace createNamespace(String name, Namespace from) {
        Namespace n = name.startsWith("::") ? globalNs : from;
        for (String part : name.split("::+")) {
            if (part.isEmpty()) continue;
            Namespace c = n.children.get(part);
            if (c == null || c.deleted) {
                c = new Namespace(this, part, n);
                n.children.put(part, c);
            }
            n = c;
        }
        return n;
    }

    // ======================================================================================
    // Variables
    // ======================================================================================

    /** A local slot resolved for a variable name, cached in the name value (see {@link #slotVar}). */
    static final class SlotRef {
        final Proc proc;
        final int slot;

        SlotRef(Proc proc, int slot) {
            this.proc = proc;
            this.slot = slot;
        }
    }

    /**
     * The local variable of the current procedure frame that a simple name denotes, found by slot
     * (cached in the name value); null when the frame is not a procedure's or the name has no
     * slot. With create, an empty slot gets a new (undefined) variable. Hot path.
     */
    final Var slotVar(TclObj name, boolean create) {
        CallFrame f = frame;
        Proc p = f.proc;
        if (p == null) return null;
        Object r = name.rep;
        int slot;
        if (r instanceof SlotRef sr && sr.proc == p) {
            slot = sr.slot;
        } else {
            String s = name.toString();
            if (s.indexOf("::") >= 0 || (s.endsWith(")") && s.indexOf('(') >= 0)) return null;
            slot = p.slotOf(s);
            name.setRep(new SlotRef(p, slot));
        }
        if (slot < 0) return null;
        Var v = f.slots[slot];
        if (v == null && create) f.slots[slot] = v = new Var(p.slotNames[slot]);
        return v;
    }

    /**
     * The value of a simple local variable reference when reading it is plain (a procedure
     * local without link or traces); null otherwise, when the full read path must run.
     */
    final TclObj peekLocal(VarRef ref) {
        CallFrame f = frame;
        Proc p = f.proc;
        if (p == null) return null;
        if (ref.cacheKey != p) {
            ref.cacheKey = p;
            ref.cacheSlot = p.slotOf(ref.name);
        }
        int s = ref.cacheSlot;
        if (s < 0) return null;
        Var v = f.slots[s];
        if (v == null || v.link != null || v.traces != null) return null;
        return v.value;
    }

    /**
     * The value of the variable a name value denotes, or null when it does not exist (for
     * commands that create what is missing: append, lappend, incr, dict set...). Fast for
     * procedure locals; everything else (arrays, links, traces, namespaces) takes the general path.
     */
    public final TclObj readVarIfExists(TclObj name) throws TclException {
        Var v = slotVar(name, false);
        if (v != null && v.link == null && v.traces == null && v.array == null) return v.value;
        return currentValue(name.toString(), true);
    }

    /**
     * The value of a variable for {@code append}, which (unlike lappend and incr) runs no read
     * traces; null when it does not exist.
     */
    public final TclObj readVarForAppend(TclObj name) throws TclException {
        Var v = slotVar(name, false);
        if (v != null && v.link == null && v.traces == null && v.array == null) return v.value;
        return currentValue(name.toString(), false);
    }

    /**
     * The value a variable (or element) has, running its read traces first when asked (a trace
     * may create it); null when it is undefined or is an array (the write that follows reports
     * that).
     */
    private TclObj currentValue(String s, boolean traces) throws TclException {
        String[] parts = splitArrayName(s);
        String n1 = parts == null ? s : parts[0];
        Var v = lookupVar(n1, false);
        if (v == null) return null;
        v = v.resolve();
        if (parts == null) {
            if (traces && v.traces != null) {
                VarTraces.fireRead(this, v, n1, null);
                if (v.value == null && v.array == null) {
                    // unset and set again by the trace: the new variable's value (as readVar)
                    Var now = lookupVar(n1, false);
                    if (now != null) v = now.resolve();
                }
            }
            return v.array != null ? null : v.value;
        }
        if (v.array == null) return null;
        Var e = v.array.get(parts[1]);
        if (traces && (v.traces != null || (e != null && e.traces != null))) {
            VarTraces.fireRead(this, v, n1, parts[1]);
            if (v.array == null) return null;
            e = v.array.get(parts[1]);
        }
        return e == null ? null : e.value;
    }

    /** Writes the variable a name value denotes; returns the value stored. Fast for locals. */
    public final TclObj writeVar(TclObj name, TclObj value) throws TclException {
        Var v = slotVar(name, true);
        if (v != null && v.link == null && v.traces == null && v.array == null) {
            v.value = value;
            return value;
        }
        return writeVar(name.toString(), null, value, null);
    }

    /**
     * Reads a local variable named literally in a procedure body. Tcl compiles such reads, and
     * a missing variable then reports errorCode {TCL READ VARNAME} (not TCL LOOKUP VARNAME).
     */
    final TclObj readCompiledLocal(String name) throws TclException {
        try {
            return readVar(name, null, name);
        } catch (TclException e) {
            TclObj ec = e.errorCode;
            if (ec != null) {
                TclList l = ec.asList();
                if (l.size() == 4 && l.get(1).toString().equals("LOOKUP") && l.get(2).toString().equals("VARNAME")) {
                    e.errorCode = TclObj.ofList(TclObj.of("TCL"), TclObj.of("READ"), TclObj.of("VARNAME"));
                }
            }
            throw e;
        }
    }

    /** Reads the variable a parsed reference names (the hot path for {@code $x}). */
    public final TclObj readVarRef(VarRef ref) throws TclException {
        CallFrame f = frame;
        if (ref.index == null) {
            Var v;
            if (f.proc != null && ref.simple) {
                if (ref.cacheKey != f.proc) {
                    ref.cacheKey = f.proc;
                    ref.cacheSlot = f.proc.slotOf(ref.name);
                }
                int s = ref.cacheSlot;
                v = s >= 0 ? f.slots[s] : f.findLocal(ref.name);
                if (v != null) {
                    if (v.link == null && v.value != null && v.traces == null) return v.value;
                }
                return readCompiledLocal(ref.name);
            }
            return readVar(ref.name, null, ref.name);
        }
        String idx = evalWord(ref.index).toString();
        return readVar(ref.name, idx, null);
    }

    /**
     * Resolves a variable name (no array syntax) for access: locals in procedure frames, else
     * namespace variables. Returns null if it does not exist and create is false.
     */
    public Var lookupVar(String name, boolean create) throws TclException {
        CallFrame f = frame;
        if (f.isProc && name.indexOf("::") < 0) {
            Var v = create ? f.localVar(name) : f.findLocal(name);
            return v;
        }
        return lookupNsVar(name, f.ns, create, false);
    }

    /** Resolves a namespace variable by name relative to ns (Tcl 8.6 rules). */
    Var lookupNsVar(String name, Namespace ns, boolean create, boolean nsOnly) throws TclException {
        int sep = name.lastIndexOf("::");
        if (sep < 0) {
            Var v = ns.vars.get(name);
            if (v != null) return v;
            if (!nsOnly && ns != globalNs) {
                v = globalNs.vars.get(name);
                if (v != null) return v;
            }
            if (!create) return null;
            v = new Var(name);
            v.ns = ns;
            ns.vars.put(name, v);
            return v;
        }
        String tail = name.substring(sep + 2);
        String qual = name.substring(0, sep);
        while (qual.endsWith(":")) qual = qual.substring(0, qual.length() - 1);
        Namespace target;
        if (name.startsWith("::")) {
            target = qual.isEmpty() ? globalNs : findNamespace(qual, globalNs);
        } else {
            target = findNamespace(qual, ns);
            if (ns != globalNs && !nsOnly) {
                // a relative name finds an existing variable relative to the global namespace
                // too, but is only ever created relative to the current one
                Var v = target == null ? null : target.vars.get(tail);
                if (v != null) return v;
                Namespace alt = findNamespace(qual, globalNs);
                if (alt != null) {
                    v = alt.vars.get(tail);
                    if (v != null) return v;
                }
            }
        }
        if (target == null) {
            if (create) throw new NoParentNamespace();
            return null;
        }
        if (tail.isEmpty()) {
            // "::" or "ns::" names the namespace itself, not a variable
            Var v = target.vars.get(tail);
            if (v != null || !create) return v;
        }
        Var v = target.vars.get(tail);
        if (v == null && create) {
            v = new Var(tail);
            v.ns = target;
            target.vars.put(tail, v);
        }
        return v;
    }

    /** Thrown internally when a qualified variable's namespace does not exist. */
    static final class NoParentNamespace extends TclException {
        NoParentNamespace() { super("parent namespace doesn't exist"); }
    }

    /** Splits "a(b)" into {"a","b"}; returns null for a scalar name. */
    public static String[] splitArrayName(String name) {
        int n = name.length();
        if (n == 0 || name.charAt(n - 1) != ')') return null;
        int open = name.indexOf('(');
        if (open < 0) return null;
        return new String[]{name.substring(0, open), name.substring(open + 1, n - 1)};
    }

    /**
     * Reads a variable. {@code index} is the element for arrays (null for scalars; a name1 of the
     * form "a(b)" with a null index is split). {@code display} is the name used in messages.
     */
    public TclObj readVar(String name1, String index, String display) throws TclException {
        if (index == null) {
            String[] parts = splitArrayName(name1);
            if (parts != null) { name1 = parts[0]; index = parts[1]; }
        }
        Var v = lookupVar(name1, false);
        if (v != null) v = v.resolve();
        String shown = index == null ? name1 : name1 + "(" + index + ")";
        if (v == null) throw missingVar("read", shown, name1);
        if (index == null) {
            if (v.traces != null) {
                VarTraces.fireRead(this, v, name1, null);
                // a trace that unset the variable and set it again made a new one: Tcl keeps the
                // variable while it is being read, so the new value is what the read returns
                if (v.value == null && v.array == null) {
                    Var now = lookupVar(name1, false);
                    if (now != null) v = now.resolve();
                }
            }
            if (v.value != null) return v.value;
            if (v.array != null) throw TclException.error("can't read \"" + shown + "\": variable is array", "TCL", "READ", "VARNAME");
            throw undefinedVar("read", shown);
        }
        if (v.array == null) {
            if (v.value != null || v.parentArray != null) throw notArray("read", shown, name1, v);
            throw undefinedVar("read", shown);
        }
        Var e = v.array.get(index);
        if (v.traces != null || (e != null && e.traces != null)) {
            VarTraces.fireRead(this, v, name1, index);
            if (v.array == null) {
                // a trace unset the array (Tcl keeps the variable while it is being read: when
                // the trace made it an array again the element is what is missing)
                Var now = lookupVar(name1, false);
                if (now != null && now.resolve().array != null) {
                    throw TclException.error("can't read \"" + shown + "\": no such element in array", "TCL", "READ", "VARNAME");
                }
                throw undefinedVar("read", shown);
            }
            e = v.array.get(index);
        }
        if (e == null || e.value == null) {
            throw TclException.error("can't read \"" + shown + "\": no such element in array", "TCL", "READ", "VARNAME");
        }
        return e.value;
    }

    /**
     * The error for a variable that does not exist: Tcl reports one that exists but is undefined
     * (a procedure's compiled local, a variable kept by an upvar link, a declared namespace
     * variable) under the operation, and one not found at all as a lookup failure.
     */
    private TclException missingVar(String op, String shown, String name1) {
        CallFrame f = frame;
        if (f.isProc && f.proc != null && name1.indexOf("::") < 0 && f.proc.slotOf(name1) >= 0) return undefinedVar(op, shown);
        return TclException.error("can't " + op + " \"" + shown + "\": no such variable", "TCL", "LOOKUP", "VARNAME", name1);
    }

    private static TclException undefinedVar(String op, String shown) {
        String code = op.equals("read") ? "READ" : op.equals("unset") ? "UNSET" : "WRITE";
        return TclException.error("can't " + op + " \"" + shown + "\": no such variable", "TCL", code, "VARNAME");
    }

    /** "variable isn't array" for an element access on a scalar (or on an element, through a link). */
    private static TclException notArray(String op, String shown, String name1, Var v) {
        if (v.parentArray != null) return TclException.error("can't " + op + " \"" + shown + "\": variable isn't array", "TCL", "LOOKUP", "VARNAME");
        return TclException.error("can't " + op + " \"" + shown + "\": variable isn't array", "TCL", "LOOKUP", "VARNAME", name1);
    }

    /** Writes a variable (creating it); returns the value stored. */
    public TclObj writeVar(String name1, String index, TclObj value, String display) throws TclException {
        if (index == null) {
            String[] parts = splitArrayName(name1);
            if (parts != null) { name1 = parts[0]; index = parts[1]; }
        }
        String shown = index == null ? name1 : name1 + "(" + index + ")";
        Var v;
        try {
            v = lookupVar(name1, true);
        } catch (NoParentNamespace e) {
            throw TclException.error("can't set \"" + shown + "\": parent namespace doesn't exist", "TCL", "LOOKUP", "VARNAME", shown);
        }
        v = v.resolve();
        if (index == null) {
            if (v.array != null) throw TclException.error("can't set \"" + shown + "\": variable is array", "TCL", "WRITE", "VARNAME");
            if (v.dead) throw danglingLink(shown, v);
            v.value = value;
            if (v.traces != null || (v.parentArray != null && v.parentArray.traces != null)) {
                return VarTraces.fireWrite(this, v, name1, null, value);
            }
            return value;
        }
        if (v.array == null) {
            if (v.value != null || v.parentArray != null) throw notArray("set", shown, name1, v);
            if (v.dead) throw TclException.error("can't set \"" + shown + "\": upvar refers to variable in deleted namespace", "TCL", "LOOKUP", "VARNAME");
            v.array = new LinkedHashMap<>();
        }
        Var e = v.array.get(index);
        if (e == null) {
            e = new Var(index);
            e.parentArray = v;
            v.array.put(index, e);
        }
        e.value = value;
        if (e.traces != null || v.traces != null) return VarTraces.fireWrite(this, e, name1, index, value);
        return value;
    }

    /** The error for setting, through an upvar link, a variable whose namespace or array is gone. */
    private static TclException danglingLink(String shown, Var v) {
        String what = v.parentArray != null ? "element in deleted array" : "variable in deleted namespace";
        return TclException.error("can't set \"" + shown + "\": upvar refers to " + what, "TCL", "WRITE", "VARNAME");
    }

    /** Writes through a parsed reference (set with a literal name). */
    public final TclObj writeVarRef(VarRef ref, TclObj value) throws TclException {
        if (ref.index == null) return writeVar(ref.name, null, value, ref.name);
        String idx = evalWord(ref.index).toString();
        return writeVar(ref.name, idx, value, null);
    }

    /** Fast local write for a proc slot; falls back to the general path. */
    public final TclObj setLocal(String name, TclObj value) throws TclException {
        return writeVar(name, null, value, name);
    }

    /**
     * Unsets a variable. As in Tcl, unsetting through an upvar link unsets the variable linked
     * to and leaves the link; a variable that links still refer to stays in its scope, undefined,
     * so that setting it through a link makes it visible again. Elements that links refer to
     * outlive an array unset as orphans ("upvar refers to element in deleted array").
     */
    public void unsetVar(String name1, String index, boolean complain) throws TclException {
        if (index == null) {
            String[] parts = splitArrayName(name1);
            if (parts != null) { name1 = parts[0]; index = parts[1]; }
        }
        String shown = index == null ? name1 : name1 + "(" + index + ")";
        Var link = lookupVar(name1, false);
        Var v = link == null ? null : link.resolve();
        if (v == null) {
            if (complain) throw missingVar("unset", shown, name1);
            return;
        }
        if (index != null) {
            if (v.array == null) {
                if (complain) {
                    if (v.value != null || v.parentArray != null) throw notArray("unset", shown, name1, v);
                    throw undefinedVar("unset", shown);
                }
                return;
            }
            Var e = v.array.get(index);
            if (e == null) {
                if (complain) throw TclException.error("can't unset \"" + shown + "\": no such element in array", "TCL", "LOOKUP", "ELEMENT", index);
                return;
            }
            boolean defined = e.value != null;
            e.value = null;
            if (e.refCount == 0) v.array.remove(index);
            if (e.traces != null || v.traces != null) VarTraces.fireUnset(this, e, v, name1, index);
            if (!defined && complain) {
                throw TclException.error("can't unset \"" + shown + "\": no such element in array", "TCL", "UNSET", "VARNAME");
            }
            return;
        }
        if (v.isUndefined() && v.traces == null) {
            if (v.declared) {
                // a declared namespace variable stops being one even so
                v.declared = false;
                if (link == v && v.refCount == 0) removeVarFromScope(name1, v);
            }
            if (complain) throw undefinedVar("unset", shown);
            return;
        }
        boolean wasDefined = !v.isUndefined();
        LinkedHashMap<String, Var> arr = v.array;
        v.value = null;
        v.array = null;
        v.declared = false; // no longer a declared namespace variable either (as in Tcl)
        if (arr != null) {
            for (Var e : arr.values()) {
                e.value = null;
                if (e.refCount > 0) e.dead = true;
            }
        }
        // a variable reached through a link is referred to, so it stays where it is
        if (link == v && v.refCount == 0) removeVarFromScope(name1, v);
        if (v.traces != null) VarTraces.fireUnsetWhole(this, v, name1, arr);
        else if (arr != null) {
            for (Var e : arr.values()) if (e.traces != null) VarTraces.fireUnset(this, e, null, name1, e.name);
        }
        if (!wasDefined && complain) throw undefinedVar("unset", shown);
    }

    private void removeVarFromScope(String name, Var v) throws TclException {
        CallFrame f = frame;
        if (f.isProc && name.indexOf("::") < 0) {
            if (f.findLocal(name) == v) f.removeLocal(name);
            return;
        }
        if (v.ns != null && v.ns.vars.get(v.name) == v) {
            v.declared = false;
            v.ns.vars.remove(v.name);
        }
    }

    /**
     * Creates a link: the variable {@code myName} of the current frame (a local in a procedure,
     * else a variable of the current namespace, never a global one found by fallback) refers to
     * {@code target}, a variable that is not a link. Checks as Tcl's upvar does.
     */
    public void linkVar(String myName, Var target) throws TclException {
        CallFrame f = frame;
        int open = myName.indexOf('(');
        if (open >= 0 && myName.endsWith(")")) {
            throw TclException.error("bad variable name \"" + myName + "\": can't create a scalar variable that looks like an array element", "TCL", "UPVAR", "LOCAL_ELEMENT");
        }
        boolean local = f.isProc && myName.indexOf("::") < 0;
        Var owner = target.parentArray != null ? target.parentArray : target;
        if (!local && owner.ns == null) {
            // a namespace variable must not outlive the procedure variable it would refer to
            throw TclException.error("bad variable name \"" + myName + "\": can't create namespace variable that refers to procedure variable", "TCL", "UPVAR", "INVERTED");
        }
        Var mine;
        if (local) {
            mine = f.localVar(myName);
        } else {
            try {
                mine = lookupNsVar(myName, f.ns, true, !(f.ns == globalNs || myName.startsWith("::")));
            } catch (NoParentNamespace e) {
                throw TclException.error("can't create \"" + myName + "\": parent namespace doesn't exist", "TCL", "LOOKUP", "VARNAME", myName);
            }
        }
        if (mine == target) throw TclException.error("can't upvar from variable to itself", "TCL", "UPVAR", "SELF");
        if (mine.traces != null) {
            throw TclException.error("variable \"" + myName + "\" has traces: can't use for upvar", "TCL", "UPVAR", "TRACED");
        }
        if (mine.link != null) {
            if (mine.link == target) return;
            VarTraces.releaseLink(mine.link);
        } else if (!mine.isUndefined()) {
            throw TclException.error("variable \"" + myName + "\" already exists", "TCL", "UPVAR", "EXISTS");
        }
        mine.link = target;
        target.refCount++;
        // the frame's return must drop the reference (see VarTraces.unsetLocals)
        if (f.isProc && myName.indexOf("::") < 0) f.tracedLocals = true;
    }

    /**
     * Finds or creates, in frame {@code target}, the variable an upvar names (an element
     * included), resolved through links.
     */
    public Var varForLink(CallFrame target, String name) throws TclException {
        CallFrame save = frame;
        frame = target;
        try {
            String[] parts = splitArrayName(name);
            Var v;
            try {
                v = lookupVar(parts == null ? name : parts[0], true).resolve();
            } catch (NoParentNamespace e) {
                throw TclException.error("can't access \"" + name + "\": parent namespace doesn't exist", "TCL", "LOOKUP", "VARNAME", name);
            }
            if (parts == null) return v;
            if (v.array == null) {
                if (v.value != null || v.parentArray != null) throw notArray("access", name, parts[0], v);
                v.array = new LinkedHashMap<>();
            }
            Var e = v.array.get(parts[1]);
            if (e == null) {
                e = new Var(parts[1]);
                e.parentArray = v;
                v.array.put(parts[1], e);
            }
            return e;
        } finally {
            frame = save;
        }
    }

    /** Whether a variable exists (info exists semantics). */
    public boolean varExists(String name) {
        try {
            String[] parts = splitArrayName(name);
            String n1 = parts == null ? name : parts[0];
            Var v = lookupVar(n1, false);
            if (v == null) return false;
            v = v.resolve();
            if (v.traces != null) {
                try { readVar(name, null, name); return true; } catch (TclException e) { return false; }
            }
            if (parts == null) return !v.isUndefined();
            if (v.array == null) return false;
            Var e = v.array.get(parts[1]);
            return e != null && e.value != null;
        } catch (TclException e) {
            return false;
        }
    }

    /**
     * The frame {@code level} refers to for uplevel/upvar ("1", "#0", ...); null if bad. Levels
     * are read as Tcl_GetInt reads them (blanks, a sign, 0x/0o/0b prefixes, values up to the
     * unsigned 32-bit range, wrapped to an int).
     */
    public CallFrame frameForLevel(String level) {
        CallFrame f = frame;
        boolean absolute = level.startsWith("#");
        long n = levelNumber(absolute ? level.substring(1) : level);
        if (n < 0) return null;
        if (absolute) {
            while (f != null && f.level > n) f = f.parent;
            return (f != null && f.level == n) ? f : null;
        }
        while (n-- > 0 && f != null) f = f.parent;
        return f;
    }

    /** A level number as Tcl_GetInt gives it, or -1 when it is not one or is negative. */
    private static long levelNumber(String s) {
        TclObj o = TclObj.of(s);
        if (s.isEmpty() || !o.toInteger() || !o.isIntRep()) return -1;
        long v = o.rawLong();
        if (v > 0xFFFFFFFFL || v < -0xFFFFFFFFL) return -1;
        return (int) v;
    }

    /**
     * Whether a word is taken as a level by uplevel and upvar ("1", "#0"): anything starting with
     * '#' or a digit (it may then be a bad level), or another integer that is a valid level.
     */
    public static boolean isLevel(String s) {
        if (s.isEmpty()) return false;
        char c = s.charAt(0);
        if (c == '#' || (c >= '0' && c <= '9')) return true;
        return levelNumber(s) >= 0;
    }

    /** Runs body with the variable frame temporarily set to f. */
    public TclObj evalInFrame(CallFrame f, TclObj script) throws TclException {
        CallFrame save = frame;
        frame = f;
        try {
            return eval(script);
        } finally {
            frame = save;
        }
    }

    public List<Var> frameLocals(CallFrame f) { return f.localVars(); }

    /** Declares a namespace variable (the variable command): created in the current namespace. */
    public Var declareNsVar(String name) throws TclException {
        Var v;
        try {
            v = lookupNsVar(name, frame.ns, true, name.indexOf("::") < 0);
        } catch (NoParentNamespace e) {
            throw TclException.error("can't define \"" + name + "\": parent namespace doesn't exist", "TCL", "LOOKUP", "VARNAME", name);
        }
        v.declared = true;
        return v;
    }

    /** Links local name to target unless it already is linked to it. */
    public void linkVarIfNeeded(String local, Var target) throws TclException {
        Var ex = frame.findLocal(local);
        if (ex != null && ex.link == target) return;
        linkVar(local, target);
    }

    /** Calls a procedure object with objv[skip..] as its arguments (apply, ensembles). */
    public TclObj callProcedure(Proc p, TclObj[] objv, int skip) throws TclException {
        return callProc(p, objv, skip);
    }

    /** Creates a procedure object (proc and apply). */
    public Proc newProc(Namespace ns, String name, TclObj args, TclObj body, boolean lambda) throws TclException {
        Proc p = new Proc(this, ns, name, args, body, lambda);
        if (!lambda) Introspection.noteDefinition(this, p);
        return p;
    }
}
