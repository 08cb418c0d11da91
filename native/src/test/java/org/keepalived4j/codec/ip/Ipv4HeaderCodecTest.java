package org.keepalived4j.codec.ip;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.keepalived4j.codec.Captures;

class Ipv4HeaderCodecTest {
    @Test
    void capturedAdvertHeaderIsKeepalivedsHeader() {
        byte[] packet = Captures.ipPacket("v2-noauth-advert-1");
        Ipv4ParseResult r = Ipv4HeaderCodec.parse(ByteBuffer.wrap(packet), 0, packet.length);
        assertThat(r).isInstanceOf(Ipv4ParseResult.Parsed.class);
        Ipv4Header h = ((Ipv4ParseResult.Parsed) r).header();
        assertThat(h.headerLength()).isEqualTo(20);
        assertThat(h.tos()).isEqualTo(0xc0);
        assertThat(h.ttl()).isEqualTo(255);
        assertThat(h.protocol()).isEqualTo(112);
        assertThat(h.flagsAndFragmentOffset()).isZero(); // DF clear
        assertThat(h.identification()).isEqualTo(1); // keepalived's first advert
        assertThat(h.totalLength()).isEqualTo(packet.length);
        assertThat(h.sourceAddress().getHostAddress()).isEqualTo("10.77.0.1");
        assertThat(h.destinationAddress().getHostAddress()).isEqualTo("224.0.0.18");
    }

    @Test
    void writtenHeaderEqualsCapturedHeaderIncludingChecksum() {
        for (String name : new String[] {"v2-noauth-advert-2", "v2-ah-advert-3", "v3-ipv4-advert-1"}) {
            byte[] packet = Captures.ipPacket(name);
            Ipv4Header h = ((Ipv4ParseResult.Parsed) Ipv4HeaderCodec.parse(ByteBuffer.wrap(packet), 0,
                    packet.length)).header();
            ByteBuffer out = ByteBuffer.allocate(20);
            Ipv4HeaderCodec.write(out, h.identification(), h.protocol(), h.source(), h.destination(),
                    packet.length - 20);
            assertThat(out.array()).as(name).isEqualTo(Arrays.copyOf(packet, 20));
        }
    }

    @Test
    void everyTruncationAndBitFlipIsLocatedNeverThrown() {
        byte[] packet = Captures.ipPacket("v2-pass-advert-1");
        for (int len = 0; len < packet.length; len++) {
            Ipv4ParseResult r = Ipv4HeaderCodec.parse(ByteBuffer.wrap(packet), 0, len);
            assertThat(r).as("length %d", len).isInstanceOf(Ipv4ParseResult.Malformed.class);
            assertThat(((Ipv4ParseResult.Malformed) r).offset()).isBetween(0, len);
        }
        for (int bit = 0; bit < 20 * 8; bit++) {
            byte[] p = packet.clone();
            p[bit / 8] ^= (byte) (1 << (bit % 8));
            Ipv4ParseResult r = Ipv4HeaderCodec.parse(ByteBuffer.wrap(p), 0, p.length);
            assertThat(r).as("bit %d", bit).isInstanceOf(Ipv4ParseResult.Malformed.class);
        }
    }

    @Test
    void idSequenceStartsAtOneAndSkipsZero() {
        Ipv4IdSequence ids = new Ipv4IdSequence();
        assertThat(ids.next()).isEqualTo(1);
        assertThat(ids.next()).isEqualTo(2);
        Ipv4IdSequence wrapping = new Ipv4IdSequence(0xfffe);
        assertThat(wrapping.next()).isEqualTo(0xffff);
        assertThat(wrapping.next()).isEqualTo(1);
    }
}
