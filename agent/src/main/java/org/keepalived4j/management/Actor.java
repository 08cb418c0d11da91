package org.keepalived4j.management;

import java.util.Objects;

/**
 * Who asked for a change, for the audit log: the channel (jmx, snmp, file, system) and the authenticated name on it
 * (JMX principal, SNMP community or USM user).
 */
public record Actor(String channel, String name) {
    public Actor {
        Objects.requireNonNull(channel, "channel");
        name = name == null || name.isEmpty() ? "anonymous" : name;
    }

    public static Actor jmx(String principal) {
        return new Actor("jmx", principal);
    }

    public static Actor snmp(String communityOrUser) {
        return new Actor("snmp", communityOrUser);
    }

    /** The daemon itself (state file restore, reload reconciliation). */
    public static Actor system() {
        return new Actor("system", "keepalived4j");
    }

    @Override
    public String toString() {
        return channel + ":" + name;
    }
}
