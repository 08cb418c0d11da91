package org.keepalived4j.vrrp;

import java.net.InetAddress;

/**
 * What the management layer (notify scripts, JMX, SNMP traps) hears from the engine. Called on the loop thread
 * after the engine acted; implementations must return quickly and hand slow work elsewhere.
 */
public interface VrrpEventListener {
    default void stateChanged(VrrpRouter router, VrrpState from, VrrpState to, StateChangeReason reason) {
    }

    /** A (possibly different) master is now known: ourselves on becoming master, or the sender we follow. */
    default void newMaster(VrrpRouter router, InetAddress master, int priority) {
    }

    default void effectivePriorityChanged(VrrpRouter router, int oldPriority, int newPriority) {
    }

    /** An advert was dropped; the authentication reasons feed vrrpTrapAuthFailure. */
    default void advertRejected(VrrpRouter router, RejectReason reason, InetAddress source) {
    }

    /**
     * As MASTER, an advert with a lower priority (or equal priority from a lower address) arrived: keepalived's
     * notify_master_rx_lower_pri / FIFO MASTER_RX_LOWER_PRI event, once per such advert.
     */
    default void masterReceivedLowerPriority(VrrpRouter router, InetAddress source, int priority) {
    }

    VrrpEventListener NONE = new VrrpEventListener() {
    };
}
