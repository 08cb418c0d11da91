package org.keepalived4j.config.model.lvs;

import java.net.InetAddress;

/** What a {@code virtual_server} line names: an address and port, a firewall mark, or a group. */
public sealed interface VirtualService {
    /** {@code virtual_server IP [PORT]}; port 0 when omitted (persistent services only). */
    record Address(InetAddress address, int port) implements VirtualService {}

    /** {@code virtual_server fwmark N}. */
    record Fwmark(long mark) implements VirtualService {}

    /** {@code virtual_server group NAME}, NAME being a virtual_server_group. */
    record Group(String name) implements VirtualService {}
}
