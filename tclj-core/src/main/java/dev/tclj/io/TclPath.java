package dev.tclj.io;

import dev.tclj.TclException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Tcl's file names on Unix: splitting and joining ({@code file split/join}, with {@code ~user}
 * components), the parts of a name (dirname, tail, extension, rootname), tilde expansion, and the
 * process's current directory. The JVM cannot change its working directory, so {@code cd} moves
 * this one and every command that touches the file system resolves relative names against it.
 */
public final class TclPath {
    private TclPath() {}

    private static volatile Path cwd = Path.of("").toAbsolutePath().normalize();

    /** The current directory (pwd). */
    public static Path cwd() { return cwd; }

    public static void setCwd(Path p) { cwd = p; }

    /** Whether a name is absolute: it starts with / or ~. */
    public static boolean isAbsolute(String name) {
        return name.startsWith("/") || name.startsWith("~");
    }

    /** The home directory of ~ or ~user; Tcl's error when there is no such user. */
    public static String home(String user) throws TclException {
        if (user.isEmpty()) {
            String h = System.getenv("HOME");
            if (h == null) h = System.getProperty("user.home");
            if (h == null) {
                throw TclException.error("couldn't find HOME environment variable to expand path", "TCL", "VALUE", "PATH", "HOMELESS");
            }
            return h;
        }
        String h = passwdHome(user);
        if (h == null) throw TclException.error("user \"" + user + "\" doesn't exist", "TCL", "VALUE", "PATH", "NOUSER");
        return h;
    }

    /** Looks a user's home directory up in /etc/passwd (Java has no getpwnam). */
    private static String passwdHome(String user) {
        try {
            for (String line : Files.readAllLines(Path.of("/etc/passwd"), java.nio.charset.StandardCharsets.ISO_8859_1)) {
                String[] f = line.split(":", -1);
                if (f.length >= 6 && f[0].equals(user)) return f[5];
            }
        } catch (IOException | RuntimeException e) {
            // no passwd file: no such user
        }
        return null;
    }

    /** Replaces a leading ~ or ~user by the home directory. */
    public static String expandTilde(String name) throws TclException {
        if (!name.startsWith("~")) return name;
        int slash = name.indexOf('/');
        String user = slash < 0 ? name.substring(1) : name.substring(1, slash);
        String h = home(user);
        if (slash < 0) return h;
        String rest = name.substring(slash);
        return h.endsWith("/") ? h + rest.substring(1) : h + rest;
    }

    /**
     * What the empty name refers to: nothing. A path in a directory that does not exist, so that
     * every operation on it fails with ENOENT, as it does in Tcl.
     */
    private static final Path NOWHERE = Path.of("/\u0001tclj-no-such-directory\u0001/\u0001");

    /** The file a Tcl name refers to: tilde expanded, relative to the current directory. */
    public static Path resolve(String name) throws TclException {
        String n = expandTilde(name);
        // No file has a NUL in its name (Tcl 8.6 refuses such names rather than cut them short).
        if (n.isEmpty() || n.indexOf('\0') >= 0) return NOWHERE;
        return cwd.resolve(n);
    }

    /** A relative name resolved against a directory (no tilde expansion); NUL names name nothing. */
    public static Path resolve(Path dir, String name) {
        return name.isEmpty() || name.indexOf('\0') >= 0 ? NOWHERE : dir.resolve(name);
    }

    /** file split. */
    public static List<String> split(String path) {
        List<String> out = new ArrayList<>();
        int n = path.length();
        int i = 0;
        if (n == 0) return out;
        if (path.charAt(0) == '/') {
            out.add("/");
            while (i < n && path.charAt(i) == '/') i++;
        } else if (path.charAt(0) == '~') {
            int slash = path.indexOf('/');
            out.add(slash < 0 ? path : path.substring(0, slash));
            i = slash < 0 ? n : slash;
        }
        while (i < n) {
            while (i < n && path.charAt(i) == '/') i++;
            if (i >= n) break;
            int j = path.indexOf('/', i);
            if (j < 0) j = n;
            String part = path.substring(i, j);
            // a ~ inside a path is a plain name; "./" keeps it from reading as a user's home
            if (part.startsWith("~") && !out.isEmpty()) part = "./" + part;
            out.add(part);
            i = j;
        }
        return out;
    }

    /** file join: an absolute element starts over; slashes are tidied as Tcl does. */
    public static String join(List<String> parts) {
        StringBuilder sb = new StringBuilder();
        for (String p : parts) {
            if (p.isEmpty()) continue;
            if (p.startsWith("/")) {
                sb.setLength(0);
                sb.append('/');
                appendElement(sb, p.substring(1));
            } else if (p.startsWith("~")) {
                sb.setLength(0);
                int slash = p.indexOf('/');
                sb.append(slash < 0 ? p : p.substring(0, slash));
                if (slash >= 0) appendElement(sb, p.substring(slash));
            } else {
                appendElement(sb, p);
            }
        }
        return sb.toString();
    }

