# expr_int: integer arithmetic in expr (*, +, %, ^, <<, &, /) inside a loop.
#@ size 1000000
#@ quick 100000

proc bench {{n 1000000}} {
    set acc 1
    set sum 0
    for {set i 0} {$i < $n} {incr i} {
        set acc [expr {($acc * 31 + $i) % 1000003}]
        set sum [expr {$sum + ($acc ^ ($i << 3)) - ($acc & 0xff) / 3}]
    }
    return "$acc $sum"
}
