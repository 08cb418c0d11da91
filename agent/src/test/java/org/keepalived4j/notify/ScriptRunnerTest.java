package org.keepalived4j.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.keepalived4j.config.model.ScriptCommand;
import org.keepalived4j.config.model.vrrp.VrrpScript;
import org.keepalived4j.track.ScriptTracker;
import org.keepalived4j.track.TrackSource;
import org.keepalived4j.vrrp.loop.LoopTimer;
import org.keepalived4j.vrrp.loop.ThreadEventLoop;

/** Real processes: argv as keepalived builds it, timeouts that kill, a loop thread that never waits. */
class ScriptRunnerTest {
    @TempDir
    Path dir;

    private Path script(String name, String body) throws IOException {
        Path p = dir.resolve(name);
        Files.writeString(p, "#!/bin/sh\n" + body + "\n");
        Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rwxr-xr-x"));
        return p;
    }

    @Test
    void configuredWordsThenExtraArgumentsInOrder() throws Exception {
        Path out = dir.resolve("args");
        Path rec = script("rec.sh", "for a in \"$@\"; do printf '[%s]' \"$a\" >> " + out + "; done; echo >> " + out);
        try (ScriptRunner runner = new ScriptRunner(ScriptPolicy.permissive(), 2, 16)) {
            ScriptResult r = runner.run(ScriptCommand.of(rec + " one 'two words' \"three\""),
                    List.of("INSTANCE", "VI_1", "MASTER", "150"), Optional.empty(), "test").get(30, TimeUnit.SECONDS);
            assertThat(r.succeeded()).isTrue();
        }
        assertThat(Files.readString(out).strip()).isEqualTo("[one][two words][three][INSTANCE][VI_1][MASTER][150]");
    }

    @Test
    void exitStatusIsReported() throws Exception {
        Path fail = script("fail.sh", "exit 3");
        try (ScriptRunner runner = new ScriptRunner(ScriptPolicy.permissive(), 2, 16)) {
            ScriptResult r = runner.run(ScriptCommand.of(fail.toString()), List.of(), Optional.empty(), "test")
                    .get(30, TimeUnit.SECONDS);
            assertThat(r.exitCode()).isEqualTo(3);
            assertThat(r.succeeded()).isFalse();
        }
    }

    @Test
    void disabledScriptsAreNotRun() throws Exception {
        Path out = dir.resolve("ran");
        ScriptCommand cmd = ScriptCommand.of(script("s.sh", "touch " + out).toString());
        ScriptPolicy policy = new ScriptPolicy(Optional.empty(), Optional.empty(), false, Set.of(cmd));
        try (ScriptRunner runner = new ScriptRunner(policy, 2, 16)) {
            ScriptResult r = runner.run(cmd, List.of(), Optional.empty(), "test").get(30, TimeUnit.SECONDS);
            assertThat(r.notRun()).isTrue();
        }
        assertThat(out).doesNotExist();
    }

    @Test
    void timeoutKillsTheScriptAndItsChildren() throws Exception {
        Path pidFile = dir.resolve("pid");
        Path slow = script("slow.sh", "sleep 1000 & echo $! > " + pidFile + "; wait");
        try (ScriptRunner runner = new ScriptRunner(ScriptPolicy.permissive(), 2, 16)) {
            CompletableFuture<ScriptResult> f = runner.run(ScriptCommand.of(slow.toString()), List.of(),
                    Optional.of(Duration.ofMillis(500)), "test");
            ScriptResult r = f.get(60, TimeUnit.SECONDS);
            assertThat(r.timedOut()).isTrue();
            assertThat(r.succeeded()).isFalse();
            long sleepPid = Long.parseLong(Files.readString(pidFile).strip());
            await().atMost(Duration.ofSeconds(30)).until(() -> ProcessHandle.of(sleepPid).map(h -> !h.isAlive()).orElse(true));
        }
    }

