package dev.tclj.cmd;

import dev.tclj.Interp;
import dev.tclj.TclException;
import dev.tclj.TclList;
import dev.tclj.TclObj;
import dev.tclj.io.Channel;
import dev.tclj.io.ChannelTable;
import dev.tclj.io.FileDriver;
import dev.tclj.io.FileGlob;
import dev.tclj.io.PosixError;
import dev.tclj.io.TclPath;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.GroupPrincipal;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.UserPrincipal;
import java.nio.file.attribute.UserPrincipalNotFoundException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * The file-system commands: {@code file} (every Tcl 8.6 subcommand, Unix semantics), {@code glob}
 * (matching itself is {@link FileGlob}), {@code cd} and {@code pwd}. Names are Tcl names:
 * relative to the interpreter's current directory ({@link TclPath}), with ~ expansion.
 */
public final class FileCmds {
    private FileCmds() {}

    public static void register(Interp interp) {
        Subcommands file = new Subcommands("file");
        file.add("atime", (in, objv) -> fileTime(objv, true));
        file.add("attributes", FileCmds::attributes);
        file.add("channels", (in, objv) -> {
            if (objv.length > 3) throw TclException.wrongArgs(objv, 2, "?pattern?");
            return ChannelCmds.namesList(in, objv.length == 3 ? objv[2].toString() : null);
        });
        file.add("copy", (in, objv) -> copyOrRename(objv, false));
        file.add("delete", FileCmds::delete);
        file.add("dirname", (in, objv) -> TclObj.of(TclPath.dirname(oneName(objv))));
        file.add("executable", (in, objv) -> TclObj.of(test(oneName(objv), 'x')));
        file.add("exists", (in, objv) -> TclObj.of(test(oneName(objv), 'e')));
        file.add("extension", (in, objv) -> TclObj.of(TclPath.extension(oneName(objv))));
        file.add("isdirectory", (in, objv) -> TclObj.of(test(oneName(objv), 'd')));
        file.add("isfile", (in, objv) -> TclObj.of(test(oneName(objv), 'f')));
        file.add("join", (in, objv) -> {
            if (objv.length < 3) throw TclException.wrongArgs(objv, 2, "name ?name ...?");
            List<String> parts = new ArrayList<>();
            for (int i = 2; i < objv.length; i++) parts.add(objv[i].toString());
            return TclObj.of(TclPath.join(parts));
        });
        file.add("link", FileCmds::link);
        file.add("lstat", (in, objv) -> stat(in, objv, true));
        file.add("mkdir", FileCmds::mkdir);
        file.add("mtime", (in, objv) -> fileTime(objv, false));
        file.add("nativename", (in, objv) -> TclObj.of(TclPath.nativeName(oneName(objv))));
        file.add("normalize", (in, objv) -> TclObj.of(TclPath.normalize(oneName(objv))));
        file.add("owned", (in, objv) -> TclObj.of(test(oneName(objv), 'o')));
        file.add("pathtype", (in, objv) -> TclObj.of(TclPath.pathType(oneName(objv))));
        file.add("readable", (in, objv) -> TclObj.of(test(oneName(objv), 'r')));
        file.add("readlink", (in, objv) -> readlink(oneName(objv)));
        file.add("rename", (in, objv) -> copyOrRename(objv, true));
        file.add("rootname", (in, objv) -> TclObj.of(TclPath.rootname(oneName(objv))));
        file.add("separator", (in, objv) -> {
            if (objv.length > 3) throw TclException.wrongArgs(objv, 2, "?name?");
            return TclObj.of("/");
        });
        file.add("size", (in, objv) -> {
            String n = oneName(objv);
            return TclObj.of(readAttrs(n, true).size);
        });
        file.add("split", (in, objv) -> {
            List<TclObj> l = new ArrayList<>();
            for (String s : TclPath.split(oneName(objv))) l.add(TclObj.of(s));
            return TclObj.ofList(TclList.of(l));
        });
        file.add("stat", (in, objv) -> stat(in, objv, false));
        file.add("system", (in, objv) -> {
            oneName(objv);
            return TclObj.ofList(TclObj.of("native"));
        });
        file.add("tail", (in, objv) -> TclObj.of(TclPath.tail(oneName(objv))));
        file.add("tempfile", FileCmds::tempfile);
        file.add("type", (in, objv) -> TclObj.of(readAttrs(oneName(objv), false).type()));
        file.add("volumes", (in, objv) -> {
            if (objv.length != 2) throw TclException.wrongArgs(objv, 2, "");
            return TclObj.ofList(TclObj.of("/"));
        });
        file.add("writable", (in, objv) -> TclObj.of(test(oneName(objv), 'w')));
        interp.createCommand("file", file);
        interp.createCommand("glob", FileCmds::glob);
        interp.createCommand("cd", FileCmds::cd);
        interp.createCommand("pwd", (in, objv) -> {
            if (objv.length != 1) throw TclException.wrongArgs(objv, 1, "");
            return TclObj.of(TclPath.cwd().toString());
        });
    }

