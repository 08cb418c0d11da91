package org.keepalived4j.codec.ip;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * A parsed IPv4 header (RFC 791) as a raw IPv4 socket returns it in front of the payload.
 *
 * @param headerLength IHL in bytes (20..60)
 * @param tos the whole TOS byte (DSCP and ECN)
 * @param totalLength total length from the header, in bytes
 * @param identification IP ID
 * @param flagsAndFragmentOffset the 16-bit flags (DF 0x4000, MF 0x2000) and fragment offset word
 * @param ttl time to live
 * @param protocol 112 VRRP, 51 AH
 * @param checksum the header checksum as received
 * @param source source address, network order as an int
 * @param destination destination address, network order as an int
 */
public record Ipv4Header(int headerLength, int tos, int totalLength, int identification, int flagsAndFragmentOffset,
                         int ttl, int protocol, int checksum, int source, int destination) {

    public static final int MIN_LENGTH = 20;
    public static final int PROTOCOL_VRRP = 112;
    public static final int PROTOCOL_AH = 51;

    public Inet4Address sourceAddress() {
        return toAddress(source);
    }

    public Inet4Address destinationAddress() {
        return toAddress(destination);
    }

    /** An IPv4 address held as a network-order int. */
    public static Inet4Address toAddress(int address) {
        byte[] b = {(byte) (address >>> 24), (byte) (address >>> 16), (byte) (address >>> 8), (byte) address};
        try {
            return (Inet4Address) InetAddress.getByAddress(b);
        } catch (UnknownHostException e) {
            throw new AssertionError("4 bytes are always a valid IPv4 address", e);
        }
    }

    /** The network-order int of an IPv4 address. */
    public static int toInt(Inet4Address address) {
        byte[] b = address.getAddress();
        return ((b[0] & 0xff) << 24) | ((b[1] & 0xff) << 16) | ((b[2] & 0xff) << 8) | (b[3] & 0xff);
    }
}
