#!/usr/bin/env bash
# JMX polling load: does reading every attribute of every VrrpInstance MBean ten times a second over the remote
# connector disturb the adverts? Two labs, each measured without and then with the polling load:
#   scale:      200 VRRPv2 instances, lan0..lan3 x VRIDs 1..50, advert_int 1 (bench/scale.sh's configuration)
#   steadiness: 100 VRRPv3 instances on lan0, advert_int 0.05 (bench/steadiness.sh's configuration, no allocation
#               load); issue #3's bound: p99 of the advert-interval deviation < 2 ms
# Node A (keepalived4j launcher, priority 150, remote JMX connector on its lan0 address, password and access files)
# is the master, node B (launcher, priority 100, no management settings) the backup. The poller
# (org.keepalived4j.jmx.JmxPollMain from jmx's test classes, readonly user) runs in its own namespace P on br0 and
# connects over the bridge. tshark in the bridge namespace captures the adverts on br0 (the scale lab: lan0's 50
# instances) for DURATION per phase; bench/lib/steadiness_analyse.py gives the deviation of A's advert intervals.
# CPU = utime+stime of A's namespace (the daemon) and of P's (the poller) over the phase, from /proc.
#
#   bench/jmx-poll.sh                          # as root; DURATION=120 s per phase, LABS="scale steadiness", RATE=10
#   DURATION=60 LABS=steadiness bench/jmx-poll.sh
set -uo pipefail
cd "$(dirname "$0")/.."
. bench/lib/lab.sh
# sub-second advert intervals: the launcher's latency profile (ZGC), as README.md advises for them
export KEEPALIVED4J_JVM_PROFILE=${KEEPALIVED4J_JVM_PROFILE:-latency}
. bench/lib/vrrp_conf.sh
lab_require_root
command -v tshark >/dev/null || lab_die "needs tshark"
DURATION=${DURATION:-120}
LABS=${LABS:-"scale steadiness"}
RATE=${RATE:-10}
WARMUP=${WARMUP:-15}
(( DURATION >= 10 && DURATION <= 1800 && WARMUP >= 1 && WARMUP <= 300 )) || lab_die "DURATION 10..1800, WARMUP 1..300"
k4j_build
POLLER_CP=jmx/target/test-classes
[ -f "$POLLER_CP/org/keepalived4j/jmx/JmxPollMain.class" ] || mvn -q -o -B -pl jmx -am test-compile || exit $?

LAB_PREFIX=jp-$$
LAB_NET=105
PORT=9875
out=$PWD/bench/results/jmx-poll-$(date -u +%Y%m%dT%H%M%S)
mkdir -p "$out"
trap 'lab_cleanup' EXIT
trap 'exit 130' INT TERM
lab_bridge 4
lab_node p 3 1
HZ=$(getconf CLK_TCK)

# A's management settings: remote connector on A's lan0 address, password file (chmod 600) and access file
printf 'monitor m0n1tor\n' > "$out/jmx.password"; chmod 600 "$out/jmx.password"
printf 'monitor readonly\n' > "$out/jmx.access"
management() { # ADDR
    cat > "$out/management-$1.properties" <<EOF
jmx.enabled=true
jmx.remote.enabled=true
jmx.remote.address=$1
jmx.remote.port=$PORT
jmx.remote.authenticate=true
jmx.remote.password_file=jmx.password
jmx.remote.access_file=jmx.access
EOF
    echo "$out/management-$1.properties"
}

poll() { # LOG ADDR RATE SECONDS: the poller in P, in the background; sets LAB_LAST_PID
    lab_start p "$1" java -Xms64m -Xmx64m -XX:+UseSerialGC -XX:-UsePerfData -cp "$POLLER_CP" \
        org.keepalived4j.jmx.JmxPollMain "$2:$PORT" monitor m0n1tor "$3" "$4"
}

cpu_pct() { awk -v d="$1" -v hz="$HZ" -v w="$2" 'BEGIN { printf "%.2f", d * 100 / hz / w }'; }

