#!/usr/bin/env bash
# The project's main command (README, "Commands"). Needs root (network namespaces).
#
#   ./run.sh          builds the distribution if needed (mvn package, tests skipped) and runs the failover demo:
#                     two keepalived4j nodes and a client in throw-away namespaces k4j-demo-<pid>-*
#   ./run.sh check    config test (-t) and dump (-d) of the sample configurations, no network action
#
# The demo touches no host interface and nothing in the root namespace: a bridge in its own namespace, veth pairs,
# 10.77.0.0/24. Everything it starts is killed by PID and its namespaces are deleted on exit (also on Ctrl-C).
set -uo pipefail
cd "$(dirname "$0")"

if [ "${1:-}" = check ]; then
    exec bench/config-check.sh
fi
[ $# -eq 0 ] || { echo "usage: $0 [check]" >&2; exit 1; }

. bench/lib/lab.sh
lab_require_root
k4j_build

LAB_PREFIX=demo-$$
LAB_NET=77
VIP=10.77.0.100
work=$(mktemp -d /tmp/k4j-demo.XXXXXX)
trap 'echo; echo "== cleaning up (killing the daemons we started, deleting k4j-$LAB_PREFIX-*)"; lab_cleanup; rm -rf "$work"' EXIT
trap 'exit 130' INT TERM

step() { echo; echo "== $*"; }
say() { echo "   $*"; }
ms_now() { date +%s%3N; }

conf() { # NAME PRIORITY
    cat > "$work/$1.conf" <<CONF
global_defs {
    router_id $1
}
vrrp_instance VI_1 {
    state BACKUP
    interface lan0
    virtual_router_id 51
    priority $2
    advert_int 1
    virtual_ipaddress {
        $VIP/24
    }
}
CONF
}

start_node() { # NAME PRIORITY -> pid in var NAME_pid
    local log="$work/$1.log"
    [ -e "$log" ] && cat "$log" >> "$work/$1.old.log"
    lab_start "$1" "$log" "$K4J_BIN" -n -l -f "$work/$1.conf" -p "$work/$1.pid"
    printf -v "${1}_pid" %s "$LAB_LAST_PID"
    say "started keepalived4j on $1 (priority $2), pid $LAB_LAST_PID: $K4J_BIN -n -l -f $work/$1.conf -p $work/$1.pid"
}

vip_where() {
    local n out=""
    for n in node1 node2; do lab_has_addr "$n" "$VIP" && out="$out $n"; done
    echo "${out:- nowhere}"
}
vip_only_on() { [ "$(vip_where)" = " $1" ]; }

show_vip() {
    local n
    for n in node1 node2; do
        say "$n: $(ip -n "$(lab_ns "$n")" -4 -o addr show dev lan0 | awk '{printf "%s ", $4}')"
    done
}

client_view() {
    # no ping on minimal hosts: an HTTP GET with bash's /dev/tcp to a responder on each node (python3), or a bare
    # TCP connect whose "connection refused" also proves that the VIP's owner answered ARP and IP
    local out
    out=$(ip netns exec "$(lab_ns client)" timeout 3 bash -c \
        'exec 3<>/dev/tcp/'"$VIP"'/8000 && printf "GET / HTTP/1.0\r\n\r\n" >&3 && cat <&3' 2>&1 | tail -n 1)
    case $out in
        *refused*) out="TCP connection refused (the VIP's owner answered)" ;;
        node*) out="HTTP answer from $out" ;;
        *) out="no answer (${out:-timeout})" ;;
    esac
    say "client -> $VIP:8000: $out"
    local mac; mac=$(ip -n "$(lab_ns client)" neigh show "$VIP" | awk '{for (i = 1; i < NF; i++) if ($i == "lladdr") print $(i + 1)}')
    local owner="?"
    [ "$mac" = "$node1_mac" ] && owner=node1
    [ "$mac" = "$node2_mac" ] && owner=node2
    say "client: neighbour entry for $VIP -> ${mac:-none} ($owner)"
}


step "building the lab: namespaces k4j-$LAB_PREFIX-{br,node1,node2,client}, bridge br0 in its own namespace"
lab_bridge 1
lab_node node1 1
lab_node node2 2
lab_node client 10
node1_mac=$(lab_mac node1); node2_mac=$(lab_mac node2)
say "node1 lan0 10.77.0.1/24 mac $node1_mac"
say "node2 lan0 10.77.0.2/24 mac $node2_mac"
say "client lan0 10.77.0.10/24"
conf node1 150
conf node2 100
say "VRRP instance VI_1: VRID 51, VRRPv2, advert_int 1 s, VIP $VIP; node1 priority 150, node2 priority 100"

if [ -x /usr/bin/python3 ]; then
    for n in node1 node2; do
        mkdir -p "$work/www-$n"; echo "$n" > "$work/www-$n/index.html"
        lab_start "$n" "$work/http-$n.log" /usr/bin/python3 -m http.server 8000 --directory "$work/www-$n"
    done
    say "a tiny HTTP responder on port 8000 in node1 and node2 answers with the node's name"
fi

step "starting both nodes (the backup first)"
start_node node2 100
start_node node1 150
lab_wait 30 vip_only_on node1 || { say "node1 did not become master within 30 s"; tail -20 "$work"/node*.log; exit 1; }
say "node1 is MASTER:"
show_vip
client_view

step "stopping the master gracefully (SIGTERM to pid $node1_pid): it sends priority 0 and the backup takes over"
t0=$(ms_now)
kill -TERM "$node1_pid"
lab_wait 15 vip_only_on node2 && say "VIP only on node2 after $(( $(ms_now) - t0 )) ms (polled with ip addr)" \
    || say "VIP did not move within 15 s: on$(vip_where)"
lab_stop "$node1_pid" TERM 10
show_vip
client_view
say "from the logs:"
tail -n 3 "$work/node1.log" | sed 's/^/      node1: /'
grep -E 'Entering|priority 0' "$work/node2.log" | tail -3 | sed 's/^/      node2: /'

step "restarting node1 (priority 150): it starts as BACKUP and preempts node2"
t0=$(ms_now)
start_node node1 150
lab_wait 30 vip_only_on node1 && say "VIP back only on node1 after $(( $(ms_now) - t0 )) ms (including JVM start)" \
    || say "node1 did not take over within 30 s: VIP on$(vip_where)"
show_vip
client_view
grep -E 'Entering' "$work/node1.log" | tail -2 | sed 's/^/      node1: /'
grep -E 'Entering' "$work/node2.log" | tail -1 | sed 's/^/      node2: /'

step "crash: kill -9 node1 (no goodbye advert); node2 takes over after Master_Down_Interval = 3 x 1 s + (256-100)/256 s = 3.61 s"
t0=$(ms_now)
kill -KILL "$node1_pid"
lab_wait 15 lab_has_addr node2 "$VIP" && say "VIP on node2 after $(( $(ms_now) - t0 )) ms (the dead node1 keeps its stale VIP, as with keepalived)" \
    || say "node2 did not take over within 15 s"

show_vip
client_view
say "demo finished"
