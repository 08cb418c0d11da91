#!/usr/bin/env bash
# Failover benchmark: keepalived 2.2.7 and keepalived4j through the same scenarios in one run, measured on the wire.
#
#   bench/failover.sh            # as root; REPS=5 by default, IMPLS="keepalived k4j", TIMINGS="2/1 3/0.1 3/0.05"
#   REPS=7 TIMINGS=3/0.05 bench/failover.sh
#   IMPLS="keepalived k4j keepalived:k4j k4j:keepalived" bench/failover.sh    # mixed pairs: A's implementation:B's
#   IMPLS="k4j k4j+walk" TIMINGS="3/0.05 3/0.1" bench/failover.sh   # +walk: both nodes serve SNMP, and WALKERS (2)
#                          loops of snmpbulkwalk (KEEPALIVED-MIB, VRRPV3-MIB) run against B, the node that takes over
#
# Lab: namespaces k4j-fo-<pid>-{br,a,b}; node A (10.78.0.1, priority 150) and node B (10.78.0.2, priority 100) run the
# same implementation; tshark captures VRRP and IGMP on the bridge br0 in the bridge namespace. Per repetition:
#   crash     kill -9 A's process group      -> B's first advert minus A's last advert     (bound Master_Down_Interval of B)
#   preempt   start A again                  -> A's first advert minus A's IGMP join of 224.0.0.18 (bound Master_Down_Interval
#             of A: the restarted node starts in BACKUP, discards B's lower-priority adverts and takes over when its
#             own down timer expires; the join is the first thing on the wire when its VRRP socket opens)
#   overlap   after the preempt: B's last advert minus A's first advert (> 0 = both sent adverts as master)
#   graceful  SIGTERM to A                   -> B's first advert minus A's priority-0 advert (bound Skew_Time of B)
#   preempt   start A again (second sample)
# Results: bench/results/failover-<date>/ (pcap, logs, samples) and a summary table on stdout.
set -uo pipefail
cd "$(dirname "$0")/.."
. bench/lib/lab.sh
# sub-second advert intervals: the launcher's latency profile (ZGC), as README.md advises for them
export KEEPALIVED4J_JVM_PROFILE=${KEEPALIVED4J_JVM_PROFILE:-latency}
lab_require_root
command -v tshark >/dev/null || lab_die "needs tshark"
command -v keepalived >/dev/null || lab_die "needs keepalived (Debian's 2.2.7)"

REPS=${REPS:-5}
IMPLS=${IMPLS:-"keepalived k4j"}
TIMINGS=${TIMINGS:-"2/1 3/0.1 3/0.05"}
(( REPS >= 1 && REPS <= 50 )) || lab_die "REPS must be 1..50"
[[ " $IMPLS " == *k4j* ]] && k4j_build

LAB_PREFIX=fo-$$
LAB_NET=78
VIP=10.78.0.100
out=bench/results/failover-$(date -u +%Y%m%dT%H%M%S)
mkdir -p "$out"
trap 'lab_cleanup' EXIT
trap 'exit 130' INT TERM

lab_bridge 1
lab_node a 1
lab_node b 2
br=$(lab_ns br)

now() { date +%s.%N; }

write_conf() { # FILE VERSION ADVERT PRIORITY
    cat > "$1" <<CONF
global_defs {
    router_id $(basename "$1" .conf)
    vrrp_version $2
}
vrrp_instance VI_1 {
    state BACKUP
    interface lan0
    virtual_router_id 51
    priority $4
    advert_int $3
    virtual_ipaddress {
        $VIP/24
    }
}
CONF
}

