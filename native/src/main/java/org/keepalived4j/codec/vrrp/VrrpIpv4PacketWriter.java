package org.keepalived4j.codec.vrrp;

import java.net.Inet4Address;
import java.nio.ByteBuffer;
import org.keepalived4j.codec.ah.IpsecAh;
import org.keepalived4j.codec.ip.Ipv4Header;
import org.keepalived4j.codec.ip.Ipv4HeaderCodec;

/**
 * A whole advertisement for an {@code IP_HDRINCL} raw IPv4 socket, as keepalived builds it
 * ({@code vrrp_build_pkt} + {@code vrrp_update_pkt}): IPv4 header (TOS 0xC0, TTL 255, DF clear, the given IP
 * ID), then for {@code auth_type AH} the AH header with SPI = source and the given sequence number, then the
 * VRRP message; with AH the ICV is computed last over the finished packet.
 */
public final class VrrpIpv4PacketWriter {
    private VrrpIpv4PacketWriter() {
    }

    /**
     * Writes at the buffer's position and advances it.
     *
     * @param ah the instance's AH signer, or null without AH
     * @param ahSequence the AH sequence number (ignored without AH)
     * @param unicast whether the destination is a unicast peer (excludes TTL from the AH ICV)
     * @return bytes written (the IPv4 total length)
     */
    public static int write(ByteBuffer out, VrrpAdvert advert, int ipId, Inet4Address source,
                            Inet4Address destination, V3Checksum checksum, IpsecAh ah, long ahSequence,
                            boolean unicast) {
        return write(out, advert, ipId, Ipv4HeaderCodec.TTL_VRRP, source, destination, checksum, ah, ahSequence,
                unicast);
    }

    /** As {@link #write(ByteBuffer, VrrpAdvert, int, Inet4Address, Inet4Address, V3Checksum, IpsecAh, long,
     * boolean)} with an explicit IP TTL (keepalived's unicast_ttl; multicast adverts always use 255). */
    public static int write(ByteBuffer out, VrrpAdvert advert, int ipId, int ttl, Inet4Address source,
                            Inet4Address destination, V3Checksum checksum, IpsecAh ah, long ahSequence,
                            boolean unicast) {
        int start = out.position();
        int vrrpLength = VrrpCodec.length(advert, false);
        int src = Ipv4Header.toInt(source);
        int payload = vrrpLength + (ah != null ? IpsecAh.HEADER_LENGTH : 0);
        Ipv4HeaderCodec.write(out, Ipv4HeaderCodec.TOS_NETWORK_CONTROL, ipId, ttl,
                ah != null ? Ipv4Header.PROTOCOL_AH : Ipv4Header.PROTOCOL_VRRP, src, Ipv4Header.toInt(destination),
                payload);
        if (ah != null) {
            IpsecAh.writeHeader(out, src, ahSequence);
        }
        VrrpCodec.encode(out, advert, source, destination, checksum);
        int length = out.position() - start;
        if (ah != null) {
            ah.sign(out, start, length, unicast);
        }
        return length;
    }

    /**
     * Prepares an already written packet for the next advert without allocating, as keepalived's
     * {@code vrrp_update_pkt} does: sets IP ID and priority, recomputes the IPv4 header and VRRP checksums
     * (v3 pseudo-header from the addresses in the IP header), and with AH sets the sequence number and ICV.
     *
     * @param start absolute index of the IPv4 header written by {@link #write}
     */
    public static void rewrite(ByteBuffer packet, int start, int ipId, int priority, V3Checksum checksum,
                               IpsecAh ah, long ahSequence, boolean unicast) {
        int length = packet.getShort(start + 2) & 0xffff;
        int vrrp = start + Ipv4Header.MIN_LENGTH;
        packet.putShort(start + 4, (short) ipId);
        packet.putShort(start + 10, (short) 0);
        packet.putShort(start + 10, (short) org.keepalived4j.codec.InternetChecksum.finish(
                org.keepalived4j.codec.InternetChecksum.add(0, packet, start, Ipv4Header.MIN_LENGTH)));
        if (ah != null) {
            packet.putInt(vrrp + 8, (int) ahSequence);
            vrrp += IpsecAh.HEADER_LENGTH;
        }
        int vrrpLength = start + length - vrrp;
        packet.put(vrrp + 2, (byte) priority);
        packet.putShort(vrrp + 6, (short) 0);
        int sum = 0;
        if ((packet.get(vrrp) & 0xf0) == 0x30 && checksum != V3Checksum.NO_PSEUDO_HEADER) {
            int dst = checksum == V3Checksum.PSEUDO_HEADER_MULTICAST_DESTINATION ? VrrpCodec.IPV4_MULTICAST_GROUP
                    : packet.getInt(start + 16);
            sum = VrrpCodec.ipv4PseudoHeader(packet.getInt(start + 12), dst, vrrpLength);
        }
        packet.putShort(vrrp + 6, (short) org.keepalived4j.codec.InternetChecksum.finish(
                org.keepalived4j.codec.InternetChecksum.add(sum, packet, vrrp, vrrpLength)));
        if (ah != null) {
            ah.sign(packet, start, length, unicast);
        }
    }
}