echo "== jmx-poll: LABS=\"$LABS\", $RATE rounds/s, DURATION=$DURATION s per phase; results in $out"
for lab in $LABS; do
    case $lab in
        scale) a=sa; b=sb; segments=4; host_a=1; host_b=2; instances=200; advert=1
            scale_conf "$out/$lab-a.conf" 150; scale_conf "$out/$lab-b.conf" 100
            vips() { ip -n "$(lab_ns "$1")" -4 -o addr show | grep -c '/24 scope global secondary'; } ;;
        steadiness) a=ta; b=tb; segments=1; host_a=11; host_b=12; instances=100; advert=0.05
            steadiness_conf "$out/$lab-a.conf" 150 100; steadiness_conf "$out/$lab-b.conf" 100 100
            vips() { ip -n "$(lab_ns "$1")" -4 -o addr show dev lan0 | grep -c "/32 scope global"; } ;;
        *) echo "unknown lab $lab (known: scale steadiness)"; continue ;;
    esac
    addr_a=10.$LAB_NET.0.$host_a; addr_b=10.$LAB_NET.0.$host_b
    lab_node "$a" "$host_a" "$segments"
    lab_node "$b" "$host_b" "$segments"
    dir=$out/$lab; mkdir -p "$dir"
    lab_start "$b" "$dir/b.log" "$K4J_BIN" -n -l -f "$out/$lab-b.conf" -p "$dir/b.pid"; pid_b=$LAB_LAST_PID
    sleep 0.5
    lab_start "$a" "$dir/a.log" env KEEPALIVED4J_JAVA_OPTS="-Dkeepalived4j.management=$(management "$addr_a")" \
        "$K4J_BIN" -n -l -f "$out/$lab-a.conf" -p "$dir/a.pid"; pid_a=$LAB_LAST_PID
    lab_wait 90 eval '[ "$(vips "$a")" -ge '"$instances"' ] && [ "$(vips "$b")" -eq 0 ]' \
        || echo "   $lab: A holds $(vips "$a"), B $(vips "$b") VIPs after 90 s"
    # warm-up: the poller's first rounds also load and compile the daemon's RMI and MXBean paths
    poll "$dir/poll-warmup.log" "$addr_a" "$RATE" "$WARMUP"; warm=$LAB_LAST_PID
    lab_wait $((WARMUP + 30)) eval '! kill -0 '"$warm"' 2>/dev/null' || lab_stop "$warm" TERM 5
    grep -q '^rounds=' "$dir/poll-warmup.log" || { echo "   $lab: the poller failed:"; cat "$dir/poll-warmup.log"; }
    for phase in idle poll; do
        masters_before=$(grep -c 'Entering MASTER STATE' "$dir/b.log")
        lab_start br "$dir/tshark-$phase.log" tshark -q -i br0 -f "ip proto 112" -w "$dir/$phase.pcap"; cap=$LAB_LAST_PID
        lab_wait 20 grep -q "Capturing on" "$dir/tshark-$phase.log" || lab_die "tshark did not start"
        ta0=$(lab_ns_ticks "$(lab_ns "$a")"); tp0=$(lab_ns_ticks "$(lab_ns p)")
        poller=""
        if [ "$phase" = poll ]; then poll "$dir/poll.log" "$addr_a" "$RATE" "$DURATION"; poller=$LAB_LAST_PID; fi
        sleep "$DURATION"
        ta1=$(lab_ns_ticks "$(lab_ns "$a")"); tp1=$(lab_ns_ticks "$(lab_ns p)")
        lab_stop "$cap" INT 10
        [ -z "$poller" ] || lab_wait 30 eval '! kill -0 '"$poller"' 2>/dev/null' || lab_stop "$poller" TERM 5
        masters_b=$(( $(grep -c 'Entering MASTER STATE' "$dir/b.log") - masters_before ))
        tshark -r "$dir/$phase.pcap" -T fields -E separator=, -e frame.time_epoch -e ip.src -e vrrp.virt_rtr_id \
            2>/dev/null > "$dir/$phase.csv"
        result=$(/usr/bin/python3 bench/lib/steadiness_analyse.py "$dir/$phase.csv" "$addr_a" "$addr_b" "$advert")
        line="$lab/$phase: $result backup_MASTER_transitions=$masters_b daemon_cpu=$(cpu_pct $((ta1 - ta0)) "$DURATION")%"
        [ "$phase" = poll ] && line="$line poller_cpu=$(cpu_pct $((tp1 - tp0)) "$DURATION")% poller: $(grep '^rounds=' "$dir/poll.log" || echo "FAILED: $(tail -n 3 "$dir/poll.log")")"
        echo "$line" | tee -a "$out/summary.txt"
        rm -f "$dir/$phase.pcap" "$dir/$phase.csv"
    done
    lab_stop "$pid_a" TERM 15; lab_stop "$pid_b" TERM 15
    sleep 1
done
echo "load average at the end: $(cut -d' ' -f1-3 /proc/loadavg)" | tee -a "$out/summary.txt"
