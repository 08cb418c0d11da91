package org.keepalived4j.codec.vrrp;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.keepalived4j.codec.InternetChecksum;
import org.keepalived4j.codec.ah.AhHeader;
import org.keepalived4j.codec.ah.IpsecAh;
import org.keepalived4j.codec.ip.Ipv4Header;
import org.keepalived4j.codec.ip.Ipv4HeaderCodec;
import org.keepalived4j.codec.ip.Ipv4ParseResult;

/**
 * The VRRP message (RFC 3768 §5.3 v2, RFC 5798 §5.2 v3) as keepalived 2.2.7 writes and reads it
 * (vrrp.c {@code vrrp_build_vrrp_v2/v3}, {@code vrrp_in_chk}).
 * <ul>
 * <li>v2 over IPv4: 8-byte header, addresses, 8 auth bytes (the password for type 1, zeros otherwise);
 * checksum over the VRRP message only.</li>
 * <li>v3: 8-byte header with 4 reserved bits + 12-bit Max Adver Int in centiseconds, addresses, no auth;
 * checksum with a pseudo-header as chosen by {@link V3Checksum}.</li>
 * <li>IPv6 (keepalived forces v3; a v2 message over IPv6 carries no auth bytes either): the raw socket
 * hands over the VRRP message without the IPv6 header; the kernel computes and verifies the checksum.</li>
 * </ul>
 * Encoding throws {@link IllegalArgumentException} for parameters no VRRP packet can carry; decoding never
 * throws and reports every problem as a {@link VrrpDecodeResult.Rejected}.
 */
public final class VrrpCodec {
    public static final int HEADER_LENGTH = 8;
    public static final int AUTH_DATA_LENGTH = 8;
    public static final int TYPE_ADVERTISEMENT = 1;
    public static final int PROTOCOL_VRRP = 112;
    /** 224.0.0.18 as a network-order int. */
    public static final int IPV4_MULTICAST_GROUP = 0xe0000012;

    private VrrpCodec() {
    }

    /** Length of the VRRP message for this advert over IPv4 ({@code ipv6 == false}) or IPv6. */
    public static int length(VrrpAdvert advert, boolean ipv6) {
        int n = advert.addresses().size();
        return HEADER_LENGTH + n * (ipv6 ? 16 : 4) + (advert.version() == 2 && !ipv6 ? AUTH_DATA_LENGTH : 0);
    }

    /**
     * Writes the VRRP message at the buffer's position and advances it.
     *
     * @param source the IP source (needed for v3 pseudo-headers; its family selects IPv4/IPv6 framing)
     * @param destination the IP destination (v3 pseudo-header)
     * @param checksum the v3 pseudo-header variant; ignored for v2 over IPv4
     * @return bytes written
     */
    public static int encode(ByteBuffer out, VrrpAdvert advert, InetAddress source, InetAddress destination,
                             V3Checksum checksum) {
        boolean ipv6 = source instanceof Inet6Address;
        checkEncodable(advert, ipv6);
        int start = out.position();
        int version = advert.version();
        out.put((byte) ((version << 4) | TYPE_ADVERTISEMENT));
        out.put((byte) advert.virtualRouterId());
        out.put((byte) advert.priority());
        out.put((byte) advert.addresses().size());
        if (version == 2) {
            out.put((byte) advert.authType());
            out.put((byte) advert.advertInterval());
        } else {
            out.putShort((short) (advert.advertInterval() & 0x0fff)); // reserved bits zero
        }
        out.putShort((short) 0);
        for (InetAddress a : advert.addresses()) {
            out.put(a.getAddress());
        }
        if (version == 2 && !ipv6) {
            byte[] auth = advert.authData();
            for (int i = 0; i < AUTH_DATA_LENGTH; i++) {
                out.put(i < auth.length ? auth[i] : 0);
            }
        }
        int length = out.position() - start;
        int sum;
        if (ipv6) {
            if (checksum == V3Checksum.LEFT_TO_KERNEL) {
                return length;
            }
            sum = ipv6PseudoHeader(source.getAddress(), destination.getAddress(), length);
        } else if (version == 2 || checksum == V3Checksum.NO_PSEUDO_HEADER) {
            sum = 0;
        } else {
            int dst = checksum == V3Checksum.PSEUDO_HEADER_MULTICAST_DESTINATION ? IPV4_MULTICAST_GROUP
                    : Ipv4Header.toInt((Inet4Address) destination);
            sum = ipv4PseudoHeader(Ipv4Header.toInt((Inet4Address) source), dst, length);
        }
        out.putShort(start + 6, (short) InternetChecksum.finish(InternetChecksum.add(sum, out, start, length)));
        return length;
    }

