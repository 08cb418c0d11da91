package org.keepalived4j.config;

import java.util.ArrayList;
import java.util.List;

/** Collects every finding of one load, so that {@code -t} can print all of them rather than the first. */
public final class Diagnostics {
    private final List<Diagnostic> findings = new ArrayList<>();

    public void error(SourceLocation where, String message) {
        findings.add(new Diagnostic(Severity.ERROR, where, message));
    }

    public void warning(SourceLocation where, String message) {
        findings.add(new Diagnostic(Severity.WARNING, where, message));
    }

    /** keepalived could not run this configuration (missing file, bad interface, fatal). */
    public void fatal(SourceLocation where, String message) {
        findings.add(new Diagnostic(Severity.FATAL, where, message));
    }

    /** Scripts configured without {@code enable_script_security}. */
    public void scriptSecurity(SourceLocation where, String message) {
        findings.add(new Diagnostic(Severity.SCRIPT_SECURITY, where, message));
    }

    public List<Diagnostic> all() {
        return List.copyOf(findings);
    }

    public boolean hasErrors() {
        return findings.stream().anyMatch(d -> d.severity().isError());
    }

    public long count(Severity severity) {
        return findings.stream().filter(d -> d.severity() == severity).count();
    }
}
