package dev.tclj;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Several interpreters on several threads at once are independent: each runs a workload that
 * touches most of the core (procs, namespaces, regexp, clock, format, lsort, dict, coroutines,
 * channels to files, the event loop, child interpreters) with values of its own, and must get
 * exactly the results one interpreter gets alone. Shared mutable state in the core (a cache, a
 * counter, a static table) shows up here as a wrong result or an exception.
 */
class ParallelInterpsTest {
    private static final int THREADS = 8;
    private static final int ROUNDS = 30;

    /** The workload; {@code $seed} makes each interpreter's values its own. */
    private static final String WORKLOAD = """
            namespace eval ::work {
                variable total 0
                proc fib n {expr {$n < 2 ? $n : [fib [expr {$n - 1}]] + [fib [expr {$n - 2}]]}}
                proc add x {variable total; incr total $x}
            }
            set out {}
            lappend out [::work::fib [expr {10 + $seed % 5}]]
            foreach k {1 2 3} {::work::add [expr {$seed * $k}]}
            lappend out $::work::total
            # regexp and regsub, with a pattern of this interpreter's own
            set text "id-$seed-x id-[expr {$seed + 1}]-y"
            lappend out [regexp -all -inline "id-($seed)-(\\\\w)" $text]
            lappend out [regsub -all {\\d+} $text <&>]
            # clock and format
            lappend out [clock format [expr {$seed * 86400}] -format {%Y-%m-%d %H:%M} -gmt 1]
            lappend out [clock scan "2020-01-[format %02d [expr {$seed % 28 + 1}]]" -format %Y-%m-%d -gmt 1]
            lappend out [format {%08.3f|%-6s|%x} [expr {$seed / 7.0}] s$seed $seed]
            # lsort, lsearch, dict
            set l {}
            for {set i 0} {$i < 50} {incr i} {lappend l [expr {($i * 7919 + $seed) % 101}]}
            lappend out [lrange [lsort -integer -unique $l] 0 9] [lsearch -all -exact $l [lindex $l 3]]
            set d {}
            foreach v $l {dict incr d [expr {$v % 5}]}
            lappend out [dict get $d 0] [lsort [dict keys $d]]
            # a coroutine generator
            coroutine gen apply {{n} {yield; for {set i 0} {$i < $n} {incr i} {yield [expr {$i * $i}]}; return end}} [expr {$seed % 4 + 3}]
            set got {}
            while {[llength [info commands gen]]} {lappend got [gen]}
            lappend out $got
            # a channel to a file of its own
            set f [open $file w]
            for {set i 0} {$i < 20} {incr i} {puts $f "line $i of $seed"}
            close $f
            set f [open $file r]
            set lines [split [string trim [read $f]] \\n]
            close $f
            lappend out [llength $lines] [lindex $lines end]
            # the event loop
            set ::done {}
            after 0 {lappend ::done a}
            after idle {lappend ::done b; set ::fin 1}
            vwait ::fin
            lappend out $::done
            # a safe child with an alias back
            set c [interp create -safe]
            interp alias $c twice {} expr 2*
            lappend out [interp eval $c [list twice $seed]]
            interp delete $c
            namespace delete ::work

            set out
            """;

    private static String run(int seed, Path file) throws TclException {
        Interp interp = new Interp();
        interp.setVar("seed", Integer.toString(seed));
        interp.setVar("file", file.toString());
        return interp.eval(WORKLOAD).toString();
    }

    @Test
    void interpretersOnSeveralThreadsGetTheResultsTheyGetAlone(@TempDir Path dir) throws Exception {
        String[] expected = new String[THREADS];
        for (int t = 0; t < THREADS; t++) expected[t] = run(t + 1, dir.resolve("alone-" + t));
        assertThat(expected[0]).isNotEqualTo(expected[1]);

        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<List<String>>> futures = new ArrayList<>();
            for (int t = 0; t < THREADS; t++) {
                int seed = t + 1;
                Path file = dir.resolve("parallel-" + t);
                futures.add(pool.submit(() -> {
                    start.await();
                    List<String> results = new ArrayList<>();
                    for (int r = 0; r < ROUNDS; r++) results.add(run(seed, file));
                    return results;
                }));
            }
            start.countDown();
            for (int t = 0; t < THREADS; t++) {
                List<String> results = futures.get(t).get(5, TimeUnit.MINUTES);
                assertThat(results).hasSize(ROUNDS);
                for (String r : results) assertThat(r).as("interpreter %d", t + 1).isEqualTo(expected[t]);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    /** One script value, shared by every thread (as an embedder's constant would be). */
    private static final TclObj SHARED_SCRIPT = TclObj.of("work; set ::n");
    private static final TclObj SHARED_BODY = TclObj.of("incr ::n; expr {$::n % 7}");

    @Test
    void aScriptValueSharedByInterpretersOnSeveralThreadsRunsInEachOnesOwnCommands() throws Exception {
        // the parse cached in a value, and the command lookups cached in that parse, belong to no
        // interpreter: each must still run its own procedure "work" and count in its own ::n
        int calls = 20_000;
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<String>> futures = new ArrayList<>();
            for (int t = 0; t < THREADS; t++) {
                futures.add(pool.submit(() -> {
                    Interp interp = new Interp();
                    interp.setVar("n", "0");
                    interp.eval(TclObj.ofList(TclObj.of("proc"), TclObj.of("work"), TclObj.EMPTY, SHARED_BODY));
                    start.await();
                    String last = null;
                    for (int i = 0; i < calls; i++) last = interp.eval(SHARED_SCRIPT).toString();
                    return last;
                }));
            }
            start.countDown();
            for (Future<String> f : futures) assertThat(f.get(5, TimeUnit.MINUTES)).isEqualTo(Integer.toString(calls));
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void oneInterpreterPerThreadKeepsItsOwnPrecision() throws Exception {
        // tcl_precision is per thread in Tcl: setting it in one interpreter does not change another thread's
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            CountDownLatch set = new CountDownLatch(1);
            Future<String> a = pool.submit(() -> {
                Interp i = new Interp();
                i.eval("set tcl_precision 3");
                set.countDown();
                return i.eval("expr {1/3.}").toString();
            });
            Future<String> b = pool.submit(() -> {
                set.await();
                return new Interp().eval("expr {1/3.}").toString();
            });
            assertThat(a.get(1, TimeUnit.MINUTES)).isEqualTo("0.333");
            assertThat(b.get(1, TimeUnit.MINUTES)).isEqualTo("0.3333333333333333");
        } finally {
            pool.shutdownNow();
        }
    }
}
