package org.keepalived4j.vrrp.net;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.keepalived4j.codec.netlink.Netlink;
import org.keepalived4j.codec.netlink.RtnlRequests;
import org.keepalived4j.sys.NativeCallException;
import org.keepalived4j.sys.Rtnl;
import org.keepalived4j.vrrp.AddressFamily;

/**
 * use_vmac: the macvlan keepalived creates on the instance's interface, mode private, MAC 00:00:5e:00:01:VRID
 * (IPv6: 00:00:5e:00:02:VRID), default name vrrp.VRID. The VIPs live on it and adverts and GARPs leave from it.
 */
public final class Vmac {
    private static final Logger LOG = LogManager.getLogger(Vmac.class);

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
     * (arp_ignore 1, arp_filter 1, as keepalived sets), so the VIP resolves to the VMAC.
     */
    public static int create(Rtnl rtnl, String name, String parent, byte[] mac) throws NativeCallException {
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

    /** /proc/sys of the calling thread's network namespace. */
    private static void sysctl(String key, String value) {
        try {
            Files.writeString(Path.of("/proc/sys", key), value);
        } catch (IOException | RuntimeException e) {
            LOG.warn("cannot set {} = {}: {}", key.replace('/', '.'), value, e.toString());
        }
    }
}
