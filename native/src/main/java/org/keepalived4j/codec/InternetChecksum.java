package org.keepalived4j.codec;

import java.nio.ByteBuffer;

/**
 * The RFC 1071 internet checksum (16-bit one's complement of the one's complement sum), used by the IPv4
 * header, VRRP, and ICMPv6. Sums are kept unfolded in an {@code int} so that pseudo-headers and payloads
 * can be added piecewise without allocation.
 */
public final class InternetChecksum {
    private InternetChecksum() {
    }

    /** Adds {@code length} bytes of {@code buf} starting at absolute index {@code offset} to {@code sum}. */
    public static int add(int sum, ByteBuffer buf, int offset, int length) {
        long acc = sum & 0xffffffffL;
        int end = offset + length;
        int i = offset;
        for (; i + 1 < end; i += 2) {
            acc += ((buf.get(i) & 0xff) << 8) | (buf.get(i + 1) & 0xff);
        }
        if (i < end) {
            acc += (buf.get(i) & 0xff) << 8; // odd length: pad with a zero byte
        }
        return fold32(acc);
    }

    /** Adds {@code length} bytes of {@code data} from {@code offset} to {@code sum}. */
    public static int add(int sum, byte[] data, int offset, int length) {
        return add(sum, ByteBuffer.wrap(data), offset, length);
    }

    /** Adds a 16-bit word. */
    public static int addWord(int sum, int word) {
        return fold32((sum & 0xffffffffL) + (word & 0xffff));
    }

    /** Adds a 32-bit value as two 16-bit words (an IPv4 address, a length). */
    public static int addInt(int sum, int value) {
        return fold32((sum & 0xffffffffL) + (value >>> 16) + (value & 0xffff));
    }

    /** The checksum field value for an accumulated sum: one's complement of the folded sum. */
    public static int finish(int sum) {
        long acc = sum & 0xffffffffL;
        while ((acc >>> 16) != 0) {
            acc = (acc & 0xffff) + (acc >>> 16);
        }
        return (int) (~acc & 0xffff);
    }

    /** Whether data including its checksum field sums to 0xffff, i.e. the checksum is valid. */
    public static boolean verifies(int sumIncludingChecksumField) {
        return finish(sumIncludingChecksumField) == 0;
    }

    private static int fold32(long acc) {
        while ((acc >>> 31) != 0) { // keep it positive in an int; carries are folded back in at the end
            acc = (acc & 0xffff) + (acc >>> 16);
        }
        return (int) acc;
    }
}
