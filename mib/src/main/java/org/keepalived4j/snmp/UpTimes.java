package org.keepalived4j.snmp;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import org.keepalived4j.management.InstanceSnapshot;
import org.keepalived4j.vrrp.VrrpState;

/**
 * When each instance left RFC 2787's initialize state (vrrpOperVirtualRouterUpTime, vrrpv3OperationsUpTime): the time
 * it was first seen in BACKUP or MASTER, taken from its last transition; the agent's start when that was earlier.
 * Forgotten when the instance goes back to initialize (INIT, FAULT, STOP) or disappears. Thread-safe.
 */
final class UpTimes {
    private final Map<String, Instant> upSince = new HashMap<>();

    synchronized Instant upSince(InstanceSnapshot s, Instant agentStart) {
        boolean up = s.state() == VrrpState.BACKUP || s.state() == VrrpState.MASTER;
        if (!up) {
            upSince.remove(s.name());
            return null;
        }
        return upSince.computeIfAbsent(s.name(), k -> s.lastTransition() == null
                || s.lastTransition().isBefore(agentStart) ? agentStart : s.lastTransition());
    }

    synchronized void retain(Set<String> names) {
        upSince.keySet().retainAll(names);
    }
}
