package dev.tclj;

import dev.tclj.expr.Expr;
import dev.tclj.parse.Cmd;
import dev.tclj.parse.Script;
import dev.tclj.parse.Word;

/**
 * Built-in commands that the evaluator runs inline from their parsed words, as Tcl's bytecode
 * compiler does for them: set, incr, if, while, for, foreach, return, break, continue, expr.
 *
 * <p>Hot path. Inline forms avoid building an argument array, keep loop conditions and bodies as
 * cached parses, reach procedure locals by slot, and pass return/break/continue up by value
 * ({@link Interp#pending}) instead of by exception. They apply only while the command is the
 * built-in (a redefined {@code if} is an ordinary command) and only to well-formed uses: any other
 * shape runs the command's ordinary implementation, with the words evaluated once.
 */
final class Inline {
    private Inline() {}

    static final int SET = 1, INCR = 2, IF = 3, WHILE = 4, FOR = 5, FOREACH = 6, RETURN = 7, BREAK = 8,
            CONTINUE = 9, EXPR = 10, LAPPEND = 11, APPEND = 12;

    /** Marks the built-ins that may run inline. Called once the commands are registered. */
    static void install(Interp interp) {
        String[] names = {null, "set", "incr", "if", "while", "for", "foreach", "return", "break", "continue", "expr",
                "lappend", "append"};
        for (int id = 1; id < names.length; id++) {
            CommandEntry ce = interp.globalNs.commands.get(names[id]);
            if (ce != null) ce.builtinId = id;
        }
    }

    static TclObj exec(Interp in, Cmd c, CommandEntry ce) throws TclException {
        Word[] w = c.words;
        int n = w.length;
        switch (ce.builtinId) {
            case SET: {
                if (n == 3) {
                    TclObj name = in.evalWord(w[1]);
                    TclObj val = in.evalWord(w[2]);
                    Var v = in.slotVar(name, true);
                    if (v != null && v.link == null && v.traces == null && v.array == null) {
                        v.value = val;
                        return val;
                    }
                    return in.writeVar(name.toString(), null, val, null);
                }
                if (n == 2) {
                    TclObj name = in.evalWord(w[1]);
                    Var v = in.slotVar(name, false);
                    if (v != null && v.link == null && v.traces == null && v.value != null) return v.value;
                    String ns = name.toString();
                    if (in.frame.proc != null && w[1].kind == Word.LITERAL && ns.indexOf("::") < 0) {
                        return in.readCompiledLocal(ns);
                    }
                    return in.readVar(ns, null, null);
                }
                break;
            }
            case INCR: {
                if (n == 2 || n == 3) {
                    TclObj name = in.evalWord(w[1]);
                    TclObj amt = n == 3 ? in.evalWord(w[2]) : null;
                    Var v = in.slotVar(name, true);
                    if (v != null && v.link == null && v.traces == null && v.array == null) {
                        TclObj cur = v.value;
                        if (cur != null && cur.rep == TclObj.INT && (amt == null || amt.rep == TclObj.INT)) {
                            long a = cur.bits, b = amt == null ? 1 : amt.bits, r = a + b;
                            if (((a ^ r) & (b ^ r)) >= 0) {
                                TclObj res = TclObj.of(r);
                                v.value = res;
                                return res;
                            }
                        }
                    }
                    TclObj[] objv = amt == null ? new TclObj[]{w[0].literal, name} : new TclObj[]{w[0].literal, name, amt};
                    return invoke(in, ce, objv);
                }
                break;
            }
            case IF:
                if (allLiteral(w)) {
                    int[] shape = ifShape(c);
                    if (shape != null) return ifInline(in, c, shape);
                }
                break;
            case WHILE:
                if (n == 3 && allLiteral(w)) return whileInline(in, c);
                break;
            case FOR:
                if (n == 5 && allLiteral(w)) return forInline(in, c);
                break;
            case FOREACH: {
                TclObj[] objv = in.evalWords(w);
                if (n >= 4 && (n & 1) == 0) return foreachInline(in, c, objv);
                return invoke(in, ce, objv);
            }
            case RETURN:
                if (n <= 2) {
                    TclObj v = n == 2 ? in.evalWord(w[1]) : TclObj.EMPTY;
                    in.pending = TclException.RETURN;
                    in.pendingValue = v;
                    return v;
                }
                break;
            case BREAK:
                if (n == 1) {
                    in.pending = TclException.BREAK;
                    in.pendingValue = TclObj.EMPTY;
                    return TclObj.EMPTY;
                }
                break;
            case CONTINUE:
                if (n == 1) {
                    in.pending = TclException.CONTINUE;
                    in.pendingValue = TclObj.EMPTY;
                    return TclObj.EMPTY;
                }
                break;
            case EXPR:
                if (n == 2) return Expr.eval(in, in.evalWord(w[1]));
                break;
            case LAPPEND:
            case APPEND: {
                // All words are evaluated first (as for any command); then a plain local
                // variable is extended in place of the general path's lookups.
                TclObj[] objv = in.evalWords(w);
                if (n >= 3) {
                    Var v = in.slotVar(objv[1], true);
                    if (v != null && v.link == null && v.traces == null && v.array == null) {
                        TclObj cur = v.value;
                        TclObj res;
                        if (ce.builtinId == LAPPEND) {
                            TclList l = cur == null ? TclList.EMPTY : cur.asList();
                            in.checkValueSize((long) l.size() + n - 2);
                            res = TclObj.ofList(n == 3 ? l.append(objv[2]) : l.appendAll(objv, 2, n));
                        } else {
                            if (cur == null && n == 3) {
                                res = objv[2];
                            } else {
                                res = cur == null ? TclObj.EMPTY : cur;
                                long max = in.maxValueSize;
                                for (int i = 2; i < n; i++) res = StringBuilderRep.append(res, objv[i].toString(), max);
                            }
                        }
                        v.value = res;
                        return res;
                    }
                }
                return invoke(in, ce, objv);
            }
            default:
                break;
        }
        return invoke(in, ce, in.evalWords(w));
    }

