package dev.tclj.io;

import dev.tclj.Glob;
import dev.tclj.TclException;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * File name matching for the glob command (Tcl's DoGlob): brace alternatives are expanded first,
 * then the pattern is matched one path component at a time against directory listings, in the
 * order the directory lists its entries. Names starting with a dot match only a pattern that
 * starts with one (or with -types hidden). A pattern ending in / matches directories only.
 * -types filters the final matches: the type letters (b c d f l p s) are alternatives, the
 * permissions (r w x, readonly, hidden) must all hold.
 */
public final class FileGlob {
    public static final int TYPE_BLOCK = 1, TYPE_CHAR = 2, TYPE_DIR = 4, TYPE_PIPE = 8, TYPE_FILE = 16,
            TYPE_LINK = 32, TYPE_SOCK = 64;
    public static final int PERM_R = 1, PERM_W = 2, PERM_X = 4, PERM_HIDDEN = 8, PERM_RONLY = 16;

    private final int types, perms;
    private final boolean tails;
    /** Matches found: the name to return. */
    private final List<String> results;

    /**
     * @param types  TYPE_* bits (0: any type)
     * @param perms  PERM_* bits
     * @param tails  return names relative to the base given to {@link #glob}
     */
    public FileGlob(int types, int perms, boolean tails, List<String> results) {
        this.types = types;
        this.perms = perms;
        this.tails = tails;
        this.results = results;
    }

    /**
     * Adds the names matching pattern to the results. {@code base} is the directory prefix the
     * names are relative to (null: the current directory, or the pattern is absolute).
     */
    public void glob(String base, String pattern) throws TclException {
        for (String p : expandBraces(pattern)) globOne(base, p);
    }

    /** Expands {a,b} alternatives, left to right; Tcl's errors for unbalanced braces. */
    static List<String> expandBraces(String pattern) throws TclException {
        List<String> out = new ArrayList<>();
        expand(pattern, out);
        return out;
    }

    private static void expand(String p, List<String> out) throws TclException {
        int open = -1;
        for (int i = 0; i < p.length(); i++) {
            char c = p.charAt(i);
            if (c == '\\') {
                i++;
                continue;
            }
            if (c == '}') throw TclException.error("unmatched close-brace in file name", "TCL", "OPERATION", "GLOB", "BALANCE");
            if (c == '{') {
                open = i;
                break;
            }
        }
        if (open < 0) {
            out.add(p);
            return;
        }
        List<Integer> commas = new ArrayList<>();
        int depth = 0, close = -1;
        for (int i = open + 1; i < p.length(); i++) {
            char c = p.charAt(i);
            if (c == '\\') {
                i++;
                continue;
            }
            if (c == '{') depth++;
            else if (c == '}') {
                if (depth == 0) {
                    close = i;
                    break;
                }
                depth--;
            } else if (c == ',' && depth == 0) {
                commas.add(i);
            }
        }
        if (close < 0) throw TclException.error("unmatched open-brace in file name", "TCL", "OPERATION", "GLOB", "BALANCE");
        String head = p.substring(0, open), tail = p.substring(close + 1);
        int from = open + 1;
        commas.add(close);
        for (int k : commas) {
            expand(head + p.substring(from, k) + tail, out);
            from = k + 1;
        }
    }

    private static boolean hasSpecial(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '*' || c == '?' || c == '[' || c == '\\') return true;
        }
        return false;
    }

    private void globOne(String base, String pattern) throws TclException {
        String prefix;   // the result text of the part matched so far
        Path dir;        // the directory it names
        String rest = pattern;
        if (pattern.startsWith("~") && base == null) {
            int slash = pattern.indexOf('/');
            String user = slash < 0 ? pattern.substring(1) : pattern.substring(1, slash);
            String home;
            try {
                home = TclPath.home(user);
            } catch (TclException e) {
                if (user.isEmpty()) throw e;
                throw TclException.error("user \"" + user + "\" doesn't exist", "TCL", "LOOKUP", "USER", user);
            }
            rest = slash < 0 ? "" : pattern.substring(slash + 1);
            while (rest.startsWith("/")) rest = rest.substring(1);
            prefix = home;
            dir = TclPath.resolve(TclPath.cwd(), home);
            if (rest.isEmpty()) {
                if (Files.exists(dir, LinkOption.NOFOLLOW_LINKS)) addResult(home, home);
                return;
            }
        } else if (pattern.startsWith("/")) {
            prefix = "/";
            dir = Path.of("/");
            while (rest.startsWith("/")) rest = rest.substring(1);
            if (rest.isEmpty()) {
                addResult("/", "/");
                return;
            }
        } else if (base != null && !base.isEmpty()) {
            prefix = base;
            dir = TclPath.resolve(base);
        } else {
            prefix = base == null ? "" : base;
            dir = TclPath.cwd();
        }
        boolean dirOnly = rest.endsWith("/");
        List<String> comps = new ArrayList<>();
        for (String c : rest.split("/")) if (!c.isEmpty()) comps.add(c);
        if (comps.isEmpty()) return;
        match(prefix, "", dir, comps, 0, dirOnly);
    }

    private static String append(String prefix, String name) {
        if (prefix.isEmpty()) return name;
        if (prefix.endsWith("/")) return prefix + name;
        return prefix + "/" + name;
    }

    /** Matches comps[k..] under dir; prefix is the result text so far, tail the part after base. */
    private void match(String prefix, String tail, Path dir, List<String> comps, int k, boolean dirOnly) throws TclException {
        String comp = comps.get(k);
        boolean last = k == comps.size() - 1;
        if (!hasSpecial(comp)) {
            Path p = TclPath.resolve(dir, comp);
            String np = append(prefix, comp), nt = append(tail, comp);
            if (last) {
                if (dirOnly ? Files.isDirectory(p) : Files.exists(p, LinkOption.NOFOLLOW_LINKS)) {
                    if (matchesTypes(p, comp)) addResult(dirOnly ? np + "/" : np, dirOnly ? nt + "/" : nt);
                }
            } else if (Files.isDirectory(p)) {
                match(np, nt, p, comps, k + 1, dirOnly);
            }
            return;
        }
        if (!Files.isDirectory(dir)) return;
        boolean hidden = comp.startsWith(".") || comp.startsWith("\\.") || (perms & PERM_HIDDEN) != 0;
        List<String> names = new ArrayList<>();
        if (hidden) {
            names.add(".");
            names.add("..");
        }
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir)) {
            for (Path e : ds) names.add(e.getFileName().toString());
        } catch (IOException e) {
            return; // an unreadable directory matches nothing, as in Tcl
        }
        for (String name : names) {
            if (name.startsWith(".") && !hidden) continue;
            if (!Glob.match(comp, name, false)) continue;
            Path p = dir.resolve(name);
            String np = append(prefix, name), nt = append(tail, name);
            if (last) {
                if (dirOnly) {
                    if (Files.isDirectory(p) && matchesTypes(p, name)) addResult(np + "/", nt + "/");
                } else if (matchesTypes(p, name)) {
                    addResult(np, nt);
                }
            } else if (Files.isDirectory(p)) {
                match(np, nt, p, comps, k + 1, dirOnly);
            }
        }
    }

    private void addResult(String full, String tail) {
        results.add(tails ? tail : full);
    }

    /** NativeMatchType: permissions all hold, and the type is one of those asked for. */
    private boolean matchesTypes(Path p, String name) {
        if (types == 0 && perms == 0) return true;
        if (perms != 0) {
            if (!Files.exists(p)) return false;
            if ((perms & PERM_RONLY) != 0) {
                try {
                    int mode = ((Number) Files.getAttribute(p, "unix:mode")).intValue();
                    if ((mode & 0222) != 0) return false;
                } catch (IOException | RuntimeException e) {
                    return false;
                }
            }
            if ((perms & PERM_R) != 0 && !Files.isReadable(p)) return false;
            if ((perms & PERM_W) != 0 && !Files.isWritable(p)) return false;
            if ((perms & PERM_X) != 0 && !Files.isExecutable(p)) return false;
            if ((perms & PERM_HIDDEN) != 0 && !name.startsWith(".")) return false;
        }
        if (types != 0) {
            int mode;
            try {
                mode = ((Number) Files.getAttribute(p, "unix:mode")).intValue();
            } catch (IOException | RuntimeException e) {
                return (types & TYPE_LINK) != 0 && Files.isSymbolicLink(p);
            }
            int fmt = mode & 0170000;
            boolean ok = ((types & TYPE_BLOCK) != 0 && fmt == 0060000)
                    || ((types & TYPE_CHAR) != 0 && fmt == 0020000)
                    || ((types & TYPE_DIR) != 0 && fmt == 0040000)
                    || ((types & TYPE_PIPE) != 0 && fmt == 0010000)
                    || ((types & TYPE_FILE) != 0 && fmt == 0100000)
                    || ((types & TYPE_SOCK) != 0 && fmt == 0140000);
            if (!ok) return (types & TYPE_LINK) != 0 && Files.isSymbolicLink(p);
        }
        return true;
    }
}
