package org.keepalived4j.management.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.keepalived4j.vrrp.sim.SimulatedLan.ip;
import static org.keepalived4j.vrrp.sim.SimulatedLan.settings;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.keepalived4j.management.Actor;
import org.keepalived4j.management.Command;
import org.keepalived4j.management.CommandResult;
import org.keepalived4j.management.CommandResult.Status;
import org.keepalived4j.management.InstanceSnapshot;
import org.keepalived4j.management.LiveOverride;
import org.keepalived4j.management.ManagementEvent;
import org.keepalived4j.management.ManagementEvent.EffectivePriorityChanged;
import org.keepalived4j.management.ManagementEvent.LiveSettingChanged;
import org.keepalived4j.management.ManagementEvent.NewMaster;
import org.keepalived4j.management.ManagementEvent.StateChanged;
import org.keepalived4j.management.Subscription;
import org.keepalived4j.vrrp.AnnounceReason;
import org.keepalived4j.vrrp.StateChangeReason;
import org.keepalived4j.vrrp.VrrpState;
import org.keepalived4j.vrrp.sim.SimNode;
import org.keepalived4j.vrrp.sim.SimulatedLan;

/** The management API over the simulated LAN: one service per node, as one per daemon. */
class VrrpManagementServiceTest {
    private static final Actor ADMIN = Actor.jmx("admin");

    private final SimulatedLan lan = new SimulatedLan();
    private final SimNode a = lan.add("a", settings("VI_1", 51, 150, 1).build());
    private final SimNode b = lan.add("b", settings("VI_1", 51, 100, 2).build());
    private final List<AutoCloseable> toClose = new java.util.ArrayList<>();

    @TempDir
    Path dir;

    @AfterEach
    void close() throws Exception {
        for (AutoCloseable c : toClose) {
            c.close();
        }
    }

    private VrrpManagementService service(SimNode node, Path stateFile) {
        VrrpManagementService s = new VrrpManagementService("node-" + node.name(), "test", Path.of("k.conf"),
                new LiveOverlay(stateFile), new VirtualWallClock(lan.loop()), 1024);
        s.configurationLoaded(() -> "vrrp_instance VI_1 {}\n");
        s.attach(List.of(new ManagedRouter(node.router(), "eth0")));
        toClose.add(s);
        return s;
    }

    private EventRecorder subscribe(VrrpManagementService s) {
        EventRecorder r = new EventRecorder();
        toClose.add(s.subscribe(r));
        return r;
    }

    private static CommandResult done(CompletableFuture<CommandResult> f) {
        assertThat(f).isDone();
        return f.join();
    }

    private void settle() {
        lan.startAll();
        lan.advanceBy(Duration.ofSeconds(5));
        assertThat(lan.masters()).containsExactly(a);
    }

    @Test
    void snapshotShowsTheInstance() {
        VrrpManagementService sa = service(a, null);
        settle();
        InstanceSnapshot s = sa.instance("VI_1").orElseThrow();
        assertThat(s.virtualRouterId()).isEqualTo(51);
        assertThat(s.interfaceName()).isEqualTo("eth0");
        assertThat(s.state()).isEqualTo(VrrpState.MASTER);
        assertThat(s.initialState()).isEqualTo(VrrpState.BACKUP);
        assertThat(s.basePriority()).isEqualTo(150);
        assertThat(s.effectivePriority()).isEqualTo(150);
        assertThat(s.masterAddress()).isEqualTo(ip("10.0.0.1"));
        assertThat(s.virtualAddresses()).containsExactly(new InstanceSnapshot.VirtualAddress(ip("10.0.0.100"), true));
        assertThat(s.transitionCount()).isEqualTo(2); // INIT->BACKUP, BACKUP->MASTER
        assertThat(s.lastTransitionReason()).isEqualTo(StateChangeReason.MASTER_DOWN);
        assertThat(s.lastTransition()).isEqualTo(Instant.EPOCH.plusNanos(a.transitionsTo(VrrpState.MASTER).get(0).atNanos()));
        assertThat(s.statistics().becomeMaster()).isEqualTo(1);
        assertThat(s.statistics().advertsSent()).isEqualTo(a.sent().size());
        assertThat(sa.instances()).extracting(InstanceSnapshot::name).containsExactly("VI_1");
        assertThat(sa.instance("nope")).isEmpty();
        assertThat(sa.daemon().routerId()).isEqualTo("node-a");
        assertThat(sa.dumpConfiguration()).contains("vrrp_instance");
    }

