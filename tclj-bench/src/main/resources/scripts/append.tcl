# append: 1M appends to a string held in a local variable.
#@ size 1000000
#@ quick 100000

proc bench {{n 1000000}} {
    set s ""
    for {set i 0} {$i < $n} {incr i} {
        append s x $i
    }
    return [string length $s]
}