    private static String oneName(TclObj[] objv) throws TclException {
        if (objv.length != 3) throw TclException.wrongArgs(objv, 2, "name");
        return objv[2].toString();
    }

    private static TclException couldNotRead(String name, IOException e) {
        return PosixError.error("could not read \"" + name + "\": ", e);
    }

    // ======================================================================================
    // stat
    // ======================================================================================

    /** The fields of struct stat that Java can give. */
    static final class Attrs {
        long dev, ino, nlink, uid, gid, size, atime, mtime, ctime;
        int mode;

        String type() {
            switch (mode & 0170000) {
                case 0100000: return "file";
                case 0040000: return "directory";
                case 0020000: return "characterSpecial";
                case 0060000: return "blockSpecial";
                case 0010000: return "fifo";
                case 0120000: return "link";
                case 0140000: return "socket";
                default: return "unknown";
            }
        }
    }

    static Attrs readAttrs(String name, boolean follow) throws TclException {
        Path p;
        try {
            p = TclPath.resolve(name);
        } catch (TclException e) {
            throw e;
        }
        if (name.isEmpty()) throw PosixError.ENOENT.error("could not read \"\": ");
        try {
            Map<String, Object> m = follow ? Files.readAttributes(p, "unix:*")
                    : Files.readAttributes(p, "unix:*", LinkOption.NOFOLLOW_LINKS);
            Attrs a = new Attrs();
            a.dev = ((Number) m.get("dev")).longValue();
            a.ino = ((Number) m.get("ino")).longValue();
            a.nlink = ((Number) m.get("nlink")).longValue();
            a.uid = ((Number) m.get("uid")).longValue();
            a.gid = ((Number) m.get("gid")).longValue();
            a.size = ((Number) m.get("size")).longValue();
            a.mode = ((Number) m.get("mode")).intValue();
            a.atime = ((FileTime) m.get("lastAccessTime")).to(TimeUnit.SECONDS);
            a.mtime = ((FileTime) m.get("lastModifiedTime")).to(TimeUnit.SECONDS);
            a.ctime = ((FileTime) m.get("ctime")).to(TimeUnit.SECONDS);
            return a;
        } catch (IOException e) {
            throw couldNotRead(name, e);
        } catch (UnsupportedOperationException | IllegalArgumentException e) {
            throw PosixError.ENOTSUP.error("could not read \"" + name + "\": ");
        }
    }

    static TclObj stat(Interp interp, TclObj[] objv, boolean lstat) throws TclException {
        if (objv.length != 4) throw TclException.wrongArgs(objv, 2, "name varName");
        String name = objv[2].toString();
        Attrs a = readAttrs(name, !lstat);
        String var = objv[3].toString();
        long blksize = 4096;
        // Java does not report st_blocks: whole 4 KiB blocks, as most file systems allocate
        // (a symbolic link's target is kept in its inode)
        long blocks = (a.size + 511) / 512;
        blocks = (a.mode & 0170000) == 0120000 ? 0 : (blocks + 7) / 8 * 8;
        Object[][] fields = {
                {"dev", a.dev}, {"ino", a.ino}, {"mode", (long) a.mode}, {"nlink", a.nlink}, {"uid", a.uid},
                {"gid", a.gid}, {"size", a.size}, {"atime", a.atime}, {"mtime", a.mtime}, {"ctime", a.ctime},
                {"blksize", blksize}, {"blocks", blocks}, {"type", a.type()}};
        for (Object[] f : fields) {
            TclObj v = f[1] instanceof Long l ? TclObj.of(l) : TclObj.of((String) f[1]);
            interp.writeVar(var, (String) f[0], v, null);
        }
        return TclObj.EMPTY;
    }

    /** file atime / mtime, reading or setting. */
    static TclObj fileTime(TclObj[] objv, boolean access) throws TclException {
        if (objv.length != 3 && objv.length != 4) throw TclException.wrongArgs(objv, 2, "name ?time?");
        String name = objv[2].toString();
        if (objv.length == 4) {
            long t;
            try {
                t = objv[3].asLong();
            } catch (TclException e) {
                throw TclException.error("expected integer but got \"" + objv[3] + "\"", "TCL", "VALUE", "NUMBER");
            }
            readAttrs(name, true);
            Path p = TclPath.resolve(name);
            try {
                Files.getFileAttributeView(p, java.nio.file.attribute.BasicFileAttributeView.class)
                        .setTimes(access ? null : FileTime.from(t, TimeUnit.SECONDS), access ? FileTime.from(t, TimeUnit.SECONDS) : null, null);
            } catch (IOException e) {
                throw PosixError.error("could not set " + (access ? "access" : "modification") + " time for file \"" + name + "\": ", e);
            }
        }
        Attrs a = readAttrs(name, true);
        return TclObj.of(access ? a.atime : a.mtime);
    }

