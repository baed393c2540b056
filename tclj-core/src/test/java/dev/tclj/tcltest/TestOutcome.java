package dev.tclj.tcltest;

/**
 * What became of one top-level {@code test} of a .test file: passed, failed (with tcltest's report
 * text) or skipped (with the reason: the constraint that was false).
 *
 * @param expected for a failure on the result or the output, the expected text (else null), so that
 *                 JUnit tools can show a diff
 * @param actual   the actual text that goes with {@code expected}
 */
public record TestOutcome(String name, String description, Status status, String message, String expected,
                          String actual) {

    public enum Status { PASSED, FAILED, SKIPPED }

    static TestOutcome passed(String name, String description) {
        return new TestOutcome(name, description, Status.PASSED, null, null, null);
    }

    static TestOutcome skipped(String name, String description, String reason) {
        return new TestOutcome(name, description, Status.SKIPPED, reason, null, null);
    }

    static TestOutcome failed(String name, String description, String report, String expected, String actual) {
        return new TestOutcome(name, description, Status.FAILED, report, expected, actual);
    }
}
