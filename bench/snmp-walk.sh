#!/bin/bash
# SNMP walk benchmark: keepalived 2.2.7 + net-snmp snmpd (AgentX) vs keepalived4j's own agent, same keepalived.conf:
# 200 vrrp_instances (4 interfaces lan0..lan3 x VRIDs 1..50, one VIP each), no peers, so every instance is MASTER.
# Each side runs alone in a throw-away k4j-bwalk-* namespace (veth pairs inside it, 10.82.0.0/16), one after the
# other; the walks run inside the namespace against 127.0.0.1:1161. Run as root from the repository root:
#   bench/snmp-walk.sh [RUNS]      (default 3 runs per walk)
set -u
RUNS=${1:-3}
ROOT=$(cd "$(dirname "$0")/.." && pwd)
OUT=$ROOT/bench/results
mkdir -p "$OUT"
WORK=$(mktemp -d /tmp/k4j-bwalk.XXXXXX)
NS=k4j-bwalk-$$
PIDS=()

cleanup() {
    for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null; done
    sleep 2
    for p in "${PIDS[@]}"; do kill -9 "$p" 2>/dev/null; done
    ip netns del "$NS" 2>/dev/null
}
trap cleanup EXIT

make_ns() {
    ip netns add "$NS"
    ip -n "$NS" link set lo up
    for i in 0 1 2 3; do
        ip -n "$NS" link add lan$i type veth peer name peer$i
        ip -n "$NS" link set peer$i up
        ip -n "$NS" link set lan$i up
        ip -n "$NS" addr add 10.82.$i.1/24 dev lan$i
    done
}

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

walk() { # tool root opts [save-as] -> prints "ms varbinds"; output (with errors) kept in $WORK/$4 when given
    local t0 t1 n out=$WORK/walk.out
    t0=$(date +%s%N)
    ip netns exec "$NS" env MIBS= MIBDIRS= $1 -v2c -c public -On -t 10 -r 0 $3 127.0.0.1:1161 "$2" > "$out" 2>&1
    t1=$(date +%s%N)
    n=$(grep -c ' = ' "$out")
    [ -n "${4:-}" ] && cp "$out" "$WORK/$4"
    echo "$(( (t1 - t0) / 1000000 )) $n"
}

await_masters() { # side
    for _ in $(seq 1 90); do
        n=$(ip netns exec "$NS" env MIBS= snmpbulkwalk -v2c -c public -On -t 5 -r 0 127.0.0.1:1161 \
            1.3.6.1.4.1.9586.100.5.2.3.1.4 2>/dev/null | grep -c 'INTEGER: 2')
        [ "$n" -ge 200 ] && return 0
        sleep 1
    done
    echo "$1: not all 200 instances MASTER over SNMP after 90 s (saw $n)" >&2
    return 1
}

measure() { # side
    for root in 1.3.6.1.4.1.9586.100.5 1.3.6.1.2.1.68 1.3.6.1.2.1.207; do
        for tool in snmpwalk "snmpbulkwalk -Cr25"; do
            t=${tool%% *}; opts=${tool#"$t"}
            for r in $(seq 1 "$RUNS"); do
                echo "$1 $root $t$opts run$r $(walk "$t" "$root" "$opts" "$1-$root-$t.txt")"
            done
        done
    done
}

conf > "$WORK/keepalived.conf"
REPORT=$OUT/snmp-walk-$(date -u +%Y%m%dT%H%M%SZ).txt
echo "# side mib tool run ms varbinds" > "$REPORT"

SIDES=${SIDES:-keepalived keepalived4j}

# keepalived + snmpd
if [[ " $SIDES " == *" keepalived "* ]]; then
make_ns
cat > "$WORK/snmpd.conf" <<C
master agentx
agentXSocket unix:$WORK/agentx
rocommunity public 127.0.0.1
C
mkdir -p "$WORK/persist"
ip netns exec "$NS" env MIBS= SNMP_PERSISTENT_DIR="$WORK/persist" snmpd -f -C -c "$WORK/snmpd.conf" -Lf "$WORK/snmpd.log" \
    udp:127.0.0.1:1161 & PIDS+=($!)
sleep 1
ip netns exec "$NS" keepalived -n -l -G -P -f "$WORK/keepalived.conf" -p "$WORK/k.pid" -r "$WORK/v.pid" \
    -c "$WORK/c.pid" -b "$WORK/b.pid" > "$WORK/keepalived.log" 2>&1 & PIDS+=($!)
if await_masters keepalived; then measure keepalived | tee -a "$REPORT"; fi
cleanup; PIDS=()
fi
[[ " $SIDES " == *" keepalived4j "* ]] || exit 0

# keepalived4j (built classes + dependency class path)
(cd "$ROOT" && mvn -o -q -B -pl mib -am compile dependency:build-classpath -Dmdep.outputFile=target/bench.cp \
    -DskipTests) || exit 1
CP=$ROOT/mib/target/classes:$ROOT/agent/target/classes:$ROOT/native/target/classes:$(cat "$ROOT/mib/target/bench.cp")
echo "snmp.port=1161" > "$WORK/management.properties"
make_ns
ip netns exec "$NS" java -XX:TieredStopAtLevel=1 -Dkeepalived4j.management="$WORK/management.properties" -cp "$CP" \
    org.keepalived4j.daemon.Main -n -l -f "$WORK/keepalived.conf" -p "$WORK/j.pid" > "$WORK/k4j.log" 2>&1 & PIDS+=($!)
if await_masters keepalived4j; then
    for r in 1 2; do walk snmpbulkwalk 1.3.6.1.4.1.9586.100.5 -Cr25 > /dev/null; done # JIT warm-up, not reported
    measure keepalived4j | tee -a "$REPORT"
fi
echo "report: $REPORT (logs in $WORK)"
