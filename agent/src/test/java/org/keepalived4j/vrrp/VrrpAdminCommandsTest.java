package org.keepalived4j.vrrp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.keepalived4j.vrrp.sim.SimulatedLan.settings;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.keepalived4j.vrrp.sim.SimNode;
import org.keepalived4j.vrrp.sim.SimulatedLan;

/** The administrative commands (live priority, preempt, resign, GARP, statistics reset) on the simulated LAN. */
class VrrpAdminCommandsTest {
    private final SimulatedLan lan = new SimulatedLan();
    private final SimNode a = lan.add("a", settings("VI_1", 51, 150, 1).build());
    private final SimNode b = lan.add("b", settings("VI_1", 51, 100, 2).build());

    private void settle() {
        lan.startAll();
        lan.advanceBy(Duration.ofSeconds(5));
        assertThat(lan.masters()).containsExactly(a);
    }

    private static CommandOutcome now(java.util.concurrent.CompletableFuture<CommandOutcome> f) {
        assertThat(f).as("commands from the loop thread complete at once").isDone();
        return f.join();
    }

    @Test
    void outOfRangePriorityIsRejectedAndNothingChanges() {
        settle();
        int sentBefore = a.sent().size();
        for (int bad : List.of(0, -1, 256, 1000)) {
            CommandOutcome o = now(a.router().setBasePriority(bad));
            assertThat(o.kind()).isEqualTo(CommandOutcome.Kind.REJECTED);
            assertThat(o.message()).contains("VI_1").contains("1..254").contains(String.valueOf(bad));
        }
        CommandOutcome owner = now(a.router().setBasePriority(255));
        assertThat(owner.kind()).isEqualTo(CommandOutcome.Kind.REJECTED);
        assertThat(owner.message()).contains("only for the address owner");
        assertThat(a.router().basePriority()).isEqualTo(150);
        assertThat(a.router().effectivePriority()).isEqualTo(150);
        assertThat(a.priorityChanges()).isEmpty();
        lan.advanceBy(Duration.ofSeconds(3));
        assertThat(a.sent().subList(sentBefore, a.sent().size())).allMatch(s -> s.advert().priority() == 150);
    }

    @Test
    void addressOwnerKeeps255() {
        SimulatedLan lan2 = new SimulatedLan();
        SimNode owner = lan2.add("o", settings("VI_9", 9, 255, 1).build());
        owner.start();
        lan2.advanceBy(Duration.ofSeconds(1));
        assertThat(now(owner.router().setBasePriority(200)).kind()).isEqualTo(CommandOutcome.Kind.REJECTED);
        assertThat(now(owner.router().setBasePriority(255)).kind()).isEqualTo(CommandOutcome.Kind.UNCHANGED);
        assertThat(owner.router().effectivePriority()).isEqualTo(255);
    }

    @Test
    void raisingTheBackupAboveTheMasterMovesMastershipAndBack() {
        settle();
        CommandOutcome o = now(b.router().setBasePriority(200));
        assertThat(o.kind()).isEqualTo(CommandOutcome.Kind.APPLIED);
        assertThat(b.router().effectivePriority()).isEqualTo(200);
        assertThat(b.priorityChanges()).extracting(SimNode.PriorityChange::from, SimNode.PriorityChange::to)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(100, 200));
        long changedAt = lan.now();
        lan.advanceBy(Duration.ofSeconds(5));
        assertThat(lan.masters()).containsExactly(b);
        SimNode.Transition took = b.transitionsTo(VrrpState.MASTER).get(0);
        assertThat(took.reason()).isEqualTo(StateChangeReason.PREEMPTION);
        assertThat(took.atNanos()).isGreaterThan(changedAt);
        assertThat(a.transitionsTo(VrrpState.BACKUP).get(a.transitionsTo(VrrpState.BACKUP).size() - 1).reason())
                .isEqualTo(StateChangeReason.HIGHER_PRIORITY_ADVERT);

