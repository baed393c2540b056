# TclServer::client: a client of a TclServer that speaks the framed protocol (-protocol framed).
# Pure Tcl 8.6: it runs under tclsh as well as under tclj.
#
#   package require TclServer::client
#   set c [TclServer::client::connect host port]
#   TclServer::client::eval $c {expr {6 * 7}}        ;# 42, or the server's error
#   TclServer::client::send $c $script               ;# the replies, one dict per command
#   TclServer::client::close $c
#
# A frame is "TYPE LENGTH\n", LENGTH bytes of UTF-8, "\n". TYPE is ok (the result), error (a
# list: the message and the return options), stdout or stderr (what the command printed on
# the server, before its ok or error frame). The server evaluates each complete line of what it
# receives as a command, so a script of several lines may get several replies: send splits the
# script as the server does and reads them all.

package require Tcl 8.6

namespace eval ::TclServer::client {
    namespace export connect eval send close
}

# Opens a connection; returns its channel.
proc ::TclServer::client::connect {host port} {
    set chan [socket $host $port]
    fconfigure $chan -translation binary -buffering full -blocking 1
    return $chan
}

# The commands the server will see in text (which ends with a newline), or -1 if it ends
# incomplete.
proc ::TclServer::client::CommandCount {text} {
    set n 0
    set start 0
    set i [string first \n $text]
    while {$i >= 0} {
        if {[info complete [string range $text $start $i]]} {
            incr n
            set start [expr {$i + 1}]
        }
        set i [string first \n $text [expr {$i + 1}]]
    }
    expr {$start == [string length $text] ? $n : -1}
}

# Sends script and returns one dict per command in it: ok (1 or 0), result, options (the
# return options of a failure), stdout and stderr (what it printed on the server).
proc ::TclServer::client::send {chan script} {
    if {[string index $script end] ne "\n"} {
        append script \n
    }
    set n [CommandCount $script]
    if {$n < 0} {
        return -code error -errorcode {TCLSERVER CLIENT INCOMPLETE} "incomplete command: $script"
    }
    puts -nonewline $chan [encoding convertto utf-8 $script]
    flush $chan
    set replies {}
    for {set i 0} {$i < $n} {incr i} {
        lappend replies [ReadReply $chan]
    }
    return $replies
}

# Evaluates script on the server: the result of its last command, or the first failure,
# raised with the server's message, -errorcode and -errorinfo. What the script printed on
# the server is written to this interpreter's stdout and stderr.
proc ::TclServer::client::eval {chan script} {
    set result ""
    set failure {}
    foreach r [send $chan $script] {
        if {[dict get $r stdout] ne ""} {
            puts -nonewline stdout [dict get $r stdout]
        }
        if {[dict get $r stderr] ne ""} {
            puts -nonewline stderr [dict get $r stderr]
        }
        if {![dict get $r ok] && $failure eq ""} {
            set failure $r
        }
        set result [dict get $r result]
    }
    if {$failure ne ""} {
        # the server took any completion but ok (return, break...) as a failure: so does the
        # client, raised in its caller with the server's -errorcode and -errorinfo
        set opts [dict get $failure options]
        dict set opts -code error
        dict set opts -level 1
        if {![dict exists $opts -errorcode]} {
            dict set opts -errorcode NONE
        }
        return -options $opts [dict get $failure result]
    }
    return $result
}

proc ::TclServer::client::close {chan} {
    ::close $chan
}

# Reads frames up to the ok or error frame of one command.
proc ::TclServer::client::ReadReply {chan} {
    set reply [dict create ok 0 result {} options {} stdout {} stderr {}]
    while 1 {
        if {[gets $chan head] < 0} {
            return -code error -errorcode {TCLSERVER CLIENT EOF} "the server closed the connection"
        }
        if {![regexp {^(ok|error|stdout|stderr) ([0-9]+)$} $head -> type len]} {
            return -code error -errorcode {TCLSERVER CLIENT FRAME} "not a TclServer frame: $head"
        }
        set data [read $chan $len]
        if {[string length $data] != $len || [read $chan 1] ne "\n"} {
            return -code error -errorcode {TCLSERVER CLIENT EOF} "the server closed the connection"
        }
        set text [encoding convertfrom utf-8 $data]
        switch -- $type {
            stdout - stderr {
                dict append reply $type $text
            }
            ok {
                dict set reply ok 1
                dict set reply result $text
                return $reply
            }
            error {
                if {![string is list $text] || [llength $text] != 2} {
                    return -code error -errorcode {TCLSERVER CLIENT FRAME} "malformed error frame"
                }
                dict set reply result [lindex $text 0]
                dict set reply options [lindex $text 1]
                return $reply
            }
        }
    }
}

package provide TclServer::client 1.0
