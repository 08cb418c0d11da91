package org.keepalived4j.config;

/** How bad a configuration finding is. */
public enum Severity {
    /** The configuration is wrong; keepalived would refuse or misbehave. */
    ERROR,
    /** Accepted, but probably not what the author meant (deprecated keyword, adjusted value, T3 keyword not supported yet). */
    WARNING;

    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
