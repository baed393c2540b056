# A websocket echo server on the API of tcllib's websocket package, for the benchmark of issue 8
# (dev.tclj.bench.net.ServerBench): every text or binary message comes back as it came.
# Usage: ws_echo.tcl PORT ?LIBDIR?
# With LIBDIR (tcllib's directory, /usr/share/tcltk/tcllib1.21) the package must come from there:
# that is tcllib's implementation, under tclsh or under tclj. Without it, `package require
# websocket` takes the interpreter's own (tclj's, once it has one).
# The load client asks for the subprotocol "bench", since tcllib's server refuses a handshake that
# names none. Listens on loopback only.

lassign $argv port libdir
if {$libdir ne ""} {
    set auto_path [linsert $auto_path 0 $libdir]
}
package require websocket
if {$libdir ne ""} {
    set from [package ifneeded websocket [package present websocket]]
    if {[string first $libdir $from] < 0} {
        puts stderr "ws_echo.tcl: websocket [package present websocket] does not come from $libdir: $from"
        exit 1
    }
}
::websocket::loglevel error

proc handler {sock type msg} {
    switch -- $type {
        text - binary {
            ::websocket::send $sock $type $msg
        }
    }
}

# Reads the HTTP upgrade request (blocking, as tcllib's examples do) and hands the socket over.
proc accept {sock addr port} {
    fconfigure $sock -translation crlf
    if {[gets $sock request] < 0} {
        close $sock
        return
    }
    set headers {}
    while {[gets $sock line] > 0} {
        set colon [string first : $line]
        if {$colon < 0} continue
        lappend headers [string trim [string range $line 0 $colon-1]] \
                [string trim [string range $line $colon+1 end]]
    }
    if {[::websocket::test $::server $sock [lindex $request 1] $headers]} {
        ::websocket::upgrade $sock
    } else {
        close $sock
    }
}

set server [socket -server accept -myaddr 127.0.0.1 $port]
::websocket::server $server
::websocket::live $server /echo handler bench
vwait forever
