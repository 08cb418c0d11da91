#!/usr/bin/env bash
# Timing steadiness: 100 VRRPv3 instances at advert_int 0.05 s in one keepalived4j daemon (master, priority 150) with a
# concurrent allocation load in the same JVM (org.keepalived4j.bench.AllocationLoadMain, agent's test classes), a
# keepalived4j backup peer (priority 100, launcher flags) on the same bridge. tshark in the bridge namespace captures
# the adverts; per VRID the interval between consecutive adverts minus 50 ms is the deviation (p50/p99/max), and any
# advert sent by the backup is a spurious failover.
#
#   bench/steadiness.sh                       # as root; DURATION=120 s per variant, VARIANTS="zgc g1 parallel zgc-prio"
#   DURATION=600 VARIANTS=zgc bench/steadiness.sh      # the issue's 10 minutes
#   ALLOC_MBPS=200 (allocation rate of the load), INSTANCES=100
set -uo pipefail
cd "$(dirname "$0")/.."
. bench/lib/lab.sh
. bench/lib/vrrp_conf.sh
lab_require_root
command -v tshark >/dev/null || lab_die "needs tshark"
DURATION=${DURATION:-120}
VARIANTS=${VARIANTS:-"zgc g1 parallel zgc-prio"}
ALLOC_MBPS=${ALLOC_MBPS:-200}
INSTANCES=${INSTANCES:-100}
(( DURATION >= 10 && DURATION <= 3600 && INSTANCES >= 1 && INSTANCES <= 255 )) || lab_die "DURATION 10..3600, INSTANCES 1..255"
k4j_build
[ -d agent/target/test-classes/org/keepalived4j/bench ] || mvn -q -o -B -pl agent -am test-compile -DskipTests || exit $?

# the launcher's flags are the baseline ("zgc"); the others change the collector, heap, pre-touch, or thread priority
# (-XX:ThreadPriorityPolicy=1, root only: Java priorities become nice values, so the VRRP loop thread, which asks for
# MAX_PRIORITY, runs at nice -5 instead of being ignored as with the default policy)
declare -A FLAGS=(
    [zgc]="-Xms128m -Xmx128m -XX:+AlwaysPreTouch -XX:+UseZGC -XX:-UsePerfData"
    [g1]="-Xms128m -Xmx128m -XX:+AlwaysPreTouch -XX:+UseG1GC -XX:MaxGCPauseMillis=2 -XX:-UsePerfData"
    [parallel]="-Xms128m -Xmx128m -XX:+AlwaysPreTouch -XX:+UseParallelGC -XX:-UsePerfData"
    [serial]="-Xms128m -Xmx128m -XX:+AlwaysPreTouch -XX:+UseSerialGC -XX:-UsePerfData"
    [zgc-nopretouch]="-Xms128m -Xmx128m -XX:+UseZGC -XX:-UsePerfData"
    [zgc-prio]="-Xms128m -Xmx128m -XX:+AlwaysPreTouch -XX:+UseZGC -XX:-UsePerfData -XX:ThreadPriorityPolicy=1"
    [zgc-256]="-Xms256m -Xmx256m -XX:+AlwaysPreTouch -XX:+UseZGC -XX:-UsePerfData"
)

LAB_PREFIX=st-$$
LAB_NET=80
out=bench/results/steadiness-$(date -u +%Y%m%dT%H%M%S)
mkdir -p "$out"
trap 'lab_cleanup' EXIT
trap 'exit 130' INT TERM
lab_bridge 1
lab_node a 1
lab_node b 2

steadiness_conf "$out/a.conf" 150 "$INSTANCES"
steadiness_conf "$out/b.conf" 100 "$INSTANCES"
vip_count() { ip -n "$(lab_ns "$1")" -4 -o addr show dev lan0 | grep -c ' 10\.80\.1\.'; }

echo "== steadiness: $INSTANCES instances v3/0.05 s, allocation load $ALLOC_MBPS MB/s, DURATION=$DURATION s per variant; results in $out"
for variant in $VARIANTS; do
    [ -n "${FLAGS[$variant]:-}" ] || { echo "unknown variant $variant (known: ${!FLAGS[*]})"; continue; }
    dir=$out/$variant; mkdir -p "$dir"
    lab_start b "$dir/b.log" "$K4J_BIN" -n -l -f "$out/b.conf" -p "$dir/b.pid"; pid_b=$LAB_LAST_PID
    sleep 0.5
    lab_start a "$dir/a.log" java ${FLAGS[$variant]} -Dk4j.bench.allocMBps="$ALLOC_MBPS" \
        -cp "$K4J_DIST/lib/*:agent/target/test-classes" org.keepalived4j.bench.AllocationLoadMain \
        -n -l -f "$out/a.conf" -p "$dir/a.pid"; pid_a=$LAB_LAST_PID
    lab_wait 60 eval '[ "$(vip_count a)" -ge '"$INSTANCES"' ] && [ "$(vip_count b)" -eq 0 ]' \
        || echo "   $variant: A holds $(vip_count a), B $(vip_count b) VIPs after 60 s"
    sleep 3
    masters_before=$(grep -c 'Entering MASTER STATE' "$dir/b.log")   # B may win briefly while A's JVM starts
    lab_start br "$dir/tshark.log" tshark -q -i br0 -f "ip proto 112" -w "$dir/capture.pcap"; cap=$LAB_LAST_PID
    lab_wait 20 grep -q "Capturing on" "$dir/tshark.log" || lab_die "tshark did not start"
    sleep "$DURATION"
    lab_stop "$cap" INT 10
    masters_b=$(( $(grep -c 'Entering MASTER STATE' "$dir/b.log") - masters_before ))
    lab_stop "$pid_a" TERM 15; lab_stop "$pid_b" TERM 15
    tshark -r "$dir/capture.pcap" -T fields -E separator=, -e frame.time_epoch -e ip.src -e vrrp.virt_rtr_id \
        2>/dev/null > "$dir/packets.csv"
    result=$(/usr/bin/python3 bench/lib/steadiness_analyse.py "$dir/packets.csv" 10.80.0.1 10.80.0.2 0.05)
    echo "$variant: $result backup_MASTER_transitions=$masters_b" | tee -a "$out/summary.txt"
    echo "   flags: ${FLAGS[$variant]}" | tee -a "$out/summary.txt"
    rm -f "$dir/capture.pcap" "$dir/packets.csv"   # ~20 MB per minute
    sleep 1
done
