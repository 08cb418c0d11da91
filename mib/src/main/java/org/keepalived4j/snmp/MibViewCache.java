package org.keepalived4j.snmp;

import java.util.function.Supplier;

/**
 * Serves one {@link MibView} to a burst of requests (a walk) and rebuilds it when it is older than the refresh
 * interval, so a walk sees consistent rows and the management API is asked once per burst, not once per varbind.
 */
public final class MibViewCache {
    private final Supplier<MibView> builder;
    private final long refreshNanos;
    private MibView view;
    private long builtAt;

    public MibViewCache(Supplier<MibView> builder, long refreshMillis) {
        this.builder = builder;
        this.refreshNanos = refreshMillis * 1_000_000L;
    }

    public synchronized MibView get() {
        long now = System.nanoTime();
        if (view == null || now - builtAt >= refreshNanos) {
            view = builder.get();
            builtAt = now;
        }
        return view;
    }

    /** The next request rebuilds (after a SET). */
    public synchronized void invalidate() {
        view = null;
    }
}
