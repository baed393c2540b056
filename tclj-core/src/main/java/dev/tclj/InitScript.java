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
        try {
            setPlatform(interp);
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

    private static void setPlatform(Interp interp) throws TclException {
        String os = System.getProperty("os.name", "Linux");
        boolean windows = os.startsWith("Windows");
        String arch = System.getProperty("os.arch", "amd64");
        String machine = arch.equals("amd64") ? "x86_64" : arch.equals("aarch64") ? "aarch64" : arch;
        String[][] kv = {
                {"byteOrder", java.nio.ByteOrder.nativeOrder() == java.nio.ByteOrder.LITTLE_ENDIAN ? "littleEndian" : "bigEndian"},
                {"engine", "Tcl"},
                {"machine", machine},
                {"os", os},
                {"osVersion", System.getProperty("os.version", "")},
                {"pathSeparator", windows ? ";" : ":"},
                {"platform", windows ? "windows" : "unix"},
                {"pointerSize", "8"},
                {"threaded", "1"},
                {"user", System.getProperty("user.name", "")},
                {"wordSize", "8"},
        };
        for (String[] p : kv) interp.writeVar("::tcl_platform", p[0], TclObj.of(p[1]), null);
    }
}