    @Test
    void aReloadWithANewRouterIdShowsInTheDaemonSnapshotAndInEveryLaterEvent() throws Exception {
        VrrpManagementService sb = service(b, null);
        settle();
        EventRecorder events = subscribe(sb);
        Instant firstLoad = sb.daemon().configLoaded();
        assertThat(sb.daemon().routerId()).isEqualTo("node-b");
        assertThat(sb.daemon().reloads()).isZero();

        lan.advanceBy(Duration.ofSeconds(3));
        sb.configurationLoaded(() -> "global_defs {\n    router_id renamed-b\n}\n", null, "renamed-b");
        sb.attach(List.of(new ManagedRouter(b.router(), "eth0")));
        assertThat(sb.daemon().routerId()).isEqualTo("renamed-b");
        assertThat(sb.daemon().reloads()).isEqualTo(1);
        assertThat(sb.daemon().configLoaded()).isEqualTo(firstLoad.plusSeconds(5 + 3)); // settle() ran 5 s
        assertThat(sb.dumpConfiguration()).contains("router_id renamed-b");
        assertThat(done(sb.execute(new Command.SetBasePriority("VI_1", 120), ADMIN)).ok()).isTrue();
        List<ManagementEvent> after = events.awaitThrough(sb.lastEventSequence());
        assertThat(after).hasAtLeastOneElementOfType(ManagementEvent.ConfigurationLoaded.class)
                .hasAtLeastOneElementOfType(EffectivePriorityChanged.class)
                .extracting(ManagementEvent::routerId).containsOnly("renamed-b");

        sb.configurationLoaded(() -> "", null, null); // no router_id given: the current one stays
        assertThat(sb.daemon().routerId()).isEqualTo("renamed-b");
        assertThat(sb.daemon().reloads()).isEqualTo(2);
    }

    @Test
    void badValuesAreRejectedWithAClearMessageAndNothingChanges() throws Exception {
        VrrpManagementService sb = service(b, null);
        EventRecorder events = subscribe(sb);
        settle();
        long seqBefore = sb.lastEventSequence();
        CommandResult zero = done(sb.execute(new Command.SetBasePriority("VI_1", 0), ADMIN));
        assertThat(zero.status()).isEqualTo(Status.WRONG_VALUE);
        assertThat(zero.message()).isEqualTo("(VI_1) priority must be 1..254 (255 only for the address owner), got 0");
        CommandResult owner = done(sb.execute(new Command.SetBasePriority("VI_1", 255), ADMIN));
        assertThat(owner.status()).isEqualTo(Status.INCONSISTENT);
        assertThat(owner.message()).contains("only for the address owner");
        assertThat(done(sb.execute(new Command.SetBasePriority("VI_2", 100), ADMIN)).status())
                .isEqualTo(Status.NO_SUCH_TARGET);
        assertThat(done(sb.execute(new Command.Resign("VI_1", 0), ADMIN)).status()).isEqualTo(Status.WRONG_VALUE);
        CommandResult garp = done(sb.execute(new Command.SendGarp("VI_1"), ADMIN));
        assertThat(garp.status()).isEqualTo(Status.INCONSISTENT);
        assertThat(garp.message()).contains("BACKUP");
        assertThat(sb.validate(new Command.SetBasePriority("VI_1", 300)).status()).isEqualTo(Status.WRONG_VALUE);
        assertThat(sb.validate(new Command.SetBasePriority("VI_1", 200)).status()).isEqualTo(Status.APPLIED);
        assertThat(b.router().basePriority()).as("validate changes nothing").isEqualTo(100);
        assertThat(sb.validate(new Command.Reload()).status()).as("no reload hook").isEqualTo(Status.FAILED);

        InstanceSnapshot s = sb.instance("VI_1").orElseThrow();
        assertThat(s.basePriority()).isEqualTo(100);
        assertThat(s.effectivePriority()).isEqualTo(100);
        assertThat(s.overrides()).isEmpty();
        assertThat(b.priorityChanges()).isEmpty();
        assertThat(sb.lastEventSequence()).as("no events for refused commands").isEqualTo(seqBefore);
    }

    @Test
    void commandsFromOtherThreadsRunOnTheLoopThread() throws Exception {
        VrrpManagementService sb = service(b, null);
        settle();
        AtomicReference<CompletableFuture<CommandResult>> f = new AtomicReference<>();
        Thread client = new Thread(() -> f.set(sb.execute(new Command.SetBasePriority("VI_1", 120), ADMIN)));
        client.start();
        client.join();
        assertThat(f.get()).as("waits for the loop").isNotDone();
        assertThat(b.router().basePriority()).isEqualTo(100);
        lan.loop().runPending();
        assertThat(f.get().join().status()).isEqualTo(Status.APPLIED);
        assertThat(b.router().basePriority()).isEqualTo(120);
    }

