package org.keepalived4j.vrrp;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;

/** Address family of a VRRP instance: all its virtual addresses and adverts are of one family. */
public enum AddressFamily {
    IPV4, IPV6;

    public boolean contains(InetAddress address) {
        return this == IPV4 ? address instanceof Inet4Address : address instanceof Inet6Address;
    }

    public static AddressFamily of(InetAddress address) {
        return address instanceof Inet6Address ? IPV6 : IPV4;
    }
}
