package org.keepalived4j.codec.ah;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * keepalived's IPsec AH for VRRPv2 ({@code auth_type AH}; vrrp.c {@code vrrp_build_ipsecah},
 * {@code vrrp_update_pkt}, {@code vrrp_in_chk_ipsecah}). It is not kernel IPsec: keepalived writes and checks
 * the AH itself.
 * <ul>
 * <li>Layout: IPv4 header (protocol 51) | AH (next header 112, payload length 4, reserved 0, SPI = IPv4
 * source, sequence, 12-byte ICV) | VRRPv2 packet. The IPv4 total length includes the AH.</li>
 * <li>ICV = the first 12 bytes of HMAC-MD5 keyed with {@code auth_pass} zero-padded (or truncated) to exactly
 * 8 bytes, over the whole IP packet with TOS, flags/fragment offset, header checksum and the ICV set to zero,
 * and TTL set to zero only for unicast peers (in multicast mode keepalived includes TTL 255).</li>
 * </ul>
 * One instance per key; it holds a {@link Mac} and a scratch buffer, so it is not thread-safe.
 */
public final class IpsecAh {
    public static final int HEADER_LENGTH = 24;
    public static final int ICV_LENGTH = 12;
    public static final int PAYLOAD_LENGTH = 4;
    public static final int NEXT_HEADER_VRRP = 112;
    public static final int KEY_LENGTH = 8;

    private static final int ICV_OFFSET = 12;

    private final Mac mac;
    private final byte[] digest = new byte[16];
    private byte[] scratch = new byte[128];

    /** @param authPass the configured {@code auth_pass} (bytes beyond 8 are ignored, as keepalived does) */
    public IpsecAh(String authPass) {
        this(authPass.getBytes(StandardCharsets.ISO_8859_1));
    }

    public IpsecAh(byte[] authPass) {
        try {
            mac = Mac.getInstance("HmacMD5");
            mac.init(new SecretKeySpec(key(authPass), "HmacMD5"));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacMD5 is a mandatory JCA algorithm", e);
        }
    }

    /** keepalived's AH key: the password zero-padded or truncated to exactly 8 bytes (always 8 bytes long). */
    public static byte[] key(byte[] authPass) {
        byte[] key = new byte[KEY_LENGTH];
        System.arraycopy(authPass, 0, key, 0, Math.min(authPass.length, KEY_LENGTH));
        return key;
    }

    /** Writes the AH header with a zero ICV at the buffer's position and advances it; {@link #sign} fills the ICV. */
    public static void writeHeader(ByteBuffer out, int spi, long sequence) {
        out.put((byte) NEXT_HEADER_VRRP);
        out.put((byte) PAYLOAD_LENGTH);
        out.putShort((short) 0);
        out.putInt(spi);
        out.putInt((int) sequence);
        for (int i = 0; i < ICV_LENGTH; i++) {
            out.put((byte) 0);
        }
    }

    /** Reads the AH header at absolute index {@code offset}; the caller checks that 24 bytes are there. */
    public static AhHeader readHeader(ByteBuffer in, int offset) {
        byte[] icv = new byte[ICV_LENGTH];
        in.get(offset + ICV_OFFSET, icv);
        return new AhHeader(in.get(offset) & 0xff, in.get(offset + 1) & 0xff, in.getInt(offset + 4),
                in.getInt(offset + 8) & 0xffffffffL, icv);
    }

    /**
     * Computes the ICV of the IPv4 packet at {@code [packetStart, packetStart + packetLength)} and writes it
     * into the AH header that follows the IPv4 header.
     *
     * @param unicast true when sending to unicast peers (TTL is then excluded from the ICV)
     */
    public void sign(ByteBuffer packet, int packetStart, int packetLength, boolean unicast) {
        int ihl = (packet.get(packetStart) & 0x0f) * 4;
        computeIcv(packet, packetStart, packetLength, ihl, unicast);
        packet.put(packetStart + ihl + ICV_OFFSET, digest, 0, ICV_LENGTH);
    }

    /** What {@link #verify} found, in keepalived's order: ICV first, then SPI = IPv4 source. */
    public enum Check { VALID, MALFORMED, ICV_MISMATCH, SPI_MISMATCH }

    /**
     * Checks a received IPv4 packet carrying AH: the ICV (constant-time compare), then that the SPI equals the
     * IPv4 source address. Never throws; the replay check on the sequence number is the caller's (it needs
     * the per-instance counter).
     */
    public Check verify(ByteBuffer packet, int packetStart, int packetLength, boolean unicast) {
        if (packetLength < 20 || packetStart < 0 || packetStart + packetLength > packet.limit()) {
            return Check.MALFORMED;
        }
        int ihl = (packet.get(packetStart) & 0x0f) * 4;
        if (ihl < 20 || packetLength < ihl + HEADER_LENGTH) {
            return Check.MALFORMED;
        }
        byte[] received = new byte[ICV_LENGTH];
        packet.get(packetStart + ihl + ICV_OFFSET, received);
        computeIcv(packet, packetStart, packetLength, ihl, unicast);
        if (!MessageDigest.isEqual(received, java.util.Arrays.copyOf(digest, ICV_LENGTH))) {
            return Check.ICV_MISMATCH;
        }
        return packet.getInt(packetStart + ihl + 4) == packet.getInt(packetStart + 12) ? Check.VALID
                : Check.SPI_MISMATCH;
    }

    private void computeIcv(ByteBuffer packet, int start, int length, int ihl, boolean unicast) {
        if (scratch.length < length) {
            scratch = new byte[length];
        }
        packet.get(start, scratch, 0, length);
        scratch[1] = 0; // TOS
        scratch[6] = 0; // flags + fragment offset
        scratch[7] = 0;
        if (unicast) {
            scratch[8] = 0; // TTL
        }
        scratch[10] = 0; // header checksum (0 in keepalived's send buffer; the kernel fills it)
        scratch[11] = 0;
        java.util.Arrays.fill(scratch, ihl + ICV_OFFSET, ihl + ICV_OFFSET + ICV_LENGTH, (byte) 0);
        mac.update(scratch, 0, length);
        try {
            mac.doFinal(digest, 0);
        } catch (javax.crypto.ShortBufferException e) {
            throw new AssertionError("digest buffer holds 16 bytes", e);
        }
    }
}