    /** exists, isfile, isdirectory, readable, writable, executable, owned: false on any error. */
    static boolean test(String name, char what) {
        if (name.isEmpty()) return false;
        Path p;
        try {
            p = TclPath.resolve(name);
        } catch (TclException e) {
            return false;
        }
        switch (what) {
            case 'e': return Files.exists(p);
            case 'f': return Files.isRegularFile(p);
            case 'd': return Files.isDirectory(p);
            case 'r': return Files.isReadable(p);
            case 'w': return Files.isWritable(p);
            case 'x': return Files.isExecutable(p);
            default: {
                try {
                    Object uid = Files.getAttribute(p, "unix:uid");
                    return ((Number) uid).longValue() == currentUid();
                } catch (IOException | RuntimeException e) {
                    return false;
                }
            }
        }
    }

    private static long uid = -2;

    /** The process's user id (the owner of a file it creates). */
    static synchronized long currentUid() {
        if (uid == -2) {
            uid = -1;
            try {
                Path probe = Path.of("/proc/self");
                uid = ((Number) Files.getAttribute(probe, "unix:uid")).longValue();
            } catch (IOException | RuntimeException e) {
                // no /proc: owned is false
            }
        }
        return uid;
    }

    static TclObj readlink(String name) throws TclException {
        Path p = TclPath.resolve(name);
        try {
            return TclObj.of(Files.readSymbolicLink(p).toString());
        } catch (java.nio.file.NotLinkException e) {
            throw PosixError.EINVAL.error("could not read link \"" + name + "\": ");
        } catch (IOException e) {
            throw PosixError.error("could not read link \"" + name + "\": ", e);
        }
    }

    // ======================================================================================
    // attributes
    // ======================================================================================

    private static final String[] ATTRS = {"-group", "-owner", "-permissions"};

    static TclObj attributes(Interp interp, TclObj[] objv) throws TclException {
        if (objv.length < 3) throw TclException.wrongArgs(objv, 2, "name ?-option value ...?");
        String name = objv[2].toString();
        Path p = TclPath.resolve(name);
        if (objv.length == 3) {
            readAttrs(name, true);
            List<TclObj> l = new ArrayList<>();
            for (String a : ATTRS) {
                l.add(TclObj.of(a));
                l.add(getAttr(name, p, a));
            }
            return TclObj.ofList(TclList.of(l));
        }
        if (objv.length == 4) {
            int i = Subcommands.index(objv[3], ATTRS, "option");
            readAttrs(name, true);
            return getAttr(name, p, ATTRS[i]);
        }
        // As Tcl, pair by pair: an error stops the settings there, those before it are done; a
        // missing file is reported by the first setting ("could not set permissions for file").
        for (int i = 3; i < objv.length; i += 2) {
            int a = Subcommands.index(objv[i], ATTRS, "option");
            if (i + 1 == objv.length) {
                throw TclException.error("value for \"" + objv[i] + "\" missing", "TCL", "OPERATION", "FATTR", "NOVALUE");
            }
            setAttr(name, p, ATTRS[a], objv[i + 1]);
        }
        return TclObj.EMPTY;
    }

    private static TclObj getAttr(String name, Path p, String a) throws TclException {
        try {
            switch (a) {
                case "-group": return TclObj.of(Files.readAttributes(p, java.nio.file.attribute.PosixFileAttributes.class).group().getName());
                case "-owner": return TclObj.of(Files.getOwner(p).getName());
                default: {
                    // Tcl prints st_mode & 077777 with "%0#5o": a directory shows its type bits (040755)
                    int mode = ((Number) Files.getAttribute(p, "unix:mode")).intValue() & 077777;
                    String octal = mode == 0 ? "0" : "0" + Integer.toOctalString(mode);
                    return TclObj.of("0".repeat(Math.max(0, 5 - octal.length())) + octal);
                }
            }
        } catch (IOException e) {
            throw couldNotRead(name, e);
        }
    }

