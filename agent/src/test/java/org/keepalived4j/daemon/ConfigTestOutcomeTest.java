package org.keepalived4j.daemon;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.keepalived4j.config.Diagnostic;
import org.keepalived4j.config.Diagnostics;
import org.keepalived4j.config.Severity;
import org.keepalived4j.config.SourceLocation;

/**
 * Each case is a configuration keepalived 2.2.7 was run on with {@code keepalived -t -f FILE}; the findings
 * are what it printed, classified, and the expected code is what it returned.
 */
class ConfigTestOutcomeTest {
    private static final SourceLocation AT = new SourceLocation(Path.of("/etc/keepalived/keepalived.conf"), 8);

    private static List<Diagnostic> findings(Severity... severities) {
        Diagnostics diagnostics = new Diagnostics();
        for (Severity severity : severities) {
            switch (severity) {
                case ERROR -> diagnostics.error(AT, "an error");
                case WARNING -> diagnostics.warning(AT, "a warning");
                case FATAL -> diagnostics.fatal(AT, "a fatal error");
                case SCRIPT_SECURITY -> diagnostics.scriptSecurity(AT, "scripts without script security");
            }
        }
        return diagnostics.all();
    }

    @Test
    void validConfigurationOrEmptyFileExits0() {
        assertThat(ConfigTestOutcome.of(findings()).exitCode()).isEqualTo(0);
    }

    @Test
    void silentlyAcceptedFindingsDoNotChangeTheCode() {
        // measured: deprecated lvs_flush_onstop -> 0, nothing printed
        assertThat(ConfigTestOutcome.of(findings(Severity.WARNING, Severity.WARNING))).isEqualTo(ConfigTestOutcome.VALID);
    }

    @Test
    void runnableErrorsExit5() {
        // measured: unknown keyword, invalid number, priority out of range, unknown track_script, unbalanced braces,
        // "Truncating auth_pass" -> 5
        assertThat(ConfigTestOutcome.of(findings(Severity.ERROR)).exitCode()).isEqualTo(5);
        assertThat(ConfigTestOutcome.of(findings(Severity.WARNING, Severity.ERROR, Severity.WARNING)).exitCode()).isEqualTo(5);
    }

    @Test
    void cannotRunAloneExits4() {
        // measured: keepalived -e -t with a missing configuration file -> 4
        assertThat(ConfigTestOutcome.of(findings(Severity.FATAL)).exitCode()).isEqualTo(4);
        assertThat(ConfigTestOutcome.of(findings(Severity.WARNING, Severity.FATAL))).isEqualTo(ConfigTestOutcome.CANNOT_RUN);
    }

    @Test
    void aRunnableErrorOutranksCannotRun() {
        // measured: a non-existent interface prints "WARNING - interface ... doesn't exist" and
        // "Non-existent interface specified in configuration" -> 5, not 4
        assertThat(ConfigTestOutcome.of(findings(Severity.ERROR, Severity.FATAL)).exitCode()).isEqualTo(5);
        assertThat(ConfigTestOutcome.of(findings(Severity.FATAL, Severity.ERROR)).exitCode()).isEqualTo(5);
    }

    @Test
    void scriptSecurityOutranksEverything() {
        // measured: notify_master without enable_script_security -> 6, also with an unknown keyword beside it
        assertThat(ConfigTestOutcome.of(findings(Severity.SCRIPT_SECURITY)).exitCode()).isEqualTo(6);
        assertThat(ConfigTestOutcome.of(findings(Severity.ERROR, Severity.SCRIPT_SECURITY, Severity.FATAL)).exitCode())
                .isEqualTo(6);
    }

    @Test
    void cannotRunIsAnyFatalFindingWhateverTheTestCode() {
        assertThat(ConfigTestOutcome.cannotRun(findings(Severity.ERROR, Severity.FATAL))).isTrue();
        assertThat(ConfigTestOutcome.cannotRun(findings(Severity.SCRIPT_SECURITY, Severity.FATAL))).isTrue();
        assertThat(ConfigTestOutcome.cannotRun(findings(Severity.ERROR, Severity.SCRIPT_SECURITY, Severity.WARNING))).isFalse();
        assertThat(ConfigTestOutcome.cannotRun(findings())).isFalse();
    }

    @Test
    void everyFindingButAWarningPrintsAsError() {
        assertThat(findings(Severity.FATAL, Severity.SCRIPT_SECURITY, Severity.ERROR, Severity.WARNING))
                .extracting(Diagnostic::toString)
                .containsExactly("/etc/keepalived/keepalived.conf:8: error: a fatal error",
                        "/etc/keepalived/keepalived.conf:8: error: scripts without script security",
                        "/etc/keepalived/keepalived.conf:8: error: an error",
                        "/etc/keepalived/keepalived.conf:8: warning: a warning");
    }

    @Test
    void diagnosticsCountEveryErrorKindAsError() {
        Diagnostics diagnostics = new Diagnostics();
        diagnostics.warning(AT, "w");
        assertThat(diagnostics.hasErrors()).isFalse();
        diagnostics.scriptSecurity(AT, "s");
        assertThat(diagnostics.hasErrors()).isTrue();
    }
}
