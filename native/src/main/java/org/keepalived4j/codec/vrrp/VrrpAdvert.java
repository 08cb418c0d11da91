package org.keepalived4j.codec.vrrp;

import java.net.InetAddress;
import java.util.List;

/**
 * One VRRP advertisement as the protocol sees it, independent of the wire (raw socket, AH, or the
 * simulated network of the engine tests).
 *
 * @param version 2 (RFC 3768) or 3 (RFC 5798)
 * @param virtualRouterId 1..255
 * @param priority 0..255 (0: the master resigns, 255: the address owner)
 * @param authType v2 only: 0 none, 1 simple password, 2 IP AH (the VRRP field; AH itself wraps the packet); 0 for v3
 * @param advertInterval v2: whole seconds (8-bit field); v3: centiseconds (12-bit Max Adver Int)
 * @param addresses the virtual addresses, all of one family
 * @param authData v2 only: the 8 authentication bytes (the password for type 1, zeros otherwise); empty for v3
 */
public record VrrpAdvert(int version, int virtualRouterId, int priority, int authType, int advertInterval,
                         List<InetAddress> addresses, byte[] authData) {
    public VrrpAdvert {
        addresses = List.copyOf(addresses);
        authData = authData.clone();
    }

    @Override
    public byte[] authData() {
        return authData.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof VrrpAdvert a && version == a.version && virtualRouterId == a.virtualRouterId
                && priority == a.priority && authType == a.authType && advertInterval == a.advertInterval
                && addresses.equals(a.addresses) && java.util.Arrays.equals(authData, a.authData);
    }

    @Override
    public int hashCode() {
        return java.util.Objects.hash(version, virtualRouterId, priority, authType, advertInterval, addresses)
                * 31 + java.util.Arrays.hashCode(authData);
    }

    @Override
    public String toString() {
        return "VRRPv" + version + "{vrid=" + virtualRouterId + ", prio=" + priority + ", auth=" + authType
                + ", int=" + advertInterval + ", addrs=" + addresses + "}";
    }
}
