# binary_scan: binary scan of 1 MB: whole-buffer scans of 8/16/32-bit fields, and a loop over 16-byte records.
#@ size 1048576
#@ quick 131072

# 16-byte records: a 32-bit big-endian id, a 16-bit little-endian length, a signed byte, a pad
# byte and an 8-byte name.
proc setup {{n 1048576}} {
    set seed 777
    set records {}
    for {set i 0} {$i < $n / 16} {incr i} {
        set seed [expr {($seed * 1103515245 + 12345) % 2147483648}]
        lappend records [binary format Isca1a8 $i [expr {$seed % 65536}] [expr {$seed % 256 - 128}] \
                x [format n%07d [expr {$seed % 10000000}]]]
    }
    set ::binary_data [join $records ""]
}

proc bench {{n 1048576}} {
    set data $::binary_data
    binary scan $data cu* bytes
    set bsum 0
    foreach b $bytes {incr bsum $b}
    binary scan $data Su* shorts
    binary scan $data iu* words
    set wsum 0
    foreach w $words {set wsum [expr {($wsum + $w) & 0xffffffff}]}
    set lsum 0
    set names 0
    for {set off 0} {$off + 16 <= $n} {incr off 16} {
        binary scan $data @${off}Iusuc@[expr {$off + 8}]a8 id len sb name
        incr lsum [expr {$id ^ $len + $sb}]
        if {[string match n00* $name]} {incr names}
    }
    return "[llength $bytes] $bsum [llength $shorts] [lindex $shorts end] [llength $words] $wsum $lsum $names"
}
