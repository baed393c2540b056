package dev.tclj.bench.jmh;

import dev.tclj.Interp;
import dev.tclj.TclException;
import dev.tclj.TclObj;
import dev.tclj.expr.Expr;
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
 * expr: evaluating an expression value whose compiled form is cached (the common case, in a loop),
 * for integer, floating-point and comparison work on variables, and compiling an expression from
 * its text (a fresh value each time, as with an unbraced expr).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class ExprBench {
    private static final String INT = "($acc * 31 + $i) % 1000003 + ($acc ^ ($i << 3)) - ($acc & 0xff) / 3";
    private static final String FLOAT = "$s + 4.0 / (1.0 + $x * $x)";
    private static final String COMPARE = "$i < $n && $acc != 0";

    private Interp interp;
    private TclObj intExpr;
    private TclObj floatExpr;
    private TclObj compareExpr;

    @Setup
    public void setup() throws TclException {
        interp = new Interp();
        interp.setVar("acc", TclObj.of(123456L));
        interp.setVar("i", TclObj.of(789L));
        interp.setVar("n", TclObj.of(1000000L));
        interp.setVar("s", TclObj.of(1.25));
        interp.setVar("x", TclObj.of(0.375));
        intExpr = TclObj.of(INT);
        floatExpr = TclObj.of(FLOAT);
        compareExpr = TclObj.of(COMPARE);
    }

    @Benchmark
    public TclObj integer() throws TclException {
        return Expr.eval(interp, intExpr);
    }

    @Benchmark
    public TclObj floatingPoint() throws TclException {
        return Expr.eval(interp, floatExpr);
    }

    @Benchmark
    public boolean comparison() throws TclException {
        return Expr.evalBoolean(interp, compareExpr);
    }

    @Benchmark
    public TclObj compileAndEval() throws TclException {
        return Expr.eval(interp, TclObj.of(new String(INT)));
    }
}
