# fib: recursive Fibonacci -- the cost of a proc call: argument binding, expr, if and return.
#@ size 25
#@ quick 20

proc fib {n} {
    if {$n < 2} {
        return $n
    }
    return [expr {[fib [expr {$n - 1}]] + [fib [expr {$n - 2}]]}]
}

proc bench {{n 25}} {
    fib $n
}
