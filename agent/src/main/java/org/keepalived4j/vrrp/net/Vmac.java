package org.keepalived4j.vrrp.net;

import java.io.IOException;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.keepalived4j.codec.ip.Ipv4HeaderCodec;
import org.keepalived4j.codec.netlink.AddressMessage;
import org.keepalived4j.codec.netlink.Netlink;
import org.keepalived4j.codec.netlink.RtnlRequests;
import org.keepalived4j.codec.vrrp.VrrpCodec;
import org.keepalived4j.sys.Errno;
import org.keepalived4j.sys.NativeCallException;
import org.keepalived4j.sys.RawIpSocket;
import org.keepalived4j.sys.Rtnl;
import org.keepalived4j.vrrp.AddressFamily;

/**
 * use_vmac: the macvlan keepalived creates on the instance's interface, mode private, MAC 00:00:5e:00:01:VRID
 * (IPv6: 00:00:5e:00:02:VRID), default name vrrp.VRID. The VIPs live on it and GARPs / NAs leave from it; adverts
 * too, unless vmac_xmit_base keeps them on the parent.
 */
public final class Vmac {
    private static final Logger LOG = LogManager.getLogger(Vmac.class);
    private static final int RT_SCOPE_LINK = 253;
    private static final int IFA_F_NODAD = 0x02;
    private static final int VRRP_CHECKSUM_OFFSET = 6;

    private Vmac() {
    }

    /** keepalived's default name: vmac_prefix "vrrp." + VRID. */
    public static String defaultName(int vrid) {
        return "vrrp." + vrid;
    }

    /** RFC 3768 §7.3 / RFC 5798 §7.3 virtual router MAC. */
    public static byte[] mac(AddressFamily family, int vrid) {
        return new byte[] {0, 0, 0x5e, 0, (byte) (family == AddressFamily.IPV4 ? 1 : 2), (byte) vrid};
    }

    /**
     * Creates (replacing a stale one left by a killed process) and brings up the macvlan in the calling thread's
     * namespace; returns its index. ARP on it and its parent is answered only for the interface's own addresses
     * (arp_ignore 1, arp_filter 1, as keepalived sets), so the VIP resolves to the VMAC. For an IPv6 instance
     * ({@code ipv6}) the kernel generates no link-local address of its own on it (addr_gen_mode none): keepalived's
     * VMAC has only the copy of the parent's.
     */
    public static int create(Rtnl rtnl, String name, String parent, byte[] mac, boolean ipv6)
            throws NativeCallException {
        if (rtnl.links().find(name).isPresent()) {
            LOG.info("removing stale VMAC interface {}", name);
            rtnl.links().delete(name);
        }
        int index = rtnl.links().createMacvlan(name, parent, mac, Netlink.MACVLAN_MODE_PRIVATE);
        for (String itf : new String[] {name, parent}) {
            sysctl("net/ipv4/conf/" + itf + "/arp_ignore", "1");
            sysctl("net/ipv4/conf/" + itf + "/arp_filter", "1");
        }
        sysctl("net/ipv4/conf/" + name + "/rp_filter", "0");
        if (ipv6) {
            sysctl("net/ipv6/conf/" + name + "/addr_gen_mode", "1");
        }
        rtnl.links().setUp(name, true);
        return index;
    }

    /** Deletes by index: callable from any thread (a name lookup would use the caller's namespace). */
    public static void delete(Rtnl rtnl, String name, int index) {
        try {
            rtnl.socket().request(RtnlRequests.deleteLink(index), "delete link " + name);
        } catch (NativeCallException e) {
            if (e.errno() != org.keepalived4j.sys.Errno.ENODEV) {
                LOG.warn("cannot delete VMAC interface {}: {}", name, e.getMessage());
            }
        }
    }

    /** Adverts of a use_vmac IPv4 instance leave from the VMAC (source MAC 00:00:5e:00:01:VRID), as keepalived's do. */
    public static RawIpSocket ipv4SendSocket(String vmac, int vmacIndex) throws NativeCallException {
        RawIpSocket s = RawIpSocket.open(false, VrrpCodec.PROTOCOL_VRRP);
        try {
            s.bindToDevice(vmac);
            s.setHeaderIncluded(true);
            s.setMulticastAll(false);
            s.setMulticastLoop(false);
            s.setMulticastInterface(vmacIndex);
            s.setMulticastTtl(Ipv4HeaderCodec.TTL_VRRP);
            return s;
        } catch (NativeCallException | RuntimeException e) {
            s.close();
            throw e;
        }
    }

    /**
     * IPv6 adverts of a use_vmac instance leave from the VMAC as keepalived's do: the parent's link-local address is
     * added to the VMAC too (nodad, so it is usable at once; removed with the VMAC) and is their source.
     */
    public static RawIpSocket ipv6SendSocket(Rtnl rtnl, String vmac, int vmacIndex, InetAddress source)
            throws NativeCallException {
        boolean linkLocal = source instanceof Inet6Address a && a.isLinkLocalAddress();
        if (linkLocal) {
            try {
                rtnl.addresses().add(AddressMessage.of(vmacIndex, source, 64).withScope(RT_SCOPE_LINK)
                        .withFlags(IFA_F_NODAD), vmac);
            } catch (NativeCallException e) {
                if (e.errno() != Errno.EEXIST) {
                    throw e;
                }
            }
        }
        RawIpSocket s = RawIpSocket.open(true, VrrpCodec.PROTOCOL_VRRP);
        try {
            s.bindToDevice(vmac);
            s.setIpv6ChecksumOffset(VRRP_CHECKSUM_OFFSET);
            s.setTrafficClass(Ipv4HeaderCodec.TOS_NETWORK_CONTROL);
            s.setMulticastLoop(false);
            s.setMulticastInterface(vmacIndex);
            s.setMulticastTtl(Ipv4HeaderCodec.TTL_VRRP);
            s.setUnicastTtl(Ipv4HeaderCodec.TTL_VRRP);
            s.bind(source, linkLocal ? vmacIndex : 0);
            return s;
        } catch (NativeCallException | RuntimeException e) {
            s.close();
            throw e;
        }
    }

    /** /proc/sys of the calling thread's network namespace. */
    private static void sysctl(String key, String value) {
        try {
            Files.writeString(Path.of("/proc/sys", key), value);
        } catch (IOException | RuntimeException e) {
            LOG.warn("cannot set {} = {}: {}", key.replace('/', '.'), value, e.toString());
        }
    }
}
