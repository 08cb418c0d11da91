package org.keepalived4j.management.engine;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.keepalived4j.management.ManagementEvent;
import org.keepalived4j.management.ManagementListener;

/** Collects delivered events and the threads they arrived on. */
public final class EventRecorder implements ManagementListener {
    private final BlockingQueue<ManagementEvent> events = new LinkedBlockingQueue<>();
    public final List<Thread> threads = new java.util.concurrent.CopyOnWriteArrayList<>();

    @Override
    public void onEvent(ManagementEvent event) {
        threads.add(Thread.currentThread());
        events.add(event);
    }

    /** Waits (at most 5 s) until {@code n} events arrived, then returns all arrived so far. */
    public List<ManagementEvent> await(int n) throws InterruptedException {
        List<ManagementEvent> out = new ArrayList<>();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (out.size() < n) {
            ManagementEvent e = events.poll(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            if (e == null) {
                break;
            }
            out.add(e);
        }
        events.drainTo(out);
        return out;
    }

    /** Waits (at most 5 s) for every event up to sequence {@code last}; returns those not taken before. */
    public List<ManagementEvent> awaitThrough(long last) throws InterruptedException {
        List<ManagementEvent> out = new ArrayList<>();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (out.isEmpty() || out.get(out.size() - 1).sequence() < last) {
            ManagementEvent e = events.poll(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            if (e == null) {
                break;
            }
            out.add(e);
        }
        return out;
    }

    public <T extends ManagementEvent> List<T> of(List<ManagementEvent> all, Class<T> type) {
        return all.stream().filter(type::isInstance).map(type::cast).toList();
    }
}
