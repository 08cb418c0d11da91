package org.keepalived4j.codec.arp;

import java.net.Inet4Address;
import java.util.Arrays;

/** An Ethernet/IPv4 ARP frame. MAC arrays are copied in and out. */
public record ArpPacket(byte[] ethernetDestination, byte[] ethernetSource, int opcode, byte[] senderMac,
                        Inet4Address senderIp, byte[] targetMac, Inet4Address targetIp) {
    public ArpPacket {
        ethernetDestination = ethernetDestination.clone();
        ethernetSource = ethernetSource.clone();
        senderMac = senderMac.clone();
        targetMac = targetMac.clone();
    }

    @Override
    public byte[] ethernetDestination() {
        return ethernetDestination.clone();
    }

    @Override
    public byte[] ethernetSource() {
        return ethernetSource.clone();
    }

    @Override
    public byte[] senderMac() {
        return senderMac.clone();
    }

    @Override
    public byte[] targetMac() {
        return targetMac.clone();
    }

    /** Sender IP equals target IP: an announcement of the sender's own address. */
    public boolean isGratuitous() {
        return senderIp.equals(targetIp);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ArpPacket p && opcode == p.opcode && Arrays.equals(ethernetDestination, p.ethernetDestination)
                && Arrays.equals(ethernetSource, p.ethernetSource) && Arrays.equals(senderMac, p.senderMac)
                && senderIp.equals(p.senderIp) && Arrays.equals(targetMac, p.targetMac) && targetIp.equals(p.targetIp);
    }

    @Override
    public int hashCode() {
        return (opcode * 31 + senderIp.hashCode()) * 31 + targetIp.hashCode();
    }

    @Override
    public String toString() {
        return "ARP{op=" + opcode + ", sender=" + senderIp.getHostAddress() + ", target=" + targetIp.getHostAddress()
                + "}";
    }
}
