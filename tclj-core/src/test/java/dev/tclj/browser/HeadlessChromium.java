package dev.tclj.browser;

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
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Debian's chromium, headless, for the tests that need a real browser (the TclServer console, the
 * websocket package against a browser): started with a profile of its own in a temporary
 * directory, driven through the DevTools protocol over the JDK's WebSocket client (no npm, no
 * Playwright), and killed with its children by {@link #close}. Tests skip themselves when
 * {@link #available()} is false.
 *
 * <p>One page is driven: {@link #navigate}, {@link #eval} (a JavaScript expression, its value as
 * a string; promises are awaited), {@link #await} (until an expression is true), and real input
 * events ({@link #type}, {@link #press}).
 */
public final class HeadlessChromium implements AutoCloseable {
    public static final Path EXECUTABLE = Path.of("/usr/bin/chromium");

    /** Whether the browser is installed. */
    public static boolean available() { return Files.isExecutable(EXECUTABLE); }

    private final Process process;
    private final Path profile;
    private final AtomicInteger ids = new AtomicInteger();
    private final Map<Integer, CompletableFuture<String>> waiting = new ConcurrentHashMap<>();
    private WebSocket page;

    private HeadlessChromium(Process process, Path profile) {
        this.process = process;
        this.profile = profile;
    }

    /** Starts the browser on about:blank and connects to its page. */
    public static HeadlessChromium start() throws IOException {
        Path profile = Files.createTempDirectory("tclj-chromium");
        Process p = new ProcessBuilder(EXECUTABLE.toString(), "--headless", "--no-sandbox", "--disable-gpu",
                "--no-first-run", "--no-default-browser-check", "--disable-extensions", "--remote-debugging-port=0",
                "--remote-debugging-address=127.0.0.1", "--user-data-dir=" + profile, "about:blank")
                .redirectErrorStream(true).start();
        HeadlessChromium c = new HeadlessChromium(p, profile);
        try {
            c.connect();
        } catch (IOException | RuntimeException | Error e) {
            c.close();
            throw e;
        }
        return c;
    }

    private void connect() throws IOException {
        URI endpoint = URI.create(devToolsEndpoint());
        String targets;
        try {
            targets = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + endpoint.getPort() + "/json/list")).build(),
                    HttpResponse.BodyHandlers.ofString()).body().replace("\n", " ");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
        // the page target's debugger address, whichever order its fields come in
        Matcher m = Pattern.compile("\"type\":\\s*\"page\"[^}]*?\"webSocketDebuggerUrl\":\\s*\"([^\"]+)\"|"
                + "\"webSocketDebuggerUrl\":\\s*\"([^\"]+)\"[^}]*?\"type\":\\s*\"page\"").matcher(targets);
        if (!m.find()) throw new IOException("chromium shows no page: " + targets);
        page = HttpClient.newHttpClient().newWebSocketBuilder()
                .buildAsync(URI.create(m.group(1) != null ? m.group(1) : m.group(2)), new Replies()).join();
    }

    /** Chromium prints "DevTools listening on ws://..." on stderr (merged into stdout here). */
    private String devToolsEndpoint() throws IOException {
        CompletableFuture<String> found = new CompletableFuture<>();
        Thread reader = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
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
            String e = found.get(30, TimeUnit.SECONDS);
            if (e == null) throw new IOException("chromium ended without a DevTools endpoint");
            return e;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IOException("chromium did not start its DevTools endpoint", e);
        }
    }

    /** Replies to commands, matched by id; events are not wanted. */
    private final class Replies implements WebSocket.Listener {
        private final StringBuilder part = new StringBuilder();

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            part.append(data);
            if (last) {
                String m = part.toString();
                part.setLength(0);
                Matcher id = ID.matcher(m);
                if (id.find()) {
                    CompletableFuture<String> f = waiting.remove(Integer.parseInt(id.group(1)));
                    if (f != null) f.complete(m);
                }
            }
            webSocket.request(1);
            return null;
        }
    }

    private static final Pattern ID = Pattern.compile("^\\{\"id\":(\\d+),");
    private static final Pattern VALUE = Pattern.compile("\"value\":\"((?:[^\"\\\\]|\\\\.)*)\"");

    /** Sends a DevTools command (params: a JSON object) and returns its reply. */
    public String call(String method, String params) throws Exception {
        int id = ids.incrementAndGet();
        CompletableFuture<String> f = new CompletableFuture<>();
        waiting.put(id, f);
        page.sendText("{\"id\":" + id + ",\"method\":\"" + method + "\",\"params\":" + params + "}", true).join();
        return f.get(20, TimeUnit.SECONDS);
    }

    public void navigate(String url) throws Exception {
        call("Page.navigate", "{\"url\":" + json(url) + "}");
    }

    /** Evaluates a JavaScript expression in the page (awaiting a promise); its value as a string ("" if none). */
    public String eval(String js) throws Exception {
        String r = call("Runtime.evaluate", "{\"expression\":" + json("(async () => String(await (" + js + ")))()")
                + ",\"returnByValue\":true,\"awaitPromise\":true}");
        Matcher m = VALUE.matcher(r);
        return m.find() ? unjson(m.group(1)) : "";
    }

    /** Waits (up to 15 s) until a JavaScript expression is true in the page. */
    public void await(String js, String what) throws Exception {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
        while (System.nanoTime() < end) {
            if (eval("Boolean(" + js + ")").equals("true")) return;
            Thread.sleep(50);
        }
        throw new AssertionError("the page never showed " + what + "; its text: " + eval("document.body && document.body.innerText"));
    }

    /** Types text into the focused element, as a user would. */
    public void type(String text) throws Exception {
        call("Input.insertText", "{\"text\":" + json(text) + "}");
    }

    /** Presses and releases a key (a DOM key name and its Windows key code: Enter 13, ArrowUp 38). */
    public void press(String key, int code) throws Exception {
        for (String t : List.of("rawKeyDown", "keyUp")) {
            call("Input.dispatchKeyEvent", "{\"type\":\"" + t + "\",\"key\":\"" + key + "\",\"code\":\"" + key
                    + "\",\"windowsVirtualKeyCode\":" + code + ",\"nativeVirtualKeyCode\":" + code + "}");
        }
    }

    /** Kills the browser and its children, and removes its profile. */
    @Override
    public void close() {
        if (page != null) page.abort();
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
        try {
            process.waitFor(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try (var s = Files.walk(profile)) {
            s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // a temporary directory: left for the system to clean
        }
    }

    /** A JSON string literal. */
    public static String json(String s) {
        StringBuilder sb = new StringBuilder("\"");
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                default -> {
                    if (c < 0x20) sb.append(String.format("\\u%04x", (int) c));
                    else sb.append(c);
                }
            }
        }
        return sb.append('"').toString();
    }

    private static String unjson(String s) {
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
                case 'b' -> sb.append('\b');
                case 'f' -> sb.append('\f');
                case 'u' -> {
                    sb.append((char) Integer.parseInt(s.substring(i + 1, i + 5), 16));
                    i += 4;
                }
                default -> sb.append(e);
            }
        }
        return sb.toString();
    }
}
