package org.keepalived4j.management;

import java.time.Instant;

/**
 * A value set at run time (JMX, SNMP) that overrides the configuration file, kept across reloads (and, with a state
 * file, restarts) until the file's own value for the same key changes.
 *
 * @param instance vrrp_instance name
 * @param key what is overridden, e.g. {@link #PRIORITY}
 * @param value the live value, as text
 * @param fileValue the file's value when the live value was set; when the file later says something else, the file wins
 * @param actor who set it
 * @param since when
 */
public record LiveOverride(String instance, String key, String value, String fileValue, Actor actor, Instant since) {
    public static final String PRIORITY = "priority";
    public static final String PREEMPT = "preempt";
}
