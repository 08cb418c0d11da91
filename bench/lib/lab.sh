# Shell network lab shared by run.sh and bench/*.sh (sourced, not executed).
#
# Everything lives in namespaces named k4j-<LAB_PREFIX>-*: a bridge namespace (bridges br0..brN-1, STP off,
# forward_delay 0, multicast snooping off) and node namespaces joined to it by veth pairs, addresses from 10.x only.
# Nothing is configured in the root namespace and no host interface is touched.
# The caller sets LAB_PREFIX (e.g. demo-$$) and calls lab_cleanup from its EXIT/INT/TERM trap.

LAB_PIDS=()        # processes we started (killed by PID on cleanup)
LAB_NAMESPACES=()  # namespaces we created (deleted on cleanup)

lab_ns() { echo "k4j-$LAB_PREFIX-$1"; }

lab_die() { echo "error: $*" >&2; exit 1; }

lab_add_ns() {
    local ns; ns=$(lab_ns "$1")
    if [ -e "/var/run/netns/$ns" ]; then
        [ -z "$(ip netns pids "$ns" 2>/dev/null)" ] || lab_die "namespace $ns exists and is in use"
        ip netns del "$ns"
    fi
    ip netns add "$ns" || lab_die "cannot create namespace $ns"
    LAB_NAMESPACES+=("$ns")
    ip -n "$ns" link set lo up
    ip netns exec "$ns" sysctl -qw net.ipv4.conf.all.rp_filter=0 net.ipv4.conf.default.rp_filter=0 \
        net.ipv4.ip_nonlocal_bind=1 net.ipv6.conf.all.disable_ipv6=1 net.ipv6.conf.default.disable_ipv6=1 >/dev/null
}

# lab_bridge SEGMENTS: the bridge namespace with br0..br(SEGMENTS-1)
lab_bridge() {
    local segments=${1:-1} k br; br=$(lab_ns br)
    lab_add_ns br
    for ((k = 0; k < segments; k++)); do
        ip -n "$br" link add "br$k" type bridge stp_state 0 forward_delay 0 mcast_snooping 0
        ip -n "$br" link set "br$k" up
    done
}

# lab_node NAME HOSTNUM SEGMENTS: namespace k4j-PREFIX-NAME with lanK = 10.LAB_NET.K.HOSTNUM/24 on brK
lab_node() {
    local name=$1 host=$2 segments=${3:-1} k ns br port
    ns=$(lab_ns "$name"); br=$(lab_ns br)
    lab_add_ns "$name"
    for ((k = 0; k < segments; k++)); do
        port="v${name:0:6}$k"
        ip -n "$ns" link add "lan$k" type veth peer name "$port" netns "$br" || lab_die "veth for $ns"
        ip -n "$br" link set "$port" master "br$k"
        ip -n "$br" link set "$port" up
        ip netns exec "$ns" sysctl -qw "net.ipv4.conf.lan$k.rp_filter=0" >/dev/null
        ip -n "$ns" addr add "10.${LAB_NET:-77}.$k.$host/24" dev "lan$k"
        ip -n "$ns" link set "lan$k" multicast on up
    done
}

lab_mac() { ip -n "$(lab_ns "$1")" -o link show dev "${2:-lan0}" | sed -n 's/.*link\/ether \([0-9a-f:]*\).*/\1/p'; }

# lab_start NAME LOGFILE CMD...: runs CMD in the node's namespace in the background (own process group), sets LAB_LAST_PID
lab_start() {
    local ns; ns=$(lab_ns "$1"); local log=$2; shift 2
    # started from a subshell, so the shell prints no "Killed" job notices; we poll with kill -0 instead of wait
    LAB_LAST_PID=$(setsid ip netns exec "$ns" "$@" >"$log" 2>&1 < /dev/null & echo $!)
    LAB_PIDS+=("$LAB_LAST_PID")
}

# lab_stop PID SIGNAL [TIMEOUT_S]: signal one process we started and wait (bounded) for it to exit; SIGKILL after that
lab_stop() {
    local pid=$1 sig=${2:-TERM} limit=${3:-10} i
    kill -"$sig" "$pid" 2>/dev/null || return 0
    for ((i = 0; i < limit * 20; i++)); do
        kill -0 "$pid" 2>/dev/null || return 0
        sleep 0.05
    done
    kill -KILL "$pid" 2>/dev/null
}

