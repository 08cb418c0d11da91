package org.keepalived4j.daemon;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.io.TempDir;

/** Real signals to a real daemon process (see {@link DaemonSignalHarness}): HUP reloads, TERM and INT stop. */
class DaemonSignalTest {
    private static final long PATIENCE_MS = 30_000;

    @TempDir
    Path dir;

    private final List<Process> started = new ArrayList<>();

    @AfterEach
    void killWhatWeStarted() {
        started.forEach(Process::destroyForcibly);
    }

    @ParameterizedTest
    @ValueSource(strings = {"TERM", "INT"})
    void hupReloadsABadReloadIsSurvivedAndStopRemovesThePidFile(String stopSignal) throws Exception {
        Path conf = Files.writeString(dir.resolve("keepalived.conf"), "good\n");
        Path pid = dir.resolve("keepalived.pid");
        Path out = dir.resolve("stdout");
        Path err = dir.resolve("stderr");
        Process daemon = new ProcessBuilder(javaCommand(), "-cp", System.getProperty("java.class.path"),
                DaemonSignalHarness.class.getName(), "-l", "-f", conf.toString(), "-p", pid.toString())
                .redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        started.add(daemon);

        waitFor(() -> pidFileNames(pid, daemon.pid()), "pid file " + pid + " naming " + daemon.pid(), err);
        // the pid file is written before the subsystems start, so wait for the start itself
        waitFor(() -> !lines(out).isEmpty(), "the subsystem start", err);
        assertThat(lines(out)).containsExactly("start");

        signal("HUP", daemon.pid());
        waitFor(() -> lines(out).size() == 2, "a reload", err);
        assertThat(lines(out)).containsExactly("start", "reload");

        Files.writeString(conf, "fatal\n");
        signal("HUP", daemon.pid());
        waitFor(() -> read(err).contains("Reload failed"), "the failed reload in the log", err);
        assertThat(daemon.isAlive()).isTrue();
        assertThat(lines(out)).containsExactly("start", "reload");

        signal(stopSignal, daemon.pid());
        assertThat(daemon.waitFor(PATIENCE_MS, TimeUnit.MILLISECONDS)).as("daemon stopped").isTrue();
        assertThat(daemon.exitValue()).isZero();
        assertThat(lines(out)).containsExactly("start", "reload", "stop");
        assertThat(pid).doesNotExist();
        assertThat(read(err)).contains("Stopped keepalived4j");
    }

    private static String javaCommand() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    private static void signal(String name, long pid) throws IOException, InterruptedException {
        Process kill = new ProcessBuilder("kill", "-s", name, Long.toString(pid)).inheritIO().start();
        assertThat(kill.waitFor(PATIENCE_MS, TimeUnit.MILLISECONDS)).isTrue();
        assertThat(kill.exitValue()).isZero();
    }

    private static boolean pidFileNames(Path pid, long expected) {
        try {
            return Files.readString(pid).strip().equals(Long.toString(expected));
        } catch (IOException e) {
            return false;
        }
    }

    /** Bounded wait; the failure message carries the daemon's log. */
    private static void waitFor(BooleanSupplier condition, String what, Path log) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(PATIENCE_MS);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("no " + what + " within " + PATIENCE_MS + " ms; daemon log:\n" + read(log));
            }
            Thread.sleep(50);
        }
    }

    private static List<String> lines(Path file) {
        return read(file).lines().toList();
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            return "";
        }
    }
}
