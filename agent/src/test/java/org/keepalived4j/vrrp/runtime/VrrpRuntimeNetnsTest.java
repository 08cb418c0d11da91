package org.keepalived4j.vrrp.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.keepalived4j.codec.arp.ArpParseResult;
import org.keepalived4j.codec.arp.GratuitousArp;
import org.keepalived4j.codec.netlink.Macs;
import org.keepalived4j.sys.Interfaces;
import org.keepalived4j.sys.Linux;
import org.keepalived4j.sys.PacketSocket;
import org.keepalived4j.sys.RawIpSocket;
import org.keepalived4j.codec.vrrp.V3Checksum;
import org.keepalived4j.codec.vrrp.VrrpAdvert;
import org.keepalived4j.codec.vrrp.VrrpIpv4PacketWriter;
import org.keepalived4j.vrrp.ProtocolErrorReason;
import org.keepalived4j.testlab.LabNode;
import org.keepalived4j.testlab.NetnsLab;
import org.keepalived4j.vrrp.StateChangeReason;
import org.keepalived4j.vrrp.VrrpRouter;
import org.keepalived4j.vrrp.VrrpRouterSettings;
import org.keepalived4j.vrrp.VrrpState;

/**
 * Two routers on real sockets in two namespaces (plus a client namespace): election, VIP placement, gratuitous
 * ARP, failover on graceful stop, on a crash, and on link down. VRRPv3 with 0.2 s adverts keeps the runs short.
 */
@Tag("netns")
class VrrpRuntimeNetnsTest {
    private static final Logger LOG = LogManager.getLogger(VrrpRuntimeNetnsTest.class);
    private static final String VIP = "10.77.0.100";
    private static final Duration TIMEOUT = Duration.ofSeconds(15);

    private static NetnsLab lab;
    private static LabNode high;
    private static LabNode low;
    private static LabNode client;

    private final List<StateLog.Change> changes = StateLog.newList();
    private final Map<VrrpRuntime, String> running = new HashMap<>();

    @BeforeAll
    static void buildLab() throws Exception {
        NetnsLab.assumeAvailable();
        lab = NetnsLab.builder("vnet-rt").nodes(3).build();
        high = lab.node(1);
        low = lab.node(2);
        client = lab.node(3);
    }

    @AfterAll
    static void closeLab() {
        if (lab != null) {
            lab.close();
        }
    }

    @AfterEach
    void stopRouters() throws Exception {
        for (Map.Entry<VrrpRuntime, String> e : running.entrySet()) {
            lab.runInNamespace(e.getValue(), () -> {
                e.getKey().stop();
                return null;
            });
        }
        for (LabNode n : List.of(high, low)) {
            lab.exec(n.namespace(), "ip", "link", "set", "lan0", "up");
            lab.exec(n.namespace(), "ip", "addr", "del", VIP + "/32", "dev", "lan0");
            lab.exec(n.namespace(), "ip", "addr", "del", "10.77.0.101/32", "dev", "lan0");
        }
    }

    @Test
    void electsOneMasterAnnouncesTheVipAndFailsOverOnStop() throws Exception {
        CountDownLatch listening = new CountDownLatch(1);
        CompletableFuture<ArpParseResult> garp = lab.startInNamespace(client.namespace(),
                () -> awaitGarp(listening, Duration.ofSeconds(20)));
        assertThat(listening.await(10, TimeUnit.SECONDS)).isTrue();

        // higher priority first: a backup started earlier may win its first election (keepalived does the same)
        VrrpRuntime highRt = start(high, 150);
        VrrpRuntime lowRt = start(low, 100);
        awaitMaster(highRt, high);
        assertThat(router(lowRt).state()).isEqualTo(VrrpState.BACKUP);
        assertThat(vipOn(low)).isFalse();

        ArpParseResult arp = garp.get(20, TimeUnit.SECONDS);
        assertThat(arp).isInstanceOf(ArpParseResult.Parsed.class);
        var packet = ((ArpParseResult.Parsed) arp).packet();
        assertThat(packet.opcode()).isEqualTo(GratuitousArp.OPCODE_REQUEST);
        assertThat(packet.senderIp()).isEqualTo(InetAddress.getByName(VIP));
        assertThat(packet.targetIp()).isEqualTo(InetAddress.getByName(VIP));
        assertThat(Macs.format(packet.senderMac())).isEqualTo(mac(high));

        long stopAt = System.nanoTime();
        stop(highRt, high);
        awaitMaster(lowRt, low);
        assertThat(vipOn(high)).isFalse();
        StateLog.Change takeover = lastChange("low", VrrpState.MASTER);
        assertThat(takeover.reason()).isEqualTo(StateChangeReason.MASTER_RESIGNED);
        LOG.info("graceful failover: backup MASTER {} µs after stop() (skew {} µs)",
                (takeover.nanos() - stopAt) / 1000, router(lowRt).skewMicros());
    }

