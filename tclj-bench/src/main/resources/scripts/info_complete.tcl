# info_complete: info complete over 10k command strings -- the check TclServer makes on every
# chunk a client sends. Setup cuts a set of multi-line commands at varying points, so most
# strings are incomplete (open braces, quotes, brackets) and some are complete.
#@ size 10000
#@ quick 2000

proc setup {{n 10000}} {
    set templates {
        {set x 1}
        {puts "hello $name, it is [clock format [clock seconds]]"}
        {if {$a > 1} {
            set b [list 1 2 3]
        } else {
            set b {}
        }}
        {foreach x {1 2 3} {puts $x}}
        {set y "a quoted \"string\" with a \{ brace"}
        {proc p {a {b 2}} {
            # a comment with {braces} in it
            return [list $a $b [expr {$a + $b}]]
        }}
        {set z [string map {a b c d} "some [lindex {x y z} 1] text"]}
        {array set counts {k1 v1 k2 {v 2} k3 "v 3"}}
        {dict for {k v} $d {puts "$k=$v"}; set done 1}
    }
    set nt [llength $templates]
    set cmds {}
    for {set i 0} {$i < $n} {incr i} {
        set t [lindex $templates [expr {$i % $nt}]]
        set cut [expr {($i * 7) % ([string length $t] + 1)}]
        lappend cmds [string range $t 0 [expr {$cut - 1}]]
    }
    set ::info_complete_cmds $cmds
}

proc bench {{n 10000}} {
    set complete 0
    foreach cmd $::info_complete_cmds {
        if {[info complete $cmd]} {
            incr complete
        }
    }
    return $complete
}
