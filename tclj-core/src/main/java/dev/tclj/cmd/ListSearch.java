package dev.tclj.cmd;

import dev.tclj.Glob;
import dev.tclj.Index;
import dev.tclj.Interp;
import dev.tclj.TclException;
import dev.tclj.TclList;
import dev.tclj.TclObj;

import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * The lsearch command: linear search by glob, exact, regexp (java.util.regex for now) or typed
 * equality, and binary search (-sorted, -bisect) with the comparisons of {@link ListSort}.
 */
final class ListSearch {
    private ListSearch() {}

    private static final String[] OPTIONS = {
        "-all", "-ascii", "-bisect", "-decreasing", "-dictionary", "-exact", "-glob", "-increasing",
        "-index", "-inline", "-integer", "-nocase", "-not", "-real", "-regexp", "-sorted", "-start",
        "-subindices"
    };

    private static final int GLOB = 0, EXACT = 1, REGEXP = 2, SORTED = 3;

    static TclObj lsearch(Interp interp, TclObj[] objv) throws TclException {
        int objc = objv.length;
        if (objc < 3) throw TclException.wrongArgs(objv, 1, "?-option value ...? list pattern");
        int mode = GLOB, type = ListSort.ASCII;
        boolean increasing = true, all = false, inline = false, subindices = false, not = false;
        boolean bisect = false, nocase = false;
        TclObj start = null;
        Index[] index = null;
        for (int i = 1; i < objc - 2; i++) {
            switch (Subcommands.index(objv[i], OPTIONS, "option")) {
                case 0 -> all = true;
                case 1 -> type = ListSort.ASCII;
                case 2 -> { mode = SORTED; bisect = true; }
                case 3 -> increasing = false;
                case 4 -> type = ListSort.DICTIONARY;
                case 5 -> mode = EXACT;
                case 6 -> mode = GLOB;
                case 7 -> increasing = true;
                case 8 -> {
                    if (i > objc - 4) {
                        throw TclException.error("\"-index\" option must be followed by list index", "TCL", "ARGUMENT", "MISSING");
                    }
                    index = ListSort.encodeIndices(interp, objv[++i]);
                }
                case 9 -> inline = true;
                case 10 -> type = ListSort.INTEGER;
                case 11 -> nocase = true;
                case 12 -> not = true;
                case 13 -> type = ListSort.REAL;
                case 14 -> mode = REGEXP;
                case 15 -> mode = SORTED;
                case 16 -> {
                    if (i > objc - 4) throw TclException.error("missing starting index", "TCL", "ARGUMENT", "MISSING");
                    start = objv[++i];
                }
                case 17 -> subindices = true;
                default -> throw new IllegalStateException();
            }
        }
        if (index != null && index.length == 0) index = null;
        if (subindices && index == null) {
            throw TclException.error("-subindices cannot be used without -index option", "TCL", "OPERATION", "LSEARCH", "BAD_OPTION_MIX");
        }
        if (bisect && (all || not)) {
            throw TclException.error("-bisect is not compatible with -all or -not", "TCL", "OPERATION", "LSEARCH", "BAD_OPTION_MIX");
        }
        TclObj patObj = objv[objc - 1];
        Pattern regex = mode == REGEXP ? compileRegexp(patObj.toString(), nocase) : null;
        TclList list = objv[objc - 2].asList();
        int listc = list.size();
        int offset = 0;
        if (start != null) {
            offset = Index.get(start, listc - 1);
            if (offset < 0) offset = 0;
            if (offset > listc - 1) return all || inline ? TclObj.EMPTY : TclObj.of(-1);
        }
        String pattern = null;
        long patWide = 0;
        double patDouble = 0;
        if ((mode == EXACT || mode == SORTED) && type == ListSort.INTEGER) patWide = ListSort.wideInt(patObj);
        else if ((mode == EXACT || mode == SORTED) && type == ListSort.REAL) patDouble = ListSort.realValue(patObj);
        else pattern = patObj.toString();
        TclObj[] items = list.rawArray();

        int found = -1;
        TclList results = null;
        if (mode == SORTED && !all && !not) {
            int lower = offset - 1, upper = listc;
            while (lower + 1 != upper) {
                int i = (lower + upper) >>> 1;
                TclObj item = index != null ? ListSort.selectFromSublist(items[i], index) : items[i];
                int match;
                switch (type) {
                    case ListSort.ASCII -> match = nocase ? ListSort.compareNocase(pattern, item.toString())
                            : pattern.compareTo(item.toString());
                    case ListSort.DICTIONARY -> match = ListSort.dictionaryCompare(pattern, item.toString());
                    case ListSort.INTEGER -> match = Long.compare(patWide, ListSort.wideInt(item));
                    default -> {
                        double d = ListSort.realValue(item);
                        match = patDouble == d ? 0 : patDouble < d ? -1 : 1;
                    }
                }
                if (match == 0) {
                    // The first of equal elements (the last one with -bisect).
                    found = i;
                    if (bisect) lower = i; else upper = i;
                } else if (match > 0) {
                    if (increasing) lower = i; else upper = i;
                } else {
                    if (increasing) upper = i; else lower = i;
                }
            }
            if (bisect && found < 0) found = lower;
        } else {
            if (all) results = TclList.EMPTY;
            for (int i = offset; i < listc; i++) {
                TclObj item = index != null ? ListSort.selectFromSublist(items[i], index) : items[i];
                boolean match;
                switch (mode) {
                    case GLOB -> match = Glob.match(pattern, item.toString(), nocase);
                    case REGEXP -> match = regex.matcher(item.toString()).find();
                    default -> {
                        switch (type) {
                            case ListSort.ASCII -> {
                                String s = item.toString();
                                match = s.length() == pattern.length()
                                        && (nocase ? ListSort.compareNocase(s, pattern) == 0 : s.equals(pattern));
                            }
                            case ListSort.DICTIONARY -> match = ListSort.dictionaryCompare(item.toString(), pattern) == 0;
                            case ListSort.INTEGER -> match = ListSort.wideInt(item) == patWide;
                            default -> match = ListSort.realValue(item) == patDouble;
                        }
                    }
                }
                if (not) match = !match;
                if (!match) continue;
                if (!all) {
                    found = i;
                    break;
                }
                if (inline) {
                    results = results.append(subindices ? item : items[i]);
                } else if (subindices) {
                    results = results.append(indexPath(i, index, listc));
                } else {
                    results = results.append(TclObj.of(i));
                }
            }
        }
        if (all) return TclObj.ofList(results);
        if (!inline) return subindices ? indexPath(found, index, listc) : TclObj.of(found);
        // (Tcl 8.6 ignores -subindices here, unlike with -all.)
        return found < 0 ? TclObj.EMPTY : items[found];
    }

