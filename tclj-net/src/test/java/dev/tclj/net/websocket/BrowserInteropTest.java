package dev.tclj.net.websocket;

import dev.tclj.Interp;
import dev.tclj.TclException;
import dev.tclj.browser.HeadlessChromium;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * A browser as the client of the websocket package's server (issue 8, item 4): headless Chromium
 * ({@link HeadlessChromium}) opens a WebSocket from a page served by a Tcl script that uses the
 * package as tcllib's users do ({@code server}, {@code live}, {@code test}, {@code upgrade}), sends
 * text (long and non-ASCII: compressed, since Chromium offers permessage-deflate) and binary
 * messages, reads the echoes, and closes with a code and a reason that the Tcl handler hears.
 * Skipped where chromium is not installed.
 */
@Timeout(value = 50, unit = TimeUnit.SECONDS)
class BrowserInteropTest {
    /** An echo server on a port the system chooses; the handler's events go to ::events. */
    private static final String SERVER = """
            package require websocket
            set srv [socket -server accept -myaddr 127.0.0.1 0]
            ::websocket::server $srv
            ::websocket::live $srv /echo echo
            set port [lindex [fconfigure $srv -sockname] 2]
            set events {}
            proc accept {sock addr port} {
                fconfigure $sock -translation crlf
                fileevent $sock readable [list request $sock]
            }
            proc request {sock} {
                fileevent $sock readable {}
                gets $sock line
                set hdrs {}
                while {[gets $sock h] > 0} {
                    set i [string first : $h]
                    lappend hdrs [string trim [string range $h 0 $i-1]] [string trim [string range $h $i+1 end]]
                }
                set path [lindex $line 1]
                if {[::websocket::test $::srv $sock $path $hdrs]} {
                    ::websocket::upgrade $sock
                    return
                }
                set body "<!DOCTYPE html><title>echo</title><p>echo</p>"
                puts -nonewline $sock "HTTP/1.1 200 OK\\nContent-Type: text/html\\nContent-Length: [string length $body]\\nConnection: close\\n\\n$body"
                close $sock
            }
            proc echo {sock type msg} {
                switch -- $type {
                    text   { ::websocket::send $sock text "echo:$msg" }
                    binary { ::websocket::send $sock binary [string reverse $msg] }
                    close  { lappend ::events close $msg }
                    disconnect { lappend ::events disconnect; set ::finished 1 }
                }
            }
            """;

    /** Runs in the page: opens the WebSocket, sends, collects the replies, closes; resolves with a summary. */
    private static final String CLIENT = """
            new Promise((resolve) => {
              const out = [];
              const long = "é€😀tcl".repeat(5000);
              const ws = new WebSocket("ws://" + location.host + "/echo");
              ws.binaryType = "arraybuffer";
              ws.onopen = () => {
                ws.send("hello");
                ws.send(long);
                ws.send(new Uint8Array([0, 1, 2, 255]).buffer);
              };
              ws.onmessage = (e) => {
                if (typeof e.data === "string") out.push(e.data === "echo:" + long ? "long ok" : e.data);
                else out.push("binary " + Array.from(new Uint8Array(e.data)).join(","));
                if (out.length === 3) ws.close(4000, "bye");
              };
              ws.onerror = () => out.push("error");
              ws.onclose = (e) => resolve(out.join("|") + "|close " + e.code + " " + e.wasClean + "|" + ws.extensions);
            })""";

    @Test
    void chromiumTalksToThePackagesServer() throws Exception {
        assumeTrue(HeadlessChromium.available(), "chromium is not installed");
        CompletableFuture<Interp> ready = new CompletableFuture<>();
        CompletableFuture<String> events = new CompletableFuture<>();
        Thread tcl = new Thread(() -> {
            Interp interp = new Interp();
            try {
                interp.eval(SERVER);
                ready.complete(interp);
                interp.eval("vwait ::finished");
                events.complete(interp.getVar("events").toString());
                interp.eval("close $srv");
            } catch (TclException e) {
                ready.completeExceptionally(e);
                events.completeExceptionally(e);
            }
        }, "tcl-echo-server");
        tcl.setDaemon(true);
        tcl.start();
        Interp interp = ready.get(20, TimeUnit.SECONDS);
        String port = interp.submit("set port").get(10, TimeUnit.SECONDS).toString();
        try (HeadlessChromium page = HeadlessChromium.start()) {
            page.navigate("http://127.0.0.1:" + port + "/");
            page.await("document.title === 'echo'", "the page");
            String r = page.eval(CLIENT);
            // the replies in order, a clean close, and the compression the browser offered, agreed
            assertThat(r).startsWith("echo:hello|long ok|binary 255,2,1,0|close 4000 true|permessage-deflate");
            assertThat(events.get(20, TimeUnit.SECONDS)).isEqualTo("close {4000 bye} disconnect");
        } finally {
            interp.post(() -> {
                try {
                    interp.setVar("::finished", "1");
                } catch (TclException e) {
                    // the interpreter is gone already
                }
            });
        }
    }
}
