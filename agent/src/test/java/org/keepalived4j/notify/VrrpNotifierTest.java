package org.keepalived4j.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.keepalived4j.vrrp.sim.SimulatedLan.ip;
import static org.keepalived4j.vrrp.sim.SimulatedLan.settings;

import java.io.BufferedReader;
import java.io.FileInputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.keepalived4j.config.model.GlobalDefs;
import org.keepalived4j.config.model.ScriptCommand;
import org.keepalived4j.config.model.vrrp.NotifyScripts;
import org.keepalived4j.vrrp.sim.SimNode;
import org.keepalived4j.vrrp.sim.SimulatedLan;
import org.keepalived4j.vrrp.sync.SyncGroupCoordinator;

/**
 * The notifications of one host running sync group G1 {VI_1 (150), VI_2 (120)} through start, master, a fault of
 * VI_1 and its recovery, and stop: the scenario run with keepalived 2.2.7 in a k4j- namespace, whose FIFO output
 * and notify arguments are the expected values here.
 */
class VrrpNotifierTest {
    @TempDir
    Path dir;

    /** What keepalived 2.2.7 wrote to vrrp_notify_fifo for this scenario (recorded in a namespace). */
    private static final List<String> KEEPALIVED_FIFO_LINES = List.of(
            "GROUP \"G1\" BACKUP 0",
            "INSTANCE \"VI_1\" BACKUP 150",
            "INSTANCE \"VI_2\" BACKUP 120",
            "INSTANCE \"VI_2\" MASTER 120",
            "INSTANCE \"VI_1\" MASTER 150",
            "GROUP \"G1\" MASTER 0",
            "INSTANCE \"VI_1\" FAULT 150",
            "INSTANCE \"VI_2\" FAULT 120",
            "GROUP \"G1\" FAULT 0",
            "INSTANCE \"VI_1\" BACKUP 150",
            "INSTANCE \"VI_2\" BACKUP 120",
            "GROUP \"G1\" BACKUP 0",
            "INSTANCE \"VI_2\" MASTER 120",
            "INSTANCE \"VI_1\" MASTER 150",
            "GROUP \"G1\" MASTER 0",
            "INSTANCE \"VI_1\" STOP 150",
            "INSTANCE \"VI_2\" STOP 120",
            "GROUP \"G1\" STOP 0");

    private Path recorder() throws IOException {
        Path rec = dir.resolve("rec.sh");
        Files.writeString(rec, "#!/bin/sh\necho \"$*\" >> " + dir.resolve("rec.log") + "\n");
        Files.setPosixFilePermissions(rec, PosixFilePermissions.fromString("rwxr-xr-x"));
        return rec;
    }

    private static NotifyScripts scripts(Path rec, String suffix, String notifyWords) {
        return new NotifyScripts(Optional.of(ScriptCommand.of(rec + " master" + suffix)),
                Optional.of(ScriptCommand.of(rec + " backup" + suffix)),
                Optional.of(ScriptCommand.of(rec + " fault" + suffix)),
                Optional.of(ScriptCommand.of(rec + " stop" + suffix)),
                Optional.of(ScriptCommand.of(rec + " " + notifyWords)), Optional.empty());
    }

    /** Runs the scenario; returns the coordinator after stop. */
    private void runScenario(VrrpNotifier notifier, SimulatedLan lan) {
        SimNode v1 = lan.add("VI_1", settings("VI_1", 51, 150, 1).build());
        SimNode v2 = lan.add("VI_2", settings("VI_2", 52, 120, 1).virtualAddresses(List.of(ip("10.0.0.101"))).build());
        SyncGroupCoordinator g1 = new SyncGroupCoordinator("G1", lan.loop(), List.of(v1.router(), v2.router()), notifier);
        for (SimNode n : List.of(v1, v2)) {
            n.addListener(notifier);
            n.addListener(g1); // last, as ListenerChain documents
        }
        g1.announceStart();
        v1.start();
        v2.start();
        lan.advanceBy(Duration.ofSeconds(6));
        g1.member("VI_1").setFault("track_file tf", true);
        lan.advanceBy(Duration.ofSeconds(3));
        g1.member("VI_1").setFault("track_file tf", false);
        lan.advanceBy(Duration.ofSeconds(6));
        g1.stop();
    }