    private static void setAttr(String name, Path p, String a, TclObj value) throws TclException {
        var lookup = p.getFileSystem().getUserPrincipalLookupService();
        String v = value.toString();
        switch (a) {
            case "-group": {
                GroupPrincipal g;
                try {
                    g = lookup.lookupPrincipalByGroupName(v);
                } catch (UserPrincipalNotFoundException e) {
                    throw TclException.error("could not set group for file \"" + name + "\": group \"" + v + "\" does not exist", "TCL", "OPERATION", "SETGRP", "NO_GROUP");
                } catch (IOException e) {
                    throw PosixError.error("could not set group for file \"" + name + "\": ", e);
                }
                try {
                    Files.getFileAttributeView(p, PosixFileAttributeView.class).setGroup(g);
                } catch (IOException e) {
                    throw PosixError.error("could not set group for file \"" + name + "\": ", e);
                }
                return;
            }
            case "-owner": {
                UserPrincipal u;
                try {
                    u = lookup.lookupPrincipalByName(v);
                } catch (UserPrincipalNotFoundException e) {
                    throw TclException.error("could not set owner for file \"" + name + "\": user \"" + v + "\" does not exist", "TCL", "OPERATION", "SETOWN", "NO_USER");
                } catch (IOException e) {
                    throw PosixError.error("could not set owner for file \"" + name + "\": ", e);
                }
                try {
                    Files.setOwner(p, u);
                } catch (IOException e) {
                    throw PosixError.error("could not set owner for file \"" + name + "\": ", e);
                }
                return;
            }
            default: {
                int old = 0;
                // only a symbolic mode ("u+x", "rwxr-x---") needs the current one
                if (!value.toInteger()) {
                    try {
                        old = ((Number) Files.getAttribute(p, "unix:mode")).intValue() & 07777;
                    } catch (IOException e) {
                        throw couldNotRead(name, e);
                    }
                }
                int mode = permissions(value, old);
                try {
                    Files.setAttribute(p, "unix:mode", mode);
                } catch (IOException e) {
                    throw PosixError.error("could not set permissions for file \"" + name + "\": ", e);
                } catch (UnsupportedOperationException | IllegalArgumentException e) {
                    Files.isRegularFile(p);
                    try {
                        Files.setPosixFilePermissions(p, ChannelCmds.permissionSet(mode));
                    } catch (IOException x) {
                        throw PosixError.error("could not set permissions for file \"" + name + "\": ", x);
                    }
                }
            }
        }
    }

    /** A permission value: a number, "rwxr-x---", or chmod's "u+x,go-w" (relative to old). */
    static int permissions(TclObj value, int old) throws TclException {
        if (value.toInteger()) {
            try {
                return (int) value.asLong();
            } catch (TclException e) {
                // too big: fall through to the error
            }
        }
        String s = value.toString();
        if (s.length() == 9) {
            int m = 0;
            boolean ok = true;
            for (int i = 0; i < 9 && ok; i++) {
                char c = s.charAt(i);
                int bit = 1 << (8 - i);
                switch (c) {
                    case 'r': if (i % 3 != 0) ok = false; else m |= bit; break;
                    case 'w': if (i % 3 != 1) ok = false; else m |= bit; break;
                    case 'x': if (i % 3 != 2) ok = false; else m |= bit; break;
                    case 's': if (i % 3 != 2 || i > 5) ok = false; else m |= bit | (1 << (11 - i / 3)); break;
                    case 'S': if (i % 3 != 2 || i > 5) ok = false; else m |= 1 << (11 - i / 3); break;
                    case 't': if (i != 8) ok = false; else m |= bit | 01000; break;
                    case 'T': if (i != 8) ok = false; else m |= 01000; break;
                    case '-': break;
                    default: ok = false;
                }
            }
            if (ok) return m;
        }
        int mode = old;
        for (String clause : s.split(",", -1)) {
            int i = 0, who = 0;
            while (i < clause.length() && "ugoa".indexOf(clause.charAt(i)) >= 0) {
                switch (clause.charAt(i++)) {
                    case 'u': who |= 04700; break;
                    case 'g': who |= 02070; break;
                    case 'o': who |= 01007; break;
                    default: who |= 07777;
                }
            }
            if (who == 0) who = 07777;
            if (i >= clause.length() || "+-=".indexOf(clause.charAt(i)) < 0) throw badPermissions(s);
            char op = clause.charAt(i++);
            int what = 0;
            for (; i < clause.length(); i++) {
                switch (clause.charAt(i)) {
                    case 'r': what |= 0444; break;
                    case 'w': what |= 0222; break;
                    case 'x': what |= 0111; break;
                    case 's': what |= 06000; break;
                    case 't': what |= 01000; break;
                    default: throw badPermissions(s);
                }
            }
            int bits = what & who;
            if (op == '+') mode |= bits;
            else if (op == '-') mode &= ~bits;
            else mode = (mode & ~who) | bits;
        }
        return mode;
    }

    private static TclException badPermissions(String s) {
        return TclException.error("unknown permission string format \"" + s + "\"", "TCL", "VALUE", "PERMISSION");
    }

    // ======================================================================================
    // mkdir delete copy rename link
    // ======================================================================================

