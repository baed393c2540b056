package dev.tclj;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;

/**
 * The tclsh main loop without line editing (Tcl_Main): runs a script file with argv0/argv/argc, or
 * reads commands from standard input until each is complete and evaluates it. The tclj command
 * (tclj-cli) adds the interactive shell on top of this.
 *
 * <p>The interpreter runs on a thread with a large stack, so that deep Tcl recursion reaches Tcl's
 * own limit ("too many nested evaluations") before the JVM's.
 */
public final class TclMain {
    private TclMain() {}

    public static final long STACK_SIZE = 1L << 30;

    public static void main(String[] args) {
        System.exit(runOnBigStack(() -> run(args)));
    }

    /** Runs body on a thread with a large stack and returns its exit status. */
    public static int runOnBigStack(java.util.function.IntSupplier body) {
        int[] status = {0};
        Throwable[] failure = {null};
        Thread t = new Thread(null, () -> {
            try {
                status[0] = body.getAsInt();
            } catch (Throwable e) {
                failure[0] = e;
            }
        }, "tcl-main", STACK_SIZE);
        t.start();
        try {
            t.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (failure[0] != null) {
            failure[0].printStackTrace();
            return 70;
        }
        return status[0];
    }

    /** Sets argv0, argv, argc and tcl_interactive as tclsh does. */
    public static void setArgs(Interp interp, String argv0, String[] rest, boolean interactive) {
        try {
            TclObj[] a = new TclObj[rest.length];
            for (int i = 0; i < rest.length; i++) a[i] = TclObj.of(rest[i]);
            interp.setGlobal("argv0", TclObj.of(argv0));
            interp.setGlobal("argv", TclObj.ofList(a));
            interp.setGlobal("argc", TclObj.of(rest.length));
            interp.setGlobal("tcl_interactive", TclObj.of(interactive ? 1 : 0));
        } catch (TclException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Runs as tclsh: a script file and arguments, or commands from stdin. Returns the exit status. */
    public static int run(String[] args) {
        Interp interp = new Interp();
        try {
            if (args.length > 0) {
                String[] rest = java.util.Arrays.copyOfRange(args, 1, args.length);
                setArgs(interp, args[0], rest, false);
                return runFile(interp, args[0]);
            }
            setArgs(interp, "tclj", new String[0], false);
            return runStdin(interp);
        } catch (ExitException e) {
            interp.stdout.flush();
            return e.status();
        } finally {
            interp.stdout.flush();
        }
    }

    /** Sources a file at the global level; on error prints errorInfo to stderr and returns 1. */
    public static int runFile(Interp interp, String file) {
        try {
            dev.tclj.cmd.MiscCmds.sourceFile(interp, file, null);
            return 0;
        } catch (TclException e) {
            TclException t = interp.toTopLevel(e);
            if (t instanceof Interp.ReturnValue) return 0;
            interp.stdout.flush();
            String info = t.errorInfo == null ? t.getMessage() : t.errorInfo.toString();
            interp.stderr.println(info);
            interp.stderr.flush();
            return 1;
        }
    }

    /** Reads complete commands from stdin and evaluates each (non-interactive tclsh). */
    public static int runStdin(Interp interp) {
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        interp.stdin = in;
        StringBuilder cmd = new StringBuilder();
        try {
            String line;
            while ((line = in.readLine()) != null) {
                cmd.append(line).append('\n');
                if (!dev.tclj.parse.Parser.isComplete(cmd.toString())) continue;
                String script = cmd.toString();
                cmd.setLength(0);
                try {
                    interp.evalTop(TclObj.of(script));
                } catch (Interp.ReturnValue r) {
                    // fine
                } catch (TclException e) {
                    interp.stdout.flush();
                    String info = e.errorInfo == null ? e.getMessage() : e.errorInfo.toString();
                    interp.stderr.println(info);
                    interp.stderr.flush();
                }
            }
        } catch (java.io.IOException e) {
            return 1;
        }
        return 0;
    }
}