    /** The vrrp_notify_fifo lines a notifier for VI_1, VI_2 and G1 writes while {@code scenario} runs. */
    private List<String> fifoLines(java.util.function.Consumer<VrrpNotifier> scenario, int expected) throws Exception {
        Path fifoPath = dir.resolve("vrrp.fifo");
        List<String> read = new CopyOnWriteArrayList<>();
        try (ScriptRunner runner = new ScriptRunner(ScriptPolicy.permissive(), 4, 64)) {
            NotifyFifo fifo = NotifyFifo.open(new GlobalDefs.NotifyFifo(fifoPath, Optional.empty(), Optional.empty(),
                    Optional.empty()), runner, 1024).orElseThrow();
            assertThat(Files.isRegularFile(fifoPath)).isFalse();
            assertThat(Files.exists(fifoPath)).isTrue();
            Thread reader = new Thread(() -> {
                try (BufferedReader in = new BufferedReader(new InputStreamReader(new FileInputStream(fifoPath.toFile()),
                        StandardCharsets.UTF_8))) {
                    String line;
                    while ((line = in.readLine()) != null) {
                        read.add(line);
                    }
                } catch (IOException e) {
                    read.add("ERROR " + e);
                }
            }, "fifo-reader");
            reader.setDaemon(true);
            reader.start();
            NotifyScripts none = NotifyScripts.NONE;
            VrrpNotifier notifier = new VrrpNotifier(runner, List.of(fifo), Optional.empty(), "rtr", false,
                    Map.of("VI_1", new VrrpNotifier.Subject(none, false, false),
                            "VI_2", new VrrpNotifier.Subject(none, false, false)),
                    Map.of("G1", new VrrpNotifier.Subject(none, false, false)), Duration.ofSeconds(10));
            scenario.accept(notifier);
            await().atMost(Duration.ofSeconds(30)).until(() -> read.size() >= expected);
            fifo.close();
            reader.join(10_000);
        }
        return read;
    }

    @Test
    void fifoLinesAreKeepalivedsAndInTransitionOrder() throws Exception {
        List<String> read = fifoLines(n -> runScenario(n, new SimulatedLan()), KEEPALIVED_FIFO_LINES.size());
        assertThat(read).containsExactlyElementsOf(KEEPALIVED_FIFO_LINES);
    }

    /**
     * keepalived 2.2.7 (recorded in a namespace): an instance removed by a reload is announced as FAULT, not STOP;
     * the instance that stays says nothing; the later shutdown says STOP.
     */
    @Test
    void anInstanceRemovedAtReloadIsAnnouncedAsFaultAsKeepalivedDoes() throws Exception {
        List<String> read = fifoLines(notifier -> {
            SimulatedLan lan = new SimulatedLan();
            SimNode v1 = lan.add("VI_1", settings("VI_1", 51, 150, 1).build());
            SimNode v2 = lan.add("VI_2", settings("VI_2", 52, 150, 1).virtualAddresses(List.of(ip("10.0.0.101")))
                    .build());
            v1.addListener(notifier);
            v2.addListener(notifier);
            v1.start();
            v2.start();
            lan.advanceBy(Duration.ofSeconds(5));
            v2.router().stop(org.keepalived4j.vrrp.StateChangeReason.REMOVED);
            v1.reload(v1.settings().toBuilder().priority(160).build());
            lan.advanceBy(Duration.ofSeconds(2));
            v1.stopGracefully();
        }, 6);
        assertThat(read).containsExactly("INSTANCE \"VI_1\" BACKUP 150", "INSTANCE \"VI_2\" BACKUP 150",
                "INSTANCE \"VI_1\" MASTER 150", "INSTANCE \"VI_2\" MASTER 150", "INSTANCE \"VI_2\" FAULT 150",
                "INSTANCE \"VI_1\" STOP 160");
    }

