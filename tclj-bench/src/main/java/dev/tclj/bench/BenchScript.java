package dev.tclj.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * One benchmark script of the suite: a Tcl file that runs unchanged under tclsh and tclj and
 * defines {@code bench n} (the timed work, returning a value to compare) and optionally
 * {@code setup n} (untimed preparation).
 *
 * <p>The sizes come from the script's header, so that a script carries everything about itself:
 * <pre>
 * # fib: recursive Fibonacci ...      first comment line: the description
 * #@ size 25                          the size (n) of a full run
 * #@ quick 20                         the size under --quick
 * </pre>
 * Two sizes on a line (for instance {@code #@ size 100000 1000000}) make a growth script: it runs at
 * both, and the report gives time(second)/time(first) for each interpreter.
 */
record BenchScript(String name, Path file, String description, List<Long> sizes, List<Long> quickSizes) {

    /** The sizes to run at. */
    List<Long> sizes(boolean quick) {
        return quick ? quickSizes : sizes;
    }

    boolean isGrowth() {
        return sizes.size() == 2;
    }

    static BenchScript parse(Path file) throws IOException {
        String fileName = file.getFileName().toString();
        String name = fileName.endsWith(".tcl") ? fileName.substring(0, fileName.length() - 4) : fileName;
        String description = "";
        List<Long> sizes = null;
        List<Long> quick = null;
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            if (line.startsWith("#@")) {
                String[] words = line.substring(2).trim().split("\\s+");
                List<Long> values = new ArrayList<>();
                for (int i = 1; i < words.length; i++) values.add(parseSize(fileName, words[i]));
                if (values.isEmpty() || values.size() > 2) {
                    throw new IOException(fileName + ": \"" + line + "\" needs one size, or two for a growth pair");
                }
                switch (words[0]) {
                    case "size" -> sizes = values;
                    case "quick" -> quick = values;
                    default -> throw new IOException(fileName + ": unknown header \"" + line + "\"");
                }
            } else if (line.startsWith("#") && description.isEmpty()) {
                description = line.substring(1).trim();
            }
        }
        if (sizes == null) throw new IOException(fileName + ": no \"#@ size\" header line");
        if (quick == null) quick = sizes;
        if (quick.size() != sizes.size()) {
            throw new IOException(fileName + ": \"#@ quick\" must give as many sizes as \"#@ size\"");
        }
        return new BenchScript(name, file, description, List.copyOf(sizes), List.copyOf(quick));
    }

    private static long parseSize(String fileName, String word) throws IOException {
        try {
            long n = Long.parseLong(word);
            if (n >= 0) return n;
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IOException(fileName + ": bad size \"" + word + "\"");
    }
}
