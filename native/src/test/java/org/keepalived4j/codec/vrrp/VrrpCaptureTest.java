package org.keepalived4j.codec.vrrp;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.keepalived4j.codec.Captures;
import org.keepalived4j.codec.ah.IpsecAh;

/**
 * Decodes the adverts keepalived 2.2.7 sent (captures/*.conf are the configs) and re-encodes them byte for byte.
 */
class VrrpCaptureTest {
    static final Set<V3Checksum> ALL = EnumSet.allOf(V3Checksum.class);
    static final byte[] NO_AUTH = new byte[8];

    static ReceivedVrrp decodeIpv4(byte[] packet) {
        VrrpDecodeResult r = VrrpCodec.decodeIpv4(ByteBuffer.wrap(packet), 0, packet.length, ALL);
        assertThat(r).as("%s", r).isInstanceOf(VrrpDecodeResult.Decoded.class);
        return ((VrrpDecodeResult.Decoded) r).packet();
    }

    static InetAddress ip(String s) throws Exception {
        return InetAddress.getByName(s);
    }

    static byte[] writeIpv4(VrrpAdvert advert, ReceivedVrrp captured, V3Checksum checksum, IpsecAh ah, long seq) {
        return writeIpv4(advert, captured, checksum, ah, seq, false);
    }

