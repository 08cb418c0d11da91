package org.keepalived4j.sys;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.keepalived4j.codec.netlink.AddressMessage;
import org.keepalived4j.codec.netlink.LinkMessage;
import org.keepalived4j.codec.netlink.Macs;
import org.keepalived4j.codec.netlink.Netlink;
import org.keepalived4j.codec.netlink.RouteMessage;
import org.keepalived4j.codec.netlink.RtnlMessage;
import org.keepalived4j.codec.netlink.RuleMessage;
import org.keepalived4j.testlab.LabNode;
import org.keepalived4j.testlab.NetnsLab;

/** rtnetlink operations and events in a lab namespace, checked against ip(8). */
@Tag("netns")
class RtnlNetnsTest {
    private static NetnsLab lab;
    private static LabNode a;

    @BeforeAll
    static void setUp() throws Exception {
        NetnsLab.assumeAvailable();
        lab = NetnsLab.builder("sys-nl").nodes(1).ipv6(true).build();
        a = lab.node(1);
    }

    @AfterAll
    static void tearDown() {
        if (lab != null) {
            lab.close();
        }
    }

    /** Polls the monitor (bounded: 5 s) until an event matches. */
    private static <T extends RtnlMessage> Optional<T> await(NetlinkMonitor mon, Class<T> type, Predicate<T> match)
            throws NativeCallException {
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (System.nanoTime() < deadline) {
            for (RtnlMessage m : mon.poll(Duration.ofMillis(200))) {
                if (type.isInstance(m) && match.test(type.cast(m))) {
                    return Optional.of(type.cast(m));
                }
            }
        }
        return Optional.empty();
    }

    @Test
    void addressAddAndDeleteShowInIpAndAsEvents() throws Exception {
        InetAddress vip = InetAddress.getByName("10.77.0.100");
        List<String> seen = lab.runInNamespace(a.namespace(), () -> {
            List<String> out = new ArrayList<>();
            try (Rtnl rtnl = Rtnl.open(); NetlinkMonitor mon = NetlinkMonitor.open()) {
                int idx = rtnl.links().index(a.ifName());
                rtnl.addresses().add(AddressMessage.of(idx, vip, 32).withLabel("lan0:vip"), a.ifName());
                out.add(lab.execOk(a.namespace(), "ip", "-4", "addr", "show", "dev", "lan0").stdout());
                out.add(await(mon, AddressMessage.class, m -> !m.isDeleted() && vip.equals(m.effectiveAddress())
                        && m.index() == idx).map(Object::toString).orElse("no RTM_NEWADDR"));
                out.add(rtnl.addresses().primaryIpv4(a.ifName()).map(InetAddress::getHostAddress).orElse("none"));
                rtnl.addresses().delete(a.ifName(), vip, 32);
                out.add(lab.execOk(a.namespace(), "ip", "-4", "addr", "show", "dev", "lan0").stdout());
                out.add(await(mon, AddressMessage.class, m -> m.isDeleted() && vip.equals(m.effectiveAddress()))
                        .map(Object::toString).orElse("no RTM_DELADDR"));
            }
            return out;
        });
        assertThat(seen.get(0)).contains("inet 10.77.0.100/32 scope global lan0:vip");
        assertThat(seen.get(1)).startsWith("RTM_NEWADDR{10.77.0.100/32");
        assertThat(seen.get(2)).isEqualTo(a.ipv4());
        assertThat(seen.get(3)).doesNotContain("10.77.0.100");
        assertThat(seen.get(4)).startsWith("RTM_DELADDR{10.77.0.100/32");
    }

    @Test
    void duplicateAddressGivesNamedNetlinkError() throws Exception {
        NativeCallException e = lab.runInNamespace(a.namespace(), () -> {
            try (Rtnl rtnl = Rtnl.open()) {
                rtnl.addresses().add(a.ifName(), InetAddress.getByName(a.ipv4()), 24);
                return null;
            } catch (NativeCallException x) {
                return x;
            }
        });
        assertThat(e).isNotNull();
        assertThat(e.errnoName()).isEqualTo("EEXIST");
        assertThat(e.getMessage()).startsWith("netlink RTM_NEWADDR (add address " + a.ipv4() + "/24 dev lan0): EEXIST");
    }

    @Test
    void linkDownAndUpProduceLinkEvents() throws Exception {
        List<String> seen = lab.runInNamespace(a.namespace(), () -> {
            List<String> out = new ArrayList<>();
            try (Rtnl rtnl = Rtnl.open(); NetlinkMonitor mon = NetlinkMonitor.open()) {
                rtnl.links().createMacvlan("mvtest", a.ifName(), null, Netlink.MACVLAN_MODE_BRIDGE);
                rtnl.links().setUp("mvtest", true);
                out.add(await(mon, LinkMessage.class, l -> "mvtest".equals(l.name()) && l.isUp()).map(l -> "up").orElse("none"));
                lab.execOk(a.namespace(), "ip", "link", "set", "mvtest", "down"); // an administrator's change
                out.add(await(mon, LinkMessage.class, l -> "mvtest".equals(l.name()) && !l.isUp()).map(l -> "down")
                        .orElse("none"));
                out.add(Boolean.toString(rtnl.links().get("mvtest").isUp()));
                rtnl.links().delete("mvtest");
                out.add(await(mon, LinkMessage.class, l -> "mvtest".equals(l.name()) && l.isDeleted()).map(l -> "deleted")
                        .orElse("none"));
                out.add(Boolean.toString(rtnl.links().find("mvtest").isPresent()));
            }
            return out;
        });
        assertThat(seen).containsExactly("up", "down", "false", "deleted", "false");
    }

