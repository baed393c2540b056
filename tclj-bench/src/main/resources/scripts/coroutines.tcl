# coroutines: make n coroutines that each yield twice, resume them all, then end them -- the cost of a coroutine's life.
#@ size 10000
#@ quick 1000

proc counter {from} {
    yield [info coroutine]
    yield [expr {$from + 1}]
    return [expr {$from + 2}]
}

proc bench {{n 10000}} {
    for {set i 0} {$i < $n} {incr i} {coroutine c$i counter $i}
    set sum 0
    for {set i 0} {$i < $n} {incr i} {incr sum [c$i]}
    for {set i 0} {$i < $n} {incr i} {incr sum [c$i]}
    return $sum
}
