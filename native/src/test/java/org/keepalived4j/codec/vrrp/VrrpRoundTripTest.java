package org.keepalived4j.codec.vrrp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.keepalived4j.codec.ah.IpsecAh;

class VrrpRoundTripTest {
    static Inet4Address v4(int i) throws Exception {
        return (Inet4Address) InetAddress.getByAddress(new byte[] {10, 9, (byte) (i >> 8), (byte) i});
    }

    static Inet6Address v6(int i) throws Exception {
        byte[] b = new byte[16];
        b[0] = (byte) 0xfd;
        b[14] = (byte) (i >> 8);
        b[15] = (byte) i;
        return (Inet6Address) InetAddress.getByAddress(b);
    }

    @Test
    void ipv4AllVersionsAuthTypesAndAddressCounts() throws Exception {
        IpsecAh ah = new IpsecAh("secret");
        for (int version = 2; version <= 3; version++) {
            for (int auth = 0; auth <= (version == 2 ? 2 : 0); auth++) {
                for (int count : new int[] {0, 1, 2, 20, 255}) {
                    for (int prio : new int[] {0, 1, 100, 254, 255}) {
                        List<InetAddress> addrs = new ArrayList<>();
                        for (int i = 0; i < count; i++) {
                            addrs.add(v4(i));
                        }
                        byte[] authData = version == 3 ? new byte[0]
                                : auth == 1 ? "pw\0\0\0\0\0\0".getBytes() : new byte[8];
                        int interval = version == 2 ? 255 : 4095;
                        VrrpAdvert advert = new VrrpAdvert(version, 255, prio, auth, interval, addrs, authData);
                        ByteBuffer out = ByteBuffer.allocate(2048);
                        out.position(3); // a write at an arbitrary position
                        IpsecAh signer = auth == 2 ? ah : null;
                        int n = VrrpIpv4PacketWriter.write(out, advert, 4242, v4(1), v4(2), V3Checksum.PSEUDO_HEADER,
                                signer, 77, false);
                        assertThat(out.position()).isEqualTo(3 + n);
                        VrrpDecodeResult r = VrrpCodec.decodeIpv4(out, 3, n, EnumSet.of(V3Checksum.PSEUDO_HEADER));
                        assertThat(r).as("%s %s", advert, r).isInstanceOf(VrrpDecodeResult.Decoded.class);
                        ReceivedVrrp p = ((VrrpDecodeResult.Decoded) r).packet();
                        assertThat(p.advert()).isEqualTo(advert);
                        assertThat(p.ipv4Header().identification()).isEqualTo(4242);
                        if (signer != null) {
                            assertThat(p.ah().sequence()).isEqualTo(77);
                            assertThat(ah.verify(out, 3, n, false)).isEqualTo(IpsecAh.Check.VALID);
                        }
                    }
                }
            }
        }
    }

    @Test
    void ahUnicastModeExcludesTtl() throws Exception {
        IpsecAh ah = new IpsecAh("secret");
        VrrpAdvert advert = new VrrpAdvert(2, 1, 100, 2, 1, List.of(v4(5)), new byte[8]);
        ByteBuffer out = ByteBuffer.allocate(128);
        int n = VrrpIpv4PacketWriter.write(out, advert, 1, v4(1), v4(2), V3Checksum.PSEUDO_HEADER, ah, 1, true);
        assertThat(ah.verify(out, 0, n, true)).isEqualTo(IpsecAh.Check.VALID);
        out.put(8, (byte) 64); // TTL changed on the way: still valid in unicast mode
        assertThat(ah.verify(out, 0, n, true)).isEqualTo(IpsecAh.Check.VALID);
        assertThat(ah.verify(out, 0, n, false)).isEqualTo(IpsecAh.Check.ICV_MISMATCH);
    }