        assertThat(now(b.router().setBasePriority(100)).kind()).isEqualTo(CommandOutcome.Kind.APPLIED);
        lan.advanceBy(Duration.ofSeconds(5));
        assertThat(lan.masters()).containsExactly(a);
        assertThat(b.sent().get(b.sent().size() - 1).advert().priority()).isEqualTo(100);
    }

    @Test
    void noPreemptSetLiveKeepsTheLowerMaster() {
        settle();
        assertThat(now(b.router().setPreempt(false)).kind()).isEqualTo(CommandOutcome.Kind.APPLIED);
        assertThat(now(b.router().setPreempt(false)).kind()).isEqualTo(CommandOutcome.Kind.UNCHANGED);
        now(b.router().setBasePriority(200));
        lan.advanceBy(Duration.ofSeconds(10));
        assertThat(lan.masters()).containsExactly(a);
        now(b.router().setPreempt(true));
        lan.advanceBy(Duration.ofSeconds(5));
        assertThat(lan.masters()).containsExactly(b);
    }

    @Test
    void resignHandsOverAndHoldsOffForTheGivenTime() {
        settle();
        long at = lan.now();
        CommandOutcome o = now(a.router().resign(Duration.ofSeconds(20)));
        assertThat(o.kind()).isEqualTo(CommandOutcome.Kind.APPLIED);
        assertThat(a.state()).isEqualTo(VrrpState.BACKUP);
        assertThat(a.router().resigned()).isTrue();
        assertThat(a.installedAddresses()).isEmpty();
        assertThat(a.sent().get(a.sent().size() - 1).advert().priority()).isZero();
        assertThat(a.transitions().get(a.transitions().size() - 1).reason()).isEqualTo(StateChangeReason.RESIGNED);
        lan.advanceBy(Duration.ofSeconds(2));
        assertThat(lan.masters()).containsExactly(b);
        assertThat(b.transitionsTo(VrrpState.MASTER).get(0).reason()).isEqualTo(StateChangeReason.MASTER_RESIGNED);
        // a has the higher priority but must not preempt while resigned
        lan.advanceTo(at + Duration.ofSeconds(19).toNanos());
        assertThat(lan.masters()).containsExactly(b);
        lan.advanceTo(at + Duration.ofSeconds(25).toNanos());
        assertThat(a.router().resigned()).isFalse();
        assertThat(lan.masters()).containsExactly(a);
        long back = a.transitionsTo(VrrpState.MASTER).get(a.transitionsTo(VrrpState.MASTER).size() - 1).atNanos();
        assertThat(back).isGreaterThan(at + Duration.ofSeconds(20).toNanos());
    }

    @Test
    void resignIsValidated() {
        settle();
        assertThat(now(a.router().resign(Duration.ZERO)).message()).contains("1..86400");
        assertThat(now(a.router().resign(Duration.ofDays(2))).kind()).isEqualTo(CommandOutcome.Kind.REJECTED);
        a.linkDown();
        lan.advanceBy(Duration.ofMillis(1));
        assertThat(now(a.router().resign(Duration.ofSeconds(5))).message()).contains("FAULT");
    }

    @Test
    void garpOnlyFromTheMasterAndStatisticsReset() {
        settle();
        int before = a.announcements().size();
        assertThat(now(a.router().sendGarp()).kind()).isEqualTo(CommandOutcome.Kind.APPLIED);
        assertThat(a.announcements()).hasSize(before + 1);
        assertThat(a.announcements().get(before).reason()).isEqualTo(AnnounceReason.ADMIN_REQUEST);
        CommandOutcome fromBackup = now(b.router().sendGarp());
        assertThat(fromBackup.kind()).isEqualTo(CommandOutcome.Kind.REJECTED);
        assertThat(fromBackup.message()).contains("BACKUP");

        assertThat(b.router().statistics().advertsReceived()).isPositive();
        now(b.router().resetStatistics());
        assertThat(b.router().statistics().advertsReceived()).isZero();
        lan.advanceBy(Duration.ofSeconds(3));
        assertThat(b.router().statistics().advertsReceived()).isBetween(2L, 4L);
    }

    @Test
    void commandsFromAnotherThreadRunOnTheLoop() throws Exception {
        settle();
        var future = new java.util.concurrent.atomic.AtomicReference<java.util.concurrent.CompletableFuture<CommandOutcome>>();
        Thread t = new Thread(() -> future.set(b.router().setBasePriority(120)));
        t.start();
        t.join();
        assertThat(future.get()).isNotDone();
        assertThat(b.router().basePriority()).isEqualTo(100);
        lan.loop().runPending();
        assertThat(future.get()).isDone();
        assertThat(future.get().join().kind()).isEqualTo(CommandOutcome.Kind.APPLIED);
        assertThat(b.router().basePriority()).isEqualTo(120);
    }
}
