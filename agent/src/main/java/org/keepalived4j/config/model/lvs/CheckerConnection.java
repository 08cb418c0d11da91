package org.keepalived4j.config.model.lvs;

import java.net.InetAddress;
import java.util.Optional;

/**
 * Where a network checker connects: effective values (the real server's address and port unless
 * {@code connect_ip}/{@code connect_port} say otherwise).
 *
 * @param bindTo source address ({@code bindto}), empty for the kernel's choice
 */
public record CheckerConnection(InetAddress connectIp, int connectPort, Optional<InetAddress> bindTo) {}
