# growth_lappend: lappend to a list that the loop also reads (llength, lindex), at 100k and 1M
# elements. time(1M)/time(100k) should be close to 10.
#@ size 100000 1000000
#@ quick 10000 100000

proc bench {{n 100000}} {
    set l {}
    set sum 0
    for {set i 0} {$i < $n} {incr i} {
        lappend l $i
        incr sum [lindex $l [expr {[llength $l] / 2}]]
    }
    return "[llength $l] $sum"
}
