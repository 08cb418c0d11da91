package org.keepalived4j.codec.vrrp;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.keepalived4j.codec.Captures;
import org.keepalived4j.codec.InternetChecksum;
import org.keepalived4j.codec.ah.IpsecAh;

/** Broken packets only ever produce a located reason, never an exception. */
class VrrpMalformedTest {
    static final Set<V3Checksum> ALL = EnumSet.allOf(V3Checksum.class);

    static VrrpDecodeResult decode(byte[] packet, int length) {
        return VrrpCodec.decodeIpv4(ByteBuffer.wrap(packet), 0, length, ALL);
    }

    static VrrpDecodeResult.Rejected rejected(byte[] packet) {
        VrrpDecodeResult r = decode(packet, packet.length);
        assertThat(r).isInstanceOf(VrrpDecodeResult.Rejected.class);
        return (VrrpDecodeResult.Rejected) r;
    }

    /** Rewrites IPv4 total length and header checksum so that the damage sits where the test put it. */
    static byte[] fixIp(byte[] p) {
        p[2] = (byte) (p.length >>> 8);
        p[3] = (byte) p.length;
        p[10] = 0;
        p[11] = 0;
        int c = InternetChecksum.finish(InternetChecksum.add(0, p, 0, 20));
        p[10] = (byte) (c >>> 8);
        p[11] = (byte) c;
        return p;
    }

    /** Rewrites the VRRPv2 checksum (over the VRRP message from {@code at}). */
    static byte[] fixV2(byte[] p, int at) {
        p[at + 6] = 0;
        p[at + 7] = 0;
        int c = InternetChecksum.finish(InternetChecksum.add(0, p, at, p.length - at));
        p[at + 6] = (byte) (c >>> 8);
        p[at + 7] = (byte) c;
        return p;
    }

    @ParameterizedTest
    @ValueSource(strings = {"v2-noauth-advert-1", "v2-pass-advert-1", "v2-ah-advert-1", "v3-ipv4-advert-1"})
    void everyTruncationIsRejectedWithALocation(String name) {
        byte[] packet = Captures.ipPacket(name);
        for (int len = 0; len < packet.length; len++) {
            VrrpDecodeResult r = decode(packet, len);
            assertThat(r).as("length %d", len).isInstanceOf(VrrpDecodeResult.Rejected.class);
            VrrpDecodeResult.Rejected rej = (VrrpDecodeResult.Rejected) r;
            assertThat(rej.offset()).as("length %d", len).isBetween(0, len);
            assertThat(rej.detail()).isNotBlank();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"v2-noauth-advert-1", "v2-pass-advert-1", "v2-ah-advert-1", "v3-ipv4-advert-1"})
    void truncationWithConsistentIpHeaderIsALengthError(String name) {
        byte[] packet = Captures.ipPacket(name);
        for (int len = 20; len < packet.length; len++) {
            VrrpDecodeResult.Rejected r = rejected(fixIp(Arrays.copyOf(packet, len)));
            assertThat(r.error()).as("length %d: %s", len, r).isIn(VrrpDecodeError.AH_TRUNCATED,
                    VrrpDecodeError.VRRP_TRUNCATED, VrrpDecodeError.ADDRESS_COUNT_LENGTH_MISMATCH);
            assertThat(r.error().counter()).isEqualTo(VrrpDecodeError.StatsCounter.PACKET_LENGTH);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"v2-noauth-advert-1", "v2-pass-advert-1", "v3-ipv4-advert-1", "v2-noauth-prio0-1"})
    void everySingleBitFlipIsRejected(String name) {
        byte[] packet = Captures.ipPacket(name);
        for (int bit = 0; bit < packet.length * 8; bit++) {
            byte[] p = packet.clone();
            p[bit / 8] ^= (byte) (1 << (bit % 8));
            VrrpDecodeResult r = decode(p, p.length);
            assertThat(r).as("bit %d", bit).isInstanceOf(VrrpDecodeResult.Rejected.class);
        }
    }

    @Test
    void everyBitFlipInAnAhPacketIsRejectedOrFailsAuthentication() {
        byte[] packet = Captures.ipPacket("v2-ah-advert-2");
        IpsecAh ah = new IpsecAh("k4jkey");
        for (int bit = 0; bit < packet.length * 8; bit++) {
            byte[] p = packet.clone();
            int index = bit / 8;
            p[index] ^= (byte) (1 << (bit % 8));
            VrrpDecodeResult r = decode(p, p.length);
            boolean decoded = r instanceof VrrpDecodeResult.Decoded;
            IpsecAh.Check check = ah.verify(ByteBuffer.wrap(p), 0, p.length, false);
            if (index == 1) {
                // TOS is a mutable field: excluded from the ICV, and the IP header checksum catches the flip
                assertThat(decoded).isFalse();
            } else {
                assertThat(decoded && check == IpsecAh.Check.VALID).as("bit %d", bit).isFalse();
            }
        }
    }

