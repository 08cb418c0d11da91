package org.keepalived4j.codec.nd;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import org.keepalived4j.codec.InternetChecksum;

/**
 * The unsolicited Neighbor Advertisement (RFC 4861 §4.4, §7.2.6) keepalived sends for each IPv6 VIP on
 * becoming master (vrrp_ndisc.c), an 86-byte Ethernet frame for an AF_PACKET socket: Ethernet dst
 * 33:33:00:00:00:01, src = interface MAC (or VMAC); IPv6 traffic class 0, flow label 0, hop limit 255,
 * src = the VIP, dst ff02::1; ICMPv6 type 136 code 0, flags R (only if the interface forwards) S=0 O=1,
 * target = the VIP, Target Link-Layer Address option = the MAC.
 */
public final class UnsolicitedNeighborAdvert {
    public static final int FRAME_LENGTH = 86;
    public static final int ICMPV6_LENGTH = 32;
    public static final int ETHERTYPE_IPV6 = 0x86dd;
    public static final int NEXT_HEADER_ICMPV6 = 58;
    public static final int TYPE_NEIGHBOR_ADVERTISEMENT = 136;
    public static final int FLAG_ROUTER = 0x80;
    public static final int FLAG_SOLICITED = 0x40;
    public static final int FLAG_OVERRIDE = 0x20;
    public static final int OPTION_TARGET_LINK_LAYER_ADDRESS = 2;

    private static final byte[] ALL_NODES = {(byte) 0xff, 2, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1};
    private static final byte[] ALL_NODES_MAC = {0x33, 0x33, 0, 0, 0, 1};
    private static final int IPV6_OFFSET = 14;
    private static final int ICMP_OFFSET = IPV6_OFFSET + 40;

    private UnsolicitedNeighborAdvert() {
    }

    /**
     * Writes the frame at the buffer's position and advances it.
     *
     * @param router the R flag: keepalived sets it when IPv6 forwarding is enabled on the interface
     */
    public static void write(ByteBuffer out, byte[] mac, Inet6Address vip, boolean router) {
        if (mac.length != 6) {
            throw new IllegalArgumentException("MAC must have 6 bytes, got " + mac.length);
        }
        byte[] target = vip.getAddress();
        int start = out.position();
        out.put(ALL_NODES_MAC);
        out.put(mac);
        out.putShort((short) ETHERTYPE_IPV6);
        out.putInt(0x60000000);
        out.putShort((short) ICMPV6_LENGTH);
        out.put((byte) NEXT_HEADER_ICMPV6);
        out.put((byte) 255);
        out.put(target);
        out.put(ALL_NODES);
        int icmp = out.position();
        out.put((byte) TYPE_NEIGHBOR_ADVERTISEMENT);
        out.put((byte) 0);
        out.putShort((short) 0);
        out.put((byte) (FLAG_OVERRIDE | (router ? FLAG_ROUTER : 0)));
        out.put((byte) 0);
        out.putShort((short) 0);
        out.put(target);
        out.put((byte) OPTION_TARGET_LINK_LAYER_ADDRESS);
        out.put((byte) 1); // length in units of 8 bytes
        out.put(mac);
        int sum = pseudoHeader(out, start + IPV6_OFFSET + 8, ICMPV6_LENGTH);
        out.putShort(icmp + 2, (short) InternetChecksum.finish(InternetChecksum.add(sum, out, icmp, ICMPV6_LENGTH)));
    }

    private static int pseudoHeader(ByteBuffer buf, int addressesAt, int length) {
        int sum = InternetChecksum.add(0, buf, addressesAt, 32); // source and destination
        sum = InternetChecksum.addInt(sum, length);
        return InternetChecksum.addWord(sum, NEXT_HEADER_ICMPV6);
    }

    /** Parses an Ethernet/IPv6/ICMPv6 Neighbor Advertisement frame (no extension headers); never throws. */
    public static NaParseResult parse(ByteBuffer in, int offset, int length) {
        if (offset < 0 || length < 0 || offset + length > in.limit()) {
            return new NaParseResult.Malformed(0, "bounds [" + offset + ", +" + length + ") outside the buffer");
        }
        if (length < ICMP_OFFSET + 24) {
            return new NaParseResult.Malformed(length, "NA frame needs at least 78 bytes, got " + length);
        }
        if ((in.getShort(offset + 12) & 0xffff) != ETHERTYPE_IPV6 || (in.get(offset + IPV6_OFFSET) & 0xf0) != 0x60) {
            return new NaParseResult.Malformed(12, "not an IPv6 frame");
        }
        int payloadLength = in.getShort(offset + IPV6_OFFSET + 4) & 0xffff;
        if (payloadLength < 24 || ICMP_OFFSET + payloadLength > length) {
            return new NaParseResult.Malformed(IPV6_OFFSET + 4, "IPv6 payload length " + payloadLength
                    + " does not fit the " + length + "-byte frame");
        }
        if ((in.get(offset + IPV6_OFFSET + 6) & 0xff) != NEXT_HEADER_ICMPV6
                || (in.get(offset + ICMP_OFFSET) & 0xff) != TYPE_NEIGHBOR_ADVERTISEMENT) {
            return new NaParseResult.Malformed(IPV6_OFFSET + 6, "not an ICMPv6 Neighbor Advertisement");
        }
        int icmp = offset + ICMP_OFFSET;
        boolean checksumValid = InternetChecksum.verifies(InternetChecksum.add(
                pseudoHeader(in, offset + IPV6_OFFSET + 8, payloadLength), in, icmp, payloadLength));
        byte[] mac = null;
        for (int opt = icmp + 24; opt + 2 <= icmp + payloadLength; ) {
            int optLength = (in.get(opt + 1) & 0xff) * 8;
            if (optLength == 0 || opt + optLength > icmp + payloadLength) {
                return new NaParseResult.Malformed(opt + 1 - offset, "ND option length " + optLength + " invalid");
            }
            if ((in.get(opt) & 0xff) == OPTION_TARGET_LINK_LAYER_ADDRESS && optLength >= 8) {
                mac = new byte[6];
                in.get(opt + 2, mac);
            }
            opt += optLength;
        }
        byte[] ethSrc = new byte[6];
        in.get(offset + 6, ethSrc);
        return new NaParseResult.Parsed(new NeighborAdvert(ethSrc, in.get(offset + IPV6_OFFSET + 7) & 0xff,
                address(in, offset + IPV6_OFFSET + 8), address(in, offset + IPV6_OFFSET + 24),
                in.get(icmp + 4) & 0xe0, address(in, icmp + 8), mac, checksumValid));
    }

    private static Inet6Address address(ByteBuffer in, int at) {
        byte[] b = new byte[16];
        in.get(at, b);
        try {
            return (Inet6Address) InetAddress.getByAddress(b);
        } catch (UnknownHostException e) {
            throw new AssertionError("16 bytes are always an IPv6 address", e);
        }
    }
}