    /**
     * set and incr of a plain procedure local, with literal or local-variable words: the whole
     * command without the bookkeeping a command that can fail or run scripts needs. Null when
     * the case is not that simple (nothing has been done then; the caller runs the full path).
     */
    static TclObj leaf(Interp in, Cmd c, int id) {
        Word[] w = c.words;
        int n = w.length;
        if (id == SET) {
            if (n != 3) return null;
            TclObj val = w[2].kind == Word.LITERAL ? w[2].literal : in.peekLocal(w[2].var);
            if (val == null || w[1].kind != Word.LITERAL) return null;
            Var v = in.slotVar(w[1].literal, true);
            if (v == null || v.link != null || v.traces != null || v.array != null) return null;
            v.value = val;
            return val;
        }
        if (id == LAPPEND) {
            if (n != 3 || w[1].kind != Word.LITERAL) return null;
            TclObj val = w[2].kind == Word.LITERAL ? w[2].literal : in.peekLocal(w[2].var);
            if (val == null) return null;
            Var v = in.slotVar(w[1].literal, true);
            if (v == null || v.link != null || v.traces != null || v.array != null) return null;
            TclObj cur = v.value;
            TclList l;
            if (cur == null) l = TclList.EMPTY;
            else if (cur.rep instanceof TclList tl) l = tl;
            else return null; // a string to parse as a list may fail: the full path reports it
            TclObj res = TclObj.ofList(l.append(val));
            v.value = res;
            return res;
        }
        if (n != 2 && n != 3) return null;
        if (w[1].kind != Word.LITERAL) return null;
        long b = 1;
        if (n == 3) {
            TclObj amt = w[2].kind == Word.LITERAL ? w[2].literal : in.peekLocal(w[2].var);
            if (amt == null || amt.rep != TclObj.INT) return null;
            b = amt.bits;
        }
        Var v = in.slotVar(w[1].literal, false);
        if (v == null || v.link != null || v.traces != null || v.array != null) return null;
        TclObj cur = v.value;
        if (cur == null || cur.rep != TclObj.INT) return null;
        long a = cur.bits, r = a + b;
        if (((a ^ r) & (b ^ r)) < 0) return null;
        TclObj res = TclObj.of(r);
        v.value = res;
        return res;
    }

