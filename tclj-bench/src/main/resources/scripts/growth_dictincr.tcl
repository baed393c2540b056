# growth_dictincr: counting with dict incr -- n increments over n/10 distinct keys, at 100k and 1M
# increments. time(1M)/time(100k) should be close to 10.
#@ size 100000 1000000
#@ quick 10000 100000

proc bench {{n 100000}} {
    set counts {}
    set keys [expr {$n / 10}]
    for {set i 0} {$i < $n} {incr i} {
        dict incr counts w[expr {($i * 7919) % $keys}]
    }
    return "[dict size $counts] [dict get $counts w0] [dict get $counts w[expr {$keys - 1}]]"
}