    @Test
    void theLoopKeepsRunningWhileATrackScriptHangsUntilItsTimeout() throws Exception {
        Path started = dir.resolve("started");
        Path hang = script("hang.sh", "touch " + started + "; exec sleep 1000");
        ThreadEventLoop loop = new ThreadEventLoop("k4j-test-loop");
        try (ScriptRunner runner = new ScriptRunner(ScriptPolicy.permissive(), 1, 4)) {
            loop.start();
            AtomicLong ticks = new AtomicLong();
            CompletableFuture<LoopTimer> timer = new CompletableFuture<>();
            loop.execute(() -> {
                LoopTimer[] self = new LoopTimer[1];
                self[0] = loop.newTimer(() -> {
                    ticks.incrementAndGet();
                    self[0].arm(TimeUnit.MILLISECONDS.toNanos(10));
                });
                self[0].arm(0);
                timer.complete(self[0]);
            });
            VrrpScript vs = new VrrpScript("hang", ScriptCommand.of(hang.toString()), Duration.ofSeconds(3),
                    Optional.of(Duration.ofSeconds(2)), 0, false, 1, 1, false);
            ScriptTracker tracker = new ScriptTracker(vs, loop, runner);
            tracker.start();
            await().atMost(Duration.ofSeconds(30)).until(() -> Files.exists(started));
            // while the script runs, the loop keeps firing its timer
            long before = ticks.get();
            await().atMost(Duration.ofSeconds(30)).until(() -> ticks.get() > before + 5);
            assertThat(tracker.resultsHandedBack()).isZero();
            assertThat(runner.running()).isEqualTo(1);
            // the timeout kills it and the failure reaches the loop
            await().atMost(Duration.ofSeconds(30)).until(() -> tracker.resultsHandedBack() >= 1);
            CompletableFuture<TrackSource.Status> status = new CompletableFuture<>();
            loop.execute(() -> status.complete(tracker.source().status()));
            assertThat(status.get(30, TimeUnit.SECONDS)).isEqualTo(TrackSource.Status.DOWN);
            tracker.stop();
        } finally {
            loop.close();
        }
    }

    @Test
    void atMostMaxConcurrentScriptsRunAtOnce() throws Exception {
        Path dirOfMarks = Files.createDirectory(dir.resolve("marks"));
        Path gate = dir.resolve("go");
        Path s = script("wait.sh", "touch " + dirOfMarks + "/$1; while [ ! -e " + gate + " ]; do sleep 0.05; done");
        try (ScriptRunner runner = new ScriptRunner(ScriptPolicy.permissive(), 2, 16)) {
            List<CompletableFuture<ScriptResult>> runs = List.of("a", "b", "c", "d").stream()
                    .map(n -> runner.run(ScriptCommand.of(s.toString()), List.of(n), Optional.of(Duration.ofSeconds(60)), "t"))
                    .toList();
            await().atMost(Duration.ofSeconds(30)).until(() -> runner.running() == 2);
            try (var marks = Files.list(dirOfMarks)) {
                assertThat(marks.count()).isEqualTo(2);
            }
            Files.createFile(gate);
            for (CompletableFuture<ScriptResult> r : runs) {
                assertThat(r.get(60, TimeUnit.SECONDS).succeeded()).isTrue();
            }
            try (var marks = Files.list(dirOfMarks)) {
                assertThat(marks.count()).isEqualTo(4);
            }
        }
    }

    @Test
    void scriptRunsAsTheConfiguredUser() throws Exception {
        org.junit.jupiter.api.Assumptions.assumeTrue("root".equals(System.getProperty("user.name")), "needs root");
        Path shared = Files.createTempDirectory(Path.of("/tmp"), "k4j-runas");
        try {
            Files.setPosixFilePermissions(shared, PosixFilePermissions.fromString("rwxrwxrwx"));
            Path out = shared.resolve("who");
            Path who = shared.resolve("who.sh");
            Files.writeString(who, "#!/bin/sh\nid -un > " + out + "\n");
            Files.setPosixFilePermissions(who, PosixFilePermissions.fromString("rwxr-xr-x"));
            ScriptCommand cmd = new ScriptCommand(who.toString(), Optional.of("nobody"), Optional.empty());
            try (ScriptRunner runner = new ScriptRunner(ScriptPolicy.permissive(), 1, 4)) {
                assertThat(runner.run(cmd, List.of(), Optional.empty(), "t").get(30, TimeUnit.SECONDS).succeeded()).isTrue();
            }
            assertThat(Files.readString(out).strip()).isEqualTo("nobody");
        } finally {
            try (var files = Files.list(shared)) {
                files.forEach(f -> f.toFile().delete());
            }
            Files.deleteIfExists(shared);
        }
    }

    @Test
    void runAsAnotherUserGoesThroughSetpriv() {
        RunAs other = new RunAs(Optional.of("nobody"), Optional.of("nogroup"));
        assertThat(other.prefix("root")).containsExactly("setpriv", "--reuid", "nobody", "--regid", "nogroup",
                "--clear-groups", "--");
        assertThat(new RunAs(Optional.of("root"), Optional.empty()).prefix("root")).isEmpty();
        assertThat(RunAs.DAEMON.prefix("root")).isEmpty();
    }
}
