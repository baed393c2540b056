# after_events: 100k after 0 events through the event loop, each handler scheduling the next.
#@ size 100000
#@ quick 10000

# A chain, as a server's or a state machine's timers are: every event is one trip round the loop.
# (Posting all 100k at once would mostly measure tclsh's timer list, which keeps timers in a linked
# list sorted by insertion and so takes quadratic time to build.)
proc bench {{n 100000}} {
    set ::after_left $n
    set ::after_sum 0
    after 0 after_tick
    vwait ::after_done
    return "$::after_done $::after_sum"
}

proc after_tick {} {
    incr ::after_sum $::after_left
    if {[incr ::after_left -1] > 0} {
        after 0 after_tick
    } else {
        set ::after_done [incr ::after_left 0]
    }
}
