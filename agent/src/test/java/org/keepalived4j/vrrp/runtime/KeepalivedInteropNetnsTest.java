package org.keepalived4j.vrrp.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.keepalived4j.sys.Rtnl;
import org.keepalived4j.testlab.LabNode;
import org.keepalived4j.testlab.NetnsLab;
import org.keepalived4j.vrrp.AddressFamily;
import org.keepalived4j.vrrp.VrrpAuthentication;
import org.keepalived4j.vrrp.VrrpRouter;
import org.keepalived4j.vrrp.VrrpRouterSettings;
import org.keepalived4j.vrrp.VrrpState;

/**
 * Debian's keepalived 2.2.7 in one namespace, our runtime in another, one VRID: in each variant and each role
 * exactly one master holds the VIP (and keeps holding it while the other stays backup for longer than its
 * Master_Down_Interval, which only happens if the backup understands the master's adverts), and a graceful stop of
 * the master hands the VIP to the other implementation.
 */
@Tag("netns")
@Tag("interop")
class KeepalivedInteropNetnsTest {
    private static final Logger LOG = LogManager.getLogger(KeepalivedInteropNetnsTest.class);
    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private static final Duration HOLD = Duration.ofSeconds(4);
    private static final String PASSWORD = "secret12";
    private static int labCounter;

    enum Auth { NONE, PASS, AH }

    /** One wire variant. */
    record Variant(String name, int version, Auth auth, boolean unicast, boolean ipv6, boolean ourVmac) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Arguments> cases() {
        List<Variant> variants = List.of(
                new Variant("v2", 2, Auth.NONE, false, false, false),
                new Variant("v2-pass", 2, Auth.PASS, false, false, false),
                new Variant("v2-ah", 2, Auth.AH, false, false, false),
                new Variant("v3-ipv4", 3, Auth.NONE, false, false, false),
                new Variant("v3-ipv6", 3, Auth.NONE, false, true, false),
                new Variant("v2-unicast", 2, Auth.NONE, true, false, false),
                new Variant("v3-unicast", 3, Auth.NONE, true, false, false),
                new Variant("v2-our-vmac", 2, Auth.NONE, false, false, true));
        return variants.stream().flatMap(v -> Stream.of(Arguments.of(v, true), Arguments.of(v, false)));
    }

    @ParameterizedTest(name = "{0}, keepalived master: {1}")
    @MethodSource("cases")
    void oneMasterInEitherRoleAndGracefulHandover(Variant variant, boolean keepalivedMaster, @TempDir Path dir)
            throws Exception {
        NetnsLab.assumeAvailable();
        Assumptions.assumeTrue(Files.isExecutable(Path.of("/usr/sbin/keepalived")), "keepalived is not installed");
        try (NetnsLab lab = NetnsLab.builder("vnet-i" + (++labCounter)).nodes(2).ipv6(variant.ipv6()).build()) {
            LabNode ka = lab.node(1);
            LabNode ours = lab.node(2);
            String vip = variant.ipv6() ? "fd00:4b34::100" : "10.77.0.100";
            int kaPriority = keepalivedMaster ? 150 : 100;
            int ourPriority = keepalivedMaster ? 100 : 150;
            Path kaLog = dir.resolve("keepalived.log");
            Process keepalived = null;
            VrrpRuntime runtime = null;
            Check check = new Check(lab, ka, ours, vip, kaLog);
            try {
                if (keepalivedMaster) {
                    keepalived = startKeepalived(lab, ka, ours, variant, kaPriority, vip, dir);
                    check.await("keepalived MASTER", () -> check.vipOn(ka));
                    runtime = startOurs(lab, ours, ka, variant, ourPriority, vip);
                } else {
                    runtime = startOurs(lab, ours, ka, variant, ourPriority, vip);
                    keepalived = startKeepalived(lab, ka, ours, variant, kaPriority, vip, dir);
                }
                VrrpRouter router = runtime.routers().get(0);
                LabNode master = keepalivedMaster ? ka : ours;
                LabNode backup = keepalivedMaster ? ours : ka;
                check.await("VIP only on " + master.namespace(),
                        () -> check.vipOn(master) && !check.vipOn(backup)
                                && router.state() == (keepalivedMaster ? VrrpState.BACKUP : VrrpState.MASTER));
                check.hold("VIP stays only on " + master.namespace(),
                        () -> check.vipOn(master) && !check.vipOn(backup));
                if (variant.ourVmac() && !keepalivedMaster) {
                    // use_vmac: the VIP lives on vrrp.51, whose MAC is the RFC virtual router MAC
                    String vmac = lab.execOk(ours.namespace(), "ip", "-o", "addr", "show", "dev", "vrrp.51").stdout();
                    assertThat(vmac).contains(" " + vip + "/");
                    assertThat(lab.execOk(ours.namespace(), "ip", "-d", "-o", "link", "show", "vrrp.51").stdout())
                            .contains("link/ether 00:00:5e:00:01:33").contains("macvlan mode private");
                }

                long stopAt = System.nanoTime();
                if (keepalivedMaster) {
                    lab.stop(keepalived, Duration.ofSeconds(5)); // SIGTERM: priority 0, VIPs removed
                    check.await("our takeover", () -> router.state() == VrrpState.MASTER && check.vipOn(ours)
                            && !check.vipOn(ka));
                } else {
                    VrrpRuntime r = runtime;
                    lab.runInNamespace(ours.namespace(), () -> {
                        r.stop();
                        return null;
                    });
                    runtime = null;
                    check.await("keepalived takeover", () -> check.vipOn(ka) && !check.vipOn(ours));
                    if (variant.ourVmac()) {
                        assertThat(lab.exec(ours.namespace(), "ip", "link", "show", "vrrp.51").ok())
                                .as("VMAC removed on stop").isFalse();
                    }
                }
                LOG.info("{} keepalived master {}: VIP moved {} ms after the graceful stop", variant, keepalivedMaster,
                        (System.nanoTime() - stopAt) / 1_000_000);
            } finally {
                if (runtime != null) {
                    VrrpRuntime r = runtime;
                    lab.runInNamespace(ours.namespace(), () -> {
                        r.stop();
                        return null;
                    });
                }
            }
        }
    }