    static byte[] writeIpv4(VrrpAdvert advert, ReceivedVrrp captured, V3Checksum checksum, IpsecAh ah, long seq,
                            boolean unicast) {
        ByteBuffer out = ByteBuffer.allocate(256);
        int n = VrrpIpv4PacketWriter.write(out, advert, captured.ipv4Header().identification(),
                (Inet4Address) captured.source(), (Inet4Address) captured.destination(), checksum, ah, seq, unicast);
        assertThat(out.position()).isEqualTo(n);
        return Arrays.copyOf(out.array(), n);
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 3})
    void v2NoAuth(int i) throws Exception {
        byte[] packet = Captures.ipPacket("v2-noauth-advert-" + i);
        ReceivedVrrp r = decodeIpv4(packet);
        VrrpAdvert expected = new VrrpAdvert(2, 51, 150, 0, 1, List.of(ip("10.77.0.100")), NO_AUTH);
        assertThat(r.advert()).isEqualTo(expected);
        assertThat(r.source()).isEqualTo(ip("10.77.0.1"));
        assertThat(r.destination()).isEqualTo(ip("224.0.0.18"));
        assertThat(r.ttl()).isEqualTo(255);
        assertThat(r.ipv4Header().tos()).isEqualTo(0xc0);
        assertThat(r.ipv4Header().identification()).isEqualTo(i); // IP ID 1, 2, 3 for the first adverts
        assertThat(r.ah()).isNull();
        assertThat(r.checksum()).isNull();
        assertThat(writeIpv4(expected, r, V3Checksum.PSEUDO_HEADER, null, 0)).isEqualTo(packet);
    }

    @Test
    void v2PriorityZeroOnShutdown() throws Exception {
        byte[] packet = Captures.ipPacket("v2-noauth-prio0-1");
        ReceivedVrrp r = decodeIpv4(packet);
        VrrpAdvert expected = new VrrpAdvert(2, 51, 0, 0, 1, List.of(ip("10.77.0.100")), NO_AUTH);
        assertThat(r.advert()).isEqualTo(expected);
        assertThat(writeIpv4(expected, r, V3Checksum.PSEUDO_HEADER, null, 0)).isEqualTo(packet);
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 3})
    void v2Pass(int i) throws Exception {
        byte[] packet = Captures.ipPacket("v2-pass-advert-" + i);
        ReceivedVrrp r = decodeIpv4(packet);
        // auth_pass k4jpass: 7 bytes, zero-padded to 8 in the clear
        byte[] password = Arrays.copyOf("k4jpass".getBytes(StandardCharsets.US_ASCII), 8);
        VrrpAdvert expected = new VrrpAdvert(2, 52, 150, 1, 2, List.of(ip("10.77.0.100"), ip("10.77.0.101")),
                password);
        assertThat(r.advert()).isEqualTo(expected);
        assertThat(r.advert().authData()).isEqualTo(password);
        assertThat(r.ipv4Header().totalLength()).isEqualTo(20 + 8 + 2 * 4 + 8);
        assertThat(writeIpv4(expected, r, V3Checksum.PSEUDO_HEADER, null, 0)).isEqualTo(packet);
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 3})
    void v2Ah(int i) throws Exception {
        byte[] packet = Captures.ipPacket("v2-ah-advert-" + i);
        ReceivedVrrp r = decodeIpv4(packet);
        VrrpAdvert expected = new VrrpAdvert(2, 53, 150, 2, 1, List.of(ip("10.77.0.100")), NO_AUTH);
        assertThat(r.advert()).isEqualTo(expected);
        assertThat(r.ipv4Header().protocol()).isEqualTo(51);
        assertThat(r.ipv4Header().totalLength()).isEqualTo(20 + 24 + 8 + 4 + 8);
        assertThat(r.ah()).isNotNull();
        assertThat(r.ah().nextHeader()).isEqualTo(112);
        assertThat(r.ah().payloadLength()).isEqualTo(4);
        assertThat(r.ah().spi()).isEqualTo(r.ipv4Header().source()); // SPI = sender address
        assertThat(r.ah().sequence()).isEqualTo(i); // 1, 2, 3 from the first advert on

        ByteBuffer buf = ByteBuffer.wrap(packet);
        assertThat(new IpsecAh("k4jkey").verify(buf, 0, packet.length, false)).isEqualTo(IpsecAh.Check.VALID);
        assertThat(new IpsecAh("k4jkez").verify(buf, 0, packet.length, false))
                .isEqualTo(IpsecAh.Check.ICV_MISMATCH);
        // TTL is part of keepalived's ICV in multicast mode: hashing it as zero (unicast rule) must fail
        assertThat(new IpsecAh("k4jkey").verify(buf, 0, packet.length, true)).isEqualTo(IpsecAh.Check.ICV_MISMATCH);
        assertThat(packet).isEqualTo(Captures.ipPacket("v2-ah-advert-" + i)); // verify left the input alone

        assertThat(writeIpv4(expected, r, V3Checksum.PSEUDO_HEADER, new IpsecAh("k4jkey"), r.ah().sequence()))
                .isEqualTo(packet);
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 3})
    void v3Ipv4(int i) throws Exception {
        byte[] packet = Captures.ipPacket("v3-ipv4-advert-" + i);
        ReceivedVrrp r = decodeIpv4(packet);
        // advert_int 0.5 -> Max Adver Int 50 centiseconds
        VrrpAdvert expected = new VrrpAdvert(3, 54, 150, 0, 50,
                List.of(ip("10.77.0.100"), ip("10.77.0.101"), ip("10.77.0.102")), new byte[0]);
        assertThat(r.advert()).isEqualTo(expected);
        assertThat(r.checksum()).isEqualTo(V3Checksum.PSEUDO_HEADER); // keepalived 2.2.7 default
        assertThat(writeIpv4(expected, r, V3Checksum.PSEUDO_HEADER, null, 0)).isEqualTo(packet);

        VrrpDecodeResult rfc9568 = VrrpCodec.decodeIpv4(ByteBuffer.wrap(packet), 0, packet.length,
                EnumSet.of(V3Checksum.NO_PSEUDO_HEADER));
        assertThat(rfc9568).isInstanceOf(VrrpDecodeResult.Rejected.class);
        assertThat(((VrrpDecodeResult.Rejected) rfc9568).error()).isEqualTo(VrrpDecodeError.BAD_CHECKSUM);
        assertThat(((VrrpDecodeResult.Rejected) rfc9568).offset()).isEqualTo(20 + 6);
    }

    @Test
    void v3Ipv4WithoutPseudoHeaderRoundTrips() throws Exception {
        ReceivedVrrp captured = decodeIpv4(Captures.ipPacket("v3-ipv4-advert-1"));
        byte[] noPseudo = writeIpv4(captured.advert(), captured, V3Checksum.NO_PSEUDO_HEADER, null, 0);
        VrrpDecodeResult r = VrrpCodec.decodeIpv4(ByteBuffer.wrap(noPseudo), 0, noPseudo.length, ALL);
        assertThat(((VrrpDecodeResult.Decoded) r).packet().checksum()).isEqualTo(V3Checksum.NO_PSEUDO_HEADER);
        assertThat(((VrrpDecodeResult.Decoded) r).packet().advert()).isEqualTo(captured.advert());
    }

    @Test
    void v3OldUnicastChecksumIsRecognised() throws Exception {
        VrrpAdvert advert = new VrrpAdvert(3, 9, 100, 0, 100, List.of(ip("10.1.2.3")), new byte[0]);
        ByteBuffer out = ByteBuffer.allocate(64);
        int n = VrrpIpv4PacketWriter.write(out, advert, 7, (Inet4Address) ip("10.1.2.1"), (Inet4Address) ip("10.1.2.2"),
                V3Checksum.PSEUDO_HEADER_MULTICAST_DESTINATION, null, 0, true);
        VrrpDecodeResult r = VrrpCodec.decodeIpv4(out, 0, n, ALL);
        assertThat(((VrrpDecodeResult.Decoded) r).packet().checksum())
                .isEqualTo(V3Checksum.PSEUDO_HEADER_MULTICAST_DESTINATION);
        VrrpDecodeResult strict = VrrpCodec.decodeIpv4(out, 0, n, EnumSet.of(V3Checksum.PSEUDO_HEADER));
        assertThat(((VrrpDecodeResult.Rejected) strict).error()).isEqualTo(VrrpDecodeError.BAD_CHECKSUM);
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 3})
    void v3Ipv6(int i) throws Exception {
        byte[] frame = Captures.frame("v3-ipv6-advert-" + i);
        int ip6 = Captures.ETHERNET_HEADER;
        int vrrp = ip6 + Captures.IPV6_HEADER;
        ByteBuffer buf = ByteBuffer.wrap(frame);
        assertThat(frame[ip6 + 6]).as("next header").isEqualTo((byte) 112);
        int hopLimit = frame[ip6 + 7] & 0xff;
        Inet6Address src = (Inet6Address) InetAddress.getByAddress(Arrays.copyOfRange(frame, ip6 + 8, ip6 + 24));
        Inet6Address dst = (Inet6Address) InetAddress.getByAddress(Arrays.copyOfRange(frame, ip6 + 24, ip6 + 40));
        assertThat(src.isLinkLocalAddress()).isTrue(); // keepalived sources v3/IPv6 from the link-local address
        assertThat(dst).isEqualTo(ip("ff02::12"));
        assertThat(hopLimit).isEqualTo(255);

        VrrpDecodeResult r = VrrpCodec.decodeIpv6(buf, vrrp, frame.length - vrrp, src, dst, hopLimit, true);
        assertThat(r).as("%s", r).isInstanceOf(VrrpDecodeResult.Decoded.class);
        ReceivedVrrp p = ((VrrpDecodeResult.Decoded) r).packet();
        VrrpAdvert expected = new VrrpAdvert(3, 55, 150, 0, 100, List.of(ip("fd4b:6a34::100")), new byte[0]);
        assertThat(p.advert()).isEqualTo(expected);
        assertThat(p.ttl()).isEqualTo(255);
        assertThat(p.checksum()).isEqualTo(V3Checksum.PSEUDO_HEADER);

        ByteBuffer out = ByteBuffer.allocate(64);
        int n = VrrpCodec.encode(out, expected, src, dst, V3Checksum.PSEUDO_HEADER);
        assertThat(Arrays.copyOf(out.array(), n)).isEqualTo(Arrays.copyOfRange(frame, vrrp, frame.length));

        ByteBuffer kernel = ByteBuffer.allocate(64);
        VrrpCodec.encode(kernel, expected, src, dst, V3Checksum.LEFT_TO_KERNEL);
        assertThat(kernel.getShort(6)).isZero();
        assertThat(Arrays.copyOf(kernel.array(), 6)).isEqualTo(Arrays.copyOfRange(frame, vrrp, vrrp + 6));

        // wrong source in the pseudo-header: checksum error when we verify; accepted when the kernel did
        Inet6Address other = (Inet6Address) ip("fe80::1");
        VrrpDecodeResult bad = VrrpCodec.decodeIpv6(buf, vrrp, frame.length - vrrp, other, dst, 255, true);
        assertThat(((VrrpDecodeResult.Rejected) bad).error()).isEqualTo(VrrpDecodeError.BAD_CHECKSUM);
        VrrpDecodeResult trusted = VrrpCodec.decodeIpv6(buf, vrrp, frame.length - vrrp, other, dst, 255, false);
        assertThat(((VrrpDecodeResult.Decoded) trusted).packet().checksum()).isNull();
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 3})
    void v2AhUnicastExcludesTtlFromTheIcv(int i) throws Exception {
        byte[] packet = Captures.ipPacket("v2-ah-unicast-advert-" + i);
        ReceivedVrrp r = decodeIpv4(packet);
        VrrpAdvert expected = new VrrpAdvert(2, 56, 150, 2, 1, List.of(ip("10.77.0.100")), NO_AUTH);
        assertThat(r.advert()).isEqualTo(expected);
        assertThat(r.destination()).isEqualTo(ip("10.77.0.2")); // the unicast peer
        assertThat(r.ttl()).isEqualTo(255); // still 255 on the wire
        assertThat(r.ah().sequence()).isEqualTo(i);
        ByteBuffer buf = ByteBuffer.wrap(packet);
        assertThat(new IpsecAh("k4jkey").verify(buf, 0, packet.length, true)).isEqualTo(IpsecAh.Check.VALID);
        assertThat(new IpsecAh("k4jkey").verify(buf, 0, packet.length, false)).isEqualTo(IpsecAh.Check.ICV_MISMATCH);
        assertThat(writeIpv4(expected, r, null, new IpsecAh("k4jkey"), i, true)).isEqualTo(packet);
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 3})
    void v3UnicastPseudoHeaderUsesThePeerAddress(int i) throws Exception {
        byte[] packet = Captures.ipPacket("v3-ipv4-unicast-advert-" + i);
        ReceivedVrrp r = decodeIpv4(packet);
        VrrpAdvert expected = new VrrpAdvert(3, 57, 150, 0, 100, List.of(ip("10.77.0.100")), new byte[0]);
        assertThat(r.advert()).isEqualTo(expected);
        assertThat(r.destination()).isEqualTo(ip("10.77.0.2"));
        assertThat(r.checksum()).isEqualTo(V3Checksum.PSEUDO_HEADER);
        assertThat(writeIpv4(expected, r, V3Checksum.PSEUDO_HEADER, null, 0, true)).isEqualTo(packet);
    }

    @Test
    void passwordLongerThanEightIsTruncated() throws Exception {
        ReceivedVrrp r = decodeIpv4(Captures.ipPacket("v2-pass-long-advert-1"));
        // auth_pass k4jlongpassword: keepalived warns "Truncating auth_pass to 8 characters"
        assertThat(new String(r.advert().authData(), StandardCharsets.US_ASCII)).isEqualTo("k4jlongp");
    }

    @Test
    void ahKeyLongerThanEightIsTruncated() {
        byte[] packet = Captures.ipPacket("v2-ah-long-advert-1");
        ByteBuffer buf = ByteBuffer.wrap(packet);
        assertThat(new IpsecAh("k4jlongpassword").verify(buf, 0, packet.length, false))
                .isEqualTo(IpsecAh.Check.VALID);
        assertThat(new IpsecAh("k4jlongp").verify(buf, 0, packet.length, false)).isEqualTo(IpsecAh.Check.VALID);
        assertThat(new IpsecAh("k4jlongq").verify(buf, 0, packet.length, false))
                .isEqualTo(IpsecAh.Check.ICV_MISMATCH);
    }

    @ParameterizedTest
    @ValueSource(strings = {"v2-noauth", "v2-pass", "v2-ah", "v3-ipv4", "v2-ah-unicast", "v3-ipv4-unicast"})
    void rewritingTheFirstAdvertGivesTheNextOnes(String run) {
        byte[] first = Captures.ipPacket(run + "-advert-1");
        boolean unicast = run.endsWith("unicast");
        IpsecAh ah = run.contains("ah") ? new IpsecAh("k4jkey") : null;
        ByteBuffer buf = ByteBuffer.wrap(first.clone());
        for (int i = 2; i <= 3; i++) {
            byte[] next = Captures.ipPacket(run + "-advert-" + i);
            VrrpIpv4PacketWriter.rewrite(buf, 0, i, 150, V3Checksum.PSEUDO_HEADER, ah, i, unicast);
            assertThat(buf.array()).as("%s advert %d", run, i).isEqualTo(next);
        }
    }

    @Test
    void rewritingToPriorityZeroGivesTheShutdownAdvert() {
        byte[] prio0 = Captures.ipPacket("v2-noauth-prio0-1");
        ByteBuffer buf = ByteBuffer.wrap(Captures.ipPacket("v2-noauth-advert-1"));
        int id = ((ByteBuffer.wrap(prio0).getShort(4)) & 0xffff);
        VrrpIpv4PacketWriter.rewrite(buf, 0, id, 0, null, null, 0, false);
        assertThat(buf.array()).isEqualTo(prio0);
    }
}
