# io_fcopy: copy a 100 MB text file to another with fcopy, in the channels' default (text) modes.
#@ size 100
#@ quick 10

# n is the size in MB. The files go to the suite's scratch directory (::bench_scratch), or to the
# system's temporary directory when the script is run by hand; cleanup deletes them.
proc setup {{n 100}} {
    set ::io_fcopy_from [make_text_file $n io_fcopy_from.txt]
    set ::io_fcopy_to [file join [file dirname $::io_fcopy_from] [file tail $::io_fcopy_from].copy]
}

proc cleanup {} {
    file delete $::io_fcopy_from $::io_fcopy_to
}

proc bench {{n 100}} {
    set in [open $::io_fcopy_from r]
    set out [open $::io_fcopy_to w]
    set copied [fcopy $in $out]
    close $in
    close $out
    set size [file size $::io_fcopy_to]
    file delete $::io_fcopy_to
    return "$copied $size"
}

# Writes n MB of ASCII lines to a new file and returns its name.
proc make_text_file {n tail} {
    if {[info exists ::bench_scratch]} {
        set name [file join $::bench_scratch $tail]
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
