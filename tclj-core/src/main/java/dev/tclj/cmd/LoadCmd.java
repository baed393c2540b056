package dev.tclj.cmd;

import dev.tclj.Interp;
import dev.tclj.Interps;
import dev.tclj.TclException;
import dev.tclj.TclObj;
import dev.tclj.io.TclPath;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * load and unload. An interpreter on the JVM loads no native code and has no statically linked
 * packages, and it offers no other way into Java (by design: a safe interpreter must not reach
 * the host), so these commands check their arguments as Tcl's do and then report what Tcl
 * reports for a library it cannot load. They exist so that scripts and safe interpreters see
 * Tcl's command set (a safe interpreter has both hidden, as in Tcl).
 *
 * <p>Packages written in Java that a module builds in (tclj-net's tls) are Tcl's statically linked
 * packages (Tcl_StaticPackage): registered here by prefix, loaded by {@code load {} Prefix}, which
 * is what their {@code package ifneeded} scripts say. A native library loaded for one of these
 * prefixes ({@code load .../tcltls.so Tls}, from the pkgIndex.tcl of an installed C extension
 * that an auto_path scan has found) gets the Java package instead: the JVM cannot run the native
 * one, and the script asked for that package.
 */
public final class LoadCmd {
    private LoadCmd() {}

    public static void register(Interp interp) {
        interp.createCommand("load", LoadCmd::load);
        interp.createCommand("unload", LoadCmd::unload);
    }

    /** Statically linked packages by prefix ("Tls"): the code that sets one up in an interpreter. */
    private static final java.util.Map<String, Builtins.Extension> STATIC = new java.util.concurrent.ConcurrentHashMap<>();

    /** Tcl_StaticPackage: makes {@code load {} prefix} run init in the loading interpreter. */
    public static void addStatic(String prefix, Builtins.Extension init) { STATIC.put(prefix, init); }

    private static final String[] LOAD_OPTIONS = {"-global", "-lazy", "--"};
    private static final String[] UNLOAD_OPTIONS = {"-nocomplain", "-keeplibrary", "--"};

    static TclObj load(Interp interp, TclObj[] objv) throws TclException {
        int i = 1;
        for (; i < objv.length; i++) {
            if (!objv[i].toString().startsWith("-")) break;
            if (Subcommands.index(objv[i], LOAD_OPTIONS, "option") == 2) {
                i++;
                break;
            }
        }
        int argc = objv.length - i;
        if (argc < 1 || argc > 3) {
            throw TclException.wrongArgs(objv, 1, "?-global? ?-lazy? ?--? fileName ?packageName? ?interp?");
        }
        String file = objv[i].toString();
        String pkg = argc >= 2 ? objv[i + 1].toString() : "";
        if (argc == 3) Interps.find(interp, objv[i + 2]);
        if (file.isEmpty() && pkg.isEmpty()) {
            throw TclException.error("must specify either file name or package name", "TCL", "OPERATION", "LOAD", "NOLIBRARY");
        }
        // Tcl's prefix: the first letter upper case, the rest lower case
        String prefix = pkg.isEmpty() ? pkg : Character.toUpperCase(pkg.charAt(0)) + pkg.substring(1).toLowerCase(java.util.Locale.ROOT);
        Builtins.Extension init = STATIC.get(prefix);
        if (init != null) {
            init.register(argc == 3 ? Interps.find(interp, objv[i + 2]) : interp);
            return TclObj.EMPTY;
        }
        if (file.isEmpty()) {
            throw TclException.error("package \"" + pkg + "\" isn't loaded statically", "TCL", "OPERATION", "LOAD", "NOTSTATIC");
        }
        boolean exists;
        try {
            Path p = TclPath.resolve(file);
            exists = Files.exists(p);
        } catch (TclException | RuntimeException e) {
            exists = false;
        }
        String why = exists ? "cannot load native code into a JVM interpreter"
                : "cannot open shared object file: No such file or directory";
        throw new TclException("couldn't load file \"" + file + "\": " + file + ": " + why);
    }

    static TclObj unload(Interp interp, TclObj[] objv) throws TclException {
        boolean complain = true;
        int i = 1;
        for (; i < objv.length; i++) {
            if (!objv[i].toString().startsWith("-")) break;
            int opt = Subcommands.index(objv[i], UNLOAD_OPTIONS, "option");
            if (opt == 0) complain = false;
            else if (opt == 2) {
                i++;
                break;
            }
        }
        int argc = objv.length - i;
        if (argc < 1 || argc > 3) {
            throw TclException.wrongArgs(objv, 1, "?-switch ...? fileName ?packageName? ?interp?");
        }
        String file = objv[i].toString();
        String pkg = argc >= 2 ? objv[i + 1].toString() : "";
        if (argc == 3) Interps.find(interp, objv[i + 2]);
        if (file.isEmpty()) {
            if (pkg.isEmpty()) {
                throw TclException.error("must specify either file name or package name", "TCL", "OPERATION", "UNLOAD", "NOLIBRARY");
            }
            throw TclException.error("package \"" + pkg + "\" is loaded statically and cannot be unloaded",
                    "TCL", "OPERATION", "UNLOAD", "STATIC");
        }
        if (!complain) return TclObj.EMPTY;
        throw TclException.error("file \"" + file + "\" has never been loaded", "TCL", "OPERATION", "UNLOAD", "NEVERLOADED");
    }
}
