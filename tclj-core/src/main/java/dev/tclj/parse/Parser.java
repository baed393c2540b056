package dev.tclj.parse;

import dev.tclj.Backslash;

import java.util.ArrayList;

/**
 * The script parser: Tcl's twelve syntax rules (Tcl(n)). It turns a script into {@link Script}
 * commands and words once; the interpreter caches the result in the script's value.
 *
 * <p>Errors do not throw: parsing stops at the first bad command and the script records the error
 * (and whether more input could complete it, for {@code info complete}); the commands before it
 * still run, as in Tcl.
 */
public final class Parser {
    private final String s;
    private final int end;
    private int pos;
    private int line;
    /** Position up to which {@link #line} has been counted. */
    private int linePos;

    private String error;
    private boolean incomplete;
    /** Where the syntax error was found (Tcl's parse term), and where its outermost command starts. */
    private int errorTerm = -1;
    private int errorCmdStart = -1;
    private int errorCmdLine = 1;

    /** Records a syntax error found at {@code term} (the first one found stands). */
    private void fail(String message, int term) {
        if (error != null) return;
        error = message;
        errorTerm = term;
    }

    private Parser(String s, int start, int end, int line) {
        this.s = s;
        this.pos = start;
        this.end = end;
        this.line = line;
        this.linePos = start;
    }

    /** Parses a whole script. */
    public static Script parse(String script) {
        Parser p = new Parser(script, 0, script.length(), 1);
        return p.parseScript(false);
    }

    /**
     * Parses a script that Tcl would evaluate without compiling it (a sourced file, the main
     * script, interactive input): every command of it, nested substitutions included, reports
     * itself in errorInfo when it fails.
     */
    public static Script parseUncompiled(String script) {
        Parser p = new Parser(script, 0, script.length(), 1);
        p.uncompiled = true;
        return p.parseScript(false);
    }

    private boolean uncompiled;

    /**
     * Whether the script is complete (Tcl's info complete). Runs the same parser in scan mode,
     * which builds nothing, so that checking every chunk a client sends stays cheap.
     */
    public static boolean isComplete(String script) {
        Parser p = new Parser(script, 0, script.length(), 1);
        p.scanOnly = true;
        p.scratch = new StringBuilder();
        p.parseScript(false);
        return !p.incomplete;
    }

    /** Scan mode: decide structure and errors only; no words, commands or strings are built. */
    private boolean scanOnly;
    /** Where scan mode decodes backslash sequences (their length is all it needs). */
    private StringBuilder scratch;
    private static final Word SCAN_WORD = Word.literal("", false, false);
    private static final Cmd SCAN_CMD = new Cmd(new Word[0], "", 0, 0, 1, false);
    private static final VarRef SCAN_VAR = new VarRef("", null);

    /**
     * Parses a string that is not a script, with substitutions only (subst): returns the parts
     * of one compound word (Strings, {@link VarRef}s and {@link Script}s). On a syntax error,
     * {@code errorOut[0]} gets the message and the parts returned are what Tcl still substitutes
     * before reporting it (TclSubstParse): everything before the bad substitution, and for a bad
     * command substitution, those of its commands that are complete and terminated (by ';' or a
     * newline) before the error.
     */
    public static Object[] parseSubst(String text, boolean backslashes, boolean variables, boolean commands,
                                      String[] errorOut) {
        Parser p = new Parser(text, 0, text.length(), 1);
        ArrayList<Object> parts = new ArrayList<>();
        StringBuilder lit = new StringBuilder();
        while (p.pos < p.end) {
            char c = p.s.charAt(p.pos);
            if (c == '\\' && backslashes) {
                p.pos = Backslash.decode(p.s, p.pos, lit);
            } else if (c == '$' && variables) {
                int save = p.pos;
                VarRef v = p.parseVar();
                if (p.error != null) {
                    // a bad variable substitution is not made at all (not even its index's commands)
                    errorOut[0] = p.error;
                    flush(lit, parts);
                    return parts.toArray();
                }
                if (v == null) { lit.append('$'); p.pos = save + 1; }
                else { flush(lit, parts); parts.add(v); }
            } else if (c == '[' && commands) {
                int open = p.pos;
                p.pos++;
                Script sc = p.parseScript(true);
                flush(lit, parts);
                if (p.error != null) {
                    errorOut[0] = p.error;
                    Script done = completeCommands(text, open + 1);
                    if (done != null) parts.add(done);
                    return parts.toArray();
                }
                parts.add(sc);
            } else {
                lit.append(c);
                p.pos++;
            }
        }
        flush(lit, parts);
        return parts.toArray();
    }

