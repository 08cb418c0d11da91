package org.keepalived4j.daemon;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The default logging configuration ({@link LogConfigurationFactory}) as the daemon applies it for -l / -D / neither,
 * each in its own JVM (logging is configured once per process). The daemon is started on a missing configuration
 * file, so it logs a little and exits 6, as keepalived 2.2.7 does.
 */
class LogLayoutTest {
    @TempDir
    Path dir;

    private record Outcome(int exitCode, List<String> stderr, String stdout) {}

    private Outcome daemon(List<String> jvmFlags, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path")));
        command.addAll(jvmFlags);
        command.add(Main.class.getName());
        command.addAll(List.of("-f", dir.resolve("missing.conf").toString(), "-p", dir.resolve("k.pid").toString()));
        command.addAll(List.of(args));
        Path out = dir.resolve("out");
        Path err = dir.resolve("err");
        Process process = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        try {
            assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("daemon exited").isTrue();
        } finally {
            process.destroyForcibly();
        }
        return new Outcome(process.exitValue(), Files.readAllLines(err, StandardCharsets.UTF_8), Files.readString(out));
    }

    @Test
    void withoutMinusLEachEventIsOneLineWithTheJournalsPriorityPrefix() throws Exception {
        Outcome outcome = daemon(List.of());
        assertThat(outcome.exitCode()).isEqualTo(6);
        assertThat(outcome.stderr()).first().asString().startsWith("<6>Starting keepalived4j v");
        assertThat(outcome.stderr()).contains("<3>Config files missing '" + dir.resolve("missing.conf") + "'.");
        assertThat(outcome.stdout()).isEmpty();
    }

    @Test
    void minusLPrintsKeepalivedsConsoleTimeStamp() throws Exception {
        Outcome outcome = daemon(List.of(), "-l");
        assertThat(outcome.stderr()).isNotEmpty().allMatch(line -> line.matches("[A-Z][a-z]{2} [A-Z][a-z]{2} \\d{2} \\d{2}:\\d{2}:\\d{2} \\d{4}: .+"));
        assertThat(outcome.stderr()).anyMatch(line -> line.endsWith(": Config files missing '" + dir.resolve("missing.conf") + "'."));
    }

    @Test
    void minusDAddsThreadLevelAndLogger() throws Exception {
        Outcome outcome = daemon(List.of(), "-l", "-D");
        assertThat(outcome.stderr()).anyMatch(line -> line.matches(".*: \\[main\\] ERROR Daemon: Config files missing .*"));
        Outcome journal = daemon(List.of(), "-D");
        assertThat(journal.stderr()).anyMatch(line -> line.startsWith("<3>[main] ERROR Daemon: Config files missing"));
    }

    @Test
    void aLogFileCanBeAdded() throws Exception {
        Path file = dir.resolve("keepalived4j.log");
        Outcome outcome = daemon(List.of("-Dk4j.log.file=" + file));
        assertThat(outcome.exitCode()).isEqualTo(6);
        assertThat(Files.readAllLines(file)).anyMatch(line -> line.matches("\\d{4}-\\d{2}-\\d{2}T.* ERROR .*Config files missing .*"));
    }
}
