package dev.tclj.server;

import dev.tclj.tcltest.TclTestFiles;

/** Runs tclj-server's .test files (src/test/tcl) through tclj, one dynamic test per Tcl test. */
class ServerTclTestFiles extends TclTestFiles {
}
