# list_ops: lindex, lrange, llength, join and split on a 500-element list.
#@ size 100000
#@ quick 10000

proc setup {{n 100000}} {
    set l {}
    for {set i 0} {$i < 500} {incr i} {
        lappend l "e$i"
    }
    set ::list_ops_list $l
}

proc bench {{n 100000}} {
    set l $::list_ops_list
    set len [llength $l]
    set acc 0
    for {set i 0} {$i < $n} {incr i} {
        set j [expr {$i % $len}]
        if {[lindex $l $j] eq [lindex $l end-$j]} {
            incr acc
        }
        incr acc [llength [lrange $l $j [expr {$j + 10}]]]
        if {$i % 100 == 0} {
            incr acc [llength [split [join $l ,] ,]]
        }
    }
    return $acc
}