    @Test
    void raisingTheBackupMovesMastershipWithEventsInOrder() throws Exception {
        VrrpManagementService sa = service(a, null);
        VrrpManagementService sb = service(b, null);
        settle();
        EventRecorder ea = subscribe(sa);
        EventRecorder eb = subscribe(sb);

        CommandResult r = done(sb.execute(new Command.SetBasePriority("VI_1", 200), ADMIN));
        assertThat(r.status()).isEqualTo(Status.APPLIED);
        assertThat(r.message()).isEqualTo("(VI_1) base priority 100 -> 200 (effective 200)");
        lan.advanceBy(Duration.ofSeconds(5));
        assertThat(lan.masters()).containsExactly(b);

        List<ManagementEvent> evb = eb.awaitThrough(sb.lastEventSequence());
        assertThat(eb.threads).allMatch(t -> t != Thread.currentThread() && t.getName().startsWith("k4j-mgmt-events"));
        assertThat(evb).extracting(ManagementEvent::sequence).isSorted().doesNotHaveDuplicates();
        assertThat(evb.get(0)).isInstanceOfSatisfying(EffectivePriorityChanged.class, e -> {
            assertThat(e.oldPriority()).isEqualTo(100);
            assertThat(e.newPriority()).isEqualTo(200);
            assertThat(e.state()).isEqualTo(VrrpState.BACKUP);
            assertThat(e.routerId()).isEqualTo("node-b");
        });
        assertThat(evb.get(1)).isInstanceOfSatisfying(LiveSettingChanged.class, e -> {
            assertThat(e.key()).isEqualTo(LiveOverride.PRIORITY);
            assertThat(e.oldValue()).isEqualTo("100");
            assertThat(e.newValue()).isEqualTo("200");
            assertThat(e.actor()).isEqualTo(ADMIN);
        });
        StateChanged took = eb.of(evb, StateChanged.class).get(0);
        assertThat(took.from()).isEqualTo(VrrpState.BACKUP);
        assertThat(took.to()).isEqualTo(VrrpState.MASTER);
        assertThat(took.reason()).isEqualTo(StateChangeReason.PREEMPTION);
        assertThat(took.effectivePriority()).isEqualTo(200);
        assertThat(took.virtualRouterId()).isEqualTo(51);
        assertThat(took.time()).isEqualTo(Instant.EPOCH.plusNanos(b.transitionsTo(VrrpState.MASTER).get(0).atNanos()));
        NewMaster nm = eb.of(evb, NewMaster.class).get(eb.of(evb, NewMaster.class).size() - 1);
        assertThat(nm.self()).isTrue();
        assertThat(nm.master()).isEqualTo(ip("10.0.0.2"));
        assertThat(evb.indexOf(nm)).isGreaterThan(evb.indexOf(took));

        List<ManagementEvent> eva = ea.awaitThrough(sa.lastEventSequence());
        assertThat(ea.of(eva, StateChanged.class)).singleElement().satisfies(e -> {
            assertThat(e.from()).isEqualTo(VrrpState.MASTER);
            assertThat(e.to()).isEqualTo(VrrpState.BACKUP);
            assertThat(e.reason()).isEqualTo(StateChangeReason.HIGHER_PRIORITY_ADVERT);
        });
        assertThat(ea.of(eva, NewMaster.class)).extracting(NewMaster::master).containsExactly(ip("10.0.0.2"));

        // and back
        assertThat(done(sb.execute(new Command.SetBasePriority("VI_1", 100), ADMIN)).status()).isEqualTo(Status.APPLIED);
        assertThat(sb.instance("VI_1").orElseThrow().overrides()).as("back to the file value: no override").isEmpty();
        lan.advanceBy(Duration.ofSeconds(5));
        assertThat(lan.masters()).containsExactly(a);
        List<ManagementEvent> back = ea.awaitThrough(sa.lastEventSequence());
        assertThat(ea.of(back, StateChanged.class)).extracting(StateChanged::to).containsExactly(VrrpState.MASTER);
        assertThat(sa.instance("VI_1").orElseThrow().transitionCount()).isEqualTo(4);
    }

