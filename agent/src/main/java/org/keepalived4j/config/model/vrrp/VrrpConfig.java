package org.keepalived4j.config.model.vrrp;

import java.util.List;
import java.util.Optional;

/** static_*, vrrp_script, track_file, vrrp_track_process, vrrp_sync_group, vrrp_instance. */
public record VrrpConfig(
        List<VirtualAddress> staticAddresses,
        List<VirtualRoute> staticRoutes,
        List<VirtualRule> staticRules,
        List<VrrpScript> scripts,
        List<TrackFile> trackFiles,
        List<TrackProcess> trackProcesses,
        List<SyncGroup> syncGroups,
        List<VrrpInstance> instances) {
    public VrrpConfig {
        staticAddresses = List.copyOf(staticAddresses);
        staticRoutes = List.copyOf(staticRoutes);
        staticRules = List.copyOf(staticRules);
        scripts = List.copyOf(scripts);
        trackFiles = List.copyOf(trackFiles);
        trackProcesses = List.copyOf(trackProcesses);
        syncGroups = List.copyOf(syncGroups);
        instances = List.copyOf(instances);
    }

    public static VrrpConfig empty() {
        return new VrrpConfig(List.of(), List.of(), List.of(), List.of(), List.of(), List.of(), List.of(), List.of());
    }

    public Optional<VrrpInstance> instance(String name) {
        return instances.stream().filter(i -> i.name().equals(name)).findFirst();
    }

    public Optional<VrrpScript> script(String name) {
        return scripts.stream().filter(s -> s.name().equals(name)).findFirst();
    }
}
