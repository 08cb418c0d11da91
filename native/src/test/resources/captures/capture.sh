#!/bin/bash
# Captures what Debian's keepalived 2.2.7 puts on the wire, as test vectors for org.keepalived4j.codec.
# Needs root, iproute2, keepalived, tshark, python3. Creates only network namespaces named k4j-cod-*,
# addresses 10.77.0.0/24 and fd4b:6a34::/64, and deletes them on exit (also on failure).
#
# Lab: k4j-cod-br holds bridge br0; k4j-cod-a (10.77.0.1, keepalived MASTER prio 150),
# k4j-cod-b (10.77.0.2, keepalived BACKUP prio 100) and k4j-cod-cap (10.77.0.9, tshark) each have
# lan0, a veth whose peer is enslaved to br0.
#
# Usage: capture.sh [OUTDIR]   (default: the directory of this script)
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
OUT=${1:-$HERE}
WORK=$(mktemp -d /tmp/k4j-cod-capture.XXXXXX)
NS_BR=k4j-cod-br; NS_A=k4j-cod-a; NS_B=k4j-cod-b; NS_CAP=k4j-cod-cap
PIDS=()

cleanup() {
    set +e
    for p in "${PIDS[@]}"; do kill -TERM "$p" 2>/dev/null; done
    sleep 1.5
    for p in "${PIDS[@]}"; do kill -KILL "$p" 2>/dev/null; done
    for ns in $NS_A $NS_B $NS_CAP $NS_BR; do ip netns del $ns 2>/dev/null; done
    rm -rf "$WORK"
}
trap cleanup EXIT

nsx() { local ns=$1; shift; ip netns exec "$ns" "$@"; }

setup_lab() {
    local ipv6=$1 # 0: IPv6 disabled (noise-free); 1: IPv6 enabled (v6 capture); 2: and IPv6 forwarding on
    for ns in $NS_BR $NS_A $NS_B $NS_CAP; do
        ip netns add $ns
        nsx $ns ip link set lo up
        nsx $ns sysctl -qw net.ipv4.conf.all.rp_filter=0 net.ipv4.conf.default.rp_filter=0
        local off=$((ipv6 == 0 ? 1 : 0))
        nsx $ns sysctl -qw net.ipv6.conf.all.disable_ipv6=$off net.ipv6.conf.default.disable_ipv6=$off
        [ "$ipv6" = 2 ] && nsx $ns sysctl -qw net.ipv6.conf.all.forwarding=1 net.ipv6.conf.default.forwarding=1
        nsx $ns sysctl -qw net.ipv6.conf.default.accept_dad=0 net.ipv6.conf.all.accept_dad=0 2>/dev/null || true
    done
    # ageing_time 0: the bridge learns no MAC, so it floods unicast adverts to the capture port too
    nsx $NS_BR ip link add br0 type bridge stp_state 0 forward_delay 0 mcast_snooping 0 ageing_time 0
    nsx $NS_BR ip link set br0 up
    local n=0
    for ns in $NS_A $NS_B $NS_CAP; do
        n=$((n + 1))
        nsx $NS_BR ip link add p$n type veth peer name lan0 netns $ns
        nsx $NS_BR ip link set p$n master br0 up
        nsx $ns sysctl -qw net.ipv4.conf.lan0.rp_filter=0
        nsx $ns ip link set lan0 multicast on
    done
    nsx $NS_A ip link set lan0 address 02:4b:34:00:00:01
    nsx $NS_B ip link set lan0 address 02:4b:34:00:00:02
    nsx $NS_CAP ip link set lan0 address 02:4b:34:00:00:09
    nsx $NS_A ip addr add 10.77.0.1/24 dev lan0
    nsx $NS_B ip addr add 10.77.0.2/24 dev lan0
    nsx $NS_CAP ip addr add 10.77.0.9/24 dev lan0
    for ns in $NS_A $NS_B $NS_CAP; do nsx $ns ip link set lan0 up; done
}

teardown_lab() {
    for ns in $NS_A $NS_B $NS_CAP $NS_BR; do ip netns del $ns 2>/dev/null || true; done
}

