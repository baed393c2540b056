package dev.tclj.server;

import dev.tclj.browser.HeadlessChromium;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The browser console end to end in headless Chromium ({@link HeadlessChromium}: Debian's
 * chromium through the DevTools protocol): the test opens the page with the token in its
 * address, types commands into the input and presses Enter, and reads the results and errors
 * from the page; then it checks the history (Up) and the reconnection after the server drops
 * the connection. Skipped where chromium is not installed.
 */
@Timeout(value = 50, unit = TimeUnit.SECONDS)
class ConsoleBrowserTest {
    private static final String LAST = "document.querySelector('#log .entry:last-child ";

    @Test
    void typeCommandsReadResultsAndErrorsUseHistoryAndReconnect() throws Exception {
        assumeTrue(HeadlessChromium.available(), "chromium is not installed");
        try (TclServer server = TclServer.builder().webSocket("/ws").onConnect((in, c, a, p) -> true).jmx(false).build();
             HeadlessChromium page = HeadlessChromium.start()) {
            server.start();
            page.navigate("http://127.0.0.1:" + server.port() + "/#token=" + server.webSocketToken());
            page.await("document.getElementById('status') && document.getElementById('status').textContent === 'connected'",
                    "connected");

            page.eval("document.getElementById('input').focus()");
            page.type("set greeting [string toupper hello]");
            page.press("Enter", 13);
            page.await(LAST + ".result')", "a result");
            assertThat(page.eval(LAST + ".result').textContent")).isEqualTo("HELLO");
            assertThat(server.interp().getVar("greeting").toString()).isEqualTo("HELLO");

            page.type("proc f {} {error {it failed}}\nf");
            page.press("Enter", 13);
            page.await(LAST + ".error')", "an error");
            assertThat(page.eval(LAST + ".error').textContent")).isEqualTo("it failed");
            assertThat(page.eval(LAST + "details.errorinfo pre').textContent"))
                    .startsWith("it failed\n    while executing\n\"error {it failed}\"\n    (procedure \"f\" line 1)");

            // history: Up brings back the last command
            page.press("ArrowUp", 38);
            assertThat(page.eval("document.getElementById('input').value")).isEqualTo("proc f {} {error {it failed}}\nf");
            page.eval("document.getElementById('input').value = ''");

            // the server drops the connection: the page says so, reconnects and serves on
            server.closeConnections();
            page.await("document.getElementById('log').innerText.includes('connection closed')", "the closing");
            page.await("document.getElementById('status').textContent === 'connected'", "connected again");
            page.type("expr {6 * 7}");
            page.press("Enter", 13);
            page.await(LAST + ".result')", "a result after reconnecting");
            assertThat(page.eval(LAST + ".result').textContent")).isEqualTo("42");
        }
    }
}
