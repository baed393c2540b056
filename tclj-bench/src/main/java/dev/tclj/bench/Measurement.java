package dev.tclj.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * How one script is measured on one engine at one size: load, setup, warm-up calls whose times are
 * discarded, then measured calls, then cleanup; the reported time is the median (or with --best the fastest) of
 * the measured calls.
 *
 * <p>A soft budget keeps slow cases from taking all day: after each call, the remaining warm-up and
 * measured calls are cut to what fits in the budget at the speed seen so far, but never below one
 * measured call (and one warm-up, if any were asked for). A hard per-call limit ends a call that
 * runs away.
 */
final class Measurement {

    /**
     * The plan for every script: how many calls, the time allowed, and which statistic of the
     * measured calls is reported (the median, or with best the fastest call, which is steadier on a
     * busy machine).
     */
    record Plan(int warmups, int iterations, Duration budget, Duration callLimit, boolean best, Duration warmupTime) {

        /** The reported time of an outcome that is ok, in nanoseconds. */
        double time(Outcome o) {
            return best ? o.best() : o.median();
        }

        String statistic() {
            return best ? "the fastest" : "the median";
        }
    }

    /** What was measured, or why nothing was. */
    record Outcome(Status status, long[] nanos, int warmupsRun, String result, boolean unstable, String detail) {
        enum Status { OK, FAILED, TIMEOUT }

        static Outcome failed(Engine.Failure f) {
            Status s = f.kind() == Engine.Failure.Kind.TIMEOUT ? Status.TIMEOUT : Status.FAILED;
            return new Outcome(s, new long[0], 0, null, false, f.getMessage());
        }

        boolean ok() {
            return status == Status.OK;
        }

        /** The median of the measured calls, in nanoseconds. */
        double median() {
            long[] sorted = nanos.clone();
            Arrays.sort(sorted);
            int m = sorted.length / 2;
            return sorted.length % 2 == 1 ? sorted[m] : (sorted[m - 1] + sorted[m]) / 2.0;
        }

        /** The fastest measured call, in nanoseconds. */
        double best() {
            return Arrays.stream(nanos).min().orElseThrow();
        }

        /** Calls made, as "warm-ups+measured". */
        String runs() {
            return warmupsRun + "+" + nanos.length;
        }
    }

    private Measurement() {}

    /** Starts a fresh engine, measures the script on it at size n and closes the engine. */
    static Outcome measure(EngineFactory factory, BenchScript script, long n, Plan plan) {
        Engine engine;
        try {
            engine = factory.start(plan.callLimit());
        } catch (Engine.Failure f) {
            return Outcome.failed(f);
        }
        boolean loaded = false;
        try {
            engine.load(script.file(), plan.callLimit());
            loaded = true;
            engine.setup(n, plan.callLimit());
            Outcome outcome = calls(engine, n, plan);
            engine.cleanup(plan.callLimit());
            return outcome;
        } catch (Engine.Failure f) {
            // Remove what a partial setup or a failed call left, if the engine still answers; the
            // suite's scratch directory goes at the end of the run in any case.
            if (loaded && f.kind() == Engine.Failure.Kind.ERROR) {
                try {
                    engine.cleanup(plan.callLimit());
                } catch (Engine.Failure ignored) {
                    // the first failure is the one to report
                }
            }
            return Outcome.failed(f);
        } finally {
            engine.close();
        }
    }

    /** The most warm-up calls the warm-up time may add. */
    static final int MAX_WARMUPS = 1000;

    private static Outcome calls(Engine engine, long n, Plan plan) throws Engine.Failure {
        long budget = plan.budget().toNanos();
        long spent = 0;
        String first = null;
        boolean unstable = false;

        int warmupTarget = plan.warmups();
        long warmupNanos = plan.warmupTime().toNanos();
        int warmups = 0;
        // at least the warm-ups asked for, and more while they take less than the warm-up time (a
        // JIT compiles what has run long enough, not what has run a number of times)
        while (warmupTarget > 0 && (warmups < warmupTarget || spent < warmupNanos) && warmups < MAX_WARMUPS) {
            Engine.Sample s = engine.run(n, plan.callLimit());
            spent += s.nanos();
            if (first == null) first = s.result();
            unstable |= !first.equals(s.result());
            warmups++;
            // Skip the other warm-ups when the whole remaining plan no longer fits the budget.
            long remaining = (long) Math.max(0, warmupTarget - warmups) + plan.iterations();
            if (spent + s.nanos() * remaining > budget) break;
        }

        List<Long> measured = new ArrayList<>();
        int iterations = Math.max(1, plan.iterations());
        long last;
        do {
            Engine.Sample s = engine.run(n, plan.callLimit());
            spent += s.nanos();
            last = s.nanos();
            if (first == null) first = s.result();
            unstable |= !first.equals(s.result());
            measured.add(s.nanos());
        } while (measured.size() < iterations && spent + last <= budget);

        long[] nanos = new long[measured.size()];
        for (int i = 0; i < nanos.length; i++) nanos[i] = measured.get(i);
        return new Outcome(Outcome.Status.OK, nanos, warmups, first, unstable, null);
    }

    /** Starts an engine; a fresh one for every script and size. */
    @FunctionalInterface
    interface EngineFactory {
        Engine start(Duration limit) throws Engine.Failure;
    }
}
