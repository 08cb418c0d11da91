package org.keepalived4j.vrrp.net;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.keepalived4j.vrrp.sim.VirtualEventLoop;

/**
 * vrrp_garp_interval / vrrp_gna_interval on virtual time. The expected sequences are keepalived 2.2.7's, captured
 * with tshark in a namespace: garp interval 0.3 s, repeat 3, VIPs .100 and .101 gave .100 at t, .100 at t+0.3 s,
 * .101 at t+0.6 s (one pending flag per address, served in configuration order).
 */
class AnnouncePacerTest {
    private static final long MS = 1_000_000L;
    private final VirtualEventLoop loop = new VirtualEventLoop();
    private final List<String> sent = new ArrayList<>();

    private static InetAddress ip(String s) {
        try {
            return InetAddress.getByName(s);
        } catch (java.net.UnknownHostException e) {
            throw new AssertionError(e);
        }
    }

    private AnnouncePacer.Member member(AnnouncePacer pacer, String name, String itf, String... addresses) {
        Map<InetAddress, String> base = new LinkedHashMap<>();
        for (String a : addresses) {
            base.put(ip(a), itf);
        }
        return pacer.register(base, list -> list.forEach(a -> sent.add(
                loop.nowNanos() / MS + "ms " + name + " " + a.getHostAddress())));
    }

    @Test
    void withoutIntervalsEveryMessageGoesAtOnceInRoundOrder() {
        AnnouncePacer pacer = AnnouncePacer.none(loop);
        AnnouncePacer.Member m = member(pacer, "VI_1", "lan0", "10.0.0.100", "10.0.0.101");
        m.announce(List.of(ip("10.0.0.100"), ip("10.0.0.101")), 2);
        assertThat(sent).containsExactly("0ms VI_1 10.0.0.100", "0ms VI_1 10.0.0.101", "0ms VI_1 10.0.0.100",
                "0ms VI_1 10.0.0.101");
    }

    @Test
    void garpIntervalCollapsesABurstToOneDelayedMessagePerAddress() {
        AnnouncePacer pacer = new AnnouncePacer(loop, Duration.ofMillis(300), Duration.ZERO);
        AnnouncePacer.Member m = member(pacer, "VI_1", "lan0", "10.0.0.100", "10.0.0.101");
        m.announce(List.of(ip("10.0.0.100"), ip("10.0.0.101")), 3);
        loop.advanceBy(Duration.ofSeconds(2));
        assertThat(sent).containsExactly("0ms VI_1 10.0.0.100", "300ms VI_1 10.0.0.100", "600ms VI_1 10.0.0.101");
    }

    @Test
    void instancesOnOneInterfaceShareTheLimitAndOtherInterfacesAndFamiliesDoNot() {
        AnnouncePacer pacer = new AnnouncePacer(loop, Duration.ofMillis(100), Duration.ofMillis(500));
        AnnouncePacer.Member a = member(pacer, "A", "lan0", "10.0.0.100", "fd00::100");
        AnnouncePacer.Member b = member(pacer, "B", "lan0", "10.0.0.200");
        AnnouncePacer.Member c = member(pacer, "C", "lan1", "10.1.0.100");
        b.announce(List.of(ip("10.0.0.200")), 1);
        a.announce(List.of(ip("10.0.0.100"), ip("fd00::100")), 1);
        c.announce(List.of(ip("10.1.0.100")), 1);
        a.announce(List.of(ip("fd00::100")), 1);
        loop.advanceBy(Duration.ofSeconds(1));
        assertThat(sent).containsExactly("0ms B 10.0.0.200", "0ms A fd00:0:0:0:0:0:0:100", "0ms C 10.1.0.100",
                "100ms A 10.0.0.100", "500ms A fd00:0:0:0:0:0:0:100");
    }

    @Test
    void cancelledAddressesLoseTheirDelayedMessage() {
        AnnouncePacer pacer = new AnnouncePacer(loop, Duration.ofMillis(300), Duration.ZERO);
        AnnouncePacer.Member m = member(pacer, "VI_1", "lan0", "10.0.0.100", "10.0.0.101");
        m.announce(List.of(ip("10.0.0.100"), ip("10.0.0.101")), 1);
        assertThat(m.isPending(ip("10.0.0.101"))).isTrue();
        m.cancel(List.of(ip("10.0.0.100"), ip("10.0.0.101")));
        loop.advanceBy(Duration.ofSeconds(1));
        assertThat(sent).containsExactly("0ms VI_1 10.0.0.100");
        // the interface stays booked from the last message: a new burst right after the gap is sent at once
        m.announce(List.of(ip("10.0.0.101")), 1);
        assertThat(sent).last().isEqualTo("1000ms VI_1 10.0.0.101");
    }
}
