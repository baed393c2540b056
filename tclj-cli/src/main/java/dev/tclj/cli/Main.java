package dev.tclj.cli;

import dev.tclj.TclMain;
import org.jline.terminal.spi.SystemStream;
import org.jline.terminal.spi.TerminalProvider;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.Callable;

/**
 * The tclj command, a tclsh for the JVM. With a script it runs it as tclsh does (argv0, argv, argc;
 * an uncaught error prints errorInfo and exits 1; exit sets the status), through {@link TclMain}.
 * Without one it reads commands from standard input: as an interactive shell with line editing and
 * history ({@link InteractiveShell}) when standard input is a terminal, else as tclsh reads a pipe.
 */
@Command(name = "tclj", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
        description = "Tcl 8.6 for the JVM. Runs fileName as tclsh does, passing it the args; without a"
                + " fileName, reads commands from standard input (an interactive shell on a terminal).")
public final class Main implements Callable<Integer> {

    @Parameters(index = "0", arity = "0..1", paramLabel = "fileName", description = "the Tcl script to run")
    String script;

    @Parameters(index = "1..*", paramLabel = "arg", description = "the script's arguments (argv)")
    List<String> args = new ArrayList<>();

    public static void main(String[] argv) {
        // A script name first (no option): run it straight away. Start-up time matters for a
        // shell; the option parser is only needed for --help and --version.
        if (argv.length > 0 && !argv[0].startsWith("-")) {
            System.exit(TclMain.runOnBigStack(() -> TclMain.run(argv)));
        }
        CommandLine cl = new CommandLine(new Main())
                // Everything after the script name belongs to the script, options included.
                .setStopAtPositional(true);
        System.exit(cl.execute(argv));
    }

    @Override
    public Integer call() {
        if (script != null) {
            String[] all = new String[args.size() + 1];
            all[0] = script;
            for (int i = 0; i < args.size(); i++) all[i + 1] = args.get(i);
            return TclMain.runOnBigStack(() -> TclMain.run(all));
        }
        if (!stdinIsTerminal()) return TclMain.runOnBigStack(() -> TclMain.run(new String[0]));
        return TclMain.runOnBigStack(InteractiveShell::run);
    }

    /** Whether standard input is a terminal (tclsh's isatty(0)), asked of JLine's native providers. */
    static boolean stdinIsTerminal() {
        for (String provider : new String[]{"jni", "exec"}) {
            try {
                return TerminalProvider.load(provider).isSystemStream(SystemStream.Input);
            } catch (IOException | RuntimeException | LinkageError e) {
                // This provider is not usable here: ask the next one.
            }
        }
        return System.console() != null;
    }

    /** tclj --version. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[]{"tclj " + version() + " (Tcl 8.6), Java " + Runtime.version()};
        }
    }

    static String version() {
        Properties p = new Properties();
        try (InputStream in = Main.class.getResourceAsStream("version.properties")) {
            if (in != null) p.load(in);
        } catch (IOException e) {
            // fall through to "unknown"
        }
        return p.getProperty("version", "unknown");
    }
}
