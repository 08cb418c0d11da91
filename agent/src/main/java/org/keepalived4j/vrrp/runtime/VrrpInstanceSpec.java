package org.keepalived4j.vrrp.runtime;

import java.net.InetAddress;
import java.util.List;
import org.keepalived4j.vrrp.VrrpRouterSettings;
import org.keepalived4j.vrrp.net.VirtualAddress;

/**
 * One vrrp_instance as the runtime needs it: the engine settings plus where it lives in the kernel.
 *
 * @param settings engine settings (their virtualAddresses are the addresses of {@code addresses}, in order)
 * @param interfaceName the instance's {@code interface}
 * @param addresses the virtual_ipaddress entries with prefix, brd, dev, scope, label
 * @param vmacName null without use_vmac, else the macvlan's name (keepalived default vrrp.VRID)
 * @param vmacAddress the VMAC as aa:bb:.. (null: 00:00:5e:00:01:VRID / 00:00:5e:00:02:VRID)
 * @param multicastGroup 224.0.0.18 / ff02::12 or vrrp_mcast_group4/6
 * @param watchedAddress the interface address whose loss is a fault (the primary IPv4 the adverts come from), or
 *                       null (IPv6 link-local, unicast_src_ip on another interface)
 * @param trackInterface false with dont_track_primary: the interface going down is not a fault
 * @param vmacTransmitOnBase vmac_xmit_base: with a VMAC, adverts still leave from {@code interfaceName} (the VIPs
 *                           and their GARP/NA stay on the VMAC)
 * @param excludedAddresses virtual_ipaddress_excluded (plus VIPs of the other family and beyond 255): installed,
 *                          removed and announced with the VIPs, never in adverts
 */
public record VrrpInstanceSpec(VrrpRouterSettings settings, String interfaceName, List<VirtualAddress> addresses,
                               String vmacName, String vmacAddress, InetAddress multicastGroup,
                               InetAddress watchedAddress, boolean trackInterface, boolean vmacTransmitOnBase,
                               List<VirtualAddress> excludedAddresses) {
    public VrrpInstanceSpec {
        addresses = List.copyOf(addresses);
        excludedAddresses = List.copyOf(excludedAddresses);
        if (interfaceName == null || interfaceName.isEmpty()) {
            throw new IllegalArgumentException("vrrp_instance " + settings.instanceName() + ": interface missing");
        }
        List<InetAddress> vips = addresses.stream().map(VirtualAddress::address).toList();
        if (!vips.equals(settings.virtualAddresses())) {
            throw new IllegalArgumentException("vrrp_instance " + settings.instanceName()
                    + ": virtual addresses differ from the settings' " + settings.virtualAddresses());
        }
    }

    /** A multicast instance with host VIPs on {@code interfaceName} and keepalived's default group. */
    public static VrrpInstanceSpec of(VrrpRouterSettings settings, String interfaceName) {
        List<VirtualAddress> vips = settings.virtualAddresses().stream().map(VirtualAddress::host).toList();
        InetAddress watched = settings.family() == org.keepalived4j.vrrp.AddressFamily.IPV4 ? settings.primaryAddress()
                : null;
        return new VrrpInstanceSpec(settings, interfaceName, vips, null, null, defaultGroup(settings), watched, true,
                false, List.of());
    }

    public VrrpInstanceSpec withVmac(String name) {
        return new VrrpInstanceSpec(settings, interfaceName, addresses, name, null, multicastGroup, watchedAddress,
                trackInterface, vmacTransmitOnBase, excludedAddresses);
    }

    /** vmac_xmit_base on or off (meaningful with a VMAC). */
    public VrrpInstanceSpec withVmacTransmitOnBase(boolean onBase) {
        return new VrrpInstanceSpec(settings, interfaceName, addresses, vmacName, vmacAddress, multicastGroup,
                watchedAddress, trackInterface, onBase, excludedAddresses);
    }

    public static InetAddress defaultGroup(VrrpRouterSettings settings) {
        try {
            return InetAddress.getByName(settings.family() == org.keepalived4j.vrrp.AddressFamily.IPV4 ? "224.0.0.18"
                    : "ff02::12");
        } catch (java.net.UnknownHostException e) {
            throw new AssertionError(e);
        }
    }
}
