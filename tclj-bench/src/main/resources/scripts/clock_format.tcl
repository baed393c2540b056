# clock_format: clock format 100k times, with the formats people log and display times in.
#@ size 100000
#@ quick 10000

# -gmt 1 keeps the results independent of the machine's time zone; one format in four uses a
# fixed -timezone offset, the other common way to format.
proc bench {{n 100000}} {
    set t 1700000000
    set total 0
    set first ""
    set last ""
    for {set i 0} {$i < $n} {incr i} {
        switch -- [expr {$i % 4}] {
            0 {set s [clock format $t -format {%Y-%m-%d %H:%M:%S} -gmt 1]}
            1 {set s [clock format $t -format {%a, %d %b %Y %H:%M:%S GMT} -gmt 1]}
            2 {set s [clock format $t -format {%Y-%m-%dT%H:%M:%S%z} -timezone +0130]}
            3 {set s [clock format $t -format {%j %U %u %I:%M %p} -gmt 1]}
        }
        incr total [string length $s]
        if {$i == 0} {set first $s}
        set last $s
        incr t 7919
    }
    return "$total {$first} {$last}"
}
