package org.keepalived4j.vrrp.sync;

import org.keepalived4j.vrrp.VrrpState;

/** Hears a sync group's state changes (group notify scripts, fifo, mail, traps). Called on the loop thread. */
@FunctionalInterface
public interface SyncGroupListener {
    void groupStateChanged(SyncGroupCoordinator group, VrrpState from, VrrpState to);

    SyncGroupListener NONE = (g, f, t) -> { };
}