# write_conf FILE PRIORITY SELF PEER BODY: a vrrp_instance on lan0 with the given extra body lines,
# in which @SELF@ and @PEER@ stand for this node's and the other node's address
write_conf() {
    local file=$1 prio=$2 self=$3 peer=$4 body=$5
    body=${body//@SELF@/$self}
    body=${body//@PEER@/$peer}
    cat > "$file" <<CONF
global_defs {
    router_id k4j_cod_$prio
}
vrrp_instance VI_1 {
    state BACKUP
    interface lan0
    priority $prio
$body
}
CONF
}

# start_keepalived NS CONF TAG: sets LAST_PID (ip netns exec execs keepalived, so this is keepalived's PID)
start_keepalived() {
    local ns=$1 conf=$2 tag=$3
    ip netns exec "$ns" keepalived -n -l -G -D -P -f "$conf" -p "$WORK/$tag.pid" -r "$WORK/$tag-vrrp.pid" \
        -c "$WORK/$tag-check.pid" -b "$WORK/$tag-bfd.pid" > "$WORK/$tag.log" 2>&1 &
    LAST_PID=$!
    PIDS+=("$LAST_PID")
}

stop_pid() {
    local pid=$1
    kill -TERM "$pid" 2>/dev/null || true
    for _ in $(seq 1 50); do kill -0 "$pid" 2>/dev/null || return 0; sleep 0.1; done
    kill -KILL "$pid" 2>/dev/null || true
}

# run_scenario NAME IPV6 HOLD BODY: A (prio 150) becomes master, B (prio 100) stays backup; after HOLD
# seconds B is stopped first, then A, so A's priority-0 advert is captured too.
run_scenario() {
    local name=$1 ipv6=$2 hold=$3 body=$4
    echo "== $name"
    setup_lab "$ipv6"
    [ "$ipv6" != 0 ] && sleep 1 # link-local addresses
    write_conf "$WORK/$name-a.conf" 150 10.77.0.1 10.77.0.2 "$body"
    write_conf "$WORK/$name-b.conf" 100 10.77.0.2 10.77.0.1 "$body"
    cp "$WORK/$name-a.conf" "$OUT/$name.conf"
    ip netns exec $NS_CAP tshark -q -i lan0 -F pcap -w "$WORK/$name.pcap" -a duration:$((hold + 5)) > "$WORK/$name-tshark.log" 2>&1 &
    local tpid=$!
    sleep 1
    local a b
    start_keepalived $NS_A "$WORK/$name-a.conf" "$name-a"; a=$LAST_PID
    sleep 0.3
    start_keepalived $NS_B "$WORK/$name-b.conf" "$name-b"; b=$LAST_PID
    sleep "$hold"
    stop_pid "$b"
    stop_pid "$a"
    wait "$tpid" || true
    teardown_lab
    cp "$WORK/$name.pcap" "$OUT/$name.pcap"
    grep -E 'Entering|error|Error' "$WORK/$name-a.log" | sed 's/^/   A: /' || true
}

# export NAME KIND FILTER MAX: the first MAX frames matching the tshark display filter, one hex file each
export_frames() {
    local name=$1 kind=$2 filter=$3 max=$4
    local frames
    frames=$(tshark -r "$OUT/$name.pcap" -Y "$filter" -T fields -e frame.number | head -n "$max" | tr '\n' ' ')
    [ -n "$frames" ] || { echo "no frame for $name/$kind ($filter)" >&2; return 1; }
    python3 - "$OUT/$name.pcap" "$OUT" "$name-$kind" $frames <<'PY'
import struct, sys
path, out, prefix, wanted = sys.argv[1], sys.argv[2], sys.argv[3], [int(x) for x in sys.argv[4:]]
data = open(path, 'rb').read()
magic = struct.unpack('<I', data[:4])[0]
end = '<' if magic in (0xa1b2c3d4, 0xa1b23c4d) else '>'
off, n, i = 24, 0, 0
while off + 16 <= len(data):
    _, _, incl, _ = struct.unpack(end + 'IIII', data[off:off + 16])
    frame = data[off + 16:off + 16 + incl]
    off += 16 + incl
    n += 1
    if n in wanted:
        i += 1
        with open(f'{out}/{prefix}-{i}.hex', 'w') as f:
            f.write(frame.hex() + '\n')
PY
    echo "   $name-$kind: frames $frames"
}

V2="    version 2
    virtual_router_id 51
    advert_int 1
    virtual_ipaddress {
        10.77.0.100/24
    }"
run_scenario v2-noauth 0 6 "$V2"

run_scenario v2-pass 0 13 "    version 2
    virtual_router_id 52
    advert_int 2
    authentication {
        auth_type PASS
        auth_pass k4jpass
    }
    virtual_ipaddress {
        10.77.0.100/24
        10.77.0.101/24
    }"

run_scenario v2-ah 0 6 "    version 2
    virtual_router_id 53
    advert_int 1
    authentication {
        auth_type AH
        auth_pass k4jkey
    }
    virtual_ipaddress {
        10.77.0.100/24
    }"

run_scenario v3-ipv4 0 5 "    version 3
    virtual_router_id 54
    advert_int 0.5
    virtual_ipaddress {
        10.77.0.100/24
        10.77.0.101/24
        10.77.0.102/24
    }"

run_scenario v3-ipv6 1 6 "    version 3
    virtual_router_id 55
    advert_int 1
    virtual_ipaddress {
        fd4b:6a34::100/64
    }"

UNICAST="    unicast_src_ip @SELF@
    unicast_peer {
        @PEER@
    }"

run_scenario v2-ah-unicast 0 6 "    version 2
    virtual_router_id 56
    advert_int 1
    authentication {
        auth_type AH
        auth_pass k4jkey
    }
$UNICAST
    virtual_ipaddress {
        10.77.0.100/24
    }"

run_scenario v3-ipv4-unicast 0 6 "    version 3
    virtual_router_id 57
    advert_int 1
$UNICAST
    virtual_ipaddress {
        10.77.0.100/24
    }"

run_scenario v2-pass-long 0 6 "    version 2
    virtual_router_id 58
    advert_int 1
    authentication {
        auth_type PASS
        auth_pass k4jlongpassword
    }
    virtual_ipaddress {
        10.77.0.100/24
    }"

run_scenario v2-ah-long 0 6 "    version 2
    virtual_router_id 59
    advert_int 1
    authentication {
        auth_type AH
        auth_pass k4jlongpassword
    }
    virtual_ipaddress {
        10.77.0.100/24
    }"

run_scenario v3-ipv6-router 2 6 "    version 3
    virtual_router_id 60
    advert_int 1
    virtual_ipaddress {
        fd4b:6a34::100/64
    }"

A=02:4b:34:00:00:01
export_frames v2-noauth advert "vrrp && eth.src == $A && vrrp.prio == 150" 3
export_frames v2-noauth prio0 "vrrp && eth.src == $A && vrrp.prio == 0" 1
export_frames v2-noauth garp "arp && eth.src == $A" 1
export_frames v2-pass advert "vrrp && eth.src == $A && vrrp.prio == 150" 3
export_frames v2-ah advert "ah && eth.src == $A && vrrp.prio == 150" 3
export_frames v3-ipv4 advert "vrrp && eth.src == $A && vrrp.prio == 150" 3
export_frames v3-ipv4 garp "arp && eth.src == $A" 3
export_frames v3-ipv6 advert "vrrp && eth.src == $A && vrrp.prio == 150" 3
export_frames v3-ipv6 na "icmpv6.type == 136 && eth.src == $A" 1
export_frames v2-ah-unicast advert "ah && eth.src == $A && vrrp.prio == 150" 3
export_frames v3-ipv4-unicast advert "vrrp && eth.src == $A && vrrp.prio == 150" 3
export_frames v2-pass-long advert "vrrp && eth.src == $A && vrrp.prio == 150" 1
export_frames v2-ah-long advert "ah && eth.src == $A && vrrp.prio == 150" 1
export_frames v3-ipv6-router na "icmpv6.type == 136 && eth.src == $A" 1
echo "done: $OUT"
