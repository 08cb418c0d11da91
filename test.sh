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
    # Debian starts snmpd (and keepalived, given a config) from the package scripts; nothing of ours may run in the
    # root network namespace, so forbid service start-ups for the duration of the install.
    policy=/usr/sbin/policy-rc.d
    made_policy=
    if [ ! -e "$policy" ]; then
        printf '#!/bin/sh\nexit 101\n' | "${sudo[@]}" tee "$policy" >/dev/null
        "${sudo[@]}" chmod 755 "$policy"
        made_policy=1
    fi
    "${sudo[@]}" apt-get update
    # the whole list: apt-get leaves what is already installed alone
    "${sudo[@]}" apt-get install -y keepalived tshark snmp snmpd snmptrapd iproute2
    for extra in maven openjdk-17-jdk-headless; do
        if [[ " ${missing[*]} " == *" $extra "* ]]; then "${sudo[@]}" apt-get install -y "$extra"; fi
    done
    [ -z "$made_policy" ] || "${sudo[@]}" rm -f "$policy"
fi

if [ "$(id -u)" -ne 0 ]; then
    echo "test.sh: not root: the netns and interop tests will fail (run as root, or add -Dk4j.skipNetns=true)" >&2
fi

exec mvn -B verify "$@"