    /**
     * The commands of a bad command substitution that Tcl's subst still runs: those parsed (as
     * top-level commands, where ']' is an ordinary character) and terminated before the error;
     * null if none. A last command cut off by the end of the text does not count.
     */
    private static Script completeCommands(String text, int from) {
        String rest = text.substring(from);
        Script sc = parse(rest);
        Cmd[] cmds = sc.cmds;
        int n = cmds.length;
        if (sc.error == null && n > 0 && cmds[n - 1].end >= rest.length()) n--;
        if (n == 0) return null;
        return new Script(rest, java.util.Arrays.copyOf(cmds, n), null, false);
    }

    private static void flush(StringBuilder lit, ArrayList<Object> parts) {
        if (lit.length() > 0) {
            parts.add(lit.toString());
            lit.setLength(0);
        }
    }

    /** Parses a variable name at {@code text[from]} just after a '$' (used by expr). */
    public static VarRef parseVarAt(String text, int dollar, int[] endOut, String[] errorOut) {
        Parser p = new Parser(text, dollar, text.length(), 1);
        VarRef v = p.parseVar();
        if (p.error != null) { errorOut[0] = p.error; return null; }
        endOut[0] = p.pos;
        return v;
    }

    /** Parses a nested script at {@code text[open]} == '[' (used by expr). */
    public static Script parseBracketAt(String text, int open, int[] endOut, String[] errorOut) {
        Parser p = new Parser(text, open + 1, text.length(), 1);
        Script sc = p.parseScript(true);
        if (p.error != null) { errorOut[0] = p.error; return null; }
        endOut[0] = p.pos;
        return sc;
    }

    /** Parses a quoted string body at {@code text[open]} == '"' (used by expr). */
    public static Word parseQuotedAt(String text, int open, int[] endOut, String[] errorOut) {
        Parser p = new Parser(text, open + 1, text.length(), 1);
        Word w = p.parseTokens(true, false, false);
        if (p.error != null) { errorOut[0] = p.error; return null; }
        if (p.pos >= p.end) { errorOut[0] = "missing \""; return null; }
        endOut[0] = p.pos + 1;
        return w;
    }

    /** Parses a braced string at {@code text[open]} == '{' (used by expr). */
    public static String parseBracedAt(String text, int open, int[] endOut, String[] errorOut) {
        Parser p = new Parser(text, open, text.length(), 1);
        String b = p.parseBraced();
        if (p.error != null) { errorOut[0] = p.error; return null; }
        endOut[0] = p.pos;
        return b;
    }

    // ---- scripts and commands ----

    private Script parseScript(boolean nested) {
        int start = pos;
        ArrayList<Cmd> cmds = new ArrayList<>();
        while (true) {
            Cmd c = parseCommand(nested);
            if (error != null) break;
            if (c != null && !scanOnly) cmds.add(c);
            if (pos >= end) {
                if (nested) {
                    fail("missing close-bracket", start - 1);
                    incomplete = true;
                }
                break;
            }
            if (nested && s.charAt(pos) == ']') {
                pos++;
                break;
            }
        }
        if (scanOnly) return Script.EMPTY;
        String text = s.substring(start, Math.min(pos, end));
        String errorCommand = null;
        if (error != null && errorCmdStart >= 0 && errorTerm >= errorCmdStart) {
            errorCommand = s.substring(errorCmdStart, Math.min(errorTerm + 1, s.length()));
        }
        return new Script(text, cmds.toArray(new Cmd[0]), error, incomplete, errorCommand, errorCmdLine);
    }

