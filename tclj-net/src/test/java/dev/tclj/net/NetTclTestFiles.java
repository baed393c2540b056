package dev.tclj.net;

import dev.tclj.tcltest.TclTestFiles;

/** Runs tclj-net's .test files (src/test/tcl) through tclj, one dynamic test per Tcl test. */
class NetTclTestFiles extends TclTestFiles {
}
