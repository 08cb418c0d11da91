package org.keepalived4j.codec.ah;

/**
 * The 24-byte IPsec AH header keepalived puts between the IPv4 header and a VRRPv2 packet
 * (RFC 2402 §2 layout, keepalived's own use of the fields).
 *
 * @param nextHeader 112 (VRRP)
 * @param payloadLength 4: AH length in 32-bit words minus 2
 * @param spi the sender's IPv4 address (network order as int); keepalived has no SA negotiation
 * @param sequence anti-replay sequence number, 1 for the first advert
 * @param icv the 12-byte HMAC-MD5-96 integrity check value
 */
public record AhHeader(int nextHeader, int payloadLength, int spi, long sequence, byte[] icv) {
    public AhHeader {
        icv = icv.clone();
    }

    @Override
    public byte[] icv() {
        return icv.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof AhHeader h && nextHeader == h.nextHeader && payloadLength == h.payloadLength
                && spi == h.spi && sequence == h.sequence && java.util.Arrays.equals(icv, h.icv);
    }

    @Override
    public int hashCode() {
        return java.util.Objects.hash(nextHeader, payloadLength, spi, sequence) * 31 + java.util.Arrays.hashCode(icv);
    }

    @Override
    public String toString() {
        return "AH{next=" + nextHeader + ", len=" + payloadLength + ", spi=0x" + Integer.toHexString(spi)
                + ", seq=" + sequence + "}";
    }
}
