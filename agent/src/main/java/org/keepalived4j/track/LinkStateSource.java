package org.keepalived4j.track;

import java.util.Optional;

/**
 * Interface link state for track_interface, fed by the netlink link monitor (RTM_NEWLINK: IFF_UP and IFF_RUNNING,
 * as keepalived's IF_FLAGS_UP). Listeners may be called from any thread.
 */
public interface LinkStateSource {
    /** Current state; empty when the interface does not exist (keepalived treats that as down). */
    Optional<Boolean> isUp(String interfaceName);

    void addListener(LinkListener listener);

    @FunctionalInterface
    interface LinkListener {
        void linkChanged(String interfaceName, boolean up);
    }
}
