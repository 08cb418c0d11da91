#!/usr/bin/env bash
# The project's test command (README, "Commands"); CI runs it through .ci/run.
# Installs what the tests need when something is missing, then runs every test, including those tagged netns and
# interop (they need root: network namespaces, Debian's keepalived). Extra arguments go to Maven.
# Exits with Maven's status.
set -euo pipefail
cd "$(dirname "$0")"

missing=()
have() { command -v "$1" >/dev/null 2>&1 || [ -x "/usr/sbin/$1" ] || [ -x "/sbin/$1" ]; }
have keepalived || missing+=(keepalived)
have tshark || missing+=(tshark)
have snmpget || missing+=(snmp)
have snmpd || missing+=(snmpd)
have snmptrapd || missing+=(snmptrapd)
have ip || missing+=(iproute2)
have mvn || missing+=(maven)
have javac || missing+=(openjdk-17-jdk-headless)

if ((${#missing[@]})); then
    echo "test.sh: missing ${missing[*]}; installing" >&2
    sudo=()
    [ "$(id -u)" -eq 0 ] || sudo=(sudo)
    export DEBIAN_FRONTEND=noninteractive
    "${sudo[@]}" apt-get update
    # the whole list: apt-get leaves what is already installed alone
    "${sudo[@]}" apt-get install -y keepalived tshark snmp snmpd snmptrapd iproute2
    for extra in maven openjdk-17-jdk-headless; do
        if [[ " ${missing[*]} " == *" $extra "* ]]; then "${sudo[@]}" apt-get install -y "$extra"; fi
    done
fi

if [ "$(id -u)" -ne 0 ]; then
    echo "test.sh: not root: the netns and interop tests will fail (run as root, or add -Dk4j.skipNetns=true)" >&2
fi

exec mvn -B verify "$@"