    private static TclObj invoke(Interp in, CommandEntry ce, TclObj[] objv) throws TclException {
        TclObj r = ce.impl.invoke(in, objv);
        return r == null ? TclObj.EMPTY : r;
    }

    private static boolean allLiteral(Word[] w) {
        for (Word x : w) if (x.kind != Word.LITERAL) return false;
        return true;
    }

    /** Runs a literal body word, adjusting errors as a compiled body's. Pending codes pass through. */
    private static TclObj body(Interp in, Cmd c, int word) throws TclException {
        try {
            return in.execScript(Interp.scriptOf(c.words[word].literal));
        } catch (TclException e) {
            in.bodyError(e, c, word, null);
            throw e;
        }
    }

    /**
     * The static shape of an if command with literal words: pairs (condition index, body index),
     * then the else body index or -1. Null if malformed (the ordinary command reports the error).
     * Cached in the parsed command.
     */
    private static int[] ifShape(Cmd c) {
        Object cached = c.inlineShape;
        if (cached instanceof int[] a) return a;
        if (cached == Boolean.FALSE) return null;
        Word[] w = c.words;
        int n = w.length;
        int[] out = new int[n * 2 + 1];
        int k = 0;
        int i = 1;
        int elseBody = -1;
        boolean ok = false;
        while (true) {
            if (i >= n) break;
            int cond = i++;
            if (i < n && w[i].literal.toString().equals("then")) i++;
            if (i >= n) break;
            out[k++] = cond;
            out[k++] = i++;
            if (i >= n) { ok = true; break; }
            String kw = w[i].literal.toString();
            if (kw.equals("elseif")) { i++; continue; }
            if (kw.equals("else")) {
                i++;
                if (i == n - 1) { elseBody = i; ok = true; }
                break;
            }
            if (i == n - 1) { elseBody = i; ok = true; }
            break;
        }
        if (!ok) {
            c.inlineShape = Boolean.FALSE;
            return null;
        }
        int[] shape = new int[k + 1];
        System.arraycopy(out, 0, shape, 0, k);
        shape[k] = elseBody;
        c.inlineShape = shape;
        return shape;
    }

    private static TclObj ifInline(Interp in, Cmd c, int[] shape) throws TclException {
        Word[] w = c.words;
        int k = shape.length - 1;
        for (int i = 0; i < k; i += 2) {
            if (Expr.evalBoolean(in, w[shape[i]].literal)) return body(in, c, shape[i + 1]);
        }
        int e = shape[k];
        return e < 0 ? TclObj.EMPTY : body(in, c, e);
    }

    /**
     * After a loop body: handles a pending break/continue. Returns 0 to go on, 1 to leave the loop
     * normally (break), 2 when a return is pending and must propagate.
     */
    private static int loopControl(Interp in) {
        int p = in.pending;
        if (p == 0) return 0;
        if (p == TclException.BREAK) { in.pending = 0; in.pendingValue = null; return 1; }
        if (p == TclException.CONTINUE) { in.pending = 0; in.pendingValue = null; return 0; }
        return 2;
    }

    private static TclObj whileInline(Interp in, Cmd c) throws TclException {
        TclObj test = c.words[1].literal;
        TclObj bodyObj = c.words[2].literal;
        while (Expr.evalBoolean(in, test)) {
            try {
                in.execScript(Interp.scriptOf(bodyObj));
            } catch (TclException e) {
                int code = e.code();
                if (code == TclException.BREAK) break;
                if (code == TclException.CONTINUE) continue;
                in.bodyError(e, c, 2, "\"while\" body");
                throw e;
            }
            int lc = loopControl(in);
            if (lc == 1) break;
            if (lc == 2) return TclObj.EMPTY;
        }
        return TclObj.EMPTY;
    }

