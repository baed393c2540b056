package dev.tclj;

/**
 * The tclsh main loop without line editing (Tcl_Main): runs a script file with argv0/argv/argc, or
 * reads commands from standard input until each is complete and evaluates it. The tclj command
 * (tclj-cli) adds the interactive shell on top of this.
 *
 * <p>The interpreter runs on a thread with a large stack, so that deep Tcl recursion reaches Tcl's
 * own limit ("too many nested evaluations") before the JVM's. Its coroutines share that stack
 * when they run as continuations (see {@link ContinuationHandoff}): a platform thread, rather than
 * a virtual one, because the event loop then waits for sockets in its own system call, with no
 * other thread to wake it.
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
            return e.status();
        } finally {
            // as Tcl at exit: buffered output is written, files closed, pipelines waited for
            dev.tclj.io.ChannelTable.finishAtExit(interp);
            interp.notifier().finishIo();
            dev.tclj.event.BackgroundClose.awaitAll();
            interp.stdout.flush();
            interp.stderr.flush();
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
            dev.tclj.io.ChannelTable.flushAll(interp);
            interp.stdout.flush();
            String info = t.errorInfo == null ? t.getMessage() : t.errorInfo.toString();
            interp.stderr.println(info);
            interp.stderr.flush();
            return 1;
        }
    }

    /**
     * Reads complete commands from the stdin channel and evaluates each (non-interactive tclsh).
     * The script and its own {@code gets stdin} share that channel, as in tclsh.
     */
    public static int runStdin(Interp interp) {
        dev.tclj.io.ChannelTable table = dev.tclj.io.ChannelTable.of(interp);
        StringBuilder cmd = new StringBuilder();
        StringBuilder line = new StringBuilder();
        while (true) {
            dev.tclj.io.Channel in = table.lookup("stdin");
            if (in == null || !in.isReadable()) break;
            line.setLength(0);
            int n;
            try {
                n = in.gets(line);
            } catch (java.io.IOException e) {
                return 1;
            }
            if (n < 0) {
                if (in.eof()) break;
                continue;
            }
            cmd.append(line).append('\n');
            if (!dev.tclj.parse.Parser.isComplete(cmd.toString())) continue;
            String script = cmd.toString();
            cmd.setLength(0);
            try {
                dev.tclj.cmd.MiscCmds.evalTopLevel(interp, script);
            } catch (TclException e) {
                e.errorInfo = null; // as tclsh reading commands from stdin: only the message is printed
                dev.tclj.io.ChannelTable.flushAll(interp);
                interp.stdout.flush();
                String info = e.errorInfo == null ? e.getMessage() : e.errorInfo.toString();
                interp.stderr.println(info);
                interp.stderr.flush();
            }
        }
        return 0;
    }
}
