package org.keepalived4j.vrrp.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.Callable;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.internet.MimeMessage;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.keepalived4j.sys.Interfaces;
import org.keepalived4j.sys.RawIpSocket;
import org.keepalived4j.sys.ReceivedPacket;
import org.keepalived4j.daemon.NamespaceDaemons;
import org.keepalived4j.daemon.NamespaceDaemons.Running;
import org.keepalived4j.testlab.ExecResult;
import org.keepalived4j.testlab.LabNode;
import org.keepalived4j.testlab.NetnsLab;

/**
 * Tracking, notifications and sync groups wired into real keepalived4j daemons (separate processes, as
 * {@link DaemonProcessNetnsTest} starts them) in k4j- namespaces: the daemons' VIPs move as keepalived's would when
 * a tracked interface goes down, a track_script fails, a track_file changes or a sync-group member faults.
 */
@Tag("netns")
class TrackingDaemonNetnsTest {
    private static final Logger LOG = LogManager.getLogger(TrackingDaemonNetnsTest.class);
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

    /**
     * Node a (priority 150) tracks lan1 (weight 0), a script (weight -60) and a file (weight 1), has a notify script
     * and a notify FIFO; node b (100) tracks nothing. Every tracked failure on a moves the VIP to b and its end
     * brings it back; a script of weight -10 lowers a's priority to 140 and nothing moves.
     */
    @Test
    void trackedInterfaceScriptAndFileMoveTheVipAndNotifyInOrder() throws Exception {
        NetnsLab.assumeAvailable();
        lab = NetnsLab.builder("wire-trk").subnet("10.83.0").segments(2).nodes(2).build();
        LabNode a = lab.node(1);
        LabNode b = lab.node(2);
        String vip = "10.83.0.100";
        Path flag = dir.resolve("fail.flag");
        Path smallFlag = dir.resolve("small.flag");
        Path weightFile = dir.resolve("weight");
        Files.writeString(weightFile, "0\n");
        Path check = script("check.sh", "#!/bin/sh\n[ ! -e " + flag + " ]\n");
        Path smallCheck = script("small.sh", "#!/bin/sh\n[ ! -e " + smallFlag + " ]\n");
        Path notified = dir.resolve("notified.txt");
        Path notify = script("notify.sh", "#!/bin/sh\necho \"$@\" >> " + notified + "\n");
        Path fifo = dir.resolve("notify.fifo");
        lab.execOk(a.namespace(), "mkfifo", fifo.toString());
        List<String> fifoLines = Collections.synchronizedList(new ArrayList<>());
        fifoReader(fifo, fifoLines);

        String scripts = """
                vrrp_script chk_big {
                    script "%s"
                    interval 1
                    fall 1
                    rise 1
                    weight -60
                }
                vrrp_script chk_small {
                    script "%s"
                    interval 1
                    fall 1
                    rise 1
                    weight -10
                }
                track_file tf {
                    file "%s"
                    weight 1
                }
                """.formatted(check, smallCheck, weightFile);
        String tracking = """
                    track_interface {
                        lan1
                    }
                    track_script {
                        chk_big
                        chk_small
                    }
                    track_file {
                        tf
                    }
                    notify "%s"
                    notify_priority_changes
                """.formatted(notify);
        Running backup = start(b, config(b, "", instance("VI_1", "lan0", 51, 100, vip, "", "")));
        Running master = start(a, config(a, "    vrrp_notify_fifo " + fifo + "\n    script_user root\n",
                scripts + instance("VI_1", "lan0", 51, 150, vip, "", tracking)));
        await("VIP on a", () -> vipOn(a, "lan0", vip) && !vipOn(b, "lan0", vip));

        lab.execOk(a.namespace(), "ip", "link", "set", "lan1", "down");
        await("VIP on b after a's lan1 went down", () -> vipOn(b, "lan0", vip) && !vipOn(a, "lan0", vip));
        lab.execOk(a.namespace(), "ip", "link", "set", "lan1", "up");
        await("VIP back on a after lan1 came up", () -> vipOn(a, "lan0", vip) && !vipOn(b, "lan0", vip));

        Files.writeString(flag, "");
        await("VIP on b after chk_big failed (150 - 60 < 100)", () -> vipOn(b, "lan0", vip) && !vipOn(a, "lan0", vip));
        Files.delete(flag);
        await("VIP back on a after chk_big recovered", () -> vipOn(a, "lan0", vip) && !vipOn(b, "lan0", vip));

        Files.writeString(weightFile, "-60\n");
        await("VIP on b after the track_file said -60", () -> vipOn(b, "lan0", vip) && !vipOn(a, "lan0", vip));
        Files.writeString(weightFile, "0\n");
        await("VIP back on a after the track_file said 0", () -> vipOn(a, "lan0", vip) && !vipOn(b, "lan0", vip));

        int backupMasters = count(backup.log(), "Entering MASTER STATE");
        int linesBefore = fifoLines.size();
        Files.writeString(smallFlag, "");
        await("a announces priority 140 through the FIFO", () -> new ArrayList<>(fifoLines).subList(linesBefore,
                fifoLines.size()).contains("INSTANCE \"VI_1\" MASTER_PRIORITY 140"));
        // b hears 140 > 100 and stays backup: a keeps the VIP through several advert intervals
        for (int i = 0; i < 15; i++) {
            assertThat(vipOn(a, "lan0", vip)).as("VIP stays on a with priority 140").isTrue();
            assertThat(vipOn(b, "lan0", vip)).isFalse();
            Thread.sleep(200);
        }
        assertThat(count(backup.log(), "Entering MASTER STATE")).as("b did not take over").isEqualTo(backupMasters);

        List<String> calls = Files.readAllLines(notified);
        LOG.info("notify calls on a: {}", calls);
        LOG.info("FIFO lines on a: {}", fifoLines);
        assertThat(calls).containsSubsequence(
                "INSTANCE VI_1 BACKUP 150", "INSTANCE VI_1 MASTER 150",
                "INSTANCE VI_1 FAULT 150", "INSTANCE VI_1 BACKUP 150", "INSTANCE VI_1 MASTER 150",
                "INSTANCE VI_1 BACKUP 90", "INSTANCE VI_1 MASTER 150",
                "INSTANCE VI_1 BACKUP 90", "INSTANCE VI_1 MASTER 150");
        assertThat(fifoLines).containsSubsequence("INSTANCE \"VI_1\" MASTER 150", "INSTANCE \"VI_1\" FAULT 150",
                "INSTANCE \"VI_1\" MASTER 150");
        assertThat(master.log()).doesNotContain("Exception");

        lab.stop(master.process(), Duration.ofSeconds(15)); // SIGTERM: the notify script hears STOP before the exit
        await("STOP notified", () -> Files.readAllLines(notified).stream().anyMatch(l -> l.startsWith("INSTANCE VI_1 STOP ")));
        await("STOP line in the FIFO", () -> new ArrayList<>(fifoLines).stream()
                .anyMatch(l -> l.startsWith("INSTANCE \"VI_1\" STOP ")));
    }