    @Test
    void notifyScriptsGetKeepalivedsArgumentsInTransitionOrderPerInstance() throws Exception {
        Path rec = recorder();
        Path log = dir.resolve("rec.log");
        try (ScriptRunner runner = new ScriptRunner(ScriptPolicy.permissive(), 4, 64)) {
            VrrpNotifier notifier = new VrrpNotifier(runner, List.of(), Optional.empty(), "rtr", false,
                    Map.of("VI_1", new VrrpNotifier.Subject(scripts(rec, "1", "notify1 a"), false, false),
                            "VI_2", new VrrpNotifier.Subject(scripts(rec, "2", "notify2"), false, false)),
                    Map.of("G1", new VrrpNotifier.Subject(scripts(rec, "g", "gnotify x"), false, false)),
                    Duration.ofSeconds(10));
            runScenario(notifier, new SimulatedLan());
            // 6 transitions per subject, 2 scripts each
            await().atMost(Duration.ofSeconds(60)).until(() -> Files.exists(log) && Files.readAllLines(log).size() >= 36);
        }
        List<String> lines = Files.readAllLines(log);
        assertThat(lines).hasSize(36);
        assertThat(lines.stream().filter(l -> l.endsWith("1") || l.contains("VI_1")).toList()).containsExactly(
                "backup1", "notify1 a INSTANCE VI_1 BACKUP 150",
                "master1", "notify1 a INSTANCE VI_1 MASTER 150",
                "fault1", "notify1 a INSTANCE VI_1 FAULT 150",
                "backup1", "notify1 a INSTANCE VI_1 BACKUP 150",
                "master1", "notify1 a INSTANCE VI_1 MASTER 150",
                "stop1", "notify1 a INSTANCE VI_1 STOP 150");
        assertThat(lines.stream().filter(l -> l.endsWith("2") || l.contains("VI_2")).toList()).containsExactly(
                "backup2", "notify2 INSTANCE VI_2 BACKUP 120",
                "master2", "notify2 INSTANCE VI_2 MASTER 120",
                "fault2", "notify2 INSTANCE VI_2 FAULT 120",
                "backup2", "notify2 INSTANCE VI_2 BACKUP 120",
                "master2", "notify2 INSTANCE VI_2 MASTER 120",
                "stop2", "notify2 INSTANCE VI_2 STOP 120");
        assertThat(lines.stream().filter(l -> l.endsWith("g") || l.contains("G1")).toList()).containsExactly(
                "backupg", "gnotify x GROUP G1 BACKUP 0",
                "masterg", "gnotify x GROUP G1 MASTER 0",
                "faultg", "gnotify x GROUP G1 FAULT 0",
                "backupg", "gnotify x GROUP G1 BACKUP 0",
                "masterg", "gnotify x GROUP G1 MASTER 0",
                "stopg", "gnotify x GROUP G1 STOP 0");
    }

