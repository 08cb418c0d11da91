package org.keepalived4j.testlab;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.keepalived4j.sys.Native;

@Tag("netns")
class NetnsLabTest {
    @BeforeAll
    static void requireNamespaces() {
        NetnsLab.assumeAvailable();
    }

    @Test
    void buildsConnectedNodesAndRemovesEverythingOnClose() throws Exception {
        NetnsLab lab = NetnsLab.builder("labtest").nodes(2).build();
        Process sleeper;
        List<String> created;
        try {
            created = lab.namespaces();
            assertThat(created).containsExactly("k4j-labtest-br", "k4j-labtest-1", "k4j-labtest-2");
            LabNode a = lab.node(1);
            LabNode b = lab.node(2);
            assertThat(a.ipv4()).isEqualTo("10.77.0.1");

            // The bridge carries traffic between nodes.
            // (no ping here: as root, isReachable sends an ICMP echo from the namespace thread)
            assertThat(lab.runInNamespace(a.namespace(), () -> InetAddress.getByName(b.ipv4()).isReachable(5000))).isTrue();

            // The bridge is set up as lab.md requires.
            ExecResult br = lab.execOk(lab.bridgeNamespace(), "ip", "-d", "link", "show", "br0");
            assertThat(br.stdout()).contains("stp_state 0").contains("mcast_snooping 0").contains("forward_delay 0");
            assertThat(lab.execOk(a.namespace(), "sysctl", "-n", "net.ipv4.conf.lan0.rp_filter").stdout().strip())
                    .isEqualTo("0");

            // Java code on a setns thread sees the namespace's interfaces, not the host's.
            // (java.net.NetworkInterface is no witness: it partly reads /proc/net, which follows the main thread.)
            assertThat(lab.runInNamespace(a.namespace(), () -> Native.libc().if_nametoindex("lan0"))).isPositive();
            assertThat(lab.runInNamespace(a.namespace(), () -> Native.libc().if_nametoindex("eth0"))).isZero();

            sleeper = lab.start(b.namespace(), List.of("sleep", "60"), null);
            assertThat(lab.livePids()).containsExactly(sleeper.pid());
            assertThat(lab.execOk(b.namespace(), "ip", "netns", "identify", Long.toString(sleeper.pid())).stdout().strip())
                    .isEqualTo(b.namespace());
        } finally {
            lab.close();
        }
        assertThat(sleeper.waitFor(5, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
        for (String ns : created) {
            assertThat(Files.exists(Path.of("/var/run/netns", ns))).as(ns).isFalse();
        }
        lab.close(); // idempotent
    }

    @Test
    void ipv6NodesGetLinkLocalAndGlobalAddresses() throws Exception {
        try (NetnsLab lab = NetnsLab.builder("labtest6").nodes(2).ipv6(true).build()) {
            LabNode b = lab.node(2);
            ExecResult addr = lab.execOk(lab.node(1).namespace(), "ip", "-6", "addr", "show", "dev", "lan0");
            assertThat(addr.stdout()).contains("inet6 fe80::").contains("inet6 fd00:4b34::1/64").doesNotContain("tentative");
            assertThat(lab.runInNamespace(lab.node(1).namespace(), () -> InetAddress.getByName(b.ipv6()).isReachable(5000)))
                    .isTrue();
        }
    }

    @Test
    void secondSegmentIsASeparateBridge() throws Exception {
        try (NetnsLab lab = NetnsLab.builder("labtest2s").nodes(2).segments(2).subnet("10.78.4").build()) {
            LabNode a = lab.node(1);
            LabNode b = lab.node(2);
            assertThat(a.ipv4()).isEqualTo("10.78.4.1");
            assertThat(b.ipv4(1)).isEqualTo("10.78.5.2");
            assertThat(lab.execOk(a.namespace(), "ip", "-4", "-o", "addr", "show", "dev", a.ifName(1)).stdout())
                    .contains("inet 10.78.5.1/24");
            assertThat(lab.execOk(lab.bridgeNamespace(), "ip", "-o", "link", "show", "master", "br1").stdout())
                    .contains("n1s1").contains("n2s1").doesNotContain("n1s0");
            assertThat(lab.runInNamespace(a.namespace(), () -> InetAddress.getByName(b.ipv4(1)).isReachable(5000))).isTrue();
        }
    }

    @Test
    void refusesCommandsOutsideItsNamespaces() throws Exception {
        try (NetnsLab lab = NetnsLab.builder("labtest-x").nodes(0).build()) {
            assertThatThrownBy(() -> lab.exec(null, "ip", "link", "set", "eth0", "down"))
                    .isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> lab.exec("k4j-other-1", "true")).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("does not belong to lab labtest-x");
        }
    }
}
