package org.keepalived4j.vrrp;

import java.net.InetAddress;

/**
 * Passes every event on to {@link #delegate()}; subclasses override only the events they act on, so adding an event
 * to {@link VrrpEventListener} means one new method here rather than one in every forwarder.
 */
public abstract class ForwardingVrrpListener implements VrrpEventListener {
    protected abstract VrrpEventListener delegate();

    @Override
    public void stateChanged(VrrpRouter router, VrrpState from, VrrpState to, StateChangeReason reason) {
        delegate().stateChanged(router, from, to, reason);
    }

    @Override
    public void newMaster(VrrpRouter router, InetAddress master, int priority) {
        delegate().newMaster(router, master, priority);
    }

    @Override
    public void effectivePriorityChanged(VrrpRouter router, int oldPriority, int newPriority) {
        delegate().effectivePriorityChanged(router, oldPriority, newPriority);
    }

    @Override
    public void advertRejected(VrrpRouter router, RejectReason reason, InetAddress source) {
        delegate().advertRejected(router, reason, source);
    }

    @Override
    public void masterReceivedLowerPriority(VrrpRouter router, InetAddress source, int priority) {
        delegate().masterReceivedLowerPriority(router, source, priority);
    }
}