    private static boolean isSpace(char c) {
        return c == ' ' || c == '\t' || c == '\u000b' || c == '\f' || c == '\r';
    }

    private int currentLine(int at) {
        for (int i = linePos; i < at; i++) if (s.charAt(i) == '\n') line++;
        linePos = at;
        return line;
    }

    /** Parses one command; returns null if there was none before the end (or ']'). */
    private Cmd parseCommand(boolean nested) {
        // Skip separators and comments between commands.
        while (pos < end) {
            char c = s.charAt(pos);
            if (isSpace(c) || c == '\n' || c == ';') { pos++; continue; }
            if (c == '\\' && pos + 1 < end && s.charAt(pos + 1) == '\n') {
                if (pos + 2 == end) incomplete = true;
                pos += 2;
                continue;
            }
            if (c == '#') { skipComment(); continue; }
            break;
        }
        if (pos >= end) return null;
        if (nested && s.charAt(pos) == ']') return null;
        int start = pos;
        if (scanOnly) return scanCommand(nested);
        int cmdLine = currentLine(start);
        ArrayList<Word> words = new ArrayList<>();
        boolean expansion = false;
        int cmdEnd;
        while (true) {
            skipWordSeparators();
            if (pos >= end) { cmdEnd = pos; break; }
            char c = s.charAt(pos);
            if (c == '\n' || c == ';') { cmdEnd = pos; pos++; break; }
            if (nested && c == ']') { cmdEnd = pos; break; }
            int wordLine = currentLine(pos);
            Word w = parseWord(nested);
            if (error != null) {
                // the outermost failing command is the last to record itself
                errorCmdStart = start;
                errorCmdLine = cmdLine;
                return null;
            }
            w.line = wordLine;
            if (w.expand) expansion = true;
            words.add(w);
        }
        if (words.isEmpty()) return null;
        Cmd cmd = new Cmd(words.toArray(new Word[0]), s, start, cmdEnd, cmdLine, expansion);
        cmd.uncompiled = uncompiled;
        return cmd;
    }

    /**
     * Skips the white space between words, backslash-newline included (which at the very end of
     * the input leaves the command incomplete, as in Tcl).
     */
    private void skipWordSeparators() {
        while (pos < end) {
            char c = s.charAt(pos);
            if (isSpace(c)) { pos++; continue; }
            if (c == '\\' && pos + 1 < end && s.charAt(pos + 1) == '\n') {
                if (pos + 2 == end) incomplete = true;
                pos += 2;
                while (pos < end && isSpace(s.charAt(pos))) pos++;
                continue;
            }
            break;
        }
    }

    /** parseCommand's word loop in scan mode (the same decisions, nothing built). */
    private Cmd scanCommand(boolean nested) {
        while (true) {
            skipWordSeparators();
            if (pos >= end) break;
            char c = s.charAt(pos);
            if (c == '\n' || c == ';') { pos++; break; }
            if (nested && c == ']') break;
            parseWord(nested);
            if (error != null) return null;
        }
        return SCAN_CMD;
    }

    private void skipComment() {
        while (pos < end) {
            char c = s.charAt(pos);
            if (c == '\\') {
                if (pos + 2 == end && s.charAt(pos + 1) == '\n') incomplete = true;
                pos += 2;
                continue;
            }
            if (c == '\n') { pos++; return; }
            pos++;
        }
        if (pos > end) pos = end;
    }

    private boolean atWordEnd(int i, boolean nested) {
        if (i >= end) return true;
        char c = s.charAt(i);
        if (isSpace(c) || c == '\n' || c == ';') return true;
        if (c == '\\' && i + 1 < end && s.charAt(i + 1) == '\n') return true;
        return nested && c == ']';
    }

