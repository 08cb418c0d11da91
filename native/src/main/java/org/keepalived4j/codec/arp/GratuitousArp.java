package org.keepalived4j.codec.arp;

import java.net.Inet4Address;
import java.nio.ByteBuffer;
import org.keepalived4j.codec.ip.Ipv4Header;

/**
 * The gratuitous ARP keepalived sends for each IPv4 VIP on becoming master (vrrp_arp.c), a 42-byte frame for
 * an AF_PACKET socket: Ethernet dst ff:ff:ff:ff:ff:ff, src = interface MAC (or VMAC), type 0x0806; ARP
 * Ethernet/IPv4, opcode 1 (request), sender MAC = the same MAC, sender IP = target IP = the VIP, target MAC
 * ff:ff:ff:ff:ff:ff (confirmed by capture).
 */
public final class GratuitousArp {
    public static final int FRAME_LENGTH = 42;
    public static final int ETHERTYPE_ARP = 0x0806;
    public static final int OPCODE_REQUEST = 1;
    public static final int OPCODE_REPLY = 2;

    private GratuitousArp() {
    }

    /** Writes the frame at the buffer's position and advances it. */
    public static void write(ByteBuffer out, byte[] senderMac, Inet4Address vip) {
        if (senderMac.length != 6) {
            throw new IllegalArgumentException("MAC must have 6 bytes, got " + senderMac.length);
        }
        int ip = Ipv4Header.toInt(vip);
        putBroadcast(out);
        out.put(senderMac);
        out.putShort((short) ETHERTYPE_ARP);
        out.putShort((short) 1); // hardware type Ethernet
        out.putShort((short) 0x0800); // protocol type IPv4
        out.put((byte) 6);
        out.put((byte) 4);
        out.putShort((short) OPCODE_REQUEST);
        out.put(senderMac);
        out.putInt(ip);
        putBroadcast(out);
        out.putInt(ip);
    }

    private static void putBroadcast(ByteBuffer out) {
        for (int i = 0; i < 6; i++) {
            out.put((byte) 0xff);
        }
    }

    /** Parses an Ethernet/IPv4 ARP frame; never throws. */
    public static ArpParseResult parse(ByteBuffer in, int offset, int length) {
        if (offset < 0 || length < 0 || offset + length > in.limit()) {
            return new ArpParseResult.Malformed(0, "bounds [" + offset + ", +" + length + ") outside the buffer");
        }
        if (length < FRAME_LENGTH) {
            return new ArpParseResult.Malformed(length, "ARP frame needs 42 bytes, got " + length);
        }
        if ((in.getShort(offset + 12) & 0xffff) != ETHERTYPE_ARP) {
            return new ArpParseResult.Malformed(12, "EtherType 0x" + Integer.toHexString(in.getShort(offset + 12)
                    & 0xffff) + ", expected 0x0806");
        }
        if (in.getShort(offset + 14) != 1 || in.getShort(offset + 16) != 0x0800 || in.get(offset + 18) != 6
                || in.get(offset + 19) != 4) {
            return new ArpParseResult.Malformed(14, "not Ethernet/IPv4 ARP");
        }
        byte[] ethDst = new byte[6];
        byte[] ethSrc = new byte[6];
        byte[] sha = new byte[6];
        byte[] tha = new byte[6];
        in.get(offset, ethDst);
        in.get(offset + 6, ethSrc);
        in.get(offset + 22, sha);
        in.get(offset + 32, tha);
        return new ArpParseResult.Parsed(new ArpPacket(ethDst, ethSrc, in.getShort(offset + 20) & 0xffff, sha,
                Ipv4Header.toAddress(in.getInt(offset + 28)), tha, Ipv4Header.toAddress(in.getInt(offset + 38))));
    }
}
