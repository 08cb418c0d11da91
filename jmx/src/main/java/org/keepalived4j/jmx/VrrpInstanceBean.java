package org.keepalived4j.jmx;

import java.net.InetAddress;
import java.time.Instant;
import java.util.Date;
import javax.management.AttributeChangeNotification;
import javax.management.AttributeList;
import javax.management.MBeanNotificationInfo;
import javax.management.NotificationBroadcasterSupport;
import javax.management.StandardEmitterMBean;
import org.keepalived4j.management.Command;
import org.keepalived4j.management.InstanceSnapshot;
import org.keepalived4j.management.ManagementApi;
import org.keepalived4j.vrrp.VrrpStatistics;

/**
 * {@link VrrpInstanceMXBean} over the management API. A single attribute read takes a fresh snapshot; a
 * {@code getAttributes} call (through {@link #mbean()}) takes one snapshot for all the attributes it asks for, so
 * they are consistent with each other and a monitor reading all ~40 attributes builds one snapshot, not 40.
 */
final class VrrpInstanceBean extends NotificationBroadcasterSupport implements VrrpInstanceMXBean {
    private final ManagementApi api;
    private final String name;
    /** The snapshot of the getAttributes call running on this thread; unset outside such a call. */
    private final ThreadLocal<InstanceSnapshot[]> callSnapshot = new ThreadLocal<>();

    VrrpInstanceBean(ManagementApi api, String name) {
        super(JmxNotifications.INSTANCE_INFO);
        this.api = api;
        this.name = name;
    }

    private InstanceSnapshot s() {
        InstanceSnapshot[] scope = callSnapshot.get();
        if (scope == null) {
            return fresh();
        }
        if (scope[0] == null) {
            scope[0] = fresh();
        }
        return scope[0];
    }

    private InstanceSnapshot fresh() {
        return api.instance(name).orElseThrow(() -> new IllegalStateException("vrrp_instance " + name
                + " is no longer configured"));
    }

    /** The MBean to register: this bean as an MXBean whose getAttributes reads one snapshot. */
    StandardEmitterMBean mbean() {
        return new StandardEmitterMBean(this, VrrpInstanceMXBean.class, true, this) {
            @Override
            public AttributeList getAttributes(String[] attributes) {
                callSnapshot.set(new InstanceSnapshot[1]);
                try {
                    return super.getAttributes(attributes);
                } finally {
                    callSnapshot.remove();
                }
            }
        };
    }

    private VrrpStatistics.Snapshot st() {
        return s().statistics();
    }

    private static Date date(Instant t) {
        return t == null ? null : Date.from(t);
    }

    private static String host(InetAddress a) {
        return a == null ? "" : a.getHostAddress();
    }

    @Override public String getName() { return name; }
    @Override public int getVirtualRouterId() { return s().virtualRouterId(); }
    @Override public String getInterface() { return s().interfaceName(); }
    @Override public int getVersion() { return s().version(); }
    @Override public String getState() { return s().state().name(); }
    @Override public String getInitialState() { return s().initialState().name(); }
    @Override public int getConfiguredPriority() { return s().configuredPriority(); }
    @Override public int getBasePriority() { return s().basePriority(); }

    @Override
    public void setBasePriority(int priority) {
        Callers.await(api.execute(new Command.SetBasePriority(name, priority), Callers.actor()));
    }

    @Override public int getEffectivePriority() { return s().effectivePriority(); }
    @Override public boolean isAddressOwner() { return s().addressOwner(); }
    @Override public boolean isPreempt() { return s().preempt(); }

    @Override
    public void setPreempt(boolean preempt) {
        Callers.await(api.execute(new Command.SetPreempt(name, preempt), Callers.actor()));
    }

    @Override public int getAdvertIntervalMillis() { return s().advertIntervalCentis() * 10; }
    @Override public String getPrimaryAddress() { return host(s().primaryAddress()); }
    @Override public String getMasterAddress() { return host(s().masterAddress()); }
    @Override public int getMasterPriority() { return s().masterPriority(); }

    @Override
    public String[] getVirtualAddresses() {
        return s().virtualAddresses().stream().map(v -> v.address().getHostAddress()).toArray(String[]::new);
    }

    @Override
    public String[] getInstalledVirtualAddresses() {
        return s().virtualAddresses().stream().filter(InstanceSnapshot.VirtualAddress::installed)
                .map(v -> v.address().getHostAddress()).toArray(String[]::new);
    }

    @Override public Date getLastTransition() { return date(s().lastTransition()); }

    @Override
    public String getLastTransitionReason() {
        var r = s().lastTransitionReason();
        return r == null ? "" : r.name();
    }

    @Override public long getTransitionCount() { return s().transitionCount(); }
    @Override public Date getResignedUntil() { return date(s().resignedUntil()); }

    @Override
    public String[] getLiveOverrides() {
        return s().overrides().stream().map(o -> o.key() + "=" + o.value() + " (file: " + o.fileValue() + ") by "
                + o.actor() + " at " + o.since()).toArray(String[]::new);
    }

    @Override
    public String[] getTrackers() {
        return s().trackers().stream().map(t -> t.kind() + " " + t.name() + " weight " + t.weight()
                + (t.reverse() ? " reverse" : "") + (t.up() ? " up" : " down")).toArray(String[]::new);
    }

    @Override public Date getStatisticsDiscontinuity() { return date(s().statisticsDiscontinuity()); }
    @Override public long getBecomeMaster() { return st().becomeMaster(); }
    @Override public long getReleaseMaster() { return st().releaseMaster(); }
    @Override public long getAdvertisementsReceived() { return st().advertsReceived(); }
    @Override public long getAdvertisementsSent() { return st().advertsSent(); }
    @Override public long getAdvertIntervalErrors() { return st().advertIntervalErrors(); }
    @Override public long getAuthFailures() { return st().authFailures(); }
    @Override public long getIpTtlErrors() { return st().ipTtlErrors(); }
    @Override public long getPriorityZeroReceived() { return st().priorityZeroReceived(); }
    @Override public long getPriorityZeroSent() { return st().priorityZeroSent(); }
    @Override public long getInvalidTypeReceived() { return st().invalidTypeReceived(); }
    @Override public long getAddressListErrors() { return st().addressListErrors(); }
    @Override public long getInvalidAuthType() { return st().invalidAuthType(); }
    @Override public long getAuthTypeMismatch() { return st().authTypeMismatch(); }
    @Override public long getPacketLengthErrors() { return st().packetLengthErrors(); }
    @Override public String getProtocolErrorReason() { return st().protocolErrorReason().name(); }
    @Override public String getNewMasterReason() { return st().newMasterReason().name(); }

    @Override
    public String resign(int seconds) {
        return Callers.await(api.execute(new Command.Resign(name, seconds), Callers.actor()));
    }

    @Override
    public String sendGarp() {
        return Callers.await(api.execute(new Command.SendGarp(name), Callers.actor()));
    }

    @Override
    public String resetStatistics() {
        return Callers.await(api.execute(new Command.ResetStatistics(name), Callers.actor()));
    }

    /** Called by the notifier (dispatcher thread). */
    void emit(javax.management.Notification n) {
        sendNotification(n);
    }

    static MBeanNotificationInfo attributeChangeInfo() {
        return new MBeanNotificationInfo(new String[] {AttributeChangeNotification.ATTRIBUTE_CHANGE},
                AttributeChangeNotification.class.getName(), "State, EffectivePriority, BasePriority, Preempt changes");
    }
}
