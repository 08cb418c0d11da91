#!/bin/bash
# SNMP walk benchmark: keepalived 2.2.7 + net-snmp snmpd (AgentX) vs keepalived4j's own agent, same keepalived.conf:
# 200 vrrp_instances (4 interfaces lan0..lan3 x VRIDs 1..50, one VIP each), no peers, so every instance is MASTER.
# Each side runs alone in its own lab (bench/lib/lab.sh: k4j-bwalk-<pid>-{br,node}, 10.82.0.0/16), one after the
# other; the walks run inside the node namespace against 127.0.0.1:1161. keepalived4j runs from the distribution
# (rpm/target/keepalived4j, the production JVM flags). Run as root from the repository root:
#   bench/snmp-walk.sh [RUNS]      (default 3 runs per walk)
#   SIDES=keepalived4j bench/snmp-walk.sh 1
# Per walk the report has: wall ms, varbinds, and the CPU ms used by the walking tool (user+sys, /usr/bin/time) and
# by the agent side (every process in the node namespace: snmpd + keepalived, or the JVM). "floor" is a walk of an
# empty subtree: starting the tool plus one request.
set -u
RUNS=${1:-3}
cd "$(dirname "$0")/.."
. bench/lib/lab.sh
lab_require_root
SIDES=${SIDES:-keepalived keepalived4j}
[[ " $SIDES " == *" keepalived4j "* ]] && k4j_build
OUT=bench/results
mkdir -p "$OUT"
WORK=$(mktemp -d /tmp/k4j-bwalk.XXXXXX)
LAB_PREFIX=bwalk-$$
LAB_NET=82
trap lab_cleanup EXIT
trap 'exit 130' INT TERM

conf() {
    cat <<C
global_defs {
    router_id BENCH
    enable_snmp_vrrp
    enable_snmp_rfc
    snmp_socket unix:$WORK/agentx
}
C
    for i in 0 1 2 3; do
        for v in $(seq 1 50); do
            cat <<C
vrrp_instance VI_${i}_$v {
    state BACKUP
    interface lan$i
    virtual_router_id $v
    priority 100
    advert_int 1
    virtual_ipaddress {
        10.82.$i.$((100 + v))/32
    }
}
C
        done
    done
}

walk() { # SIDE TOOL ROOT OPTS [SAVE-AS] -> "ms varbinds tool_cpu_ms agent_cpu_ms"; output kept in $WORK/SAVE-AS
    local ns out=$WORK/walk.out t0 t1 a0 a1 cpu
    ns=$(lab_ns "$1")
    a0=$(lab_cpu_ms "$1"); t0=$(date +%s%N)
    /usr/bin/time -o "$WORK/time.out" -f '%U %S' ip netns exec "$ns" env MIBS= MIBDIRS= $2 -v2c -c public -On \
        -t 10 -r 0 $4 127.0.0.1:1161 "$3" > "$out" 2>&1
    t1=$(date +%s%N); a1=$(lab_cpu_ms "$1")
    cpu=$(tail -n 1 "$WORK/time.out")
    [ -n "${5:-}" ] && cp "$out" "$WORK/$5"
    echo "$(( (t1 - t0) / 1000000 )) $(grep -c ' = ' "$out") $(awk '{ printf "%d", ($1 + $2) * 1000 }' <<< "$cpu") $((a1 - a0))"
}

await_masters() { # SIDE
    local n=0
    for _ in $(seq 1 90); do
        n=$(ip netns exec "$(lab_ns "$1")" env MIBS= snmpbulkwalk -v2c -c public -On -t 5 -r 0 127.0.0.1:1161 \
            1.3.6.1.4.1.9586.100.5.2.3.1.4 2>/dev/null | grep -c 'INTEGER: 2')
        [ "$n" -ge 200 ] && return 0
        sleep 1
    done
    echo "$1: not all 200 instances MASTER over SNMP after 90 s (saw $n)" >&2
    return 1
}

