package org.keepalived4j.jmx;

import java.util.Date;
import javax.management.NotificationBroadcasterSupport;
import org.keepalived4j.management.Command;
import org.keepalived4j.management.DaemonSnapshot;
import org.keepalived4j.management.InstanceSnapshot;
import org.keepalived4j.management.ManagementApi;

/** {@link DaemonMXBean} over the management API. */
final class DaemonBean extends NotificationBroadcasterSupport implements DaemonMXBean {
    private final ManagementApi api;

    DaemonBean(ManagementApi api) {
        super(JmxNotifications.DAEMON_INFO);
        this.api = api;
    }

    private DaemonSnapshot d() {
        return api.daemon();
    }

    @Override public String getVersion() { return d().version(); }
    @Override public String getRouterId() { return d().routerId(); }
    @Override public Date getStartTime() { return Date.from(d().started()); }
    @Override public long getUptimeSeconds() { return d().uptime().toSeconds(); }
    @Override public String getConfigFile() { return String.valueOf(d().configFile()); }

    @Override
    public Date getConfigLoadTime() {
        return d().configLoaded() == null ? null : Date.from(d().configLoaded());
    }

    @Override public long getReloads() { return d().reloads(); }

    @Override
    public String[] getInstanceNames() {
        return api.instances().stream().map(InstanceSnapshot::name).toArray(String[]::new);
    }

    @Override
    public String reload() {
        return Callers.await(api.execute(new Command.Reload(), Callers.actor()));
    }

    @Override
    public String dumpConfiguration() {
        return api.dumpConfiguration();
    }

    void emit(javax.management.Notification n) {
        sendNotification(n);
    }
}
