# upvar: proc calls that reach into the caller's frame through upvar (a scalar and an array).
#@ size 300000
#@ quick 30000

proc accumulate {varName value} {
    upvar 1 $varName total
    set total [expr {$total + $value}]
}

proc bump {arrayName key} {
    upvar 1 $arrayName a
    incr a($key)
}

proc bench {{n 300000}} {
    set total 0
    array set counts {}
    for {set i 0} {$i < $n} {incr i} {
        accumulate total $i
        bump counts [expr {$i % 7}]
    }
    set out [list $total]
    for {set k 0} {$k < 7} {incr k} {
        lappend out $counts($k)
    }
    return $out
}