    /**
     * The -subindices result: i followed by the -index path, each index resolved with "end" meaning
     * the outer list's length (as Tcl 8.6 does).
     */
    private static TclObj indexPath(int i, Index[] index, int listc) {
        TclObj[] a = new TclObj[index.length + 1];
        a[0] = TclObj.of(i);
        for (int j = 0; j < index.length; j++) a[j + 1] = TclObj.of(index[j].resolve(listc));
        return TclObj.ofList(new TclList(a, a.length));
    }

    /** Compiles a -regexp pattern, with Tcl's message for the common syntax errors. */
    static Pattern compileRegexp(String re, boolean nocase) throws TclException {
        try {
            return Pattern.compile(re, nocase ? Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE : 0);
        } catch (PatternSyntaxException e) {
            String d = e.getDescription();
            String msg, code;
            if (d.startsWith("Unclosed group") || d.startsWith("Unmatched closing")) {
                msg = "parentheses () not balanced"; code = "REG_EPAREN";
            } else if (d.startsWith("Unclosed character class")) {
                msg = "brackets [] not balanced"; code = "REG_EBRACK";
            } else if (d.startsWith("Dangling meta character")) {
                msg = "quantifier operand invalid"; code = "REG_BADRPT";
            } else if (d.startsWith("Illegal repetition") || d.startsWith("Unclosed counted closure")) {
                msg = "braces {} not balanced"; code = "REG_EBRACE";
            } else if (d.startsWith("Illegal character range")) {
                msg = "invalid character range"; code = "REG_ERANGE";
            } else if (d.startsWith("Unexpected internal error") || d.contains("escape")) {
                msg = "invalid escape \\ sequence"; code = "REG_EESCAPE";
            } else {
                msg = "invalid regular expression"; code = "REG_BADPAT";
            }
            throw TclException.error("couldn't compile regular expression pattern: " + msg, "REGEXP", code, msg);
        }
    }
}