    /**
     * AH after a split brain: both sides were master with their own sequence numbers; when the link returns the
     * lower-priority side must accept the higher one's adverts again (keepalived moves its counter beyond a
     * lower-priority sender's, and so do we).
     */
    @org.junit.jupiter.params.ParameterizedTest(name = "keepalived higher priority: {0}")
    @org.junit.jupiter.params.provider.ValueSource(booleans = {true, false})
    void ahSplitBrainHeals(boolean keepalivedHigher, @TempDir Path dir) throws Exception {
        NetnsLab.assumeAvailable();
        Assumptions.assumeTrue(Files.isExecutable(Path.of("/usr/sbin/keepalived")), "keepalived is not installed");
        Variant ah = new Variant("v2-ah", 2, Auth.AH, false, false, false);
        try (NetnsLab lab = NetnsLab.builder("vnet-sb" + (keepalivedHigher ? 1 : 2)).nodes(2).build()) {
            LabNode ka = lab.node(1);
            LabNode ours = lab.node(2);
            String vip = "10.77.0.100";
            Check check = new Check(lab, ka, ours, vip, dir.resolve("keepalived.log"));
            LabNode high = keepalivedHigher ? ka : ours;
            LabNode low = keepalivedHigher ? ours : ka;
            VrrpRuntime runtime = null;
            try {
                if (keepalivedHigher) {
                    startKeepalived(lab, ka, ours, ah, 150, vip, dir);
                    check.await("keepalived MASTER", () -> check.vipOn(ka));
                    runtime = startOurs(lab, ours, ka, ah, 100, vip);
                } else {
                    runtime = startOurs(lab, ours, ka, ah, 150, vip);
                    check.await("ours MASTER", () -> check.vipOn(ours));
                    startKeepalived(lab, ka, ours, ah, 100, vip, dir);
                }
                check.await("one master", () -> check.vipOn(high) && !check.vipOn(low));
                check.hold("one master", () -> check.vipOn(high) && !check.vipOn(low));

                String port = "n" + low.index() + "s0";
                // off the bridge, carrier stays up: no FAULT, just a partition
                lab.execOk(lab.bridgeNamespace(), "ip", "link", "set", port, "nomaster");
                check.await("split brain: both masters", () -> check.vipOn(high) && check.vipOn(low));
                check.hold("split brain lasts", () -> check.vipOn(high) && check.vipOn(low));
                lab.execOk(lab.bridgeNamespace(), "ip", "link", "set", port, "master", "br0");
                check.await("healed: VIP only on the higher priority", () -> check.vipOn(high) && !check.vipOn(low));
                check.hold("stays healed", () -> check.vipOn(high) && !check.vipOn(low));
            } finally {
                if (runtime != null) {
                    VrrpRuntime r = runtime;
                    lab.runInNamespace(ours.namespace(), () -> {
                        r.stop();
                        return null;
                    });
                }
            }
        }
    }

