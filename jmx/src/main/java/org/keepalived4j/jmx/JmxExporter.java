package org.keepalived4j.jmx;

import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import javax.management.InstanceNotFoundException;
import javax.management.JMException;
import javax.management.MBeanServer;
import javax.management.Notification;
import javax.management.ObjectName;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.keepalived4j.management.InstanceSnapshot;
import org.keepalived4j.management.ManagementApi;
import org.keepalived4j.management.ManagementEvent;
import org.keepalived4j.management.ManagementListener;
import org.keepalived4j.management.Subscription;
import org.keepalived4j.management.SyncGroupSnapshot;
import org.keepalived4j.management.TrackerSnapshot;

/**
 * Registers the MXBeans in an MBeanServer and keeps them in step with the configuration; turns the management event
 * stream into notifications (on the event dispatcher thread, never the VRRP thread).
 */
public final class JmxExporter implements ManagementListener, AutoCloseable {
    private static final Logger LOG = LogManager.getLogger(JmxExporter.class);

    private final ManagementApi api;
    private final MBeanServer server;
    private final DaemonBean daemon;
    private final Map<String, VrrpInstanceBean> instances = new ConcurrentHashMap<>();
    private final Set<ObjectName> registered = ConcurrentHashMap.newKeySet();
    private Subscription subscription;

    public JmxExporter(ManagementApi api, MBeanServer server) {
        this.api = api;
        this.server = server;
        this.daemon = new DaemonBean(api);
    }

    public JmxExporter start() {
        register(ObjectNames.daemon(), daemon);
        sync();
        subscription = api.subscribe(this);
        return this;
    }

    /** Registers beans for new instances, groups and trackers; unregisters those gone. */
    public synchronized void sync() {
        Set<ObjectName> wanted = new LinkedHashSet<>();
        wanted.add(ObjectNames.daemon());
        Map<ObjectName, Object> fresh = new HashMap<>();
        for (InstanceSnapshot i : api.instances()) {
            ObjectName on = ObjectNames.instance(i.name());
            wanted.add(on);
            if (!registered.contains(on)) {
                VrrpInstanceBean bean = new VrrpInstanceBean(api, i.name());
                instances.put(i.name(), bean);
                fresh.put(on, bean.mbean());
            }
        }
        for (SyncGroupSnapshot g : api.syncGroups()) {
            ObjectName on = ObjectNames.of("VrrpSyncGroup", g.name());
            wanted.add(on);
            if (!registered.contains(on)) {
                fresh.put(on, new VrrpSyncGroupBean(api, g.name()));
            }
        }
        for (TrackerSnapshot t : api.trackers()) {
            String type = switch (t.kind()) {
                case SCRIPT -> "VrrpScript";
                case FILE -> "TrackedFile";
                case PROCESS -> "TrackedProcess";
                case INTERFACE -> "TrackedInterface";
            };
            ObjectName on = ObjectNames.of(type, t.name());
            wanted.add(on);
            if (!registered.contains(on)) {
                fresh.put(on, new TrackerBean(api, t.kind(), t.name()));
            }
        }
        for (ObjectName on : Set.copyOf(registered)) {
            if (!wanted.contains(on)) {
                unregister(on);
                instances.values().removeIf(b -> ObjectNames.instance(b.getName()).equals(on));
            }
        }
        fresh.forEach(this::register);
    }

    private void register(ObjectName name, Object bean) {
        try {
            server.registerMBean(bean, name);
            registered.add(name);
        } catch (JMException e) {
            LOG.error("Cannot register MBean {}: {}", name, e.toString());
        }
    }

    private void unregister(ObjectName name) {
        try {
            server.unregisterMBean(name);
        } catch (InstanceNotFoundException e) {
            // already gone
        } catch (JMException e) {
            LOG.warn("Cannot unregister MBean {}: {}", name, e.toString());
        }
        registered.remove(name);
    }

    @Override
    public void onEvent(ManagementEvent event) {
        if (event instanceof ManagementEvent.ConfigurationLoaded e) {
            sync();
            Notification n = new Notification(JmxNotifications.CONFIG_LOADED, ObjectNames.daemon(), e.sequence(),
                    e.time().toEpochMilli(), "configuration loaded from " + e.source() + ": " + e.instances());
            daemon.emit(n);
            return;
        }
        if (event instanceof ManagementEvent.TrackerChanged e) {
            Notification n = new Notification(JmxNotifications.TRACKER_CHANGE, ObjectNames.daemon(), e.sequence(),
                    e.time().toEpochMilli(), e.kind() + " " + e.source() + (e.up() ? " up" : " down"));
            n.setUserData(JmxNotifications.data(e, Map.of("kind", e.kind().name(), "up", e.up(), "value", e.value())));
            daemon.emit(n);
            return;
        }
        VrrpInstanceBean bean = instances.get(event.source());
        if (bean == null) {
            return; // an instance not (yet) registered
        }
        Notification n = JmxNotifications.forInstance(ObjectNames.instance(event.source()), event);
        if (n != null) {
            bean.emit(n);
        }
    }

    @Override
    public void eventsDropped(long count) {
        LOG.warn("JMX notifications: {} management events were dropped (subscriber too slow)", count);
    }

    @Override
    public synchronized void close() {
        if (subscription != null) {
            subscription.close();
        }
        for (ObjectName on : Set.copyOf(registered)) {
            unregister(on);
        }
        instances.clear();
    }

    @Override
    public String toString() {
        return "JMX exporter";
    }
}
