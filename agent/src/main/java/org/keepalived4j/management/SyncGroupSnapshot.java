package org.keepalived4j.management;

import java.util.List;
import org.keepalived4j.vrrp.VrrpState;

/** A vrrp_sync_group: its members and the group state (placeholder until the engine has sync groups). */
public record SyncGroupSnapshot(String name, List<String> instances, VrrpState state) {
    public SyncGroupSnapshot {
        instances = List.copyOf(instances);
    }
}
