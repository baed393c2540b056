package dev.tclj;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Sets up a new interpreter as tclsh does before running a script: tcl_platform, tcl_version,
 * tcl_patchLevel, tcl_library, auto_path, the env array, the Tcl module path, and the Tcl-level
 * library (init.tcl: unknown, auto_load, package index scanning).
 *
 * <p>Where a Tcl 8.6 installation's pure-Tcl library is on the machine (Debian's tcl8.6 package,
 * /usr/share/tcltk/tcl8.6), tcl_library, auto_path and the module path point at it and at the
 * usual Debian package folders, as tclsh's do, so that packages such as tcltest, msgcat, http and
 * tcllib load. TCLLIBPATH entries come first, as in tclsh.
 */
public final class InitScript {
    private InitScript() {}

    static final String DEBIAN_LIBRARY = "/usr/share/tcltk/tcl8.6";

    private static volatile String initSource;
    private static volatile boolean warned;

    static String source() {
        String s = initSource;
        if (s == null) {
            try (InputStream in = InitScript.class.getResourceAsStream("init.tcl")) {
                s = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            } catch (IOException | NullPointerException e) {
                throw new IllegalStateException("tclj's init.tcl is missing from the classpath", e);
            }
            initSource = s;
        }
        return s;
    }

    static void run(Interp interp) {
        if (interp.isSafe()) {
            runSafe(interp);
            return;
        }
        try {
            setPlatform(interp, false);
            String lib = Files.isDirectory(Path.of(DEBIAN_LIBRARY)) ? DEBIAN_LIBRARY : "";
            interp.setGlobal("tcl_library", TclObj.of(lib));
            interp.setGlobal("tcl_version", TclObj.of("8.6"));
            interp.setGlobal("tcl_patchLevel", TclObj.of("8.6.13"));
            PrecisionVar.install(interp);
            List<TclObj> auto = new ArrayList<>();
            String tlp = System.getenv("TCLLIBPATH");
            if (tlp != null && !tlp.isBlank()) {
                for (TclObj o : TclObj.of(tlp).asList().toArray()) auto.add(o);
            }
            if (!lib.isEmpty()) {
                for (String d : new String[]{lib, "/usr/share/tcltk", "/usr/lib", "/usr/local/lib/tcltk",
                        "/usr/local/share/tcltk", "/usr/lib/tcltk/x86_64-linux-gnu", "/usr/lib/tcltk", "/usr/lib/tcltk/tcl8.6"}) {
                    auto.add(TclObj.of(d));
                }
            }
            interp.setGlobal("auto_path", TclObj.ofList(TclList.of(auto)));
            interp.setGlobal("tcl_interactive", TclObj.of(0));
            for (Map.Entry<String, String> e : System.getenv().entrySet()) {
                interp.writeVar("::env", e.getKey(), TclObj.of(e.getValue()), null);
            }
            if (!interp.isSafe()) try {
                interp.eval(TclObj.of(source()));
            } catch (TclException e) {
                // During bring-up of the command set, report instead of refusing to start.
                if (!warned) {
                    warned = true;
                    System.err.println("tclj: init.tcl failed: " + (e.errorInfo != null ? e.errorInfo : e.getMessage()));
                }
            }
            List<TclObj> tm = new ArrayList<>();
            if (!lib.isEmpty()) {
                for (String root : new String[]{"/usr/lib/tcltk/tcl8", "/usr/lib/tcl8", "/usr/share/tcltk/tcl8"}) {
                    tm.add(TclObj.of(root + "/site-tcl"));
                    for (int v = 0; v <= 6; v++) tm.add(TclObj.of(root + "/8." + v));
                }
                tm.add(TclObj.of(lib + "/tcl8"));
            }
            String tmEnv = System.getenv("TCL8_6_TM_PATH");
            if (tmEnv != null) for (String p : tmEnv.split(":")) if (!p.isEmpty()) tm.add(0, TclObj.of(p));
            if (!interp.isSafe()) try {
                interp.setGlobal("::tcl::tm::paths", TclObj.ofList(TclList.of(tm)));
            } catch (TclException e) {
                if (!warned) System.err.println("tclj: no ::tcl::tm namespace: " + e.getMessage());
            }
        } catch (TclException e) {
            throw new IllegalStateException("init.tcl failed: " + (e.errorInfo != null ? e.errorInfo : e.getMessage()), e);
        }
    }

    /**
     * What a safe interpreter has of all this (as Tcl's safe interpreters): tcl_platform without
     * the host's identity (os, osVersion, machine, user), the version variables and
     * tcl_interactive; no env, no library, no auto_path, no init script. Made in the order Tcl
     * makes them, so that listings come out in tclsh's order.
     */
    private static void runSafe(Interp interp) {
        try {
            setPlatform(interp, true);
            interp.setGlobal("tcl_patchLevel", TclObj.of("8.6.13"));
            interp.setGlobal("tcl_version", TclObj.of("8.6"));
            interp.setGlobal("tcl_interactive", TclObj.of(0));
        } catch (TclException e) {
            throw new IllegalStateException("safe interpreter setup: " + e.getMessage(), e);
        }
    }

    /** The tcl_platform entries in the order Tcl creates them (its hash order follows from it). */
    private static final String[] PLATFORM_KEYS = {"byteOrder", "wordSize", "pointerSize", "engine", "platform",
            "os", "osVersion", "machine", "user", "pathSeparator", "threaded"};
    /** The entries a safe interpreter keeps (Tcl's TclMakeSafe removes the others). */
    private static final java.util.Set<String> SAFE_PLATFORM_KEYS = java.util.Set.of("byteOrder", "wordSize",
            "pointerSize", "engine", "platform", "pathSeparator", "threaded");
    private static volatile String[] platformValues;

    private static String[] platformValues() {
        String[] v = platformValues;
        if (v != null) return v;
        String os = System.getProperty("os.name", "Linux");
        boolean windows = os.startsWith("Windows");
        String arch = System.getProperty("os.arch", "amd64");
        String machine = arch.equals("amd64") ? "x86_64" : arch.equals("aarch64") ? "aarch64" : arch;
        String[] s = {
                java.nio.ByteOrder.nativeOrder() == java.nio.ByteOrder.LITTLE_ENDIAN ? "littleEndian" : "bigEndian",
                "8", "8", "Tcl", windows ? "windows" : "unix", os, System.getProperty("os.version", ""), machine,
                System.getProperty("user.name", ""), windows ? ";" : ":", "1"};
        return platformValues = s;
    }

    private static void setPlatform(Interp interp, boolean safe) throws TclException {
        // values are made per interpreter: a value belongs to one thread at a time, as a Tcl_Obj
        String[] values = platformValues();
        for (int i = 0; i < PLATFORM_KEYS.length; i++) {
            if (safe && !SAFE_PLATFORM_KEYS.contains(PLATFORM_KEYS[i])) continue;
            interp.writeVar("::tcl_platform", PLATFORM_KEYS[i], TclObj.of(values[i]), null);
        }
    }
}
