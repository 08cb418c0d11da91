package org.keepalived4j.snmp;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import org.keepalived4j.management.ManagementEvent;

/** The last N live-setting changes (k4jAuditTable), oldest first. Thread-safe. */
final class AuditTrail {
    private final int capacity;
    private final Deque<ManagementEvent.LiveSettingChanged> rows = new ArrayDeque<>();

    AuditTrail(int capacity) {
        this.capacity = capacity;
    }

    synchronized void add(ManagementEvent.LiveSettingChanged c) {
        if (capacity == 0) {
            return;
        }
        if (rows.size() == capacity) {
            rows.removeFirst();
        }
        rows.addLast(c);
    }

    synchronized List<ManagementEvent.LiveSettingChanged> rows() {
        return List.copyOf(rows);
    }
}