    private Word parseWord(boolean nested) {
        boolean expand = false;
        if (s.startsWith("{*}", pos) && !atWordEnd(pos + 3, nested)) {
            expand = true;
            pos += 3;
        }
        char c = s.charAt(pos);
        if (c == '{') {
            String body = parseBraced();
            if (error != null) return null;
            if (!atWordEnd(pos, nested)) {
                fail("extra characters after close-brace", pos);
                return null;
            }
            return scanOnly ? SCAN_WORD : Word.literal(body, expand, true);
        }
        if (c == '"') {
            int open = pos;
            pos++;
            Word w = parseTokens(true, false, expand);
            if (error != null) return null;
            if (pos >= end) {
                fail("missing \"", open);
                incomplete = true;
                return null;
            }
            pos++; // closing quote
            if (!atWordEnd(pos, nested)) {
                fail("extra characters after close-quote", pos);
                return null;
            }
            return w;
        }
        return parseTokens(false, nested, expand);
    }

    /**
     * Parses a braced word at pos ('{'); returns its text with backslash-newline sequences replaced
     * by a space, and leaves pos after the closing brace.
     */
    private String parseBraced() {
        int level = 1;
        int i = pos + 1;
        StringBuilder sb = null;
        int copied = i;
        while (i < end) {
            char c = s.charAt(i);
            if (c == '\\') {
                if (i + 1 < end && s.charAt(i + 1) == '\n' && !scanOnly) {
                    if (sb == null) sb = new StringBuilder();
                    sb.append(s, copied, i).append(' ');
                    i += 2;
                    while (i < end && (s.charAt(i) == ' ' || s.charAt(i) == '\t')) i++;
                    copied = i;
                    continue;
                }
                i += 2;
                continue;
            }
            if (c == '{') level++;
            else if (c == '}' && --level == 0) break;
            i++;
        }
        if (i >= end) {
            fail("missing close-brace", pos);
            incomplete = true;
            pos = end;
            return null;
        }
        if (scanOnly) {
            pos = i + 1;
            return "";
        }
        String body;
        if (sb == null) body = s.substring(pos + 1, i);
        else body = sb.append(s, copied, i).toString();
        pos = i + 1;
        return body;
    }

    /**
     * Parses the substitutions of a bare word (until whitespace or a terminator) or a quoted word
     * (until the closing quote, left at pos).
     */
    private Word parseTokens(boolean quoted, boolean nested, boolean expand) {
        if (scanOnly) return scanTokens(quoted, nested);
        ArrayList<Object> parts = null;
        StringBuilder lit = new StringBuilder();
        int litStart = pos;
        boolean plain = true; // lit equals s[litStart, pos)
        while (pos < end) {
            char c = s.charAt(pos);
            if (quoted) {
                if (c == '"') break;
            } else if (isSpace(c) || c == '\n' || c == ';' || (nested && c == ']')) {
                break;
            }
            if (c == '\\') {
                if (!quoted && pos + 1 < end && s.charAt(pos + 1) == '\n') break;
                if (plain) { lit.append(s, litStart, pos); plain = false; }
                pos = Backslash.decode(s, pos, lit);
                continue;
            }
            if (c == '$') {
                int save = pos;
                VarRef v = parseVar();
                if (error != null) return null;
                if (v == null) {
                    pos = save + 1;
                    if (!plain) lit.append('$');
                    continue;
                }
                if (plain) { lit.append(s, litStart, save); plain = false; }
                if (parts == null) parts = new ArrayList<>(4);
                flush(lit, parts);
                parts.add(v);
                continue;
            }
            if (c == '[') {
                if (plain) { lit.append(s, litStart, pos); plain = false; }
                pos++;
                Script sc = parseScript(true);
                if (error != null) return null;
                if (parts == null) parts = new ArrayList<>(4);
                flush(lit, parts);
                parts.add(sc);
                continue;
            }
            if (!plain) lit.append(c);
            pos++;
        }
        if (plain) lit.append(s, litStart, pos);
        if (parts == null) return Word.literal(lit.toString(), expand, false);
        flush(lit, parts);
        return Word.of(parts.toArray(), expand);
    }

