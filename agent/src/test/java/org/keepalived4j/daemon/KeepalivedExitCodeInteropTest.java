package org.keepalived4j.daemon;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.keepalived4j.config.Diagnostic;
import org.keepalived4j.config.Diagnostics;
import org.keepalived4j.config.Severity;
import org.keepalived4j.config.SourceLocation;

/**
 * Keeps {@link ConfigTestOutcome} and {@link ExitCodes} honest against Debian's keepalived 2.2.7: each case is run
 * with {@code keepalived -t} (config test only) inside a namespace of its own, where interface k4jc0 exists, and
 * its exit code must equal what our mapping gives for the findings keepalived prints for it (classified by hand).
 */
@Tag("netns")
@Tag("interop")
class KeepalivedExitCodeInteropTest {
    private static final String NAMESPACE = "k4j-cli-" + ProcessHandle.current().pid();
    private static final String INSTANCE = """
            vrrp_instance VI_1 {
                state BACKUP
                interface %s
                virtual_router_id 51
                priority %s
                advert_int 1
                virtual_ipaddress {
                    10.0.0.10/24
                }
            %s}
            """;

    @TempDir
    static Path dir;

    @BeforeAll
    static void namespaceWithAnInterface() throws Exception {
        sh("ip", "netns", "add", NAMESPACE);
        sh("ip", "-n", NAMESPACE, "link", "add", "k4jc0", "type", "veth", "peer", "name", "k4jc1");
        sh("ip", "-n", NAMESPACE, "link", "set", "k4jc0", "up");
    }

    @AfterAll
    static void deleteNamespace() throws Exception {
        sh("ip", "netns", "delete", NAMESPACE);
    }

    private static String instance(String iface, String priority, String extra) {
        return INSTANCE.formatted(iface, priority, extra);
    }

    private static List<Diagnostic> findings(Severity... severities) {
        Diagnostics diagnostics = new Diagnostics();
        SourceLocation at = new SourceLocation(Path.of("keepalived.conf"), 1);
        for (Severity severity : severities) {
            switch (severity) {
                case ERROR -> diagnostics.error(at, "e");
                case WARNING -> diagnostics.warning(at, "w");
                case FATAL -> diagnostics.fatal(at, "f");
                case SCRIPT_SECURITY -> diagnostics.scriptSecurity(at, "s");
            }
        }
        return diagnostics.all();
    }

    private static int keepalived(String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("ip", "netns", "exec", NAMESPACE, "keepalived"));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        try {
            assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("keepalived exited").isTrue();
            return process.exitValue();
        } finally {
            process.destroyForcibly();
        }
    }

    private static int configTest(String name, String text) throws Exception {
        Path file = Files.writeString(dir.resolve(name + ".conf"), text, StandardCharsets.UTF_8);
        return keepalived("-t", "-f", file.toString());
    }

    @Test
    void validAndEmptyAndSilentlyDeprecated() throws Exception {
        int valid = configTest("valid", instance("k4jc0", "100", ""));
        int empty = configTest("empty", "");
        int deprecated = configTest("deprecated", "global_defs {\n    lvs_flush_onstop\n}\n" + instance("k4jc0", "100", ""));
        assertThat(List.of(valid, empty, deprecated)).containsOnly(ConfigTestOutcome.of(findings(Severity.WARNING)).exitCode());
        assertThat(valid).isZero();
    }

    @Test
    void runnableErrors() throws Exception {
        int expected = ConfigTestOutcome.of(findings(Severity.ERROR)).exitCode();
        assertThat(configTest("unknown-keyword", instance("k4jc0", "100", "    bogus_keyword 7\n"))).isEqualTo(expected);
        assertThat(configTest("bad-value", instance("k4jc0", "abc", ""))).isEqualTo(expected);
        assertThat(configTest("out-of-range", instance("k4jc0", "300", ""))).isEqualTo(expected);
        assertThat(configTest("unknown-track", instance("k4jc0", "100", "    track_script {\n        chk_missing\n    }\n")))
                .isEqualTo(expected);
        String valid = instance("k4jc0", "100", "");
        assertThat(configTest("unbalanced-open", valid.substring(0, valid.lastIndexOf('}')))).isEqualTo(expected);
        assertThat(configTest("unbalanced-close", valid + "}\n")).isEqualTo(expected);
    }

    @Test
    void aMissingInterfaceTestsAsAnErrorBecauseOfItsWarningLine() throws Exception {
        // keepalived prints "WARNING - interface ... doesn't exist" (an error for -t) and the fatal line
        assertThat(configTest("no-iface", instance("k4jnosuch0", "100", "")))
                .isEqualTo(ConfigTestOutcome.of(findings(Severity.ERROR, Severity.FATAL)).exitCode());
    }

    @Test
    void cannotRunAlone() throws Exception {
        // the only cannot-run finding keepalived prints alone: a missing main file under -e
        assertThat(keepalived("-e", "-t", "-f", dir.resolve("missing-e.conf").toString()))
                .isEqualTo(ConfigTestOutcome.of(findings(Severity.FATAL)).exitCode());
    }

    @Test
    void scriptsWithoutScriptSecurity() throws Exception {
        int rc = configTest("notify", instance("k4jc0", "100", "    notify_master \"/bin/true master\"\n    bogus_keyword\n"));
        assertThat(rc).isEqualTo(ConfigTestOutcome.of(findings(Severity.ERROR, Severity.SCRIPT_SECURITY)).exitCode());
    }

    @Test
    void missingFileExits0AsOurConfigTestDoes() throws Exception {
        assertThat(keepalived("-t", "-f", dir.resolve("missing.conf").toString())).isEqualTo(ConfigTestOutcome.VALID.exitCode());
    }

    @Test
    void usageErrorsAndExtraArguments() throws Exception {
        Path valid = Files.writeString(dir.resolve("usage.conf"), "");
        assertThat(keepalived("-t", "--bogus", "-f", valid.toString())).isEqualTo(ExitCodes.USAGE);
        assertThat(keepalived("-t", "-f", valid.toString(), "-i")).isEqualTo(ExitCodes.USAGE);
        assertThat(keepalived("-t", "-f", valid.toString(), "extra")).isEqualTo(ExitCodes.OK);
    }

    private static void sh(String... command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(String.join(" ", command) + ": " + output).isZero();
    }
}