start_node() { # IMPL NODE DIR [SNMP_SETTINGS] -> NODE_pid
    local impl=$1 node=$2 dir=$3 snmp=${4:-} log
    log=$dir/$node-$(date +%s%N).log
    case $impl in
        k4j) lab_start "$node" "$log" env KEEPALIVED4J_JAVA_OPTS="${snmp:+-Dkeepalived4j.management=$snmp}" \
            "$K4J_BIN" -n -l -f "$dir/$node.conf" -p "$dir/$node.pid" ;;
        keepalived) lab_start "$node" "$log" keepalived -n -l -G -P -f "$dir/$node.conf" -p "$dir/$node.pid" \
            -r "$dir/$node.vrrp.pid" -c "$dir/$node.chk.pid" -b "$dir/$node.bfd.pid" ;;
    esac
    printf -v "${node}_pid" %s "$LAB_LAST_PID"
    printf -v "${node}_log" %s "$log"
}

only_on() { # NODE: VIP on NODE's lan0 and not on the other
    local other=a; [ "$1" = a ] && other=b
    lab_has_addr "$1" "$VIP" && ! lab_has_addr "$other" "$VIP"
}

# start_walkers DIR: WALKERS bounded loops of snmpbulkwalk against B's agent (127.0.0.1:1161 in B's namespace);
# each line of a walker's log is one finished walk ("ok" or "fail"). Sets WALKER_PIDS.
start_walkers() {
    local dir=$1 k
    WALKER_PIDS=()
    for ((k = 1; k <= ${WALKERS:-2}; k++)); do
        lab_start b "$dir/walker-$k.log" timeout 1800 bash -c 'for ((i = 0; i < 1000000; i++)); do
            for root in 1.3.6.1.4.1.9586.100.5 1.3.6.1.2.1.207; do
                if MIBS= snmpbulkwalk -v2c -c public -On -t 1 -r 0 -Cr25 127.0.0.1:1161 $root > /dev/null 2>&1
                then echo ok; else echo fail; fi
            done
        done'
        WALKER_PIDS+=("$LAB_LAST_PID")
    done
}

stop_walkers() { # DIR: stops the walkers and says how many walks they finished
    local dir=$1 pid
    for pid in "${WALKER_PIDS[@]}"; do lab_stop "$pid" TERM 5; done
    WALKER_PIDS=()
    echo "   walkers: $(cat "$dir"/walker-*.log | grep -c '^ok') walks ok, $(cat "$dir"/walker-*.log \
        | grep -c '^fail') failed (A's restarts and B's start-up included)" | tee -a "$dir/walks.txt"
}

settle() { sleep "$(awk -v a="$1" 'BEGIN { s = 6 * a; if (s < 1.5) s = 1.5; print s }')"; }

