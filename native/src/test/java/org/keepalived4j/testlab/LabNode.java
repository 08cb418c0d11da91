package org.keepalived4j.testlab;

import java.util.List;

/**
 * A node namespace of a {@link NetnsLab}: one veth per segment (lan0, lan1...) plugged into that segment's bridge.
 *
 * @param index 1-based node number (also the last octet of its addresses)
 * @param namespace the namespace name, {@code k4j-<prefix>-<index>}
 * @param ifName the node's interface on segment 0 (lan0)
 * @param ipv4 the node's IPv4 address on segment 0 (10.x.y.index)
 * @param prefixLength the IPv4 prefix length (24)
 * @param ipv6 the node's IPv6 address on segment 0 (fd00:4b34:0::index), or null when the lab has IPv6 off
 * @param segmentIpv4 IPv4 address per segment
 * @param segmentIpv6 IPv6 address per segment (empty when IPv6 is off)
 */
public record LabNode(int index, String namespace, String ifName, String ipv4, int prefixLength, String ipv6,
                      List<String> segmentIpv4, List<String> segmentIpv6) {
    public LabNode {
        segmentIpv4 = List.copyOf(segmentIpv4);
        segmentIpv6 = List.copyOf(segmentIpv6);
    }

    /** Interface of segment {@code k}: lanK. */
    public String ifName(int segment) {
        return "lan" + segment;
    }

    public String ipv4(int segment) {
        return segmentIpv4.get(segment);
    }
}
