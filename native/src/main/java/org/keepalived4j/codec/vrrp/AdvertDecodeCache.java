package org.keepalived4j.codec.vrrp;

import java.net.Inet4Address;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Set;
import org.keepalived4j.codec.ah.AhHeader;
import org.keepalived4j.codec.ip.Ipv4Header;

/**
 * The last well-formed IPv4 advert decoded per VRID, for {@link VrrpCodec#decodeIpv4(ByteBuffer, int, int, Set,
 * AdvertDecodeCache)}. A stable master sends the same VRRP message every interval, so a receiver that keeps this
 * reuses the decoded advert and the sender's address objects instead of building them and summing the checksum again
 * for every advert of every instance.
 *
 * <p>A hit needs the same VRRP message bytes, the same IP source and destination (the VRRPv3 checksum covers them)
 * and, for v3, a checksum variant the caller still accepts; only adverts that passed every check are remembered, and
 * decoding is a function of exactly those inputs, so a hit gives what a full decode would. One thread uses it.
 */
public final class AdvertDecodeCache {
    private static final int VRIDS = 256;

    private final Entry[] entries = new Entry[VRIDS];

    private record Entry(byte[] message, int source, int destination, Inet4Address sourceAddress,
                         Inet4Address destinationAddress, VrrpAdvert advert, V3Checksum checksum) {
    }

    /** The message at {@code [at, at + length)} decoded as before, or null when it is not the one remembered. */
    ReceivedVrrp lookup(ByteBuffer in, int at, int length, Ipv4Header ip, AhHeader ah, Set<V3Checksum> accepted) {
        Entry e = entries[in.get(at + 1) & 0xff];
        if (e == null || e.message.length != length || e.source != ip.source() || e.destination != ip.destination()
                || (e.checksum != null && !accepted.contains(e.checksum))) {
            return null;
        }
        if (!sameBytes(e.message, in, at, length)) {
            return null;
        }
        return new ReceivedVrrp(e.advert, e.sourceAddress, e.destinationAddress, ip.ttl(), ip, ah, e.checksum);
    }

    private static boolean sameBytes(byte[] message, ByteBuffer in, int at, int length) {
        if (in.hasArray()) {
            int from = in.arrayOffset() + at;
            return Arrays.equals(message, 0, length, in.array(), from, from + length);
        }
        for (int i = 0; i < length; i++) {
            if (message[i] != in.get(at + i)) {
                return false;
            }
        }
        return true;
    }

    /** Remembers a message that decoded to {@code decoded}; replaces what was kept for its VRID. */
    void remember(ByteBuffer in, int at, int length, ReceivedVrrp decoded) {
        byte[] message = new byte[length];
        in.get(at, message);
        Ipv4Header ip = decoded.ipv4Header();
        entries[decoded.advert().virtualRouterId()] = new Entry(message, ip.source(), ip.destination(),
                (Inet4Address) decoded.source(), (Inet4Address) decoded.destination(), decoded.advert(),
                decoded.checksum());
    }
}
