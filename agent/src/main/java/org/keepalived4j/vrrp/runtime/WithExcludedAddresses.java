package org.keepalived4j.vrrp.runtime;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import org.keepalived4j.vrrp.AnnounceReason;
import org.keepalived4j.vrrp.VirtualAddressActions;

/**
 * virtual_ipaddress_excluded: addresses that follow the instance's mastership like its VIPs (added, removed and
 * announced with them, as keepalived's vrrp->evip) but are not carried in adverts. The router only knows its VIPs;
 * this port appends the excluded ones to each call.
 */
final class WithExcludedAddresses implements VirtualAddressActions {
    private final VirtualAddressActions delegate;
    private final List<InetAddress> excluded;

    WithExcludedAddresses(VirtualAddressActions delegate, List<InetAddress> excluded) {
        this.delegate = delegate;
        this.excluded = List.copyOf(excluded);
    }

    /** {@code actions} itself when there is nothing excluded. */
    static VirtualAddressActions of(VirtualAddressActions actions, List<InetAddress> excluded) {
        return excluded.isEmpty() ? actions : new WithExcludedAddresses(actions, excluded);
    }

    private List<InetAddress> plusExcluded(List<InetAddress> addresses) {
        List<InetAddress> all = new ArrayList<>(addresses.size() + excluded.size());
        all.addAll(addresses);
        all.addAll(excluded);
        return all;
    }

    @Override
    public VirtualAddressActions exact() {
        return delegate.exact();
    }

    @Override
    public void install(List<InetAddress> addresses) {
        delegate.install(plusExcluded(addresses));
    }

    @Override
    public void remove(List<InetAddress> addresses, boolean atStartup) {
        delegate.remove(plusExcluded(addresses), atStartup);
    }

    @Override
    public void announce(List<InetAddress> addresses, int count, AnnounceReason reason) {
        delegate.announce(plusExcluded(addresses), count, reason);
    }
}
