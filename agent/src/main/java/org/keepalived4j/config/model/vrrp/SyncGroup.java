package org.keepalived4j.config.model.vrrp;

import java.util.List;

/** {@code vrrp_sync_group NAME}: instances that change state together. */
public record SyncGroup(
        String name,
        List<String> members,
        List<TrackedObject> trackInterfaces,
        List<TrackedObject> trackScripts,
        List<TrackedObject> trackFiles,
        NotifyScripts notifyScripts,
        boolean smtpAlert) {
    public SyncGroup {
        members = List.copyOf(members);
        trackInterfaces = List.copyOf(trackInterfaces);
        trackScripts = List.copyOf(trackScripts);
        trackFiles = List.copyOf(trackFiles);
    }
}