    private static void checkEncodable(VrrpAdvert a, boolean ipv6) {
        if (a.version() != 2 && a.version() != 3) {
            throw new IllegalArgumentException("VRRP version " + a.version());
        }
        if (a.virtualRouterId() < 1 || a.virtualRouterId() > 255 || a.priority() < 0 || a.priority() > 255
                || a.addresses().size() > 255) {
            throw new IllegalArgumentException("VRID, priority or address count out of range: " + a);
        }
        int maxInterval = a.version() == 2 ? 255 : 4095;
        if (a.advertInterval() < 0 || a.advertInterval() > maxInterval) {
            throw new IllegalArgumentException("advert interval " + a.advertInterval() + " exceeds " + maxInterval);
        }
        for (InetAddress addr : a.addresses()) {
            if ((addr instanceof Inet6Address) != ipv6) {
                throw new IllegalArgumentException("address " + addr + " does not match the source's family");
            }
        }
    }

    static int ipv4PseudoHeader(int source, int destination, int vrrpLength) {
        int sum = InternetChecksum.addInt(0, source);
        sum = InternetChecksum.addInt(sum, destination);
        sum = InternetChecksum.addWord(sum, PROTOCOL_VRRP);
        return InternetChecksum.addWord(sum, vrrpLength);
    }

    static int ipv6PseudoHeader(byte[] source, byte[] destination, int vrrpLength) {
        int sum = InternetChecksum.add(0, source, 0, 16);
        sum = InternetChecksum.add(sum, destination, 0, 16);
        sum = InternetChecksum.addInt(sum, vrrpLength);
        return InternetChecksum.addWord(sum, PROTOCOL_VRRP);
    }

    /**
     * Decodes what a raw IPv4 socket returns: IPv4 header, optional AH, VRRP message.
     *
     * @param offset absolute index of the IPv4 header; error offsets are relative to it
     * @param length bytes received
     * @param accepted v3 checksum variants accepted, tried in enum order ({@link V3Checksum#LEFT_TO_KERNEL} is
     *                 meaningless here and ignored)
     */
    public static VrrpDecodeResult decodeIpv4(ByteBuffer in, int offset, int length, Set<V3Checksum> accepted) {
        return decodeIpv4(in, offset, length, accepted, null);
    }

