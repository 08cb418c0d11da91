package org.keepalived4j.management.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.keepalived4j.vrrp.sim.SimulatedLan.settings;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.keepalived4j.management.InstanceSnapshot;
import org.keepalived4j.management.ManagementEvent;
import org.keepalived4j.management.ManagementEvent.TrackerChanged;
import org.keepalived4j.management.TrackerSnapshot;
import org.keepalived4j.management.TrackerSnapshot.Kind;
import org.keepalived4j.track.ScriptTrackingLab;
import org.keepalived4j.vrrp.sim.SimNode;
import org.keepalived4j.vrrp.sim.SimulatedLan;

/** The engine's trackers seen through the management API on the simulated LAN: snapshots and TrackerChanged. */
class TrackerManagementTest {
    @TempDir
    Path dir;

    private final SimulatedLan lan = new SimulatedLan();
    private final SimNode a = lan.add("a", settings("VI_1", 51, 150, 1).build());
    private final SimNode b = lan.add("b", settings("VI_1", 51, 100, 2).build());
    private ScriptTrackingLab lab;
    private VrrpManagementService service;
    private final EventRecorder events = new EventRecorder();

    @AfterEach
    void close() {
        if (service != null) {
            service.close();
        }
        if (lab != null) {
            lab.close();
        }
    }

    private void startWithTracking() {
        VirtualWallClock clock = new VirtualWallClock(lan.loop());
        lab = new ScriptTrackingLab(dir, lan, a);
        lab.tracking().clock(clock);
        service = new VrrpManagementService("node-a", "test", Path.of("k.conf"), new LiveOverlay(null), clock, 1024);
        service.configurationLoaded(() -> "");
        service.attach(List.of(new ManagedRouter(a.router(), "eth9")), lab.tracking(), Map.of());
        service.subscribe(events);
        b.start();
        lab.start();
        lab.advance(Duration.ofSeconds(6));
    }

    @Test
    void aScriptResultFlipShowsInTheSnapshotsAndPublishesOneTrackerChanged() throws Exception {
        startWithTracking();
        assertThat(lan.masters()).containsExactly(a);
        assertThat(a.router().effectivePriority()).isEqualTo(160); // 150 + 2 x 5 (file)
        TrackerSnapshot chk = tracker(Kind.SCRIPT, "chk");
        assertThat(chk.up()).isTrue();
        assertThat(chk.value()).isZero();
        assertThat(chk.weight()).isEqualTo(-80);
        assertThat(chk.instances()).containsExactly("VI_1");
        TrackerSnapshot tf = tracker(Kind.FILE, "tf");
        assertThat(tf.up()).isTrue();
        assertThat(tf.value()).isEqualTo(2); // init_file
        assertThat(tf.weight()).isEqualTo(5);
        assertThat(service.trackers()).hasSize(2);
        assertThat(service.instance("VI_1").orElseThrow().trackers()).containsExactly(
                new InstanceSnapshot.Tracked(Kind.SCRIPT, "chk", -80, false, true),
                new InstanceSnapshot.Tracked(Kind.FILE, "tf", 5, false, true));
        // the script's first result (INIT -> good) was a change too
        List<ManagementEvent> before = events.awaitThrough(service.lastEventSequence());
        assertThat(events.of(before, TrackerChanged.class)).singleElement()
                .satisfies(e -> assertThat(e.up()).isTrue());

        lab.scriptExits(3);
        Instant flipFrom = Instant.EPOCH.plusNanos(lan.loop().nowNanos());
        lab.advance(Duration.ofSeconds(3));

        TrackerSnapshot failed = tracker(Kind.SCRIPT, "chk");
        assertThat(failed.up()).isFalse();
        assertThat(failed.value()).isEqualTo(3);
        assertThat(failed.lastChange()).isAfter(flipFrom).isBeforeOrEqualTo(Instant.EPOCH.plusNanos(lan.loop().nowNanos()));
        assertThat(a.router().effectivePriority()).isEqualTo(80); // 150 + 2 x 5 (file) - 80 (script)
        assertThat(service.instance("VI_1").orElseThrow().trackers())
                .contains(new InstanceSnapshot.Tracked(Kind.SCRIPT, "chk", -80, false, false));

        List<ManagementEvent> after = events.awaitThrough(service.lastEventSequence());
        List<TrackerChanged> changes = events.of(after, TrackerChanged.class);
        assertThat(changes).singleElement().satisfies(e -> {
            assertThat(e.source()).isEqualTo("chk");
            assertThat(e.kind()).isEqualTo(Kind.SCRIPT);
            assertThat(e.up()).isFalse();
            assertThat(e.value()).isEqualTo(3);
            assertThat(e.routerId()).isEqualTo("node-a");
            assertThat(e.time()).isEqualTo(failed.lastChange());
        });
        assertThat(events.threads).noneMatch(t -> t == Thread.currentThread()); // the loop thread is the test's
        // the weight moved the priority before the change was reported
        assertThat(events.of(after, ManagementEvent.EffectivePriorityChanged.class))
                .anySatisfy(e -> assertThat(e.newPriority()).isEqualTo(80));
        lab.advance(Duration.ofSeconds(4));
        assertThat(lan.masters()).containsExactly(b);
    }

