#!/usr/bin/env bash
# `./run.sh check`: builds the distribution if needed (tests skipped), then
# runs bin/keepalived4j -t and -d on each sample configuration in conf/ and prints what they say.
# Config test and dump only: no network action of any kind. The VRRP work will turn this into a namespace demo.
set -uo pipefail
cd "$(dirname "$0")/.."

dist=rpm/target/keepalived4j
launcher=$dist/bin/keepalived4j
stamp=$(ls "$dist"/lib/keepalived4j-agent-*.jar 2>/dev/null | head -n 1)
if [ ! -x "$launcher" ] || [ -z "$stamp" ] \
    || [ -n "$(find pom.xml ./*/pom.xml ./*/src -newer "$stamp" -type f -print -quit 2>/dev/null)" ]; then
    echo "== building the distribution (mvn package, tests skipped)"
    mvn -q -B package -DskipTests || exit $?
fi

samples=(conf/*.conf)
if [ ! -e "${samples[0]}" ]; then
    echo "== no conf/*.conf yet; using keepalived's own samples"
    samples=(/usr/share/doc/keepalived/samples/keepalived.conf.vrrp /usr/share/doc/keepalived/samples/keepalived.conf.sample)
fi

meaning() {
    case $1 in
        0) echo "valid" ;;
        1) echo "usage error" ;;
        2) echo "could not load" ;;
        4) echo "keepalived could not run it" ;;
        5) echo "errors, but keepalived would run it" ;;
        6) echo "scripts without enable_script_security" ;;
        *) echo "unexpected" ;;
    esac
}

for sample in "${samples[@]}"; do
    [ -e "$sample" ] || continue
    echo
    echo "== $launcher -t -f $sample"
    "$launcher" -t -f "$sample"
    rc=$?
    echo "-- exit $rc: $(meaning "$rc")"
    echo "== $launcher -d -f $sample"
    "$launcher" -d -f "$sample" 2>/dev/null
    echo "-- exit $?"
done
