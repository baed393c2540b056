# transfer.tcl certDir handshakes megabytes: TLS handshake time and bulk throughput, plain TCP
# and TLS, client and server in this process, event-driven, as tcl-tls needs. Run under tclsh
# (tcl-tls) and tclj by TransferBench (dev.tclj.bench.net). The first plain transfer is reported
# on its own (cold: before the JIT has compiled tclj's I/O paths); the other transfer figures are
# the median of five after five warm-up rounds. Prints one line:
# handshake_ms <mean> plain_cold_MBps <rate> plain_MBps <rate> tls_MBps <rate>.

package require tls
lassign $argv dir n mb
set want [expr {$mb * 1048576}]
set chunk [string repeat "0123456789abcdef" 4096]

proc srvAccept {c a p} {
    fconfigure $c -blocking 0 -translation binary -buffersize 65536
    set ::got($c) 0
    fileevent $c readable [list srvRead $c]
}
proc srvRead {c} {
    if {[catch {read $c} d]} {
        catch {close $c}
        return
    }
    set before $::got($c)
    incr ::got($c) [string length $d]
    if {$before < $::want && $::got($c) >= $::want} {
        set ::done 1
    }
    if {[eof $c]} {
        close $c
    }
}

proc hsStep {c} {
    if {[catch {tls::handshake $c} r]} {
        set ::hs "error: $r"
    } elseif {$r} {
        set ::hs ok
    }
}
proc shake {c} {
    fconfigure $c -blocking 0
    set ::hs {}
    fileevent $c readable [list hsStep $c]
    hsStep $c
    set guard [after 10000 {set ::hs timeout}]
    while {$::hs eq ""} {
        vwait ::hs
    }
    after cancel $guard
    fileevent $c readable {}
    if {$::hs ne "ok"} {
        error "handshake: $::hs"
    }
}

set tlsSrv [tls::socket -server srvAccept -certfile $dir/server.pem -keyfile $dir/server.key -myaddr 127.0.0.1 0]
set tlsPort [lindex [fconfigure $tlsSrv -sockname] 2]
set plainSrv [socket -server srvAccept -myaddr 127.0.0.1 0]
set plainPort [lindex [fconfigure $plainSrv -sockname] 2]

proc handshakes {n} {
    set t0 [clock microseconds]
    for {set i 0} {$i < $n} {incr i} {
        set c [tls::socket 127.0.0.1 $::tlsPort]
        shake $c
        close $c
    }
    expr {([clock microseconds] - $t0) / 1000.0 / $n}
}

proc sendChunk {c} {
    if {$::sent >= $::want} {
        fileevent $c writable {}
        flush $c
        return
    }
    puts -nonewline $c $::chunk
    incr ::sent [string length $::chunk]
}
proc transfer {tls} {
    set ::done 0
    set ::sent 0
    if {$tls} {
        set c [tls::socket 127.0.0.1 $::tlsPort]
        shake $c
    } else {
        set c [socket 127.0.0.1 $::plainPort]
    }
    fconfigure $c -blocking 0 -translation binary -buffersize 65536
    set t0 [clock microseconds]
    fileevent $c writable [list sendChunk $c]
    set guard [after 60000 {set ::done timeout}]
    vwait ::done
    after cancel $guard
    set us [expr {[clock microseconds] - $t0}]
    close $c
    if {$::done ne "1"} {
        error "transfer: $::done"
    }
    expr {$::want / 1048576.0 / ($us / 1e6)}
}

set cold [transfer 0]
handshakes $n
set hsTime [handshakes $n]
# the JIT needs more than one pass of the same work: five warm-up rounds, then the median of five
proc median {l} { lindex [lsort -real $l] [expr {[llength $l] / 2}] }
for {set i 0} {$i < 5} {incr i} {
    transfer 0
    transfer 1
}
set p {}
set s {}
for {set i 0} {$i < 5} {incr i} {
    lappend p [transfer 0]
    lappend s [transfer 1]
}
set plain [median $p]
set secure [median $s]
puts [format "handshake_ms %.2f plain_cold_MBps %.1f plain_MBps %.1f tls_MBps %.1f" $hsTime $cold $plain $secure]
