package org.keepalived4j.vrrp.runtime;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.keepalived4j.vrrp.StateChangeReason;
import org.keepalived4j.vrrp.VrrpEventListener;
import org.keepalived4j.vrrp.VrrpRouter;
import org.keepalived4j.vrrp.VrrpState;

/** Records state changes with their monotonic time, for takeover figures. */
final class StateLog implements VrrpEventListener {
    record Change(String node, VrrpState to, StateChangeReason reason, long nanos) {
    }

    private final String node;
    private final List<Change> changes;

    StateLog(String node, List<Change> shared) {
        this.node = node;
        this.changes = shared;
    }

    static List<Change> newList() {
        return new CopyOnWriteArrayList<>();
    }

    @Override
    public void stateChanged(VrrpRouter router, VrrpState from, VrrpState to, StateChangeReason reason) {
        changes.add(new Change(node, to, reason, System.nanoTime()));
    }
}
