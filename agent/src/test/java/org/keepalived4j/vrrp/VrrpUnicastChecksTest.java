package org.keepalived4j.vrrp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.keepalived4j.vrrp.sim.SimulatedLan.ip;
import static org.keepalived4j.vrrp.sim.SimulatedLan.settings;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.keepalived4j.codec.vrrp.VrrpAdvert;
import org.keepalived4j.vrrp.sim.SimNode;
import org.keepalived4j.vrrp.sim.SimulatedLan;

/**
 * keepalived's unicast receive checks: no TTL check in unicast mode, unless check_unicast_src (source must be a
 * unicast_peer; not counted) with the peer's min_ttl/max_ttl (a TTL error when outside).
 */
class VrrpUnicastChecksTest {
    private static final byte[] NO_AUTH = new byte[8];
    private static final List<java.net.InetAddress> VIP = List.of(ip("10.0.0.100"));

    private static VrrpAdvert advert(int priority) {
        return new VrrpAdvert(2, 51, priority, 0, 1, VIP, NO_AUTH);
    }

    /** a (10.0.0.1, prio 150) is master; b (prio 100) lists a and 10.0.0.3 as its peers. */
    private static SimulatedLan lan(VrrpRouterSettings.Builder backup) {
        SimulatedLan lan = new SimulatedLan();
        lan.add("a", settings("VI_1", 51, 150, 1).unicastPeers(List.of(ip("10.0.0.2"))).build());
        lan.add("b", backup.build());
        lan.startAll();
        lan.advanceBy(Duration.ofSeconds(5));
        return lan;
    }

    private static VrrpRouterSettings.Builder backup() {
        return settings("VI_1", 51, 100, 2).unicastPeers(List.of(ip("10.0.0.1"), ip("10.0.0.3")));
    }

    @Test
    void withoutCheckUnicastSrcAnySourceAndTtlIsHeard() {
        SimulatedLan lan = lan(backup());
        SimNode b = lan.nodes().get(1);
        long received = b.router().statistics().advertsReceived();

        lan.inject(ip("10.0.0.9"), advert(200), 1);
        lan.advanceBy(Duration.ofMillis(10));

        assertThat(b.router().statistics().advertsReceived()).isEqualTo(received + 1);
        assertThat(b.router().masterAddress()).as("a stranger with TTL 1 is followed").isEqualTo(ip("10.0.0.9"));
        assertThat(b.router().statistics().ipTtlErrors()).isZero();
    }

    @Test
    void checkUnicastSrcIgnoresStrangersWithoutCountingAnError() {
        SimulatedLan lan = lan(backup().checkUnicastSource(true));
        SimNode a = lan.nodes().get(0);
        SimNode b = lan.nodes().get(1);
        VrrpStatistics.Snapshot before = b.router().statistics();

        lan.inject(ip("10.0.0.9"), advert(200), 255);
        lan.inject(ip("10.0.0.9"), advert(0), 255);
        lan.advanceBy(Duration.ofMillis(10));

        VrrpStatistics.Snapshot after = b.router().statistics();
        // counted as received (keepalived checks the source last), but no error counter and no effect
        assertThat(after.advertsReceived() - before.advertsReceived()).isGreaterThanOrEqualTo(2);
        assertThat(after.ipTtlErrors()).isZero();
        assertThat(after.priorityZeroReceived()).as("dropped before the priority-0 count").isZero();
        assertThat(after.protocolErrorReason()).isEqualTo(ProtocolErrorReason.NO_ERROR);
        assertThat(b.router().masterAddress()).isEqualTo(ip("10.0.0.1"));
        lan.advanceBy(Duration.ofSeconds(10));
        assertThat(lan.masters()).containsExactly(a);
    }

    @Test
    void peerTtlRangeCountsTtlErrorsAndAcceptsInsideTheRange() {
        SimulatedLan lan = lan(backup().checkUnicastSource(true)
                .peerTtlRanges(Map.of(ip("10.0.0.3"), new VrrpRouterSettings.TtlRange(250, 254))));
        SimNode b = lan.nodes().get(1);

        lan.inject(ip("10.0.0.3"), advert(200), 255); // above max_ttl
        lan.inject(ip("10.0.0.3"), advert(200), 64);  // below min_ttl
        lan.advanceBy(Duration.ofMillis(10));
        assertThat(b.router().statistics().ipTtlErrors()).isEqualTo(2);
        assertThat(b.router().statistics().protocolErrorReason()).isEqualTo(ProtocolErrorReason.IP_TTL_ERROR);
        assertThat(b.router().masterAddress()).isEqualTo(ip("10.0.0.1"));

        lan.inject(ip("10.0.0.3"), advert(200), 252);
        lan.advanceBy(Duration.ofMillis(10));
        assertThat(b.router().statistics().ipTtlErrors()).isEqualTo(2);
        assertThat(b.router().masterAddress()).as("inside min_ttl..max_ttl").isEqualTo(ip("10.0.0.3"));
        // a peer without a range (10.0.0.1, heard at 255 all along) raised no TTL error
    }

    @Test
    void ttlRangeMustNameAPeer() {
        var b = settings("VI_1", 51, 100, 2).unicastPeers(List.of(ip("10.0.0.1")))
                .peerTtlRanges(Map.of(ip("10.0.0.7"), new VrrpRouterSettings.TtlRange(1, 2)));
        org.assertj.core.api.Assertions.assertThatThrownBy(b::build).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not peers");
    }
}
