package org.keepalived4j.vrrp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.keepalived4j.vrrp.sim.SimulatedLan.ip;
import static org.keepalived4j.vrrp.sim.SimulatedLan.settings;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.keepalived4j.vrrp.sim.SimNode;
import org.keepalived4j.vrrp.sim.SimulatedLan;

/** {@link VrrpRouter#reconfigure}: a reload applied to a running instance, as keepalived 2.2.7 keeps it running. */
class VrrpReloadTest {
    private static final long S = 1_000_000_000L;

    /** a (150) MASTER, b (100) BACKUP, both running for 5 s. */
    private static SimulatedLan pair() {
        SimulatedLan lan = new SimulatedLan();
        lan.add("a", settings("VI_1", 51, 150, 1).build());
        lan.add("b", settings("VI_1", 51, 100, 2).build());
        lan.startAll();
        lan.advanceBy(Duration.ofSeconds(5));
        return lan;
    }

    private static SimNode node(SimulatedLan lan, String name) {
        return lan.nodes().stream().filter(n -> n.name().equals(name)).findFirst().orElseThrow();
    }

    @Test
    void masterStaysMasterWithoutPriorityZeroAndItsNewPriorityAndVipsGoIntoTheAdverts() {
        SimulatedLan lan = pair();
        SimNode a = node(lan, "a");
        SimNode b = node(lan, "b");
        assertThat(lan.masters()).containsExactly(a);
        int transitionsBefore = a.transitions().size();
        VrrpStatistics.Snapshot statsBefore = a.router().statistics();
        long reloadAt = lan.now();

        a.reload(a.settings().toBuilder().priority(200)
                .virtualAddresses(List.of(ip("10.0.0.100"), ip("10.0.0.101"))).build());
        // b hears a's adverts with the new address list: it is reloaded too (same file on both)
        b.reload(b.settings().toBuilder().virtualAddresses(List.of(ip("10.0.0.100"), ip("10.0.0.101"))).build());
        lan.advanceBy(Duration.ofSeconds(10));

        assertThat(a.state()).isEqualTo(VrrpState.MASTER);
        assertThat(a.transitions()).as("no new transition").hasSize(transitionsBefore);
        assertThat(b.transitionsTo(VrrpState.MASTER)).as("the backup never takes over").isEmpty();
        assertThat(a.sent()).noneSatisfy(s -> assertThat(s.advert().priority()).isZero());
        List<SimNode.Sent> after = a.sent().stream().filter(s -> s.atNanos() > reloadAt).toList();
        assertThat(after).hasSizeGreaterThanOrEqualTo(9).allSatisfy(s -> {
            assertThat(s.advert().priority()).isEqualTo(200);
            assertThat(s.advert().addresses()).containsExactly(ip("10.0.0.100"), ip("10.0.0.101"));
        });
        assertThat(a.router().effectivePriority()).isEqualTo(200);
        assertThat(a.installedAddresses()).containsExactlyInAnyOrder(ip("10.0.0.100"), ip("10.0.0.101"));
        assertThat(a.announcements()).anySatisfy(an -> {
            assertThat(an.atNanos()).isEqualTo(reloadAt);
            assertThat(an.reason()).isEqualTo(AnnounceReason.RELOAD);
        });
        VrrpStatistics.Snapshot statsAfter = a.router().statistics();
        assertThat(statsAfter.becomeMaster()).as("counters kept").isEqualTo(statsBefore.becomeMaster());
        assertThat(statsAfter.advertsSent()).isGreaterThan(statsBefore.advertsSent());
        assertThat(b.router().statistics().addressListErrors()).isZero();
        assertThat(a.priorityChanges()).extracting(SimNode.PriorityChange::from, SimNode.PriorityChange::to)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(150, 200));
    }

    @Test
    void removedVipIsDeletedAddedOneInstalledUnchangedOneUntouched() {
        SimulatedLan lan = new SimulatedLan();
        SimNode a = lan.add("a", settings("VI_1", 51, 150, 1)
                .virtualAddresses(List.of(ip("10.0.0.100"), ip("10.0.0.101"))).build());
        a.start();
        lan.advanceBy(Duration.ofSeconds(5));
        assertThat(a.state()).isEqualTo(VrrpState.MASTER);
        int opsBefore = a.addressOps().size();
        long reloadAt = lan.now();

        a.reload(a.settings().toBuilder().virtualAddresses(List.of(ip("10.0.0.100"), ip("10.0.0.102"))).build());
        lan.advanceBy(Duration.ofSeconds(3));

        assertThat(a.installedAddresses()).containsExactlyInAnyOrder(ip("10.0.0.100"), ip("10.0.0.102"));
        assertThat(a.addressOps().subList(opsBefore, a.addressOps().size())).containsExactly(
                new SimNode.AddressOp(reloadAt, false, List.of(ip("10.0.0.101"))),
                new SimNode.AddressOp(reloadAt, true, List.of(ip("10.0.0.102"))));
    }

    @Test
    void onlyChangedSettingsLeaveAMasterWithoutAnyAddressWorkOrGarp() {
        SimulatedLan lan = pair();
        SimNode a = node(lan, "a");
        int ops = a.addressOps().size();
        int garps = a.announcements().size();
        a.reload(a.settings().toBuilder().priority(160).build());
        lan.advanceBy(Duration.ofMillis(500));
        assertThat(a.addressOps()).hasSize(ops);
        assertThat(a.announcements()).hasSize(garps);
        assertThat(a.state()).isEqualTo(VrrpState.MASTER);
    }

    @Test
    void aMasterReloadedBelowItsPreemptingBackupHandsOverWithoutPriorityZero() {
        SimulatedLan lan = pair();
        SimNode a = node(lan, "a");
        SimNode b = node(lan, "b");
        long reloadAt = lan.now();
        a.reload(a.settings().toBuilder().priority(50).build());
        lan.advanceBy(Duration.ofSeconds(5)); // b discards the lower adverts until its down timer runs out

        assertThat(lan.masters()).containsExactly(b);
        assertThat(b.transitionsTo(VrrpState.MASTER)).singleElement()
                .satisfies(t -> assertThat(t.reason()).isEqualTo(StateChangeReason.PREEMPTION));
        assertThat(a.sent().stream().filter(s -> s.atNanos() >= reloadAt))
                .allSatisfy(s -> assertThat(s.advert().priority()).isEqualTo(50));
    }

    @Test
    void aBackupReloadedFromNopreemptToPreemptTakesOver() {
        SimulatedLan lan = new SimulatedLan();
        SimNode a = lan.add("a", settings("VI_1", 51, 100, 1).build());
        SimNode b = lan.add("b", settings("VI_1", 51, 150, 2).preempt(false).build());
        a.start();
        lan.advanceBy(Duration.ofSeconds(5));
        b.start();
        lan.advanceBy(Duration.ofSeconds(5));
        assertThat(lan.masters()).as("nopreempt: b follows the lower-priority master").containsExactly(a);

        b.reload(b.settings().toBuilder().preempt(true).build());
        lan.advanceBy(Duration.ofSeconds(5));

        assertThat(lan.masters()).containsExactly(b);
        assertThat(b.router().preempt()).isTrue();
    }

    @Test
    void aV3MasterReloadedWithAShorterAdvertIntSendsAtTheNewCadence() {
        SimulatedLan lan = new SimulatedLan();
        SimNode a = lan.add("a", settings("VI_1", 51, 150, 1).version(3).build());
        SimNode b = lan.add("b", settings("VI_1", 51, 100, 2).version(3).build());
        lan.startAll();
        lan.advanceBy(Duration.ofSeconds(5));
        a.reload(a.settings().toBuilder().advertIntervalCentis(50).build());
        lan.advanceBy(Duration.ofSeconds(2));
        long from = lan.now();
        lan.advanceBy(Duration.ofSeconds(3));

        List<Long> times = a.sent().stream().map(SimNode.Sent::atNanos).filter(t -> t > from).toList();
        assertThat(times).hasSize(6);
        for (int i = 1; i < times.size(); i++) {
            assertThat(times.get(i) - times.get(i - 1)).isEqualTo(S / 2);
        }
        assertThat(b.router().masterAdvertIntervalCentis()).as("the v3 backup learns it").isEqualTo(50);
        assertThat(b.transitionsTo(VrrpState.MASTER)).isEmpty();
    }

    @Test
    void reconfigureRefusesAnotherVrid() {
        SimulatedLan lan = pair();
        SimNode a = node(lan, "a");
        VrrpRouterSettings other = a.settings().toBuilder().virtualRouterId(52).build();
        AdvertSender silent = (adv, src) -> { };
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> a.router().reconfigure(other, silent,
                VirtualAddressActions.NONE, List.of(), List.of())).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("VRID");
    }
}
