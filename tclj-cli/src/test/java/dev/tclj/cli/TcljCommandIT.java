package dev.tclj.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * tclj run as tclsh is run: a script with arguments, commands piped into stdin, --version. The
 * expected outputs are what tclsh 8.6 prints for the same scripts.
 */
class TcljCommandIT {
    @TempDir
    Path dir;

    @Test
    void scriptGetsArgv0ArgvArgcAndAllArgumentsAfterIt() throws Exception {
        Path script = Files.writeString(dir.resolve("args.tcl"), "puts $argv0\nputs $argc\nputs $argv\nputs $tcl_interactive\n");
        TcljProcess.Result r = TcljProcess.run(null, script.toString(), "a", "-x", "--", "--version", "b c");
        assertThat(r.err()).isEmpty();
        assertThat(r.out()).isEqualTo(script + "\n5\na -x -- --version {b c}\n0\n");
        assertThat(r.status()).isZero();
    }

    @Test
    void exitSetsTheStatusAndOutputIsFlushed() throws Exception {
        Path script = Files.writeString(dir.resolve("exit.tcl"), "puts -nonewline partial\nexit 3\nputs never\n");
        TcljProcess.Result r = TcljProcess.run(null, script.toString());
        assertThat(r.out()).isEqualTo("partial");
        assertThat(r.status()).isEqualTo(3);
    }

    @Test
    void uncaughtErrorPrintsErrorInfoAndExits1() throws Exception {
        Path script = Files.writeString(dir.resolve("err.tcl"), "puts before\nproc p {} {error boom}\np\n");
        TcljProcess.Result r = TcljProcess.run(null, script.toString());
        assertThat(r.out()).isEqualTo("before\n");
        assertThat(r.err()).isEqualTo("boom\n    while executing\n\"error boom\"\n    (procedure \"p\" line 1)\n"
                + "    invoked from within\n\"p\"\n    (file \"" + script + "\" line 3)\n");
        assertThat(r.status()).isEqualTo(1);
    }

    @Test
    void missingScriptIsAnError() throws Exception {
        TcljProcess.Result r = TcljProcess.run(null, dir.resolve("none.tcl").toString());
        assertThat(r.err()).isEqualTo("couldn't read file \"" + dir.resolve("none.tcl") + "\": no such file or directory\n");
        assertThat(r.status()).isEqualTo(1);
    }

    @Test
    void commandsFromAPipeRunOneCompleteCommandAtATime() throws Exception {
        TcljProcess.Result r = TcljProcess.run("puts one\nset x {a\nb}\nputs $x\nerror oops\nputs [gets stdin]\nline from stdin\n"
                + "puts $tcl_interactive\n");
        assertThat(r.out()).isEqualTo("one\na\nb\nline from stdin\n0\n");
        // tclsh reading commands from a pipe prints only the message of an error
        assertThat(r.err()).isEqualTo("oops\n");
        assertThat(r.status()).isZero();
    }

    @Test
    void version() throws Exception {
        TcljProcess.Result r = TcljProcess.run(null, "--version");
        assertThat(r.out()).startsWith("tclj " + Main.version() + " (Tcl 8.6), Java ");
        assertThat(r.status()).isZero();
    }

    @Test
    void unknownOptionBeforeTheScriptIsAUsageError() throws Exception {
        TcljProcess.Result r = TcljProcess.run(null, "--nosuch");
        assertThat(r.err()).startsWith("Unknown option: '--nosuch'\nUsage: tclj ");
        assertThat(r.status()).isEqualTo(2);
    }
}
