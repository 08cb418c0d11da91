package org.keepalived4j.config;

/**
 * How bad a configuration finding is. keepalived 2.2.7's {@code -t} distinguishes three kinds of finding by
 * exit code (measured: 4 cannot run, 5 errors but runnable, 6 scripts without script security); a finding
 * keepalived prints at all counts. WARNING is for what keepalived accepts silently.
 */
public enum Severity {
    /** keepalived reports it (so {@code -t} fails with 5) and runs anyway, e.g. unknown keyword, value out of range, "using default". */
    ERROR,
    /** Accepted silently by keepalived (deprecated keyword, keyword keepalived4j does not support yet); does not change the exit code. */
    WARNING,
    /** keepalived cannot run this configuration (its CONFIG_FILE_NOT_FOUND / CONFIG_BAD_IF / CONFIG_FATAL); {@code -t} exits 4. */
    FATAL,
    /** Scripts are configured but {@code enable_script_security} is not; keepalived runs without those scripts, {@code -t} exits 6. */
    SCRIPT_SECURITY;

    /** The word printed in {@code file:line: error|warning: message}. */
    public String label() {
        return this == WARNING ? "warning" : "error";
    }

    /** Everything but a warning is an error. */
    public boolean isError() {
        return this != WARNING;
    }
}