    /**
     * The active-active pair of conf/active-active.conf on lan0/lan1 with AH: node1 masters VG_1, node2 VG_2; node1
     * losing lan0 hands all four instances to node2 (its VG_1 follows VI_1 into FAULT, VI_2 with it though its
     * lan1 is fine); lan0's return restores the distribution. Node1's VG_1 has a group notify script and smtp_alert,
     * received by GreenMail listening on 127.0.0.1 inside node1's namespace.
     */
    @Test
    void activeActiveSyncGroupsFailOverTogetherAndComeBack() throws Exception {
        NetnsLab.assumeAvailable();
        lab = NetnsLab.builder("wire-aa").subnet("10.84.0").segments(2).nodes(2).build();
        LabNode n1 = lab.node(1);
        LabNode n2 = lab.node(2);
        Path groupCalls = dir.resolve("group-calls.txt");
        Path groupNotify = script("group-notify.sh", "#!/bin/sh\necho \"$@\" >> " + groupCalls + "\n");
        GreenMail mail = lab.runInNamespace(n1.namespace(), () -> {
            GreenMail g = new GreenMail(new ServerSetup(2525, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
            g.start();
            return g;
        });
        try {
            start(n2, activeActive(n2, 100, 150, "", ""));
            Running d1 = start(n1, activeActive(n1, 150, 100, """
                        notification_email {
                            ops@k4j.test
                        }
                        notification_email_from k4j@k4j.test
                        smtp_server 127.0.0.1 2525
                        smtp_connect_timeout 5
                    """, "    notify " + groupNotify + "\n    smtp_alert\n"));
            await("initial distribution", () -> distribution(n1, n2).equals(List.of(n1, n1, n2, n2)));

            long downAt = System.nanoTime();
            lab.execOk(n1.namespace(), "ip", "link", "set", "lan0", "down");
            await("all four on node2", () -> distribution(n1, n2).equals(List.of(n2, n2, n2, n2)));
            assertThat(d1.log()).as("VI_2 (lan1 still up) followed its group into FAULT")
                    .contains("VRRP_Group(VG_1) Syncing instances to FAULT state").contains("(VI_2) Entering FAULT STATE");
            LOG.info("active-active: all four VIPs on node2 {} ms after node1's lan0 went down",
                    (System.nanoTime() - downAt) / 1_000_000);

            lab.execOk(n1.namespace(), "ip", "link", "set", "lan0", "up");
            await("initial distribution again", () -> distribution(n1, n2).equals(List.of(n1, n1, n2, n2)));

            await("group notify calls", () -> Files.exists(groupCalls) && Files.readAllLines(groupCalls).size() >= 5);
            List<String> calls = Files.readAllLines(groupCalls);
            LOG.info("VG_1 notify calls on node1: {}", calls);
            assertThat(calls).containsSubsequence("GROUP VG_1 BACKUP 0", "GROUP VG_1 MASTER 0", "GROUP VG_1 FAULT 0",
                    "GROUP VG_1 BACKUP 0", "GROUP VG_1 MASTER 0");
            assertThat(mail.waitForIncomingEmail(30_000, 5)).as("five group alerts").isTrue();
            List<String> subjects = new ArrayList<>();
            for (MimeMessage m : mail.getReceivedMessages()) {
                subjects.add(m.getSubject());
            }
            LOG.info("mails received in node1's namespace: {}", subjects);
            String prefix = "[" + n1.namespace() + "] VRRP Group VG_1 - Entering ";
            assertThat(subjects).containsSubsequence(prefix + "BACKUP state", prefix + "MASTER state",
                    prefix + "FAULT state", prefix + "BACKUP state", prefix + "MASTER state");
            assertThat(mail.getReceivedMessages()[0].getAllRecipients()[0].toString()).isEqualTo("ops@k4j.test");
        } finally {
            mail.stop();
        }
    }

    /**
     * vrrp_track_process with weight -60: the tracked process (a copy of sleep under a name no other process has)
     * ending moves the VIP to the backup, its restart brings it back.
     */
    @Test
    void trackedProcessEndingMovesTheVip() throws Exception {
        NetnsLab.assumeAvailable();
        lab = NetnsLab.builder("wire-proc").subnet("10.88.0").nodes(2).build();
        LabNode a = lab.node(1);
        LabNode b = lab.node(2);
        String vip = "10.88.0.100";
        Path binary = sleepCopy("k4jw");
        Process tracked = lab.start(a.namespace(), List.of(binary.toString(), "1000"), dir.resolve("proc1.log"));
        String track = """
                vrrp_track_process tp {
                    process %s
                    weight -60
                    delay 0.1
                }
                """.formatted(binary.getFileName());
        start(b, config(b, "", instance("VI_1", "lan0", 51, 100, vip, "", "")));
        start(a, config(a, "", track + instance("VI_1", "lan0", 51, 150, vip, "",
                "    track_process {\n        tp weight -60\n    }\n")));
        await("VIP on a while the process runs", () -> vipOn(a, "lan0", vip) && !vipOn(b, "lan0", vip));

        lab.stop(tracked, Duration.ofSeconds(5));
        await("VIP on b after the process ended", () -> vipOn(b, "lan0", vip) && !vipOn(a, "lan0", vip));
        lab.start(a.namespace(), List.of(binary.toString(), "1000"), dir.resolve("proc2.log"));
        await("VIP back on a after the process restarted", () -> vipOn(a, "lan0", vip) && !vipOn(b, "lan0", vip));
    }

    /**
     * keepalived 2.2.7's finer process tracking and file watching together on node a (priority 150): a
     * vrrp_track_process on the command line ({@code process PATH 1000} + {@code param_match partial}, so extra
     * parameters still match) with {@code quorum 1} and {@code quorum_max 1}, weight -60; and a track_file of weight -1
     * whose changes a learns through inotify. A second matching process breaks the quorum (VIP to b), its end restores
     * it; writing 70 to the file moves the VIP, writing 0 brings it back.
     */
    @Test
    void processQuorumMaxWithParamMatchAndWatchedFileMoveTheVip() throws Exception {
        NetnsLab.assumeAvailable();
        lab = NetnsLab.builder("wire-qmax").subnet("10.108.0").nodes(2).build();
        LabNode a = lab.node(1);
        LabNode b = lab.node(2);
        String vip = "10.108.0.100";
        Path binary = sleepCopy("k4jq");
        Path state = dir.resolve("state");
        Files.writeString(state, "0\n");
        lab.start(a.namespace(), List.of(binary.toString(), "1000", "1"), dir.resolve("p1.log"));
        String track = """
                vrrp_track_process tp {
                    process %s 1000
                    param_match partial
                    quorum 1
                    quorum_max 1
                    weight -60
                }
                track_file tf {
                    file "%s"
                    weight -1
                }
                """.formatted(binary, state);
        start(b, config(b, "", instance("VI_1", "lan0", 51, 100, vip, "", "")));
        Running master = start(a, config(a, "", track + instance("VI_1", "lan0", 51, 150, vip, "",
                "    track_process {\n        tp\n    }\n    track_file {\n        tf\n    }\n")));
        await("VIP on a with one matching process", () -> vipOn(a, "lan0", vip) && !vipOn(b, "lan0", vip));

        Process second = lab.start(a.namespace(), List.of(binary.toString(), "1000", "2"), dir.resolve("p2.log"));
        await("VIP on b with two matching processes (quorum_max 1)", () -> vipOn(b, "lan0", vip) && !vipOn(a, "lan0", vip));
        lab.stop(second, Duration.ofSeconds(5));
        await("VIP back on a with one again", () -> vipOn(a, "lan0", vip) && !vipOn(b, "lan0", vip));

        Files.writeString(state, "70\n");
        await("VIP on b after the file said 70", () -> vipOn(b, "lan0", vip) && !vipOn(a, "lan0", vip));
        Files.writeString(state, "0\n");
        await("VIP back on a after the file said 0", () -> vipOn(a, "lan0", vip) && !vipOn(b, "lan0", vip));
        assertThat(master.log()).as("the file is watched, not polled").doesNotContain("polling every");
    }

    /**
     * A track_script that hangs ({@code sleep 1000}, timeout 2 s, weight -10) must not hold up the master's
     * adverts: a client namespace records every advert with our RawIpSocket while the script keeps timing out. The
     * master goes on advertising (priority 140 once the first run timed out), the backup never takes over. The
     * interval distribution is logged (not asserted: wall-clock figures are for the report).
     */
    @Test
    void hangingTrackScriptDoesNotDelayAdverts() throws Exception {
        NetnsLab.assumeAvailable();
        lab = NetnsLab.builder("wire-hang").subnet("10.86.0").nodes(3).build();
        LabNode a = lab.node(1);
        LabNode b = lab.node(2);
        LabNode client = lab.node(3);
        String vip = "10.86.0.100";
        String hang = """
                vrrp_script hang {
                    script "/bin/sleep 1000"
                    interval 1
                    timeout 2
                    fall 1
                    rise 1
                    weight -10
                }
                """;
        Running backup = start(b, config(b, "", instance("VI_1", "lan0", 51, 100, vip, "", "")));
        start(a, config(a, "", hang + instance("VI_1", "lan0", 51, 150, vip, "",
                "    track_script {\n        hang\n    }\n")));
        await("VIP on a", () -> vipOn(a, "lan0", vip) && !vipOn(b, "lan0", vip));
        int backupMasters = count(backup.log(), "Entering MASTER STATE");

        InetAddress group = InetAddress.getByName("224.0.0.18");
        InetAddress master = InetAddress.getByName(a.ipv4());
        Duration window = Duration.ofSeconds(20);
        List<long[]> adverts = lab.runInNamespace(client.namespace(), window.plusSeconds(30), () -> {
            List<long[]> seen = new ArrayList<>(); // {nanoTime, priority, from master ? 1 : 0}
            try (RawIpSocket s = RawIpSocket.open(false, 112)) {
                s.bindToDevice("lan0");
                s.joinGroup(group, Interfaces.index("lan0"));
                long end = System.nanoTime() + window.toNanos();
                for (int i = 0; i < 10_000 && System.nanoTime() < end; i++) {
                    ReceivedPacket p = s.receive(Duration.ofMillis(200));
                    if (p == null) {
                        continue;
                    }
                    long at = System.nanoTime();
                    byte[] d = p.data();
                    int ihl = (d[0] & 0x0f) * 4;
                    if (d.length > ihl + 2) {
                        seen.add(new long[] {at, d[ihl + 2] & 0xff, p.source().equals(master) ? 1 : 0});
                    }
                }
            }
            return seen;
        });

        List<long[]> fromMaster = adverts.stream().filter(x -> x[2] == 1).toList();
        assertThat(adverts).as("only the master advertises").allMatch(x -> x[2] == 1);
        assertThat(fromMaster).as("adverts kept coming").hasSizeGreaterThan(10);
        int firstLowered = -1;
        for (int i = 0; i < fromMaster.size(); i++) {
            if (fromMaster.get(i)[1] == 140) {
                firstLowered = i;
                break;
            }
        }
        assertThat(firstLowered).as("the timed-out script lowered the priority to 140").isGreaterThanOrEqualTo(0);
        assertThat(fromMaster.subList(firstLowered, fromMaster.size())).as("adverts while the script hangs")
                .hasSizeGreaterThan(5);
        assertThat(vipOn(a, "lan0", vip) && !vipOn(b, "lan0", vip)).as("no failover").isTrue();
        assertThat(count(backup.log(), "Entering MASTER STATE")).isEqualTo(backupMasters);

        List<Double> deviations = new ArrayList<>();
        for (int i = 1; i < fromMaster.size(); i++) {
            double intervalMs = (fromMaster.get(i)[0] - fromMaster.get(i - 1)[0]) / 1e6;
            deviations.add(Math.abs(intervalMs - 1000.0));
        }
        Collections.sort(deviations);
        LOG.info("adverts while a track_script hangs: {} adverts ({} at priority 140), |interval - 1000 ms|: "
                        + "p50 {} ms, p99 {} ms, max {} ms", fromMaster.size(), fromMaster.size() - firstLowered,
                String.format("%.2f", deviations.get(deviations.size() / 2)),
                String.format("%.2f", deviations.get(Math.min(deviations.size() - 1, (int) (deviations.size() * 0.99)))),
                String.format("%.2f", deviations.get(deviations.size() - 1)));
    }

    /**
     * static_ipaddress/static_routes/static_rules are in the kernel while the daemon runs; virtual_routes and
     * virtual_rules only on the master, moving with the VIP; a graceful stop removes everything (as keepalived 2.2.7
     * does: routes and rules with proto keepalived).
     */
    @Test
    void staticRoutesForTheDaemonVirtualRoutesWithMastership() throws Exception {
        NetnsLab.assumeAvailable();
        lab = NetnsLab.builder("wire-rt").subnet("10.85.0").nodes(2).build();
        LabNode a = lab.node(1);
        LabNode b = lab.node(2);
        String vip = "10.85.0.100";
        String routes = """
                static_ipaddress {
                    10.85.50.1/24 dev lan0
                }
                static_routes {
                    10.85.60.0/24 via 10.85.0.254 dev lan0
                }
                static_rules {
                    from 10.85.70.0/24 table 100 priority 1000
                }
                """;
        String virtual = """
                    virtual_routes {
                        10.85.80.0/24 via 10.85.0.254 dev lan0
                        10.85.90.0/24 dev lan0 src %s
                        blackhole 10.85.100.0/24 table 1000
                    }
                    virtual_rules {
                        from %s/32 table 101 priority 1001
                    }
                """.formatted(vip, vip);
        Running db = start(b, config(b, "", routes + instance("VI_1", "lan0", 51, 100, vip, "", virtual)));
        await("b master with its virtual routes", () -> vipOn(b, "lan0", vip) && virtualRoutesOn(b));
        assertThat(staticOn(b)).isTrue();
        Running da = start(a, config(a, "", routes + instance("VI_1", "lan0", 51, 150, vip, "", virtual)));
        await("a master with the virtual routes, b without", () -> vipOn(a, "lan0", vip) && virtualRoutesOn(a)
                && !vipOn(b, "lan0", vip) && noVirtualRoutesOn(b));
        assertThat(staticOn(a)).isTrue();
        assertThat(staticOn(b)).as("static ones stay on the backup").isTrue();
        String routeLine = lab.execOk(a.namespace(), "ip", "route", "show", "10.85.90.0/24").stdout();
        assertThat(routeLine).contains("proto keepalived").contains("src " + vip);

        da.process().destroy(); // SIGTERM
        await("a's daemon gone", () -> !da.process().isAlive());
        assertThat(noVirtualRoutesOn(a) && !staticOn(a) && noStaticOn(a)).as("a cleaned up").isTrue();
        await("b master again with the virtual routes", () -> vipOn(b, "lan0", vip) && virtualRoutesOn(b));
        assertThat(db.log()).doesNotContain("Exception");
    }

    /**
     * A multipath virtual route and one with an mtu (table 200) are on the master only and move with mastership;
     * a static_ipaddress keeps its brd, scope and label, as {@code ip addr} shows them.
     */
    @Test
    void multipathAndMtuVirtualRoutesFollowMastershipStaticAddressKeepsBrdScopeLabel() throws Exception {
        NetnsLab.assumeAvailable();
        lab = NetnsLab.builder("wire-mp").subnet("10.86.0").nodes(2).build();
        LabNode a = lab.node(1);
        LabNode b = lab.node(2);
        String vip = "10.86.0.100";
        String statics = """
                static_ipaddress {
                    10.86.50.1/24 brd 10.86.50.255 dev lan0 scope link label lan0:st
                }
                """;
        String virtual = """
                    virtual_routes {
                        10.86.80.0/24 table 200 nexthop via 10.86.0.253 dev lan0 weight 2 nexthop via 10.86.0.254 dev lan0
                        10.86.90.0/24 via 10.86.0.254 dev lan0 table 200 mtu 1400
                    }
                """;
        Running db = start(b, config(b, "", statics + instance("VI_1", "lan0", 61, 100, vip, "", virtual)));
        await("b master with the multipath and mtu routes", () -> vipOn(b, "lan0", vip) && routesInTable200(b));
        assertThat(staticAddress(b)).as("static address with brd/scope/label on b").isTrue();
        Running da = start(a, config(a, "", statics + instance("VI_1", "lan0", 61, 150, vip, "", virtual)));
        await("a master with the routes, b without", () -> vipOn(a, "lan0", vip) && routesInTable200(a)
                && !vipOn(b, "lan0", vip) && noRoutesInTable200(b));
        assertThat(staticAddress(a)).as("static address with brd/scope/label on a").isTrue();
        assertThat(staticAddress(b)).as("static address stays on the backup").isTrue();

        da.process().destroy(); // SIGTERM
        await("a's daemon gone", () -> !da.process().isAlive());
        assertThat(noRoutesInTable200(a)).as("a removed its virtual routes").isTrue();
        assertThat(staticAddress(a)).as("a removed its static address").isFalse();
        await("b master again with the routes", () -> vipOn(b, "lan0", vip) && routesInTable200(b));
        assertThat(db.log()).doesNotContain("Exception").doesNotContain("not supported");
    }

    private boolean routesInTable200(LabNode n) throws IOException {
        String table = table(n, 200);
        LOG.debug("{} table 200: {}", n.namespace(), table);
        return table.matches("(?s).*10\\.86\\.80\\.0/24 proto keepalived\\s*\n\\s*nexthop via 10\\.86\\.0\\.253 dev lan0 weight 2"
                + "\\s*\n\\s*nexthop via 10\\.86\\.0\\.254 dev lan0 weight 1.*")
                && table.contains("10.86.90.0/24 via 10.86.0.254 dev lan0 proto keepalived mtu 1400");
    }

    private boolean noRoutesInTable200(LabNode n) throws IOException {
        String table = table(n, 200);
        return !table.contains("10.86.80.0/24") && !table.contains("10.86.90.0/24");
    }

    /** ip route show table N; empty while the kernel has no such table (ip then fails: "FIB table does not exist"). */
    private String table(LabNode n, int table) throws IOException {
        ExecResult r = lab.exec(n.namespace(), "ip", "-4", "route", "show", "table", Integer.toString(table));
        if (!r.ok() && r.stderr().contains("FIB table does not exist")) {
            return "";
        }
        if (!r.ok()) {
            throw new IOException("command failed in " + n.namespace() + ": " + r);
        }
        return r.stdout();
    }

    private boolean staticAddress(LabNode n) throws IOException {
        return lab.execOk(n.namespace(), "ip", "-4", "-o", "addr", "show", "dev", "lan0").stdout()
                .contains("inet 10.86.50.1/24 brd 10.86.50.255 scope link lan0:st");
    }

    private boolean virtualRoutesOn(LabNode n) throws IOException {
        String routes = lab.execOk(n.namespace(), "ip", "-4", "route", "show").stdout();
        String rules = lab.execOk(n.namespace(), "ip", "-4", "rule", "show").stdout();
        String table = table(n, 1000);
        return routes.contains("10.85.80.0/24 via 10.85.0.254") && routes.contains("10.85.90.0/24 dev lan0")
                && rules.contains("from 10.85.0.100 lookup 101") && table.contains("blackhole 10.85.100.0/24");
    }

    private boolean noVirtualRoutesOn(LabNode n) throws IOException {
        String routes = lab.execOk(n.namespace(), "ip", "-4", "route", "show").stdout();
        String rules = lab.execOk(n.namespace(), "ip", "-4", "rule", "show").stdout();
        String table = table(n, 1000);
        return !routes.contains("10.85.80.0/24") && !routes.contains("10.85.90.0/24") && !rules.contains("lookup 101")
                && !table.contains("10.85.100.0/24");
    }

    private boolean staticOn(LabNode n) throws IOException {
        String routes = lab.execOk(n.namespace(), "ip", "-4", "route", "show").stdout();
        String rules = lab.execOk(n.namespace(), "ip", "-4", "rule", "show").stdout();
        return vipOn(n, "lan0", "10.85.50.1", 24) && routes.contains("10.85.60.0/24 via 10.85.0.254")
                && rules.contains("from 10.85.70.0/24 lookup 100");
    }

    private boolean noStaticOn(LabNode n) throws IOException {
        String routes = lab.execOk(n.namespace(), "ip", "-4", "route", "show").stdout();
        String rules = lab.execOk(n.namespace(), "ip", "-4", "rule", "show").stdout();
        return !vipOn(n, "lan0", "10.85.50.1", 24) && !routes.contains("10.85.60.0/24")
                && !rules.contains("lookup 100");
    }

    // ------------------------------------------------------------------ helpers

    private static final String[][] AA = {
            {"VI_1", "lan0", "51", ".0.1"}, {"VI_2", "lan1", "52", ".1.1"},
            {"VI_3", "lan0", "53", ".0.2"}, {"VI_4", "lan1", "54", ".1.2"}};

    private String activeActive(LabNode node, int vg1Priority, int vg2Priority, String global, String vg1Extra) {
        StringBuilder s = new StringBuilder("""
                vrrp_sync_group VG_1 {
                    group {
                        VI_1
                        VI_2
                    }
                %s}
                vrrp_sync_group VG_2 {
                    group {
                        VI_3
                        VI_4
                    }
                }
                """.formatted(vg1Extra));
        for (int i = 0; i < AA.length; i++) {
            String auth = """
                        authentication {
                            auth_type AH
                            auth_pass k4j-vg%d
                        }
                    """.formatted(i < 2 ? 1 : 2);
            s.append(instance(AA[i][0], AA[i][1], Integer.parseInt(AA[i][2]), i < 2 ? vg1Priority : vg2Priority,
                    "10.84" + AA[i][3] + "00", auth, ""));
        }
        return config(node, global, s.toString());
    }

    /** Which node holds each of VI_1..VI_4's VIPs (null: none or both). */
    private List<LabNode> distribution(LabNode n1, LabNode n2) throws IOException {
        List<LabNode> where = new ArrayList<>();
        for (String[] vi : AA) {
            String vip = "10.84" + vi[3] + "00";
            boolean on1 = vipOn(n1, vi[1], vip);
            boolean on2 = vipOn(n2, vi[1], vip);
            where.add(on1 == on2 ? null : on1 ? n1 : n2);
        }
        return where;
    }

    private static String instance(String name, String ifName, int vrid, int priority, String vip, String auth,
                                   String extra) {
        return """
                vrrp_instance %s {
                    state BACKUP
                    interface %s
                    virtual_router_id %d
                    priority %d
                    advert_int 1
                %s%s    virtual_ipaddress {
                        %s/32
                    }
                }
                """.formatted(name, ifName, vrid, priority, auth, extra, vip);
    }

    private static String config(LabNode node, String globalExtra, String body) {
        return "global_defs {\n    router_id " + node.namespace() + "\n" + globalExtra + "}\n" + body;
    }

    private static int count(String text, String what) {
        int n = 0;
        for (int i = text.indexOf(what); i >= 0; i = text.indexOf(what, i + 1)) {
            n++;
        }
        return n;
    }

    /** A copy of sleep named {@code prefix} + our pid, a name no other process has, for process tracking to match. */
    private Path sleepCopy(String prefix) throws IOException {
        Path binary = dir.resolve(prefix + Long.toString(ProcessHandle.current().pid(), 36));
        Files.copy(Path.of("/bin/sleep"), binary);
        Files.setPosixFilePermissions(binary, PosixFilePermissions.fromString("rwxr-xr-x"));
        return binary;
    }

    private Path script(String name, String text) throws IOException {
        Path p = dir.resolve(name);
        Files.writeString(p, text);
        Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rwxr-xr-x"));
        return p;
    }

    /** Reads FIFO lines on a daemon thread (the open blocks until the daemon opens its end; the lab's end kills it). */
    private static Thread fifoReader(Path fifo, List<String> lines) {
        Thread t = new Thread(() -> {
            try (BufferedReader in = Files.newBufferedReader(fifo, StandardCharsets.UTF_8)) {
                String line;
                for (int i = 0; i < 100_000 && (line = in.readLine()) != null; i++) {
                    lines.add(line);
                }
            } catch (IOException e) {
                LOG.info("FIFO reader: {}", e.toString());
            }
        }, "fifo-reader");
        t.setDaemon(true);
        t.start();
        return t;
    }

    private Running start(LabNode node, String conf) throws IOException {
        return new NamespaceDaemons(lab, dir).start(node, conf);
    }

    private boolean vipOn(LabNode node, String dev, String vip) throws IOException {
        return vipOn(node, dev, vip, 32);
    }

    private boolean vipOn(LabNode node, String dev, String address, int prefix) throws IOException {
        return new NamespaceDaemons(lab, dir).hasAddress(node, dev, address, prefix);
    }

    private static void await(String what, Callable<Boolean> condition) throws Exception {
        Awaitility.await(what).atMost(TIMEOUT).until(condition);
    }
}
