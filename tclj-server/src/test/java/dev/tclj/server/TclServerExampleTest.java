package dev.tclj.server;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The TclServer example of README.md, run as it is written there: the code between the markers
 * is the README's example, character for character (the second test checks it), and it prints
 * what its comments say.
 */
class TclServerExampleTest {
    private static final String BEGIN = "// README example: begin";
    private static final String END = "// README example: end";

    static void example() throws Exception {
        // README example: begin
        // A server with an interpreter and an event-loop thread of its own, on the loopback
        // interface, on a port the system chooses.
        try (TclServer server = TclServer.builder()
                .port(0)
                .protocol(Protocol.FRAMED)
                .onConnect((interp, channel, address, port) -> {
                    System.out.println("client from " + address);       // client from 127.0.0.1
                    return true;                                         // false closes the connection
                })
                .build()) {
            server.interp().submit("proc greet {name} {puts \"greeting $name\"; return \"hello, $name\"}").get();
            server.start();

            // A client of the framed protocol (any Tcl client can use the default line protocol).
            try (TclServerClient client = TclServerClient.connect("127.0.0.1", server.port())) {
                System.out.println(client.eval("greet world"));         // hello, world
                TclServerClient.Reply reply = client.send("greet you").get(0);
                System.out.print(reply.stdout());                       // greeting you
                try {
                    client.eval("greet");
                } catch (TclServerClient.RemoteError e) {
                    System.out.println(e.getMessage());                 // wrong # args: should be "greet name"
                    System.out.println(e.errorCode());                  // TCL WRONGARGS
                }
            }
            System.out.println(server.stats().getCommands());           // 3
        }
        // README example: end
    }

    @Test
    void exampleRunsAndPrintsWhatItsCommentsSay() throws Exception {
        PrintStream saved = System.out;
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        System.setOut(new PrintStream(buf, true, StandardCharsets.UTF_8));
        try {
            example();
        } finally {
            System.setOut(saved);
        }
        assertThat(buf.toString(StandardCharsets.UTF_8).lines().toList()).containsExactly(
                "client from 127.0.0.1",
                "hello, world",
                "greeting you",
                "wrong # args: should be \"greet name\"",
                "TCL WRONGARGS",
                "3");
    }

    @Test
    void readmeShowsThisExample() throws Exception {
        String source = Files.readString(Path.of("src/test/java/dev/tclj/server/TclServerExampleTest.java"));
        int b = source.indexOf(BEGIN, source.indexOf("static void example"));
        int e = source.indexOf(END, b);
        String code = strip(source.substring(source.indexOf('\n', b) + 1, source.lastIndexOf('\n', e)));
        String readme = Files.readString(Path.of("..", "README.md"));
        assertThat(readme).contains("```java\n" + code + "\n```");
    }

    /** The example's lines without the method body's indentation (8 spaces). */
    private static String strip(String code) {
        List<String> lines = code.lines().map(l -> l.startsWith("        ") ? l.substring(8) : l).toList();
        return String.join("\n", lines);
    }
}
