# tclj's TclServer package (issue 7) as a benchmark server for dev.tclj.bench.net.ServerBench:
# the same protocol as tclserver_original.tcl, served by `package require TclServer`.
# Usage: tclserver_package.tcl PORT
# -myaddr keeps it on loopback, as the other benchmark servers.

package require TclServer

set server [TclServer %AUTO% -port [lindex $argv 0] -myaddr 127.0.0.1]
$server start
vwait forever
