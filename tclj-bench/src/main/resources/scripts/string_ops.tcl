# string_ops: string length, index, range, first and map on a string of about 1.7 KB.
#@ size 100000
#@ quick 10000

proc setup {{n 100000}} {
    set s ""
    for {set i 0} {$i < 200} {incr i} {
        append s "word$i "
    }
    set ::string_ops_text $s
}

proc bench {{n 100000}} {
    set s $::string_ops_text
    set len [string length $s]
    set acc 0
    for {set i 0} {$i < $n} {incr i} {
        set j [expr {$i % $len}]
        if {[string index $s $j] eq " "} {
            incr acc
        }
        incr acc [string length [string range $s $j [expr {$j + 20}]]]
        incr acc [string first "d1" $s $j]
        if {$i % 100 == 0} {
            incr acc [string length [string map {word W " " _} $s]]
        }
    }
    return $acc
}
