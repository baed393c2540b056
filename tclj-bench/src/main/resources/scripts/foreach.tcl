# foreach: iterate over a 1M-element list of integers (the list is built by setup, untimed).
#@ size 1000000
#@ quick 100000

proc setup {{n 1000000}} {
    set l {}
    for {set i 0} {$i < $n} {incr i} {
        lappend l $i
    }
    set ::foreach_data $l
}

proc bench {{n 1000000}} {
    set sum 0
    foreach x $::foreach_data {
        incr sum $x
    }
    return $sum
}
