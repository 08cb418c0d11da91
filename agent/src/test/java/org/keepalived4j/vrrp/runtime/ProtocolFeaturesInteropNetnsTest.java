package org.keepalived4j.vrrp.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.keepalived4j.codec.netlink.Macs;
import org.keepalived4j.config.ConfigLoader;
import org.keepalived4j.config.HostEnvironment;
import org.keepalived4j.config.model.KeepalivedConfig;
import org.keepalived4j.config.syntax.ReadOptions;
import org.keepalived4j.sys.Interfaces;
import org.keepalived4j.sys.Linux;
import org.keepalived4j.sys.PacketSocket;
import org.keepalived4j.testlab.LabNode;
import org.keepalived4j.testlab.NetnsLab;
import org.keepalived4j.vrrp.VrrpEventListener;
import org.keepalived4j.vrrp.VrrpRouter;
import org.keepalived4j.vrrp.VrrpState;

/**
 * Protocol features checked against Debian's keepalived 2.2.7 with the same configuration text, on the wire
 * (AF_PACKET listener in a client namespace) and by interop: vrrp_garp_interval pacing, unicast_ttl with
 * unicast_peer min_ttl/max_ttl and check_unicast_src, vmac_xmit_base, and IPv6 use_vmac adverts from the VMAC.
 */
