#!/usr/bin/env bash
# Do hanging and continuously spawned track scripts delay adverts? keepalived4j node A masters INSTANCES VRRPv3
# instances at advert_int ADVERT (priority 150); Debian's keepalived 2.2.7 on node B is their backup (priority 100,
# a C daemon, so the peer adds little CPU noise). Per round, A runs once per variant:
#   idle     no vrrp_script at all (the baseline);
#   scripts  HANGING scripts "/bin/sleep 1000" (interval 1 s, timeout HANG_TIMEOUT s: each run hangs until killed, so
#            HANGING runner slots are always busy) and SPAWNING scripts "/bin/true" (interval 1 s: SPAWNING process
#            starts per second); instance V tracks hang_((V-1)%HANGING+1) (weight -1) and spawn_((V-1)%SPAWNING+1)
#            (weight +1), so A's priority stays 150 and B stays backup.
# tshark in the bridge namespace captures DURATION s of adverts once A holds every VIP; per VRID the interval between
# consecutive adverts of A minus ADVERT is the deviation (p50/p99/max). Adverts sent by B = spurious failovers.
#
#   bench/hanging-script.sh          # as root; INSTANCES=50 ADVERT=0.05 DURATION=120 ROUNDS=1 HANGING=4 SPAWNING=40
#   VARIANTS=scripts ROUNDS=2 bench/hanging-script.sh
#   VARIANTS="scripts scripts+VFORK" bench/hanging-script.sh   # +MECHANISM: A's scripts started with
#                                    -Djdk.lang.Process.launchMechanism=MECHANISM (JDK 17 on Linux: POSIX_SPAWN default)
set -uo pipefail
cd "$(dirname "$0")/.."
. bench/lib/lab.sh
# sub-second advert intervals: the launcher's latency profile (ZGC), as README.md advises for them
export KEEPALIVED4J_JVM_PROFILE=${KEEPALIVED4J_JVM_PROFILE:-latency}
. bench/lib/adverts.sh
lab_require_root
command -v tshark >/dev/null || lab_die "needs tshark"
command -v keepalived >/dev/null || lab_die "needs Debian's keepalived (the backup peer)"
INSTANCES=${INSTANCES:-50}
ADVERT=${ADVERT:-0.05}
DURATION=${DURATION:-120}
ROUNDS=${ROUNDS:-1}
HANGING=${HANGING:-4}
SPAWNING=${SPAWNING:-40}
HANG_TIMEOUT=${HANG_TIMEOUT:-3}
VARIANTS=${VARIANTS:-"idle scripts"}
(( INSTANCES >= 1 && INSTANCES <= 255 && DURATION >= 10 && DURATION <= 900 && ROUNDS >= 1 && ROUNDS <= 5 \
   && HANGING >= 1 && HANGING <= 100 && SPAWNING >= 1 && SPAWNING <= 500 )) \
    || lab_die "INSTANCES 1..255, DURATION 10..900, ROUNDS 1..5, HANGING 1..100, SPAWNING 1..500"
k4j_build

LAB_PREFIX=hs-$$
LAB_NET=108
out=bench/results/hanging-script-$(date -u +%Y%m%dT%H%M%S)
mkdir -p "$out"
trap 'lab_cleanup' EXIT
trap 'exit 130' INT TERM
lab_bridge 1
lab_node a 1
lab_node b 2

track_scripts() { # adverts_conf extra: the scripts, then each instance's track_script
    local k
    if [ "$1" = top ]; then
        for ((k = 1; k <= HANGING; k++)); do
            printf 'vrrp_script hang_%d {\n    script "/bin/sleep 1000"\n    interval 1\n    timeout %d\n    weight -1\n}\n' \
                "$k" "$HANG_TIMEOUT"
        done
        for ((k = 1; k <= SPAWNING; k++)); do
            printf 'vrrp_script spawn_%d {\n    script "/bin/true"\n    interval 1\n    weight 1\n}\n' "$k"
        done
    else
        printf '    track_script {\n        hang_%d\n        spawn_%d\n    }\n' \
            $(( ($1 - 1) % HANGING + 1 )) $(( ($1 - 1) % SPAWNING + 1 ))
    fi
}
adverts_conf "$out/idle.conf" 150 "$INSTANCES" "$ADVERT"
adverts_conf "$out/scripts.conf" 150 "$INSTANCES" "$ADVERT" track_scripts
adverts_conf "$out/b.conf" 100 "$INSTANCES" "$ADVERT"
ns_a=$(lab_ns a)
sleeps_in_a() { ip netns pids "$ns_a" | xargs -r ps -o args= -p 2>/dev/null | grep -c '/bin/sleep 1000'; }

echo "== hanging-script: $INSTANCES instances v3/$ADVERT s, $HANGING hanging + $SPAWNING spawning scripts," \
     "DURATION=$DURATION s x $ROUNDS round(s), load $(cut -d' ' -f1-3 /proc/loadavg); results in $out" | tee "$out/summary.txt"
lab_start b "$out/b.log" keepalived -n -l -D -P -f "$out/b.conf" -p "$out/b-keepalived.pid" -r "$out/b-vrrp.pid"
pid_b=$LAB_LAST_PID
for ((round = 1; round <= ROUNDS; round++)); do
    for variant in $VARIANTS; do
        conf=${variant%%+*}
        launch=; [ "$conf" = "$variant" ] || launch="-Djdk.lang.Process.launchMechanism=${variant#*+}"
        [ -f "$out/$conf.conf" ] || { echo "unknown variant $variant (idle, scripts, scripts+VFORK ...)"; continue; }
        dir=$out/$variant-$round; mkdir -p "$dir"
        lab_start a "$dir/a.log" env KEEPALIVED4J_JAVA_OPTS="$launch" "$K4J_BIN" -n -l -f "$out/$conf.conf" \
            -p "$dir/a.pid"; pid_a=$LAB_LAST_PID
        lab_wait 60 eval '[ "$(adverts_vip_count a)" -ge '"$INSTANCES"' ] && [ "$(adverts_vip_count b)" -eq 0 ]' \
            || echo "   $variant: A holds $(adverts_vip_count a), B $(adverts_vip_count b) VIPs after 60 s"
        sleep $(( HANG_TIMEOUT + 2 ))   # the hanging scripts reach their steady state: one run always hanging
        masters_before=$(grep -c 'Entering MASTER STATE' "$out/b.log")
        sleeps_max=0
        ( for ((i = 0; i < DURATION; i++)); do sleeps_in_a; sleep 1; done > "$dir/sleeps.txt" ) &
        sampler=$!
        adverts_capture "$dir" "$DURATION"
        wait "$sampler"
        sleeps_max=$(sort -n "$dir/sleeps.txt" | tail -n 1)
        masters_b=$(( $(grep -c 'Entering MASTER STATE' "$out/b.log") - masters_before ))
        timed_out=$(grep -c 'timed out after' "$dir/a.log")
        skipped=$(grep -c 'still running' "$dir/a.log")
        refused=$(grep -c 'too many scripts queued' "$dir/a.log")
        lab_stop "$pid_a" TERM 15
        result=$(adverts_analyse "$dir" "10.$LAB_NET.0.1" "10.$LAB_NET.0.2" "$ADVERT")
        echo "$variant round $round: $result backup_MASTER_transitions=$masters_b hang_kills=$timed_out" \
             "skipped_runs=$skipped refused_runs=$refused max_hanging_sleeps=${sleeps_max:-0} load=$(cut -d' ' -f1 /proc/loadavg)" \
            | tee -a "$out/summary.txt"
        sleep 2
    done
done
lab_stop "$pid_b" TERM 15
