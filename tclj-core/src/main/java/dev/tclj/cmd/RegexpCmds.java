package dev.tclj.cmd;

import dev.tclj.Index;
import dev.tclj.Interp;
import dev.tclj.TclException;
import dev.tclj.TclList;
import dev.tclj.TclObj;
import dev.tclj.regex.RegexMatcher;
import dev.tclj.regex.TclRegex;

import java.util.List;

/**
 * The regexp and regsub commands (Tcl 8.6), on the {@link TclRegex} engine. Both follow
 * tclCmdMZ.c's loops exactly: options must be spelled in full, -start takes an index (end counts
 * as the string's length), each search sees the string from the current offset with ^ allowed
 * there only at a line start, and an empty match advances the offset by one.
 */
public final class RegexpCmds {
    private RegexpCmds() {}

    public static void register(Interp interp) {
        interp.createCommand("regexp", RegexpCmds::regexp);
        interp.createCommand("regsub", RegexpCmds::regsub);
    }

    private static final String[] REGEXP_OPTIONS = {
        "-all", "-about", "-indices", "-inline", "-expanded", "-line", "-linestop", "-lineanchor",
        "-nocase", "-start", "--"
    };
    private static final String[] REGSUB_OPTIONS = {
        "-all", "-nocase", "-expanded", "-line", "-linestop", "-lineanchor", "-start", "--"
    };

    /** Tcl_GetIndexFromObj with TCL_EXACT: no abbreviations. */
    private static String exactOption(TclObj word, String[] options) throws TclException {
        String w = word.toString();
        for (String o : options) if (o.equals(w)) return o;
        StringBuilder sb = new StringBuilder("bad option \"").append(w).append("\": must be ");
        Subcommands.appendChoices(sb, List.of(options));
        throw TclException.error(sb.toString(), "TCL", "LOOKUP", "INDEX", "option", w);
    }

    /** Whether a search from offset must not treat the offset as a line start (Tcl's TCL_REG_NOTBOL rule). */
    private static boolean notBol(String s, int offset) {
        if (offset == 0) return false;
        if (offset > s.length()) return true;
        return s.charAt(offset - 1) != '\n';
    }

