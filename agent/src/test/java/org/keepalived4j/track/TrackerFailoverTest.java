package org.keepalived4j.track;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.keepalived4j.vrrp.sim.SimulatedLan.settings;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.keepalived4j.config.model.ScriptCommand;
import org.keepalived4j.config.model.vrrp.TrackFile;
import org.keepalived4j.config.model.vrrp.VrrpScript;
import org.keepalived4j.notify.ScriptPolicy;
import org.keepalived4j.notify.ScriptRunner;
import org.keepalived4j.vrrp.VrrpState;
import org.keepalived4j.vrrp.sim.SimNode;
import org.keepalived4j.vrrp.sim.SimulatedLan;

/**
 * Trackers driving routers on the simulated LAN: a real vrrp_script process whose exit status the test flips,
 * track_file values, track_interface link changes. Virtual time; script results are awaited before the loop
 * runs their hand-over task, so runs are repeatable.
 */
class TrackerFailoverTest {
    @TempDir
    Path dir;
    private final ScriptRunner runner = new ScriptRunner(ScriptPolicy.permissive(), 4, 64);

    @AfterEach
    void close() {
        runner.close();
    }

    /** A script that exits with the number in {@code code}. */
    private ScriptCommand exitCodeScript(Path code) throws IOException {
        Path script = dir.resolve("check-" + code.getFileName() + ".sh");
        Files.writeString(script, "#!/bin/sh\nexit $(cat " + code + ")\n");
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
        return ScriptCommand.of(script.toString());
    }