    /** Polling checks that name keepalived's log when they fail. */
    private record Check(NetnsLab lab, LabNode ka, LabNode ours, String vip, Path kaLog) {
        boolean vipOn(LabNode node) throws IOException {
            String family = vip.contains(":") ? "-6" : "-4";
            return lab.execOk(node.namespace(), "ip", family, "-o", "addr", "show").stdout().contains(" " + vip + "/");
        }

        void await(String what, Callable<Boolean> condition) throws Exception {
            try {
                Awaitility.await(what).atMost(TIMEOUT).until(condition);
            } catch (org.awaitility.core.ConditionTimeoutException e) {
                throw new AssertionError(e.getMessage() + "; keepalived log:\n" + log(), e);
            }
        }

        /** The condition holds at every poll for {@link #HOLD} (longer than any Master_Down_Interval here). */
        void hold(String what, Callable<Boolean> condition) throws Exception {
            long end = System.nanoTime() + HOLD.toNanos();
            for (int i = 0; i < 1000 && System.nanoTime() < end; i++) {
                assertThat(condition.call()).as(what + "; keepalived log:\n" + log()).isTrue();
                Thread.sleep(50);
            }
        }

        private String log() throws IOException {
            return Files.exists(kaLog) ? Files.readString(kaLog) : "(none)";
        }
    }

    private static Process startKeepalived(NetnsLab lab, LabNode ka, LabNode ours, Variant v, int priority,
                                           String vip, Path dir) throws IOException {
        StringBuilder instance = new StringBuilder();
        instance.append("    state BACKUP\n    interface lan0\n    virtual_router_id 51\n")
                .append("    priority ").append(priority).append("\n    advert_int 1\n");
        if (v.version() == 3) {
            instance.append("    version 3\n");
        }
        if (v.auth() != Auth.NONE) {
            instance.append("    authentication {\n        auth_type ").append(v.auth())
                    .append("\n        auth_pass ").append(PASSWORD).append("\n    }\n");
        }
        if (v.unicast()) {
            instance.append("    unicast_src_ip ").append(ka.ipv4()).append("\n    unicast_peer {\n        ")
                    .append(ours.ipv4()).append("\n    }\n");
        }
        instance.append("    virtual_ipaddress {\n        ").append(vip).append(v.ipv6() ? "/128" : "/32")
                .append("\n    }\n");
        Path conf = dir.resolve("keepalived.conf");
        Files.writeString(conf, "global_defs {\n    router_id k4j_interop\n}\nvrrp_instance VI_1 {\n" + instance + "}\n");
        return lab.start(ka.namespace(), List.of("/usr/sbin/keepalived", "-n", "-l", "-G", "-D", "-f", conf.toString(),
                "-p", dir.resolve("ka.pid").toString(), "-r", dir.resolve("vrrp.pid").toString(),
                "-c", dir.resolve("check.pid").toString(), "-b", dir.resolve("bfd.pid").toString()),
                dir.resolve("keepalived.log"));
    }

    private static VrrpRuntime startOurs(NetnsLab lab, LabNode ours, LabNode ka, Variant v, int priority, String vip)
            throws Exception {
        return lab.runInNamespace(ours.namespace(), () -> {
            InetAddress source;
            if (v.ipv6()) {
                try (Rtnl rtnl = Rtnl.open()) {
                    source = rtnl.addresses().linkLocalIpv6("lan0").orElseThrow();
                }
            } else {
                source = InetAddress.getByName(ours.ipv4());
            }
            VrrpRouterSettings settings = VrrpRouterSettings.builder("VI_1", 51)
                    .family(v.ipv6() ? AddressFamily.IPV6 : AddressFamily.IPV4)
                    .version(v.version())
                    .priority(priority)
                    .advertIntervalCentis(100)
                    .authentication(switch (v.auth()) {
                        case NONE -> VrrpAuthentication.none();
                        case PASS -> VrrpAuthentication.pass(PASSWORD);
                        case AH -> VrrpAuthentication.ah(PASSWORD);
                    })
                    .unicastPeers(v.unicast() ? List.of(InetAddress.getByName(ka.ipv4())) : List.of())
                    .virtualAddresses(List.of(InetAddress.getByName(vip)))
                    .primaryAddress(source)
                    .build();
            VrrpInstanceSpec spec = VrrpInstanceSpec.of(settings, "lan0");
            if (v.ourVmac()) {
                spec = spec.withVmac(org.keepalived4j.vrrp.net.Vmac.defaultName(51));
            }
            return VrrpRuntime.start(List.of(spec), org.keepalived4j.vrrp.VrrpEventListener.NONE);
        });
    }
}
