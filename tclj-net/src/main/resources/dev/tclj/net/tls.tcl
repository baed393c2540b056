# tls.tcl: the Tcl half of tclj's tls package. tcl-tls ships sample callbacks that scripts name
# in -command and -password, and that it calls itself: tls::password when a key is encrypted and
# no -password is given. They are provided here with the same names, arguments and behaviour;
# tls::debug and tls::logcmd steer them as in tcl-tls.

namespace eval ::tls {
    variable debug 0
    variable logcmd tclLog
}

# Writes msg through tls::logcmd when level is at most tls::debug.
proc ::tls::log {level msg} {
    variable debug
    variable logcmd
    if {$level > $debug || $logcmd eq ""} {
        return
    }
    uplevel #0 [linsert $logcmd end $msg]
}

# A -command callback that logs what happens; verify keeps the library's verdict unless
# tls::debug is above 0, which accepts every certificate.
proc ::tls::callback {option args} {
    variable debug
    switch -- $option {
        error {
            lassign $args chan msg
            log 0 "TLS/$chan: error: $msg"
        }
        verify {
            lassign $args chan depth cert rc err
            if {$rc ne "1"} {
                log 1 "TLS/$chan: verify/$depth: Bad Cert: $err (rc = $rc)"
            } else {
                log 2 "TLS/$chan: verify/$depth: [dict get $cert subject]"
            }
            if {$debug > 0} {
                return 1
            }
            return $rc
        }
        info {
            lassign $args chan major minor msg
            set state $minor
            if {$msg ne ""} {
                append state ": $msg"
            }
            # scripts wait on tls::<chan>(handshake) to follow the handshake (tls::xhandshake)
            upvar #0 tls::$chan cb
            set cb($major) $minor
            log 2 "TLS/$chan: $major/$minor: $state"
        }
        default {
            return -code error "bad option \"$option\": must be one of error, info, or verify"
        }
    }
}

# Waits until tls::callback has seen the handshake of chan end: 1 when it is done.
proc ::tls::xhandshake {chan} {
    upvar #0 tls::$chan cb
    if {[info exists cb(handshake)] && $cb(handshake) eq "done"} {
        return 1
    }
    while {1} {
        vwait tls::${chan}(handshake)
        if {![info exists cb(handshake)]} {
            return 0
        }
        if {$cb(handshake) eq "done"} {
            return 1
        }
    }
}

# The password of an encrypted key when no -password is given: tcl-tls's placeholder.
proc ::tls::password {} {
    log 0 "TLS/Password: did you forget to set your passwd!"
    return "secret"
}
