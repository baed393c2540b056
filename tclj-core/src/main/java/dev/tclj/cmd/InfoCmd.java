package dev.tclj.cmd;

import dev.tclj.Interp;
import dev.tclj.Introspection;
import dev.tclj.Proc;
import dev.tclj.TclException;
import dev.tclj.TclList;
import dev.tclj.TclObj;
import dev.tclj.parse.Parser;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The {@code info} command (Tcl 8.6). The subcommands of features tclj does not have yet
 * ({@code coroutine}, and TclOO's {@code class} and {@code object}) are added by those features
 * through {@link #addSubcommand}. The internals it reports come from {@link Introspection}.
 */
public final class InfoCmd {
    private InfoCmd() {}

    public static final String PATCHLEVEL = "8.6.13";
    public static final String VERSION = "8.6";

    public static void register(Interp interp) {
        Subcommands s = new Subcommands("info");
        s.add("args", InfoCmd::args);
        s.add("body", InfoCmd::body);
        s.add("cmdcount", (in, objv) -> {
            if (objv.length != 2) throw TclException.wrongArgs(objv, 2, "");
            return TclObj.of(in.commandCount());
        });
        s.add("commands", (in, objv) -> {
            if (objv.length > 3) throw TclException.wrongArgs(objv, 2, "?pattern?");
            return TclObj.ofList(Introspection.commands(in, objv.length == 3 ? objv[2].toString() : null, false));
        });
        s.add("complete", (in, objv) -> {
            if (objv.length != 3) throw TclException.wrongArgs(objv, 2, "command");
            return TclObj.of(Parser.isComplete(objv[2].toString()));
        });
        s.add("default", InfoCmd::defaultCmd);
        s.add("errorstack", InfoCmd::errorstack);
        s.add("exists", (in, objv) -> {
            if (objv.length != 3) throw TclException.wrongArgs(objv, 2, "varName");
            return TclObj.of(in.varExists(objv[2].toString()));
        });
        s.add("frame", InfoCmd::frame);
        s.add("functions", InfoCmd::functions);
        s.add("globals", (in, objv) -> {
            if (objv.length > 3) throw TclException.wrongArgs(objv, 2, "?pattern?");
            return TclObj.ofList(Introspection.globals(in, objv.length == 3 ? objv[2].toString() : null));
        });
        s.add("hostname", (in, objv) -> {
            if (objv.length != 2) throw TclException.wrongArgs(objv, 2, "");
            return TclObj.of(hostname());
        });
        s.add("level", InfoCmd::level);
        s.add("library", (in, objv) -> {
            if (objv.length != 2) throw TclException.wrongArgs(objv, 2, "");
            TclObj lib = in.getVarOrNull("::tcl_library");
            if (lib == null) throw TclException.error("no library has been specified for Tcl", "TCL", "LOOKUP", "VARNAME", "tcl_library");
            return lib;
        });
        s.add("loaded", (in, objv) -> {
            if (objv.length > 3) throw TclException.wrongArgs(objv, 2, "?interp?");
            if (objv.length == 3) checkInterp(objv[2]);
            return TclObj.EMPTY; // no binary extensions are ever loaded into tclj
        });
        s.add("locals", (in, objv) -> {
            if (objv.length > 3) throw TclException.wrongArgs(objv, 2, "?pattern?");
            return TclObj.ofList(Introspection.locals(in, objv.length == 3 ? objv[2].toString() : null));
        });
        s.add("nameofexecutable", (in, objv) -> {
            if (objv.length != 2) throw TclException.wrongArgs(objv, 2, "");
            String exe = System.getProperty("tclj.executable");
            return exe == null ? TclObj.EMPTY : TclObj.of(exe);
        });
        s.add("patchlevel", (in, objv) -> {
            if (objv.length != 2) throw TclException.wrongArgs(objv, 2, "");
            // Tcl reports the global variable, which a script may change or unset
            return in.getGlobal("tcl_patchLevel");
        });
        s.add("procs", (in, objv) -> {
            if (objv.length > 3) throw TclException.wrongArgs(objv, 2, "?pattern?");
            return TclObj.ofList(Introspection.commands(in, objv.length == 3 ? objv[2].toString() : null, true));
        });
        s.add("script", (in, objv) -> {
            if (objv.length > 3) throw TclException.wrongArgs(objv, 2, "?filename?");
            if (objv.length == 3) in.setScriptFile(objv[2].toString());
            return TclObj.of(in.scriptFile());
        });
        s.add("sharedlibextension", (in, objv) -> {
            if (objv.length != 2) throw TclException.wrongArgs(objv, 2, "");
            return TclObj.of(sharedLibExtension());
        });
        s.add("tclversion", (in, objv) -> {
            if (objv.length != 2) throw TclException.wrongArgs(objv, 2, "");
            return in.getGlobal("tcl_version");
        });
        s.add("vars", (in, objv) -> {
            if (objv.length > 3) throw TclException.wrongArgs(objv, 2, "?pattern?");
            return TclObj.ofList(Introspection.vars(in, objv.length == 3 ? objv[2].toString() : null));
        });
        interp.createCommand("info", s);
    }

    /**
     * Adds a subcommand to the info ensemble of an interpreter: the features that own
     * {@code info coroutine}, {@code info class} and {@code info object} register them here.
     */
    public static void addSubcommand(Interp interp, String name, dev.tclj.Command impl) {
        dev.tclj.CommandEntry ce = interp.findCommand("::info");
        if (ce != null && ce.impl() instanceof Subcommands s) s.add(name, impl);
    }

    private static Proc proc(Interp interp, TclObj name) throws TclException {
        Proc p = Introspection.findProc(interp, name.toString());
        if (p == null) {
            throw TclException.error("\"" + name + "\" isn't a procedure", "TCL", "LOOKUP", "PROCEDURE", name.toString());
        }
        return p;
    }

    static TclObj args(Interp interp, TclObj[] objv) throws TclException {
        if (objv.length != 3) throw TclException.wrongArgs(objv, 2, "procname");
        Proc p = proc(interp, objv[2]);
        String[] names = p.argNames();
        TclObj[] out = new TclObj[names.length];
        for (int i = 0; i < names.length; i++) out[i] = TclObj.of(names[i]);
        return TclObj.ofList(out);
    }

    static TclObj body(Interp interp, TclObj[] objv) throws TclException {
        if (objv.length != 3) throw TclException.wrongArgs(objv, 2, "procname");
        return proc(interp, objv[2]).body();
    }

    static TclObj defaultCmd(Interp interp, TclObj[] objv) throws TclException {
        if (objv.length != 5) throw TclException.wrongArgs(objv, 2, "procname arg varname");
        Proc p = proc(interp, objv[2]);
        String arg = objv[3].toString();
        String[] names = p.argNames();
        for (int i = 0; i < names.length; i++) {
            if (!names[i].equals(arg)) continue;
            TclObj d = p.defaultOf(i);
            interp.setVar(objv[4].toString(), d == null ? TclObj.EMPTY : d);
            return TclObj.of(d != null);
        }
        throw TclException.error("procedure \"" + objv[2] + "\" doesn't have an argument \"" + arg + "\"",
                "TCL", "LOOKUP", "ARGUMENT", arg);
    }

    static TclObj errorstack(Interp interp, TclObj[] objv) throws TclException {
        if (objv.length > 3) throw TclException.wrongArgs(objv, 2, "?interp?");
        if (objv.length == 3) checkInterp(objv[2]);
        return Introspection.errorStack(interp);
    }

    /** Only the current interpreter ("" or {}) can be named until child interpreters exist. */
    private static void checkInterp(TclObj name) throws TclException {
        if (name.asList().size() != 0) {
            throw TclException.error("could not find interpreter \"" + name + "\"", "TCL", "LOOKUP", "INTERP", name.toString());
        }
    }

    static TclObj frame(Interp interp, TclObj[] objv) throws TclException {
        if (objv.length > 3) throw TclException.wrongArgs(objv, 2, "?number?");
        if (objv.length == 2) return TclObj.of(Introspection.frameCount(interp));
        int n = objv[2].asInt();
        TclObj r = Introspection.frame(interp, n);
        if (r == null) throw TclException.error("bad level \"" + objv[2] + "\"", "TCL", "LOOKUP", "LEVEL", objv[2].toString());
        return r;
    }

    static TclObj level(Interp interp, TclObj[] objv) throws TclException {
        if (objv.length > 3) throw TclException.wrongArgs(objv, 2, "?number?");
        if (objv.length == 2) return TclObj.of(interp.currentFrame().level());
        int n = objv[2].asInt();
        TclObj r = Introspection.level(interp, n);
        if (r == null) throw TclException.error("bad level \"" + objv[2] + "\"", "TCL", "LOOKUP", "STACK_LEVEL", objv[2].toString());
        return r;
    }

    static TclObj functions(Interp interp, TclObj[] objv) throws TclException {
        if (objv.length > 3) throw TclException.wrongArgs(objv, 2, "?pattern?");
        String pattern = objv.length == 3 ? objv[2].toString() : "*";
        // math functions are the commands of ::tcl::mathfunc (and of tcl::mathfunc in the current namespace)
        TclList global = Introspection.commands(interp, "::tcl::mathfunc::" + pattern, false);
        java.util.LinkedHashSet<String> names = new java.util.LinkedHashSet<>();
        String cur = interp.currentNamespace().fullName();
        if (!cur.equals("::")) {
            TclList local = Introspection.commands(interp, cur + "::tcl::mathfunc::" + pattern, false);
            for (int i = 0; i < local.size(); i++) names.add(tail(local.get(i).toString()));
        }
        for (int i = 0; i < global.size(); i++) names.add(tail(global.get(i).toString()));
        java.util.ArrayList<TclObj> out = new java.util.ArrayList<>();
        for (String n : names) out.add(TclObj.of(n));
        return TclObj.ofList(TclList.of(out));
    }

    private static String tail(String full) {
        int i = full.lastIndexOf("::");
        return i < 0 ? full : full.substring(i + 2);
    }

    static String hostname() {
        try {
            String h = Files.readString(Path.of("/proc/sys/kernel/hostname")).trim();
            if (!h.isEmpty()) return h;
        } catch (Exception ignored) {
            // not Linux: ask the network layer
        }
        try {
            return java.net.InetAddress.getLocalHost().getHostName();
        } catch (Exception e) {
            return "";
        }
    }

    static String sharedLibExtension() {
        String lib = System.mapLibraryName("x");
        int dot = lib.lastIndexOf('.');
        return dot < 0 ? "" : lib.substring(dot);
    }
}