    private static TclObj regexp(Interp interp, TclObj[] objv) throws TclException {
        boolean indices = false, about = false, all = false, doInline = false;
        int cflags = TclRegex.ADVANCED;
        TclObj startIndex = null;
        int i;
        options:
        for (i = 1; i < objv.length; i++) {
            String name = objv[i].toString();
            if (!name.startsWith("-")) break;
            switch (exactOption(objv[i], REGEXP_OPTIONS)) {
                case "-all": all = true; break;
                case "-about": about = true; break;
                case "-indices": indices = true; break;
                case "-inline": doInline = true; break;
                case "-expanded": cflags |= TclRegex.EXPANDED; break;
                case "-line": cflags |= TclRegex.NEWLINE; break;
                case "-linestop": cflags |= TclRegex.NLSTOP; break;
                case "-lineanchor": cflags |= TclRegex.NLANCH; break;
                case "-nocase": cflags |= TclRegex.ICASE; break;
                case "-start":
                    if (++i >= objv.length) break options;
                    Index.get(objv[i], 0);
                    startIndex = objv[i];
                    break;
                default:
                    i++;
                    break options;
            }
        }
        int left = objv.length - i;
        if (left < (about ? 1 : 2)) {
            throw TclException.wrongArgs(objv, 1, "?-option ...? exp string ?matchVar? ?subMatchVar ...?");
        }
        int nvars = left - 2;
        if (doInline && nvars != 0) {
            throw TclException.error("regexp match variables not allowed when using -inline",
                    "TCL", "OPERATION", "REGEXP", "MIX_VAR_INLINE");
        }
        if (about) {
            TclRegex re = TclRegex.fromObj(objv[i], cflags);
            TclObj[] flagWords = re.aboutFlags().stream().map(TclObj::of).toArray(TclObj[]::new);
            return TclObj.ofList(TclObj.of(re.groupCount()), TclObj.ofList(flagWords));
        }
        TclObj subject = objv[i + 1];
        String s = subject.toString();
        int length = s.length();
        int offset = 0;
        if (startIndex != null) {
            offset = Index.get(startIndex, length);
            if (offset < 0) offset = 0;
        }
        TclRegex re = TclRegex.fromObj(objv[i], cflags);
        int firstVar = i + 2;
        int saved = doInline ? -1 : nvars == 0 ? (all ? 1 : 0) : nvars;
        int wanted = saved == 0 ? RegexMatcher.MATCH_ONLY : saved == 1 ? RegexMatcher.EXTENT : RegexMatcher.ALL_GROUPS;
        RegexMatcher m = re.matcher(s);
        int nsubs = re.groupCount();
        int count = 0;
        TclList result = TclList.EMPTY;
        // Past the end, the search runs at the end but Tcl reports indices from the given offset.
        int shift = offset > length ? offset - length : 0;
        while (true) {
            if (!m.find(offset, notBol(s, offset), wanted)) {
                if (count == 0) return doInline ? TclObj.EMPTY : TclObj.of(0);
                break;
            }
            int n = doInline ? nsubs + 1 : nvars;
            for (int k = 0; k < n; k++) {
                TclObj v;
                if (indices) {
                    int st = -1, en = -1;
                    if (k <= nsubs && m.start(k) >= 0) {
                        st = m.start(k) + shift;
                        en = m.end(k) - 1 + shift;
                    }
                    v = TclObj.ofList(TclObj.of(st), TclObj.of(en));
                } else if (k <= nsubs && m.start(k) >= 0) {
                    v = TclObj.of(s.substring(m.start(k), m.end(k)));
                } else {
                    v = TclObj.EMPTY;
                }
                if (doInline) result = result.append(v);
                else interp.setVar(objv[firstVar + k].toString(), v);
            }
            count++;
            if (!all) break;
            int end = m.end(0);
            offset = m.start(0) == end ? end + 1 : end;
            if (offset >= length) break;
        }
        if (doInline) return TclObj.ofList(result);
        return TclObj.of(all ? count : 1);
    }

    private static TclObj regsub(Interp interp, TclObj[] objv) throws TclException {
        boolean all = false;
        int cflags = TclRegex.ADVANCED;
        TclObj startIndex = null;
        int idx;
        options:
        for (idx = 1; idx < objv.length; idx++) {
            String name = objv[idx].toString();
            if (!name.startsWith("-")) break;
            switch (exactOption(objv[idx], REGSUB_OPTIONS)) {
                case "-all": all = true; break;
                case "-nocase": cflags |= TclRegex.ICASE; break;
                case "-expanded": cflags |= TclRegex.EXPANDED; break;
                case "-line": cflags |= TclRegex.NEWLINE; break;
                case "-linestop": cflags |= TclRegex.NLSTOP; break;
                case "-lineanchor": cflags |= TclRegex.NLANCH; break;
                case "-start":
                    if (++idx >= objv.length) break options;
                    Index.get(objv[idx], 0);
                    startIndex = objv[idx];
                    break;
                default:
                    idx++;
                    break options;
            }
        }
        int left = objv.length - idx;
        if (left < 3 || left > 4) {
            throw TclException.wrongArgs(objv, 1, "?-option ...? exp string subSpec ?varName?");
        }
        TclObj patObj = objv[idx], strObj = objv[idx + 1], subObj = objv[idx + 2];
        String s = strObj.toString();
        int offset = 0;
        if (startIndex != null) {
            offset = Index.get(startIndex, s.length());
            if (offset < 0) offset = 0;
        }
        String spec = subObj.toString();
        String pat = patObj.toString();
        TclObj result;
        int count;
        if (all && offset == 0 && spec.indexOf('&') < 0 && spec.indexOf('\\') < 0 && isPlain(pat)) {
            // Tcl replaces a plain string without the regex engine, with string-map semantics
            // (no empty match after the last char, and -expanded has no effect).
            StringBuilder out = new StringBuilder();
            count = replaceLiteral(s, pat, spec, (cflags & TclRegex.ICASE) != 0, out);
            result = count == 0 ? strObj : TclObj.of(out.toString());
        } else {
            TclRegex re = TclRegex.fromObj(patObj, cflags);
            StringBuilder out = null;
            RegexMatcher m = re.matcher(s);
            int nsubs = re.groupCount();
            int wlen = s.length();
            count = 0;
            while (offset <= wlen) {
                boolean notbol = offset > 0 && s.charAt(offset - 1) != '\n';
                if (!m.find(offset, notbol, RegexMatcher.ALL_GROUPS)) break;
                if (count == 0) {
                    out = new StringBuilder(wlen + 16);
                    out.append(s, 0, offset);
                }
                count++;
                int start = m.start(0), end = m.end(0);
                out.append(s, offset, start);
                appendSubstitution(out, spec, m, nsubs);
                if (end == offset) {
                    // An empty match at the offset: copy one char and move past it.
                    if (offset < wlen) out.append(s.charAt(offset));
                    offset++;
                } else {
                    offset = end;
                    if (start == end) {
                        if (offset < wlen) out.append(s.charAt(offset));
                        offset++;
                    }
                }
                if (!all) break;
            }
            if (count == 0) {
                result = strObj;
            } else {
                if (offset < wlen) out.append(s, offset, wlen);
                result = TclObj.of(out.toString());
            }
        }
        if (left == 4) {
            interp.setVar(objv[idx + 3].toString(), result);
            return TclObj.of(count);
        }
        return result;
    }

