package org.keepalived4j.codec.arp;

/** Outcome of parsing an ARP frame: the packet, or what is wrong and at which byte of the frame. */
public sealed interface ArpParseResult {
    record Parsed(ArpPacket packet) implements ArpParseResult {
    }

    record Malformed(int offset, String detail) implements ArpParseResult {
    }
}
