package org.keepalived4j.track;

import static org.assertj.core.api.Assertions.assertThat;
import static org.keepalived4j.config.model.vrrp.TrackProcess.ParamMatch.EXACT;
import static org.keepalived4j.config.model.vrrp.TrackProcess.ParamMatch.INITIAL;
import static org.keepalived4j.config.model.vrrp.TrackProcess.ParamMatch.NONE;
import static org.keepalived4j.config.model.vrrp.TrackProcess.ParamMatch.PARTIAL;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.keepalived4j.config.model.vrrp.TrackProcess;

/** Which running processes a vrrp_track_process counts: keepalived 2.2.7's name and param_match rules, on real /proc. */
class ProcessTableTest {
    @TempDir
    Path dir;
    private final List<Process> started = new ArrayList<>();

    @AfterEach
    void stop() throws InterruptedException {
        for (Process p : started) {
            p.destroyForcibly().waitFor();
        }
    }

    private static TrackProcess process(String name, List<String> params, TrackProcess.ParamMatch match, boolean full) {
        return new TrackProcess("tp", name, params, match, full, 1, false, 1, TrackProcess.NO_QUORUM_MAX,
                Duration.ZERO, Duration.ZERO);
    }

    @Test
    void parametersMatchAsKeepalivedsCheckParams() {
        List<String> actual = List.of("-f", "/etc/haproxy.cfg", "-db");
        assertThat(ProcessTable.parametersMatch(NONE, List.of("x"), actual)).isTrue();
        assertThat(ProcessTable.parametersMatch(EXACT, actual, actual)).isTrue();
        assertThat(ProcessTable.parametersMatch(EXACT, List.of("-f", "/etc/haproxy.cfg"), actual)).isFalse();
        assertThat(ProcessTable.parametersMatch(EXACT, List.of(), List.of())).isTrue();
        assertThat(ProcessTable.parametersMatch(EXACT, List.of(), actual)).isFalse();
        assertThat(ProcessTable.parametersMatch(PARTIAL, List.of("-f", "/etc/haproxy.cfg"), actual)).isTrue();
        assertThat(ProcessTable.parametersMatch(PARTIAL, List.of("-f", "/etc/haproxy"), actual)).isFalse();
        assertThat(ProcessTable.parametersMatch(PARTIAL, List.of("-f", "/etc/haproxy.cfg", "-db", "-x"), actual)).isFalse();
        assertThat(ProcessTable.parametersMatch(INITIAL, List.of("-f", "/etc/haproxy"), actual)).isTrue();
        assertThat(ProcessTable.parametersMatch(INITIAL, List.of("-", "/etc/haproxy"), actual)).isFalse();
        assertThat(ProcessTable.parametersMatch(INITIAL, List.of(), actual)).isTrue();
    }

    @Test
    void quorumRangeIncludesBothEnds() {
        TrackProcess p = new TrackProcess("tp", "x", List.of(), NONE, false, 1, false, 2, 3, Duration.ZERO, Duration.ZERO);
        assertThat(List.of(1, 2, 3, 4).stream().map(p::quorumMet).toList()).containsExactly(false, true, true, false);
        TrackProcess none = new TrackProcess("tp", "x", List.of(), NONE, false, 1, false, 0, 0, Duration.ZERO, Duration.ZERO);
        assertThat(none.quorumMet(0)).isTrue();
        assertThat(none.quorumMet(1)).isFalse();
    }

    /** Three copies of sleep under a name no other process has, with different parameters. */
    @Test
    void countsRealProcessesByCommOrCommandLineAndParameters() throws Exception {
        String name = "k4jpt" + ProcessHandle.current().pid();
        Path binary = dir.resolve(name);
        Files.copy(Path.of("/bin/sleep"), binary, StandardCopyOption.COPY_ATTRIBUTES);
        String path = binary.toString();
        for (List<String> args : List.of(List.of("1000", "1"), List.of("1000", "10"), List.of("999"))) {
            List<String> argv = new ArrayList<>(List.of(path));
            argv.addAll(args);
            started.add(new ProcessBuilder(argv).start());
        }
        ProcessTable table = new ProcessTable();
        String comm = name.length() > 15 ? name.substring(0, 15) : name;
        // processes appear in /proc once started; their comm is set at exec, so wait for all three by name
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (table.count(process(name, List.of(), NONE, false)) < 3 && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertThat(table.count(process(name, List.of(), NONE, false))).as("comm " + comm).isEqualTo(3);
        assertThat(table.count(process(path, List.of(), NONE, true))).as("full_command: argv[0]").isEqualTo(3);
        assertThat(table.count(process(name, List.of(), NONE, true))).as("full_command wants argv[0] exactly").isZero();
        assertThat(table.count(process(path, List.of("1000", "1"), EXACT, true))).isEqualTo(1);
        assertThat(table.count(process(path, List.of("1000"), PARTIAL, true))).isEqualTo(2);
        assertThat(table.count(process(path, List.of("1000", "1"), PARTIAL, true))).isEqualTo(1);
        assertThat(table.count(process(path, List.of("1000", "1"), INITIAL, true))).isEqualTo(2);
        assertThat(table.count(process(path, List.of("99"), INITIAL, true))).isEqualTo(1);
        assertThat(table.count(process(path, List.of(), EXACT, true))).as("param_match without parameters").isZero();
    }
}