@Tag("netns")
@Tag("interop")
class ProtocolFeaturesInteropNetnsTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(20);
    private static final String NET = "10.103.0";

    /** One frame seen by the client: arrival (System.nanoTime) and the whole Ethernet frame. */
    record Frame(long nanos, byte[] data) {
        String sourceMac() {
            return Macs.format(java.util.Arrays.copyOfRange(data, 6, 12));
        }

        int etherType() {
            return ((data[12] & 0xff) << 8) | (data[13] & 0xff);
        }

        /** ARP: sender IP; IPv4/IPv6: source address. */
        String sourceIp() throws Exception {
            return switch (etherType()) {
                case Linux.ETH_P_ARP -> InetAddress.getByAddress(java.util.Arrays.copyOfRange(data, 28, 32))
                        .getHostAddress();
                case Linux.ETH_P_IP -> InetAddress.getByAddress(java.util.Arrays.copyOfRange(data, 26, 30))
                        .getHostAddress();
                default -> InetAddress.getByAddress(java.util.Arrays.copyOfRange(data, 22, 38)).getHostAddress();
            };
        }

        boolean isVrrp() {
            return etherType() == Linux.ETH_P_IP ? (data[23] & 0xff) == 112
                    : etherType() == Linux.ETH_P_IPV6 && (data[20] & 0xff) == 112;
        }

        int ttl() {
            return etherType() == Linux.ETH_P_IP ? data[22] & 0xff : data[21] & 0xff;
        }
    }

    @Test
    void garpIntervalPacesGratuitousArpsAsKeepalivedDoes(@TempDir Path dir) throws Exception {
        assumeKeepalived();
        String conf = """
                global_defs {
                    router_id k4j_pacing
                    vrrp_garp_interval 0.3
                    vrrp_garp_master_repeat 3
                    vrrp_garp_master_delay 2
                }
                vrrp_instance VI_1 {
                    state MASTER
                    interface lan0
                    virtual_router_id 51
                    priority 255
                    advert_int 1
                    virtual_ipaddress {
                        %1$s.100/32
                        %1$s.101/32
                    }
                }
                """.formatted(NET);
        try (NetnsLab lab = NetnsLab.builder("pf-garp").subnet(NET).nodes(2).build()) {
            LabNode router = lab.node(1);
            LabNode client = lab.node(2);

            Capture kaCapture = Capture.start(lab, client, Linux.ETH_P_ARP, Duration.ofMillis(4500));
            Process ka = startKeepalived(lab, router, conf, dir);
            List<String> keepalived = garpSequence(kaCapture.frames());
            lab.stop(ka, Duration.ofSeconds(5));

            Capture ourCapture = Capture.start(lab, client, Linux.ETH_P_ARP, Duration.ofMillis(4500));
            VrrpRuntime ours = startOurs(lab, router, conf);
            List<String> ourSequence;
            try {
                ourSequence = garpSequence(ourCapture.frames());
            } finally {
                stopOurs(lab, router, ours);
            }

            // keepalived: .100 at once, the repeats of .100 and .101 collapse to one delayed message each, 0.3 s
            // apart; the second burst (2 s later) the same
            List<String> expected = List.of(NET + ".100", NET + ".100", NET + ".101", NET + ".100", NET + ".100",
                    NET + ".101");
            assertThat(keepalived).as("keepalived 2.2.7").isEqualTo(expected);
            assertThat(ourSequence).isEqualTo(expected);
            assertGapsAtLeast(ourCapture.frames(), Duration.ofMillis(290));
        }
    }

    /** Sender IPs of the gratuitous ARPs (sender IP = target IP) in arrival order. */
    private static List<String> garpSequence(List<Frame> frames) throws Exception {
        List<String> out = new ArrayList<>();
        for (Frame f : frames) {
            if (f.etherType() == Linux.ETH_P_ARP && java.util.Arrays.equals(java.util.Arrays.copyOfRange(f.data, 28, 32),
                    java.util.Arrays.copyOfRange(f.data, 38, 42))) {
                out.add(f.sourceIp());
            }
        }
        return out;
    }

    /** The pacing is a minimum gap per interface: every two GARPs at least {@code gap} apart. */
    private static void assertGapsAtLeast(List<Frame> frames, Duration gap) {
        List<Frame> arps = frames.stream().filter(f -> f.etherType() == Linux.ETH_P_ARP).toList();
        for (int i = 1; i < arps.size(); i++) {
            assertThat(arps.get(i).nanos() - arps.get(i - 1).nanos()).as("gap before GARP %d", i)
                    .isGreaterThanOrEqualTo(gap.toNanos());
        }
    }

    /**
     * Four unicast pairs, keepalived in node 1 and ours in node 2: VI_1/VI_2 keepalived sends with unicast_ttl 64 to
     * our min_ttl 100 (TTL errors, we take over too) and min_ttl 60 max_ttl 64 (we stay backup); VI_3 keepalived
     * is not in our peer list under check_unicast_src (ignored: we take over); VI_4 we send with unicast_ttl 64 to
     * keepalived's min_ttl 100, which it logs as keepalived does for its own kind.
     */
    @Test
    void unicastTtlAndSourceChecksInteropWithKeepalived(@TempDir Path dir) throws Exception {
        assumeKeepalived();
        try (NetnsLab lab = NetnsLab.builder("pf-ucast").subnet(NET).nodes(2).build()) {
            LabNode kaNode = lab.node(1);
            LabNode ourNode = lab.node(2);
            String ka = kaNode.ipv4();
            String us = ourNode.ipv4();
            String kaConf = "global_defs {\n    router_id k4j_ucast\n}\n"
                    + unicastInstance("VI_1", 51, 150, ka, us + "", "    unicast_ttl 64\n")
                    + unicastInstance("VI_2", 52, 150, ka, us, "    unicast_ttl 64\n")
                    + unicastInstance("VI_3", 53, 150, ka, us, "")
                    + unicastInstance("VI_4", 54, 100, ka, us + " min_ttl 100", "");
            String ourConf = unicastInstance("VI_1", 51, 100, us, ka + " min_ttl 100", "")
                    + unicastInstance("VI_2", 52, 100, us, ka + " min_ttl 60 max_ttl 64", "")
                    + unicastInstance("VI_3", 53, 100, us, NET + ".9", "    check_unicast_src\n")
                    + unicastInstance("VI_4", 54, 150, us, ka, "    unicast_ttl 64\n");
            Process keepalived = startKeepalived(lab, kaNode, kaConf, dir);
            Awaitility.await("keepalived MASTER of VI_1..VI_3").atMost(TIMEOUT).until(() -> vipOn(lab, kaNode, 51)
                    && vipOn(lab, kaNode, 52) && vipOn(lab, kaNode, 53));
            VrrpRuntime ours = startOurs(lab, ourNode, ourConf);
            try {
                VrrpRouter vi1 = ours.routers().get(0);
                VrrpRouter vi2 = ours.routers().get(1);
                VrrpRouter vi3 = ours.routers().get(2);
                Awaitility.await("VI_1 and VI_3 ignore keepalived and take over").atMost(TIMEOUT).until(() -> vi1.state() == VrrpState.MASTER && vi3.state() == VrrpState.MASTER);
                Awaitility.await("keepalived logs our TTL 64 outside its range").atMost(TIMEOUT).until(() -> Files.readString(dir.resolve("keepalived.log"))
                                .contains("(VI_4) TTL/HL 64 not in range 100 - 255"));
                assertThat(vi2.state()).as("TTL 64 inside 60..64").isEqualTo(VrrpState.BACKUP);
                assertThat(vi2.statistics().ipTtlErrors()).isZero();
                assertThat(vi2.masterAddress()).isEqualTo(InetAddress.getByName(ka));
                assertThat(vi1.statistics().ipTtlErrors()).isGreaterThan(0);
                assertThat(vi3.statistics().ipTtlErrors()).isZero();
                assertThat(vi3.statistics().advertsReceived()).as("received, then dropped as not a peer")
                        .isGreaterThan(0);
                assertThat(vipOn(lab, kaNode, 51)).as("keepalived stays MASTER: split brain by configuration")
                        .isTrue();
            } finally {
                stopOurs(lab, ourNode, ours);
                lab.stop(keepalived, Duration.ofSeconds(5));
            }
        }
    }

    private static String unicastInstance(String name, int vrid, int priority, String source, String peer,
                                          String extra) {
        return """
                vrrp_instance %s {
                    state BACKUP
                    interface lan0
                    virtual_router_id %d
                    priority %d
                    advert_int 1
                    unicast_src_ip %s
                    unicast_peer {
                        %s
                    }
                %s    virtual_ipaddress {
                        %s.%d/32
                    }
                }
                """.formatted(name, vrid, priority, source, peer, extra, NET, 100 + vrid - 50);
    }

    private static boolean vipOn(NetnsLab lab, LabNode node, int vrid) throws IOException {
        return lab.execOk(node.namespace(), "ip", "-4", "-o", "addr", "show").stdout()
                .contains(" " + NET + "." + (100 + vrid - 50) + "/32");
    }

    /**
     * vmac_xmit_base: adverts from the parent's MAC, GARPs from the VMAC, as keepalived sends them; the excluded
     * addresses follow the VIPs onto the VMAC (also the one given dev lan0) and are announced after them.
     */
    @Test
    void vmacXmitBaseSendsAdvertsFromTheParentAsKeepalivedDoes(@TempDir Path dir) throws Exception {
        assumeKeepalived();
        String conf = """
                vrrp_instance VI_1 {
                    state MASTER
                    interface lan0
                    virtual_router_id 51
                    priority 255
                    advert_int 1
                    use_vmac
                    vmac_xmit_base
                    virtual_ipaddress {
                        %1$s.100/32
                    }
                    virtual_ipaddress_excluded {
                        %1$s.200/32
                        %1$s.201/32 dev lan0
                    }
                }
                """.formatted(NET);
        try (NetnsLab lab = NetnsLab.builder("pf-xb").subnet(NET).nodes(2).build()) {
            LabNode router = lab.node(1);
            LabNode client = lab.node(2);
            String parentMac = mac(lab, router);

            Capture kaCapture = Capture.start(lab, client, Linux.ETH_P_ALL, Duration.ofMillis(2500));
            Process ka = startKeepalived(lab, router, conf, dir);
            List<Frame> kaFrames = kaCapture.frames();
            lab.stop(ka, Duration.ofSeconds(5));
            assertXmitBase(kaFrames, parentMac, "keepalived 2.2.7");
            List<String> kaGarps = garpSequence(kaFrames);

            Capture ourCapture = Capture.start(lab, client, Linux.ETH_P_ALL, Duration.ofMillis(2500));
            VrrpRuntime ours = startOurs(lab, router, conf);
            try {
                assertXmitBase(ourCapture.frames(), parentMac, "ours");
                assertThat(garpSequence(ourCapture.frames())).isEqualTo(kaGarps).contains(NET + ".201");
                assertThat(lab.execOk(router.namespace(), "ip", "-o", "addr", "show", "dev", "vrrp.51").stdout())
                        .contains(" " + NET + ".100/32").contains(" " + NET + ".200/32")
                        .contains(" " + NET + ".201/32");
            } finally {
                stopOurs(lab, router, ours);
            }
        }
    }

    private static void assertXmitBase(List<Frame> frames, String parentMac, String who) throws Exception {
        List<Frame> adverts = frames.stream().filter(Frame::isVrrp).toList();
        List<String> garps = garpSequence(frames);
        assertThat(adverts).as(who + " adverts").isNotEmpty();
        assertThat(garps).as(who + " GARPs").isNotEmpty();
        for (Frame f : adverts) {
            assertThat(f.sourceMac()).as(who + " advert source MAC").isEqualTo(parentMac);
            assertThat(f.sourceIp()).as(who + " advert source").isEqualTo(NET + ".1");
        }
        for (Frame f : frames.stream().filter(f -> f.etherType() == Linux.ETH_P_ARP).toList()) {
            assertThat(f.sourceMac()).as(who + " GARP source MAC").isEqualTo("00:00:5e:00:01:33");
        }
    }

    /**
     * IPv6 use_vmac: our adverts leave from the VMAC (00:00:5e:00:02:33) with the parent's link-local address as
     * source, as keepalived's do, and keepalived (priority 100) stays backup hearing them.
     */
    @Test
    void ipv6VmacAdvertsLeaveFromTheVmacAndKeepalivedFollows(@TempDir Path dir) throws Exception {
        assumeKeepalived();
        String vip = "fd00:4b34::100";
        String instance = """
                vrrp_instance VI_6 {
                    state BACKUP
                    interface lan0
                    virtual_router_id 51
                    priority %d
                    advert_int 1
                %s    virtual_ipaddress {
                        %s/128
                    }
                }
                """;
        try (NetnsLab lab = NetnsLab.builder("pf-v6vmac").subnet(NET).nodes(3).ipv6(true).build()) {
            LabNode ourNode = lab.node(1);
            LabNode kaNode = lab.node(2);
            LabNode client = lab.node(3);
            String linkLocal = lab.execOk(ourNode.namespace(), "ip", "-6", "-o", "addr", "show", "dev", "lan0", "scope",
                    "link").stdout().replaceAll("(?s).*inet6 ([0-9a-f:]+)/.*", "$1").strip();
            VrrpRuntime ours = startOurs(lab, ourNode, instance.formatted(150, "    use_vmac\n", vip));
            Process ka = null;
            try {
                Awaitility.await("ours MASTER").atMost(TIMEOUT).until(() -> ours.routers().get(0).state() == VrrpState.MASTER);
                Capture capture = Capture.start(lab, client, Linux.ETH_P_IPV6, Duration.ofMillis(2500));
                ka = startKeepalived(lab, kaNode, instance.formatted(100, "", vip), dir);
                List<Frame> adverts = capture.frames().stream().filter(Frame::isVrrp).toList();
                assertThat(adverts).isNotEmpty();
                for (Frame f : adverts) {
                    assertThat(f.sourceMac()).isEqualTo("00:00:5e:00:02:33");
                    assertThat(InetAddress.getByName(f.sourceIp())).isEqualTo(InetAddress.getByName(linkLocal));
                    assertThat(f.ttl()).as("hop limit").isEqualTo(255);
                }
                assertThat(lab.execOk(ourNode.namespace(), "ip", "-6", "-o", "addr", "show", "dev", "vrrp.51")
                        .stdout()).contains(" " + vip + "/128").contains(" " + linkLocal + "/64");
                // keepalived hears the adverts: it never takes the VIP for longer than its Master_Down_Interval
                long end = System.nanoTime() + Duration.ofSeconds(5).toNanos();
                for (int i = 0; i < 200 && System.nanoTime() < end; i++) {
                    if (lab.execOk(kaNode.namespace(), "ip", "-6", "-o", "addr", "show").stdout()
                            .contains(" " + vip + "/")) {
                        throw new AssertionError("keepalived took the VIP; its log:\n"
                                + Files.readString(dir.resolve("keepalived.log")));
                    }
                    Thread.sleep(50);
                }
                assertThat(ours.routers().get(0).state()).isEqualTo(VrrpState.MASTER);
            } finally {
                stopOurs(lab, ourNode, ours);
                if (ka != null) {
                    lab.stop(ka, Duration.ofSeconds(5));
                }
            }
        }
    }

    // ------------------------------------------------------------------------------------------------ helpers

    private static void assumeKeepalived() {
        NetnsLab.assumeAvailable();
        Assumptions.assumeTrue(Files.isExecutable(Path.of("/usr/sbin/keepalived")), "keepalived is not installed");
    }

    /** Frames of one EtherType received in a client namespace for a fixed window starting now. */
    private record Capture(CompletableFuture<List<Frame>> result) {
        static Capture start(NetnsLab lab, LabNode client, int etherType, Duration window) throws Exception {
            CountDownLatch listening = new CountDownLatch(1);
            CompletableFuture<List<Frame>> f = lab.startInNamespace(client.namespace(), () -> {
                List<Frame> frames = new ArrayList<>();
                try (PacketSocket s = PacketSocket.open(Interfaces.index("lan0"), "lan0", etherType)) {
                    listening.countDown();
                    long end = System.nanoTime() + window.toNanos();
                    for (int i = 0; i < 10_000 && System.nanoTime() < end; i++) {
                        byte[] frame = s.receive(Duration.ofMillis(50));
                        if (frame != null && frame.length >= 14 && !isOwn(frame, etherType)) {
                            frames.add(new Frame(System.nanoTime(), frame));
                        }
                    }
                }
                return frames;
            });
            assertThat(listening.await(10, TimeUnit.SECONDS)).as("listener ready").isTrue();
            return new Capture(f);
        }

        /** With ETH_P_ALL the client's own IPv6 chatter would show up; only frames of the wanted types count. */
        private static boolean isOwn(byte[] frame, int etherType) {
            int type = ((frame[12] & 0xff) << 8) | (frame[13] & 0xff);
            return etherType == Linux.ETH_P_ALL && type != Linux.ETH_P_IP && type != Linux.ETH_P_ARP;
        }

        List<Frame> frames() throws Exception {
            return result.get(30, TimeUnit.SECONDS);
        }
    }

    private static String mac(NetnsLab lab, LabNode node) throws IOException {
        String out = lab.execOk(node.namespace(), "ip", "-o", "link", "show", "lan0").stdout();
        int at = out.indexOf("link/ether ");
        return out.substring(at + 11, at + 28);
    }

    private static Process startKeepalived(NetnsLab lab, LabNode node, String conf, Path dir) throws IOException {
        Path file = dir.resolve("keepalived.conf");
        Files.writeString(file, conf);
        return lab.start(node.namespace(), List.of("/usr/sbin/keepalived", "-n", "-l", "-G", "-D", "-f",
                file.toString(), "-p", dir.resolve("ka.pid").toString(), "-r", dir.resolve("vrrp.pid").toString(),
                "-c", dir.resolve("check.pid").toString(), "-b", dir.resolve("bfd.pid").toString()),
                dir.resolve("keepalived.log"));
    }

    /** Our runtime from the same configuration text, mapped against the node's interfaces. */
    private static VrrpRuntime startOurs(NetnsLab lab, LabNode node, String conf) throws Exception {
        ConfigLoader.Result r = ConfigLoader.loadString(conf, Path.of("/tmp/k4j-protofeat-test.conf"),
                new ReadOptions("host"), HostEnvironment.permissive());
        assertThat(r.hasErrors()).as(r.diagnostics().toString()).isFalse();
        KeepalivedConfig config = r.config();
        return lab.runInNamespace(node.namespace(), () -> {
            try (KernelInterfaceAddresses host = new KernelInterfaceAddresses()) {
                return VrrpRuntime.start(new VrrpSettingsMapper(host).instances(config), config,
                        VrrpEventListener.NONE);
            }
        });
    }

    private static void stopOurs(NetnsLab lab, LabNode node, VrrpRuntime runtime) throws Exception {
        lab.runInNamespace(node.namespace(), () -> {
            runtime.stop();
            return null;
        });
    }
}