    /** Advances in steps; after each step waits for every started script's result and lets the loop take it. */
    static void advance(SimulatedLan lan, Duration total, List<ScriptTracker> scripts) {
        Duration step = Duration.ofMillis(100);
        for (long i = 0; i < total.toMillis() / 100; i++) {
            lan.advanceBy(step);
            for (ScriptTracker t : scripts) {
                await().atMost(Duration.ofSeconds(30)).pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(5)).until(() -> t.resultsHandedBack() == t.runs());
            }
            lan.loop().runPending();
        }
    }

    private static void write(Path file, String text) throws IOException {
        Files.writeString(file, text);
    }

    private ScriptTracker scriptOn(SimNode node, SimulatedLan lan, Path code, int weight, int fall, int rise)
            throws IOException {
        VrrpScript vs = new VrrpScript("chk", exitCodeScript(code), Duration.ofSeconds(1), Optional.empty(), weight,
                false, rise, fall, false);
        ScriptTracker tracker = new ScriptTracker(vs, lan.loop(), runner);
        PriorityTracker pt = new PriorityTracker(lan.loop(), TrackTarget.of(node.router()));
        pt.track(tracker.source(), vs.weight(), vs.weightReverse());
        pt.attach();
        tracker.start();
        return tracker;
    }

    /** Routers a (priority 150) and b (100) of VI_1; a tracks a script that exits with the code in {@code code}. */
    private record ScriptScenario(SimulatedLan lan, SimNode a, SimNode b, Path code, ScriptTracker chk) {
        void advance(Duration total) {
            TrackerFailoverTest.advance(lan, total, List.of(chk));
        }
    }

    /** The scenario after 6 s with the script exiting 0: a is master unless the weight says otherwise. */
    private ScriptScenario scriptScenario(int weight, int fall, int rise) throws IOException {
        SimulatedLan lan = new SimulatedLan();
        SimNode a = lan.add("a", settings("VI_1", 51, 150, 1).build());
        SimNode b = lan.add("b", settings("VI_1", 51, 100, 2).build());
        Path code = dir.resolve("code");
        write(code, "0");
        ScriptTracker chk = scriptOn(a, lan, code, weight, fall, rise);
        lan.startAll();
        ScriptScenario scenario = new ScriptScenario(lan, a, b, code, chk);
        scenario.advance(Duration.ofSeconds(6));
        return scenario;
    }

    @Test
    void failingScriptLowersPriorityByItsWeightAndTheBackupTakesOver() throws IOException {
        ScriptScenario scenario = scriptScenario(-60, 2, 2);
        SimNode a = scenario.a();
        assertThat(scenario.lan().masters()).containsExactly(a);
        assertThat(a.router().effectivePriority()).isEqualTo(150);

        write(scenario.code(), "1");
        scenario.advance(Duration.ofSeconds(10));
        assertThat(a.router().effectivePriority()).isEqualTo(90);
        assertThat(a.priorityChanges()).extracting(SimNode.PriorityChange::to).containsExactly(90);
        assertThat(scenario.lan().masters()).containsExactly(scenario.b());
        // a's adverts carried 90 once lowered, before it lost mastership
        assertThat(a.sent()).extracting(s -> s.advert().priority()).contains(150, 90);

        write(scenario.code(), "0");
        scenario.advance(Duration.ofSeconds(10));
        assertThat(a.router().effectivePriority()).isEqualTo(150);
        assertThat(scenario.lan().masters()).containsExactly(a);
    }

    @Test
    void smallWeightLowersPriorityWithoutFailover() throws IOException {
        ScriptScenario scenario = scriptScenario(-20, 1, 1);
        SimNode a = scenario.a();
        write(scenario.code(), "3");
        scenario.advance(Duration.ofSeconds(6));

        assertThat(a.router().effectivePriority()).isEqualTo(130);
        assertThat(scenario.lan().masters()).containsExactly(a);
        assertThat(scenario.b().transitionsTo(VrrpState.MASTER)).isEmpty();
        assertThat(a.sent().get(a.sent().size() - 1).advert().priority()).isEqualTo(130);
    }

    @Test
    void weightZeroScriptFailurePutsTheInstanceIntoFault() throws IOException {
        ScriptScenario scenario = scriptScenario(0, 1, 1);
        SimNode a = scenario.a();
        assertThat(scenario.lan().masters()).containsExactly(a);

        write(scenario.code(), "2");
        scenario.advance(Duration.ofSeconds(3));
        assertThat(a.state()).isEqualTo(VrrpState.FAULT);
        assertThat(a.router().effectivePriority()).isEqualTo(150);
        assertThat(a.sent().get(a.sent().size() - 1).advert().priority()).isZero(); // resigned
        scenario.advance(Duration.ofSeconds(2));
        assertThat(scenario.lan().masters()).containsExactly(scenario.b());

        write(scenario.code(), "0");
        scenario.advance(Duration.ofSeconds(8));
        assertThat(a.transitions()).extracting(SimNode.Transition::to).containsExactly(
                VrrpState.BACKUP, VrrpState.MASTER, VrrpState.FAULT, VrrpState.BACKUP, VrrpState.MASTER);
        assertThat(scenario.lan().masters()).containsExactly(a);
    }

    @Test
    void trackFileValueTimesWeightMovesPriorityAndFaultsBelowMinus253() throws IOException {
        SimulatedLan lan = new SimulatedLan();
        SimNode a = lan.add("a", settings("VI_1", 51, 150, 1).build());
        SimNode b = lan.add("b", settings("VI_1", 51, 100, 2).build());
        Path file = dir.resolve("prio");
        TrackFile tf = new TrackFile("tf", file, 10, false, Optional.of(new TrackFile.InitFile(2, false)));
        FileTracker ft = new FileTracker(tf, lan.loop(), Duration.ofMillis(500));
        assertThat(Files.readString(file).strip()).isEqualTo("2"); // init_file wrote it
        PriorityTracker pt = new PriorityTracker(lan.loop(), TrackTarget.of(a.router()));
        pt.track(ft.source(), tf.weight(), tf.weightReverse()).attach();
        ft.start();
        lan.startAll();
        lan.advanceBy(Duration.ofSeconds(5));
        assertThat(a.router().effectivePriority()).isEqualTo(170);
        assertThat(lan.masters()).containsExactly(a);

        write(file, "-6\n");
        lan.advanceBy(Duration.ofSeconds(5));
        assertThat(a.router().effectivePriority()).isEqualTo(90); // -6 x 10 = -60 from the base 150
        assertThat(lan.masters()).containsExactly(b);

        write(file, "30"); // 300 capped at 253 -> 254 at most
        lan.advanceBy(Duration.ofSeconds(6));
        assertThat(a.router().effectivePriority()).isEqualTo(254);
        assertThat(lan.masters()).containsExactly(a);

        write(file, "-26"); // -260 <= -254: FAULT
        lan.advanceBy(Duration.ofSeconds(2));
        assertThat(a.state()).isEqualTo(VrrpState.FAULT);
        write(file, "0");
        lan.advanceBy(Duration.ofSeconds(8));
        assertThat(a.router().effectivePriority()).isEqualTo(150);
        assertThat(lan.masters()).containsExactly(a);
    }

    /** A link-state feed the test flips (the netlink link monitor in production). */
    static final class TestLinks implements LinkStateSource {
        private final Map<String, Boolean> state = new HashMap<>();
        private final List<LinkListener> listeners = new CopyOnWriteArrayList<>();

        void set(String name, boolean up) {
            state.put(name, up);
            listeners.forEach(l -> l.linkChanged(name, up));
        }

        @Override
        public Optional<Boolean> isUp(String interfaceName) {
            return Optional.ofNullable(state.get(interfaceName));
        }

        @Override
        public void addListener(LinkListener listener) {
            listeners.add(listener);
        }
    }

    @Test
    void trackInterfaceDownFaultsWithWeightZeroAndLowersPriorityWithAWeight() {
        SimulatedLan lan = new SimulatedLan();
        SimNode a = lan.add("a", settings("VI_1", 51, 150, 1).build());
        SimNode b = lan.add("b", settings("VI_1", 51, 100, 2).build());
        TestLinks links = new TestLinks();
        links.set("eth1", true);
        links.set("eth2", true);
        InterfaceTracker interfaces = new InterfaceTracker(lan.loop(), links);
        PriorityTracker pt = new PriorityTracker(lan.loop(), TrackTarget.of(a.router()));
        pt.track(interfaces.source("eth1"), 0, false).track(interfaces.source("eth2"), -30, false).attach();
        lan.startAll();
        lan.advanceBy(Duration.ofSeconds(5));
        assertThat(lan.masters()).containsExactly(a);

        links.set("eth2", false);
        lan.advanceBy(Duration.ofSeconds(1));
        assertThat(a.router().effectivePriority()).isEqualTo(120);
        assertThat(lan.masters()).containsExactly(a);

        links.set("eth1", false);
        lan.advanceBy(Duration.ofMillis(10));
        assertThat(a.state()).isEqualTo(VrrpState.FAULT);
        lan.advanceBy(Duration.ofSeconds(4));
        assertThat(lan.masters()).containsExactly(b);

        links.set("eth1", true);
        links.set("eth2", true);
        lan.advanceBy(Duration.ofSeconds(8));
        assertThat(a.router().effectivePriority()).isEqualTo(150);
        assertThat(lan.masters()).containsExactly(a);
    }

    @Test
    void anAddressOwnersPriorityIsNotChangedByWeightsButWeightZeroStillFaultsIt() {
        SimulatedLan lan = new SimulatedLan();
        SimNode owner = lan.add("owner", settings("VI_1", 51, 255, 1).build());
        TrackSource weighted = TrackSource.binary(TrackSource.Kind.SCRIPT, "chk", TrackSource.Status.UP);
        TrackSource critical = TrackSource.binary(TrackSource.Kind.INTERFACE, "eth1", TrackSource.Status.UP);
        PriorityTracker pt = new PriorityTracker(lan.loop(), TrackTarget.of(owner.router()));
        pt.track(weighted, -60, false).track(critical, 0, false).attach();
        owner.start();
        lan.advanceBy(Duration.ofSeconds(1));
        weighted.setStatus(TrackSource.Status.DOWN);
        lan.advanceBy(Duration.ofSeconds(2));
        assertThat(pt.adjustment()).isEqualTo(-60);
        assertThat(owner.router().effectivePriority()).isEqualTo(255);
        assertThat(owner.sent()).allMatch(s -> s.advert().priority() == 255);
        critical.setStatus(TrackSource.Status.DOWN);
        assertThat(owner.state()).isEqualTo(VrrpState.FAULT);
        critical.setStatus(TrackSource.Status.UP);
        assertThat(owner.state()).isEqualTo(VrrpState.MASTER);
    }

    // ---------------------------------------------------------------- reload (keepalived clear_diff_script)

    /** The tracking of a reloaded configuration: same script, new trackers taking over the old ones' results. */
    private record Reloaded(ScriptTracker script, PriorityTracker tracker) {}

    private Reloaded reloadScript(SimNode node, SimulatedLan lan, ScriptTracker old, PriorityTracker oldTracker,
                                  boolean stillTracked) {
        PriorityTracker pt = new PriorityTracker(lan.loop(), TrackTarget.of(node.router()));
        ScriptTracker next = new ScriptTracker(old.script(), lan.loop(), runner);
        old.stop();
        next.inherit(old);
        if (stillTracked) {
            pt.track(next.source(), old.script().weight(), old.script().weightReverse());
        }
        pt.adopt(oldTracker.raisedSources());
        pt.attach();
        next.start();
        return new Reloaded(next, pt);
    }

    private PriorityTracker trackerOf(SimNode node, SimulatedLan lan, ScriptTracker script) {
        PriorityTracker pt = new PriorityTracker(lan.loop(), TrackTarget.of(node.router()));
        pt.track(script.source(), script.script().weight(), script.script().weightReverse());
        pt.attach();
        script.start();
        return pt;
    }

    private ScriptTracker script(SimulatedLan lan, Path code, int weight) throws IOException {
        return new ScriptTracker(new VrrpScript("chk", exitCodeScript(code), Duration.ofSeconds(1), Optional.empty(),
                weight, false, 1, 1, false), lan.loop(), runner);
    }

    @Test
    void aReloadKeepsAFailedScriptsWeightSoThePriorityDoesNotBounce() throws IOException {
        SimulatedLan lan = new SimulatedLan();
        SimNode a = lan.add("a", settings("VI_1", 51, 150, 1).build());
        SimNode b = lan.add("b", settings("VI_1", 51, 120, 2).build());
        Path code = dir.resolve("code");
        write(code, "1");
        ScriptTracker chk = script(lan, code, -20);
        PriorityTracker pt = trackerOf(a, lan, chk);
        lan.startAll();
        advance(lan, Duration.ofSeconds(6), List.of(chk));
        assertThat(a.router().effectivePriority()).isEqualTo(130);
        assertThat(lan.masters()).containsExactly(a);

        ScriptTracker next = reloadScript(a, lan, chk, pt, true).script();
        assertThat(next.source().status()).as("inherited before its first run").isEqualTo(TrackSource.Status.DOWN);
        advance(lan, Duration.ofSeconds(6), List.of(chk, next));

        assertThat(a.priorityChanges()).extracting(SimNode.PriorityChange::to).containsExactly(130);
        assertThat(lan.masters()).containsExactly(a);
        assertThat(b.transitionsTo(VrrpState.MASTER)).isEmpty();
    }

    @Test
    void aReloadKeepsAWeightZeroFaultWithoutANewTransitionAndClearsItWhenTheScriptIsNoLongerTracked()
            throws IOException {
        SimulatedLan lan = new SimulatedLan();
        SimNode a = lan.add("a", settings("VI_1", 51, 150, 1).build());
        Path code = dir.resolve("code");
        write(code, "1");
        ScriptTracker chk = script(lan, code, 0);
        PriorityTracker pt = trackerOf(a, lan, chk);
        a.start();
        advance(lan, Duration.ofSeconds(4), List.of(chk));
        assertThat(a.state()).isEqualTo(VrrpState.FAULT);
        int transitions = a.transitions().size();

        Reloaded same = reloadScript(a, lan, chk, pt, true);
        advance(lan, Duration.ofSeconds(4), List.of(chk, same.script()));
        assertThat(a.state()).isEqualTo(VrrpState.FAULT);
        assertThat(a.transitions()).as("still FAULT, no new transition").hasSize(transitions);
        assertThat(same.tracker().raisedSources()).containsExactly(chk.source().faultSource());

        Reloaded without = reloadScript(a, lan, same.script(), same.tracker(), false);
        advance(lan, Duration.ofSeconds(5), List.of(same.script(), without.script()));
        assertThat(a.state()).as("the script is gone from the configuration: its fault with it")
                .isEqualTo(VrrpState.MASTER);
    }
}
