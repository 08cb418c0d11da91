package org.keepalived4j.codec.netlink;

import java.net.InetAddress;

/**
 * One path of a multipath route: a struct rtnexthop inside RTA_MULTIPATH, with the gateway as a nested RTA_GATEWAY.
 *
 * @param gateway the next hop's gateway, or null (device-only path)
 * @param ifindex output interface index, 0 for none
 * @param weight the weight as ip(8) writes it (1..256); travels as rtnh_hops = weight - 1
 * @param flags RTNH_F_* (e.g. {@link Netlink#RTNH_F_ONLINK})
 */
public record RouteNextHop(InetAddress gateway, int ifindex, int weight, int flags) {
    /** sizeof(struct rtnexthop): len u16, flags u8, hops u8, ifindex s32. */
    public static final int RTNEXTHOP_SIZE = 8;

    public RouteNextHop {
        if (weight < 1 || weight > 256) {
            throw new IllegalArgumentException("nexthop weight " + weight + " outside 1..256");
        }
    }
}
