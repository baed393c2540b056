# incr_loop: a for loop of 10M iterations around incr -- the cost of the loop itself and of
# updating a local variable.
#@ size 10000000
#@ quick 1000000

proc bench {{n 10000000}} {
    set x 0
    for {set i 0} {$i < $n} {incr i} {
        incr x 3
    }
    return $x
}
