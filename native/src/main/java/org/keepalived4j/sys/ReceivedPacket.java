package org.keepalived4j.sys;

import java.net.InetAddress;

/**
 * A datagram read from a raw IP socket with its ancillary data.
 *
 * @param data the bytes read (for IPv4 raw sockets the IP header comes first; IPv6 raw sockets give the payload)
 * @param source the sender's address (with scope for IPv6 link-local)
 * @param destination the packet's destination address (IP_PKTINFO / IPV6_PKTINFO), or null if not requested
 * @param ttl TTL (IPv4, IP_RECVTTL) or hop limit (IPv6, IPV6_RECVHOPLIMIT), or -1 if not reported
 * @param ifIndex index of the interface it arrived on (from pktinfo), or 0 if not reported
 * @param truncated true when the datagram was longer than the receive buffer
 * @param kernelTimeNanos when the kernel received it (SO_TIMESTAMPNS: CLOCK_REALTIME, ns since the epoch), or 0 if
 *                        not reported
 */
public record ReceivedPacket(byte[] data, InetAddress source, InetAddress destination, int ttl, int ifIndex,
                             boolean truncated, long kernelTimeNanos) {
    public ReceivedPacket {
        data = data.clone();
    }

    @Override
    public byte[] data() {
        return data.clone();
    }
}
