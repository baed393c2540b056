# Sourced by bin/tclj and bin/test: finds a JDK 21 or newer and sets JAVA_HOME and JAVA to it.
# Order: $JAVA_HOME if it is 21+, else `java` on PATH if 21+, else the newest 21+ under
# /usr/lib/jvm (Linux) or from /usr/libexec/java_home (macOS).

# The feature version (17, 21, 25...) of the java binary $1, or nothing. Read from the JDK's
# release file when there is one (instant), else from `java -version` (a JVM start).
java_major() {
    local home version=""
    home=$(dirname "$(dirname "$(readlink -f "$1" 2>/dev/null || echo "$1")")")
    if [ -f "$home/release" ]; then
        version=$(sed -n 's/^JAVA_VERSION="\([0-9][0-9.]*\).*/\1/p' "$home/release" | head -n 1)
    fi
    if [ -z "$version" ]; then
        version=$("$1" -version 2>&1 | sed -n 's/.* version "\([0-9][0-9.]*\).*/\1/p' | head -n 1)
    fi
    echo "$version" | awk -F. '{ print ($1 == 1 ? $2 : $1) }'
}

find_jdk() {
    local cand major best="" best_major=0
    if [ -n "${JAVA_HOME:-}" ] && [ -x "$JAVA_HOME/bin/java" ]; then
        major=$(java_major "$JAVA_HOME/bin/java")
        if [ "${major:-0}" -ge 21 ]; then JAVA="$JAVA_HOME/bin/java"; return 0; fi
    fi
    if cand=$(command -v java 2>/dev/null); then
        major=$(java_major "$cand")
        if [ "${major:-0}" -ge 21 ]; then
            # JAVA_HOME for Maven: the directory above the real bin/java.
            cand=$(readlink -f "$cand" 2>/dev/null || echo "$cand")
            JAVA_HOME=$(dirname "$(dirname "$cand")")
            JAVA="$JAVA_HOME/bin/java"
            export JAVA_HOME
            return 0
        fi
    fi
    for cand in /usr/lib/jvm/*/bin/java; do
        [ -x "$cand" ] || continue
        major=$(java_major "$cand")
        if [ "${major:-0}" -gt "$best_major" ]; then best_major=$major; best=$cand; fi
    done
    if [ "$best_major" -lt 21 ] && [ -x /usr/libexec/java_home ]; then
        cand=$(/usr/libexec/java_home -v 21+ 2>/dev/null) && [ -x "$cand/bin/java" ] && best="$cand/bin/java" && best_major=21
    fi
    if [ "$best_major" -ge 21 ]; then
        JAVA_HOME=$(dirname "$(dirname "$best")")
        JAVA="$best"
        export JAVA_HOME
        return 0
    fi
    echo "tclj needs Java 21 or newer: install a JDK 21+ or set JAVA_HOME to one." >&2
    return 1
}

# Sets GC_OPTS to the collector options of bin/tclj and bin/tclserver, unless TCLJ_JAVA_OPTS
# chooses a collector (then it is left to them) or sizes the young generation itself.
# The throughput collector: scripts allocate many short-lived values, and G1's write barriers cost
# up to twice as much on loops that store them into long-lived lists (tclj-bench measures both).
# A fixed young generation of RAM/16, at most 1 GiB, and fixed proportions within it: left to
# itself the collector keeps growing and shrinking it, and each growth touches memory the process
# has never used, whose first touch costs more than the work done in it on virtual machines (1M
# `lappend`s took 8x longer in those phases, tclj-bench). Large enough that building a value of a
# million elements is not dominated by young collections copying it. A script that allocates
# little never touches most of it.
# dev.tclj.bench.ScriptSuite computes the same size for the JVMs it starts.
gc_options() {
    local kb=""
    GC_OPTS="-XX:+UseParallelGC"
    case "${TCLJ_JAVA_OPTS:-}" in
        *-XX:+Use*GC*) GC_OPTS=""; return 0 ;;
        *-Xmn*|*NewSize*) return 0 ;;
    esac
    if [ -r /proc/meminfo ]; then
        kb=$(awk '/^MemTotal:/ { print $2 }' /proc/meminfo)
    elif command -v sysctl >/dev/null 2>&1; then
        kb=$(( $(sysctl -n hw.memsize 2>/dev/null || echo 0) / 1024 ))
    fi
    if [ -n "$kb" ] && [ "$kb" -gt 0 ]; then
        local mb=$(( kb / 1024 / 16 ))
        [ "$mb" -gt 1024 ] && mb=1024
        [ "$mb" -ge 16 ] && GC_OPTS="$GC_OPTS -Xmn${mb}m -XX:-UseAdaptiveSizePolicy"
    fi
    return 0
}