    @Test
    void badVersionTypeAuthTypeAndProtocolAreNamed() {
        byte[] base = Captures.ipPacket("v2-noauth-advert-1");
        byte[] v4 = base.clone();
        v4[20] = 0x41;
        VrrpDecodeResult.Rejected r = rejected(fixV2(v4, 20));
        assertThat(r.error()).isEqualTo(VrrpDecodeError.BAD_VERSION);
        assertThat(r.offset()).isEqualTo(20);
        assertThat(r.error().counter().vrrpMibObject()).isEqualTo("vrrpStatsVersionErrors");

        byte[] type2 = base.clone();
        type2[20] = 0x22;
        r = rejected(fixV2(type2, 20));
        assertThat(r.error()).isEqualTo(VrrpDecodeError.BAD_TYPE);
        assertThat(r.error().counter().vrrpv3MibObject()).isEqualTo("vrrpv3StatisticsInvalidTypePktsRcvd");

        byte[] auth3 = base.clone();
        auth3[24] = 3;
        r = rejected(fixV2(auth3, 20));
        assertThat(r.error()).isEqualTo(VrrpDecodeError.BAD_AUTH_TYPE);
        assertThat(r.offset()).isEqualTo(24);
        assertThat(r.error().counter().vrrpMibObject()).isEqualTo("vrrpStatsInvalidAuthType");

        byte[] count2 = base.clone();
        count2[23] = 2;
        r = rejected(fixV2(count2, 20));
        assertThat(r.error()).isEqualTo(VrrpDecodeError.ADDRESS_COUNT_LENGTH_MISMATCH);
        assertThat(r.offset()).isEqualTo(23);

        byte[] udp = base.clone();
        udp[9] = 17;
        r = rejected(fixIp(udp));
        assertThat(r.error()).isEqualTo(VrrpDecodeError.NOT_VRRP);
        assertThat(r.offset()).isEqualTo(9);

        byte[] checksum = base.clone();
        checksum[27] ^= 1;
        r = rejected(checksum);
        assertThat(r.error()).isEqualTo(VrrpDecodeError.BAD_CHECKSUM);
        assertThat(r.offset()).isEqualTo(26);
        assertThat(r.error().counter().vrrpMibObject()).isEqualTo("vrrpStatsChecksumErrors");

        byte[] longer = fixIp(Arrays.copyOf(base, base.length + 4));
        assertThat(rejected(longer).error()).isEqualTo(VrrpDecodeError.ADDRESS_COUNT_LENGTH_MISMATCH);

        byte[] totLen = base.clone();
        totLen[3]++;
        totLen[11]--; // keep the header checksum right so the length is what is wrong
        r = rejected(totLen);
        assertThat(r.error()).isEqualTo(VrrpDecodeError.IP_TOTAL_LENGTH_MISMATCH);
        assertThat(r.offset()).isEqualTo(2);
    }

    @Test
    void ahWithWrongNextHeaderOrLengthIsMalformed() {
        byte[] base = Captures.ipPacket("v2-ah-advert-1");
        byte[] next = base.clone();
        next[20] = 17;
        VrrpDecodeResult.Rejected r = rejected(next);
        assertThat(r.error()).isEqualTo(VrrpDecodeError.AH_MALFORMED);
        assertThat(r.offset()).isEqualTo(20);
        byte[] plen = base.clone();
        plen[21] = 5;
        r = rejected(plen);
        assertThat(r.error()).isEqualTo(VrrpDecodeError.AH_MALFORMED);
        assertThat(r.offset()).isEqualTo(21);
    }

    @Test
    void ahSpiOtherThanSourceIsReported() {
        byte[] p = Captures.ipPacket("v2-ah-advert-1");
        p[27] ^= 1; // SPI low byte
        IpsecAh ah = new IpsecAh("k4jkey");
        ByteBuffer buf = ByteBuffer.wrap(p);
        ah.sign(buf, 0, p.length, false); // a correct ICV over the wrong SPI
        assertThat(ah.verify(buf, 0, p.length, false)).isEqualTo(IpsecAh.Check.SPI_MISMATCH);
        assertThat(ah.verify(buf, 0, 30, false)).isEqualTo(IpsecAh.Check.MALFORMED);
    }

    @Test
    void ipv6TruncationsAndFlipsAreRejected() throws Exception {
        byte[] frame = Captures.frame("v3-ipv6-advert-1");
        int vrrp = Captures.ETHERNET_HEADER + Captures.IPV6_HEADER;
        Inet6Address src = (Inet6Address) InetAddress.getByAddress(Arrays.copyOfRange(frame, 22, 38));
        Inet6Address dst = (Inet6Address) InetAddress.getByAddress(Arrays.copyOfRange(frame, 38, 54));
        for (int len = 0; len < frame.length - vrrp; len++) {
            VrrpDecodeResult r = VrrpCodec.decodeIpv6(ByteBuffer.wrap(frame), vrrp, len, src, dst, 255, true);
            assertThat(r).as("length %d", len).isInstanceOf(VrrpDecodeResult.Rejected.class);
            assertThat(((VrrpDecodeResult.Rejected) r).offset()).isBetween(0, len);
        }
        for (int bit = vrrp * 8; bit < frame.length * 8; bit++) {
            byte[] p = frame.clone();
            p[bit / 8] ^= (byte) (1 << (bit % 8));
            VrrpDecodeResult r = VrrpCodec.decodeIpv6(ByteBuffer.wrap(p), vrrp, p.length - vrrp, src, dst, 255, true);
            assertThat(r).as("bit %d", bit).isInstanceOf(VrrpDecodeResult.Rejected.class);
        }
    }

    @Test
    void randomGarbageNeverThrows() {
        java.util.Random random = new java.util.Random(42);
        byte[] base = Captures.ipPacket("v2-ah-advert-1");
        for (int i = 0; i < 20_000; i++) {
            byte[] p = base.clone();
            int flips = 1 + random.nextInt(8);
            for (int f = 0; f < flips; f++) {
                p[random.nextInt(p.length)] = (byte) random.nextInt(256);
            }
            if (random.nextBoolean()) {
                fixIp(p);
            }
            int len = random.nextInt(p.length + 1);
            VrrpDecodeResult r = decode(p, len);
            assertThat(r).isNotNull();
            new IpsecAh("k4jkey").verify(ByteBuffer.wrap(p), 0, len, random.nextBoolean());
        }
    }
}
