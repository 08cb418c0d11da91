package org.keepalived4j.vrrp;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * Everything the protocol engine needs about one vrrp_instance, already resolved against global defaults.
 * Validation here guards the engine's invariants; user-facing, located messages are the config binder's job.
 *
 * @param instanceName the vrrp_instance name, used in logs and events
 * @param virtualRouterId 1..255
 * @param family address family of adverts and virtual addresses
 * @param version 2 (RFC 3768, IPv4 only) or 3 (RFC 5798)
 * @param priority base priority 1..255; 255 = address owner
 * @param advertIntervalCentis advert interval in centiseconds (v2: whole seconds, 100..25500; v3: 1..4095)
 * @param preempt false = nopreempt
 * @param preemptDelay 0..1000 s: after start-up or after first seeing a lower-priority master, how long to keep
 *                     following it before preempting
 * @param initialState configured {@code state}; keepalived 2.2.7 starts non-owners in BACKUP regardless
 * @param authentication v2 only; {@link VrrpAuthentication#none()} for v3
 * @param virtualAddresses the addresses carried in adverts (virtual_ipaddress), all of {@code family}
 * @param primaryAddress source of our adverts (interface primary IPv4 / link-local IPv6 / unicast_src_ip)
 * @param acceptMode accept packets to the VIPs when not owner (keepalived default true unless strict/no_accept)
 * @param unicastPeers empty = multicast; non-empty disables the TTL check as in keepalived
 * @param garp gratuitous ARP / NA cadence
 * @param lowerPrioNoAdvert as master, do not answer a lower-priority advert with our own
 * @param higherPrioSendAdvert as master, send one advert before yielding to a higher priority
 * @param downTimerAdverts adverts missed before the master is declared down (RFC: 3)
 * @param skipCheckAdvAddr skip the address-list check for adverts from the current master
 * @param strict vrrp_strict: RFC-conformant only (no authentication, no unicast)
 * @param checkUnicastSource check_unicast_src: drop unicast adverts whose source is not one of {@code unicastPeers}
 * @param peerTtlRanges unicast_peer min_ttl/max_ttl of the peers that have them (checked with
 *                      {@code checkUnicastSource}); peers not in the map accept any TTL
 * @param unicastTtl TTL / hop limit of the unicast adverts we send (unicast_ttl, default 255)
 */
public record VrrpRouterSettings(String instanceName, int virtualRouterId, AddressFamily family, int version,
                                 int priority, int advertIntervalCentis, boolean preempt, Duration preemptDelay,
                                 VrrpState initialState, VrrpAuthentication authentication,
                                 List<InetAddress> virtualAddresses, InetAddress primaryAddress, boolean acceptMode,
                                 List<InetAddress> unicastPeers, GarpSettings garp, boolean lowerPrioNoAdvert,
                                 boolean higherPrioSendAdvert, int downTimerAdverts, boolean skipCheckAdvAddr,
                                 boolean strict, boolean checkUnicastSource, Map<InetAddress, TtlRange> peerTtlRanges,
                                 int unicastTtl) {
    public static final int PRIORITY_OWNER = 255;
    public static final int PRIORITY_STOP = 0;

    public VrrpRouterSettings {
        String where = "vrrp_instance " + instanceName + ": ";
        if (instanceName == null || instanceName.isEmpty()) {
            throw new IllegalArgumentException("instance name missing");
        }
        check(virtualRouterId >= 1 && virtualRouterId <= 255, where + "virtual_router_id must be 1..255");
        check(family != null, where + "address family missing");
        check(version == 2 || version == 3, where + "version must be 2 or 3");
        check(!(version == 2 && family == AddressFamily.IPV6), where + "VRRPv2 is IPv4 only");
        check(priority >= 1 && priority <= 255, where + "priority must be 1..255");
        if (version == 2) {
            check(advertIntervalCentis % 100 == 0 && advertIntervalCentis >= 100 && advertIntervalCentis <= 25500,
                    where + "VRRPv2 advert_int must be whole seconds 1..255");
        } else {
            check(advertIntervalCentis >= 1 && advertIntervalCentis <= 4095, where + "VRRPv3 advert_int must be 0.01..40.95 s");
        }
        check(preemptDelay != null && !preemptDelay.isNegative() && preemptDelay.compareTo(Duration.ofSeconds(1000)) <= 0,
                where + "preempt_delay must be 0..1000 s");
        check(initialState == VrrpState.MASTER || initialState == VrrpState.BACKUP, where + "state must be MASTER or BACKUP");
        check(authentication != null, where + "authentication missing (use none())");
        check(version == 2 || authentication.type() == AuthType.NONE, where + "VRRP version 3 does not support authentication");
        check(authentication.type() != AuthType.AH || family == AddressFamily.IPV4, where + "AH authentication is IPv4 only");
        check(!strict || authentication.type() == AuthType.NONE, where + "vrrp_strict forbids authentication");
        virtualAddresses = List.copyOf(virtualAddresses);
        check(!virtualAddresses.isEmpty() && virtualAddresses.size() <= 255, where + "1..255 virtual addresses required");
        for (InetAddress a : virtualAddresses) {
            check(family.contains(a), where + "virtual address " + a.getHostAddress() + " is not " + family);
        }
        check(primaryAddress != null && family.contains(primaryAddress), where + "primary address missing or not " + family);
        check(family == AddressFamily.IPV4 || ((Inet6Address) primaryAddress).isLinkLocalAddress() || !unicastPeers.isEmpty(),
                where + "IPv6 adverts must come from a link-local address");
        unicastPeers = List.copyOf(unicastPeers);
        check(!strict || unicastPeers.isEmpty(), where + "vrrp_strict forbids unicast peers");
        check(garp != null, where + "garp settings missing");
        check(downTimerAdverts >= 1 && downTimerAdverts <= 100, where + "down_timer_adverts must be 1..100");
        peerTtlRanges = Map.copyOf(peerTtlRanges);
        check(unicastPeers.containsAll(peerTtlRanges.keySet()), where + "TTL ranges given for addresses that are not peers");
        check(unicastTtl >= 0 && unicastTtl <= 255, where + "unicast_ttl must be 0..255");
    }

    /** {@code unicast_peer ADDRESS min_ttl MIN max_ttl MAX}: accepted TTL / hop limit, both ends included. */
    public record TtlRange(int min, int max) {
        public boolean contains(int ttl) {
            return ttl >= min && ttl <= max;
        }
    }

    private static void check(boolean ok, String message) {
        if (!ok) {
            throw new IllegalArgumentException(message);
        }
    }

    public boolean isAddressOwner() {
        return priority == PRIORITY_OWNER;
    }

    public boolean isUnicast() {
        return !unicastPeers.isEmpty();
    }

    /** The value of the Adver Int field we send: seconds for v2, centiseconds for v3. */
    public int advertIntervalField() {
        return version == 2 ? advertIntervalCentis / 100 : advertIntervalCentis;
    }

    public static Builder builder(String instanceName, int virtualRouterId) {
        return new Builder(instanceName, virtualRouterId);
    }

    public Builder toBuilder() {
        Builder b = new Builder(instanceName, virtualRouterId);
        b.family = family;
        b.version = version;
        b.priority = priority;
        b.advertIntervalCentis = advertIntervalCentis;
        b.preempt = preempt;
        b.preemptDelay = preemptDelay;
        b.initialState = initialState;
        b.authentication = authentication;
        b.virtualAddresses = virtualAddresses;
        b.primaryAddress = primaryAddress;
        b.acceptMode = acceptMode;
        b.unicastPeers = unicastPeers;
        b.garp = garp;
        b.lowerPrioNoAdvert = lowerPrioNoAdvert;
        b.higherPrioSendAdvert = higherPrioSendAdvert;
        b.downTimerAdverts = downTimerAdverts;
        b.skipCheckAdvAddr = skipCheckAdvAddr;
        b.strict = strict;
        b.checkUnicastSource = checkUnicastSource;
        b.peerTtlRanges = peerTtlRanges;
        b.unicastTtl = unicastTtl;
        return b;
    }

    /** keepalived's defaults: v2, IPv4, priority 100, 1 s, preempt, BACKUP, no auth, accept, multicast. */
    public static final class Builder {
        private String instanceName;
        private int virtualRouterId;
        private AddressFamily family = AddressFamily.IPV4;
        private int version = 2;
        private int priority = 100;
        private int advertIntervalCentis = 100;
        private boolean preempt = true;
        private Duration preemptDelay = Duration.ZERO;
        private VrrpState initialState = VrrpState.BACKUP;
        private VrrpAuthentication authentication = VrrpAuthentication.none();
        private List<InetAddress> virtualAddresses = List.of();
        private InetAddress primaryAddress;
        private boolean acceptMode = true;
        private List<InetAddress> unicastPeers = List.of();
        private GarpSettings garp = GarpSettings.defaults();
        private boolean lowerPrioNoAdvert;
        private boolean higherPrioSendAdvert;
        private int downTimerAdverts = 3;
        private boolean skipCheckAdvAddr;
        private boolean strict;
        private boolean checkUnicastSource;
        private Map<InetAddress, TtlRange> peerTtlRanges = Map.of();
        private int unicastTtl = 255;

        private Builder(String instanceName, int virtualRouterId) {
            this.instanceName = instanceName;
            this.virtualRouterId = virtualRouterId;
        }

        public Builder instanceName(String v) { instanceName = v; return this; }
        public Builder virtualRouterId(int v) { virtualRouterId = v; return this; }
        public Builder family(AddressFamily v) { family = v; return this; }
        public Builder version(int v) { version = v; return this; }
        public Builder priority(int v) { priority = v; return this; }
        public Builder advertIntervalCentis(int v) { advertIntervalCentis = v; return this; }
        public Builder advertIntervalSeconds(int v) { advertIntervalCentis = v * 100; return this; }
        public Builder preempt(boolean v) { preempt = v; return this; }
        public Builder preemptDelay(Duration v) { preemptDelay = v; return this; }
        public Builder initialState(VrrpState v) { initialState = v; return this; }
        public Builder authentication(VrrpAuthentication v) { authentication = v; return this; }
        public Builder virtualAddresses(List<InetAddress> v) { virtualAddresses = v; return this; }
        public Builder primaryAddress(InetAddress v) { primaryAddress = v; return this; }
        public Builder acceptMode(boolean v) { acceptMode = v; return this; }
        public Builder unicastPeers(List<InetAddress> v) { unicastPeers = v; return this; }
        public Builder garp(GarpSettings v) { garp = v; return this; }
        public Builder lowerPrioNoAdvert(boolean v) { lowerPrioNoAdvert = v; return this; }
        public Builder higherPrioSendAdvert(boolean v) { higherPrioSendAdvert = v; return this; }
        public Builder downTimerAdverts(int v) { downTimerAdverts = v; return this; }
        public Builder skipCheckAdvAddr(boolean v) { skipCheckAdvAddr = v; return this; }
        public Builder strict(boolean v) { strict = v; return this; }
        public Builder checkUnicastSource(boolean v) { checkUnicastSource = v; return this; }
        public Builder peerTtlRanges(Map<InetAddress, TtlRange> v) { peerTtlRanges = v; return this; }
        public Builder unicastTtl(int v) { unicastTtl = v; return this; }

        public VrrpRouterSettings build() {
            return new VrrpRouterSettings(instanceName, virtualRouterId, family, version, priority, advertIntervalCentis,
                    preempt, preemptDelay, initialState, authentication, virtualAddresses, primaryAddress, acceptMode,
                    unicastPeers, garp, lowerPrioNoAdvert, higherPrioSendAdvert, downTimerAdverts, skipCheckAdvAddr,
                    strict, checkUnicastSource, peerTtlRanges, unicastTtl);
        }
    }
}
