package org.keepalived4j.vrrp.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.keepalived4j.daemon.NamespaceDaemons;
import org.keepalived4j.daemon.NamespaceDaemons.Running;
import org.keepalived4j.testlab.LabNode;
import org.keepalived4j.testlab.NetnsLab;

/**
 * keepalived4j daemons as separate processes in namespaces, each started as
 * {@code java -cp <test classpath> org.keepalived4j.daemon.Main -n -l -f conf -p pidfile}: the distribution
 * (rpm/) is built after this module in the reactor, so the test runs the same main class from the classpath.
 * Events are awaited by polling {@code ip addr} and the daemons' logs, bounded.
 */
@Tag("netns")
class DaemonProcessNetnsTest {
    private static final Logger LOG = LogManager.getLogger(DaemonProcessNetnsTest.class);
    private static final String VIP = "10.77.0.100";
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    @TempDir
    Path dir;
    private NetnsLab lab;

    @AfterEach
    void closeLab() {
        if (lab != null) {
            lab.close();
        }
    }

    @Test
    void twoDaemonsFailOverOnKillHandOverOnTermPreemptBackAndFaultOnLinkDown() throws Exception {
        NetnsLab.assumeAvailable();
        lab = NetnsLab.builder("vnet-p2").nodes(2).build();
        LabNode a = lab.node(1);
        LabNode b = lab.node(2);
        Running backup = start(b, 100);
        Running master = start(a, 150);
        awaitOnlyMaster(a, List.of(a, b));

        long killAt = System.nanoTime();
        master.process().destroyForcibly(); // SIGKILL
        assertThat(master.process().waitFor(10, TimeUnit.SECONDS)).isTrue();
        await("VIP on the backup after kill -9", () -> vipOn(b));
        LOG.info("kill -9: VIP on the backup after {} ms", (System.nanoTime() - killAt) / 1_000_000);
        assertThat(vipOn(a)).as("kill -9 leaves the VIP behind, as with keepalived").isTrue();

        master = start(a, 150); // removes its stale VIP at start-up, then preempts
        awaitOnlyMaster(a, List.of(a, b));
        await("backup logs BACKUP again", () -> backup.log().lastIndexOf("Entering BACKUP STATE")
                > backup.log().lastIndexOf("Entering MASTER STATE"));

        long termAt = System.nanoTime();
        master.process().destroy(); // SIGTERM: priority 0, VIPs removed
        await("VIP handed over on SIGTERM", () -> vipOn(b) && !vipOn(a));
        LOG.info("SIGTERM: VIP only on the backup after {} ms", (System.nanoTime() - termAt) / 1_000_000);
        assertThat(master.process().waitFor(20, TimeUnit.SECONDS)).isTrue();
        assertThat(master.process().exitValue()).isZero();
        assertThat(backup.log()).contains("priority 0");

        master = start(a, 150);
        awaitOnlyMaster(a, List.of(a, b));
        Running restarted = master;
        lab.execOk(a.namespace(), "ip", "link", "set", "lan0", "down");
        await("FAULT logged on link down", () -> restarted.log().contains("Entering FAULT STATE"));
        await("VIP moved to the backup", () -> vipOn(b) && !vipOn(a));
    }

    @Test
    void threeDaemonsElectTheHighestAndTheNextTakesOver() throws Exception {
        NetnsLab.assumeAvailable();
        lab = NetnsLab.builder("vnet-p3").nodes(3).build();
        List<LabNode> nodes = lab.nodes();
        start(nodes.get(2), 100);
        start(nodes.get(1), 120);
        Running top = start(nodes.get(0), 150);
        awaitOnlyMaster(nodes.get(0), nodes);

        top.process().destroyForcibly();
        assertThat(top.process().waitFor(10, TimeUnit.SECONDS)).isTrue();
        await("second-highest takes over", () -> vipOn(nodes.get(1)));
        assertThat(vipOn(nodes.get(2))).isFalse();
    }

    @Test
    void missingInterfaceIsOneLineAndExitCode2() throws Exception {
        NetnsLab.assumeAvailable();
        lab = NetnsLab.builder("vnet-p1").nodes(1).build();
        Running d = daemons().start(lab.node(1), NamespaceDaemons.singleInstanceConf(lab.node(1), "lan9", 100, VIP, ""));
        assertThat(d.process().waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(d.process().exitValue()).as(d.log()).isEqualTo(2); // keepalived 2.2.7 exits 2 too
        assertThat(d.log()).contains("interface lan9 for vrrp_instance VI_1 doesn't exist")
                .doesNotContain("\tat org.").doesNotContain("Exception");
    }

    @Test
    void withoutCapNetRawTheDaemonSaysSoInOneLineAndExits2() throws Exception {
        NetnsLab.assumeAvailable();
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.isExecutable(Path.of("/usr/bin/setpriv")), "no setpriv");
        lab = NetnsLab.builder("vnet-p0").nodes(1).build();
        // root without CAP_NET_RAW in the bounding set: raw sockets fail with EPERM
        Running d = daemons().startWrapped(lab.node(1), NamespaceDaemons.singleInstanceConf(lab.node(1), 100, VIP, ""),
                List.of("/usr/bin/setpriv", "--bounding-set", "-net_raw", "--inh-caps", "-net_raw", "--"));
        assertThat(d.process().waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(d.process().exitValue()).as(d.log()).isEqualTo(2);
        assertThat(d.log()).contains("CAP_NET_RAW").doesNotContain("\tat ").doesNotContain("Exception");
        assertThat(vipOn(lab.node(1))).isFalse();
    }

    // ------------------------------------------------------------------ helpers

    private Running start(LabNode node, int priority) throws IOException {
        return daemons().start(node, NamespaceDaemons.singleInstanceConf(node, priority, VIP, ""));
    }

    private NamespaceDaemons daemons() {
        return new NamespaceDaemons(lab, dir);
    }

    /** The VIP on {@code master}'s lan0 and on no other node. */
    private void awaitOnlyMaster(LabNode master, List<LabNode> all) throws Exception {
        await("VIP only on " + master.namespace(), () -> daemons().onlyOn(master, all, VIP));
    }

    private boolean vipOn(LabNode node) throws IOException {
        return daemons().hasAddress(node, VIP);
    }

    private static void await(String what, java.util.concurrent.Callable<Boolean> condition) {
        Awaitility.await(what).atMost(TIMEOUT).until(condition);
    }
}
