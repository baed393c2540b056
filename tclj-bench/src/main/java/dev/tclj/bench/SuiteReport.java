package dev.tclj.bench;

import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The suite's results: one row per script and size, printed as a table with tclj/tclsh ratios and
 * their geometric mean, the growth ratios of the growth scripts, and every failure or mismatch
 * spelled out below the table.
 */
final class SuiteReport {

    record Row(BenchScript script, long n, Measurement.Outcome tclsh, Measurement.Outcome tclj,
               boolean tcljAbandoned) {

        /** Whether both ran and agreed, so that their times compare the same work. */
        boolean comparable() {
            return tclsh.ok() && tclj.ok() && tclsh.result().equals(tclj.result());
        }

        String check() {
            if (!tclsh.ok()) return "tclsh " + tclsh.status();
            if (!tclj.ok()) return tclj.status().toString();
            if (!tclsh.result().equals(tclj.result())) return "MISMATCH";
            if (tclsh.unstable() || tclj.unstable()) return "UNSTABLE";
            return "ok";
        }

        String label() {
            return script.isGrowth() ? script.name() + "@" + n : script.name();
        }
    }

    private final Measurement.Plan plan;
    private final boolean quick;
    private final String tclsh;
    private final List<Row> rows = new ArrayList<>();
    /** The system load average when the suite started, or negative where the OS has none. */
    private final double loadAverage = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();

    /** How tclj ran: "in process", or the JVM options of its own processes. */
    private final String tcljHow;

    SuiteReport(Measurement.Plan plan, boolean quick, String tclsh, String tcljHow) {
        this.plan = plan;
        this.quick = quick;
        this.tclsh = tclsh;
        this.tcljHow = tcljHow;
    }

    void add(Row row) {
        rows.add(row);
    }

    boolean allPassed() {
        return rows.stream().allMatch(r -> r.check().equals("ok"));
    }

    void print(PrintStream out) {
        out.printf("tclj script suite%s: tclj (%s, Java %s, %d CPUs) against %s (a process per script and size)%n",
                quick ? " (--quick sizes)" : "", tcljHow, Runtime.version(), Runtime.getRuntime().availableProcessors(), tclsh);
        out.printf("times: %s of %d measured calls of bench after %d warm-up call(s) or more, up to %.1f s of"
                        + " warm-ups, in ms;%n       where the %d s budget or the warm-up time changed a run,"
                        + " runs shows warm-ups+measured for tclsh and tclj%n",
                plan.statistic(), plan.iterations(), plan.warmups(), plan.warmupTime().toMillis() / 1000.0,
                plan.budget().toSeconds());
        if (loadAverage >= 0) {
            int cpus = Runtime.getRuntime().availableProcessors();
            out.printf("load average when the suite started: %.2f on %d CPUs%s%n", loadAverage, cpus,
                    loadAverage > cpus / 2.0 ? " -- a busy machine: times are noisy" : "");
        }
        out.println();
        String format = "%-24s %9s %11s %11s %11s  %-11s %s%n";
        out.printf(format, "script", "size", "tclsh ms", "tclj ms", "tclj/tclsh", "runs sh/j", "check");
        double logSum = 0;
        int compared = 0;
        for (Row r : rows) {
            String ratio = "";
            if (r.comparable()) {
                double q = plan.time(r.tclj()) / plan.time(r.tclsh());
                ratio = String.format("%.2f", q);
                logSum += Math.log(q);
                compared++;
            }
            out.printf(format, r.label(), r.n(), millis(r.tclsh()), millis(r.tclj()), ratio,
                    runs(r), r.check());
        }
        out.println();
        if (compared > 0) {
            out.printf("geometric mean of tclj/tclsh over the %d rows where both ran and agreed: %.2f%n",
                    compared, Math.exp(logSum / compared));
        } else {
            out.println("geometric mean of tclj/tclsh: no row where both ran and agreed");
        }
        printGrowth(out);
        printProblems(out);
    }

