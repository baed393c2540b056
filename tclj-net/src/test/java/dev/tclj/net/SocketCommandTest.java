package dev.tclj.net;

import dev.tclj.Interp;
import dev.tclj.TclException;
import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.File;
import java.io.InputStreamReader;
import java.io.Writer;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

/**
 * The socket command as an embedding program sees it: present in every interpreter once
 * tclj-net is on the class path (core finds it with ServiceLoader), hidden in safe ones, and
 * talking to a real tclsh started as a child process.
 */
class SocketCommandTest {

    @Test
    void everyInterpreterHasSocketAndSafeOnesHideIt() throws TclException {
        Interp interp = new Interp();
        assertThat(interp.findCommand("socket")).isNotNull();
        Interp safe = new Interp(true);
        assertThat(safe.findCommand("socket")).isNull();
        assertThat(interp.eval("interp create -safe s; s hidden").toString().split(" ")).contains("socket");
    }

    @Test
    void aServerAndAClientInOneInterpreter() throws TclException {
        Interp interp = new Interp();
        String r = interp.eval("""
                proc accept {chan addr port} { fconfigure $chan -buffering line; puts $chan "hi $addr"; close $chan }
                set srv [socket -server accept -myaddr 127.0.0.1 0]
                set c [socket 127.0.0.1 [lindex [fconfigure $srv -sockname] 2]]
                fileevent $c readable {set ::line [gets $c]}
                after 5000 {set ::line timeout}
                vwait ::line
                close $c
                close $srv
                set ::line
                """).toString();
        assertThat(r).isEqualTo("hi 127.0.0.1");
    }

    private static String tclsh() {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            File f = new File(dir, "tclsh");
            if (!dir.isEmpty() && f.canExecute() && !f.isDirectory()) return f.getPath();
        }
        return null;
    }

    /** A tclsh echo server in a child process; our interpreter is the client. */
    @Test
    void talksToATclshServer() throws Exception {
        String tclsh = tclsh();
        assumeThat(tclsh).as("tclsh on the PATH").isNotNull();
        Process p = new ProcessBuilder(tclsh).redirectErrorStream(true).start();
        try {
            Writer w = new OutputStreamWriter(p.getOutputStream(), StandardCharsets.UTF_8);
            w.write("""
                    proc echo {s} { if {[gets $s l] < 0} { close $s; return }; puts $s [string reverse $l]; flush $s }
                    set srv [socket -server {apply {{s a p} {fileevent $s readable [list echo $s]}}} -myaddr 127.0.0.1 0]
                    puts [lindex [fconfigure $srv -sockname] 2]
                    flush stdout
                    vwait forever
                    """);
            w.flush();
            BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
            String port = r.readLine();
            Interp interp = new Interp();
            interp.setVar("port", dev.tclj.TclObj.of(port));
            String got = interp.eval("""
                    set c [socket 127.0.0.1 $port]
                    puts $c stressed; flush $c
                    set a [gets $c]
                    close $c
                    set a
                    """).toString();
            assertThat(got).isEqualTo("desserts");
        } finally {
            p.destroyForcibly();
            p.waitFor(10, TimeUnit.SECONDS);
        }
    }
}
