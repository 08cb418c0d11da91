package org.keepalived4j.management;

/**
 * Receives {@link ManagementEvent}s on its own dispatcher thread, in order. A listener may be slow: it never blocks
 * the VRRP engine; when its queue is full, newer events are dropped for it and {@link #eventsDropped} reports how
 * many before the next event is delivered (sequence numbers show the gap too). After a drop, re-read the snapshots.
 */
@FunctionalInterface
public interface ManagementListener {
    void onEvent(ManagementEvent event);

    /** {@code count} events were dropped since the last delivery because this listener fell behind. */
    default void eventsDropped(long count) {
    }
}