    @Test
    void crashLeavesTheVipBehindAndTheRestartedNodeCleansUpAndPreempts() throws Exception {
        // higher priority first: a backup started earlier may win its first election (keepalived does the same)
        VrrpRuntime highRt = start(high, 150);
        VrrpRuntime lowRt = start(low, 100);
        awaitMaster(highRt, high);

        long crashAt = System.nanoTime();
        lab.runInNamespace(high.namespace(), () -> {
            highRt.crash();
            return null;
        });
        running.remove(highRt);
        awaitMaster(lowRt, low);
        StateLog.Change takeover = lastChange("low", VrrpState.MASTER);
        assertThat(takeover.reason()).isEqualTo(StateChangeReason.MASTER_DOWN);
        LOG.info("crash failover: backup MASTER {} µs after the crash (Master_Down_Interval {} µs)",
                (takeover.nanos() - crashAt) / 1000, router(lowRt).masterDownMicros());
        assertThat(vipOn(high)).as("a crashed node leaves its VIP, as keepalived after kill -9").isTrue();

        VrrpRuntime again = start(high, 150);
        awaitMaster(again, high);
        Awaitility.await("low back to BACKUP").atMost(TIMEOUT).until(() -> router(lowRt).state() == VrrpState.BACKUP && !vipOn(low));
    }

    @Test
    void linkDownIsAFaultAndTheBackupTakesOver() throws Exception {
        // higher priority first: a backup started earlier may win its first election (keepalived does the same)
        VrrpRuntime highRt = start(high, 150);
        VrrpRuntime lowRt = start(low, 100);
        awaitMaster(highRt, high);

        long downAt = System.nanoTime();
        lab.execOk(high.namespace(), "ip", "link", "set", "lan0", "down");
        Awaitility.await("high in FAULT").atMost(TIMEOUT).until(() -> router(highRt).state() == VrrpState.FAULT);
        LOG.info("link down: FAULT {} µs after 'ip link set lan0 down' returned",
                (lastChange("high", VrrpState.FAULT).nanos() - downAt) / 1000);
        Awaitility.await("VIP removed from the faulty node").atMost(TIMEOUT).until(() -> !vipOn(high));
        awaitMaster(lowRt, low);

        lab.execOk(high.namespace(), "ip", "link", "set", "lan0", "up");
        awaitMaster(highRt, high);
        Awaitility.await("low back to BACKUP").atMost(TIMEOUT).until(() -> router(lowRt).state() == VrrpState.BACKUP && !vipOn(low));
    }

    @Test
    void losingThePrimaryAddressIsAFault() throws Exception {
        VrrpRuntime highRt = start(high, 150);
        VrrpRuntime lowRt = start(low, 100);
        awaitMaster(highRt, high);

        lab.execOk(high.namespace(), "ip", "addr", "del", high.ipv4() + "/24", "dev", "lan0");
        Awaitility.await("high in FAULT").atMost(TIMEOUT).until(() -> router(highRt).state() == VrrpState.FAULT);
        awaitMaster(lowRt, low);

        lab.execOk(high.namespace(), "ip", "addr", "add", high.ipv4() + "/24", "dev", "lan0");
        awaitMaster(highRt, high);
    }

