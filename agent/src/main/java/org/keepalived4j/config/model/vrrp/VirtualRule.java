package org.keepalived4j.config.model.vrrp;

import java.util.Optional;
import org.keepalived4j.config.model.IpPrefix;

/**
 * One line of virtual_rules or static_rules (ip-rule syntax).
 *
 * @param family IPv4 unless an address is IPv6 or {@code inet6} is written
 * @param action {@code table N} (or lookup) is the usual one; empty for none
 */
public record VirtualRule(
        AddressFamily family,
        boolean not,
        Optional<IpPrefix> from,
        Optional<IpPrefix> to,
        Optional<Long> table,
        Optional<Long> preference,
        Optional<Long> fwmark,
        Optional<Long> fwmask,
        Optional<Integer> tos,
        Optional<String> inputInterface,
        Optional<String> outputInterface,
        boolean noTrack) {    public VirtualRule withPreference(long value) {
        return new VirtualRule(family, not, from, to, table, Optional.of(value), fwmark, fwmask, tos, inputInterface,
                outputInterface, noTrack);
    }
}
