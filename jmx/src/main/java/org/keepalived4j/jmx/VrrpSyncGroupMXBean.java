package org.keepalived4j.jmx;

/** A vrrp_sync_group: {@code keepalived4j:type=VrrpSyncGroup,name=<group>}. */
public interface VrrpSyncGroupMXBean {
    String getName();

    String getState();

    String[] getInstances();
}