run_pair() { # IMPL (or IMPL_A:IMPL_B), optionally +walk; VERSION ADVERT
    local impl=$1 ver=$2 adv=$3 dir rep impl_a impl_b pair=${1%+walk} snmp=
    impl_a=${pair%:*}; impl_b=${pair#*:}
    dir=$out/${impl/:/-}-v$ver-$adv
    mkdir -p "$dir"
    write_conf "$dir/a.conf" "$ver" "$adv" 150
    write_conf "$dir/b.conf" "$ver" "$adv" 100
    if [ "$impl" != "$pair" ]; then
        [ "$impl_a" = k4j ] && [ "$impl_b" = k4j ] || lab_die "+walk needs k4j on both nodes (got $pair)"
        snmp=$dir/snmp.properties
        printf 'snmp.enabled = true\nsnmp.port = 1161\nsnmp.community.ro = public\n' > "$snmp"
    fi
    : > "$dir/events.txt"
    lab_start br "$dir/tshark.log" tshark -q -i br0 -f "ip proto 112 or igmp" -w "$dir/capture.pcap"
    local cap_pid=$LAB_LAST_PID
    lab_wait 20 grep -q "Capturing on" "$dir/tshark.log" || lab_die "tshark did not start: $(cat "$dir/tshark.log")"
    start_node "$impl_b" b "$dir" "$snmp"
    [ -n "$snmp" ] && start_walkers "$dir"
    sleep 0.3
    start_node "$impl_a" a "$dir" "$snmp"
    lab_wait 30 only_on a || { echo "   $impl: A did not become master"; return 1; }
    # B (a JVM takes seconds to start) must be running as BACKUP before A is killed, or the first crash sample
    # measures B's start-up instead of its takeover
    lab_wait 60 grep -q "Entering BACKUP STATE" "$b_log" || { echo "   $impl: B did not enter BACKUP"; return 1; }
    settle "$adv"
    for ((rep = 1; rep <= REPS; rep++)); do
        echo "   $impl v$ver/$adv s: repetition $rep/$REPS"
        echo "$(now) crash" >> "$dir/events.txt"
        kill -KILL -- "-$a_pid" 2>/dev/null
        lab_wait 20 lab_has_addr b "$VIP" || echo "   B did not take over after kill -9"
        lab_wait 5 eval '! kill -0 '"$a_pid"' 2>/dev/null'
        settle "$adv"
        echo "$(now) start" >> "$dir/events.txt"
        start_node "$impl_a" a "$dir" "$snmp"
        lab_wait 30 only_on a || echo "   A did not preempt"
        settle "$adv"
        echo "$(now) term" >> "$dir/events.txt"
        kill -TERM "$a_pid"
        lab_wait 20 only_on b || echo "   B did not take over after SIGTERM"
        lab_wait 10 eval '! kill -0 '"$a_pid"' 2>/dev/null' || kill -KILL -- "-$a_pid" 2>/dev/null
        settle "$adv"
        echo "$(now) start" >> "$dir/events.txt"
        start_node "$impl_a" a "$dir" "$snmp"
        lab_wait 30 only_on a || echo "   A did not preempt"
        settle "$adv"
    done
    [ -n "$snmp" ] && stop_walkers "$dir"
    kill -TERM "$a_pid" "$b_pid" 2>/dev/null
    lab_stop "$a_pid" TERM 10; lab_stop "$b_pid" TERM 10
    lab_stop "$cap_pid" INT 10
    tshark -r "$dir/capture.pcap" -T fields -E separator=, -e frame.time_epoch -e ip.src -e ip.proto -e vrrp.prio \
        2>/dev/null > "$dir/packets.csv"
    /usr/bin/python3 bench/lib/failover_analyse.py "$dir/packets.csv" "$dir/events.txt" "$adv" "$ver" 150 100 \
        > "$dir/samples.txt"
    sed "s/^/$impl v$ver\/$adv /" "$dir/samples.txt" >> "$out/samples.txt"
}

echo "== failover benchmark: REPS=$REPS, IMPLS=$IMPLS, TIMINGS=$TIMINGS; results in $out"
: > "$out/samples.txt"
for timing in $TIMINGS; do
    for impl in $IMPLS; do
        run_pair "$impl" "${timing%/*}" "${timing#*/}"
    done
done
/usr/bin/python3 - "$out/samples.txt" $IMPLS <<'PY' | tee "$out/summary.txt"
import sys, statistics
impls = sys.argv[2:]
rows = {}
for line in open(sys.argv[1]):
    impl, timing, scen, val, bound = line.split()
    rows.setdefault((timing, scen), {}).setdefault(impl, []).append(float(val))
    rows[(timing, scen)]["bound"] = float(bound)
print("%-9s %-9s %9s | %s | %s" % ("timing", "scenario", "bound ms",
      " | ".join("%-26s" % (i + " median (min-max) n") for i in impls), "k4j-keepalived / k4j-bound (ms)"))
order = {"crash": 0, "graceful": 1, "preempt": 2, "overlap": 3}
for (timing, scen) in sorted(rows, key=lambda k: (k[0], order.get(k[1], 9))):
    r = rows[(timing, scen)]
    def cell(impl):
        v = r.get(impl)
        return ("%.1f (%.1f-%.1f) %d" % (statistics.median(v), min(v), max(v), len(v))) if v else "-"
    diff = ""
    if r.get("k4j"):
        mk = statistics.median(r["k4j"])
        diff = "%+.1f" % (mk - statistics.median(r["keepalived"])) if r.get("keepalived") else "-"
        diff += " / %+.1f" % (mk - r["bound"])
    print("%-9s %-9s %9.1f | %s | %s" % (timing, scen, r["bound"], " | ".join("%-26s" % cell(i) for i in impls), diff))
PY
