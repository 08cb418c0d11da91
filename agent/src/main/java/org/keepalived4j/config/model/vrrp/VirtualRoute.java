package org.keepalived4j.config.model.vrrp;

import java.net.InetAddress;
import java.util.List;
import java.util.Optional;
import org.keepalived4j.config.model.IpPrefix;

/**
 * One line of virtual_routes or static_routes (ip-route syntax).
 *
 * @param metric {@code metric}/{@code priority}/{@code preference}
 * @param protocol as written (number or rt_protos name)
 * @param append {@code append} rather than the default prepend
 */
public record VirtualRoute(
        RouteType type,
        IpPrefix destination,
        Optional<InetAddress> source,
        Optional<InetAddress> via,
        Optional<String> device,
        Optional<Long> table,
        Optional<Long> metric,
        Optional<AddressScope> scope,
        Optional<String> protocol,
        Optional<Integer> mtu,
        boolean onlink,
        List<NextHop> nextHops,
        boolean append,
        boolean noTrack) {
    public VirtualRoute {
        nextHops = List.copyOf(nextHops);
    }
}
