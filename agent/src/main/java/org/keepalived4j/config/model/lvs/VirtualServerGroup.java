package org.keepalived4j.config.model.lvs;

import java.net.InetAddress;
import java.util.List;
import java.util.Optional;

/** A {@code virtual_server_group}: addresses, address ranges and firewall marks sharing one configuration. */
public record VirtualServerGroup(String name, List<Entry> entries) {
    public VirtualServerGroup {
        entries = List.copyOf(entries);
    }

    public sealed interface Entry {}

    /**
     * {@code IP [PORT]} or a range ({@code a.b.c.d-e}, {@code a.b.c.d-e.f.g.h}, CIDR), both ends included.
     *
     * @param port 0 when omitted
     */
    public record AddressRange(InetAddress first, InetAddress last, int port) implements Entry {
        public IpFamily family() {
            return IpFamily.of(first);
        }
    }

    /** {@code fwmark N [inet|inet6]}. */
    public record Fwmark(long mark, Optional<IpFamily> family) implements Entry {}
}
