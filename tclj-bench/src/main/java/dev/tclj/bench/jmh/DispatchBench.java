package dev.tclj.bench.jmh;

import dev.tclj.Interp;
import dev.tclj.TclException;
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
 * Command dispatch through the evaluator, with the script's parse cached in its value: a built-in
 * command on a global variable, and a call to a proc that binds two arguments and returns one.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class DispatchBench {
    private Interp interp;
    private TclObj builtin;
    private TclObj procCall;

    @Setup
    public void setup() throws TclException {
        interp = new Interp();
        interp.eval("set x 0; proc second {a b} {return $b}");
        builtin = TclObj.of("set x");
        procCall = TclObj.of("second 1 2");
    }

    @Benchmark
    public TclObj builtinCommand() throws TclException {
        return interp.eval(builtin);
    }

    @Benchmark
    public TclObj procCall() throws TclException {
        return interp.eval(procCall);
    }
}
