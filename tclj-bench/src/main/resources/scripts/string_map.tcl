# string_map: string map over a 1 MB string (HTML escaping, then a -nocase word map).
#@ size 1048576
#@ quick 131072

proc setup {{n 1048576}} {
    set chunk "The quick brown fox jumps over the lazy dog. <a href=\"x?a=1&b=2\">link</a>\n"
    set s ""
    while {[string length $s] < $n} {
        append s $chunk
    }
    set ::string_map_text [string range $s 0 [expr {$n - 1}]]
}

proc bench {{n 1048576}} {
    set t [string map {& &amp; < &lt; > &gt; \" &quot;} $::string_map_text]
    set u [string map -nocase {the THE fox cat} $t]
    return "[string length $t] [string length $u] [string range $u 0 60]"
}
