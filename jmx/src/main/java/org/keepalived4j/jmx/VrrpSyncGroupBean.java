package org.keepalived4j.jmx;

import org.keepalived4j.management.ManagementApi;
import org.keepalived4j.management.SyncGroupSnapshot;

/** {@link VrrpSyncGroupMXBean} over the management API. */
final class VrrpSyncGroupBean implements VrrpSyncGroupMXBean {
    private final ManagementApi api;
    private final String name;

    VrrpSyncGroupBean(ManagementApi api, String name) {
        this.api = api;
        this.name = name;
    }

    private SyncGroupSnapshot s() {
        return api.syncGroups().stream().filter(g -> g.name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalStateException("vrrp_sync_group " + name + " is no longer configured"));
    }

    @Override public String getName() { return name; }
    @Override public String getState() { return s().state().name(); }
    @Override public String[] getInstances() { return s().instances().toArray(String[]::new); }
}