    @Test
    void ahKeyIsThePasswordTruncatedOrPaddedToEightBytes() throws Exception {
        assertThat(IpsecAh.key("abc".getBytes())).containsExactly('a', 'b', 'c', 0, 0, 0, 0, 0);
        assertThat(IpsecAh.key("0123456789".getBytes())).containsExactly('0', '1', '2', '3', '4', '5', '6', '7');
        VrrpAdvert advert = new VrrpAdvert(2, 1, 100, 2, 1, List.of(v4(5)), new byte[8]);
        ByteBuffer out = ByteBuffer.allocate(128);
        int n = VrrpIpv4PacketWriter.write(out, advert, 1, v4(1), v4(2), null, new IpsecAh("01234567XYZ"), 1, false);
        assertThat(new IpsecAh("01234567").verify(out, 0, n, false)).isEqualTo(IpsecAh.Check.VALID);
    }

    @Test
    void ipv6V3() throws Exception {
        for (int count : new int[] {0, 1, 3, 255}) {
            List<InetAddress> addrs = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                addrs.add(v6(i));
            }
            VrrpAdvert advert = new VrrpAdvert(3, 7, 200, 0, 5, addrs, new byte[0]);
            Inet6Address src = (Inet6Address) InetAddress.getByName("fe80::1");
            Inet6Address dst = (Inet6Address) InetAddress.getByName("ff02::12");
            ByteBuffer out = ByteBuffer.allocate(8 + 16 * 255);
            int n = VrrpCodec.encode(out, advert, src, dst, V3Checksum.PSEUDO_HEADER);
            assertThat(n).isEqualTo(VrrpCodec.length(advert, true));
            VrrpDecodeResult r = VrrpCodec.decodeIpv6(out, 0, n, src, dst, 255, true);
            assertThat(((VrrpDecodeResult.Decoded) r).packet().advert()).isEqualTo(advert);
        }
    }

    @Test
    void encodingRejectsWhatNoPacketCanCarry() throws Exception {
        ByteBuffer out = ByteBuffer.allocate(64);
        assertThatThrownBy(() -> VrrpCodec.encode(out, new VrrpAdvert(3, 1, 100, 0, 4096, List.of(v4(1)),
                new byte[0]), v4(1), v4(2), V3Checksum.PSEUDO_HEADER)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> VrrpCodec.encode(out, new VrrpAdvert(2, 0, 100, 0, 1, List.of(v4(1)),
                new byte[8]), v4(1), v4(2), null)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> VrrpCodec.encode(out, new VrrpAdvert(3, 1, 100, 0, 1, List.of(v6(1)),
                new byte[0]), v4(1), v4(2), V3Checksum.PSEUDO_HEADER)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void rewriteEqualsAFreshWrite() throws Exception {
        IpsecAh ah = new IpsecAh("secret");
        VrrpAdvert base = new VrrpAdvert(2, 9, 100, 2, 1, List.of(v4(5), v4(6)), new byte[8]);
        VrrpAdvert v3 = new VrrpAdvert(3, 9, 100, 0, 100, List.of(v4(5), v4(6)), new byte[0]);
        for (VrrpAdvert advert : List.of(base, v3)) {
            for (V3Checksum mode : List.of(V3Checksum.PSEUDO_HEADER, V3Checksum.NO_PSEUDO_HEADER,
                    V3Checksum.PSEUDO_HEADER_MULTICAST_DESTINATION)) {
                IpsecAh signer = advert.version() == 2 ? ah : null;
                ByteBuffer reused = ByteBuffer.allocate(128);
                reused.position(5);
                VrrpIpv4PacketWriter.write(reused, advert, 1, v4(1), v4(2), mode, signer, 1, false);
                VrrpIpv4PacketWriter.rewrite(reused, 5, 0xbeef, 0, mode, signer, 99, false);
                VrrpAdvert resigned = new VrrpAdvert(advert.version(), 9, 0, advert.authType(), advert.advertInterval(),
                        advert.addresses(), advert.authData());
                ByteBuffer fresh = ByteBuffer.allocate(128);
                fresh.position(5);
                int n = VrrpIpv4PacketWriter.write(fresh, resigned, 0xbeef, v4(1), v4(2), mode, signer, 99, false);
                assertThat(reused.array()).as("%s %s", advert, mode).isEqualTo(fresh.array());
                assertThat(n).isGreaterThan(0);
            }
        }
    }
}
