# dict_set: 100k dict set of new keys into a dict held in a local variable.
#@ size 100000
#@ quick 10000

proc bench {{n 100000}} {
    set d [dict create]
    for {set i 0} {$i < $n} {incr i} {
        dict set d key$i $i
    }
    return "[dict size $d] [dict get $d key[expr {$n / 2}]]"
}
