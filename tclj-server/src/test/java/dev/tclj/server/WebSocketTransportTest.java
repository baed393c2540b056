package dev.tclj.server;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.util.List;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The WebSocket transport through the Java API ({@link TclServer.Builder#webSocket}), with the
 * JDK's own WebSocket and HTTP clients: the replies, the token, the Origin check, the console
 * page, and a line client on the same port.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class WebSocketTransportTest {

    /** A WebSocket client of the JDK whose text messages (whole) are queued. */
    static final class Client implements WebSocket.Listener, AutoCloseable {
        final LinkedBlockingQueue<String> messages = new LinkedBlockingQueue<>();
        private final StringBuilder part = new StringBuilder();
        WebSocket ws;

        static Client open(String uri, String... subprotocols) {
            Client c = new Client();
            WebSocket.Builder b = HttpClient.newHttpClient().newWebSocketBuilder();
            if (subprotocols.length > 0) b.subprotocols(subprotocols[0], List.of(subprotocols).subList(1, subprotocols.length).toArray(String[]::new));
            c.ws = b.buildAsync(URI.create(uri), c).join();
            return c;
        }

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            part.append(data);
            if (last) {
                messages.add(part.toString());
                part.setLength(0);
            }
            webSocket.request(1);
            return null;
        }

        String ask(String script) throws InterruptedException {
            ws.sendText(script, true).join();
            String r = messages.poll(10, TimeUnit.SECONDS);
            assertThat(r).as("reply to " + script).isNotNull();
            return r;
        }

        @Override
        public void close() {
            ws.abort();
        }
    }

    @Test
    void jsonRepliesAndATokenWhenTheServerAuthenticatesClients() throws Exception {
        try (TclServer server = TclServer.builder().webSocket("/tcl").onConnect((in, ch, a, p) -> true).jmx(false).build()) {
            server.start();
            String token = server.webSocketToken();
            assertThat(token).hasSize(24);
            String base = "ws://127.0.0.1:" + server.port() + "/tcl";
            try (Client c = Client.open(base + "?token=" + token, WebSocketTransport.JSON_PROTOCOL)) {
                assertThat(c.ws.getSubprotocol()).isEqualTo("tclserver.json");
                assertThat(c.ask("set a [expr {6*7}]")).isEqualTo("{\"status\":\"ok\",\"result\":\"42\"}");
                assertThat(c.ask("puts hi; list {a b} c")).isEqualTo("{\"status\":\"ok\",\"result\":\"{a b} c\",\"stdout\":\"hi\\n\"}");
                assertThat(c.ask("nosuch")).startsWith("{\"status\":\"error\",\"result\":\"invalid command name \\\"nosuch\\\"\",\"code\":1,"
                        + "\"errorcode\":\"TCL LOOKUP COMMAND nosuch\",\"errorinfo\":\"invalid command name \\\"nosuch\\\"\\n");
                assertThat(server.stats().getConnections()).isEqualTo(1);
            }
            assertThatThrownBy(() -> Client.open(base)).isInstanceOf(CompletionException.class)
                    .cause().isInstanceOf(WebSocketHandshakeException.class)
                    .satisfies(e -> assertThat(((WebSocketHandshakeException) e).getResponse().statusCode()).isEqualTo(403));
        }
    }

    @Test
    void plainRepliesWithoutTheSubprotocolAndALineClientOnTheSamePort() throws Exception {
        try (TclServer server = TclServer.builder().webSocket("/ws").jmx(false).build()) {
            server.start();
            assertThat(server.webSocketToken()).isNull();
            try (Client c = Client.open("ws://127.0.0.1:" + server.port() + "/ws");
                 TclServerTest.LineClient line = new TclServerTest.LineClient(server.port())) {
                assertThat(c.ask("string repeat ab 2")).isEqualTo("abab");
                assertThat(line.ask("set x line")).isEqualTo("line");
                assertThat(c.ask("set x")).isEqualTo("line");
                assertThat(server.connections()).hasSize(2);
            }
        }
    }

    @Test
    void anotherSitesOriginIsRefusedAndTheConsoleIsServed() throws Exception {
        try (TclServer server = TclServer.builder().webSocket("/ws").webSocketOrigins(List.of("http://trusted.example"))
                .jmx(false).build()) {
            server.start();
            String uri = "ws://127.0.0.1:" + server.port() + "/ws";
            assertThatThrownBy(() -> HttpClient.newHttpClient().newWebSocketBuilder().header("Origin", "http://evil.example")
                    .buildAsync(URI.create(uri), new Client()).join())
                    .cause().isInstanceOf(WebSocketHandshakeException.class)
                    .satisfies(e -> assertThat(((WebSocketHandshakeException) e).getResponse().statusCode()).isEqualTo(403));
            WebSocket ok = HttpClient.newHttpClient().newWebSocketBuilder().header("Origin", "http://trusted.example")
                    .buildAsync(URI.create(uri), new Client()).join();
            ok.abort();

            HttpResponse<String> page = HttpClient.newHttpClient().send(
                    java.net.http.HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + "/")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(page.statusCode()).isEqualTo(200);
            assertThat(page.headers().firstValue("Content-Type")).hasValue("text/html; charset=utf-8");
            assertThat(page.body()).contains("<meta name=\"tclserver-websocket\" content=\"/ws\">", "console.js");
        }
    }

    @Test
    void aClientThatDoesNotReadItsRepliesHoldsBackNoOther() throws Exception {
        try (TclServer server = TclServer.builder().webSocket("/ws").jmx(false).build()) {
            server.start();
            try (java.net.Socket raw = new java.net.Socket("127.0.0.1", server.port())) {
                java.io.OutputStream out = raw.getOutputStream();
                out.write(("GET /ws HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                        + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n")
                        .getBytes(java.nio.charset.StandardCharsets.US_ASCII));
                // 100 scripts whose replies are a megabyte each, in masked frames (a zero mask), never read
                byte[] script = "string repeat x 1000000".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
                java.io.ByteArrayOutputStream frames = new java.io.ByteArrayOutputStream();
                for (int i = 0; i < 100; i++) {
                    frames.write(0x81);
                    frames.write(0x80 | script.length);
                    frames.write(new byte[4]);
                    frames.write(script);
                }
                out.write(frames.toByteArray());
                out.flush();
                try (Client c = Client.open("ws://127.0.0.1:" + server.port() + "/ws");
                     TclServerTest.LineClient line = new TclServerTest.LineClient(server.port())) {
                    assertThat(c.ask("expr {2 + 2}")).isEqualTo("4");
                    assertThat(line.ask("expr {3 + 3}")).isEqualTo("6");
                }
                // the server stopped running its scripts while their replies were not read
                assertThat(server.stats().getCommands()).isLessThan(100);
            }
        }
    }

    @Test
    void badPathsAreRefusedByTheBuilder() {
        for (String p : List.of("ws", "/", "/index.html", "/a?b")) {
            assertThatThrownBy(() -> TclServer.builder().webSocket(p)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageStartingWith("bad WebSocket path \"" + p + "\"");
        }
    }
}
