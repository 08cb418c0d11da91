package org.keepalived4j.vrrp.loop;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * The production loop: one dedicated thread parks until the next deadline or until work is handed over.
 * {@code spinNanos} &gt; 0 makes it park only until that much before any deadline and busy-wait the rest; 0 (default)
 * spins only before precise timers ({@link #PRECISE_SPIN_NANOS}).
 */
public final class ThreadEventLoop extends QueuedEventLoop implements AutoCloseable {
    /**
     * How long before a precise timer the loop stops sleeping and busy-waits: parkNanos wakes 0.1-0.2 ms late
     * (futex timer slack 50 us plus the wake-up itself, measured by the failover bench), keepalived's timerfd
     * hardly at all. Precise timers expire rarely (takeover), so the spin costs at most this much CPU per expiry.
     */
    public static final long PRECISE_SPIN_NANOS = 500_000;
    private final Thread thread;
    private final long spinNanos;
    private volatile boolean running = true;
    private volatile long maxLatenessNanos;
    private volatile long timersRun;
    private volatile long totalLatenessNanos;

    public ThreadEventLoop(String name, long spinNanos) {
        super(SystemClock.INSTANCE);
        if (spinNanos < 0) {
            throw new IllegalArgumentException("spinNanos must be >= 0: " + spinNanos);
        }
        this.spinNanos = spinNanos;
        this.thread = new Thread(this::run, name);
        this.thread.setDaemon(true);
        this.thread.setPriority(Thread.MAX_PRIORITY);
    }

    public ThreadEventLoop(String name) {
        this(name, 0);
    }

    public ThreadEventLoop start() {
        thread.start();
        return this;
    }

    @Override
    public boolean inLoop() {
        return Thread.currentThread() == thread;
    }

    public Thread thread() {
        return thread;
    }

    @Override
    protected void wakeUp() {
        LockSupport.unpark(thread);
    }

    /** How late timers ran: count, worst and mean lateness in ns since start. */
    public TimerLateness lateness() {
        long n = timersRun;
        return new TimerLateness(n, maxLatenessNanos, n == 0 ? 0 : totalLatenessNanos / n);
    }

    public record TimerLateness(long timersRun, long maxNanos, long meanNanos) {
    }

    private void run() {
        Clock clock = clock();
        while (running) {
            runQueuedTasks();
            long now = clock.nanoTime();
            long late;
            while ((late = runNextDueTimer(now)) >= 0) {
                record(late);
                if (hasQueuedTasks()) {
                    runQueuedTasks();
                }
            }
            if (hasQueuedTasks() || !running) {
                continue;
            }
            long deadline = nextDeadline();
            if (deadline == Long.MAX_VALUE) {
                LockSupport.park(this);
                continue;
            }
            long spin = nextTimerPrecise() ? Math.max(spinNanos, PRECISE_SPIN_NANOS) : spinNanos;
            long wait = deadline - clock.nanoTime();
            if (wait > spin) {
                LockSupport.parkNanos(this, wait - spin);
            } else {
                while (deadline - clock.nanoTime() > 0 && !hasQueuedTasks() && running) {
                    Thread.onSpinWait();
                }
            }
        }
    }

    private void record(long lateNanos) {
        timersRun = timersRun + 1;
        totalLatenessNanos = totalLatenessNanos + lateNanos;
        if (lateNanos > maxLatenessNanos) {
            maxLatenessNanos = lateNanos;
        }
    }

    /** Stops the thread after the task it is running; waits up to 5 s for it. */
    @Override
    public void close() {
        running = false;
        LockSupport.unpark(thread);
        if (!inLoop()) {
            try {
                thread.join(TimeUnit.SECONDS.toMillis(5));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
