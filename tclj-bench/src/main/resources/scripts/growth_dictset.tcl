# growth_dictset: dict set of new keys into a dict that the loop also reads (dict exists), at 100k
# and 1M keys. time(1M)/time(100k) should be close to 10 (or 10 times a log factor).
#@ size 100000 1000000
#@ quick 10000 100000

proc bench {{n 100000}} {
    set d {}
    set hits 0
    for {set i 0} {$i < $n} {incr i} {
        dict set d k$i $i
        if {[dict exists $d k[expr {$i / 2}]]} {
            incr hits
        }
    }
    return "[dict size $d] $hits [dict get $d k[expr {$n - 1}]]"
}
