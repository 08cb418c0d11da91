#!/bin/sh
# Proves the assembled launcher runs: usage: launcher-check.sh DIST_DIR (e.g. rpm/target/keepalived4j).
# Runs only config-test, version and help modes: nothing touches the network.
dist=${1:?usage: $0 DIST_DIR}
launcher=$dist/bin/keepalived4j
work=$(mktemp -d) || exit 1
trap 'rm -rf "$work"' EXIT
failures=0

fail() {
    echo "launcher-check: FAIL: $*" >&2
    failures=$((failures + 1))
}

# run NAME ARGS...: runs the launcher, leaving stdout/stderr in $work/NAME.out/.err and the exit code in $rc
run() {
    name=$1
    shift
    "$launcher" "$@" >"$work/$name.out" 2>"$work/$name.err"
    rc=$?
}

[ -x "$launcher" ] || fail "$launcher is not executable"
ls "$dist"/lib/keepalived4j-agent-*.jar "$dist"/lib/keepalived4j-native-*.jar "$dist"/lib/keepalived4j-jmx-*.jar \
    "$dist"/lib/keepalived4j-mib-*.jar "$dist"/lib/log4j-core-*.jar "$dist"/lib/jnr-ffi-*.jar >/dev/null \
    || fail "lib/ lacks a jar"

run version -v
[ "$rc" -eq 0 ] || fail "-v exited $rc"
head -n 1 "$work/version.err" | grep -Eq '^keepalived4j v[0-9]+\.[0-9]+\.[0-9]+' || fail "-v printed: $(cat "$work/version.err")"

run help --help
[ "$rc" -eq 0 ] || fail "--help exited $rc"
grep -q -- '--config-test\[=LOG_FILE\]' "$work/help.err" || fail "--help does not list --config-test"

run usage --no-such-option
[ "$rc" -eq 1 ] || fail "an unknown option exited $rc, not 1"
grep -q 'Unknown option --no-such-option' "$work/usage.err" || fail "no message for an unknown option"

# keepalived 2.2.7: -t on a missing file says so and exits 0
run missing -t -f "$work/missing.conf"
[ "$rc" -eq 0 ] || fail "-t of a missing file exited $rc"
grep -q "Config files missing '$work/missing.conf'" "$work/missing.err" || fail "-t of a missing file: $(cat "$work/missing.err")"

# a configuration keepalived 2.2.7 -t accepts on any host (exit 0)
printf 'global_defs {\n    router_id k4j_launcher_check\n}\n' >"$work/valid.conf"
run valid -t -f "$work/valid.conf"
if grep -q 'UnsupportedOperationException' "$work/valid.err"; then
    # until the configuration reader is merged (issue 2) the loader throws; everything up to it ran
    echo "launcher-check: SKIP -t on a sample: configuration reader not merged yet" >&2
elif [ "$rc" -ne 0 ]; then
    fail "-t of a valid sample exited $rc: $(cat "$work/valid.err")"
fi

# through a symlink elsewhere, as /usr/sbin/keepalived4j will be
ln -s "$(cd "$dist" && pwd)/bin/keepalived4j" "$work/keepalived4j"
"$work/keepalived4j" -v >/dev/null 2>&1 || fail "the launcher does not run through a symlink"

# JAVA_HOME and KEEPALIVED4J_JAVA_OPTS are honoured
JAVA_HOME=$work/no-java "$launcher" -v >/dev/null 2>"$work/javahome.err"
[ $? -eq 2 ] && grep -q 'JAVA_HOME' "$work/javahome.err" || fail "a bad JAVA_HOME is not reported"
KEEPALIVED4J_JAVA_OPTS=-XX:+NoSuchJvmFlagForTheCheck "$launcher" -v >/dev/null 2>"$work/opts.err"
grep -q 'NoSuchJvmFlagForTheCheck' "$work/opts.err" || fail "KEEPALIVED4J_JAVA_OPTS does not reach the JVM"

# KEEPALIVED4J_JVM_PROFILE: both profiles start a JVM, anything else is refused by name
for profile in footprint latency; do
    KEEPALIVED4J_JVM_PROFILE=$profile "$launcher" -v >/dev/null 2>"$work/profile.err" \
        || fail "KEEPALIVED4J_JVM_PROFILE=$profile: $(cat "$work/profile.err")"
done
KEEPALIVED4J_JVM_PROFILE=fastest "$launcher" -v >/dev/null 2>"$work/profile.err"
[ $? -eq 2 ] && grep -q 'KEEPALIVED4J_JVM_PROFILE=fastest' "$work/profile.err" || fail "an unknown profile is not reported"

if [ "$failures" -ne 0 ]; then
    echo "launcher-check: $failures failure(s)" >&2
    exit 1
fi
echo "launcher-check: OK ($launcher)"