    @Test
    void overlaySurvivesReloadUntilTheFileChanges() throws Exception {
        VrrpManagementService sb = service(b, null);
        settle();
        done(sb.execute(new Command.SetBasePriority("VI_1", 200), ADMIN));
        done(sb.execute(new Command.SetPreempt("VI_1", false), ADMIN));
        assertThat(sb.instance("VI_1").orElseThrow().overrides()).extracting(LiveOverride::key, LiveOverride::value,
                LiveOverride::fileValue).containsExactlyInAnyOrder(org.assertj.core.groups.Tuple.tuple("priority", "200",
                "100"), org.assertj.core.groups.Tuple.tuple("preempt", "false", "true"));

        // reload, same file: the new router gets the live values at once
        b.stopGracefully();
        SimNode b2 = lan.add("b2", settings("VI_1", 51, 100, 2).build());
        b2.start();
        sb.attach(List.of(new ManagedRouter(b2.router(), "eth0")));
        assertThat(b2.router().basePriority()).isEqualTo(200);
        assertThat(b2.router().preempt()).isFalse();
        done(sb.execute(new Command.SetPreempt("VI_1", true), ADMIN));
        lan.advanceBy(Duration.ofSeconds(6));
        assertThat(lan.masters()).containsExactly(b2);

        // reload, the file now says priority 120: the file wins, the live 200 is dropped; preempt is untouched
        EventRecorder events = subscribe(sb);
        b2.stopGracefully();
        SimNode b3 = lan.add("b3", settings("VI_1", 51, 120, 2).build());
        b3.start();
        sb.attach(List.of(new ManagedRouter(b3.router(), "eth0")));
        assertThat(b3.router().basePriority()).isEqualTo(120);
        InstanceSnapshot s = sb.instance("VI_1").orElseThrow();
        assertThat(s.configuredPriority()).isEqualTo(120);
        assertThat(s.overrides()).isEmpty();
        List<ManagementEvent> ev = events.awaitThrough(sb.lastEventSequence());
        assertThat(events.of(ev, LiveSettingChanged.class)).singleElement().satisfies(e -> {
            assertThat(e.key()).isEqualTo("priority");
            assertThat(e.oldValue()).isEqualTo("200");
            assertThat(e.newValue()).isNull();
            assertThat(e.actor()).isEqualTo(Actor.system());
        });
        lan.advanceBy(Duration.ofSeconds(6));
        assertThat(lan.masters()).containsExactly(a);
    }

    @Test
    void stateFileCarriesLiveValuesAcrossARestart() throws Exception {
        Path state = dir.resolve("sub/live.properties");
        VrrpManagementService sb = service(b, state);
        settle();
        done(sb.execute(new Command.SetBasePriority("VI_1", 180), Actor.snmp("private")));
        sb.close();
        assertThat(Files.readString(state)).contains("VI_1/priority=180;100;snmp;private;");

        // the restarted daemon: new process, new service, same state file
        b.kill();
        b.restart();
        VrrpManagementService restarted = service(b, state);
        assertThat(b.router().basePriority()).isEqualTo(180);
        InstanceSnapshot s = restarted.instance("VI_1").orElseThrow();
        assertThat(s.overrides()).singleElement().satisfies(o -> {
            assertThat(o.actor()).isEqualTo(Actor.snmp("private"));
            assertThat(o.value()).isEqualTo("180");
        });
        lan.advanceBy(Duration.ofSeconds(6));
        assertThat(lan.masters()).containsExactly(b);
    }

    @Test
    void resignGarpAndResetThroughTheApi() throws Exception {
        VrrpManagementService sa = service(a, null);
        settle();
        int announcements = a.announcements().size();
        assertThat(done(sa.execute(new Command.SendGarp("VI_1"), ADMIN)).status()).isEqualTo(Status.APPLIED);
        assertThat(a.announcements()).hasSize(announcements + 1);
        assertThat(a.announcements().get(announcements).reason()).isEqualTo(AnnounceReason.ADMIN_REQUEST);

        assertThat(done(sa.execute(new Command.ResetStatistics("VI_1"), ADMIN)).status()).isEqualTo(Status.APPLIED);
        InstanceSnapshot reset = sa.instance("VI_1").orElseThrow();
        assertThat(reset.statistics().advertsSent()).isZero();
        assertThat(reset.statisticsDiscontinuity()).isEqualTo(Instant.EPOCH.plusNanos(lan.now()));

        Instant at = Instant.EPOCH.plusNanos(lan.now());
        assertThat(done(sa.execute(new Command.Resign("VI_1", 30), ADMIN)).status()).isEqualTo(Status.APPLIED);
        InstanceSnapshot resigned = sa.instance("VI_1").orElseThrow();
        assertThat(resigned.state()).isEqualTo(VrrpState.BACKUP);
        assertThat(resigned.resignedUntil()).isEqualTo(at.plusSeconds(30));
        assertThat(resigned.virtualAddresses()).allMatch(v -> !v.installed());
        lan.advanceBy(Duration.ofSeconds(3));
        assertThat(lan.masters()).containsExactly(b);
        lan.advanceBy(Duration.ofSeconds(32));
        assertThat(lan.masters()).containsExactly(a);
        assertThat(sa.instance("VI_1").orElseThrow().resignedUntil()).isNull();
    }

