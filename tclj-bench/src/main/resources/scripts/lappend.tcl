# lappend: 1M lappends to a list held in a local variable.
#@ size 1000000
#@ quick 100000

proc bench {{n 1000000}} {
    set l {}
    for {set i 0} {$i < $n} {incr i} {
        lappend l $i
    }
    return "[llength $l] [lindex $l end]"
}
