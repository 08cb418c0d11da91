#!/usr/bin/env bash
# Scale benchmark: 200 VRRP instances (4 interfaces x 50 VRIDs, VRRPv2, advert_int 1) in one daemon, keepalived 2.2.7
# and keepalived4j in the same run: CPU (run time of every thread in the node's namespace, from /proc/.../schedstat,
# in ns, over a fixed window) and RSS (sum of VmRSS at the end of the window).
# Per thread (name, CPU ms, time slices = wake-ups) over the window: threads.txt in the results directory.
#
#   bench/scale.sh                       # as root; WINDOW=60 s after WARMUP=20 s
#   K4J_VARIANTS="launcher small" bench/scale.sh   # launcher = bin/keepalived4j (footprint profile),
#                                                  # launcher-latency = KEEPALIVED4J_JVM_PROFILE=latency
#
# Lab: namespaces k4j-sc-<pid>-{br,a,b}, bridges br0..br3, lan0..lan3 in each node. Node A runs all 200 instances at
# priority 150 (master), node B the same implementation at priority 100 (backup): A sends 200 adverts/s, B receives
# them. Both are measured. keepalived4j variants (JVM flags; "launcher" = bin/keepalived4j unchanged, the others run
# java directly on the distribution's lib/ with only the flags shown) are listed in the summary.
set -uo pipefail
cd "$(dirname "$0")/.."
. bench/lib/lab.sh
. bench/lib/vrrp_conf.sh
lab_require_root
command -v keepalived >/dev/null || lab_die "needs keepalived (Debian's 2.2.7)"
WINDOW=${WINDOW:-60}
WARMUP=${WARMUP:-20}
K4J_VARIANTS=${K4J_VARIANTS:-"launcher launcher-latency"}
(( WINDOW >= 5 && WINDOW <= 3600 && WARMUP >= 0 && WARMUP <= 600 )) || lab_die "WINDOW 5..3600, WARMUP 0..600"
k4j_build

declare -A FLAGS=(
    [small]="-Xms32m -Xmx32m -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -Xss256k -XX:ReservedCodeCacheSize=16m -XX:MaxMetaspaceSize=48m -XX:-UsePerfData -Xshare:auto"
    [serial-c1]="-Xms64m -Xmx64m -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -XX:-UsePerfData"
    [tiny]="-Xms16m -Xmx24m -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -XX:CICompilerCount=1 -Xss256k -XX:ReservedCodeCacheSize=12m -XX:MaxMetaspaceSize=40m -XX:-UsePerfData"
    [zgc-64]="-Xms64m -Xmx64m -XX:+UseZGC -XX:-UsePerfData"
    [g1-64]="-Xms64m -Xmx64m -XX:+UseG1GC -XX:-UsePerfData"
)

LAB_PREFIX=sc-$$
LAB_NET=79
out=bench/results/scale-$(date -u +%Y%m%dT%H%M%S)
mkdir -p "$out"
trap 'lab_cleanup' EXIT
trap 'exit 130' INT TERM
lab_bridge 4
lab_node a 1 4
lab_node b 2 4

scale_conf "$out/a.conf" 150
scale_conf "$out/b.conf" 100

# thread_snap NS: "pid/tid name run-ns timeslices" for every thread in the namespace (from /proc/.../schedstat)
thread_snap() {
    local pid t v s
    for pid in $(ip netns pids "$1"); do
        for t in /proc/"$pid"/task/*; do
            read -r v _ s < "$t/schedstat" 2>/dev/null || continue
            echo "$pid/${t##*/} $(tr ' ' _ < "$t/comm") $v $s"
        done
    done | sort
}

# thread_report BEFORE AFTER: per thread CPU ms and wake-ups (time slices) over the window, busiest first
thread_report() {
    join "$1" "$2" | awk '{ d = ($6 - $3) / 1e6; n = $7 - $4; if (d >= 0.05) printf "  %-24s %9.1f ms %7d slices\n", $2, d, n }' \
        | sort -k2 -rn
}

vip_count() { ip -n "$(lab_ns "$1")" -4 -o addr show | grep -c '/24 scope global secondary'; }