    @Test
    void changesAndRefusalsAreLoggedWithWhoAskedForThem() {
        VrrpManagementService sb = service(b, null);
        settle();
        try (org.keepalived4j.vrrp.sim.CapturedLog log = new org.keepalived4j.vrrp.sim.CapturedLog(
                VrrpManagementService.class)) {
            done(sb.execute(new Command.SetBasePriority("VI_1", 130), Actor.snmp("private")));
            done(sb.execute(new Command.SetBasePriority("VI_1", 0), Actor.jmx("bob")));
            assertThat(log.lines()).containsExactly(
                    "INFO (VI_1) base priority 100 -> 130 (effective 130) [by snmp:private]",
                    "WARN SetBasePriority[target=VI_1, priority=0] by jmx:bob refused: (VI_1) priority must be 1..254 "
                            + "(255 only for the address owner), got 0");
        }
    }

    @Test
    void reloadCommandCallsTheHook() {
        VrrpManagementService sa = service(a, null);
        java.util.concurrent.atomic.AtomicInteger calls = new java.util.concurrent.atomic.AtomicInteger();
        sa.reloadHook(calls::incrementAndGet);
        assertThat(done(sa.execute(new Command.Reload(), ADMIN)).status()).isEqualTo(Status.APPLIED);
        assertThat(calls).hasValue(1);
    }

    @Test
    void slowSubscriberNeverBlocksThePublisherAndLearnsOfTheGap() throws Exception {
        EventBus bus = new EventBus(8);
        toClose.add(bus);
        java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
        java.util.concurrent.CountDownLatch entered = new java.util.concurrent.CountDownLatch(1);
        java.util.List<Long> seen = new java.util.concurrent.CopyOnWriteArrayList<>();
        java.util.concurrent.atomic.AtomicLong reportedDrops = new java.util.concurrent.atomic.AtomicLong();
        Subscription slow = bus.subscribe(new org.keepalived4j.management.ManagementListener() {
            @Override
            public void onEvent(ManagementEvent e) {
                entered.countDown();
                try {
                    release.await();
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                }
                seen.add(e.sequence());
            }

            @Override
            public void eventsDropped(long count) {
                reportedDrops.addAndGet(count);
            }
        });
        EventRecorder fast = new EventRecorder();
        toClose.add(bus.subscribe(fast));
        List<ManagementEvent> fastSeen = new java.util.ArrayList<>();
        for (int batch = 0; batch < 20; batch++) { // returns although the slow subscriber holds its first event
            for (int i = 0; i < 5; i++) {
                bus.publish(seq -> new ManagementEvent.TrackerChanged(seq, Instant.EPOCH, "r", "chk",
                        org.keepalived4j.management.TrackerSnapshot.Kind.SCRIPT, true, 0));
            }
            fastSeen.addAll(fast.awaitThrough(bus.lastSequence()));
            if (batch == 0) {
                assertThat(entered.await(5, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
            }
        }
        // the slow one holds event 1 and queues 8 more; the rest are dropped for it only
        assertThat(slow.dropped()).isEqualTo(100 - 1 - 8);
        assertThat(seen).isEmpty();
        assertThat(fastSeen).extracting(ManagementEvent::sequence).hasSize(100).isSorted();
        release.countDown();
        long drained = System.nanoTime() + 5_000_000_000L;
        while (seen.size() < 9 && System.nanoTime() < drained) { // what it had queued
            Thread.sleep(10);
        }
        bus.publish(seq -> new ManagementEvent.TrackerChanged(seq, Instant.EPOCH, "r", "chk",
                org.keepalived4j.management.TrackerSnapshot.Kind.SCRIPT, false, 1));
        long deadline = System.nanoTime() + 5_000_000_000L;
        while (!seen.contains(101L) && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertThat(seen).contains(101L).isSorted();
        assertThat(seen.size() + slow.dropped()).isEqualTo(101);
        assertThat(reportedDrops.get()).isEqualTo(slow.dropped());
    }
}
