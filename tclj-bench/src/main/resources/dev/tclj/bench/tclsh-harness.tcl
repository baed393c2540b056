# The tclsh side of the script suite (dev.tclj.bench.TclshEngine). It loads one benchmark script
# and runs its bench proc when asked, timing each call inside this process with clock
# microseconds, so that neither process start nor the pipe is measured.
#
# Protocol: one request per line on stdin, one reply per line on stdout. Replies start with
# "@@bench " so that anything a script prints itself is not taken for a reply.
#   load PATH   -> ok                        sources PATH at the global level
#   setup N     -> ok                        calls [setup N] if the script defines setup
#   run N       -> ok MICROS RESULT64        calls [bench N]; RESULT64 is base64 of its UTF-8
#   cleanup     -> ok                        calls [cleanup] if the script defines it
# Any failure replies "error INFO64", base64 of the UTF-8 errorInfo.

# The one argument is a scratch directory for the files scripts make (see SuiteFiles.scratch).

namespace eval harness {}
set ::bench_scratch [lindex $argv 0]

fconfigure stdin -encoding utf-8 -translation lf
fconfigure stdout -encoding utf-8 -translation lf

proc harness::reply {args} {
    puts "@@bench [join $args { }]"
    flush stdout
}

proc harness::encode {text} {
    binary encode base64 [encoding convertto utf-8 $text]
}

# Kept in a proc so that the timed call is compiled, as the loop around it in the tclj engine is.
proc harness::timed {n} {
    set t0 [clock microseconds]
    set r [bench $n]
    set t1 [clock microseconds]
    list [expr {$t1 - $t0}] $r
}

proc harness::serve {} {
    while {[gets stdin line] >= 0} {
        set space [string first " " $line]
        if {$space < 0} {
            set verb $line
            set arg ""
        } else {
            set verb [string range $line 0 [expr {$space - 1}]]
            set arg [string range $line [expr {$space + 1}] end]
        }
        set code [catch {
            switch -- $verb {
                load {
                    uplevel #0 [list source $arg]
                    set reply ok
                }
                setup {
                    if {[llength [info procs ::setup]]} {
                        uplevel #0 [list setup $arg]
                    }
                    set reply ok
                }
                cleanup {
                    if {[llength [info procs ::cleanup]]} {
                        uplevel #0 cleanup
                    }
                    set reply ok
                }
                run {
                    lassign [timed $arg] micros result
                    set reply [list ok $micros [encode $result]]
                }
                default {
                    error "unknown harness request \"$line\""
                }
            }
        } msg opts]
        if {$code == 1} {
            reply error [encode [dict get $opts -errorinfo]]
        } elseif {$code != 0} {
            reply error [encode "bench completed with code $code: $msg"]
        } else {
            reply {*}$reply
        }
    }
}

harness::serve