    /** A pattern regsub -all may treat as a plain string: none of Tcl's special characters. */
    private static boolean isPlain(String pat) {
        for (int i = 0; i < pat.length(); i++) if ("*+?{}()[].\\|^$".indexOf(pat.charAt(i)) >= 0) return false;
        return true;
    }

    /**
     * Replaces every occurrence of pat in s with rep (left to right, not overlapping); an empty
     * pattern inserts rep before each char. Returns the count.
     */
    private static int replaceLiteral(String s, String pat, String rep, boolean nocase, StringBuilder out) {
        int slen = pat.length(), wlen = s.length();
        int count = 0;
        if (slen == 0) {
            for (int i = 0; i < wlen; i++) {
                out.append(rep).append(s.charAt(i));
                count++;
            }
            return count;
        }
        int p = 0;
        for (int i = 0; i + slen <= wlen; i++) {
            if (regionEquals(s, i, pat, nocase)) {
                out.append(s, p, i).append(rep);
                p = i + slen;
                i = p - 1;
                count++;
            }
        }
        if (count > 0) out.append(s, p, wlen);
        return count;
    }

    private static boolean regionEquals(String s, int at, String pat, boolean nocase) {
        for (int j = 0; j < pat.length(); j++) {
            char a = s.charAt(at + j), b = pat.charAt(j);
            if (a != b && (!nocase || TclRegex.foldCase(a) != TclRegex.foldCase(b))) return false;
        }
        return true;
    }

    /** Appends subSpec with & and \0..\9 replaced by the match and its groups, \& and \\ by the char. */
    private static void appendSubstitution(StringBuilder out, String spec, RegexMatcher m, int nsubs) {
        int n = spec.length();
        for (int i = 0; i < n; i++) {
            char c = spec.charAt(i);
            int group;
            if (c == '&') {
                group = 0;
            } else if (c == '\\' && i + 1 < n) {
                char d = spec.charAt(i + 1);
                if (d >= '0' && d <= '9') {
                    group = d - '0';
                    i++;
                } else if (d == '\\' || d == '&') {
                    out.append(d);
                    i++;
                    continue;
                } else {
                    out.append(c);
                    continue;
                }
            } else {
                out.append(c);
                continue;
            }
            if (group <= nsubs && m.start(group) >= 0) out.append(m.text(), m.start(group), m.end(group));
        }
    }
}
