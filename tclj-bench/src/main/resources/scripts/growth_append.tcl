# growth_append: append to a string, at 100k and 1M appends. Appending must stay amortized O(1):
# time(1M)/time(100k) should be close to 10. (The loop does not read the string while it grows:
# tclsh 8.6 itself recounts the characters of a grown string on string length/index/range, which
# makes such a loop quadratic there.)
#@ size 100000 1000000
#@ quick 10000 100000

proc bench {{n 100000}} {
    set s ""
    for {set i 0} {$i < $n} {incr i} {
        append s "item " $i \;
    }
    return [string length $s]
}
