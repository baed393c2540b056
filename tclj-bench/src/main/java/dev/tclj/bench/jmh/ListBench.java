package dev.tclj.bench.jmh;

import dev.tclj.ListParser;
import dev.tclj.TclException;
import dev.tclj.TclList;
import dev.tclj.TclObj;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.util.concurrent.TimeUnit;

/**
 * Lists of 1000 elements: parsing a list from its string form, producing the canonical string
 * form, building by repeated append (amortized O(1) per element when the list is the longest view
 * of its array), and lindex/lrange-style access.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class ListBench {
    private static final int SIZE = 1000;

    private String text;
    private TclList list;
    private TclObj[] elements;

    @Setup
    public void setup() throws TclException {
        elements = new TclObj[SIZE];
        for (int i = 0; i < SIZE; i++) {
            // Plain words, words that need braces, and numbers, as real lists mix them.
            elements[i] = TclObj.of(switch (i % 3) {
                case 0 -> "word" + i;
                case 1 -> "two words " + i;
                default -> Integer.toString(i * 7919);
            });
        }
        list = TclList.of(elements);
        text = TclObj.ofList(list).toString();
    }

    @Benchmark
    public TclList parse() throws TclException {
        return ListParser.parse(text);
    }

    @Benchmark
    public String format() {
        return TclObj.ofList(TclList.of(elements)).toString();
    }

    @Benchmark
    public TclList appendBuild() {
        TclList l = TclList.EMPTY;
        for (TclObj e : elements) l = l.append(e);
        return l;
    }

    @Benchmark
    public long indexAndRange() {
        long acc = 0;
        for (int i = 0; i < SIZE; i += 10) {
            acc += list.get(i).toString().length();
            acc += list.range(i, Math.min(SIZE, i + 10)).size();
        }
        return acc;
    }
}
