package dev.tclj.io;

import dev.tclj.Interp;
import dev.tclj.ProcessEnvironment;
import dev.tclj.TclException;
import dev.tclj.TclObj;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A pipeline of child processes as exec and {@code open "|..."} describe it (TclCreatePipeline):
 * commands separated by {@code |} or {@code |&}, and redirections anywhere in the words
 * ({@code < <@ << > >> >& >>& >@ >&@ 2> 2>> 2>@ 2>@1}).
 *
 * <p>Processes are connected by the operating system's pipes (ProcessBuilder.startPipeline).
 * Files are given to the children directly; an output file is created or truncated while the
 * words are parsed (so errors come first, as in Tcl) and then shared in append mode by every
 * process that writes to it. A Tcl channel cannot be handed to a child, so a pump thread copies
 * bytes between it and the child (the standard channels are inherited directly when they are the
 * JVM's own streams). Standard error captured for the error report goes to a temporary file, as
 * in Tcl, so that a full pipe can never stall the children.
 */
public final class Pipeline {
    private static final int DEFAULT = 0, FILE = 1, CHANNEL = 2, LITERAL = 3, SAME_AS_OUT = 4;

    /** A redirection target: a file, a channel, literal input, or the pipeline's output. */
    private static final class Target {
        int kind = DEFAULT;
        Path file;
        Channel channel;
        String literal;
    }

    private final Interp interp;
    private final List<List<String>> commands = new ArrayList<>();
    /** For each command, whether |& joins its standard error to the next one's input. */
    private final List<Boolean> joinError = new ArrayList<>();
    private Target in = new Target(), out = new Target(), err = new Target();

    private final List<Process> processes = new ArrayList<>();
    private final List<Thread> pumps = new ArrayList<>();
    /** The last process's output when the caller reads it. */
    private InputStream output;
    /** The first process's input when the caller writes it. */
    private OutputStream input;
    private Path errorFile;
    private Path literalFile;

    private Pipeline(Interp interp) { this.interp = interp; }

    public List<Long> pids() {
        List<Long> l = new ArrayList<>();
        for (Process p : processes) l.add(p.pid());
        return l;
    }

    public InputStream output() { return output; }

    public OutputStream input() { return input; }

    // ======================================================================================
    // Parsing
    // ======================================================================================

    /** Parses exec-style words into commands and redirections, opening redirection files. */
    public static Pipeline parse(Interp interp, String[] argv) throws TclException {
        Pipeline p = new Pipeline(interp);
        List<String> cur = new ArrayList<>();
        boolean needCmd = true;
        int lastBar = -1;
        int argc = argv.length;
        for (int i = 0; i < argc; i++) {
            String a = argv[i];
            String next = i + 1 < argc ? argv[i + 1] : null;
            if (a.startsWith("|") && (a.equals("|") || a.equals("|&"))) {
                if (i == lastBar + 1 || i == argc - 1) throw pipeSyntax();
                lastBar = i;
                p.commands.add(cur);
                p.joinError.add(a.equals("|&"));
                cur = new ArrayList<>();
                needCmd = true;
                continue;
            }
            if (a.startsWith("<")) {
                if (a.startsWith("<<")) {
                    String lit = a.substring(2);
                    if (lit.isEmpty()) {
                        if (next == null) throw TclException.error("can't specify \"" + a + "\" as last word in command", "TCL", "OPERATION", "EXEC", "PIPESYNTAX");
                        lit = next;
                        i++;
                    }
                    p.in = new Target();
                    p.in.kind = LITERAL;
                    p.in.literal = lit;
                } else {
                    int[] skip = {0};
                    p.in = p.target(a, a.substring(1), true, next, false, false, skip);
                    i += skip[0];
                }
                continue;
            }
            if (a.startsWith(">")) {
                String spec = a.substring(1);
                boolean atOK = true, append = false, errToOut = false;
                if (spec.startsWith(">")) {
                    spec = spec.substring(1);
                    atOK = false;
                    append = true;
                }
                if (spec.startsWith("&")) {
                    spec = spec.substring(1);
                    errToOut = true;
                }
                int[] skip = {0};
                p.out = p.target(a, spec, atOK, next, true, append, skip);
                i += skip[0];
                if (errToOut) {
                    p.err = new Target();
                    p.err.kind = SAME_AS_OUT;
                }
                continue;
            }
            if (a.startsWith("2>")) {
                String spec = a.substring(2);
                boolean atOK = true, append = false;
                if (spec.startsWith(">")) {
                    spec = spec.substring(1);
                    atOK = false;
                    append = true;
                }
                if (atOK && spec.equals("@1")) {
                    if (i != argc - 1) {
                        throw TclException.error("must specify \"" + a + "\" as last word in command", "TCL", "OPERATION", "EXEC", "PIPESYNTAX");
                    }
                    p.err = new Target();
                    p.err.kind = SAME_AS_OUT;
                    continue;
                }
                int[] skip = {0};
                p.err = p.target(a, spec, atOK, next, true, append, skip);
                i += skip[0];
                continue;
            }
            cur.add(a);
            needCmd = false;
        }
        if (needCmd) throw pipeSyntax();
        p.commands.add(cur);
        p.joinError.add(false);
        return p;
    }

    private static TclException pipeSyntax() {
        return TclException.error("illegal use of | or |& in command", "TCL", "OPERATION", "EXEC", "PIPESYNTAX");
    }

    /** FileForRedirect: "@chan", "@" chan, a file name attached or in the next word. */
    private Target target(String arg, String spec, boolean atOK, String next, boolean writing, boolean append, int[] skip)
            throws TclException {
        Target t = new Target();
        if (atOK && spec.startsWith("@")) {
            spec = spec.substring(1);
            if (spec.isEmpty()) {
                if (next == null) throw lastWord(arg);
                spec = next;
                skip[0] = 1;
            }
            Channel c = ChannelTable.of(interp).get(spec);
            if (writing ? !c.isWritable() : !c.isReadable()) {
                throw TclException.error("channel \"" + internalName(c) + "\" wasn't opened for "
                        + (writing ? "writing" : "reading"), "TCL", "OPERATION", "EXEC", "BADCHAN");
            }
            if (writing) {
                try {
                    c.flush();
                } catch (IOException e) {
                    // the child's output follows whatever could be written
                }
            }
            t.kind = CHANNEL;
            t.channel = c;
            return t;
        }
        if (spec.isEmpty()) {
            if (next == null) throw lastWord(arg);
            spec = next;
            skip[0] = 1;
        }
        Path path = TclPath.resolve(spec);
        try {
            if (writing) {
                FileChannel fc = append
                        ? FileChannel.open(path, StandardOpenOption.WRITE, StandardOpenOption.CREATE, StandardOpenOption.APPEND)
                        : FileChannel.open(path, StandardOpenOption.WRITE, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING);
                fc.close();
            } else {
                Files.newInputStream(path).close();
            }
        } catch (IOException e) {
            throw PosixError.error("couldn't " + (writing ? "write" : "read") + " file \"" + spec + "\": ", e);
        }
        t.kind = FILE;
        t.file = path;
        return t;
    }

    private static TclException lastWord(String arg) {
        return TclException.error("can't specify \"" + arg + "\" as last word in command", "TCL", "OPERATION", "EXEC", "SYNTAX");
    }

    /** The name Tcl gives a channel in exec's messages: the standard channels are file0-2. */
    private static String internalName(Channel c) {
        if (c.driver() instanceof StdioDriver sd) return "file" + sd.which();
        return c.name();
    }

    // ======================================================================================
    // Starting
    // ======================================================================================

    /** Whether standard output or input was redirected (open's mode enforcement). */
    public boolean outputRedirected() { return out.kind != DEFAULT; }

    public boolean inputRedirected() { return in.kind != DEFAULT; }

    /**
     * Starts the processes. {@code pipeInput}: the caller writes the first process's input;
     * {@code captureOutput}: the caller reads the last one's output; {@code captureErrors}:
     * standard error not otherwise redirected is collected for {@link #finish}.
     */
    public void start(boolean pipeInput, boolean captureOutput, boolean captureErrors) throws TclException {
        int n = commands.size();
        Map<String, String> env = ProcessEnvironment.of(interp);
        File dir = TclPath.cwd().toFile();
        List<ProcessBuilder> builders = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            List<String> words = new ArrayList<>(commands.get(i));
            words.set(0, program(words.get(0), env));
            ProcessBuilder pb = new ProcessBuilder(words);
            pb.directory(dir);
            Map<String, String> pe = pb.environment();
            pe.clear();
            pe.putAll(env);
            builders.add(pb);
        }
        try {
            // -- input of the first process
            ProcessBuilder first = builders.get(0);
            Runnable afterStart = null;
            switch (in.kind) {
                case FILE:
                    first.redirectInput(in.file.toFile());
                    break;
                case LITERAL:
                    literalFile = Files.createTempFile("tclj", ".in");
                    Files.write(literalFile, Encodings.system().encode(in.literal));
                    first.redirectInput(literalFile.toFile());
                    break;
                case CHANNEL:
                    if (isProcessStdin(in.channel)) {
                        first.redirectInput(ProcessBuilder.Redirect.INHERIT);
                    } else {
                        first.redirectInput(ProcessBuilder.Redirect.PIPE);
                        Channel src = in.channel;
                        afterStart = () -> pumpFromChannel(src, processes.get(0).getOutputStream());
                    }
                    break;
                default:
                    // the child reads the process's own standard input, as in Tcl (even when the
                    // interpreter's stdin is a Reader given by the host: a terminal stays the
                    // child's, and nothing is pumped away from the host's reader)
                    first.redirectInput(pipeInput ? ProcessBuilder.Redirect.PIPE : ProcessBuilder.Redirect.INHERIT);
            }
            // -- output of the last process
            ProcessBuilder last = builders.get(n - 1);
            List<Runnable> outPumps = new ArrayList<>();
            switch (out.kind) {
                case FILE:
                    last.redirectOutput(ProcessBuilder.Redirect.appendTo(out.file.toFile()));
                    break;
                case CHANNEL:
                    if (isProcessStdout(out.channel)) {
                        last.redirectOutput(ProcessBuilder.Redirect.INHERIT);
                    } else {
                        last.redirectOutput(ProcessBuilder.Redirect.PIPE);
                        Sink s = channelSink(out.channel);
                        outPumps.add(() -> pumpTo(processes.get(n - 1).getInputStream(), s));
                    }
                    break;
                default:
                    if (captureOutput) {
                        last.redirectOutput(ProcessBuilder.Redirect.PIPE);
                    } else {
                        Channel stdout = ChannelTable.of(interp).lookup("stdout");
                        if (stdout == null || isProcessStdout(stdout)) {
                            last.redirectOutput(ProcessBuilder.Redirect.INHERIT);
                        } else {
                            last.redirectOutput(ProcessBuilder.Redirect.PIPE);
                            Sink s = channelSink(stdout);
                            outPumps.add(() -> pumpTo(processes.get(n - 1).getInputStream(), s));
                        }
                    }
            }
            // -- standard error of every process
            MergedInput merged = null;
            if (err.kind == SAME_AS_OUT && out.kind == DEFAULT && captureOutput && n > 1) {
                // earlier processes' errors join the output the caller reads: merge the streams
                boolean anyEarly = false;
                for (int i = 0; i < n - 1; i++) if (!joinError.get(i)) anyEarly = true;
                if (anyEarly) merged = new MergedInput();
            }
            if (err.kind == DEFAULT && captureErrors) errorFile = Files.createTempFile("tclj", ".err");
            for (int i = 0; i < n; i++) {
                ProcessBuilder pb = builders.get(i);
                if (i < n - 1) pb.redirectOutput(ProcessBuilder.Redirect.PIPE);
                if (i > 0) pb.redirectInput(ProcessBuilder.Redirect.PIPE);
                if (joinError.get(i)) {
                    pb.redirectErrorStream(true);
                    continue;
                }
                final int idx = i;
                switch (err.kind) {
                    case FILE:
                        pb.redirectError(ProcessBuilder.Redirect.appendTo(err.file.toFile()));
                        break;
                    case CHANNEL:
                        if (isProcessStderr(err.channel)) {
                            pb.redirectError(ProcessBuilder.Redirect.INHERIT);
                        } else {
                            pb.redirectError(ProcessBuilder.Redirect.PIPE);
                            Sink s = channelSink(err.channel);
                            outPumps.add(() -> pumpTo(processes.get(idx).getErrorStream(), s));
                        }
                        break;
                    case SAME_AS_OUT:
                        if (i == n - 1) {
                            pb.redirectErrorStream(true);
                        } else if (out.kind == FILE) {
                            pb.redirectError(ProcessBuilder.Redirect.appendTo(out.file.toFile()));
                        } else if (merged != null) {
                            pb.redirectError(ProcessBuilder.Redirect.PIPE);
                            MergedInput m = merged;
                            m.addProducer();
                            outPumps.add(() -> pumpTo(processes.get(idx).getErrorStream(), m.sink()));
                        } else {
                            Channel target = out.kind == CHANNEL ? out.channel : ChannelTable.of(interp).lookup("stdout");
                            pb.redirectError(ProcessBuilder.Redirect.PIPE);
                            Sink s = target == null ? streamSink(System.out) : channelSink(target);
                            outPumps.add(() -> pumpTo(processes.get(idx).getErrorStream(), s));
                        }
                        break;
                    default:
                        if (errorFile != null) {
                            pb.redirectError(ProcessBuilder.Redirect.appendTo(errorFile.toFile()));
                        } else {
                            Channel stderr = ChannelTable.of(interp).lookup("stderr");
                            if (stderr == null || isProcessStderr(stderr)) {
                                pb.redirectError(ProcessBuilder.Redirect.INHERIT);
                            } else {
                                pb.redirectError(ProcessBuilder.Redirect.PIPE);
                                Sink s = channelSink(stderr);
                                outPumps.add(() -> pumpTo(processes.get(idx).getErrorStream(), s));
                            }
                        }
                }
            }
            flushStandard();
            try {
                if (n == 1) processes.add(builders.get(0).start());
                else processes.addAll(ProcessBuilder.startPipeline(builders));
            } catch (IOException e) {
                cleanupFiles();
                String prog = programOf(e, commands);
                throw PosixError.error("couldn't execute \"" + prog + "\": ", e);
            }
            if (afterStart != null) afterStart.run();
            for (Runnable r : outPumps) r.run();
            Process lastP = processes.get(n - 1);
            if (in.kind == DEFAULT && pipeInput) input = processes.get(0).getOutputStream();
            if (out.kind == DEFAULT && captureOutput) {
                if (merged != null) {
                    merged.addProducer();
                    MergedInput m = merged;
                    pumpTo(lastP.getInputStream(), m.sink());
                    output = m;
                } else {
                    output = lastP.getInputStream();
                }
            }
        } catch (IOException e) {
            cleanupFiles();
            throw PosixError.error("couldn't create pipe: ", e);
        }
    }

    /** The program to run: found on the child's PATH when the script changed env(PATH). */
    private static String program(String name, Map<String, String> env) throws TclException {
        String n = TclPath.expandTilde(name);
        if (n.indexOf('/') >= 0) return n;
        String path = env.get("PATH");
        if (path == null || path.equals(System.getenv("PATH"))) return n;
        for (String d : path.split(":")) {
            Path p = Path.of(d.isEmpty() ? "." : d, n);
            if (Files.isRegularFile(p) && Files.isExecutable(p)) return p.toString();
        }
        return n;
    }

    private static String programOf(IOException e, List<List<String>> commands) {
        String m = e.getMessage();
        if (m != null) {
            int a = m.indexOf('"'), b = a < 0 ? -1 : m.indexOf('"', a + 1);
            if (b > a) {
                String p = m.substring(a + 1, b);
                for (List<String> c : commands) if (c.get(0).equals(p) || p.endsWith("/" + c.get(0))) return c.get(0);
                return p;
            }
        }
        return commands.get(0).get(0);
    }

    private void flushStandard() {
        ChannelTable t = ChannelTable.of(interp);
        for (String s : new String[]{"stdout", "stderr"}) {
            Channel c = t.lookup(s);
            if (c == null) continue;
            try {
                c.flush();
            } catch (IOException e) {
                // as Tcl: the child's output simply follows
            }
        }
    }

    /** The stdin channel: a child given it reads the process's standard input directly. */
    private static boolean isProcessStdin(Channel c) {
        return c.driver() instanceof StdioDriver sd && sd.which() == StdioDriver.STDIN;
    }

    private static boolean isProcessStdout(Channel c) {
        return c.driver() instanceof StdioDriver sd && sd.which() == StdioDriver.STDOUT && sd.isProcessStream();
    }

    private static boolean isProcessStderr(Channel c) {
        return c.driver() instanceof StdioDriver sd && sd.which() == StdioDriver.STDERR && sd.isProcessStream();
    }

    // ======================================================================================
    // Pumps
    // ======================================================================================

    /** Where a pump delivers bytes. */
    interface Sink {
        void write(byte[] b, int off, int len) throws IOException;

        default void done() {}
    }

    private static Sink streamSink(PrintStream ps) {
        return (b, off, len) -> {
            ps.write(b, off, len);
            ps.flush();
        };
    }

    /**
     * A channel written by a pump thread. The bytes go to its device directly, after what the
     * script wrote before (flushed when the pipeline was parsed), as a child sharing the file
     * descriptor would write them in Tcl. The lock keeps two pumps from interleaving mid-chunk.
     */
    private static Sink channelSink(Channel c) {
        ChannelDriver d = c.driver();
        return (b, off, len) -> {
            synchronized (c) {
                d.write(b, off, len);
                d.flush();
            }
        };
    }

    private void pumpTo(InputStream from, Sink to) {
        Thread t = new Thread(() -> {
            byte[] buf = new byte[8192];
            try (InputStream in = from) {
                int n;
                while ((n = in.read(buf)) > 0) to.write(buf, 0, n);
            } catch (IOException e) {
                // the reader went away: nothing more to copy
            } finally {
                to.done();
            }
        }, "tclj-exec-pump");
        t.setDaemon(true);
        pumps.add(t);
        t.start();
    }

    /**
     * Feeds a child from a channel's device, from the device's current position: what the
     * channel has already buffered is not given to the child, as with Tcl's shared descriptor.
     */
    private void pumpFromChannel(Channel src, OutputStream to) {
        ChannelDriver d = src.driver();
        Thread t = new Thread(() -> {
            byte[] buf = new byte[8192];
            try (OutputStream o = to) {
                while (true) {
                    int n;
                    synchronized (src) {
                        n = d.read(buf, 0, buf.length);
                    }
                    if (n < 0) break;
                    if (n == 0) {
                        Thread.sleep(5);
                        continue;
                    }
                    o.write(buf, 0, n);
                }
            } catch (IOException | InterruptedException e) {
                // the child stopped reading
            }
        }, "tclj-exec-feed");
        t.setDaemon(true);
        t.start();
    }

    /** Several pumps' output read as one stream (errors joining a captured output). */
    private static final class MergedInput extends InputStream {
        private final java.util.ArrayDeque<byte[]> chunks = new java.util.ArrayDeque<>();
        private byte[] cur;
        private int pos;
        private int producers;

        synchronized void addProducer() { producers++; }

        Sink sink() {
            return new Sink() {
                @Override
                public void write(byte[] b, int off, int len) {
                    synchronized (MergedInput.this) {
                        chunks.add(java.util.Arrays.copyOfRange(b, off, off + len));
                        MergedInput.this.notifyAll();
                    }
                }

                @Override
                public void done() {
                    synchronized (MergedInput.this) {
                        producers--;
                        MergedInput.this.notifyAll();
                    }
                }
            };
        }

        @Override
        public synchronized int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xFF;
        }

        @Override
        public synchronized int read(byte[] b, int off, int len) throws IOException {
            while (cur == null || pos == cur.length) {
                cur = chunks.poll();
                pos = 0;
                if (cur != null) continue;
                if (producers == 0) return -1;
                try {
                    wait();
                } catch (InterruptedException e) {
                    throw new java.io.InterruptedIOException();
                }
            }
            int n = Math.min(len, cur.length - pos);
            System.arraycopy(cur, pos, b, off, n);
            pos += n;
            return n;
        }
    }

    // ======================================================================================
    // Finishing
    // ======================================================================================

    /** The outcome of waiting for the children (TclCleanupChildren). */
    public static final class Outcome {
        public final boolean error;
        public final String message;
        public final TclObj errorCode;

        Outcome(boolean error, String message, TclObj errorCode) {
            this.error = error;
            this.message = message;
            this.errorCode = errorCode;
        }
    }

    /**
     * Waits for every process and collects their failures and captured standard error, as
     * TclCleanupChildren does: a child that exited with a non-zero status or was killed makes it
     * an error; captured error output makes it an error and becomes the message.
     */
    public Outcome finish() {
        boolean error = false, abnormal = false;
        String message = "";
        TclObj code = null;
        for (Process p : processes) {
            int status;
            while (true) {
                try {
                    status = p.waitFor();
                    break;
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    status = 0;
                    break;
                }
            }
            if (status == 0) continue;
            error = true;
            int sig = signalOf(status);
            String pid = Long.toString(p.pid());
            if (sig > 0) {
                code = TclObj.ofList(TclObj.of("CHILDKILLED"), TclObj.of(pid), TclObj.of(Signals.name(sig)),
                        TclObj.of(Signals.message(sig)));
                message = "child killed: " + Signals.message(sig) + "\n";
            } else {
                code = TclObj.ofList(TclObj.of("CHILDSTATUS"), TclObj.of(pid), TclObj.of(status));
                abnormal = true;
            }
        }
        for (Thread t : pumps) {
            try {
                t.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        boolean anyErrorInfo = false;
        if (errorFile != null) {
            try {
                byte[] b = Files.readAllBytes(errorFile);
                if (b.length > 0) {
                    Channel c = new Channel("err", new StreamDriver("file", new java.io.ByteArrayInputStream(b), null), true, false);
                    StringBuilder sb = new StringBuilder();
                    c.read(sb, Integer.MAX_VALUE);
                    if (sb.length() > 0) {
                        anyErrorInfo = true;
                        error = true;
                        message = sb.toString();
                    }
                }
            } catch (IOException e) {
                error = true;
                message = "error reading stderr output file: " + PosixError.of(e).message;
            }
        }
        cleanupFiles();
        if (abnormal && !anyErrorInfo) message = "child process exited abnormally";
        return new Outcome(error, message, code);
    }

    /** Lets the children run on unwatched (exec &, a non-blocking close). */
    public void detach() {
        Thread t = new Thread(() -> {
            for (Process p : processes) {
                try {
                    p.waitFor();
                } catch (InterruptedException e) {
                    return;
                }
            }
            cleanupFiles();
        }, "tclj-reaper");
        t.setDaemon(true);
        t.start();
    }

    private void cleanupFiles() {
        for (Path f : new Path[]{errorFile, literalFile}) {
            if (f == null) continue;
            try {
                Files.deleteIfExists(f);
            } catch (IOException e) {
                // a temporary file left behind is harmless
            }
        }
    }

    /**
     * The signal that killed a child, or 0 if it exited. Java reports death by signal N as
     * status 128+N, the same as a shell reports it; a status in that range is taken as a signal.
     */
    static int signalOf(int status) {
        return status > 128 && status <= 128 + 31 ? status - 128 : 0;
    }

    // ======================================================================================
    // open "|..."
    // ======================================================================================

    /** open "|cmd ...": a channel to the pipeline's input and/or output. */
    public static Channel openChannel(Interp interp, String[] argv, boolean read, boolean write)
            throws TclException {
        Pipeline p = parse(interp, argv);
        if (read && p.outputRedirected()) {
            p.cleanupFiles();
            throw TclException.error("can't read output from command: standard output was redirected", "TCL", "OPERATION", "EXEC", "BADREDIRECT");
        }
        if (write && p.inputRedirected()) {
            p.cleanupFiles();
            throw TclException.error("can't write input to command: standard input was redirected", "TCL", "OPERATION", "EXEC", "BADREDIRECT");
        }
        // numbered as Tcl's descriptors would be: the input pipe, the output pipe, the error
        // file; the children's ends are closed once they run, ours live as long as the channel
        int childIn = -1, ourOut = -1, ourIn = -1, childOut = -1;
        if (write) {
            childIn = ChannelTable.allocateNumber();
            ourOut = ChannelTable.allocateNumber();
        }
        if (read) {
            ourIn = ChannelTable.allocateNumber();
            childOut = ChannelTable.allocateNumber();
        }
        int errFile = ChannelTable.allocateNumber();
        try {
            p.start(write, read, true);
        } catch (TclException e) {
            for (int n : new int[]{childIn, ourOut, ourIn, childOut, errFile}) ChannelTable.releaseNumber(n);
            throw e;
        }
        ChannelTable.releaseNumber(childIn);
        ChannelTable.releaseNumber(childOut);
        int nameNumber = read ? ourIn : ourOut;
        PipeDriver d = new PipeDriver(p, read && write ? new int[]{ourOut, errFile} : new int[]{errFile});
        return new Channel("file" + nameNumber, d, read, write);
    }
}
