package org.keepalived4j.config.model.vrrp;

import java.net.InetAddress;
import java.util.Optional;
import org.keepalived4j.config.model.IpPrefix;

/**
 * One line of virtual_ipaddress, virtual_ipaddress_excluded or static_ipaddress.
 *
 * @param broadcast effective broadcast address ({@code brd +}/{@code brd -} already computed)
 * @param device empty: the instance's interface (its VMAC when use_vmac applies); for static
 *     addresses keepalived's default_interface
 * @param scope keepalived's default is global
 * @param useVmac the per-address {@code use_vmac} option
 * @param noTrack the address going away does not take the instance out of MASTER
 * @param preferredLifetime seconds; {@link #PREFERRED_LFT_FOREVER} for {@code forever}; empty when
 *     not given (keepalived then uses 0 for IPv6 /128 and the kernel default otherwise)
 */
public record VirtualAddress(
        IpPrefix address,
        Optional<InetAddress> broadcast,
        Optional<String> device,
        AddressScope scope,
        Optional<String> label,
        boolean useVmac,
        boolean noTrack,
        Optional<Long> preferredLifetime) {
    /** INFINITY_LIFE_TIME of the kernel, what {@code preferred_lft forever} stands for. */
    public static final long PREFERRED_LFT_FOREVER = 0xFFFFFFFFL;

    public static VirtualAddress of(IpPrefix address) {
        return new VirtualAddress(address, Optional.empty(), Optional.empty(), AddressScope.GLOBAL, Optional.empty(),
                false, false, Optional.empty());
    }
}
