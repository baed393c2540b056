# servertest.tcl: helpers shared by tclj-server's .test files (sourced, not a test file itself).
# Servers on ports the system chooses, clients that never block the event loop (the server and
# its clients share one interpreter), waits with guard timers, and tclsh child processes as
# clients that are killed when they overstay.

package require tcltest 2

proc freePort {} {
    set s [socket -server list -myaddr 127.0.0.1 0]
    set p [lindex [fconfigure $s -sockname] 2]
    close $s
    return $p
}

proc server {args} {
    set s [TclServer %AUTO% -port [freePort] {*}$args]
    startFree $s
    return $s
}

# Starts server s, on another free port when something took the chosen one between freePort
# closing it and the server binding it (another test's client may be given it as its local port).
proc startFree {s} {
    for {set i 0} {[catch {$s start} m opts]} {incr i} {
        if {$i >= 10 || [lindex [dict get $opts -errorcode] 1] ne "EADDRINUSE"} {
            return -options $opts $m
        }
        $s configure -port [freePort]
    }
}

# A raw client whose input is collected in ::got($chan) as it arrives (bytes, untranslated),
# with <eof> appended at end of file.
proc rawClient {s {host 127.0.0.1}} {
    set c [socket $host [$s cget -port]]
    fconfigure $c -blocking 0 -buffering none -translation binary
    set ::got($c) {}
    fileevent $c readable [list rawRead $c]
    return $c
}
proc rawRead {c} {
    set d [read $c]
    append ::got($c) $d
    if {[eof $c]} {
        append ::got($c) <eof>
        fileevent $c readable {}
    }
    set ::arrived 1
}

# Waits until ::got(c) matches the glob pattern (or ms pass); returns it and forgets it.
proc await {c pattern {ms 5000}} {
    set end [expr {[clock milliseconds] + $ms}]
    while {![string match $pattern $::got($c)] && [clock milliseconds] < $end} {
        set g [after 20 {set ::arrived 0}]
        vwait ::arrived
        after cancel $g
    }
    set r $::got($c)
    set ::got($c) {}
    return $r
}

proc pause {ms} {
    after $ms {set ::paused 1}
    vwait ::paused
}

proc cleanupAll {} {
    foreach s [TclServer info instances] {$s destroy}
    foreach c [array names ::got] {catch {close $c}}
    array unset ::got
}


# The tclsh on the PATH, for clients in another process.
proc findTclsh {} {
    foreach dir [split $::env(PATH) :] {
        set f [file join $dir tclsh]
        if {$dir ne "" && [file executable $f] && ![file isdirectory $f]} {
            return $f
        }
    }
    return {}
}
set ::tclsh [findTclsh]
::tcltest::testConstraint tclsh [expr {$::tclsh ne ""}]

# The Tcl client package's source, for tclsh clients.
set ::clientSource [file join [file dirname [file normalize [info script]]] .. .. main resources dev tclj server client.tcl]

# A tclsh script that loads the client package and connects as $c to port, then runs body.
proc clientScript {port body} {
    return "source [list $::clientSource]\nset c \[TclServer::client::connect 127.0.0.1 $port\]\n$body\n"
}

# Runs script in a tclsh child process while this interpreter serves; returns what it printed
# on stdout and stderr. After ms the child is killed and "timeout" is appended.
proc inTclsh {script {ms 20000}} {
    set f [open |[list $::tclsh << $script 2>@1] r]
    fconfigure $f -blocking 0
    set ::childOut($f) {}
    fileevent $f readable [list childRead $f]
    set guard [after $ms [list childTimeout $f]]
    vwait ::childDone($f)
    after cancel $guard
    set out $::childOut($f)
    unset ::childOut($f) ::childDone($f)
    return $out
}
proc childRead {f} {
    append ::childOut($f) [read $f]
    if {[eof $f]} {
        fileevent $f readable {}
        catch {close $f}
        set ::childDone($f) 1
    }
}
proc childTimeout {f} {
    catch {exec kill -9 {*}[pid $f]}
    catch {close $f}
    append ::childOut($f) timeout
    # what the servers of this interpreter had seen, for the failure's report
    catch {
        foreach s [TclServer info instances] {
            append ::childOut($f) " ($s: port [$s cget -port], [llength [$s connections]] connections)"
        }
    }
    set ::childDone($f) 1
}
