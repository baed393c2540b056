package dev.tclj.bench;

import dev.tclj.Interp;
import dev.tclj.TclException;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

/**
 * The memory a live suspended coroutine costs: makes N coroutines (10,000 by default) that are
 * suspended two procedure calls deep, and reports the heap they hold (after full collections)
 * divided by N; then the same under tclsh, from the growth of its resident set. Also counts the
 * JVM's platform threads before and after, which must not grow with N (a coroutine's body runs as
 * a continuation, or on a virtual thread when the JVM does not export continuations to tclj: either
 * way its suspended stack is heap).
 *
 * <pre>java -cp tclj-bench.jar dev.tclj.bench.CoroutineMemory [N] [--tclsh PATH]</pre>
 */
public final class CoroutineMemory {
    private CoroutineMemory() {}

    /** Coroutines suspended in a procedure called by a procedure, each holding a few locals. */
    static final String SETUP = """
            proc inner {id} {
                set local [list $id [expr {$id * 2}]]
                yield $local
                return $id
            }
            proc outer {id} {
                set count 0
                inner $id
            }
            proc make {n} {
                for {set i 0} {$i < $n} {incr i} {coroutine co$i outer $i}
            }
            proc drop {n} {
                for {set i 0} {$i < $n} {incr i} {rename co$i {}}
            }
            """;

    public static void main(String[] args) throws Exception {
        int n = 10_000;
        String tclsh = "tclsh";
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--tclsh")) tclsh = args[++i];
            else n = Integer.parseInt(args[i]);
        }
        Interp interp = new Interp();
        interp.eval(SETUP);
        // warm-up: the code paths, and the interpreter's own one-time allocations
        for (int r = 0; r < 3; r++) {
            interp.eval("make 1000; drop 1000");
        }
        int threadsBefore = ManagementFactory.getThreadMXBean().getThreadCount();
        long before = usedHeap();
        interp.eval("make " + n);
        long after = usedHeap();
        int threadsAfter = ManagementFactory.getThreadMXBean().getThreadCount();
        String live = interp.eval("llength [info commands {co[0-9]*}]").toString();
        double perCoroutine = (after - before) / (double) n;
        System.out.printf("tclj:  %s live suspended coroutines, %.0f bytes (%.2f KiB) of heap each; platform threads %d -> %d%n",
                live, perCoroutine, perCoroutine / 1024, threadsBefore, threadsAfter);
        interp.eval("drop " + n);
        long freed = usedHeap();
        System.out.printf("tclj:  after deleting them the heap is back to %+.0f bytes per coroutine of the baseline%n",
                (freed - before) / (double) n);

        Double tcl = tclshBytes(tclsh, n);
        if (tcl != null) {
            System.out.printf("tclsh: %.0f bytes (%.2f KiB) of resident memory each; ratio tclj/tclsh %.2f%n",
                    tcl, tcl / 1024, perCoroutine / tcl);
        } else {
            System.out.println("tclsh: not available");
        }
    }

    /** The heap in use after collections have settled. */
    static long usedHeap() throws InterruptedException {
        long used = Long.MAX_VALUE;
        for (int i = 0; i < 5; i++) {
            System.gc();
            Thread.sleep(50);
            long u = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
            used = Math.min(used, u);
        }
        return used;
    }

    /** tclsh's resident-set growth per coroutine for the same script, or null without tclsh. */
    static Double tclshBytes(String tclsh, int n) throws IOException, InterruptedException, TclException {
        String script = SETUP + """
                proc rss {} {
                    set f [open /proc/self/status]
                    set s [read $f]
                    close $f
                    regexp {VmRSS:\\s+(\\d+) kB} $s -> kb
                    return [expr {$kb * 1024}]
                }
                make 1000; drop 1000
                set before [rss]
                make %d
                puts [expr {([rss] - $before) / double(%d)}]
                """.formatted(n, n);
        Process p;
        try {
            p = new ProcessBuilder(tclsh).redirectErrorStream(true).start();
        } catch (IOException e) {
            return null;
        }
        p.getOutputStream().write(script.getBytes(StandardCharsets.UTF_8));
        p.getOutputStream().close();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            return null;
        }
        try {
            return Double.parseDouble(out);
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