    @Test
    void macvlanIsCreatedWithGivenMacInPrivateMode() throws Exception {
        LinkMessage link = lab.runInNamespace(a.namespace(), () -> {
            try (Rtnl rtnl = Rtnl.open()) {
                rtnl.links().createMacvlan("vrrp.51", a.ifName(), Macs.parse("00:00:5e:00:01:33"),
                        Netlink.MACVLAN_MODE_PRIVATE);
                return rtnl.links().get("vrrp.51");
            }
        });
        try {
            String ip = lab.execOk(a.namespace(), "ip", "-d", "link", "show", "vrrp.51").stdout();
            assertThat(ip).contains("vrrp.51@lan0").contains("link/ether 00:00:5e:00:01:33").contains("macvlan mode private");
            assertThat(link.kind()).isEqualTo("macvlan");
            assertThat(link.macvlanMode()).isEqualTo(Netlink.MACVLAN_MODE_PRIVATE);
            assertThat(link.macString()).isEqualTo("00:00:5e:00:01:33");
        } finally {
            lab.execOk(a.namespace(), "ip", "link", "del", "vrrp.51");
        }
    }

    @Test
    void routesAndRulesAreAddedAndRemoved() throws Exception {
        InetAddress net = InetAddress.getByName("10.88.0.0");
        List<String> seen = lab.runInNamespace(a.namespace(), () -> {
            List<String> out = new ArrayList<>();
            try (Rtnl rtnl = Rtnl.open()) {
                int idx = rtnl.links().index(a.ifName());
                RouteMessage route = RouteMessage.unicast(Netlink.AF_INET, net, 16, 100)
                        .withGateway(InetAddress.getByName("10.77.0.2")).withOif(idx).withPriority(5)
                        .withProtocol(Netlink.RTPROT_KEEPALIVED);
                RouteMessage blackhole = RouteMessage.unicast(Netlink.AF_INET, InetAddress.getByName("10.89.0.0"), 16, 1000)
                        .withRouteType(Netlink.RTN_BLACKHOLE);
                RuleMessage rule = RuleMessage.lookup(Netlink.AF_INET, 100).from(InetAddress.getByName("10.77.0.100"), 32)
                        .withFwmark(0x10, 0xff).withPriority(1000);
                rtnl.routes().addRoute(route);
                rtnl.routes().addRoute(blackhole);
                rtnl.routes().addRule(rule);
                out.add(lab.execOk(a.namespace(), "ip", "route", "show", "table", "100").stdout());
                out.add(lab.execOk(a.namespace(), "ip", "route", "show", "table", "1000").stdout());
                out.add(lab.execOk(a.namespace(), "ip", "rule", "show").stdout());
                out.add(Integer.toString(rtnl.routes().routes(Netlink.AF_INET, 100).size()));
                out.add(Long.toString(rtnl.routes().rules(Netlink.AF_INET).stream().filter(r -> r.priority() == 1000).count()));
                rtnl.routes().deleteRoute(route);
                rtnl.routes().deleteRoute(blackhole);
                rtnl.routes().deleteRule(rule);
                out.add(lab.execOk(a.namespace(), "ip", "route", "show", "table", "all").stdout());
                out.add(lab.execOk(a.namespace(), "ip", "rule", "show").stdout());
            }
            return out;
        });
        assertThat(seen.get(0)).containsPattern("10.88.0.0/16 via 10.77.0.2 dev lan0 proto (18|keepalived) metric 5");
        assertThat(seen.get(1)).contains("blackhole 10.89.0.0/16");
        assertThat(seen.get(2)).contains("1000:\tfrom 10.77.0.100 fwmark 0x10/0xff lookup 100");
        assertThat(seen.get(3)).isEqualTo("1");
        assertThat(seen.get(4)).isEqualTo("1");
        assertThat(seen.get(5)).doesNotContain("10.88.0.0").doesNotContain("10.89.0.0");
        assertThat(seen.get(6)).doesNotContain("1000:");
    }

    @Test
    void genericNetlinkFamilyLookup() throws Exception {
        List<String> seen = lab.runInNamespace(a.namespace(), () -> {
            try (NetlinkSocket genl = NetlinkSocket.open(Linux.NETLINK_GENERIC)) {
                String ctrl = Integer.toString(genl.genlFamilyId("nlctrl"));
                String missing;
                try {
                    missing = "found " + genl.genlFamilyId("k4jnofamily");
                } catch (NativeCallException e) {
                    missing = e.getMessage();
                }
                return List.of(ctrl, missing);
            }
        });
        assertThat(seen.get(0)).isEqualTo(Integer.toString(Netlink.GENL_ID_CTRL));
        assertThat(seen.get(1)).startsWith("netlink genl type 16 (generic netlink family k4jnofamily): ENOENT");
    }
}
