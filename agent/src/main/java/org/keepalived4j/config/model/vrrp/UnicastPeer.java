package org.keepalived4j.config.model.vrrp;

import java.net.InetAddress;

/**
 * One {@code unicast_peer} line: {@code ADDRESS [min_ttl N] [max_ttl N]}. keepalived drops an advert from this peer
 * whose TTL / hop limit is outside min..max (counted as a TTL error); giving either option turns on
 * check_unicast_src for the instance.
 *
 * @param minTtl 0..255, default 0
 * @param maxTtl 0..255, default 255
 */
public record UnicastPeer(InetAddress address, int minTtl, int maxTtl) {
    public static final int ANY_TTL_MIN = 0;
    public static final int ANY_TTL_MAX = 255;

    /** A peer without a TTL range. */
    public UnicastPeer(InetAddress address) {
        this(address, ANY_TTL_MIN, ANY_TTL_MAX);
    }

    /** True when min_ttl or max_ttl narrows the range. */
    public boolean hasTtlRange() {
        return minTtl != ANY_TTL_MIN || maxTtl != ANY_TTL_MAX;
    }
}
