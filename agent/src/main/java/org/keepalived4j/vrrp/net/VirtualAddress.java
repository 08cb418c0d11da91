package org.keepalived4j.vrrp.net;

import java.net.Inet6Address;
import java.net.InetAddress;
import org.keepalived4j.codec.netlink.AddressMessage;
import org.keepalived4j.codec.netlink.Netlink;

/**
 * One virtual_ipaddress entry as it goes into the kernel: {@code ADDRESS/PREFIX [brd B] [dev D] [scope S] [label L]}.
 *
 * @param address the VIP (also what adverts carry)
 * @param prefixLength keepalived's default is /32 (IPv4) and /128 (IPv6)
 * @param broadcast null for none
 * @param device interface to put it on; null = the instance's interface (or its VMAC)
 * @param scope rtnetlink scope (RT_SCOPE_UNIVERSE = 0 by default)
 * @param label IPv4 label (e.g. "lan0:1"), null for none
 */
public record VirtualAddress(InetAddress address, int prefixLength, InetAddress broadcast, String device, int scope,
                             String label) {
    public VirtualAddress {
        if (address == null) {
            throw new IllegalArgumentException("virtual address missing");
        }
        int max = address.getAddress().length * 8;
        if (prefixLength < 0 || prefixLength > max) {
            throw new IllegalArgumentException("prefix /" + prefixLength + " invalid for " + address.getHostAddress());
        }
    }

    /** A host address on the instance's interface, as keepalived adds {@code virtual_ipaddress { A }}. */
    public static VirtualAddress host(InetAddress address) {
        return new VirtualAddress(address, address.getAddress().length * 8, null, null, 0, null);
    }

    /**
     * The rtnetlink address on interface {@code ifindex} with prefix, broadcast, scope and label; IPv6 with nodad
     * (a VIP must be usable at once). Used for VIPs and static_ipaddress alike, as keepalived uses one function.
     */
    public AddressMessage message(int ifindex) {
        AddressMessage m = AddressMessage.of(ifindex, address, prefixLength).withScope(scope);
        if (broadcast != null) {
            m = m.withBroadcast(broadcast);
        }
        if (label != null) {
            m = m.withLabel(label);
        }
        if (address instanceof Inet6Address) {
            m = m.withFlags(Netlink.IFA_F_NODAD);
        }
        return m;
    }

    public String text() {
        return address.getHostAddress() + "/" + prefixLength;
    }
}
