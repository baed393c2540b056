package dev.tclj.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * {@code tclserver --websocket /ws} as a process: it prints the console's address with its token,
 * serves the page, takes WebSocket clients that give the token (its host list is a connect hook,
 * so it always wants one) and refuses those that do not.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class TclServerWebSocketIT {
    private static final Pattern CONSOLE = Pattern.compile("tclserver: console at (http://127\\.0\\.0\\.1:(\\d+)/)#token=(\\S+) \\(WebSocket /ws\\)");

    @Test
    void printsTheConsoleAddressAndServesWebSocketClientsWithTheToken() throws Exception {
        Process p = new ProcessBuilder(ProcessHandle.current().info().command().orElse("java"), "--enable-native-access=ALL-UNNAMED",
                "-cp", TcljProcess.JAR.toString(), "dev.tclj.cli.TclServerMain", "--port", "0", "--websocket", "/ws")
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        try {
            p.getOutputStream().close();
            BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
            assertThat(out.readLine()).startsWith("tclserver: listening on 127.0.0.1 port ");
            String line = out.readLine();
            Matcher m = CONSOLE.matcher(line == null ? "" : line);
            assertThat(m.matches()).as(line).isTrue();
            String page = m.group(1), port = m.group(2), token = m.group(3);

            HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(page)).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(r.statusCode()).isEqualTo(200);
            assertThat(r.body()).contains("TclServer console");

            LinkedBlockingQueue<String> replies = new LinkedBlockingQueue<>();
            WebSocket.Listener listener = new WebSocket.Listener() {
                @Override
                public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
                    replies.add(data.toString());
                    ws.request(1);
                    return null;
                }
            };
            WebSocket ws = HttpClient.newHttpClient().newWebSocketBuilder()
                    .buildAsync(URI.create("ws://127.0.0.1:" + port + "/ws?token=" + token), listener).join();
            ws.sendText("expr {6 * 7}", true).join();
            assertThat(replies.poll(20, TimeUnit.SECONDS)).isEqualTo("42");
            ws.abort();

            assertThatThrownBy(() -> HttpClient.newHttpClient().newWebSocketBuilder()
                    .buildAsync(URI.create("ws://127.0.0.1:" + port + "/ws"), listener).join())
                    .isInstanceOf(CompletionException.class).cause().isInstanceOf(WebSocketHandshakeException.class);
        } finally {
            p.destroy();
            if (!p.waitFor(30, TimeUnit.SECONDS)) p.destroyForcibly();
        }
    }
}