    private static TclObj forInline(Interp in, Cmd c) throws TclException {
        Word[] w = c.words;
        try {
            in.execScript(Interp.scriptOf(w[1].literal));
        } catch (TclException e) {
            dev.tclj.cmd.ControlCmds.bodyFailed(in, e, c, 1, "\n    (\"for\" initial command)");
            throw e;
        }
        // break/continue in the start script are not the loop's: they end for with their code
        if (in.pending != 0) return TclObj.EMPTY;
        TclObj test = w[2].literal;
        while (Expr.evalBoolean(in, test)) {
            try {
                in.execScript(Interp.scriptOf(w[4].literal));
            } catch (TclException e) {
                int code = e.code();
                if (code == TclException.BREAK) break;
                if (code != TclException.CONTINUE) {
                    in.bodyError(e, c, 4, "\"for\" body");
                    throw e;
                }
            }
            int lc = loopControl(in);
            if (lc == 1) break;
            if (lc == 2) return TclObj.EMPTY;
            try {
                in.execScript(Interp.scriptOf(w[3].literal));
            } catch (TclException e) {
                if (e.code() == TclException.BREAK) break;
                dev.tclj.cmd.ControlCmds.bodyFailed(in, e, c, 3, "\n    (\"for\" loop-end command)");
                throw e;
            }
            // break in the next script ends the loop; continue there is not the loop's
            if (in.pending == TclException.BREAK) { in.pending = 0; in.pendingValue = null; break; }
            if (in.pending != 0) return TclObj.EMPTY;
        }
        return TclObj.EMPTY;
    }

    private static TclObj foreachInline(Interp in, Cmd c, TclObj[] objv) throws TclException {
        int n = objv.length;
        int groups = (n - 2) / 2;
        TclObj[][] vars = new TclObj[groups][];
        TclList[] lists = new TclList[groups];
        int iterations = 0;
        for (int g = 0; g < groups; g++) {
            TclList vl = objv[1 + 2 * g].asList();
            if (vl.size() == 0) throw TclException.error("foreach varlist is empty", "TCL", "OPERATION", "FOREACH", "NEEDVARS");
            vars[g] = vl.toArray();
            lists[g] = objv[2 + 2 * g].asList();
            int it = (lists[g].size() + vl.size() - 1) / vl.size();
            if (it > iterations) iterations = it;
        }
        Script body = Interp.scriptOf(objv[n - 1]);
        for (int it = 0; it < iterations; it++) {
            for (int g = 0; g < groups; g++) {
                TclObj[] vs = vars[g];
                TclList l = lists[g];
                int base = it * vs.length;
                for (int k = 0; k < vs.length; k++) {
                    int idx = base + k;
                    TclObj v = idx < l.size() ? l.get(idx) : TclObj.EMPTY;
                    Var var = in.slotVar(vs[k], true);
                    if (var != null && var.link == null && var.traces == null && var.array == null) var.value = v;
                    else {
                        try {
                            in.writeVar(vs[k].toString(), null, v, null);
                        } catch (TclException e) {
                            if (!CompileContext.inlineBody(in, c, n - 1)) {
                                in.addErrorInfo(e, "\n    (setting foreach loop variable \"" + vs[k] + "\")");
                            }
                            throw e;
                        }
                    }
                }
            }
            try {
                in.execScript(body);
            } catch (TclException e) {
                int code = e.code();
                if (code == TclException.BREAK) break;
                if (code == TclException.CONTINUE) continue;
                in.bodyError(e, c, n - 1, "\"foreach\" body");
                throw e;
            }
            int lc = loopControl(in);
            if (lc == 1) break;
            if (lc == 2) return TclObj.EMPTY;
        }
        return TclObj.EMPTY;
    }
}
