# A pure-Tcl server with the wire protocol of NSCLDAQ's TclServer, written for the benchmark of
# issue 7 (dev.tclj.bench.net.ServerBench) from the issue's description of the original; it is not
# the original's code. Usage: tclserver_original.tcl PORT
#
# What it does, as the original: a connection is set to line buffering and non-blocking; what it
# sends is appended to its buffer; whenever the buffer is not empty and is a complete command
# (info complete) it is evaluated at global level (uplevel #0), the buffer is cleared, and the
# result is written followed by a newline (the socket's default translation makes that CRLF). On
# an error nothing is written and the connection stays open (the original with no -onerror).
# Eof closes the connection. Like the original it evaluates whatever has arrived as soon as it is
# complete, so several commands sent in one write get a single reply: it cannot serve pipelined
# clients. Unlike the original it listens on loopback only, since it is a benchmark.

proc accept {chan addr port} {
    fconfigure $chan -buffering line -blocking 0
    set ::buffer($chan) ""
    fileevent $chan readable [list serve $chan]
}

proc serve {chan} {
    if {[catch {read $chan} data]} {
        forget $chan
        return
    }
    append ::buffer($chan) $data
    if {[eof $chan]} {
        forget $chan
        return
    }
    if {$::buffer($chan) eq "" || ![info complete $::buffer($chan)]} {
        return
    }
    set command $::buffer($chan)
    set ::buffer($chan) ""
    if {[catch {uplevel #0 $command} result]} {
        return
    }
    if {[catch {puts $chan $result; flush $chan}]} {
        forget $chan
    }
}

proc forget {chan} {
    catch {close $chan}
    unset -nocomplain ::buffer($chan)
}

socket -server accept -myaddr 127.0.0.1 [lindex $argv 0]
vwait forever
