# regexp_regsub: regexp with captures and regsub over 10k log lines, line by line and on the whole text.
#@ size 10000
#@ quick 2000

# Lines in the shape of a web server log, with enough variety that the patterns both match and fail.
proc setup {{n 10000}} {
    set methods {GET POST PUT DELETE}
    set paths {/index.html /api/v1/users /static/app.js /login /api/v1/items/42 /favicon.ico}
    set seed 2024
    set lines {}
    for {set i 0} {$i < $n} {incr i} {
        set seed [expr {($seed * 1103515245 + 12345) % 2147483648}]
        set ip "10.[expr {$seed % 256}].[expr {($seed >> 8) % 256}].[expr {$i % 256}]"
        set m [lindex $methods [expr {$seed % 4}]]
        set p [lindex $paths [expr {($seed >> 4) % 6}]]
        set status [lindex {200 200 200 304 404 500} [expr {($seed >> 3) % 6}]]
        set bytes [expr {$seed % 50000}]
        set user [expr {$i % 7 == 0 ? "-" : "user[expr {$seed % 1000}]@example.com"}]
        lappend lines "$ip - $user \[22/Nov/2026:11:[format %02d [expr {$i % 60}]]:00 +0000\]\
                \"$m $p HTTP/1.1\" $status $bytes"
    }
    set ::regexp_lines $lines
    set ::regexp_text [join $lines \n]
}

proc bench {{n 10000}} {
    set matched 0
    set bytes 0
    set errors 0
    set rewritten 0
    foreach line $::regexp_lines {
        if {[regexp {^(\d+\.\d+\.\d+\.\d+) \S+ (\S+) \[([^\]]+)\] "(\w+) ([^ "]+)[^"]*" (\d{3}) (\d+)$} \
                $line -> ip user when method path status size]} {
            incr matched
            incr bytes $size
            if {[string match 5* $status]} {incr errors}
        }
        if {[regexp -nocase {user(\d+)@EXAMPLE\.com} $line -> uid]} {
            incr rewritten [regsub -all {\d} $uid x uidx]
        }
        set line [regsub {/api/v(\d+)/} $line {/api/version-\1/}]
    }
    # Whole-text forms: -all -line anchors, -inline, and a rewrite with & and back references.
    set api [llength [regexp -all -inline -line {^\S+ .*"(?:GET|POST) /api/\S+} $::regexp_text]]
    set masked [regsub -all {(\d+)\.(\d+)\.\d+\.\d+} $::regexp_text {\1.\2.x.x} out]
    set amp [regsub -all {HTTP/1\.1} $out {& (h1)} out2]
    return "$matched $bytes $errors $rewritten $api $masked $amp [string length $out2]"
}
