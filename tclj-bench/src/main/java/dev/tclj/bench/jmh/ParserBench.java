package dev.tclj.bench.jmh;

import dev.tclj.parse.Parser;
import dev.tclj.parse.Script;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.util.concurrent.TimeUnit;

/**
 * The script parser: a whole proc-heavy script parsed from its text (the cost paid once per script
 * value, and on every chunk a TclServer client sends), and info complete on a chunk cut short.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class ParserBench {

    /** About 1.3 KB of ordinary Tcl: procs, braces, quotes, substitutions, comments. */
    static final String SCRIPT = """
            # Keeps a count of words per file.
            namespace eval wc {
                variable counts {}
            }
            proc wc::add {file text} {
                variable counts
                foreach word [split $text " \\t\\n"] {
                    if {$word eq ""} continue
                    dict incr counts $file,[string tolower $word]
                }
                return [dict size $counts]
            }
            proc wc::report {{limit 10}} {
                variable counts
                set out {}
                foreach {key n} [lsort -stride 2 -index 1 -integer -decreasing $counts] {
                    lappend out [format "%-30s %6d" $key $n]
                    if {[incr limit -1] <= 0} break
                }
                join $out \\n
            }
            proc fib {n} {
                if {$n < 2} {
                    return $n
                }
                return [expr {[fib [expr {$n - 1}]] + [fib [expr {$n - 2}]]}]
            }
            set result [list [fib 10] "quoted $text with [string length $text] chars" {braced $not [substituted]}]
            array set opts {-timeout 30 -retries 3 -verbose 0}
            if {[info exists opts(-verbose)] && $opts(-verbose)} {
                puts stderr "result: $result; ${opts(-timeout)}s; \\u00e9\\x41\\101"
            } elseif {[catch {wc::add file.txt "the quick brown fox"} msg]} {
                error "failed: $msg" $::errorInfo
            } else {
                set total [expr {$opts(-timeout) * $opts(-retries) + [llength $result]}]
            }
            """;

    /** The same script cut in the middle of a braced body: incomplete. */
    static final String CHUNK = SCRIPT.substring(0, SCRIPT.indexOf("return [dict size"));

    @Benchmark
    public Script parse() {
        return Parser.parse(SCRIPT);
    }

    @Benchmark
    public boolean infoComplete() {
        return Parser.isComplete(CHUNK);
    }
}
