package org.keepalived4j.vrrp;

import java.net.InetAddress;
import java.util.List;

/** Port to the host: virtual addresses and their announcements. Called on the loop thread; must not block long. */
public interface VirtualAddressActions {
    void install(List<InetAddress> addresses);

    /** {@code atStartup}: clean-up of addresses a previous (killed) process left behind. */
    void remove(List<InetAddress> addresses, boolean atStartup);

    /** Sends {@code count} gratuitous ARPs (IPv4) or unsolicited NAs (IPv6) for each address. */
    void announce(List<InetAddress> addresses, int count, AnnounceReason reason);

    /**
     * The port for a reload's diff: acts on exactly the listed addresses (a decorator that adds addresses of its own
     * to every call returns its delegate, so the diff touches nothing else).
     */
    default VirtualAddressActions exact() {
        return this;
    }

    VirtualAddressActions NONE = new VirtualAddressActions() {
        @Override
        public void install(List<InetAddress> addresses) {
        }

        @Override
        public void remove(List<InetAddress> addresses, boolean atStartup) {
        }

        @Override
        public void announce(List<InetAddress> addresses, int count, AnnounceReason reason) {
        }
    };
}
