package org.keepalived4j.codec.ip;

import java.nio.ByteBuffer;
import org.keepalived4j.codec.InternetChecksum;

/**
 * Writes the IPv4 header keepalived builds for {@code IP_HDRINCL} sending (vrrp.c {@code vrrp_build_ip4}):
 * version 4, IHL 5, TOS 0xC0 (DSCP CS6, "internet network control"), DF clear, TTL 255, and the header
 * checksum (the kernel fills it in anyway for IP_HDRINCL; writing it makes our buffer equal the wire bytes).
 * Also parses received headers without throwing.
 */
public final class Ipv4HeaderCodec {
    public static final int TOS_NETWORK_CONTROL = 0xc0;
    public static final int TTL_VRRP = 255;

    private Ipv4HeaderCodec() {
    }

    /**
     * Writes a 20-byte header at the buffer's position and advances it.
     *
     * @param payloadLength bytes after the header (AH + VRRP)
     */
    public static void write(ByteBuffer out, int identification, int protocol, int source, int destination,
                             int payloadLength) {
        write(out, TOS_NETWORK_CONTROL, identification, TTL_VRRP, protocol, source, destination, payloadLength);
    }

    /** Writes a 20-byte header with explicit TOS and TTL. */
    public static void write(ByteBuffer out, int tos, int identification, int ttl, int protocol, int source,
                             int destination, int payloadLength) {
        int start = out.position();
        out.put((byte) 0x45);
        out.put((byte) tos);
        out.putShort((short) (Ipv4Header.MIN_LENGTH + payloadLength));
        out.putShort((short) identification);
        out.putShort((short) 0); // DF clear, no fragments
        out.put((byte) ttl);
        out.put((byte) protocol);
        out.putShort((short) 0);
        out.putInt(source);
        out.putInt(destination);
        int checksum = InternetChecksum.finish(InternetChecksum.add(0, out, start, Ipv4Header.MIN_LENGTH));
        out.putShort(start + 10, (short) checksum);
    }

    /**
     * Parses the header at absolute index {@code offset}; {@code length} is the number of bytes received from
     * there. Checks version, IHL, that the header fits, its checksum, and that the total length equals the
     * received length (keepalived counts a mismatch as a packet length error).
     */
    public static Ipv4ParseResult parse(ByteBuffer in, int offset, int length) {
        if (offset < 0 || length < 0 || offset + length > in.limit()) {
            return new Ipv4ParseResult.Malformed(Ipv4ParseResult.Problem.TRUNCATED, Math.max(offset, 0),
                    "bounds [" + offset + ", +" + length + ") outside the " + in.limit() + "-byte buffer");
        }
        if (length < Ipv4Header.MIN_LENGTH) {
            return new Ipv4ParseResult.Malformed(Ipv4ParseResult.Problem.TRUNCATED, offset + length,
                    "IPv4 header needs 20 bytes, got " + length);
        }
        int versionIhl = in.get(offset) & 0xff;
        if ((versionIhl >>> 4) != 4) {
            return new Ipv4ParseResult.Malformed(Ipv4ParseResult.Problem.BAD_HEADER, offset,
                    "IP version " + (versionIhl >>> 4) + ", expected 4");
        }
        int ihl = (versionIhl & 0x0f) * 4;
        if (ihl < Ipv4Header.MIN_LENGTH) {
            return new Ipv4ParseResult.Malformed(Ipv4ParseResult.Problem.BAD_HEADER, offset,
                    "IPv4 header length " + ihl + " is below 20");
        }
        if (ihl > length) {
            return new Ipv4ParseResult.Malformed(Ipv4ParseResult.Problem.TRUNCATED, offset + length,
                    "IPv4 header length " + ihl + " exceeds the " + length + " bytes received");
        }
        int totalLength = in.getShort(offset + 2) & 0xffff;
        if (!InternetChecksum.verifies(InternetChecksum.add(0, in, offset, ihl))) {
            return new Ipv4ParseResult.Malformed(Ipv4ParseResult.Problem.BAD_HEADER_CHECKSUM, offset + 10,
                    "IPv4 header checksum invalid");
        }
        if (totalLength != length) {
            return new Ipv4ParseResult.Malformed(Ipv4ParseResult.Problem.TOTAL_LENGTH_MISMATCH, offset + 2,
                    "IPv4 total length " + totalLength + " but " + length + " bytes received");
        }
        return new Ipv4ParseResult.Parsed(new Ipv4Header(ihl, in.get(offset + 1) & 0xff, totalLength,
                in.getShort(offset + 4) & 0xffff, in.getShort(offset + 6) & 0xffff, in.get(offset + 8) & 0xff,
                in.get(offset + 9) & 0xff, in.getShort(offset + 10) & 0xffff, in.getInt(offset + 12),
                in.getInt(offset + 16)));
    }
}
