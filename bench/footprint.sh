#!/usr/bin/env bash
# Footprint of one keepalived4j daemon holding the scale lab's 200 instances (bench/scale.sh's configuration), alone
# in a namespace: where its RSS goes. For before/after comparisons of memory work; scale.sh is the side-by-side run.
#
#   bench/footprint.sh                          # as root; the launcher as installed (footprint profile)
#   VARIANTS="default eagerjmx nojmx" bench/footprint.sh   # one daemon after the other (see variant below)
#   VARIANTS=flags FLAGS="-Xmn2m" bench/footprint.sh   # the launcher with extra JVM flags
#   SETTLE=30 HISTO=40 bench/footprint.sh       # seconds before reading, rows of the heap histogram
#
# Prints per variant: VmRSS / RssAnon / RssFile / threads after SETTLE s, the JVM's native memory summary (NMT, which
# costs ~1-2 MiB itself, so it runs as a second start with -XX:NativeMemoryTracking=summary), the loaded class count,
# and the largest heap classes after a full GC (jcmd GC.class_histogram). Lab: k4j-fp-<pid>-{br,a}, 10.81.K.1/24.
set -uo pipefail
cd "$(dirname "$0")/.."
. bench/lib/lab.sh
. bench/lib/vrrp_conf.sh
lab_require_root
SETTLE=${SETTLE:-20}
HISTO=${HISTO:-25}
VARIANTS=${VARIANTS:-default}
(( SETTLE >= 5 && SETTLE <= 600 && HISTO >= 0 && HISTO <= 500 )) || lab_die "SETTLE 5..600, HISTO 0..500"
k4j_build
JCMD=$(command -v jcmd || echo "$(dirname "$(readlink -f "$(command -v java)")")/jcmd")

LAB_PREFIX=fp-$$
LAB_NET=81
out=bench/results/footprint-$(date -u +%Y%m%dT%H%M%S)
mkdir -p "$out"
trap 'lab_cleanup' EXIT
trap 'exit 130' INT TERM
lab_bridge 4
lab_node a 1 4
scale_conf "$out/a.conf" 150

# variant VARIANT: sets v_profile and v_opts, the launcher's KEEPALIVED4J_JVM_PROFILE and KEEPALIVED4J_JAVA_OPTS
variant() {
    v_profile=footprint v_opts=""
    case $1 in
        default) ;;
        nojmx) settings_file "$1" jmx.enabled=false ;;
        eagerjmx) settings_file "$1" jmx.local.lazy=false ;;
        latency) v_profile=latency ;;
        flags) v_opts=${FLAGS:-} ;;
        *) lab_die "unknown variant $1 (default nojmx eagerjmx latency flags)" ;;
    esac
}

# settings_file VARIANT LINE: a management settings file with LINE, passed to the daemon
settings_file() {
    printf '%s\n' "$2" > "$out/$1.properties"
    v_opts="-Dkeepalived4j.management=$out/$1.properties"
}

vip_count() { ip -n "$(lab_ns a)" -4 -o addr show | grep -c '/24 scope global secondary'; }

# start_daemon VARIANT EXTRA_JAVA_OPTS TAG: starts it, waits for its 200 VIPs and SETTLE s; sets pid
start_daemon() {
    variant "$1"
    lab_start a "$out/$1-$3.log" env KEEPALIVED4J_JVM_PROFILE="$v_profile" KEEPALIVED4J_JAVA_OPTS="$v_opts $2" \
        "$K4J_BIN" -n -l -f "$out/a.conf" -p "$out/a-$1.pid"
    pid=$LAB_LAST_PID
    lab_wait 60 eval '[ "$(vip_count)" -ge 200 ]' || echo "   $1: only $(vip_count) VIPs after 60 s" >&2
    sleep "$SETTLE"
}

for name in $VARIANTS; do
    variant "$name"
    echo "== $name (KEEPALIVED4J_JVM_PROFILE=$v_profile KEEPALIVED4J_JAVA_OPTS=$v_opts)" | tee -a "$out/summary.txt"
    start_daemon "$name" "" plain
    awk '/^(VmRSS|RssAnon|RssFile|RssShmem|Threads):/ { printf "%s %s %s  ", $1, $2, $3 } END { print "" }' \
        "/proc/$pid/status" | tee -a "$out/summary.txt"
    "$JCMD" "$pid" VM.classloader_stats 2>/dev/null | awk '/Total = / { print "loaded classes (app loaders): " $0 }' \
        | tee -a "$out/summary.txt"
    if (( HISTO > 0 )); then
        "$JCMD" "$pid" GC.class_histogram 2>/dev/null | head -n $((HISTO + 3)) | tee -a "$out/summary.txt"
    fi
    lab_stop "$pid" TERM 10
    start_daemon "$name" "-XX:NativeMemoryTracking=summary" nmt
    "$JCMD" "$pid" VM.native_memory summary 2>/dev/null \
        | grep -E '^(Total|-  *[A-Za-z ]+ \(reserved)' | sed 's/^-  */  /' | tee -a "$out/summary.txt"
    lab_stop "$pid" TERM 10
done
echo "results: $out"
