package dev.tclj.server;

import dev.tclj.tcltest.TclshDifferentialTest;

/**
 * Runs tclj-server's .test files under real tclsh 8.6: the tests that need tclj's TclServer are
 * skipped there by their constraint; the rest (the Tcl client package against a server written
 * in Tcl) must pass under both.
 */
class ServerTclshDifferentialTest extends TclshDifferentialTest {
}
