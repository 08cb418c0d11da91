package org.keepalived4j.config;

/** One configuration finding, rendered as {@code file:line: error|warning: message}. */
public record Diagnostic(Severity severity, SourceLocation where, String message) {
    @Override
    public String toString() {
        return where + ": " + severity.label() + ": " + message;
    }
}
