# The line-echo server of issue 6's benchmark (dev.tclj.bench.net.ServerBench), run unchanged under
# tclsh and under tclj: every line a client sends comes back. Usage: line_echo.tcl PORT
# It listens on loopback only.

proc accept {chan addr port} {
    fconfigure $chan -blocking 0 -translation lf
    fileevent $chan readable [list echo $chan]
}

# Echoes every complete line that has arrived, then flushes once: with pipelined requests one
# readable event answers them all in one write.
proc echo {chan} {
    while {[gets $chan line] >= 0} {
        puts $chan $line
    }
    if {[eof $chan]} {
        close $chan
        return
    }
    if {[catch {flush $chan}]} {
        close $chan
    }
}

socket -server accept -myaddr 127.0.0.1 [lindex $argv 0]
vwait forever
