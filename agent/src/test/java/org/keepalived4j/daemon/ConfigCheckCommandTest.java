package org.keepalived4j.daemon;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.keepalived4j.config.Diagnostics;
import org.keepalived4j.config.SourceLocation;

class ConfigCheckCommandTest {
    @TempDir
    Path dir;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(ConfigSource source, String... args) throws UsageException {
        CommandLine line = new CommandLineParser().parse(args);
        return new ConfigCheckCommand(source, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8)).run(line);
    }

    private String stderr() {
        return err.toString(StandardCharsets.UTF_8);
    }

    private Path existingConfig() throws IOException {
        return Files.writeString(dir.resolve("keepalived.conf"), "# read by a fake source\n");
    }

    private static ConfigSource reporting(Path file) {
        return path -> {
            Diagnostics diagnostics = new Diagnostics();
            diagnostics.error(new SourceLocation(file, 10), "Unknown keyword 'bogus_keyword'");
            diagnostics.warning(new SourceLocation(file, 12), "deprecated keyword");
            diagnostics.error(new SourceLocation(file, 14), "number '300' outside range [1, 255]");
            return FakeConfigs.result(diagnostics.all());
        };
    }

    @Test
    void printsEveryFindingOnStderrAndExitsWithKeepalivedsCode() throws Exception {
        Path conf = existingConfig();
        int code = run(reporting(conf), "-t", "-f", conf.toString());
        assertThat(code).isEqualTo(5);
        assertThat(stderr().lines().toList()).containsExactly(
                conf + ":10: error: Unknown keyword 'bogus_keyword'",
                conf + ":12: warning: deprecated keyword",
                conf + ":14: error: number '300' outside range [1, 255]");
        assertThat(out.size()).isZero();
    }

    @Test
    void validConfigurationPrintsNothingAndExits0() throws Exception {
        Path conf = existingConfig();
        assertThat(run(path -> FakeConfigs.result(List.of()), "-t", "-f", conf.toString())).isZero();
        assertThat(stderr()).isEmpty();
    }

    @Test
    void theLoaderGetsTheFileFromTheCommandLine() throws Exception {
        Path conf = existingConfig();
        Path[] asked = new Path[1];
        run(path -> {
            asked[0] = path;
            return FakeConfigs.result(List.of());
        }, "-t", "--use-file=" + conf);
        assertThat(asked[0]).isEqualTo(conf);
    }

    @Test
    void withALogFileTheFindingsGoThere() throws Exception {
        Path conf = existingConfig();
        Path log = dir.resolve("test.log");
        Files.writeString(log, "old content that must be replaced\n");
        int code = run(reporting(conf), "--config-test=" + log, "-f", conf.toString());
        assertThat(code).isEqualTo(5);
        assertThat(Files.readAllLines(log)).hasSize(3).allMatch(line -> line.startsWith(conf + ":"));
        assertThat(stderr()).isEmpty();
    }

    @Test
    void anUnwritableLogFileFallsBackToStderr() throws Exception {
        Path conf = existingConfig();
        Path log = dir.resolve("no-such-dir").resolve("test.log");
        run(reporting(conf), "-t" + log, "-f", conf.toString());
        assertThat(stderr()).contains("Cannot write config test output to " + log).contains(":10: error: Unknown keyword");
    }

    @Test
    void missingFileIsReportedAndExits0AsKeepalivedDoes() throws Exception {
        // measured: keepalived -t -f /missing prints "Config files missing '/missing'." and exits 0
        Path missing = dir.resolve("missing.conf");
        int code = run(path -> {
            throw new AssertionError("the loader must not be called for a missing file");
        }, "-t", "-f", missing.toString());
        assertThat(code).isZero();
        assertThat(stderr().strip()).isEqualTo("Config files missing '" + missing + "'.");
    }

    @Test
    void dumpOfAMissingFileFails() throws Exception {
        Path missing = dir.resolve("missing.conf");
        assertThat(run(path -> FakeConfigs.result(List.of()), "-d", "-f", missing.toString())).isEqualTo(4);
        assertThat(out.size()).isZero();
    }

    @Test
    void aLoaderFailureIsAMessageNotAStackTrace() throws Exception {
        Path conf = existingConfig();
        int code = run(path -> {
            throw new IllegalStateException("boom");
        }, "-t", "-f", conf.toString());
        assertThat(code).isEqualTo(ExitCodes.CANNOT_START);
        assertThat(stderr().strip()).isEqualTo("internal error while reading " + conf + ": java.lang.IllegalStateException: boom");
    }
}
