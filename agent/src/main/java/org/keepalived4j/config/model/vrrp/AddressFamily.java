package org.keepalived4j.config.model.vrrp;

import java.net.Inet4Address;
import java.net.InetAddress;

/** The address family of a VRRP instance: keepalived runs one family per instance. */
public enum AddressFamily {
    IPV4,
    IPV6;

    public static AddressFamily of(InetAddress address) {
        return address instanceof Inet4Address ? IPV4 : IPV6;
    }
}
