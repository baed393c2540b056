package dev.tclj.server;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The browser console end to end in headless Chromium (Debian's {@code chromium}), driven
 * through the DevTools protocol over the JDK's WebSocket client: the test opens the page with
 * the token in its address, types commands into the input and presses Enter, and reads the
 * results and errors from the page; then it checks the history (Up) and the reconnection after
 * the server drops the connection. Skipped where chromium is not installed.
 */
@Timeout(value = 50, unit = TimeUnit.SECONDS)
class ConsoleBrowserTest {
    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");

    /** A DevTools session on one page: commands by id, replies matched to them. */
    static final class DevTools implements WebSocket.Listener {
        private final AtomicInteger ids = new AtomicInteger();
        private final Map<Integer, CompletableFuture<String>> waiting = new ConcurrentHashMap<>();
        private final StringBuilder part = new StringBuilder();
        private WebSocket ws;

        static DevTools connect(String url) {
            DevTools d = new DevTools();
            d.ws = HttpClient.newHttpClient().newWebSocketBuilder().buildAsync(URI.create(url), d).join();
            return d;
        }

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            part.append(data);
            if (last) {
                String m = part.toString();
                part.setLength(0);
                Matcher id = Pattern.compile("^\\{\"id\":(\\d+),").matcher(m);
                if (id.find()) {
                    CompletableFuture<String> f = waiting.remove(Integer.parseInt(id.group(1)));
                    if (f != null) f.complete(m);
                }
            }
            webSocket.request(1);
            return null;
        }

        /** Sends a command (params: a JSON object) and waits for its reply. */
        String call(String method, String params) throws Exception {
            int id = ids.incrementAndGet();
            CompletableFuture<String> f = new CompletableFuture<>();
            waiting.put(id, f);
            ws.sendText("{\"id\":" + id + ",\"method\":\"" + method + "\",\"params\":" + params + "}", true).join();
            return f.get(10, TimeUnit.SECONDS);
        }

        /** Evaluates a JavaScript expression in the page; its value as a string. */
        String eval(String js) throws Exception {
            String r = call("Runtime.evaluate", "{\"expression\":" + json(js) + ",\"returnByValue\":true}");
            Matcher m = Pattern.compile("\"value\":\"((?:[^\"\\\\]|\\\\.)*)\"").matcher(r);
            return m.find() ? unjson(m.group(1)) : "";
        }

        /** Waits until a JavaScript expression is true in the page. */
        void await(String js, String what) throws Exception {
            long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
            while (System.nanoTime() < end) {
                if (eval("String(Boolean(" + js + "))").equals("true")) return;
                Thread.sleep(50);
            }
            throw new AssertionError("the page never showed " + what + "; the log: " + eval("document.getElementById('log').innerText"));
        }

        /** Types text into the focused element and presses a key, as a user would. */
        void type(String text) throws Exception {
            call("Input.insertText", "{\"text\":" + json(text) + "}");
        }

        void press(String key, int code) throws Exception {
            for (String t : List.of("rawKeyDown", "keyUp")) {
                call("Input.dispatchKeyEvent", "{\"type\":\"" + t + "\",\"key\":\"" + key + "\",\"code\":\"" + key
                        + "\",\"windowsVirtualKeyCode\":" + code + ",\"nativeVirtualKeyCode\":" + code + "}");
            }
        }

        void close() { ws.abort(); }
    }

    static String json(String s) {
        StringBuilder sb = new StringBuilder();
        Json.quote(sb, s);
        return sb.toString();
    }

    static String unjson(String s) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c != '\\') {
                sb.append(c);
                continue;
            }
            char e = s.charAt(++i);
            switch (e) {
                case 'n' -> sb.append('\n');
                case 't' -> sb.append('\t');
                case 'r' -> sb.append('\r');
                case 'u' -> {
                    sb.append((char) Integer.parseInt(s.substring(i + 1, i + 5), 16));
                    i += 4;
                }
                default -> sb.append(e);
            }
        }
        return sb.toString();
    }

    @Test
    void typeCommandsReadResultsAndErrorsUseHistoryAndReconnect() throws Exception {
        assumeTrue(Files.isExecutable(CHROMIUM), "chromium is not installed");
        Path profile = Files.createTempDirectory("tclj-chromium");
        Process browser = null;
        DevTools page = null;
        try (TclServer server = TclServer.builder().webSocket("/ws").onConnect((in, c, a, p) -> true).jmx(false).build()) {
            server.start();
            browser = new ProcessBuilder(CHROMIUM.toString(), "--headless", "--no-sandbox", "--disable-gpu",
                    "--no-first-run", "--no-default-browser-check", "--disable-extensions", "--remote-debugging-port=0",
                    "--remote-debugging-address=127.0.0.1", "--user-data-dir=" + profile, "about:blank")
                    .redirectErrorStream(true).start();
            String endpoint = devToolsEndpoint(browser);
            int devPort = URI.create(endpoint).getPort();
            String targets = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + devPort + "/json/list")).build(), HttpResponse.BodyHandlers.ofString()).body();
            Matcher m = Pattern.compile("\"type\":\\s*\"page\"[^}]*?\"webSocketDebuggerUrl\":\\s*\"([^\"]+)\"|"
                    + "\"webSocketDebuggerUrl\":\\s*\"([^\"]+)\"[^}]*?\"type\":\\s*\"page\"").matcher(targets.replace("\n", " "));
            assertThat(m.find()).as("a page target in " + targets).isTrue();
            page = DevTools.connect(m.group(1) != null ? m.group(1) : m.group(2));

            String url = "http://127.0.0.1:" + server.port() + "/#token=" + server.webSocketToken();
            page.call("Page.navigate", "{\"url\":" + json(url) + "}");
            page.await("document.getElementById('status') && document.getElementById('status').textContent === 'connected'",
                    "connected");

            page.eval("document.getElementById('input').focus(), ''");
            page.type("set greeting [string toupper hello]");
            page.press("Enter", 13);
            page.await("document.querySelector('#log .entry:last-child .result')", "a result");
            assertThat(page.eval("document.querySelector('#log .entry:last-child .result').textContent")).isEqualTo("HELLO");
            assertThat(server.interp().getVar("greeting").toString()).isEqualTo("HELLO");

            page.type("proc f {} {error {it failed}}\nf");
            page.press("Enter", 13);
            page.await("document.querySelector('#log .entry:last-child .error')", "an error");
            assertThat(page.eval("document.querySelector('#log .entry:last-child .error').textContent")).isEqualTo("it failed");
            assertThat(page.eval("document.querySelector('#log .entry:last-child details.errorinfo pre').textContent"))
                    .startsWith("it failed\n    while executing\n\"error {it failed}\"\n    (procedure \"f\" line 1)");

            // history: Up brings back the last command
            page.press("ArrowUp", 38);
            assertThat(page.eval("document.getElementById('input').value")).isEqualTo("proc f {} {error {it failed}}\nf");
            page.eval("document.getElementById('input').value = '', ''");

            // the server drops the connection: the page reconnects and serves on
            server.closeConnections();
            page.await("document.getElementById('log').innerText.includes('connection closed')", "the closing");
            page.await("document.getElementById('status').textContent === 'connected'", "connected again");
            page.type("expr {6 * 7}");
            page.press("Enter", 13);
            page.await("document.querySelector('#log .entry:last-child .result')", "a result after reconnecting");
            assertThat(page.eval("document.querySelector('#log .entry:last-child .result').textContent")).isEqualTo("42");
        } finally {
            if (page != null) page.close();
            if (browser != null) {
                browser.descendants().forEach(ProcessHandle::destroyForcibly);
                browser.destroyForcibly();
                browser.waitFor(10, TimeUnit.SECONDS);
            }
            deleteTree(profile);
        }
    }

    /** Chromium prints "DevTools listening on ws://..." on stderr (merged into stdout here). */
    private static String devToolsEndpoint(Process browser) throws IOException, InterruptedException {
        CompletableFuture<String> found = new CompletableFuture<>();
        Thread reader = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(browser.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = r.readLine()) != null) {
                    int i = line.indexOf("ws://");
                    if (line.startsWith("DevTools listening on") && i >= 0) found.complete(line.substring(i).strip());
                }
            } catch (IOException e) {
                // the browser is gone
            }
            found.complete(null);
        }, "chromium-output");
        reader.setDaemon(true);
        reader.start();
        try {
            String e = found.get(20, TimeUnit.SECONDS);
            assertThat(e).as("chromium's DevTools endpoint").isNotNull();
            return e;
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            throw new AssertionError("chromium did not start its DevTools endpoint", e);
        }
    }

    private static void deleteTree(Path root) {
        try (var s = Files.walk(root)) {
            s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // a temporary directory: left for the system to clean
        }
    }
}
