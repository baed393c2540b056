package dev.tclj.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Real tclsh in a child process, driven through tclsh-harness.tcl over its standard input and
 * output. The harness times each bench call with clock microseconds, inside tclsh, so the pipe and
 * process start are not measured.
 */
final class TclshEngine implements Engine {
    private static final String REPLY = "@@bench ";
    /** Put on the reply queue when tclsh's standard output ends. */
    private static final String EOF = "\0eof";

    private final Process process;
    private final Writer requests;
    private final BlockingQueue<String> replies = new LinkedBlockingQueue<>();

    TclshEngine(String tclsh, Path harness, Path scratch) throws Failure {
        try {
            process = new ProcessBuilder(tclsh, harness.toString(), scratch.toString())
                    .redirectError(ProcessBuilder.Redirect.INHERIT)
                    .start();
        } catch (IOException e) {
            throw new Failure(Failure.Kind.ERROR, "cannot start " + tclsh + ": " + e.getMessage());
        }
        requests = new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8);
        Thread reader = new Thread(this::readReplies, "tclsh-replies");
        reader.setDaemon(true);
        reader.start();
    }

    /** Sorts tclsh's output: harness replies to the queue, anything a script prints to stderr. */
    private void readReplies() {
        try (BufferedReader in = new BufferedReader(
                new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = in.readLine()) != null) {
                if (line.startsWith(REPLY)) {
                    replies.add(line.substring(REPLY.length()));
                } else {
                    System.err.println("tclsh: " + line);
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
            throw new Failure(Failure.Kind.ERROR, "tclsh is gone: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Failure(Failure.Kind.ERROR, "interrupted");
        }
        if (reply == null) {
            process.destroyForcibly();
            throw new Failure(Failure.Kind.TIMEOUT, "no reply within " + limit.toSeconds() + " s");
        }
        if (reply.equals(EOF)) throw new Failure(Failure.Kind.ERROR, "tclsh exited unexpectedly");
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
