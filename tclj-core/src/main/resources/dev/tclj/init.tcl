# init.tcl: the Tcl-level part of a new tclj interpreter (what Tcl's own init.tcl and package.tcl
# provide in tclsh): the unknown handler, auto-loading, package index scanning and Tcl modules.
# Written for tclj; behaviour follows Tcl 8.6's documented rules.

# unknown: called for a command that does not exist. Tries auto-loading, then reports Tcl's
# error. (Interactive abbreviations and auto_execok are the shell's business, not done here.)
proc unknown args {
    set cmd [lindex $args 0]
    if {![info exists ::auto_noload]} {
        if {[auto_load $cmd [uplevel 1 {::namespace current}]]} {
            set code [catch {uplevel 1 $args} msg opts]
            if {$code != 1} {
                dict incr opts -level
            }
            return -options $opts $msg
        }
    }
    return -code error -errorcode [list TCL LOOKUP COMMAND $cmd] "invalid command name \"$cmd\""
}

namespace eval ::tcl {
    variable UnknownResult {}
    variable UnknownOptions {}
}

# auto_load: sources the script that defines cmd, found through tclIndex files on auto_path.
proc auto_load {cmd {namespace {}}} {
    global auto_index auto_path
    if {$namespace eq ""} {
        set namespace [uplevel 1 [list ::namespace current]]
    }
    set nameList [auto_qualify $cmd $namespace]
    lappend nameList $cmd
    foreach name $nameList {
        if {[info exists auto_index($name)]} {
            namespace eval :: $auto_index($name)
            if {[namespace which -command $name] ne ""} {
                return 1
            }
        }
    }
    if {![info exists auto_path]} {
        return 0
    }
    if {![auto_load_index]} {
        return 0
    }
    foreach name $nameList {
        if {[info exists auto_index($name)]} {
            namespace eval :: $auto_index($name)
            if {[namespace which -command $name] ne ""} {
                return 1
            }
        }
    }
    return 0
}

# auto_load_index: reads the tclIndex file of each auto_path directory into auto_index.
proc auto_load_index {} {
    variable ::tcl::auto_oldpath
    global auto_index auto_path
    if {[info exists auto_oldpath] && ($auto_oldpath eq $auto_path)} {
        return 0
    }
    set auto_oldpath $auto_path
    set issafe [interp issafe]
    for {set i [expr {[llength $auto_path] - 1}]} {$i >= 0} {incr i -1} {
        set dir [lindex $auto_path $i]
        set f ""
        if {$issafe} {
            catch {source [file join $dir tclIndex]}
        } elseif {[catch {set f [open [file join $dir tclIndex]]}]} {
            continue
        } else {
            set error [catch {
                fconfigure $f -encoding utf-8
                set id [gets $f]
                if {$id eq "# Tcl autoload index file, version 2.0"} {
                    eval [read $f]
                } elseif {$id eq "# Tcl autoload index file: each line identifies a Tcl"} {
                    while {[gets $f line] >= 0} {
                        if {([string index $line 0] eq "#") || ([llength $line] != 2)} {
                            continue
                        }
                        set name [lindex $line 0]
                        set auto_index($name) "source [file join $dir [lindex $line 1]]"
                    }
                } else {
                    error "[file join $dir tclIndex] isn't a proper Tcl index file"
                }
            } msg opts]
            if {$f ne ""} {
                close $f
            }
            if {$error} {
                return -options $opts $msg
            }
        }
    }
    return 1
}

# auto_qualify: the names under which cmd may be found in the auto_index, as Tcl defines them.
proc auto_qualify {cmd namespace} {
    set n [regsub -all {::+} $cmd :: cmd]
    if {[string match ::* $cmd]} {
        if {$n > 1} {
            return [list $cmd]
        } else {
            return [list [string range $cmd 2 end]]
        }
    }
    if {$n == 0} {
        if {$namespace eq "::"} {
            return [list $cmd]
        } else {
            return [list ${namespace}::$cmd $cmd]
        }
    } elseif {$namespace eq "::"} {
        return [list ::$cmd]
    } else {
        return [list ${namespace}::$cmd ::$cmd]
    }
}

# auto_import: loads the commands matching pattern from the auto_index before namespace import.
proc auto_import {pattern} {
    global auto_index
    set ns [uplevel 1 [list ::namespace current]]
    set patternList [auto_qualify $pattern $ns]
    auto_load_index
    foreach pattern $patternList {
        foreach name [array names auto_index $pattern] {
            if {([namespace which -command $name] eq "")
                    && ([namespace qualifiers $pattern] eq [namespace qualifiers $name])} {
                namespace eval :: $auto_index($name)
            }
        }
    }
}

# tclLog: how library code reports a message.
proc tclLog {string} {
    catch {puts stderr $string}
}

