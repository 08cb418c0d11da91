package org.keepalived4j.codec.vrrp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.keepalived4j.codec.vrrp.VrrpRoundTripTest.v4;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.util.EnumSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.keepalived4j.codec.ah.IpsecAh;

/** A repeated advert decodes from the cache exactly as without it; anything that differs is decoded afresh. */
class AdvertDecodeCacheTest {
    private static final Set<V3Checksum> PSEUDO = EnumSet.of(V3Checksum.PSEUDO_HEADER);

    private static ByteBuffer packet(VrrpAdvert advert, int ipId, Inet4Address source, IpsecAh ah, long sequence)
            throws Exception {
        ByteBuffer out = ByteBuffer.allocate(512);
        int n = VrrpIpv4PacketWriter.write(out, advert, ipId, source, (Inet4Address) InetAddress.getByName("224.0.0.18"),
                V3Checksum.PSEUDO_HEADER, ah, sequence, false);
        return ByteBuffer.wrap(java.util.Arrays.copyOf(out.array(), n));
    }

    private static ReceivedVrrp decoded(VrrpDecodeResult r) {
        assertThat(r).isInstanceOf(VrrpDecodeResult.Decoded.class);
        return ((VrrpDecodeResult.Decoded) r).packet();
    }

    private static VrrpDecodeResult decode(ByteBuffer p, Set<V3Checksum> accepted, AdvertDecodeCache cache) {
        return VrrpCodec.decodeIpv4(p, 0, p.limit(), accepted, cache);
    }

    @Test
    void aRepeatedAdvertReusesTheDecodedOneWithThisPacketsHeader() throws Exception {
        for (int version = 2; version <= 3; version++) {
            AdvertDecodeCache cache = new AdvertDecodeCache();
            VrrpAdvert advert = new VrrpAdvert(version, 51, 150, 0, version == 2 ? 1 : 100, List.of(v4(7), v4(8)),
                    version == 2 ? new byte[8] : new byte[0]);
            ReceivedVrrp first = decoded(decode(packet(advert, 1, v4(1), null, 0), PSEUDO, cache));
            ReceivedVrrp again = decoded(decode(packet(advert, 2, v4(1), null, 0), PSEUDO, cache));
            ReceivedVrrp plain = decoded(decode(packet(advert, 2, v4(1), null, 0), PSEUDO, null));
            assertThat(again.advert()).isSameAs(first.advert()).isEqualTo(advert);
            assertThat(again.source()).isSameAs(first.source()).isEqualTo(v4(1));
            assertThat(again.ipv4Header().identification()).as("this packet's IP header").isEqualTo(2);
            assertThat(again).as("the same as a decode without the cache").isEqualTo(plain);
        }
    }

    @Test
    void aDirectBufferIsComparedAsWell() throws Exception {
        AdvertDecodeCache cache = new AdvertDecodeCache();
        VrrpAdvert advert = new VrrpAdvert(2, 51, 150, 0, 1, List.of(v4(7)), new byte[8]);
        ReceivedVrrp first = decoded(decode(direct(packet(advert, 1, v4(1), null, 0)), PSEUDO, cache));
        assertThat(decoded(decode(direct(packet(advert, 2, v4(1), null, 0)), PSEUDO, cache)).advert())
                .isSameAs(first.advert());
        VrrpAdvert other = new VrrpAdvert(2, 51, 151, 0, 1, List.of(v4(7)), new byte[8]);
        assertThat(decoded(decode(direct(packet(other, 3, v4(1), null, 0)), PSEUDO, cache)).advert())
                .isEqualTo(other);
    }

    private static ByteBuffer direct(ByteBuffer heap) {
        ByteBuffer d = ByteBuffer.allocateDirect(heap.limit());
        d.put(heap.duplicate());
        return d.flip();
    }

    @Test
    void aChangedAdvertOrSenderIsDecodedAfresh() throws Exception {
        AdvertDecodeCache cache = new AdvertDecodeCache();
        VrrpAdvert advert = new VrrpAdvert(3, 51, 150, 0, 100, List.of(v4(7)), new byte[0]);
        ReceivedVrrp first = decoded(decode(packet(advert, 1, v4(1), null, 0), PSEUDO, cache));
        VrrpAdvert resigned = new VrrpAdvert(3, 51, 0, 0, 100, List.of(v4(7)), new byte[0]);
        assertThat(decoded(decode(packet(resigned, 2, v4(1), null, 0), PSEUDO, cache)).advert().priority()).isZero();
        ReceivedVrrp other = decoded(decode(packet(advert, 3, v4(2), null, 0), PSEUDO, cache));
        assertThat(other.source()).isEqualTo(v4(2));
        assertThat(other.advert()).isNotSameAs(first.advert()).isEqualTo(advert);
    }

    @Test
    void aCorruptedRepeatIsStillRejected() throws Exception {
        AdvertDecodeCache cache = new AdvertDecodeCache();
        VrrpAdvert advert = new VrrpAdvert(2, 9, 150, 0, 1, List.of(v4(7)), new byte[8]);
        decoded(decode(packet(advert, 1, v4(1), null, 0), PSEUDO, cache));
        Random random = new Random(5);
        for (int i = 0; i < 200; i++) {
            ByteBuffer p = packet(advert, 2, v4(1), null, 0);
            int at = 20 + random.nextInt(p.limit() - 20); // anywhere in the VRRP message
            p.put(at, (byte) (p.get(at) ^ (1 + random.nextInt(255))));
            VrrpDecodeResult cached = decode(p, PSEUDO, cache);
            VrrpDecodeResult plain = decode(p, PSEUDO, null);
            assertThat(cached).as("byte %d", at).isEqualTo(plain);
        }
    }

    @Test
    void aV3ChecksumVariantNoLongerAcceptedIsNotTakenFromTheCache() throws Exception {
        AdvertDecodeCache cache = new AdvertDecodeCache();
        VrrpAdvert advert = new VrrpAdvert(3, 9, 150, 0, 100, List.of(v4(7)), new byte[0]);
        ByteBuffer p = packet(advert, 1, v4(1), null, 0);
        decoded(decode(p, PSEUDO, cache));
        VrrpDecodeResult r = decode(p, EnumSet.of(V3Checksum.NO_PSEUDO_HEADER), cache);
        assertThat(r).isInstanceOf(VrrpDecodeResult.Rejected.class);
        assertThat(((VrrpDecodeResult.Rejected) r).error()).isEqualTo(VrrpDecodeError.BAD_CHECKSUM);
    }

    @Test
    void anAhAdvertCarriesThisPacketsAhHeader() throws Exception {
        AdvertDecodeCache cache = new AdvertDecodeCache();
        IpsecAh ah = new IpsecAh("secret");
        VrrpAdvert advert = new VrrpAdvert(2, 9, 150, 2, 1, List.of(v4(7)), new byte[8]);
        ReceivedVrrp first = decoded(decode(packet(advert, 1, v4(1), ah, 41), PSEUDO, cache));
        ReceivedVrrp second = decoded(decode(packet(advert, 2, v4(1), ah, 42), PSEUDO, cache));
        assertThat(first.ah().sequence()).isEqualTo(41);
        assertThat(second.ah().sequence()).isEqualTo(42);
        assertThat(second.advert()).isSameAs(first.advert());
    }
}