    /** parseTokens in scan mode. */
    private Word scanTokens(boolean quoted, boolean nested) {
        while (pos < end) {
            char c = s.charAt(pos);
            if (quoted) {
                if (c == '"') break;
            } else if (isSpace(c) || c == '\n' || c == ';' || (nested && c == ']')) {
                break;
            }
            if (c == '\\') {
                if (!quoted && pos + 1 < end && s.charAt(pos + 1) == '\n') break;
                scratch.setLength(0);
                pos = Backslash.decode(s, pos, scratch);
                continue;
            }
            if (c == '$') {
                int save = pos;
                VarRef v = parseVar();
                if (error != null) return null;
                if (v == null) pos = save + 1;
                continue;
            }
            if (c == '[') {
                pos++;
                parseScript(true);
                if (error != null) return null;
                continue;
            }
            pos++;
        }
        return SCAN_WORD;
    }

    private static boolean isVarChar(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
    }

    /**
     * Parses a variable reference at pos ('$'). Returns null (pos unchanged) when the '$' does not
     * start a variable name and is literal.
     */
    private VarRef parseVar() {
        int start = pos;
        int i = pos + 1;
        if (i < end && s.charAt(i) == '{') {
            int j = s.indexOf('}', i + 1);
            if (j < 0 || j >= end) {
                fail("missing close-brace for variable name", i);
                incomplete = true;
                pos = end;
                return null;
            }
            pos = j + 1;
            return scanOnly ? SCAN_VAR : new VarRef(s.substring(i + 1, j), null);
        }
        int j = i;
        while (j < end) {
            char c = s.charAt(j);
            if (isVarChar(c)) { j++; continue; }
            if (c == ':' && j + 1 < end && s.charAt(j + 1) == ':') {
                j += 2;
                while (j < end && s.charAt(j) == ':') j++;
                continue;
            }
            break;
        }
        if (j == i && !(j < end && s.charAt(j) == '(')) {
            // "$" alone is literal; "$(x)" names an element of the array whose name is empty
            pos = start;
            return null;
        }
        if (scanOnly) {
            if (j < end && s.charAt(j) == '(') {
                pos = j + 1;
                scanIndex();
                return error != null ? null : SCAN_VAR;
            }
            pos = j;
            return SCAN_VAR;
        }
        String name = s.substring(i, j);
        if (j < end && s.charAt(j) == '(') {
            pos = j + 1;
            Word idx = parseIndex();
            if (error != null) return null;
            return new VarRef(name, idx);
        }
        pos = j;
        return new VarRef(name, null);
    }

    /** parseIndex in scan mode. */
    private void scanIndex() {
        int open = pos - 1;
        while (pos < end) {
            char c = s.charAt(pos);
            if (c == ')') { pos++; return; }
            if (c == '\\') { scratch.setLength(0); pos = Backslash.decode(s, pos, scratch); continue; }
            if (c == '$') {
                int save = pos;
                VarRef v = parseVar();
                if (error != null) return;
                if (v == null) pos = save + 1;
                continue;
            }
            if (c == '[') {
                pos++;
                parseScript(true);
                if (error != null) return;
                continue;
            }
            pos++;
        }
        fail("missing )", open);
        incomplete = true;
    }

    /** Parses an array index up to ')' with substitutions; leaves pos after ')'. */
    private Word parseIndex() {
        int open = pos - 1;
        ArrayList<Object> parts = new ArrayList<>();
        StringBuilder lit = new StringBuilder();
        while (pos < end) {
            char c = s.charAt(pos);
            if (c == ')') {
                pos++;
                flush(lit, parts);
                return Word.of(parts.toArray(), false);
            }
            if (c == '\\') { pos = Backslash.decode(s, pos, lit); continue; }
            if (c == '$') {
                int save = pos;
                VarRef v = parseVar();
                if (error != null) return null;
                if (v == null) { lit.append('$'); pos = save + 1; continue; }
                flush(lit, parts);
                parts.add(v);
                continue;
            }
            if (c == '[') {
                pos++;
                Script sc = parseScript(true);
                if (error != null) return null;
                flush(lit, parts);
                parts.add(sc);
                continue;
            }
            lit.append(c);
            pos++;
        }
        fail("missing )", open);
        incomplete = true;
        return null;
    }
}
