package org.keepalived4j.vrrp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.keepalived4j.vrrp.sim.SimulatedLan.ip;
import static org.keepalived4j.vrrp.sim.SimulatedLan.settings;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.keepalived4j.codec.vrrp.VrrpAdvert;
import org.keepalived4j.vrrp.sim.CapturedLog;
import org.keepalived4j.vrrp.sim.SimNode;
import org.keepalived4j.vrrp.sim.SimulatedLan;

/** What the operator sees in the log when adverts are rejected, and that floods are rate-limited. */
class VrrpReceiveLoggingTest {

    @Test
    void wrongPasswordIsLoggedWithItsSource() {
        try (CapturedLog log = new CapturedLog(VrrpRouter.class)) {
            SimulatedLan lan = new SimulatedLan();
            lan.add("a", settings("VI_1", 51, 150, 1).authentication(VrrpAuthentication.pass("secret1")).build());
            SimNode b = lan.add("b", settings("VI_1", 51, 100, 2).authentication(VrrpAuthentication.pass("secret2")).build());
            lan.startAll();
            lan.advanceBy(Duration.ofSeconds(6));
            assertThat(b.router().statistics().authFailures()).isPositive();
            assertThat(log.lines()).anySatisfy(line -> assertThat(line)
                    .startsWith("WARN (VI_1) ignoring advert from 10.0.0.1: authentication failed (bad password)"));
            assertThat(log.lines()).noneSatisfy(line -> assertThat(line).contains("secret"));
        }
    }

    @Test
    void aFloodOfBadAdvertsIsLoggedOncePerSecondWithTheSuppressedCount() {
        try (CapturedLog log = new CapturedLog(VrrpRouter.class)) {
            SimulatedLan lan = new SimulatedLan();
            SimNode b = lan.add("b", settings("VI_1", 51, 100, 2).build());
            b.start();
            VrrpAdvert badTtl = new VrrpAdvert(2, 51, 200, 0, 1, List.of(ip("10.0.0.100")), new byte[8]);
            for (int i = 0; i < 50; i++) {
                lan.inject(ip("10.0.0.9"), badTtl, 1);
                lan.advanceBy(Duration.ofMillis(10));
            }
            lan.advanceBy(Duration.ofMillis(600));
            lan.inject(ip("10.0.0.9"), badTtl, 1);
            lan.advanceBy(Duration.ofMillis(10));

            assertThat(b.router().statistics().ipTtlErrors()).isEqualTo(51);
            List<String> ttlLines = log.lines().stream().filter(l -> l.contains("TTL")).toList();
            assertThat(ttlLines).hasSize(2);
            assertThat(ttlLines.get(1)).endsWith("(49 similar messages suppressed)");
        }
    }

    @Test
    void dispatcherCountsVersionAndChecksumErrors() {
        SimulatedLan lan = new SimulatedLan();
        SimNode b = lan.add("b", settings("VI_1", 51, 100, 2).build());
        b.start();
        lan.inject(ip("10.0.0.9"), new VrrpAdvert(3, 51, 200, 0, 100, List.of(ip("10.0.0.100")), new byte[0]), 255);
        lan.advanceBy(Duration.ofMillis(10));
        b.dispatcher().reportMalformed(51, MalformedKind.CHECKSUM, ip("10.0.0.9"), "bad checksum");
        b.dispatcher().reportMalformed(51, MalformedKind.PACKET_LENGTH, ip("10.0.0.9"), "28 bytes, 40 needed");
        b.dispatcher().reportMalformed(51, MalformedKind.INVALID_TYPE, ip("10.0.0.9"), "type 2");

        assertThat(b.dispatcher().versionErrors()).isEqualTo(1);
        assertThat(b.dispatcher().checksumErrors()).isEqualTo(1);
        VrrpStatistics.Snapshot stats = b.router().statistics();
        assertThat(stats.packetLengthErrors()).isEqualTo(1);
        assertThat(stats.invalidTypeReceived()).isEqualTo(1);
        assertThat(stats.protocolErrorReason()).isEqualTo(ProtocolErrorReason.CHECKSUM_ERROR);
        assertThat(b.state()).isEqualTo(VrrpState.BACKUP);
        assertThat(b.router().masterAddress()).as("nothing accepted").isNull();
    }
}
