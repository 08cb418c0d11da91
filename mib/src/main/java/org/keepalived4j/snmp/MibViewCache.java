package org.keepalived4j.snmp;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

/**
 * Holds the published {@link MibView}. Requests only read it (one volatile read, no lock, no building), so a GETNEXT
 * costs a lookup in an immutable view. Views are built off the request threads by a refresher thread: soon after
 * the engine reports a change ({@link #changed()}, coalesced over {@link #COALESCE_MILLIS}) and at the latest every
 * refresh interval, for the counters that change without an event. {@link #refresh()} builds on the caller's thread
 * when it needs the newest state at once (after a SET, for a notification's varbinds).
 */
public final class MibViewCache implements AutoCloseable {
    private static final Logger LOG = LogManager.getLogger();
    /** A burst of events (a failover of many instances) costs one rebuild per this interval, not one per event. */
    static final long COALESCE_MILLIS = 20;

    private final Supplier<MibView> builder;
    private final long refreshMillis;
    private final AtomicBoolean rebuildPending = new AtomicBoolean();
    private volatile MibView view;
    private ScheduledExecutorService refresher;

    public MibViewCache(Supplier<MibView> builder, long refreshMillis) {
        this.builder = builder;
        this.refreshMillis = refreshMillis;
    }

    /** The published view; built here only before the first one exists (tests without {@link #start()}). */
    public MibView get() {
        MibView v = view;
        return v != null ? v : refresh();
    }

    /** Builds a view from the current snapshots on the calling thread, publishes and returns it. */
    public synchronized MibView refresh() {
        MibView v = builder.get();
        view = v;
        return v;
    }

    /** The engine changed something: the refresher rebuilds soon (several calls in a burst cost one rebuild). */
    public void changed() {
        ScheduledExecutorService r = refresher;
        if (r != null && rebuildPending.compareAndSet(false, true)) {
            try {
                r.schedule(this::rebuildAfterChange, COALESCE_MILLIS, TimeUnit.MILLISECONDS);
            } catch (java.util.concurrent.RejectedExecutionException e) {
                rebuildPending.set(false); // closed
            }
        }
    }

    /** Builds the first view and starts the refresher thread. */
    public synchronized void start() {
        refresh();
        refresher = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "snmp-view-refresh");
            t.setDaemon(true);
            return t;
        });
        long period = Math.max(refreshMillis, COALESCE_MILLIS);
        refresher.scheduleWithFixedDelay(this::rebuildSafely, period, period, TimeUnit.MILLISECONDS);
    }

    private void rebuildAfterChange() {
        rebuildPending.set(false);
        rebuildSafely();
    }

    private void rebuildSafely() {
        try {
            refresh();
        } catch (RuntimeException e) {
            // keep serving the last view; the next change or period tries again
            LOG.warn("SNMP view rebuild failed, serving the previous one: {}", e.toString());
        }
    }

    @Override
    public void close() {
        ScheduledExecutorService r = refresher;
        if (r != null) {
            r.shutdownNow();
        }
    }
}
