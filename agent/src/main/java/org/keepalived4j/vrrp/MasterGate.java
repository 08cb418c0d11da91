package org.keepalived4j.vrrp;

/** Sync-group hook: may a BACKUP router whose down timer expired become MASTER now? Called on the loop thread. */
@FunctionalInterface
public interface MasterGate {
    boolean mayBecomeMaster(VrrpRouter router);
}