# lab_wait TIMEOUT_S COMMAND...: polls COMMAND every 50 ms until it succeeds; returns 1 on timeout
lab_wait() {
    local limit=$1 i; shift
    for ((i = 0; i < limit * 20; i++)); do
        "$@" && return 0
        sleep 0.05
    done
    return 1
}

# lab_cpu_ms NAME: CPU time (user + system, ms) used so far by the processes now running in the node's namespace
lab_cpu_ms() {
    local pid ticks=0 hz; hz=$(getconf CLK_TCK)
    for pid in $(ip netns pids "$(lab_ns "$1")" 2>/dev/null); do
        # fields after the ")" that ends the command name: utime and stime are the 12th and 13th
        ticks=$((ticks + $(sed 's/.*) //' "/proc/$pid/stat" 2>/dev/null | awk '{ t += $12 + $13 } END { print t + 0 }')))
    done
    echo $((ticks * 1000 / hz))
}

lab_has_addr() { ip -n "$(lab_ns "$1")" -4 -o addr show dev "${3:-lan0}" | grep -q " $2/"; }

# lab_ns_ticks NS: utime+stime (clock ticks, CLK_TCK per second) of every process in the namespace
lab_ns_ticks() {
    local pid t=0 s
    for pid in $(ip netns pids "$1"); do
        s=$(sed 's/.*) //' "/proc/$pid/stat" 2>/dev/null) || continue
        set -- $s
        t=$((t + ${12} + ${13}))
    done
    echo "$t"
}

# lab_ns_cpu_ns NS: CPU time (ns) of every thread of every process in the namespace, from /proc/.../schedstat: exact,
# where utime/stime are sampled at CLK_TCK (10 ms). Threads that exited are not counted (both sides of a comparison
# are daemons whose threads live on).
lab_ns_cpu_ns() {
    local pid f v t=0
    for pid in $(ip netns pids "$1"); do
        for f in /proc/"$pid"/task/*/schedstat; do
            read -r v _ < "$f" 2>/dev/null && t=$((t + v))
        done
    done
    echo "$t"
}

# lab_ns_rss_kib NS: sum of VmRSS (KiB) of every process in the namespace
lab_ns_rss_kib() {
    local pid r=0 v
    for pid in $(ip netns pids "$1"); do
        v=$(awk '/^VmRSS:/ { print $2 }' "/proc/$pid/status" 2>/dev/null)
        r=$((r + ${v:-0}))
    done
    echo "$r"
}

lab_cleanup() {
    local pid ns i
    for pid in "${LAB_PIDS[@]}"; do
        kill -TERM "$pid" 2>/dev/null
    done
    for pid in "${LAB_PIDS[@]}"; do
        for ((i = 0; i < 60; i++)); do kill -0 "$pid" 2>/dev/null || break; sleep 0.05; done
        kill -KILL "$pid" 2>/dev/null
    done
    LAB_PIDS=()
    for ns in "${LAB_NAMESPACES[@]}"; do
        # processes of ours that outlived the kill above (e.g. keepalived children) are in our namespaces only
        for pid in $(ip netns pids "$ns" 2>/dev/null); do kill -KILL "$pid" 2>/dev/null; done
        ip netns del "$ns" 2>/dev/null
    done
    LAB_NAMESPACES=()
}

lab_require_root() {
    [ "$(id -u)" = 0 ] || lab_die "needs root (network namespaces)"
    command -v ip >/dev/null || lab_die "needs iproute2"
}

# k4j_build: mvn package (tests skipped) when the distribution is missing or older than the sources.
# K4J_DIST=DIR in the environment runs a distribution saved elsewhere (e.g. a before/after comparison), never rebuilt.
K4J_DIST_GIVEN=${K4J_DIST:+yes}
K4J_DIST=${K4J_DIST:-rpm/target/keepalived4j}
K4J_BIN=$K4J_DIST/bin/keepalived4j
k4j_build() {
    if [ -n "$K4J_DIST_GIVEN" ]; then
        [ -x "$K4J_BIN" ] || lab_die "K4J_DIST=$K4J_DIST has no bin/keepalived4j"
        return 0
    fi
    local stamp; stamp=$(ls "$K4J_DIST"/lib/keepalived4j-agent-*.jar 2>/dev/null | head -n 1)
    if [ ! -x "$K4J_BIN" ] || [ -z "$stamp" ] \
        || [ -n "$(find pom.xml ./*/pom.xml ./*/src -newer "$stamp" -type f -print -quit 2>/dev/null)" ]; then
        echo "== building the distribution (mvn package, tests skipped)"
        mvn -q -B package -DskipTests || exit $?
    fi
}