    /**
     * As {@link #decodeIpv4(ByteBuffer, int, int, Set)}, reusing what {@code cache} (may be null) remembers of the
     * VRID's previous advert when the message repeats, and remembering this one when it decodes.
     */
    public static VrrpDecodeResult decodeIpv4(ByteBuffer in, int offset, int length, Set<V3Checksum> accepted,
                                              AdvertDecodeCache cache) {
        checkBounds(in, offset, length);
        Ipv4ParseResult parsed = Ipv4HeaderCodec.parse(in, offset, length);
        if (parsed instanceof Ipv4ParseResult.Malformed m) {
            VrrpDecodeError e = switch (m.problem()) {
                case TRUNCATED -> VrrpDecodeError.IP_TRUNCATED;
                case BAD_HEADER -> VrrpDecodeError.IP_HEADER_INVALID;
                case BAD_HEADER_CHECKSUM -> VrrpDecodeError.IP_HEADER_CHECKSUM;
                case TOTAL_LENGTH_MISMATCH -> VrrpDecodeError.IP_TOTAL_LENGTH_MISMATCH;
            };
            return new VrrpDecodeResult.Rejected(e, m.offset() - offset, m.detail());
        }
        Ipv4Header ip = ((Ipv4ParseResult.Parsed) parsed).header();
        int vrrpStart = ip.headerLength();
        AhHeader ah = null;
        if (ip.protocol() == Ipv4Header.PROTOCOL_AH) {
            if (length - vrrpStart < IpsecAh.HEADER_LENGTH) {
                return new VrrpDecodeResult.Rejected(VrrpDecodeError.AH_TRUNCATED, length,
                        "AH needs 24 bytes, " + (length - vrrpStart) + " left after the IPv4 header");
            }
            ah = IpsecAh.readHeader(in, offset + vrrpStart);
            if (ah.nextHeader() != IpsecAh.NEXT_HEADER_VRRP) {
                return new VrrpDecodeResult.Rejected(VrrpDecodeError.AH_MALFORMED, vrrpStart,
                        "AH next header " + ah.nextHeader() + ", expected 112");
            }
            if (ah.payloadLength() != IpsecAh.PAYLOAD_LENGTH) {
                return new VrrpDecodeResult.Rejected(VrrpDecodeError.AH_MALFORMED, vrrpStart + 1,
                        "AH payload length " + ah.payloadLength() + ", expected 4");
            }
            vrrpStart += IpsecAh.HEADER_LENGTH;
        } else if (ip.protocol() != Ipv4Header.PROTOCOL_VRRP) {
            return new VrrpDecodeResult.Rejected(VrrpDecodeError.NOT_VRRP, 9,
                    "IP protocol " + ip.protocol() + ", expected 112 or 51");
        }
        if (cache != null && length - vrrpStart >= HEADER_LENGTH) {
            ReceivedVrrp repeated = cache.lookup(in, offset + vrrpStart, length - vrrpStart, ip, ah, accepted);
            if (repeated != null) {
                return new VrrpDecodeResult.Decoded(repeated);
            }
        }
        VrrpDecodeResult result = decodeMessage(in, offset, vrrpStart, length - vrrpStart, false, ip, ah, null, null,
                ip.ttl(), accepted, true);
        if (cache != null && result instanceof VrrpDecodeResult.Decoded decoded) {
            cache.remember(in, offset + vrrpStart, length - vrrpStart, decoded.packet());
        }
        return result;
    }

    /**
     * Decodes what a raw IPv6 socket returns: the VRRP message alone; source, destination and hop limit come
     * from recvmsg ({@code IPV6_HOPLIMIT}).
     *
     * @param verifyChecksum false when the kernel already verified it ({@code IPV6_CHECKSUM} set on the socket)
     */
    public static VrrpDecodeResult decodeIpv6(ByteBuffer in, int offset, int length, Inet6Address source,
                                              Inet6Address destination, int hopLimit, boolean verifyChecksum) {
        checkBounds(in, offset, length);
        java.util.Objects.requireNonNull(source, "source");
        java.util.Objects.requireNonNull(destination, "destination");
        return decodeMessage(in, offset, 0, length, true, null, null, source, destination, hopLimit,
                Set.of(V3Checksum.PSEUDO_HEADER), verifyChecksum);
    }

