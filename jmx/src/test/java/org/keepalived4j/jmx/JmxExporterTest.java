package org.keepalived4j.jmx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.keepalived4j.vrrp.sim.SimulatedLan.settings;

import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import javax.management.Attribute;
import javax.management.AttributeChangeNotification;
import javax.management.MBeanAttributeInfo;
import javax.management.MBeanInfo;
import javax.management.MBeanServer;
import javax.management.MBeanServerFactory;
import javax.management.Notification;
import javax.management.NotificationListener;
import javax.management.ObjectName;
import javax.management.RuntimeMBeanException;
import javax.management.openmbean.CompositeData;
import javax.management.openmbean.OpenType;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.keepalived4j.management.ManagementApi;
import org.keepalived4j.management.engine.LiveOverlay;
import org.keepalived4j.management.engine.ManagedRouter;
import org.keepalived4j.management.engine.VirtualWallClock;
import org.keepalived4j.management.engine.VrrpManagementService;
import org.keepalived4j.track.ScriptTrackingLab;
import org.keepalived4j.vrrp.VrrpState;
import org.keepalived4j.vrrp.sim.SimNode;
import org.keepalived4j.vrrp.sim.SimulatedLan;

/** MXBeans in the platform MBeanServer over the simulated LAN (the test thread is the VRRP loop thread). */
class JmxExporterTest {
    private static final ObjectName VI_1 = ObjectNames.instance("VI_1");

    private final SimulatedLan lan = new SimulatedLan();
    private final SimNode a = lan.add("a", settings("VI_1", 51, 150, 1).build());
    private final SimNode b = lan.add("b", settings("VI_1", 51, 100, 2).build());
    private final MBeanServer platform = ManagementFactory.getPlatformMBeanServer();
    private final List<AutoCloseable> toClose = new ArrayList<>();

    @AfterEach
    void close() throws Exception {
        for (int i = toClose.size() - 1; i >= 0; i--) {
            toClose.get(i).close();
        }
    }

    private VrrpManagementService service(SimNode node) {
        VrrpManagementService s = new VrrpManagementService("router-" + node.name(), "0.1-test",
                Path.of("/etc/keepalived/keepalived.conf"), new LiveOverlay(null),
                java.time.Clock.systemUTC(), 1024);
        s.configurationLoaded(() -> "vrrp_instance VI_1 {\n}\n");
        s.attach(List.of(new ManagedRouter(node.router(), "eth0")));
        toClose.add(s);
        return s;
    }

    private JmxExporter export(ManagementApi s, MBeanServer server) {
        JmxExporter e = new JmxExporter(s, server).start();
        toClose.add(e);
        return e;
    }

    @Test
    void attributesAreOpenTypesAndBasePriorityIsWritable() throws Exception {
        export(service(b), platform);
        export(service(a), MBeanServerFactory.newMBeanServer());
        lan.startAll();
        lan.advanceBy(Duration.ofSeconds(5));

        MBeanInfo info = platform.getMBeanInfo(VI_1);
        assertThat(info.getDescriptor().getFieldValue("mxbean")).isEqualTo("true");
        for (MBeanAttributeInfo attr : info.getAttributes()) {
            OpenType<?> type = (OpenType<?>) attr.getDescriptor().getFieldValue("openType");
            assertThat(type).as(attr.getName()).isNotNull();
            Object value = platform.getAttribute(VI_1, attr.getName());
            if (value != null) {
                assertThat(type.isValue(value)).as(attr.getName() + " value of " + type).isTrue();
                assertThat(value.getClass().getClassLoader()).as("JDK class").isNull();
            }
        }
        assertThat(platform.getAttribute(VI_1, "State")).isEqualTo("BACKUP");
        assertThat(platform.getAttribute(VI_1, "VirtualRouterId")).isEqualTo(51);
        assertThat(platform.getAttribute(VI_1, "Interface")).isEqualTo("eth0");
        assertThat(platform.getAttribute(VI_1, "MasterAddress")).isEqualTo("10.0.0.1");
        assertThat((String[]) platform.getAttribute(VI_1, "VirtualAddresses")).containsExactly("10.0.0.100");
        assertThat((String[]) platform.getAttribute(VI_1, "InstalledVirtualAddresses")).isEmpty();
        assertThat(platform.getAttribute(VI_1, "AdvertisementsReceived"))
                .isEqualTo(b.router().statistics().advertsReceived()).isNotEqualTo(0L);
        assertThat(platform.getAttribute(VI_1, "LastTransition")).isInstanceOf(Date.class);
        assertThat(platform.getAttribute(ObjectNames.daemon(), "RouterId")).isEqualTo("router-b");
        assertThat(platform.getAttribute(ObjectNames.daemon(), "ConfigFile"))
                .isEqualTo("/etc/keepalived/keepalived.conf");
        assertThat((String[]) platform.getAttribute(ObjectNames.daemon(), "InstanceNames")).containsExactly("VI_1");
        assertThat(platform.invoke(ObjectNames.daemon(), "dumpConfiguration", null, null))
                .isEqualTo("vrrp_instance VI_1 {\n}\n");

        platform.setAttribute(VI_1, new Attribute("BasePriority", 200));
        assertThat(platform.getAttribute(VI_1, "BasePriority")).isEqualTo(200);
        assertThat(platform.getAttribute(VI_1, "EffectivePriority")).isEqualTo(200);
        assertThat(b.router().basePriority()).isEqualTo(200);
        assertThat((String[]) platform.getAttribute(VI_1, "LiveOverrides")).singleElement()
                .asString().startsWith("priority=200 (file: 100) by jmx:local");

        assertThatThrownBy(() -> platform.setAttribute(VI_1, new Attribute("BasePriority", 0)))
                .isInstanceOf(RuntimeMBeanException.class).cause().isInstanceOf(IllegalArgumentException.class)
                .hasMessage("(VI_1) priority must be 1..254 (255 only for the address owner), got 0");
        assertThat(platform.getAttribute(VI_1, "BasePriority")).isEqualTo(200);
        assertThatThrownBy(() -> platform.invoke(VI_1, "sendGarp", null, null))
                .isInstanceOf(RuntimeMBeanException.class).cause().isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("only the MASTER");

        lan.advanceBy(Duration.ofSeconds(5));
        assertThat(platform.getAttribute(VI_1, "State")).isEqualTo("MASTER");
        assertThat(platform.invoke(VI_1, "sendGarp", null, null)).asString().contains("gratuitous ARP");
        assertThat(platform.invoke(VI_1, "resetStatistics", null, null)).asString().contains("reset");
        assertThat(platform.getAttribute(VI_1, "AdvertisementsSent")).isEqualTo(0L);
    }

