package org.keepalived4j.vrrp.loop;

/** A scheduled task that can be called off. */
public interface TimerHandle {
    /** Removes the task from the schedule; no effect if it already ran or was cancelled. */
    void cancel();

    /** True while the task waits to run. Exact only on the loop thread. */
    boolean isPending();
}
