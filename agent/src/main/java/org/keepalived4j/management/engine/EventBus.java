package org.keepalived4j.management.engine;

import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongFunction;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.keepalived4j.management.ManagementEvent;
import org.keepalived4j.management.ManagementListener;
import org.keepalived4j.management.Subscription;

/**
 * Fans events out to subscribers without ever blocking the publisher (the VRRP loop thread): each subscriber has a
 * bounded queue and its own dispatcher thread. Overflow policy: when a subscriber's queue is full the new event is
 * dropped for that subscriber only, counted, and reported to it via {@link ManagementListener#eventsDropped} before
 * its next delivered event; other subscribers are unaffected.
 */
public final class EventBus implements AutoCloseable {
    private static final Logger LOG = LogManager.getLogger(EventBus.class);
    public static final int DEFAULT_QUEUE_CAPACITY = 4096;
    private static final AtomicInteger THREADS = new AtomicInteger();

    private final int capacity;
    private final AtomicLong sequence = new AtomicLong();
    private final List<Subscriber> subscribers = new CopyOnWriteArrayList<>();

    public EventBus(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("queue capacity must be >= 1: " + capacity);
        }
        this.capacity = capacity;
    }

    /**
     * Numbers and offers an event; never blocks. Numbering and offering happen under one lock so every subscriber
     * sees sequence order even with several publishing threads (one loop thread in practice).
     */
    public synchronized void publish(LongFunction<ManagementEvent> event) {
        ManagementEvent e = event.apply(sequence.incrementAndGet());
        for (Subscriber s : subscribers) {
            s.offer(e);
        }
    }

    /** Sequence number of the last event published (0 before the first). */
    public long lastSequence() {
        return sequence.get();
    }

    public Subscription subscribe(ManagementListener listener) {
        Subscriber s = new Subscriber(listener);
        subscribers.add(s);
        s.thread.start();
        return s;
    }

    /**
     * Waits (at most {@code timeout}) until every subscriber has been handed every event published so far; for a
     * stop that wants the last events (the routers' STOP transitions) delivered before {@link #close}.
     * @return whether all were delivered in time
     */
    public boolean awaitDelivered(java.time.Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        for (int i = 0; i < 100_000; i++) {
            if (subscribers.stream().allMatch(s -> s.pending.get() == 0)) {
                return true;
            }
            if (System.nanoTime() > deadline) {
                return false;
            }
            Thread.sleep(10);
        }
        return false;
    }

    /** Stops every dispatcher; events still queued are discarded. */
    @Override
    public void close() {
        for (Subscriber s : subscribers) {
            s.close();
        }
    }

    private final class Subscriber implements Subscription {
        private final ManagementListener listener;
        private final BlockingQueue<ManagementEvent> queue = new ArrayBlockingQueue<>(capacity);
        private final AtomicLong dropped = new AtomicLong();
        private final AtomicLong unreportedDrops = new AtomicLong();
        /** Queued or being delivered. */
        private final AtomicLong pending = new AtomicLong();
        private final Thread thread;
        private volatile boolean open = true;

        Subscriber(ManagementListener listener) {
            this.listener = listener;
            this.thread = new Thread(this::run, "k4j-mgmt-events-" + THREADS.incrementAndGet());
            this.thread.setDaemon(true);
        }

        void offer(ManagementEvent e) {
            if (!open) {
                return;
            }
            pending.incrementAndGet();
            if (!queue.offer(e)) {
                pending.decrementAndGet();
                dropped.incrementAndGet();
                if (unreportedDrops.getAndIncrement() == 0) {
                    LOG.warn("management subscriber {} is too slow: dropping events (queue of {} full)", listener,
                            capacity);
                }
            }
        }

        private void run() {
            while (open) {
                ManagementEvent e;
                try {
                    e = queue.poll(1, TimeUnit.SECONDS);
                } catch (InterruptedException ie) {
                    return;
                }
                if (e == null) {
                    continue;
                }
                if (!open) {
                    pending.decrementAndGet();
                    continue;
                }
                long gap = unreportedDrops.getAndSet(0);
                try {
                    if (gap > 0) {
                        listener.eventsDropped(gap);
                    }
                    listener.onEvent(e);
                } catch (RuntimeException ex) {
                    LOG.error("management subscriber {} failed on {}: {}", listener, e, ex.toString(), ex);
                } finally {
                    pending.decrementAndGet();
                }
            }
        }

        @Override
        public long dropped() {
            return dropped.get();
        }

        @Override
        public void close() {
            open = false;
            subscribers.remove(this);
            thread.interrupt();
        }
    }
}
