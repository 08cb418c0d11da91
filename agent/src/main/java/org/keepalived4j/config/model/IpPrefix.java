package org.keepalived4j.config.model;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.util.Optional;
import org.keepalived4j.config.bind.InetAddresses;

/** An address with its prefix length, as written {@code 10.0.0.1/24} or {@code fe80::1/64}. */
public record IpPrefix(InetAddress address, int prefixLength) {
    public IpPrefix {
        int max = maxPrefix(address);
        if (prefixLength < 0 || prefixLength > max) {
            throw new IllegalArgumentException("prefix length " + prefixLength + " out of range 0.." + max);
        }
    }

    /** A host prefix: /32 for IPv4, /128 for IPv6. */
    public static IpPrefix host(InetAddress address) {
        return new IpPrefix(address, maxPrefix(address));
    }

    /** Parses {@code ADDR} or {@code ADDR/LEN}; empty when either part is malformed. */
    public static Optional<IpPrefix> parse(String text) {
        int slash = text.indexOf('/');
        Optional<InetAddress> addr = InetAddresses.parse(slash < 0 ? text : text.substring(0, slash));
        if (addr.isEmpty()) {
            return Optional.empty();
        }
        if (slash < 0) {
            return Optional.of(host(addr.get()));
        }
        String len = text.substring(slash + 1);
        if (!len.matches("\\d{1,3}")) {
            return Optional.empty();
        }
        int n = Integer.parseInt(len);
        return n <= maxPrefix(addr.get()) ? Optional.of(new IpPrefix(addr.get(), n)) : Optional.empty();
    }

    public boolean isIpv4() {
        return address instanceof Inet4Address;
    }

    private static int maxPrefix(InetAddress address) {
        return address instanceof Inet4Address ? 32 : 128;
    }

    @Override
    public String toString() {
        return InetAddresses.format(address) + "/" + prefixLength;
    }
}
