package org.keepalived4j.vrrp.sync;

import java.net.InetAddress;
import java.util.List;
import org.keepalived4j.vrrp.RejectReason;
import org.keepalived4j.vrrp.StateChangeReason;
import org.keepalived4j.vrrp.VrrpEventListener;
import org.keepalived4j.vrrp.VrrpRouter;
import org.keepalived4j.vrrp.VrrpState;

/**
 * Several listeners behind the router's one, called in order. Put the {@link SyncGroupCoordinator} last: it may
 * move other members from inside the call, and their transitions must reach the notifiers after this one.
 */
public final class ListenerChain implements VrrpEventListener {
    private final List<VrrpEventListener> listeners;

    public ListenerChain(List<VrrpEventListener> listeners) {
        this.listeners = List.copyOf(listeners);
    }

    public static ListenerChain of(VrrpEventListener... listeners) {
        return new ListenerChain(List.of(listeners));
    }

    @Override
    public void stateChanged(VrrpRouter router, VrrpState from, VrrpState to, StateChangeReason reason) {
        listeners.forEach(l -> l.stateChanged(router, from, to, reason));
    }

    @Override
    public void newMaster(VrrpRouter router, InetAddress master, int priority) {
        listeners.forEach(l -> l.newMaster(router, master, priority));
    }

    @Override
    public void effectivePriorityChanged(VrrpRouter router, int oldPriority, int newPriority) {
        listeners.forEach(l -> l.effectivePriorityChanged(router, oldPriority, newPriority));
    }

    @Override
    public void advertRejected(VrrpRouter router, RejectReason reason, InetAddress source) {
        listeners.forEach(l -> l.advertRejected(router, reason, source));
    }

    @Override
    public void masterReceivedLowerPriority(VrrpRouter router, InetAddress source, int priority) {
        listeners.forEach(l -> l.masterReceivedLowerPriority(router, source, priority));
    }
}
