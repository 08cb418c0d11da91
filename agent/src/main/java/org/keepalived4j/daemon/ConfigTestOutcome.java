package org.keepalived4j.daemon;

import java.util.Collection;
import java.util.EnumSet;
import java.util.Set;
import org.keepalived4j.config.Diagnostic;
import org.keepalived4j.config.Severity;

/**
 * The exit code of {@code -t}, as keepalived 2.2.7 (Debian 1:2.2.7-1+b2) really returns it. Measured, not
 * from the man page, whose 3/4/5 are one lower than what the binary returns.
 *
 * <p>keepalived keeps the "highest" kind of error seen, and its order puts runnable errors above the
 * cannot-run ones, so a fatal finding next to any ordinary error exits 5, not 4 (measured: a missing
 * interface together with its "doesn't exist" message exits 5). Script security outranks everything.
 */
public enum ConfigTestOutcome {
    VALID(0),
    CANNOT_RUN(4),
    ERRORS(5),
    SCRIPT_SECURITY(6);

    private final int exitCode;

    ConfigTestOutcome(int exitCode) {
        this.exitCode = exitCode;
    }

    public int exitCode() {
        return exitCode;
    }

    public static ConfigTestOutcome of(Collection<Diagnostic> diagnostics) {
        Set<Severity> seen = EnumSet.noneOf(Severity.class);
        diagnostics.forEach(d -> seen.add(d.severity()));
        if (seen.contains(Severity.SCRIPT_SECURITY)) {
            return SCRIPT_SECURITY;
        }
        if (seen.contains(Severity.ERROR)) {
            return ERRORS;
        }
        return seen.contains(Severity.FATAL) ? CANNOT_RUN : VALID;
    }

    /**
     * Whether keepalived would refuse to start with these findings: any fatal one, whatever the exit code of
     * {@code -t} (a missing interface next to an ordinary error tests as 5 but still stops the daemon).
     */
    public static boolean cannotRun(Collection<Diagnostic> diagnostics) {
        return diagnostics.stream().anyMatch(d -> d.severity() == Severity.FATAL);
    }
}
