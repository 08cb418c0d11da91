#!/bin/bash
# Benchmark: keepalived4j parse+validate vs keepalived -t on 1,000 VRRP instances and
# 1,000 virtual servers x 10 real servers. Usage: bench/config-parse.sh [WARM_RUNS]
# Builds agent (tests skipped), runs ConfigParseBenchmark, writes bench/results/ (git-ignored).
# keepalived -t runs in a throw-away k4j- network namespace with the interfaces lan0..lan3
# (needs root and Debian's keepalived; skipped otherwise). Nothing outside the namespace is touched.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)
WARM=${1:-15}
RESULTS="$ROOT/bench/results"
mkdir -p "$RESULTS"

mvn -q -o -B -pl agent -am test-compile -DskipTests

M2=${M2_REPO:-$HOME/.m2/repository}
LOG4J=$(sed -n 's:.*<log4j.version>\(.*\)</log4j.version>.*:\1:p' pom.xml)
CP="$ROOT/agent/target/classes:$ROOT/agent/target/test-classes:$ROOT/native/target/classes"
CP="$CP:$M2/org/apache/logging/log4j/log4j-api/$LOG4J/log4j-api-$LOG4J.jar"
CP="$CP:$M2/org/apache/logging/log4j/log4j-core/$LOG4J/log4j-core-$LOG4J.jar"

NS=""
cleanup() { if [ -n "$NS" ]; then ip netns del "$NS" 2>/dev/null || true; fi; }
trap cleanup EXIT
if [ "$(id -u)" = 0 ] && [ -x /usr/sbin/keepalived ] && command -v ip >/dev/null; then
    NS="k4j-bench-$$"
    ip netns add "$NS"
    ip -n "$NS" link set lo up
    n=0
    for IF in lan0 lan1 lan2 lan3; do
        # dummy when the kernel has it, else a veth pair with both ends in the namespace
        ip -n "$NS" link add "$IF" type dummy 2>/dev/null || ip -n "$NS" link add "$IF" type veth peer name "k4jbp$n"
        ip -n "$NS" link set "$IF" up
        n=$((n+1))
    done
else
    echo "keepalived -t comparison skipped (needs root, ip and /usr/sbin/keepalived)" >&2
fi

# Default JVM settings on purpose: "under one second after JVM start-up" is about a plain start.
java -cp "$CP" org.keepalived4j.config.conformance.ConfigParseBenchmark "$RESULTS" "$WARM" $NS