    @Test
    void aTrackFileValueChangeIsATrackerChange() throws Exception {
        startWithTracking();
        events.awaitThrough(service.lastEventSequence());
        lab.fileHolds("-3\n");
        lab.advance(Duration.ofSeconds(2));
        assertThat(tracker(Kind.FILE, "tf").value()).isEqualTo(-3);
        assertThat(a.router().effectivePriority()).isEqualTo(135);
        List<TrackerChanged> changes = events.of(events.awaitThrough(service.lastEventSequence()), TrackerChanged.class);
        assertThat(changes).singleElement().satisfies(e -> {
            assertThat(e.source()).isEqualTo("tf");
            assertThat(e.kind()).isEqualTo(Kind.FILE);
            assertThat(e.value()).isEqualTo(-3);
            assertThat(e.up()).isTrue(); // -15 does not fault the instance
        });
    }

    @Test
    void syncGroupStateIsTheCoordinatorsWhenOneRuns() {
        org.keepalived4j.vrrp.sync.SyncGroupCoordinator g1 = new org.keepalived4j.vrrp.sync.SyncGroupCoordinator(
                "G1", lan.loop(), List.of(a.router()), org.keepalived4j.vrrp.sync.SyncGroupListener.NONE);
        a.addListener(g1);
        service = new VrrpManagementService("node-a", "test", Path.of("k.conf"), new LiveOverlay(null),
                new VirtualWallClock(lan.loop()), 1024);
        service.attach(List.of(new ManagedRouter(a.router(), "eth0", "G1")), null, Map.of("G1", g1));
        // before the start the coordinator is INIT; the members-derived state would say BACKUP
        assertThat(service.syncGroups()).singleElement().satisfies(g -> {
            assertThat(g.instances()).containsExactly("VI_1");
            assertThat(g.state()).isEqualTo(g1.state()).isEqualTo(org.keepalived4j.vrrp.VrrpState.INIT);
        });
        lan.startAll();
        lan.advanceBy(Duration.ofSeconds(5));
        assertThat(g1.state()).isEqualTo(org.keepalived4j.vrrp.VrrpState.MASTER);
        assertThat(service.syncGroups().get(0).state()).isEqualTo(org.keepalived4j.vrrp.VrrpState.MASTER);
        assertThat(service.trackers()).as("no tracking attached").isEmpty();
    }

    private TrackerSnapshot tracker(Kind kind, String name) {
        return service.trackers().stream().filter(t -> t.kind() == kind && t.name().equals(name)).findFirst()
                .orElseThrow();
    }
}
