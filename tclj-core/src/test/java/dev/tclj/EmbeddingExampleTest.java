package dev.tclj;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Java embedding example of README.md, run as it is written there: the code between the
 * markers below is the README's example, character for character (the second test checks it), and
 * what it prints is what its comments say.
 */
class EmbeddingExampleTest {
    private static final String BEGIN = "// README example: begin";
    private static final String END = "// README example: end";

    static void example() throws TclException {
        // README example: begin
        Interp interp = new Interp();

        // Evaluate a script and use its result.
        TclObj answer = interp.eval("expr {6 * 7}");
        System.out.println(answer.asLong());                 // 42

        // Set and read variables.
        interp.setVar("greeting", "hello");
        interp.eval("append greeting {, world}");
        System.out.println(interp.getVar("greeting"));       // hello, world

        // Register a command written in Java: objv[0] is its name, the rest its arguments.
        interp.createCommand("sum", (in, objv) -> {
            long total = 0;
            for (int i = 1; i < objv.length; i++) total += objv[i].asLong();
            return TclObj.of(total);
        });
        System.out.println(interp.eval("sum 1 2 [sum 3 4 5]"));  // 15

        // A Tcl error is a TclException with Tcl's message.
        try {
            interp.eval("sum 1 two");
        } catch (TclException e) {
            System.out.println(e.getMessage());              // expected integer but got "two"
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
        List<String> expected = snippet().lines()
                .filter(l -> l.contains("System.out.println"))
                .map(l -> l.substring(l.indexOf("// ") + 3))
                .toList();
        assertThat(buf.toString(StandardCharsets.UTF_8).lines().toList()).isEqualTo(expected);
    }

    @Test
    void readmeShowsThisExampleVerbatim() throws IOException {
        String readme = Files.readString(Path.of("..", "README.md"), StandardCharsets.UTF_8);
        assertThat(readme).as("README.md's Java example must be the code of EmbeddingExampleTest.example()")
                .contains("```java\n" + snippet() + "```\n");
    }

    /** The lines between the markers of this file, without their common indentation. */
    static String snippet() throws IOException {
        List<String> lines = Files.readAllLines(
                Path.of("src", "test", "java", "dev", "tclj", "EmbeddingExampleTest.java"), StandardCharsets.UTF_8);
        int from = -1, to = -1;
        for (int i = 0; i < lines.size(); i++) {
            String t = lines.get(i).strip();
            if (t.equals(BEGIN)) from = i + 1;
            else if (t.equals(END)) to = i;
        }
        assertThat(from).as("begin marker").isPositive();
        assertThat(to).as("end marker").isGreaterThan(from);
        List<String> body = lines.subList(from, to);
        int indent = body.stream().filter(l -> !l.isBlank())
                .mapToInt(l -> l.length() - l.stripLeading().length()).min().orElse(0);
        StringBuilder sb = new StringBuilder();
        for (String l : body) sb.append(l.isBlank() ? "" : l.substring(indent)).append('\n');
        return sb.toString();
    }
}
