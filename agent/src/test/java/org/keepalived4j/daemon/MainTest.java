package org.keepalived4j.daemon;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command's outputs and exit codes, as keepalived 2.2.7 gives them. */
class MainTest {
    @TempDir
    Path dir;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String... args) throws InterruptedException {
        return Main.run(args, new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private String stderr() {
        return err.toString(StandardCharsets.UTF_8);
    }

    @Test
    void usageErrorsGoToStderrAndExit1() throws Exception {
        // measured: keepalived --bogus -> "Unknown option --bogus", exit 1
        assertThat(run("--bogus", "-f")).isEqualTo(1);
        assertThat(stderr().lines().toList()).containsExactly("Unknown option --bogus", "Missing parameter for option -f");
        assertThat(out.size()).isZero();
    }

    @Test
    void helpGoesToStderrListsEveryOptionAndExits0() throws Exception {
        assertThat(run("--help")).isZero();
        assertThat(out.size()).isZero();
        String help = stderr();
        assertThat(help).startsWith("Usage: keepalived4j [OPTION...]\n");
        for (CommandLineOption option : CommandLineOption.values()) {
            assertThat(help).contains("-" + option.shortName() + ", --" + option.longName());
        }
        assertThat(help).contains("--use-file=FILE", "--pid=FILE", "--config-test[=LOG_FILE]");
    }

    @Test
    void versionGoesToStderrInKeepalivedsLayout() throws Exception {
        assertThat(run("-v")).isZero();
        String firstLine = stderr().lines().findFirst().orElseThrow();
        // keepalived: "Keepalived v2.2.7 (01/16,2022)"; the version is filled in by the build, never left unresolved
        assertThat(firstLine).matches("keepalived4j v\\d+\\.\\d+\\.\\d+(-SNAPSHOT)? \\(\\d{4}-\\d{2}-\\d{2}.*\\)");
    }

    @Test
    void extraArgumentsAreReportedAndTheCommandCarriesOn() throws Exception {
        // measured: keepalived -t -f valid.conf extra -> "Unexpected argument(s): extra", exit 0
        Path missing = dir.resolve("missing.conf");
        assertThat(run("-t", "-f", missing.toString(), "extra", "more")).isZero();
        assertThat(stderr()).contains("Unexpected argument(s): extra more").contains("Config files missing '" + missing + "'.");
    }

    @Test
    void configTestOfAMissingFileWritesNothingElse() throws Exception {
        Path log = dir.resolve("t.log");
        assertThat(run("-t" + log, "-f", dir.resolve("none.conf").toString())).isZero();
        assertThat(Files.exists(log)).isFalse();
    }
}