# tclPkgUnknown: the default package unknown handler. Sources pkgIndex.tcl files found in the
# directories of auto_path and their immediate subdirectories, with $dir set to the directory.
proc tclPkgUnknown {name args} {
    global auto_path
    if {![info exists auto_path]} {
        return
    }
    set old_path [set use_path $auto_path]
    while {[llength $use_path]} {
        set dir [lindex $use_path end]
        if {[info exists tclSeenPath($dir)]} {
            set use_path [lrange $use_path 0 end-1]
            continue
        }
        set tclSeenPath($dir) 1
        foreach file [glob -directory $dir -join -nocomplain * pkgIndex.tcl] {
            set dir [file dirname $file]
            if {![info exists procdDirs($dir)]} {
                set code [catch {source $file} msg opts]
                if {$code == 1 && [lindex [dict get $opts -errorcode] 0] eq "POSIX"
                        && [lindex [dict get $opts -errorcode] 1] eq "EACCES"} {
                    continue
                } elseif {$code} {
                    tclLog "error reading package index file $file: $msg"
                } else {
                    set procdDirs($dir) 1
                }
            }
        }
        set dir [lindex $use_path end]
        if {![info exists procdDirs($dir)]} {
            set file [file join $dir pkgIndex.tcl]
            if {[file readable $file]} {
                if {[catch {source $file} msg]} {
                    tclLog "error reading package index file $file: $msg"
                } else {
                    set procdDirs($dir) 1
                }
            }
        }
        set use_path [lrange $use_path 0 end-1]
        set index 0
        if {[llength $old_path] == [llength $auto_path]} {
            foreach dir $auto_path old $old_path {
                if {$dir ne $old} {
                    break
                }
                incr index
            }
        }
        foreach dir [lrange $auto_path $index end] {
            lappend use_path $dir
        }
        set old_path $auto_path
    }
}

# Tcl modules (tcl::tm): packages stored as name-version.tm files under module roots.
namespace eval ::tcl::tm {
    variable paths {}
    variable pkgpattern {^([_[:alpha:]][:_[:alnum:]]*)-([[:digit:]].*)[.]tm$}
    namespace export path
    namespace ensemble create -command ::tcl::tm::path -subcommands {add remove list} \
        -map {add ::tcl::tm::Add remove ::tcl::tm::Remove list ::tcl::tm::List}
}

proc ::tcl::tm::Add {args} {
    variable paths
    foreach p $args {
        if {$p in $paths} {
            continue
        }
        set paths [linsert $paths 0 $p]
    }
    return
}

proc ::tcl::tm::Remove {args} {
    variable paths
    foreach p $args {
        set pos [lsearch -exact $paths $p]
        if {$pos >= 0} {
            set paths [lreplace $paths $pos $pos]
        }
    }
}

proc ::tcl::tm::List {} {
    variable paths
    return $paths
}

# The module part of package unknown: registers every module whose name fits, then calls the
# handler it wraps (tclPkgUnknown) for packages that are not modules.
proc ::tcl::tm::UnknownHandler {original name args} {
    variable pkgpattern
    variable paths
    set pkgpath [string map {:: /} $name]
    set pkgroot [file dirname $pkgpath]
    if {$pkgroot eq "."} {
        set pkgroot ""
    }
    set satisfied 0
    foreach path $paths {
        if {![file isdirectory $path]} {
            continue
        }
        set currentsearchpath [file join $path $pkgroot]
        if {![file isdirectory $currentsearchpath]} {
            continue
        }
        set strip [llength [file split $path]]
        # As Tcl's tm.tcl, an error ends the scan of this directory without failing the require:
        # "package require x" with no version makes vsatisfies fail on the first module named x,
        # after its provide script is registered, and the regular search then finds it.
        catch {
            foreach file [glob -nocomplain -directory $currentsearchpath *.tm] {
                set pkgfilename [join [lrange [file split $file] $strip end] ::]
                if {![regexp -- $pkgpattern $pkgfilename --> pkgname pkgversion]} {
                    continue
                }
                try {
                    package vcompare $pkgversion 0
                } on error {} {
                    continue
                }
                if {[package ifneeded $pkgname $pkgversion] ne {}} {
                    continue
                }
                package ifneeded $pkgname $pkgversion \
                    "[::list package provide $pkgname $pkgversion];[::list source -encoding utf-8 $file]"
                if {$pkgname eq $name && [package vsatisfies $pkgversion {*}$args]} {
                    set satisfied 1
                }
            }
        }
    }
    if {!$satisfied && [llength $original]} {
        uplevel 1 $original [::linsert $args 0 $name]
    }
}

package unknown {::tcl::tm::UnknownHandler ::tclPkgUnknown}