    @Test
    void getAttributesReadsEveryAttributeFromOneSnapshot() throws Exception {
        VrrpManagementService sb = service(b);
        java.util.concurrent.atomic.AtomicInteger snapshots = new java.util.concurrent.atomic.AtomicInteger();
        ManagementApi counting = (ManagementApi) java.lang.reflect.Proxy.newProxyInstance(
                ManagementApi.class.getClassLoader(), new Class<?>[] {ManagementApi.class}, (proxy, method, args) -> {
                    if (method.getName().equals("instance")) {
                        snapshots.incrementAndGet();
                    }
                    try {
                        return method.invoke(sb, args);
                    } catch (java.lang.reflect.InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
        MBeanServer server = MBeanServerFactory.newMBeanServer();
        export(counting, server);
        export(service(a), MBeanServerFactory.newMBeanServer());
        lan.startAll();
        lan.advanceBy(Duration.ofSeconds(5));

        String[] names = java.util.Arrays.stream(server.getMBeanInfo(VI_1).getAttributes())
                .map(MBeanAttributeInfo::getName).toArray(String[]::new);
        assertThat(names).hasSizeGreaterThan(30).contains("State", "BasePriority", "AdvertisementsReceived");
        snapshots.set(0);
        javax.management.AttributeList all = server.getAttributes(VI_1, names);
        assertThat(all.asList()).extracting(Attribute::getName).containsExactly(names);
        assertThat(snapshots).hasValue(1);
        for (Attribute attribute : all.asList()) { // the simulated time stands still: single reads give the same values
            assertThat(server.getAttribute(VI_1, attribute.getName())).as(attribute.getName())
                    .isEqualTo(attribute.getValue());
        }
        // a single read takes its own snapshot, as before (Name is the bean's own and needs none)
        assertThat(snapshots).hasValue(1 + names.length - 1);
        assertThat(all.asList()).filteredOn(x -> x.getName().equals("State")).extracting(Attribute::getValue)
                .containsExactly("BACKUP");
    }

    @Test
    void oneNotificationPerTransitionInOrderDuringAFailover() throws Exception {
        VrrpManagementService sb = service(b);
        export(sb, platform);
        export(service(a), MBeanServerFactory.newMBeanServer());
        BlockingQueue<Notification> received = new LinkedBlockingQueue<>();
        List<Thread> threads = new java.util.concurrent.CopyOnWriteArrayList<>();
        NotificationListener listener = (n, handback) -> {
            threads.add(Thread.currentThread());
            received.add(n);
        };
        platform.addNotificationListener(VI_1, listener, null, null);
        lan.startAll();
        lan.advanceBy(Duration.ofSeconds(5));
        a.kill(); // the master dies: b takes over after Master_Down_Interval
        lan.advanceBy(Duration.ofSeconds(5));
        assertThat(lan.masters()).containsExactly(b);

        List<Notification> all = new ArrayList<>();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while ((all.isEmpty() || all.get(all.size() - 1).getSequenceNumber() < sb.lastEventSequence())
                && System.nanoTime() < deadline) {
            Notification n = received.poll(100, TimeUnit.MILLISECONDS);
            if (n != null) {
                all.add(n);
            }
        }
        platform.removeNotificationListener(VI_1, listener);
        assertThat(threads).noneMatch(t -> t == Thread.currentThread());
        assertThat(all).extracting(Notification::getSequenceNumber).isSorted().doesNotHaveDuplicates();
        List<AttributeChangeNotification> states = all.stream()
                .filter(n -> n instanceof AttributeChangeNotification c && c.getAttributeName().equals("State"))
                .map(AttributeChangeNotification.class::cast).toList();
        assertThat(states).extracting(AttributeChangeNotification::getOldValue, AttributeChangeNotification::getNewValue)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("INIT", "BACKUP"),
                        org.assertj.core.groups.Tuple.tuple("BACKUP", "MASTER"));
        assertThat(states).extracting(AttributeChangeNotification::getSource).containsOnly(VI_1);
        CompositeData took = (CompositeData) states.get(1).getUserData();
        assertThat(took.get("instance")).isEqualTo("VI_1");
        assertThat(took.get("routerId")).isEqualTo("router-b");
        assertThat(took.get("virtualRouterId")).isEqualTo(51);
        assertThat(took.get("state")).isEqualTo("MASTER");
        assertThat(took.get("reason")).isEqualTo("MASTER_DOWN");
        assertThat(took.get("effectivePriority")).isEqualTo(100);
        assertThat(took.get("initialState")).isEqualTo("BACKUP");
        List<Notification> masters = all.stream().filter(n -> n.getType().equals(JmxNotifications.NEW_MASTER)).toList();
        assertThat(masters).extracting(n -> ((CompositeData) n.getUserData()).get("masterAddress"))
                .containsExactly("10.0.0.1", "10.0.0.2");
        assertThat(all.indexOf(masters.get(1))).isGreaterThan(all.indexOf(states.get(1)));
        assertThat(b.state()).isEqualTo(VrrpState.MASTER);
    }

    @Test
    void priorityNotificationsAndUnregisterOnClose() throws Exception {
        VrrpManagementService sb = service(b);
        JmxExporter exporter = new JmxExporter(sb, platform).start();
        BlockingQueue<Notification> received = new LinkedBlockingQueue<>();
        platform.addNotificationListener(VI_1, (n, h) -> received.add(n), null, null);
        lan.startAll();
        platform.setAttribute(VI_1, new Attribute("BasePriority", 120));
        AttributeChangeNotification effective = null;
        AttributeChangeNotification base = null;
        for (int i = 0; i < 10 && (effective == null || base == null); i++) {
            Notification n = received.poll(5, TimeUnit.SECONDS);
            if (n instanceof AttributeChangeNotification c && c.getAttributeName().equals("EffectivePriority")) {
                effective = c;
            } else if (n instanceof AttributeChangeNotification c && c.getAttributeName().equals("BasePriority")) {
                base = c;
            }
        }
        assertThat(effective).isNotNull();
        assertThat(effective.getOldValue()).isEqualTo(100);
        assertThat(effective.getNewValue()).isEqualTo(120);
        assertThat(base).isNotNull();
        assertThat(((CompositeData) base.getUserData()).get("actor")).isEqualTo("jmx:local");
        exporter.close();
        assertThat(platform.isRegistered(VI_1)).isFalse();
        assertThat(platform.isRegistered(ObjectNames.daemon())).isFalse();
    }

    @Test
    void beansFollowTheConfigurationAcrossReloads() throws Exception {
        MBeanServer server = MBeanServerFactory.newMBeanServer();
        VrrpManagementService sb = service(b);
        sb.attach(List.of(new ManagedRouter(b.router(), "eth0", "G1")));
        export(sb, server);
        ObjectName group = ObjectNames.of("VrrpSyncGroup", "G1");
        assertThat(server.isRegistered(VI_1)).isTrue();
        assertThat((String[]) server.getAttribute(group, "Instances")).containsExactly("VI_1");
        assertThat(server.getAttribute(group, "State")).isEqualTo("BACKUP");

        // reload: VI_1 is gone, VI_2 is new, no sync group any more
        SimNode c = lan.add("c", settings("VI_2", 52, 90, 3).build());
        BlockingQueue<Notification> daemonNotes = new LinkedBlockingQueue<>();
        server.addNotificationListener(ObjectNames.daemon(), (n, h) -> daemonNotes.add(n), null, null);
        sb.attach(List.of(new ManagedRouter(c.router(), "eth1")));
        Notification loaded = daemonNotes.poll(5, TimeUnit.SECONDS);
        assertThat(loaded).isNotNull();
        assertThat(loaded.getType()).isEqualTo(JmxNotifications.CONFIG_LOADED);
        assertThat(server.isRegistered(ObjectNames.instance("VI_2"))).isTrue();
        assertThat(server.isRegistered(VI_1)).isFalse();
        assertThat(server.isRegistered(group)).isFalse();
        assertThat(server.getAttribute(ObjectNames.instance("VI_2"), "Interface")).isEqualTo("eth1");
    }

    @Test
    void trackerBeansShowTheEngineTrackersAndTheirChangesAreNotified(@TempDir Path dir) throws Exception {
        VirtualWallClock clock = new VirtualWallClock(lan.loop());
        ScriptTrackingLab lab = new ScriptTrackingLab(dir, lan, a);
        toClose.add(lab);
        lab.tracking().clock(clock);
        VrrpManagementService sa = new VrrpManagementService("router-a", "0.1-test", Path.of("k.conf"),
                new LiveOverlay(null), clock, 1024);
        toClose.add(sa);
        sa.configurationLoaded(() -> "");
        sa.attach(List.of(new ManagedRouter(a.router(), "eth9")), lab.tracking(), java.util.Map.of());
        MBeanServer server = MBeanServerFactory.newMBeanServer();
        export(sa, server);
        BlockingQueue<Notification> received = new LinkedBlockingQueue<>();
        server.addNotificationListener(ObjectNames.daemon(), (n, h) -> {
            if (n.getType().equals(JmxNotifications.TRACKER_CHANGE)) {
                received.add(n);
            }
        }, null, null);
        b.start();
        lab.start();
        lab.advance(Duration.ofSeconds(6));
        Notification first = received.poll(5, TimeUnit.SECONDS); // the script's first result
        assertThat(first).isNotNull();

        ObjectName chk = ObjectNames.of("VrrpScript", "chk");
        ObjectName tf = ObjectNames.of("TrackedFile", "tf");
        assertThat(server.isRegistered(chk)).isTrue();
        assertThat(server.isRegistered(tf)).isTrue();
        assertThat(server.getAttribute(chk, "Name")).isEqualTo("chk");
        assertThat(server.getAttribute(chk, "Up")).isEqualTo(true);
        assertThat(server.getAttribute(chk, "Weight")).isEqualTo(-80);
        assertThat((String[]) server.getAttribute(chk, "Instances")).containsExactly("VI_1");
        assertThat(server.getAttribute(chk, "LastChange")).isInstanceOf(Date.class);
        assertThat(server.getAttribute(tf, "Value")).isEqualTo(2L);
        assertThat((String[]) server.getAttribute(VI_1, "Trackers"))
                .containsExactly("SCRIPT chk weight -80 up", "FILE tf weight 5 up");

        lab.scriptExits(2);
        lab.advance(Duration.ofSeconds(3));
        assertThat(server.getAttribute(chk, "Up")).isEqualTo(false);
        assertThat(server.getAttribute(chk, "Value")).isEqualTo(2L);
        assertThat((String[]) server.getAttribute(VI_1, "Trackers")).contains("SCRIPT chk weight -80 down");
        Notification down = received.poll(5, TimeUnit.SECONDS);
        assertThat(down).isNotNull();
        assertThat(down.getSource()).isEqualTo(ObjectNames.daemon());
        assertThat(down.getSequenceNumber()).isGreaterThan(first.getSequenceNumber());
        CompositeData data = (CompositeData) down.getUserData();
        assertThat(data.get("instance")).isEqualTo("chk");
        assertThat(data.get("routerId")).isEqualTo("router-a");
        assertThat(data.get("kind")).isEqualTo("SCRIPT");
        assertThat(data.get("up")).isEqualTo(false);
        assertThat(data.get("value")).isEqualTo(2L);
        assertThat(received.poll(200, TimeUnit.MILLISECONDS)).as("one notification per change").isNull();
    }

    @Test
    void objectNamesQuoteOnlyWhenNeeded() {
        assertThat(ObjectNames.instance("VI_1").toString()).isEqualTo("keepalived4j:type=VrrpInstance,name=VI_1");
        assertThat(ObjectNames.instance("a,b=c").getKeyProperty("name")).isEqualTo("\"a,b=c\"");
        assertThat(ObjectNames.daemon().toString()).isEqualTo("keepalived4j:type=Daemon");
    }
}
