package org.keepalived4j.vrrp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.keepalived4j.vrrp.sim.SimulatedLan.settings;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.keepalived4j.vrrp.sim.SimNode;
import org.keepalived4j.vrrp.sim.SimulatedLan;

/** GARP cadence and the master's answers to lower and higher priority adverts. */
class VrrpMasterDutiesTest {
    private static final long S = 1_000_000_000L;

    @Test
    void garpRefreshRepeatsWhileMasterAndStopsAfterwards() {
        SimulatedLan lan = new SimulatedLan();
        GarpSettings garp = new GarpSettings(Duration.ZERO, 3, Duration.ofSeconds(10), 2, Duration.ZERO, 0);
        SimNode owner = lan.add("owner", settings("VI_1", 51, 255, 1).garp(garp).build());
        owner.start();
        lan.advanceBy(Duration.ofSeconds(35));
        owner.stopGracefully();
        lan.advanceBy(Duration.ofSeconds(30));
        assertThat(owner.announcements()).extracting(SimNode.Announcement::atNanos, SimNode.Announcement::count,
                SimNode.Announcement::reason).containsExactly(
                org.assertj.core.groups.Tuple.tuple(0L, 3, AnnounceReason.BECOME_MASTER),
                org.assertj.core.groups.Tuple.tuple(10 * S, 2, AnnounceReason.MASTER_REFRESH),
                org.assertj.core.groups.Tuple.tuple(20 * S, 2, AnnounceReason.MASTER_REFRESH),
                org.assertj.core.groups.Tuple.tuple(30 * S, 2, AnnounceReason.MASTER_REFRESH));
    }

    @Test
    void masterAnswersALowerPriorityMasterWithAnAdvertAndGarps() {
        SimulatedLan lan = new SimulatedLan();
        SimNode a = lan.add("a", settings("VI_1", 51, 150, 1).build());
        SimNode b = lan.add("b", settings("VI_1", 51, 100, 2).build());
        lan.partition(java.util.List.of(a), java.util.List.of(b));
        lan.startAll();
        lan.advanceBy(Duration.ofMillis(5_500));
        lan.heal();
        long healedAt = lan.now();
        lan.advanceBy(Duration.ofSeconds(2));
        // b's next advert reaches a, a answers at once ("forcing new election") and sends a GARP burst
        SimulatedLan.Delivery fromB = lan.deliveriesTo(a).stream().filter(d -> d.atNanos() > healedAt).findFirst()
                .orElseThrow();
        assertThat(a.sent()).anySatisfy(s -> assertThat(s.atNanos()).isEqualTo(fromB.atNanos()));
        assertThat(a.announcements()).anySatisfy(an -> {
            assertThat(an.atNanos()).isEqualTo(fromB.atNanos());
            assertThat(an.reason()).isEqualTo(AnnounceReason.LOWER_PRIORITY_ADVERT);
        });
        assertThat(lan.masters()).containsExactly(a);
    }

    @Test
    void lowerPrioNoAdvertStaysQuietAndHigherPrioSendAdvertSpeaksBeforeYielding() {
        SimulatedLan lan = new SimulatedLan();
        SimNode a = lan.add("a", settings("VI_1", 51, 150, 1).lowerPrioNoAdvert(true).build());
        SimNode b = lan.add("b", settings("VI_1", 51, 100, 2).higherPrioSendAdvert(true).build());
        lan.partition(java.util.List.of(a), java.util.List.of(b));
        lan.startAll();
        lan.advanceBy(Duration.ofMillis(5_500));
        lan.heal();
        long healedAt = lan.now();
        lan.advanceBy(Duration.ofSeconds(2));
        long aAdverts = a.sent().stream().filter(s -> s.atNanos() > healedAt).count();
        assertThat(aAdverts).as("only its periodic adverts").isEqualTo(2);
        long bYield = b.transitionsTo(VrrpState.BACKUP).stream().mapToLong(SimNode.Transition::atNanos)
                .filter(t -> t > healedAt).min().orElseThrow();
        assertThat(b.sent()).anySatisfy(s -> {
            assertThat(s.atNanos()).isEqualTo(bYield);
            assertThat(s.advert().priority()).isEqualTo(100);
        });
        assertThat(lan.masters()).containsExactly(a);
    }
}
