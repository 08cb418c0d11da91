package org.keepalived4j.config.model.vrrp;

import java.net.InetAddress;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * {@code vrrp_instance NAME} with every value effective: keepalived's defaults and the global
 * vrrp_* settings (version, strict, garp, skip_check_adv_addr, ...) already applied, so the engine
 * and the management layer never re-derive them.
 *
 * @param interfaceName may be absent only with unicast peers (keepalived then uses the default interface)
 * @param family of the VIPs (keepalived runs one family per instance; the other family goes to
 *     virtual_ipaddress_excluded)
 * @param advertInterval whole seconds for version 2, centisecond resolution for version 3
 * @param version 3 for IPv6 instances whatever was configured, as keepalived does
 * @param preempt false with {@code nopreempt} (reset to true when priority is 255)
 * @param sourceAddress {@code mcast_src_ip} / {@code unicast_src_ip} (one setting in keepalived)
 * @param multicastGroup effective {@code mcast_dst_ip} (default global vrrp_mcast_group4/6)
 * @param accept accept mode (default on, off with no_accept or strict mode)
 * @param syncGroup the sync group this instance belongs to, if any
 */
public record VrrpInstance(
        String name,
        VrrpState initialState,
        Optional<String> interfaceName,
        int virtualRouterId,
        int priority,
        Duration advertInterval,
        int version,
        AddressFamily family,
        boolean preempt,
        Duration preemptDelay,
        Optional<Authentication> authentication,
        List<VirtualAddress> virtualAddresses,
        List<VirtualAddress> excludedAddresses,
        List<VirtualRoute> virtualRoutes,
        List<VirtualRule> virtualRules,
        List<TrackedObject> trackInterfaces,
        List<TrackedObject> trackScripts,
        List<TrackedObject> trackFiles,
        List<TrackedObject> trackProcesses,
        NotifyScripts notifyScripts,
        boolean notifyPriorityChanges,
        boolean smtpAlert,
        Optional<InetAddress> sourceAddress,
        List<UnicastPeer> unicastPeers,
        InetAddress multicastGroup,
        int unicastTtl,
        boolean checkUnicastSource,
        boolean trackSourceIp,
        Optional<Vmac> vmac,
        boolean vmacTransmitOnBase,
        boolean accept,
        boolean strictMode,
        boolean skipCheckAdvertAddresses,
        boolean dontTrackPrimary,
        boolean promoteSecondaries,
        GarpSettings garp,
        boolean lowerPrioNoAdvert,
        boolean higherPrioSendAdvert,
        Optional<String> syncGroup) {
    public VrrpInstance {
        virtualAddresses = List.copyOf(virtualAddresses);
        excludedAddresses = List.copyOf(excludedAddresses);
        virtualRoutes = List.copyOf(virtualRoutes);
        virtualRules = List.copyOf(virtualRules);
        trackInterfaces = List.copyOf(trackInterfaces);
        trackScripts = List.copyOf(trackScripts);
        trackFiles = List.copyOf(trackFiles);
        trackProcesses = List.copyOf(trackProcesses);
        unicastPeers = List.copyOf(unicastPeers);
    }

    /** True with unicast peers: adverts go to each peer rather than the multicast group. */
    public boolean isUnicast() {
        return !unicastPeers.isEmpty();
    }

    /** Priority 255: the instance owns the addresses. */
    public boolean isAddressOwner() {
        return priority == 255;
    }
}
