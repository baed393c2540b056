# safe_interp: create and delete a safe interpreter -- what a server pays per connection that gets its own.
#@ size 2000
#@ quick 200

proc bench {{n 2000}} {
    set made 0
    for {set i 0} {$i < $n} {incr i} {
        set c [interp create -safe]
        incr made [interp issafe $c]
        interp delete $c
    }
    return $made
}
