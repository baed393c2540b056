package dev.tclj.tcltest;

import dev.tclj.Interp;
import dev.tclj.TclException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The runner's tcltest, checked command by command: what it reports for passing, failing and
 * skipped tests, and its argument errors (the messages are tcltest 2.5.5's).
 */
class TcltestTest {
    private Interp interp;
    private final List<TestOutcome> outcomes = new ArrayList<>();

    @BeforeEach
    void setUp() throws TclException {
        interp = new Interp();
        Tcltest.install(interp, List.of("*"), List.of("*-skipme"), outcomes::add);
    }

    private TestOutcome run(String script) throws TclException {
        outcomes.clear();
        interp.eval(script);
        assertThat(outcomes).hasSize(1);
        return outcomes.get(0);
    }

    @Test
    void passingTests() throws TclException {
        assertThat(run("::tcltest::test t-1 {set} -body {set x 5} -result 5").status()).isEqualTo(TestOutcome.Status.PASSED);
        assertThat(run("::tcltest::test t-2 {old form} {set x 6} 6").status()).isEqualTo(TestOutcome.Status.PASSED);
        assertThat(run("::tcltest::test t-3 {old form, constraint} unix {set x 7} 7").status())
                .isEqualTo(TestOutcome.Status.PASSED);
        assertThat(run("::tcltest::test t-4 {setup and cleanup} -setup {set y 1} -body {set y} -cleanup {unset y} -result 1")
                .status()).isEqualTo(TestOutcome.Status.PASSED);
        assertThat(interp.varExists("y")).isFalse();
        assertThat(run("::tcltest::test t-5 {error expected} -body {error boom} -returnCodes error -result boom")
                .status()).isEqualTo(TestOutcome.Status.PASSED);
        assertThat(run("::tcltest::test t-6 {codes as numbers} -body {break} -returnCodes 3").status())
                .isEqualTo(TestOutcome.Status.PASSED);
        assertThat(run("::tcltest::test t-7 {return counts as ok} -body {return r} -result r").status())
                .isEqualTo(TestOutcome.Status.PASSED);
        assertThat(run("::tcltest::test t-8 {glob} -body {set x abcdef} -match glob -result a*f").status())
                .isEqualTo(TestOutcome.Status.PASSED);
        assertThat(run("::tcltest::test t-9 {output} -body {puts hi; puts -nonewline stderr oops} -output \"hi\\n\""
                + " -errorOutput oops").status()).isEqualTo(TestOutcome.Status.PASSED);
        assertThat(run("::tcltest::test t-10 {errorCode} -body {error m {} {A B}} -errorCode {A *} -result m")
                .status()).isEqualTo(TestOutcome.Status.PASSED);
    }

    @Test
    void failureShowsTheTestAndBothResults() throws TclException {
        TestOutcome o = run("::tcltest::test t-1 {wrong result} -body {set x 5} -result 6");
        assertThat(o.status()).isEqualTo(TestOutcome.Status.FAILED);
        assertThat(o.message()).isEqualTo("""
                ==== t-1 wrong result FAILED
                ==== Contents of test case:
                set x 5
                ---- Result was:
                5
                ---- Result should have been (exact matching):
                6
                ==== t-1 FAILED
                """);
        assertThat(o.expected()).isEqualTo("6");
        assertThat(o.actual()).isEqualTo("5");
    }

    @Test
    void unexpectedErrorShowsErrorInfo() throws TclException {
        TestOutcome o = run("::tcltest::test t-2 {error} -body {error boom} -result x");
        assertThat(o.status()).isEqualTo(TestOutcome.Status.FAILED);
        assertThat(o.message()).contains("---- Test generated error; Return code was: 1\n"
                + "---- Return code should have been one of: 0 2\n"
                + "---- errorInfo: boom\n");
        assertThat(o.message()).contains("---- errorCode: NONE\n");
    }

    @Test
    void outputIsCapturedAndCompared() throws TclException {
        TestOutcome o = run("::tcltest::test t-3 {output} -body {puts hello} -output bye");
        assertThat(o.status()).isEqualTo(TestOutcome.Status.FAILED);
        assertThat(o.message()).contains("---- Output was:\nhello\n\n---- Output should have been (exact matching):\nbye\n");
        assertThat(o.expected()).isEqualTo("bye");
        assertThat(o.actual()).isEqualTo("hello\n");
    }

    @Test
    void cleanupFailureFailsTheTest() throws TclException {
        TestOutcome o = run("::tcltest::test t-4 {cleanup} -body {} -cleanup {error nope}");
        assertThat(o.status()).isEqualTo(TestOutcome.Status.FAILED);
        assertThat(o.message()).contains("---- Test cleanup failed:\nnope\n");
    }

    @Test
    void constraints() throws TclException {
        assertThat(run("::tcltest::test c-1 {false} -constraints knownBug -body {error x}").message()).isEqualTo("knownBug");
        assertThat(run("::tcltest::test c-2 {unknown} -constraints {unix noSuchThing} -body {error x}").message())
                .isEqualTo("noSuchThing");
        assertThat(run("::tcltest::test c-3 {tclj only} -constraints tclj -body {}").status())
                .isEqualTo(TestOutcome.Status.PASSED);
        assertThat(run("::tcltest::test c-4 {expression} -constraints {unix && !knownBug} -body {}").status())
                .isEqualTo(TestOutcome.Status.PASSED);
        assertThat(run("::tcltest::test c-5 {expression false} -constraints {win || knownBug} -body {}").status())
                .isEqualTo(TestOutcome.Status.SKIPPED);
        interp.eval("::tcltest::testConstraint mine 0");
        assertThat(run("::tcltest::test c-6 {user constraint} -constraints mine -body {}").status())
                .isEqualTo(TestOutcome.Status.SKIPPED);
        interp.eval("::tcltest::testConstraint mine 1");
        assertThat(run("::tcltest::test c-7 {user constraint} -constraints mine -body {}").status())
                .isEqualTo(TestOutcome.Status.PASSED);
        assertThat(interp.eval("::tcltest::testConstraint nosuch").toString()).isEqualTo("0");
        assertThat(run("::tcltest::test c-skipme {skip pattern} -body {error x}").message()).isEqualTo("userSpecifiedSkip");
    }

    @Test
    void nestedTestsAreNotCounted() throws TclException {
        TestOutcome o = run("::tcltest::test n-1 {outer} -body {::tcltest::test n-2 {inner} -body {error x}; set r ok}"
                + " -result ok");
        assertThat(o.name()).isEqualTo("n-1");
        assertThat(o.status()).isEqualTo(TestOutcome.Status.PASSED);
    }

    @Test
    void argumentErrorsAreTcltests() {
        assertError("::tcltest::test", "wrong # args: should be \"::tcltest::test name description ?arg ...?\"");
        assertError("::tcltest::test a b c d e f", "wrong # args: should be \"test name desc ?options?\"");
        assertError("::tcltest::test a b -foo x", "bad option \"-foo\": must be -body, -cleanup, -constraints,"
                + " -errorCode, -errorOutput, -match, -output, -result, -returnCodes, or -setup");
        assertError("::tcltest::test a b -body x -match foo", "bad -match value \"foo\": must be exact, glob, or regexp");
        assertError("::tcltest::test a b -body x -result", "list must have an even number of elements");
        assertError("::tcltest::testConstraint", "wrong # args: should be \"::tcltest::testConstraint constraint ?value?\"");
        assertError("::tcltest::testConstraint foo bar", "expected boolean value but got \"bar\"");
        assertError("::tcltest::cleanupTests 1 2", "wrong # args: should be \"::tcltest::cleanupTests ?calledFromAllFile?\"");
        assertError("::tcltest::customMatch a \"\\{\"", "invalid customMatch script; can't evaluate after completion");
    }

    private void assertError(String script, String message) {
        assertThatThrownBy(() -> interp.eval(script)).isInstanceOf(TclException.class).hasMessage(message);
    }
}
