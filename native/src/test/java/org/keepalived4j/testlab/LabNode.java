package org.keepalived4j.testlab;

/**
 * A node namespace of a {@link NetnsLab}: one veth {@code ifName} (lan0) to the lab bridge.
 *
 * @param index 1-based node number (also the last octet of its addresses)
 * @param namespace the namespace name, {@code k4j-<prefix>-<index>}
 * @param ifName the node's interface on the bridge segment
 * @param ipv4 the node's IPv4 address (10.x.y.index)
 * @param prefixLength the IPv4 prefix length
 * @param ipv6 the node's global IPv6 address, or null when the lab has IPv6 off
 */
public record LabNode(int index, String namespace, String ifName, String ipv4, int prefixLength, String ipv6) {
}