    private static VrrpDecodeResult decodeMessage(ByteBuffer in, int base, int start, int length, boolean ipv6,
                                                  Ipv4Header ip, AhHeader ah, Inet6Address src6,
                                                  Inet6Address dst6, int ttl, Set<V3Checksum> accepted,
                                                  boolean verifyChecksum) {
        int at = base + start;
        if (length < HEADER_LENGTH) {
            return new VrrpDecodeResult.Rejected(VrrpDecodeError.VRRP_TRUNCATED, start + Math.max(length, 0),
                    "VRRP header needs 8 bytes, got " + length);
        }
        int versionType = in.get(at) & 0xff;
        int version = versionType >>> 4;
        if (version != 2 && version != 3) {
            return new VrrpDecodeResult.Rejected(VrrpDecodeError.BAD_VERSION, start,
                    "VRRP version " + version + ", expected 2 or 3");
        }
        if ((versionType & 0x0f) != TYPE_ADVERTISEMENT) {
            return new VrrpDecodeResult.Rejected(VrrpDecodeError.BAD_TYPE, start,
                    "VRRP type " + (versionType & 0x0f) + ", expected 1 (advertisement)");
        }
        int count = in.get(at + 3) & 0xff;
        int addressLength = ipv6 ? 16 : 4;
        boolean hasAuth = version == 2 && !ipv6;
        int expected = HEADER_LENGTH + count * addressLength + (hasAuth ? AUTH_DATA_LENGTH : 0);
        if (length != expected) {
            return new VrrpDecodeResult.Rejected(VrrpDecodeError.ADDRESS_COUNT_LENGTH_MISMATCH, start + 3,
                    count + " address(es) make a " + expected + "-byte VRRPv" + version + " message, got "
                            + length + " bytes");
        }
        int authType = 0;
        int interval;
        if (version == 2) {
            authType = in.get(at + 4) & 0xff;
            interval = in.get(at + 5) & 0xff;
            if (hasAuth && authType > 2) {
                return new VrrpDecodeResult.Rejected(VrrpDecodeError.BAD_AUTH_TYPE, start + 4,
                        "auth type " + authType + ", expected 0, 1 or 2");
            }
        } else {
            interval = in.getShort(at + 4) & 0x0fff; // reserved bits ignored on receipt
        }
        V3Checksum matched = null;
        if (verifyChecksum) {
            int messageSum = InternetChecksum.add(0, in, at, length);
            if (ipv6) {
                int pseudo = ipv6PseudoHeader(src6.getAddress(), dst6.getAddress(), length);
                if (!InternetChecksum.verifies(addSums(pseudo, messageSum))) {
                    return badChecksum(in, at, start, "VRRP checksum invalid with the IPv6 pseudo-header");
                }
                matched = V3Checksum.PSEUDO_HEADER;
            } else if (version == 2) {
                if (!InternetChecksum.verifies(messageSum)) {
                    return badChecksum(in, at, start, "VRRPv2 checksum invalid");
                }
            } else {
                matched = matchV3Ipv4(messageSum, ip, length, accepted);
                if (matched == null) {
                    return badChecksum(in, at, start, "VRRPv3 checksum invalid with every accepted variant "
                            + accepted);
                }
            }
        }
        List<InetAddress> addresses = new ArrayList<>(count);
        byte[] raw = new byte[addressLength];
        for (int i = 0; i < count; i++) {
            in.get(at + HEADER_LENGTH + i * addressLength, raw);
            addresses.add(toAddress(raw));
        }
        byte[] auth = new byte[hasAuth ? AUTH_DATA_LENGTH : 0];
        if (hasAuth) {
            in.get(at + HEADER_LENGTH + count * addressLength, auth);
        }
        VrrpAdvert advert = new VrrpAdvert(version, in.get(at + 1) & 0xff, in.get(at + 2) & 0xff, authType,
                interval, addresses, auth);
        InetAddress source = ipv6 ? src6 : ip.sourceAddress();
        InetAddress destination = ipv6 ? dst6 : ip.destinationAddress();
        return new VrrpDecodeResult.Decoded(new ReceivedVrrp(advert, source, destination, ttl, ip, ah, matched));
    }

    /** The caller's bounds must lie in the buffer: a caller bug, unlike anything in the packet bytes. */
    private static void checkBounds(ByteBuffer in, int offset, int length) {
        if (offset < 0 || length < 0 || offset + length > in.limit()) {
            throw new IllegalArgumentException("[" + offset + ", +" + length + ") outside buffer limit " + in.limit());
        }
    }

    private static int addSums(int a, int b) {
        return InternetChecksum.addInt(a, b);
    }

    private static V3Checksum matchV3Ipv4(int messageSum, Ipv4Header ip, int length, Set<V3Checksum> accepted) {
        for (V3Checksum variant : V3Checksum.values()) {
            if (!accepted.contains(variant)) {
                continue;
            }
            int pseudo = switch (variant) {
                case PSEUDO_HEADER -> ipv4PseudoHeader(ip.source(), ip.destination(), length);
                case PSEUDO_HEADER_MULTICAST_DESTINATION -> ipv4PseudoHeader(ip.source(), IPV4_MULTICAST_GROUP,
                        length);
                case NO_PSEUDO_HEADER -> 0;
                case LEFT_TO_KERNEL -> -1;
            };
            if (pseudo != -1 && InternetChecksum.verifies(addSums(pseudo, messageSum))) {
                return variant;
            }
        }
        return null;
    }

    private static VrrpDecodeResult badChecksum(ByteBuffer in, int at, int start, String what) {
        return new VrrpDecodeResult.Rejected(VrrpDecodeError.BAD_CHECKSUM, start + 6,
                what + " (field 0x" + Integer.toHexString(in.getShort(at + 6) & 0xffff) + ")");
    }

    private static InetAddress toAddress(byte[] raw) {
        try {
            return InetAddress.getByAddress(raw);
        } catch (UnknownHostException e) {
            throw new AssertionError("4 or 16 bytes are always an address", e);
        }
    }
}
