# format_scan: format a line with several conversions and scan it back, in a loop.
#@ size 100000
#@ quick 10000

proc bench {{n 100000}} {
    set acc 0
    set fsum 0.0
    for {set i 0} {$i < $n} {incr i} {
        set line [format "%5d %08.3f %-6s %x" $i [expr {$i / 7.0}] ab$i [expr {$i * 3}]]
        scan $line "%d %f %s %x" a f w h
        incr acc [expr {$a + $h + [string length $w]}]
        set fsum [expr {$fsum + $f}]
    }
    return "$acc [format %.3f $fsum]"
}
