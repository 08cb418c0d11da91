package org.keepalived4j.jmx;

import java.util.Date;
import org.keepalived4j.management.ManagementApi;
import org.keepalived4j.management.TrackerSnapshot;

/** {@link TrackerMXBean} over the management API. */
final class TrackerBean implements TrackerMXBean {
    private final ManagementApi api;
    private final TrackerSnapshot.Kind kind;
    private final String name;

    TrackerBean(ManagementApi api, TrackerSnapshot.Kind kind, String name) {
        this.api = api;
        this.kind = kind;
        this.name = name;
    }

    private TrackerSnapshot s() {
        return api.trackers().stream().filter(t -> t.kind() == kind && t.name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalStateException(kind + " " + name + " is no longer configured"));
    }

    @Override public String getName() { return name; }
    @Override public boolean isUp() { return s().up(); }
    @Override public long getValue() { return s().value(); }
    @Override public int getWeight() { return s().weight(); }
    @Override public String[] getInstances() { return s().instances().toArray(String[]::new); }

    @Override
    public Date getLastChange() {
        return s().lastChange() == null ? null : Date.from(s().lastChange());
    }
}
