package org.keepalived4j.sys;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.keepalived4j.codec.netlink.AddressMessage;
import org.keepalived4j.codec.netlink.Netlink;
import org.keepalived4j.codec.netlink.NetlinkMessage;
import org.keepalived4j.codec.netlink.RtnlRequests;

/** Address operations over rtnetlink: list, primary IPv4, link-local IPv6, add, delete. No policy. */
public final class AddressOps {
    private final NetlinkSocket nl;

    public AddressOps(NetlinkSocket nl) {
        this.nl = nl;
    }

    /** Every address of {@code family} (Netlink.AF_INET, AF_INET6 or AF_UNSPEC). */
    public List<AddressMessage> list(int family) throws NativeCallException {
        List<AddressMessage> out = new ArrayList<>();
        for (NetlinkMessage m : nl.dump(RtnlRequests.dumpAddresses(family), "dump addresses")) {
            AddressMessage.decode(m).map(out::add);
        }
        return out;
    }

    /** Addresses of one interface, in kernel order (the primary IPv4 address first). */
    public List<AddressMessage> list(String ifName, int family) throws NativeCallException {
        int idx = Interfaces.index(ifName);
        return list(family).stream().filter(a -> a.index() == idx).toList();
    }

    /** The interface's primary (first non-secondary) IPv4 address, as keepalived picks its source address. */
    public Optional<Inet4Address> primaryIpv4(String ifName) throws NativeCallException {
        for (AddressMessage a : list(ifName, Netlink.AF_INET)) {
            if ((a.allFlags() & Netlink.IFA_F_SECONDARY) == 0 && a.effectiveAddress() instanceof Inet4Address v4) {
                return Optional.of(v4);
            }
        }
        return Optional.empty();
    }

    /** The interface's first usable (not tentative / DAD-failed) fe80::/10 address. */
    public Optional<Inet6Address> linkLocalIpv6(String ifName) throws NativeCallException {
        for (AddressMessage a : list(ifName, Netlink.AF_INET6)) {
            boolean unusable = (a.allFlags() & (Netlink.IFA_F_TENTATIVE | Netlink.IFA_F_DADFAILED)) != 0;
            if (!unusable && a.effectiveAddress() instanceof Inet6Address v6 && v6.isLinkLocalAddress()) {
                return Optional.of(v6);
            }
        }
        return Optional.empty();
    }

    /** ip addr add ADDRESS/PREFIX dev IFNAME. */
    public void add(String ifName, InetAddress address, int prefixLength) throws NativeCallException {
        add(AddressMessage.of(Interfaces.index(ifName), address, prefixLength), ifName);
    }

    /** Adds a fully specified address (broadcast, label, scope, flags); {@code ifName} names it in errors. */
    public void add(AddressMessage address, String ifName) throws NativeCallException {
        nl.request(RtnlRequests.addAddress(address), "add address " + describe(address, ifName));
    }

    public void delete(String ifName, InetAddress address, int prefixLength) throws NativeCallException {
        delete(AddressMessage.of(Interfaces.index(ifName), address, prefixLength), ifName);
    }

    public void delete(AddressMessage address, String ifName) throws NativeCallException {
        nl.request(RtnlRequests.deleteAddress(address), "delete address " + describe(address, ifName));
    }

    private static String describe(AddressMessage a, String ifName) {
        return a.effectiveAddress().getHostAddress() + "/" + a.prefixLength() + " dev " + ifName;
    }
}
