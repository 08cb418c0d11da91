package org.keepalived4j.codec.nd;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.keepalived4j.codec.Captures;

class UnsolicitedNeighborAdvertTest {
    static final byte[] MAC_A = HexFormat.of().parseHex("024b34000001");

    @Test
    void capturedNaIsParsedAndRewrittenIdentically() throws Exception {
        byte[] frame = Captures.frame("v3-ipv6-na-1");
        Inet6Address vip = (Inet6Address) InetAddress.getByName("fd4b:6a34::100");
        assertThat(frame).hasSize(UnsolicitedNeighborAdvert.FRAME_LENGTH);
        assertThat(frame).startsWith(0x33, 0x33, 0, 0, 0, 1);
        NaParseResult r = UnsolicitedNeighborAdvert.parse(ByteBuffer.wrap(frame), 0, frame.length);
        NeighborAdvert na = ((NaParseResult.Parsed) r).packet();
        assertThat(na.ethernetSource()).isEqualTo(MAC_A);
        assertThat(na.hopLimit()).isEqualTo(255);
        assertThat(na.source()).isEqualTo(vip); // sourced from the VIP itself
        assertThat(na.destination()).isEqualTo(InetAddress.getByName("ff02::1"));
        assertThat(na.target()).isEqualTo(vip);
        assertThat(na.override()).isTrue();
        assertThat(na.solicited()).isFalse();
        assertThat(na.router()).isFalse(); // forwarding was off in the capture namespace
        assertThat(na.targetLinkLayerAddress()).isEqualTo(MAC_A);
        assertThat(na.checksumValid()).isTrue();

        ByteBuffer out = ByteBuffer.allocate(UnsolicitedNeighborAdvert.FRAME_LENGTH);
        UnsolicitedNeighborAdvert.write(out, MAC_A, vip, false);
        assertThat(out.array()).isEqualTo(frame);
    }

    @Test
    void capturedNaWithForwardingCarriesTheRouterFlag() throws Exception {
        byte[] frame = Captures.frame("v3-ipv6-router-na-1");
        Inet6Address vip = (Inet6Address) InetAddress.getByName("fd4b:6a34::100");
        NeighborAdvert na = ((NaParseResult.Parsed) UnsolicitedNeighborAdvert.parse(ByteBuffer.wrap(frame), 0,
                frame.length)).packet();
        assertThat(na.router()).isTrue(); // net.ipv6.conf.lan0.forwarding=1 in the capture
        assertThat(na.override()).isTrue();
        assertThat(na.solicited()).isFalse();
        assertThat(na.checksumValid()).isTrue();
        ByteBuffer out = ByteBuffer.allocate(UnsolicitedNeighborAdvert.FRAME_LENGTH);
        UnsolicitedNeighborAdvert.write(out, MAC_A, vip, true);
        assertThat(out.array()).isEqualTo(frame);
    }

    @Test
    void routerFlagKeepsTheChecksumValid() throws Exception {
        Inet6Address vip = (Inet6Address) InetAddress.getByName("fd00::5");
        ByteBuffer out = ByteBuffer.allocate(UnsolicitedNeighborAdvert.FRAME_LENGTH);
        UnsolicitedNeighborAdvert.write(out, MAC_A, vip, true);
        NeighborAdvert na = ((NaParseResult.Parsed) UnsolicitedNeighborAdvert.parse(out, 0, out.limit())).packet();
        assertThat(na.router()).isTrue();
        assertThat(na.override()).isTrue();
        assertThat(na.checksumValid()).isTrue();
    }

    @Test
    void damageIsLocatedOrFailsTheChecksum() {
        byte[] frame = Captures.frame("v3-ipv6-na-1");
        for (int len = 0; len < frame.length; len++) {
            NaParseResult r = UnsolicitedNeighborAdvert.parse(ByteBuffer.wrap(frame), 0, len);
            assertThat(r).as("length %d", len).isInstanceOf(NaParseResult.Malformed.class);
        }
        for (int bit = 22 * 8; bit < frame.length * 8; bit++) { // IPv6 addresses and ICMPv6 are checksummed
            byte[] p = frame.clone();
            p[bit / 8] ^= (byte) (1 << (bit % 8));
            NaParseResult r = UnsolicitedNeighborAdvert.parse(ByteBuffer.wrap(p), 0, p.length);
            boolean ok = r instanceof NaParseResult.Parsed parsed && parsed.packet().checksumValid();
            assertThat(ok).as("bit %d", bit).isFalse();
        }
    }
}