    private String millis(Measurement.Outcome o) {
        return o.ok() ? String.format("%.2f", plan.time(o) / 1e6) : o.status().toString();
    }

    private String runs(Row r) {
        String sh = r.tclsh().ok() ? r.tclsh().runs() : "-";
        String j = r.tclj().ok() ? r.tclj().runs() : "-";
        String full = plan.warmups() + "+" + plan.iterations();
        return sh.equals(full) && j.equals(full) ? "" : sh + " " + j;
    }

    /** time(second size)/time(first size) for each growth script, for each interpreter. */
    private void printGrowth(PrintStream out) {
        List<String[]> lines = new ArrayList<>();
        for (int i = 0; i + 1 < rows.size(); i++) {
            Row small = rows.get(i);
            Row large = rows.get(i + 1);
            if (!small.script().isGrowth() || large.script() != small.script()) continue;
            double expected = (double) large.n() / small.n();
            lines.add(new String[] {small.script().name(), small.n() + " -> " + large.n(),
                    growth(small.tclsh(), large.tclsh()), growth(small.tclj(), large.tclj()),
                    String.format("%.0f", expected)});
            i++;
        }
        if (lines.isEmpty()) return;
        out.println();
        out.println("growth: time(larger size)/time(smaller size); linear growth gives the size ratio");
        String format = "%-24s %-20s %9s %9s %9s%n";
        out.printf(format, "script", "sizes", "tclsh", "tclj", "linear");
        for (String[] l : lines) out.printf(format, (Object[]) l);
    }

    private String growth(Measurement.Outcome small, Measurement.Outcome large) {
        if (!small.ok() || !large.ok()) return "-";
        return String.format("%.2f", plan.time(large) / plan.time(small));
    }

    /** Failures and mismatches in full, loudly, after the table. */
    private void printProblems(PrintStream out) {
        boolean header = false;
        Map<String, String> seen = new HashMap<>();
        for (Row r : rows) {
            String check = r.check();
            if (check.equals("ok")) continue;
            if (!header) {
                out.println();
                out.println("problems:");
                header = true;
            }
            String where = r.script().name() + " (n=" + r.n() + ")";
            switch (check) {
                case "MISMATCH" -> out.printf("!!! MISMATCH %s: tclsh returned %s%n    but tclj returned %s%n",
                        where, shorten(r.tclsh().result()), shorten(r.tclj().result()));
                case "UNSTABLE" -> out.printf("!!! UNSTABLE %s: bench returned different values on different"
                        + " calls (%s%s); it must be deterministic%n", where,
                        r.tclsh().unstable() ? "tclsh" : "", r.tclj().unstable() ? " tclj" : "");
                default -> {
                    Measurement.Outcome failed = r.tclsh().ok() ? r.tclj() : r.tclsh();
                    String who = r.tclsh().ok() ? "tclj" : "tclsh";
                    out.printf("!!! %s under %s: %s%n", failed.status(), who, where);
                    // Many scripts fail for one missing command: print each error once.
                    String key = who + "\n" + firstLines(failed.detail(), 1);
                    String earlier = seen.putIfAbsent(key, where);
                    out.println(earlier != null ? "    same error as " + earlier
                            : indent(firstLines(failed.detail(), 8)));
                }
            }
            if (r.tcljAbandoned()) {
                out.println("    (the tclj call did not stop after its timeout; later tclj times are disturbed)");
            }
        }
    }

    private static String shorten(String s) {
        String q = "\"" + s + "\"";
        return q.length() <= 300 ? q : q.substring(0, 300) + "...\" (" + s.length() + " chars)";
    }

    private static String firstLines(String text, int max) {
        if (text == null) return "";
        String[] lines = text.split("\n");
        if (lines.length <= max) return text;
        return String.join("\n", Arrays.copyOf(lines, max)) + "\n...";
    }

    private static String indent(String text) {
        return "    " + text.replace("\n", "\n    ");
    }
}