    static TclObj mkdir(Interp interp, TclObj[] objv) throws TclException {
        for (int i = 2; i < objv.length; i++) {
            String name = objv[i].toString();
            if (name.isEmpty()) throw PosixError.ENOENT.error("can't create directory \"\": ");
            List<String> comps = TclPath.split(name);
            for (int k = 1; k <= comps.size(); k++) {
                String prefix = TclPath.join(comps.subList(0, k));
                Path p = TclPath.resolve(prefix);
                if (Files.isDirectory(p)) continue;
                if (Files.exists(p, LinkOption.NOFOLLOW_LINKS)) {
                    throw PosixError.EEXIST.error("can't create directory \"" + prefix + "\": ");
                }
                try {
                    Files.createDirectory(p);
                } catch (FileAlreadyExistsException e) {
                    if (!Files.isDirectory(p)) throw PosixError.EEXIST.error("can't create directory \"" + prefix + "\": ");
                } catch (IOException e) {
                    throw PosixError.error("can't create directory \"" + prefix + "\": ", e);
                }
            }
        }
        return TclObj.EMPTY;
    }

    static TclObj delete(Interp interp, TclObj[] objv) throws TclException {
        int i = 2;
        boolean force = false;
        for (; i < objv.length; i++) {
            String a = objv[i].toString();
            if (!a.startsWith("-")) break;
            int o = Subcommands.index(objv[i], new String[]{"-force", "--"}, "option");
            if (o == 0) force = true;
            else { i++; break; }
        }
        for (; i < objv.length; i++) {
            String name = objv[i].toString();
            Path p;
            try {
                p = TclPath.resolve(name);
            } catch (TclException e) {
                throw e;
            }
            if (name.isEmpty() || !Files.exists(p, LinkOption.NOFOLLOW_LINKS)) continue;
            try {
                if (Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS) && force) {
                    // As Tcl, make the directory readable, writable and searchable first.
                    makeOwnerAccessible(p);
                    deleteTree(p);
                } else {
                    Files.delete(p);
                }
            } catch (DirectoryNotEmptyException e) {
                throw TclException.error("error deleting \"" + name + "\": directory not empty", "POSIX", "EEXIST", PosixError.EEXIST.message);
            } catch (NoSuchFileException e) {
                // gone already
            } catch (IOException e) {
                throw PosixError.error("error deleting \"" + name + "\": ", e);
            }
        }
        return TclObj.EMPTY;
    }

    private static void makeOwnerAccessible(Path p) {
        try {
            java.util.Set<PosixFilePermission> perms = Files.getPosixFilePermissions(p, LinkOption.NOFOLLOW_LINKS);
            if (perms.containsAll(java.util.EnumSet.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE,
                    PosixFilePermission.OWNER_EXECUTE))) {
                return;
            }
            perms = java.util.EnumSet.copyOf(perms.isEmpty() ? java.util.EnumSet.of(PosixFilePermission.OWNER_READ) : perms);
            perms.add(PosixFilePermission.OWNER_READ);
            perms.add(PosixFilePermission.OWNER_WRITE);
            perms.add(PosixFilePermission.OWNER_EXECUTE);
            Files.setPosixFilePermissions(p, perms);
        } catch (IOException | UnsupportedOperationException e) {
            // the removal reports what goes wrong
        }
    }

    private static void deleteTree(Path p) throws IOException {
        if (Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) {
            List<Path> children = new ArrayList<>();
            try (var ds = Files.newDirectoryStream(p)) {
                for (Path c : ds) children.add(c);
            }
            for (Path c : children) deleteTree(c);
        }
        Files.delete(p);
    }

    static TclObj copyOrRename(TclObj[] objv, boolean rename) throws TclException {
        String verb = rename ? "renaming" : "copying";
        int i = 2;
        boolean force = false;
        for (; i < objv.length; i++) {
            String a = objv[i].toString();
            if (!a.startsWith("-")) break;
            int o = Subcommands.index(objv[i], new String[]{"-force", "--"}, "option");
            if (o == 0) force = true;
            else { i++; break; }
        }
        if (objv.length - i < 2) throw TclException.wrongArgs(objv, 2, "?-option value ...? source ?source ...? target");
        String target = objv[objv.length - 1].toString();
        Path tp = TclPath.resolve(target);
        boolean targetIsDir = Files.isDirectory(tp);
        if (!targetIsDir && objv.length - i > 2) {
            throw TclException.error("error " + verb + ": target \"" + target + "\" is not a directory", "POSIX", "ENOTDIR", PosixError.ENOTDIR.message);
        }
        for (; i < objv.length - 1; i++) {
            String src = objv[i].toString();
            String dst = targetIsDir ? TclPath.join(target, TclPath.tail(src)) : target;
            transfer(src, dst, force, rename, verb);
        }
        return TclObj.EMPTY;
    }

    private static void transfer(String src, String dst, boolean force, boolean rename, String verb) throws TclException {
        Path sp = TclPath.resolve(src), dp = TclPath.resolve(dst);
        if (!Files.exists(sp, LinkOption.NOFOLLOW_LINKS)) {
            throw PosixError.ENOENT.error("error " + verb + " \"" + src + "\": ");
        }
        boolean srcDir = Files.isDirectory(sp, LinkOption.NOFOLLOW_LINKS);
        if (Files.exists(dp, LinkOption.NOFOLLOW_LINKS)) {
            if (!force) {
                try {
                    if (Files.isSameFile(sp, dp)) throw PosixError.EEXIST.error("error " + verb + " \"" + src + "\": ");
                } catch (IOException e) {
                    // not comparable: treat as different
                }
                throw PosixError.EEXIST.error("error " + verb + " \"" + src + "\" to \"" + dst + "\": ");
            }
            // with -force, a name for the very same file (not following links) is left as it is
            if (sameEntry(sp, dp)) return;
            boolean dstDir = Files.isDirectory(dp, LinkOption.NOFOLLOW_LINKS);
            if (dstDir && !srcDir) {
                throw TclException.error("can't overwrite directory \"" + dst + "\" with file \"" + src + "\"");
            }
            if (!dstDir && srcDir) {
                throw TclException.error("can't overwrite file \"" + dst + "\" with directory \"" + src + "\"");
            }
            if (dstDir && !rename) {
                // copying never merges into or replaces an existing directory
                throw PosixError.EEXIST.error("error " + verb + " \"" + src + "\" to \"" + dst + "\": ");
            }
            if (dstDir) {
                try (var ds = Files.newDirectoryStream(dp)) {
                    if (ds.iterator().hasNext()) throw PosixError.EEXIST.error("error " + verb + " \"" + src + "\" to \"" + dst + "\": ");
                } catch (IOException e) {
                    throw PosixError.error("error " + verb + " \"" + src + "\" to \"" + dst + "\": ", e);
                }
            }
        }
        if (srcDir && dp.toAbsolutePath().normalize().startsWith(sp.toAbsolutePath().normalize())) {
            if (rename) {
                throw TclException.error("error renaming \"" + src + "\" to \"" + dst + "\": trying to rename a volume or move a directory into itself");
            }
        }
        try {
            if (rename) {
                try {
                    Files.move(sp, dp, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
                } catch (java.nio.file.AtomicMoveNotSupportedException e) {
                    copyTree(sp, dp);
                    deleteTree(sp);
                }
            } else {
                copyTree(sp, dp);
            }
        } catch (IOException e) {
            throw PosixError.error("error " + verb + " \"" + src + "\" to \"" + dst + "\": ", e);
        }
    }

    /** Whether two paths name the same file system entry (lstat's device and inode). */
    private static boolean sameEntry(Path a, Path b) {
        try {
            Object ka = Files.readAttributes(a, java.nio.file.attribute.BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS).fileKey();
            Object kb = Files.readAttributes(b, java.nio.file.attribute.BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS).fileKey();
            return ka != null && ka.equals(kb);
        } catch (IOException e) {
            return false;
        }
    }

    /** Copies a file, link or directory tree, keeping permissions and times (as Tcl does). */
    private static void copyTree(Path from, Path to) throws IOException {
        if (Files.isDirectory(from, LinkOption.NOFOLLOW_LINKS)) {
            if (!Files.isDirectory(to)) Files.copy(from, to, StandardCopyOption.COPY_ATTRIBUTES, LinkOption.NOFOLLOW_LINKS);
            try (var ds = Files.newDirectoryStream(from)) {
                for (Path c : ds) copyTree(c, to.resolve(c.getFileName()));
            }
            Files.setLastModifiedTime(to, Files.getLastModifiedTime(from));
            return;
        }
        Files.copy(from, to, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.COPY_ATTRIBUTES, LinkOption.NOFOLLOW_LINKS);
    }

    static TclObj link(Interp interp, TclObj[] objv) throws TclException {
        int argc = objv.length - 2;
        if (argc < 1 || argc > 3) throw TclException.wrongArgs(objv, 2, "?-linktype? linkname ?target?");
        int i = 2;
        int type = -1; // -1: any, 0 symbolic, 1 hard
        // only the three-argument form has a link type, whatever the words look like
        if (argc == 3) type = Subcommands.index(objv[i++], new String[]{"-symbolic", "-hard"}, "option");
        String linkName = objv[i].toString();
        Path lp = TclPath.resolve(linkName);
        if (argc == 1) return readlink(linkName);
        String target = objv[i + 1].toString();
        Path base = lp.getParent() == null ? TclPath.cwd() : lp.getParent();
        Path tp = TclPath.isAbsolute(target) ? TclPath.resolve(target) : TclPath.resolve(base, target);
        if (!Files.exists(tp, LinkOption.NOFOLLOW_LINKS)) {
            // As Tcl: when the link's own directory is missing, that is the error reported.
            if (!Files.exists(base)) throw noSuchLinkDir(linkName);
            throw TclException.error("could not create new link \"" + linkName + "\": target \"" + target + "\" doesn't exist",
                    "POSIX", "ENOENT", PosixError.ENOENT.message);
        }
        if (Files.exists(lp, LinkOption.NOFOLLOW_LINKS)) {
            throw linkExists(linkName);
        }
        try {
            if (type == 1) Files.createLink(lp, tp);
            else Files.createSymbolicLink(lp, Path.of(target));
        } catch (java.nio.file.NoSuchFileException e) {
            throw noSuchLinkDir(linkName);
        } catch (IOException e) {
            throw PosixError.error("could not create new link \"" + linkName + "\" pointing to \"" + target + "\": ", e);
        }
        return objv[i + 1];
    }

    private static TclException noSuchLinkDir(String linkName) {
        return TclException.error("could not create new link \"" + linkName + "\": no such file or directory",
                "POSIX", "ENOENT", PosixError.ENOENT.message);
    }

    private static TclException linkExists(String linkName) {
        return TclException.error("could not create new link \"" + linkName + "\": that path already exists",
                "POSIX", "EEXIST", PosixError.EEXIST.message);
    }

    // ======================================================================================
    // tempfile cd
    // ======================================================================================

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final String LETTERS = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

    static TclObj tempfile(Interp interp, TclObj[] objv) throws TclException {
        if (objv.length > 4) throw TclException.wrongArgs(objv, 2, "?nameVar? ?template?");
        String dir = System.getenv("TMPDIR");
        if (dir == null || !Files.isDirectory(Path.of(dir))) dir = "/tmp";
        String prefix = "tcl", suffix = "";
        if (objv.length == 4) {
            String t = objv[3].toString();
            if (t.contains("/")) dir = TclPath.dirname(t);
            String tail = TclPath.tail(t);
            if (!tail.isEmpty()) {
                suffix = TclPath.extension(tail);
                prefix = TclPath.rootname(tail);
            }
        }
        // the template becomes a C string in Tcl: a NUL in it is an invalid argument
        if (objv.length == 4 && objv[3].toString().indexOf('\0') >= 0) throw PosixError.EINVAL.error("can't create temporary file: ");
        Path dp = TclPath.resolve(dir);
        FileChannel fc = null;
        Path p = null;
        for (int attempt = 0; attempt < 100 && fc == null; attempt++) {
            StringBuilder sb = new StringBuilder(prefix).append('_');
            for (int k = 0; k < 6; k++) sb.append(LETTERS.charAt(RANDOM.nextInt(LETTERS.length())));
            sb.append(suffix);
            p = dp.resolve(sb.toString());
            try {
                fc = FileChannel.open(p, Set.of(StandardOpenOption.READ, StandardOpenOption.WRITE, StandardOpenOption.CREATE_NEW),
                        java.nio.file.attribute.PosixFilePermissions.asFileAttribute(Set.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE)));
            } catch (FileAlreadyExistsException e) {
                // try another name
            } catch (IOException e) {
                throw PosixError.error("can't create temporary file: ", e);
            }
        }
        if (fc == null) throw PosixError.EEXIST.error("can't create temporary file: ");
        Channel c = new Channel(ChannelTable.newName("file"), new FileDriver(fc, p, false), true, true);
        ChannelTable.of(interp).register(c);
        if (objv.length >= 3) interp.setVar(objv[2].toString(), TclObj.of(p.toString()));
        return TclObj.of(c.name());
    }

    static TclObj cd(Interp interp, TclObj[] objv) throws TclException {
        if (objv.length > 2) throw TclException.wrongArgs(objv, 1, "?dirName?");
        String name = objv.length == 2 ? objv[1].toString() : "~";
        Path p = TclPath.resolve(name);
        if (!Files.exists(p)) throw PosixError.ENOENT.error("couldn't change working directory to \"" + name + "\": ");
        if (!Files.isDirectory(p)) throw PosixError.ENOTDIR.error("couldn't change working directory to \"" + name + "\": ");
        if (!Files.isExecutable(p)) throw PosixError.EACCES.error("couldn't change working directory to \"" + name + "\": ");
        try {
            TclPath.setCwd(p.toRealPath());
        } catch (IOException e) {
            throw PosixError.error("couldn't change working directory to \"" + name + "\": ", e);
        }
        return TclObj.EMPTY;
    }

    // ======================================================================================
    // glob
    // ======================================================================================

    private static final String[] GLOB_OPTIONS = {"-directory", "-join", "-nocomplain", "-path", "-tails", "-types", "--"};

    static TclObj glob(Interp interp, TclObj[] objv) throws TclException {
        boolean join = false, nocomplain = false, tails = false;
        String dir = null, path = null;
        TclObj typeList = null;
        int i = 1;
        for (; i < objv.length; i++) {
            String a = objv[i].toString();
            if (!a.startsWith("-")) break;
            int o = Subcommands.index(objv[i], GLOB_OPTIONS, "option");
            switch (o) {
                case 0:
                    if (i == objv.length - 1) throw missing("-directory");
                    if (path != null) throw combination("\"-directory\" cannot be used with \"-path\"");
                    dir = objv[++i].toString();
                    break;
                case 1: join = true; break;
                case 2: nocomplain = true; break;
                case 3:
                    if (i == objv.length - 1) throw missing("-path");
                    if (dir != null) throw combination("\"-path\" cannot be used with \"-dictionary\"");
                    path = objv[++i].toString();
                    break;
                case 4: tails = true; break;
                case 5:
                    if (i == objv.length - 1) throw missing("-types");
                    typeList = objv[++i];
                    break;
                default:
                    i++;
                    break;
            }
            if (o == 6) break;
        }
        if (tails && dir == null && path == null) {
            throw combination("\"-tails\" must be used with either \"-directory\" or \"-path\"");
        }
        int types = 0, perms = 0;
        if (typeList != null) {
            TclList tl = typeList.asList();
            for (int k = 0; k < tl.size(); k++) {
                String t = tl.get(k).toString();
                switch (t) {
                    case "r": perms |= FileGlob.PERM_R; break;
                    case "w": perms |= FileGlob.PERM_W; break;
                    case "x": perms |= FileGlob.PERM_X; break;
                    case "readonly": perms |= FileGlob.PERM_RONLY; break;
                    case "hidden": perms |= FileGlob.PERM_HIDDEN; break;
                    case "b": types |= FileGlob.TYPE_BLOCK; break;
                    case "c": types |= FileGlob.TYPE_CHAR; break;
                    case "d": types |= FileGlob.TYPE_DIR; break;
                    case "p": types |= FileGlob.TYPE_PIPE; break;
                    case "f": types |= FileGlob.TYPE_FILE; break;
                    case "l": types |= FileGlob.TYPE_LINK; break;
                    case "s": types |= FileGlob.TYPE_SOCK; break;
                    default:
                        throw TclException.error("bad argument to \"-types\": " + t, "TCL", "ARGUMENT", "BAD");
                }
            }
        }
        // -path p: the directory part is a base, the rest a literal prefix of every pattern
        String base = dir, namePrefix = "";
        if (path != null) {
            int slash = path.lastIndexOf('/');
            if (slash < 0) {
                base = null;
                namePrefix = path;
            } else {
                base = path.substring(0, slash + 1);
                namePrefix = path.substring(slash + 1);
            }
            namePrefix = escapeGlob(namePrefix);
        }
        List<String> results = new ArrayList<>();
        FileGlob g = new FileGlob(types, perms, tails, results);
        List<String> patterns = new ArrayList<>();
        if (join) {
            StringBuilder sb = new StringBuilder();
            for (int k = i; k < objv.length; k++) {
                if (k > i) sb.append('/');
                sb.append(objv[k]);
            }
            patterns.add(sb.toString());
        } else {
            for (int k = i; k < objv.length; k++) patterns.add(objv[k].toString());
        }
        if (!join || i < objv.length) {
            for (String p : patterns) {
                String pat = namePrefix + p;
                if (base != null && (pat.startsWith("/") || pat.startsWith("~"))) g.glob(null, pat);
                else g.glob(base, pat);
            }
        }
        if (results.isEmpty() && !nocomplain) {
            int count = objv.length - i;
            StringBuilder sb = new StringBuilder("no files matched glob pattern");
            sb.append(join || count == 1 ? "" : "s").append(" \"");
            if (join) sb.append(patterns.isEmpty() ? "" : patterns.get(0));
            else {
                for (int k = i; k < objv.length; k++) {
                    if (k > i) sb.append(' ');
                    sb.append(objv[k]);
                }
            }
            sb.append('"');
            throw TclException.error(sb.toString(), "TCL", "OPERATION", "GLOB", "NOMATCH");
        }
        List<TclObj> l = new ArrayList<>(results.size());
        for (String r : results) l.add(TclObj.of(r));
        return TclObj.ofList(TclList.of(l));
    }

    private static String escapeGlob(String s) {
        StringBuilder sb = new StringBuilder();
        for (int k = 0; k < s.length(); k++) {
            char c = s.charAt(k);
            if ("*?[]{}\\".indexOf(c) >= 0) sb.append('\\');
            sb.append(c);
        }
        return sb.toString();
    }

    private static TclException missing(String opt) {
        return TclException.error("missing argument to \"" + opt + "\"", "TCL", "ARGUMENT", "MISSING");
    }

    private static TclException combination(String msg) {
        return TclException.error(msg, "TCL", "OPERATION", "GLOB", "BADOPTIONCOMBINATION");
    }
}