    /** TclpNativeJoinPath: appends an element, dropping duplicate and trailing slashes. */
    private static void appendElement(StringBuilder sb, String p) {
        int i = 0;
        if (sb.length() > 0 && p.startsWith("./~")) i = 2;
        if (i >= p.length()) return;
        int n = p.length();
        // nothing but slashes adds nothing
        boolean any = false;
        for (int k = i; k < n; k++) if (p.charAt(k) != '/') { any = true; break; }
        if (!any) return;
        if (sb.length() > 0 && sb.charAt(sb.length() - 1) != '/') sb.append('/');
        boolean needsSep = false;
        for (; i < n; i++) {
            char c = p.charAt(i);
            if (c == '/') {
                while (i + 1 < n && p.charAt(i + 1) == '/') i++;
                if (i + 1 < n && needsSep) sb.append('/');
            } else {
                sb.append(c);
                needsSep = true;
            }
        }
    }

    public static String join(String... parts) { return join(List.of(parts)); }

    /** pathtype: absolute or relative (Unix has no volume-relative names). */
    public static String pathType(String name) { return isAbsolute(name) ? "absolute" : "relative"; }

    /** file dirname. */
    public static String dirname(String path) throws TclException {
        List<String> comps = split(path);
        if (comps.size() == 1 && comps.get(0).startsWith("~")) {
            comps = split(expandTilde(comps.get(0)));
        }
        if (comps.size() <= 1) {
            return comps.size() == 1 && comps.get(0).equals("/") ? "/" : ".";
        }
        return join(comps.subList(0, comps.size() - 1));
    }

    /** file tail. */
    public static String tail(String path) throws TclException {
        List<String> comps = split(path);
        if (comps.size() == 1 && comps.get(0).startsWith("~")) {
            comps = split(expandTilde(comps.get(0)));
        }
        if (comps.isEmpty()) return "";
        if (comps.size() == 1 && comps.get(0).equals("/")) return "";
        return comps.get(comps.size() - 1);
    }

    /** The index of the extension's dot in name, or -1. */
    private static int extensionDot(String name) {
        int dot = name.lastIndexOf('.');
        if (dot < 0 || name.indexOf('/', dot) >= 0) return -1;
        return dot;
    }

    public static String extension(String name) {
        int d = extensionDot(name);
        return d < 0 ? "" : name.substring(d);
    }

    public static String rootname(String name) {
        int d = extensionDot(name);
        return d < 0 ? name : name.substring(0, d);
    }

    /**
     * file normalize: an absolute name with . and .. removed and symbolic links resolved in every
     * component but the last.
     */
    public static String normalize(String name) throws TclException {
        if (name.isEmpty()) return "";
        String n = expandTilde(name);
        List<String> comps = split(n);
        Path p = n.startsWith("/") ? Path.of("/") : cwd;
        List<String> parts = new ArrayList<>();
        for (Path q : p) parts.add(q.toString());
        int start = n.startsWith("/") ? 1 : 0;
        for (int k = start; k < comps.size(); k++) {
            String c = comps.get(k);
            if (c.startsWith("./")) c = c.substring(2);
            boolean last = k == comps.size() - 1;
            if (c.equals(".")) continue;
            if (c.equals("..")) {
                if (!parts.isEmpty()) parts.remove(parts.size() - 1);
                continue;
            }
            parts.add(c);
            if (!last) {
                // resolve a symbolic link here, as realpath would
                Path cur = c.indexOf('\0') < 0 ? toPath(parts) : null;
                if (cur != null && Files.isSymbolicLink(cur)) {
                    try {
                        Path real = cur.toRealPath();
                        parts.clear();
                        for (Path q : real) parts.add(q.toString());
                    } catch (IOException e) {
                        // a dangling link stays as written
                    }
                }
            }
        }
        if (parts.isEmpty()) return "/";
        StringBuilder sb = new StringBuilder();
        for (String s : parts) sb.append('/').append(s);
        return sb.toString();
    }

    private static Path toPath(List<String> parts) {
        StringBuilder sb = new StringBuilder();
        for (String s : parts) sb.append('/').append(s);
        return Path.of(sb.length() == 0 ? "/" : sb.toString());
    }

    /** file nativename: tilde expanded, separators tidied. */
    public static String nativeName(String name) throws TclException {
        if (name.isEmpty()) return "";
        String n = expandTilde(name);
        List<String> comps = split(n);
        StringBuilder sb = new StringBuilder();
        for (int k = 0; k < comps.size(); k++) {
            String c = comps.get(k);
            if (k == 0 && c.equals("/")) {
                sb.append('/');
                continue;
            }
            if (c.startsWith("./~")) c = c.substring(2);
            if (sb.length() > 0 && sb.charAt(sb.length() - 1) != '/') sb.append('/');
            sb.append(c);
        }
        return sb.toString();
    }
}
