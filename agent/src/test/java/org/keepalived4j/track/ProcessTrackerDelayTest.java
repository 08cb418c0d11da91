package org.keepalived4j.track;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.keepalived4j.config.model.vrrp.TrackProcess;
import org.keepalived4j.vrrp.sim.VirtualEventLoop;

/**
 * quorum_max, fork_delay and terminate_delay in virtual time: the scans read a /proc-shaped directory the test fills,
 * on the loop thread (a direct executor), so every step is deterministic.
 */
class ProcessTrackerDelayTest {
    @TempDir
    Path proc;
    private int nextPid = 100;
    private final List<Path> pids = new ArrayList<>();

    private void startProcess() throws IOException {
        Path pid = Files.createDirectory(proc.resolve(Integer.toString(nextPid++)));
        Files.writeString(pid.resolve("stat"), pid.getFileName() + " (haproxy) S 1 1 1", StandardCharsets.UTF_8);
        Files.write(pid.resolve("cmdline"), "haproxy\0".getBytes(StandardCharsets.UTF_8));
        pids.add(pid);
    }

    private void stopProcess() throws IOException {
        Path pid = pids.remove(pids.size() - 1);
        Files.delete(pid.resolve("stat"));
        Files.delete(pid.resolve("cmdline"));
        Files.delete(pid);
    }

    @Test
    void quorumRangeWithForkAndTerminateDelays() throws Exception {
        VirtualEventLoop loop = new VirtualEventLoop();
        TrackProcess config = new TrackProcess("tp", "haproxy", List.of(), TrackProcess.ParamMatch.NONE, false, 1,
                false, 1, 2, Duration.ofSeconds(1), Duration.ofSeconds(3));
        ProcessTracker tracker = new ProcessTracker(config, loop, Runnable::run, new ProcessTable(proc),
                Duration.ofMillis(100));
        List<TrackSource.Status> seen = new ArrayList<>();
        tracker.source().addListener(() -> seen.add(tracker.source().status()));
        assertThat(tracker.source().status()).isEqualTo(TrackSource.Status.DOWN);
        tracker.start();
        loop.runPending();

        startProcess();
        loop.advanceBy(Duration.ofMillis(800));
        assertThat(tracker.source().status()).as("fork_delay not over").isEqualTo(TrackSource.Status.DOWN);
        loop.advanceBy(Duration.ofMillis(500));
        assertThat(tracker.source().status()).isEqualTo(TrackSource.Status.UP);

        startProcess();
        startProcess(); // 3 > quorum_max 2
        loop.advanceBy(Duration.ofSeconds(1));
        assertThat(tracker.lastCount()).isEqualTo(3);
        assertThat(tracker.source().status()).as("terminate_delay not over").isEqualTo(TrackSource.Status.UP);
        stopProcess(); // back to 2 within the delay: the loss is never seen
        loop.advanceBy(Duration.ofSeconds(5));
        assertThat(tracker.source().status()).isEqualTo(TrackSource.Status.UP);

        startProcess();
        loop.advanceBy(Duration.ofMillis(3200));
        assertThat(tracker.source().status()).isEqualTo(TrackSource.Status.DOWN);
        stopProcess();
        stopProcess();
        stopProcess(); // 0 < quorum 1: still DOWN, no event
        loop.advanceBy(Duration.ofSeconds(2));
        assertThat(seen).containsExactly(TrackSource.Status.UP, TrackSource.Status.DOWN);
        tracker.stop();
    }
}
