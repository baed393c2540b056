package dev.tclj.regex;

/**
 * Thrown by {@link RegexMatcher#find} when verifying back references would take too long. Tcl's
 * engine explores the ways to divide a match among the groups one by one, which for some patterns
 * (back references inside a repeated group, such as {@code ^((a+)\2)+$}) grows exponentially with
 * the subject; rather than run for hours, the search stops after a bound far beyond what tclsh
 * finishes in seconds. Commands report it as Tcl reports a matching failure:
 * "error while matching regular expression: regular expression is too complex".
 */
public final class RegexTooComplexException extends RuntimeException {
    RegexTooComplexException() {
        super("regular expression is too complex", null, false, false);
    }
}
