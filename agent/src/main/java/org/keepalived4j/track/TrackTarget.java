package org.keepalived4j.track;

import org.keepalived4j.vrrp.VrrpRouter;

/**
 * What a {@link PriorityTracker} drives: a router, or a sync-group member handle that also tells its group. Called
 * on the loop thread.
 */
public interface TrackTarget {
    /** The instance name (for logs). */
    String name();

    /** Sum of the tracker weights (the router adds it to the base priority and keeps 1..254; owners keep 255). */
    void setPriorityAdjustment(int adjustment);

    void setFault(String source, boolean faulty);

    static TrackTarget of(VrrpRouter router) {
        return new TrackTarget() {
            @Override
            public String name() {
                return router.name();
            }

            @Override
            public void setPriorityAdjustment(int adjustment) {
                router.setPriorityAdjustment(adjustment);
            }

            @Override
            public void setFault(String source, boolean faulty) {
                router.setFault(source, faulty);
            }
        };
    }
}
