package org.keepalived4j.config.model.vrrp;

import java.net.InetAddress;
import java.util.Optional;

/** One {@code nexthop} of a multipath route. */
public record NextHop(Optional<InetAddress> via, Optional<String> device, Optional<Integer> weight, boolean onlink) {}
