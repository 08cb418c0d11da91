package org.keepalived4j.vrrp.runtime;

import java.net.InetAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.keepalived4j.config.model.GlobalDefs;
import org.keepalived4j.config.model.KeepalivedConfig;
import org.keepalived4j.config.model.vrrp.Authentication;
import org.keepalived4j.config.model.vrrp.UnicastPeer;
import org.keepalived4j.config.model.vrrp.VrrpInstance;
import org.keepalived4j.vrrp.AddressFamily;
import org.keepalived4j.vrrp.GarpSettings;
import org.keepalived4j.vrrp.VrrpAuthentication;
import org.keepalived4j.vrrp.VrrpRouterSettings;
import org.keepalived4j.vrrp.VrrpState;
import org.keepalived4j.vrrp.net.VirtualAddress;

/**
 * Model (vrrp_instance, already resolved against global_defs by the binder) to {@link VrrpInstanceSpec}s. The one
 * thing the model cannot know is the interface's addresses: the advert source (primary IPv4 / link-local IPv6)
 * comes from the {@link InterfaceAddresses} of the running host unless mcast_src_ip / unicast_src_ip is set.
 */
public final class VrrpSettingsMapper {
    private final InterfaceAddresses host;

    /** The addresses an instance's adverts can come from, read from the kernel. */
    public interface InterfaceAddresses {
        /** The interface exists (else the start fails with a one-line message). */
        boolean exists(String ifName);

        Optional<InetAddress> primaryIpv4(String ifName);

        Optional<InetAddress> linkLocalIpv6(String ifName);
    }

    public VrrpSettingsMapper(InterfaceAddresses host) {
        this.host = host;
    }

    public List<VrrpInstanceSpec> instances(KeepalivedConfig config) throws VrrpStartException {
        List<VrrpInstanceSpec> out = new ArrayList<>();
        for (VrrpInstance instance : config.vrrp().instances()) {
            out.add(spec(instance, config.global()));
        }
        return out;
    }

    private VrrpInstanceSpec spec(VrrpInstance i, GlobalDefs global) throws VrrpStartException {
        String where = "(" + i.name() + ") ";
        String ifName = i.interfaceName().orElse(global.vrrp().defaultInterface());
        if (ifName == null || !host.exists(ifName)) {
            // keepalived 2.2.7: "interface lan9 for vrrp_instance VI_1 doesn't exist", then exit 2
            throw new VrrpStartException("interface " + ifName + " for vrrp_instance " + i.name()
                    + " doesn't exist - non-existent interface specified in configuration");
        }
        AddressFamily family = i.family() == org.keepalived4j.config.model.vrrp.AddressFamily.IPV4
                ? AddressFamily.IPV4 : AddressFamily.IPV6;
        Optional<InetAddress> fromInterface = family == AddressFamily.IPV4 ? host.primaryIpv4(ifName)
                : host.linkLocalIpv6(ifName);
        InetAddress source = i.sourceAddress().or(() -> fromInterface).orElseThrow(() -> new VrrpStartException(
                where + "interface " + ifName + " has no " + (family == AddressFamily.IPV4 ? "IPv4" : "link-local IPv6")
                        + " address to send adverts from"));
        List<VirtualAddress> vips = i.virtualAddresses().stream().map(VrrpSettingsMapper::vip).toList();
        var garp = i.garp();
        VrrpRouterSettings settings;
        try {
            settings = VrrpRouterSettings.builder(i.name(), i.virtualRouterId())
                    .family(family)
                    .version(i.version())
                    .priority(i.priority())
                    .advertIntervalCentis(centis(i.advertInterval()))
                    .preempt(i.preempt())
                    .preemptDelay(i.preemptDelay())
                    .initialState(i.initialState() == org.keepalived4j.config.model.vrrp.VrrpState.MASTER
                            ? VrrpState.MASTER : VrrpState.BACKUP)
                    .authentication(authentication(i.authentication()))
                    .virtualAddresses(vips.stream().map(VirtualAddress::address).toList())
                    .primaryAddress(source)
                    .acceptMode(i.accept())
                    .unicastPeers(i.unicastPeers().stream().map(UnicastPeer::address).toList())
                    .garp(new GarpSettings(garp.masterDelay(), garp.masterRepeat(), garp.masterRefresh(),
                            garp.masterRefreshRepeat(), garp.lowerPrioDelay(), garp.lowerPrioRepeat()))
                    .lowerPrioNoAdvert(i.lowerPrioNoAdvert())
                    .higherPrioSendAdvert(i.higherPrioSendAdvert())
                    .skipCheckAdvAddr(i.skipCheckAdvertAddresses())
                    .strict(i.strictMode())
                    .checkUnicastSource(i.checkUnicastSource())
                    .peerTtlRanges(peerTtlRanges(i.unicastPeers()))
                    .unicastTtl(i.unicastTtl())
                    .build();
        } catch (IllegalArgumentException e) {
            throw new VrrpStartException(e.getMessage());
        }
        InetAddress watched = family == AddressFamily.IPV4 && i.sourceAddress().isEmpty() ? source : null;
        return new VrrpInstanceSpec(settings, ifName, vips, i.vmac().map(v -> v.interfaceName()).orElse(null),
                i.vmac().map(v -> v.macAddress()).orElse(null), i.multicastGroup(), watched, !i.dontTrackPrimary(),
                i.vmac().isPresent() && i.vmacTransmitOnBase(),
                i.excludedAddresses().stream().map(VrrpSettingsMapper::vip).toList());
    }

    private static Map<InetAddress, VrrpRouterSettings.TtlRange> peerTtlRanges(List<UnicastPeer> peers) {
        Map<InetAddress, VrrpRouterSettings.TtlRange> ranges = new LinkedHashMap<>();
        peers.stream().filter(UnicastPeer::hasTtlRange).forEach(p -> ranges.put(p.address(),
                new VrrpRouterSettings.TtlRange(p.minTtl(), p.maxTtl())));
        return ranges;
    }

    private static int centis(Duration d) {
        return (int) (d.toMillis() / 10);
    }

    private static VrrpAuthentication authentication(Optional<Authentication> a) {
        if (a.isEmpty()) {
            return VrrpAuthentication.none();
        }
        return switch (a.get().type()) {
            case PASS -> VrrpAuthentication.pass(a.get().password());
            case AH -> VrrpAuthentication.ah(a.get().password());
        };
    }

    /** The kernel form of a virtual_ipaddress / static_ipaddress line. */
    static VirtualAddress vip(org.keepalived4j.config.model.vrrp.VirtualAddress v) {
        return new VirtualAddress(v.address().address(), v.address().prefixLength(), v.broadcast().orElse(null),
                v.device().orElse(null), v.scope().kernelValue(), v.label().orElse(null));
    }
}
