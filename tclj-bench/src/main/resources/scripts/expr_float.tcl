# expr_float: floating-point expr inside a loop (midpoint-rule integration of 4/(1+x^2), i.e. pi).
# The summation order is fixed, so both interpreters must print the same double.
#@ size 1000000
#@ quick 100000

proc bench {{n 1000000}} {
    set h [expr {1.0 / $n}]
    set s 0.0
    for {set i 0} {$i < $n} {incr i} {
        set x [expr {($i + 0.5) * $h}]
        set s [expr {$s + 4.0 / (1.0 + $x * $x)}]
    }
    return [expr {$s * $h}]
}
