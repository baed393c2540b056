package dev.tclj.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Base64;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * An interpreter in a child process, driven through tclsh-harness.tcl over its standard input and
 * output: real tclsh, or tclj started as its users start it (a JVM of its own with bin/tclj's
 * options), so that both run each script in a fresh process on the same terms. The harness times
 * each bench call with clock microseconds, inside the interpreter, so the pipe and process start
 * are not measured.
 */
final class HarnessProcess implements Engine {
    private static final String REPLY = "@@bench ";
    /** Put on the reply queue when the process's standard output ends. */
    private static final String EOF = "\0eof";

    private final Process process;
    private final Writer requests;
    private final BlockingQueue<String> replies = new LinkedBlockingQueue<>();

    /** What the interpreter is called in messages ("tclsh", "tclj"). */
    private final String label;

    /** Runs command (an interpreter) with the harness and the scratch directory as arguments. */
    HarnessProcess(String label, List<String> command, Path harness, Path scratch) throws Failure {
        this.label = label;
        List<String> cmd = new ArrayList<>(command);
        cmd.add(harness.toString());
        cmd.add(scratch.toString());
        try {
            process = new ProcessBuilder(cmd)
                    .redirectError(ProcessBuilder.Redirect.INHERIT)
                    .start();
        } catch (IOException e) {
            throw new Failure(Failure.Kind.ERROR, "cannot start " + String.join(" ", command) + ": " + e.getMessage());
        }
        requests = new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8);
        Thread reader = new Thread(this::readReplies, label + "-replies");
        reader.setDaemon(true);
        reader.start();
    }

    /** Sorts the output: harness replies to the queue, anything a script prints to stderr. */
    private void readReplies() {
        try (BufferedReader in = new BufferedReader(
                new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = in.readLine()) != null) {
                if (line.startsWith(REPLY)) {
                    replies.add(line.substring(REPLY.length()));
                } else {
                    System.err.println(label + ": " + line);
                }
            }
        } catch (IOException e) {
            // the process died; the EOF below reports it
        }
        replies.add(EOF);
    }

    @Override
    public void load(Path script, Duration limit) throws Failure {
        request("load " + script, limit);
    }

    @Override
    public void setup(long n, Duration limit) throws Failure {
        request("setup " + n, limit);
    }

    @Override
    public void cleanup(Duration limit) throws Failure {
        request("cleanup", limit);
    }

    @Override
    public Sample run(long n, Duration limit) throws Failure {
        String[] ok = request("run " + n, limit);
        if (ok.length != 3) throw new Failure(Failure.Kind.ERROR, "bad harness reply: " + String.join(" ", ok));
        return new Sample(Long.parseLong(ok[1]) * 1000, decode(ok[2]));
    }

    /** Sends one request and returns the words of its "ok" reply. */
    private String[] request(String line, Duration limit) throws Failure {
        String reply;
        try {
            requests.write(line);
            requests.write('\n');
            requests.flush();
            reply = replies.poll(limit.toNanos(), TimeUnit.NANOSECONDS);
        } catch (IOException e) {
            throw new Failure(Failure.Kind.ERROR, label + " is gone: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Failure(Failure.Kind.ERROR, "interrupted");
        }
        if (reply == null) {
            process.destroyForcibly();
            throw new Failure(Failure.Kind.TIMEOUT, "no reply within " + limit.toSeconds() + " s");
        }
        if (reply.equals(EOF)) throw new Failure(Failure.Kind.ERROR, label + " exited unexpectedly");
        String[] words = reply.split(" ", -1);
        if (words[0].equals("ok")) return words;
        if (words[0].equals("error") && words.length == 2) throw new Failure(Failure.Kind.ERROR, decode(words[1]));
        throw new Failure(Failure.Kind.ERROR, "bad harness reply: " + reply);
    }

    private static String decode(String base64) {
        return new String(Base64.getDecoder().decode(base64), StandardCharsets.UTF_8);
    }

    @Override
    public void close() {
        try {
            requests.close();
        } catch (IOException e) {
            // already gone
        }
        try {
            if (!process.waitFor(2, TimeUnit.SECONDS)) process.destroyForcibly();
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
