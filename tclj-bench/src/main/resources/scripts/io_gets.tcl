# io_gets: read a 100 MB text file line by line with gets (the file is made by setup, untimed).
#@ size 100
#@ quick 10

# n is the size in MB. The file goes to the suite's scratch directory (::bench_scratch), or to the
# system's temporary directory when the script is run by hand; cleanup deletes it.
proc setup {{n 100}} {
    set ::io_gets_file [make_text_file $n]
}

proc cleanup {} {
    file delete $::io_gets_file
}

proc bench {{n 100}} {
    set f [open $::io_gets_file r]
    set lines 0
    set chars 0
    while {[gets $f line] >= 0} {
        incr lines
        incr chars [string length $line]
    }
    close $f
    return "$lines $chars"
}

# Writes n MB of ASCII lines of varying length (20 to 120 characters) and returns the file's name.
proc make_text_file {n} {
    if {[info exists ::bench_scratch]} {
        set name [file join $::bench_scratch io_gets.txt]
        set f [open $name w]
    } else {
        set f [file tempfile name]
    }
    set chunk ""
    for {set i 0} {[string length $chunk] < 65536} {incr i} {
        append chunk "line $i: [string repeat [format %c [expr {97 + $i % 26}]] [expr {20 + $i * 37 % 100}]]\n"
    }
    set want [expr {$n * 1048576}]
    for {set size 0} {$size < $want} {incr size [string length $chunk]} {
        puts -nonewline $f $chunk
    }
    close $f
    return $name
}