measure() { # SIDE
    local root tool t opts r
    for r in $(seq 1 "$RUNS"); do
        echo "$1 empty snmpwalk-floor run$r $(walk "$1" snmpwalk 1.3.6.1.4.1.9586.100.99 "")"
    done
    for root in 1.3.6.1.4.1.9586.100.5 1.3.6.1.2.1.68 1.3.6.1.2.1.207; do
        for tool in snmpwalk "snmpbulkwalk -Cr25"; do
            t=${tool%% *}; opts=${tool#"$t"}
            for r in $(seq 1 "$RUNS"); do
                echo "$1 $root $t${opts// /} run$r $(walk "$1" "$t" "$root" "$opts" "$1-$root-$t.txt")"
            done
        done
    done
}

conf > "$WORK/keepalived.conf"
REPORT=$OUT/snmp-walk-$(date -u +%Y%m%dT%H%M%SZ).txt
echo "# side mib tool run ms varbinds tool_cpu_ms agent_cpu_ms (load before: $(cut -d' ' -f1-3 /proc/loadavg))" \
    > "$REPORT"

lab_side() { # SIDE: a bridge namespace with br0..br3 and the node namespace with lan0..lan3 = 10.82.K.1/24
    lab_bridge 4
    lab_node "$1" 1 4
}

if [[ " $SIDES " == *" keepalived "* ]]; then
    lab_side keepalived
    cat > "$WORK/snmpd.conf" <<C
master agentx
agentXSocket unix:$WORK/agentx
rocommunity public 127.0.0.1
C
    mkdir -p "$WORK/persist"
    lab_start keepalived "$WORK/snmpd.out" env MIBS= SNMP_PERSISTENT_DIR="$WORK/persist" snmpd -f -C \
        -c "$WORK/snmpd.conf" -Lf "$WORK/snmpd.log" udp:127.0.0.1:1161
    sleep 1
    lab_start keepalived "$WORK/keepalived.log" keepalived -n -l -G -P -f "$WORK/keepalived.conf" \
        -p "$WORK/k.pid" -r "$WORK/v.pid" -c "$WORK/c.pid" -b "$WORK/b.pid"
    if await_masters keepalived; then measure keepalived | tee -a "$REPORT"; fi
    lab_cleanup
fi

if [[ " $SIDES " == *" keepalived4j "* ]]; then
    lab_side keepalived4j
    echo "snmp.port=1161" > "$WORK/management.properties"
    lab_start keepalived4j "$WORK/k4j.log" env KEEPALIVED4J_JAVA_OPTS="-Dkeepalived4j.management=$WORK/management.properties" \
        "$K4J_BIN" -n -l -f "$WORK/keepalived.conf" -p "$WORK/j.pid"
    if await_masters keepalived4j; then
        for r in 1 2; do # JIT warm-up, not reported
            walk keepalived4j snmpbulkwalk 1.3.6.1.4.1.9586.100.5 -Cr25 > /dev/null
            walk keepalived4j snmpwalk 1.3.6.1.2.1.207 "" > /dev/null
        done
        measure keepalived4j | tee -a "$REPORT"
    fi
    lab_cleanup
fi
/usr/bin/python3 - "$REPORT" <<'PY' | tee -a "$REPORT.summary"
import sys, statistics
rows = {}
for line in open(sys.argv[1]):
    if line.startswith("#"):
        continue
    side, mib, tool, run, ms, n, tool_cpu, agent_cpu = line.split()
    rows.setdefault((mib, tool), {}).setdefault(side, []).append((int(ms), int(n), int(tool_cpu), int(agent_cpu)))
print("%-24s %-18s %-13s %8s %12s %9s %9s  %s" % ("mib", "tool", "side", "varbinds", "ms med(min-max)", "tool cpu",
      "agent cpu", "keepalived/k4j (median ms)"))
for (mib, tool), sides in rows.items():
    med = {}
    for side, runs in sides.items():
        ms = [r[0] for r in runs]
        med[side] = statistics.median(ms)
        print("%-24s %-18s %-13s %8d %5d (%d-%d) %9d %9d" % (mib, tool, side, runs[-1][1], med[side], min(ms), max(ms),
              statistics.median(r[2] for r in runs), statistics.median(r[3] for r in runs)))
    if "keepalived" in med and "keepalived4j" in med and med["keepalived4j"]:
        print("%-24s %-18s %-13s %s" % ("", "", "ratio", "%.1fx" % (med["keepalived"] / med["keepalived4j"])))
PY
echo "report: $REPORT (walk outputs and logs in $WORK)"
