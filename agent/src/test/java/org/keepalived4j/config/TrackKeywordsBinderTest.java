package org.keepalived4j.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.keepalived4j.config.ConfTestSupport.errors;
import static org.keepalived4j.config.ConfTestSupport.load;
import static org.keepalived4j.config.ConfTestSupport.warnings;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.keepalived4j.config.model.ScriptCommand;
import org.keepalived4j.config.model.vrrp.NotifyScripts;
import org.keepalived4j.config.model.vrrp.TrackProcess;
import org.keepalived4j.config.model.vrrp.TrackProcess.ParamMatch;

/** vrrp_track_process param_match/quorum_max/fork_delay/terminate_delay/full_command and notify_deleted, as keepalived 2.2.7 reads them. */
class TrackKeywordsBinderTest {
    private static final String INSTANCE = """
            vrrp_instance VI_1 {
                interface lan0
                virtual_router_id 51
                priority 100
                virtual_ipaddress {
                    10.20.0.1/24
                }
            %s}
            """;

    @Test
    void trackProcessOptions() {
        ConfigLoader.Result r = load("""
                vrrp_track_process a {
                    process haproxy -f /etc/haproxy
                    param_match initial
                    quorum_max 3
                    quorum 2
                    fork_delay 0.5
                    terminate_delay 2
                }
                vrrp_track_process b {
                    process nginx
                    full_command
                    delay 1.5
                }
                vrrp_track_process c {
                    process nginx
                    param_match
                    quorum_max 0
                }
                vrrp_track_process d {
                    process sshd -D
                }
                """ + INSTANCE.formatted(""));
        assertThat(errors(r)).isEmpty();
        assertThat(warnings(r)).isEmpty();
        assertThat(r.config().vrrp().trackProcesses()).containsExactly(
                new TrackProcess("a", "haproxy", List.of("-f", "/etc/haproxy"), ParamMatch.INITIAL, true, 1, false, 2, 3,
                        Duration.ofMillis(500), Duration.ofSeconds(2)),
                new TrackProcess("b", "nginx", List.of(), ParamMatch.NONE, true, 1, false, 1, TrackProcess.NO_QUORUM_MAX,
                        Duration.ofMillis(1500), Duration.ofMillis(1500)),
                new TrackProcess("c", "nginx", List.of(), ParamMatch.EXACT, true, 1, false, 0, 0, Duration.ZERO,
                        Duration.ZERO),
                new TrackProcess("d", "sshd", List.of("-D"), ParamMatch.EXACT, true, 1, false, 1,
                        TrackProcess.NO_QUORUM_MAX, Duration.ZERO, Duration.ZERO));
    }

    @Test
    void trackProcessMistakesAreReportedWithKeepalivedsWordsAndIgnored() {
        ConfigLoader.Result r = load("""
                vrrp_track_process a {
                    process haproxy
                    param_match whole
                    quorum 3
                    quorum_max 2
                    delay 0
                }
                vrrp_track_process b {
                    process haproxy
                    quorum_max 2
                    quorum 3
                }
                """ + INSTANCE.formatted(""));
        assertThat(errors(r)).hasSize(4);
        assertThat(errors(r).get(0)).startsWith("test.conf:3: error: Invalid param_match type whole - ignoring");
        assertThat(errors(r).get(1)).startsWith("test.conf:5: error: quorum_max is less than quorum - ignoring");
        assertThat(errors(r).get(2)).startsWith("test.conf:6: error:");
        assertThat(errors(r).get(3)).startsWith("test.conf:11: error: Quorum is greater than quorum_max - ignoring");
        assertThat(r.config().vrrp().trackProcesses()).extracting(TrackProcess::quorum, TrackProcess::quorumMax,
                TrackProcess::paramMatch).containsExactly(
                org.assertj.core.groups.Tuple.tuple(3, TrackProcess.NO_QUORUM_MAX, ParamMatch.NONE),
                org.assertj.core.groups.Tuple.tuple(1, 2, ParamMatch.NONE));
    }

    @Test
    void notifyDeletedWithAndWithoutScript() {
        ConfigLoader.Result r = load("""
                vrrp_instance VI_1 {
                    interface lan0
                    virtual_router_id 51
                    priority 100
                    notify_deleted
                }
                vrrp_instance VI_2 {
                    interface lan0
                    virtual_router_id 52
                    priority 100
                    notify_deleted "/usr/local/bin/gone VI_2" nobody
                }
                vrrp_instance VI_3 {
                    interface lan0
                    virtual_router_id 53
                    priority 100
                }
                """);
        NotifyScripts n1 = r.config().vrrp().instance("VI_1").orElseThrow().notifyScripts();
        NotifyScripts n2 = r.config().vrrp().instance("VI_2").orElseThrow().notifyScripts();
        NotifyScripts n3 = r.config().vrrp().instance("VI_3").orElseThrow().notifyScripts();
        assertThat(n1.notifyDeleted()).isTrue();
        assertThat(n1.deleted()).isEmpty();
        assertThat(n2.notifyDeleted()).isTrue();
        assertThat(n2.deleted()).contains(new ScriptCommand("/usr/local/bin/gone VI_2", Optional.of("nobody"),
                Optional.empty()));
        assertThat(n3.notifyDeleted()).isFalse();
        assertThat(errors(r)).noneMatch(e -> e.contains("notify_deleted"));
    }
}