    @Test
    void malformedAdvertsAreCountedAndTheRoutersCarryOn() throws Exception {
        VrrpRuntime highRt = start(high, 150);
        VrrpRuntime lowRt = start(low, 100);
        awaitMaster(highRt, high);

        InetAddress group = InetAddress.getByName("224.0.0.18");
        VrrpAdvert advert = new VrrpAdvert(3, 51, 200, 0, 20, List.of(InetAddress.getByName(VIP)), new byte[0]);
        byte[] good = packet(advert, (java.net.Inet4Address) InetAddress.getByName(client.ipv4()));
        byte[] badChecksum = good.clone();
        badChecksum[20 + 6] ^= 0x5a;
        byte[] badCount = good.clone();
        badCount[20 + 3] = 2; // two addresses announced, one present
        lab.runInNamespace(client.namespace(), () -> {
            try (RawIpSocket s = RawIpSocket.open(false, 112)) {
                s.bindToDevice("lan0");
                s.setHeaderIncluded(true);
                s.send(badChecksum, group);
                s.send(badCount, group);
            }
            return null;
        });
        Awaitility.await("both errors counted by the backup").atMost(TIMEOUT).until(() -> {
            var stats = router(lowRt).statistics();
            return stats.packetLengthErrors() >= 1 && stats.protocolErrorReason() == ProtocolErrorReason.CHECKSUM_ERROR;
        });
        assertThat(router(highRt).statistics().packetLengthErrors()).isGreaterThanOrEqualTo(1);
        assertThat(router(highRt).state()).isEqualTo(VrrpState.MASTER); // priority 200 never got through
        assertThat(router(lowRt).state()).isEqualTo(VrrpState.BACKUP);
    }

    private static byte[] packet(VrrpAdvert advert, java.net.Inet4Address source) throws Exception {
        ByteBuffer out = ByteBuffer.allocate(64);
        int n = VrrpIpv4PacketWriter.write(out, advert, 7, source,
                (java.net.Inet4Address) InetAddress.getByName("224.0.0.18"), V3Checksum.PSEUDO_HEADER, null, 0, false);
        return java.util.Arrays.copyOf(out.array(), n);
    }

    @Test
    void twoInstancesShareTheInterfaceChannelAndElectIndependently() throws Exception {
        String vip2 = "10.77.0.101";
        VrrpRuntime highRt = startTwo(high, 150, 100, vip2);
        VrrpRuntime lowRt = startTwo(low, 100, 150, vip2);
        Awaitility.await("VI_1 on high, VI_2 on low").atMost(TIMEOUT).until(() ->
                highRt.routers().get(0).state() == VrrpState.MASTER && highRt.routers().get(1).state() == VrrpState.BACKUP
                        && lowRt.routers().get(0).state() == VrrpState.BACKUP
                        && lowRt.routers().get(1).state() == VrrpState.MASTER
                        && vipOn(high) && hasAddress(low, vip2) && !vipOn(low) && !hasAddress(high, vip2));
    }

    private VrrpRuntime startTwo(LabNode node, int priority1, int priority2, String vip2) throws Exception {
        InetAddress source = InetAddress.getByName(node.ipv4());
        VrrpRouterSettings one = VrrpRouterSettings.builder("VI_1", 51).version(3).advertIntervalCentis(20)
                .priority(priority1).virtualAddresses(List.of(InetAddress.getByName(VIP))).primaryAddress(source).build();
        VrrpRouterSettings two = VrrpRouterSettings.builder("VI_2", 52).version(3).advertIntervalCentis(20)
                .priority(priority2).virtualAddresses(List.of(InetAddress.getByName(vip2))).primaryAddress(source).build();
        VrrpRuntime rt = lab.runInNamespace(node.namespace(), () -> VrrpRuntime.start(
                List.of(VrrpInstanceSpec.of(one, "lan0"), VrrpInstanceSpec.of(two, "lan0")),
                new StateLog(node == high ? "high" : "low", changes)));
        running.put(rt, node.namespace());
        return rt;
    }

    private static boolean hasAddress(LabNode node, String address) throws Exception {
        return lab.execOk(node.namespace(), "ip", "-4", "-o", "addr", "show", "dev", "lan0").stdout()
                .contains(" " + address + "/32 ");
    }

