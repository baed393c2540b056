package dev.tclj.bench;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The files the suite runs from: the benchmark scripts and the tclsh harness. They are packaged as
 * resources of this module (scripts/*.tcl); tclsh can only read real files, so they are copied to a
 * temporary directory that both interpreters then source from. A directory given with --dir is used
 * in place, to try edited scripts without a rebuild. Scripts that need files of their own make them
 * in {@link #scratch()}.
 */
final class SuiteFiles {
    private static final String SCRIPTS = "scripts";
    private static final String HARNESS = "tclsh-harness.tcl";

    private final Path scriptDir;
    private final Path harness;
    private final Path temp;

    private SuiteFiles(Path scriptDir, Path harness, Path temp) {
        this.scriptDir = scriptDir;
        this.harness = harness;
        this.temp = temp;
    }

    /** Copies the packaged files out; scriptDir, if not null, replaces the packaged scripts. */
    static SuiteFiles open(Path scriptDir) throws IOException {
        Path temp = Files.createTempDirectory("tclj-bench");
        Path harness = temp.resolve(HARNESS);
        try (InputStream in = SuiteFiles.class.getResourceAsStream(HARNESS)) {
            if (in == null) throw new IOException("resource " + HARNESS + " is missing from the class path");
            Files.copy(in, harness);
        }
        if (scriptDir == null) {
            scriptDir = temp.resolve(SCRIPTS);
            copyPackagedScripts(scriptDir);
        }
        return new SuiteFiles(scriptDir, harness, temp);
    }

    Path harness() {
        return harness;
    }

    Path scriptDir() {
        return scriptDir;
    }

    /** The scripts, in name order. */
    List<BenchScript> scripts() throws IOException {
        List<BenchScript> all = new ArrayList<>();
        try (Stream<Path> files = Files.list(scriptDir)) {
            for (Path p : files.filter(f -> f.getFileName().toString().endsWith(".tcl")).sorted().toList()) {
                all.add(BenchScript.parse(p));
            }
        }
        return all;
    }

    /**
     * A directory for the files scripts make (the I/O scripts' 100 MB files), inside the temporary
     * directory so that {@link #delete()} removes whatever a failed cleanup left behind.
     */
    Path scratch() throws IOException {
        return Files.createDirectories(temp.resolve("scratch"));
    }

    /** Removes the temporary copies and the scratch directory. */
    void delete() {
        try (Stream<Path> walk = Files.walk(temp)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) Files.deleteIfExists(p);
        } catch (IOException | UncheckedIOException e) {
            // temporary files only; the OS cleans up eventually
        }
    }

    /** The resource directory may be a directory (running from classes) or inside the jar. */
    private static void copyPackagedScripts(Path target) throws IOException {
        URL url = SuiteFiles.class.getClassLoader().getResource(SCRIPTS);
        if (url == null) throw new IOException("resource directory " + SCRIPTS + " is missing from the class path");
        URI uri;
        try {
            uri = url.toURI();
        } catch (URISyntaxException e) {
            throw new IOException(e);
        }
        Files.createDirectories(target);
        if (uri.getScheme().equals("jar")) {
            try (FileSystem jar = FileSystems.newFileSystem(uri, Map.of())) {
                copyScripts(jar.getPath("/" + SCRIPTS), target);
            }
        } else {
            copyScripts(Path.of(uri), target);
        }
    }

    private static void copyScripts(Path from, Path to) throws IOException {
        try (Stream<Path> files = Files.list(from)) {
            for (Path p : files.toList()) {
                String name = p.getFileName().toString();
                if (name.endsWith(".tcl")) Files.copy(p, to.resolve(name), StandardCopyOption.REPLACE_EXISTING);
            }
        }
    }
}
