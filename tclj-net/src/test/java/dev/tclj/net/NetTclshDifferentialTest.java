package dev.tclj.net;

import dev.tclj.tcltest.TclshDifferentialTest;

/** Runs tclj-net's .test files under real tclsh 8.6: an expectation tclsh does not meet is a wrong test. */
class NetTclshDifferentialTest extends TclshDifferentialTest {
}