    @Test
    void aMissingInterfaceFailsTheStartWithOneLineNamingIt() throws Exception {
        VrrpRouterSettings settings = VrrpRouterSettings.builder("VI_9", 59)
                .virtualAddresses(List.of(InetAddress.getByName("10.77.0.109")))
                .primaryAddress(InetAddress.getByName(high.ipv4()))
                .build();
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> lab.runInNamespace(high.namespace(),
                        () -> VrrpRuntime.start(List.of(VrrpInstanceSpec.of(settings, "lan9")), new StateLog("x", changes))))
                .isInstanceOf(VrrpStartException.class)
                .hasMessageContaining("VI_9").hasMessageContaining("lan9").message().doesNotContain("\n");
        assertThat(changes).isEmpty();
    }

    // ------------------------------------------------------------------ helpers

    private VrrpRuntime start(LabNode node, int priority) throws Exception {
        VrrpRouterSettings settings = VrrpRouterSettings.builder("VI_1", 51)
                .version(3)
                .advertIntervalCentis(20)
                .priority(priority)
                .virtualAddresses(List.of(InetAddress.getByName(VIP)))
                .primaryAddress(InetAddress.getByName(node.ipv4()))
                .build();
        String name = node == high ? "high" : "low";
        VrrpRuntime rt = lab.runInNamespace(node.namespace(),
                () -> VrrpRuntime.start(List.of(VrrpInstanceSpec.of(settings, "lan0")), new StateLog(name, changes)));
        running.put(rt, node.namespace());
        return rt;
    }

    private void stop(VrrpRuntime rt, LabNode node) throws Exception {
        lab.runInNamespace(node.namespace(), () -> {
            rt.stop();
            return null;
        });
        running.remove(rt);
    }

    private static VrrpRouter router(VrrpRuntime rt) {
        return rt.routers().get(0);
    }

    /** MASTER with the VIP on its lan0, and the VIP on no other router node. */
    private void awaitMaster(VrrpRuntime rt, LabNode node) throws Exception {
        LabNode other = node == high ? low : high;
        Awaitility.await(node.namespace() + " MASTER with the VIP only there").atMost(TIMEOUT).until(() -> router(rt).state() == VrrpState.MASTER && vipOn(node) && !vipOnIfUp(other));
    }

    /** A crashed node keeps its VIP; only count it while its router runs. */
    private boolean vipOnIfUp(LabNode node) throws Exception {
        return running.values().contains(node.namespace()) && vipOn(node);
    }

    private StateLog.Change lastChange(String node, VrrpState to) {
        StateLog.Change found = null;
        for (StateLog.Change c : changes) {
            if (c.node().equals(node) && c.to() == to) {
                found = c;
            }
        }
        assertThat(found).as(node + " entered " + to).isNotNull();
        return found;
    }

    private static boolean vipOn(LabNode node) throws Exception {
        return lab.execOk(node.namespace(), "ip", "-4", "-o", "addr", "show", "dev", "lan0").stdout()
                .contains(" " + VIP + "/32 ");
    }

    private static String mac(LabNode node) throws Exception {
        String out = lab.execOk(node.namespace(), "ip", "-o", "link", "show", "lan0").stdout();
        int at = out.indexOf("link/ether ");
        return out.substring(at + 11, at + 28);
    }

    /** Runs in the client namespace: the first gratuitous ARP for the VIP within {@code timeout}. */
    private static ArpParseResult awaitGarp(CountDownLatch listening, Duration timeout) throws Exception {
        try (PacketSocket s = PacketSocket.open(Interfaces.index("lan0"), "lan0", Linux.ETH_P_ARP)) {
            listening.countDown();
            long deadline = System.nanoTime() + timeout.toNanos();
            while (System.nanoTime() < deadline) {
                byte[] frame = s.receive(Duration.ofMillis(200));
                if (frame == null) {
                    continue;
                }
                ArpParseResult r = GratuitousArp.parse(ByteBuffer.wrap(frame), 0, frame.length);
                if (r instanceof ArpParseResult.Parsed p && p.packet().senderIp().equals(InetAddress.getByName(VIP))) {
                    return r;
                }
            }
            return null;
        }
    }
}