    /**
     * A MASTER (150) hearing three adverts of priority 50, as keepalived 2.2.7 did in a namespace (adverts injected
     * from a second namespace): per advert the FIFO line {@code INSTANCE "VI_1" MASTER_RX_LOWER_PRI 150} and
     * notify_master_rx_lower_pri run without arguments; the generic notify script only for the state changes.
     */
    @Test
    void masterReceivingLowerPriorityAdvertsNotifiesAsKeepalived() throws Exception {
        Path rec = recorder();
        Path log = dir.resolve("rec.log");
        Path fifoPath = dir.resolve("rx.fifo");
        List<String> read = new CopyOnWriteArrayList<>();
        try (ScriptRunner runner = new ScriptRunner(ScriptPolicy.permissive(), 4, 64)) {
            NotifyFifo fifo = NotifyFifo.open(new GlobalDefs.NotifyFifo(fifoPath, Optional.empty(), Optional.empty(),
                    Optional.empty()), runner, 1024).orElseThrow();
            Thread reader = new Thread(() -> {
                try (BufferedReader in = new BufferedReader(new InputStreamReader(new FileInputStream(fifoPath.toFile()),
                        StandardCharsets.UTF_8))) {
                    String line;
                    while ((line = in.readLine()) != null) {
                        read.add(line);
                    }
                } catch (IOException e) {
                    read.add("ERROR " + e);
                }
            }, "fifo-reader");
            reader.setDaemon(true);
            reader.start();
            NotifyScripts scripts = new NotifyScripts(Optional.empty(), Optional.empty(), Optional.empty(),
                    Optional.empty(), Optional.of(ScriptCommand.of(rec + " notify")),
                    Optional.of(ScriptCommand.of(rec + " rxlow")));
            VrrpNotifier notifier = new VrrpNotifier(runner, List.of(fifo), Optional.empty(), "rtr", false,
                    Map.of("VI_1", new VrrpNotifier.Subject(scripts, false, false)), Map.of(), Duration.ofSeconds(10));
            SimulatedLan lan = new SimulatedLan();
            SimNode v1 = lan.add("VI_1", settings("VI_1", 51, 150, 1).build());
            v1.addListener(notifier);
            v1.start();
            lan.advanceBy(Duration.ofSeconds(5));
            assertThat(v1.state()).isEqualTo(org.keepalived4j.vrrp.VrrpState.MASTER);
            byte[] noAuth = new byte[8];
            for (int i = 0; i < 3; i++) {
                lan.inject(ip("10.0.0.9"), new org.keepalived4j.codec.vrrp.VrrpAdvert(2, 51, 50, 0, 1,
                        List.of(ip("10.0.0.100")), noAuth), 255);
                lan.advanceBy(Duration.ofSeconds(1));
            }
            assertThat(v1.state()).as("a lower advert does not move a master").isEqualTo(
                    org.keepalived4j.vrrp.VrrpState.MASTER);
            await().atMost(Duration.ofSeconds(30)).until(() -> read.size() >= 5
                    && Files.exists(log) && Files.readAllLines(log).size() >= 5);
            fifo.close();
            reader.join(10_000);
        }
        assertThat(read).containsExactly("INSTANCE \"VI_1\" BACKUP 150", "INSTANCE \"VI_1\" MASTER 150",
                "INSTANCE \"VI_1\" MASTER_RX_LOWER_PRI 150", "INSTANCE \"VI_1\" MASTER_RX_LOWER_PRI 150",
                "INSTANCE \"VI_1\" MASTER_RX_LOWER_PRI 150");
        assertThat(Files.readAllLines(log)).containsExactly("notify INSTANCE VI_1 BACKUP 150",
                "notify INSTANCE VI_1 MASTER 150", "rxlow", "rxlow", "rxlow");
    }
    /**
     * An instance removed by a reload: with notify_deleted its script runs and notify gets DELETED; without it,
     * keepalived reports FAULT (notify_fault and notify ... FAULT).
     */
    @Test
    void deletedInstanceIsReportedAsDeletedOnlyWithNotifyDeleted() throws Exception {
        Path rec = recorder();
        Path log = dir.resolve("rec.log");
        NotifyScripts withDeleted = new NotifyScripts(Optional.empty(), Optional.empty(),
                Optional.of(ScriptCommand.of(rec + " fault1")), Optional.empty(),
                Optional.of(ScriptCommand.of(rec + " notify1")), Optional.empty(), true,
                Optional.of(ScriptCommand.of(rec + " deleted1")));
        NotifyScripts without = new NotifyScripts(Optional.empty(), Optional.empty(),
                Optional.of(ScriptCommand.of(rec + " fault2")), Optional.empty(),
                Optional.of(ScriptCommand.of(rec + " notify2")), Optional.empty());
        try (ScriptRunner runner = new ScriptRunner(ScriptPolicy.permissive(), 4, 64)) {
            VrrpNotifier notifier = new VrrpNotifier(runner, List.of(), Optional.empty(), "rtr", false,
                    Map.of("VI_1", new VrrpNotifier.Subject(withDeleted, false, false),
                            "VI_2", new VrrpNotifier.Subject(without, false, false)), Map.of(), Duration.ofSeconds(10));
            notifier.instanceDeleted("VI_1", 150);
            notifier.instanceDeleted("VI_2", 120);
            notifier.instanceDeleted("VI_unknown", 1);
            await().atMost(Duration.ofSeconds(30)).until(() -> Files.exists(log) && Files.readAllLines(log).size() >= 4);
        }
        List<String> lines = Files.readAllLines(log);
        assertThat(lines.stream().filter(l -> l.endsWith("1") || l.contains("VI_1")).toList())
                .containsExactly("deleted1", "notify1 INSTANCE VI_1 DELETED 150");
        assertThat(lines.stream().filter(l -> l.endsWith("2") || l.contains("VI_2")).toList())
                .containsExactly("fault2", "notify2 INSTANCE VI_2 FAULT 120");
    }
}