start() { # VARIANT NODE
    local variant=$1 node=$2 log=$out/$1-$2.log
    case $variant in
        keepalived) lab_start "$node" "$log" keepalived -n -l -G -P -f "$out/$node.conf" -p "$out/$node-$variant.pid" \
            -r "$out/$node.vrrp.pid" -c "$out/$node.chk.pid" -b "$out/$node.bfd.pid" ;;
        launcher) lab_start "$node" "$log" "$K4J_BIN" -n -l -f "$out/$node.conf" -p "$out/$node-$variant.pid" ;;
        launcher-latency) lab_start "$node" "$log" env KEEPALIVED4J_JVM_PROFILE=latency "$K4J_BIN" -n -l \
            -f "$out/$node.conf" -p "$out/$node-$variant.pid" ;;
        *) lab_start "$node" "$log" java ${FLAGS[$variant]} -cp "$K4J_DIST/lib/*" org.keepalived4j.daemon.Main \
            -n -l -f "$out/$node.conf" -p "$out/$node-$variant.pid" ;;
    esac
}

echo "== scale: 200 instances per daemon, WARMUP=$WARMUP s, WINDOW=$WINDOW s; results in $out"
printf '%-11s %-5s %10s %9s %9s %s\n' variant node "cpu ms" "cpu %" "RSS MiB" "VIPs" | tee "$out/summary.txt"
for variant in keepalived $K4J_VARIANTS; do
    start "$variant" b; pid_b=$LAB_LAST_PID
    sleep 0.5
    start "$variant" a; pid_a=$LAB_LAST_PID
    lab_wait 60 eval '[ "$(vip_count a)" -ge 200 ]' || echo "   $variant: A holds only $(vip_count a) VIPs after 60 s"
    sleep "$WARMUP"
    thread_snap "$(lab_ns a)" > "$out/$variant-a.t0"; thread_snap "$(lab_ns b)" > "$out/$variant-b.t0"
    ta0=$(lab_ns_cpu_ns "$(lab_ns a)"); tb0=$(lab_ns_cpu_ns "$(lab_ns b)")
    sleep "$WINDOW"
    ta1=$(lab_ns_cpu_ns "$(lab_ns a)"); tb1=$(lab_ns_cpu_ns "$(lab_ns b)")
    thread_snap "$(lab_ns a)" > "$out/$variant-a.t1"; thread_snap "$(lab_ns b)" > "$out/$variant-b.t1"
    for n in a b; do
        { echo "$variant $n: threads over the window"; thread_report "$out/$variant-$n.t0" "$out/$variant-$n.t1"; } \
            >> "$out/threads.txt"
    done
    ra=$(lab_ns_rss_kib "$(lab_ns a)"); rb=$(lab_ns_rss_kib "$(lab_ns b)")
    va=$(vip_count a); vb=$(vip_count b)
    for n in a b; do
        if [ $n = a ]; then d=$((ta1 - ta0)); r=$ra; v=$va; else d=$((tb1 - tb0)); r=$rb; v=$vb; fi
        awk -v var="$variant" -v n="$n" -v d="$d" -v w="$WINDOW" -v r="$r" -v v="$v" 'BEGIN {
            printf "%-11s %-5s %10.1f %9.3f %9.1f %s\n", var, (n == "a" ? "A/mst" : "B/bkp"), d / 1e6,
                d / 1e7 / w, r / 1024, v }' | tee -a "$out/summary.txt"
    done
    lab_stop "$pid_a" TERM 15; lab_stop "$pid_b" TERM 15
    sleep 1
done
echo "per-thread CPU and wake-ups: $out/threads.txt"
echo "flags per variant:" | tee -a "$out/summary.txt"
echo "  launcher: bin/keepalived4j, default (footprint) profile; launcher-latency: KEEPALIVED4J_JVM_PROFILE=latency" \
    | tee -a "$out/summary.txt"
for variant in $K4J_VARIANTS; do
    [ "${variant#launcher}" != "$variant" ] || echo "  $variant: ${FLAGS[$variant]}" | tee -a "$out/summary.txt"
done
