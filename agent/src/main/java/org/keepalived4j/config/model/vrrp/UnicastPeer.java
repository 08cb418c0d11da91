package org.keepalived4j.config.model.vrrp;

import java.net.InetAddress;

/** One {@code unicast_peer} address. */
public record UnicastPeer(InetAddress address) {}
