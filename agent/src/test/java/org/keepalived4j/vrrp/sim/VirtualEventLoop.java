package org.keepalived4j.vrrp.sim;

import java.time.Duration;
import org.keepalived4j.vrrp.loop.QueuedEventLoop;

/**
 * Deterministic loop for tests: nothing runs until {@link #advanceBy} runs the due timers in time order (ties in
 * arming order) on the caller's thread, moving the {@link VirtualClock} to each deadline. The thread that created
 * the loop counts as the loop thread.
 */
public final class VirtualEventLoop extends QueuedEventLoop {
    private static final long MAX_EVENTS_PER_ADVANCE = 50_000_000L;
    private final VirtualClock clock;
    private final Thread owner = Thread.currentThread();

    public VirtualEventLoop() {
        this(new VirtualClock());
    }

    public VirtualEventLoop(VirtualClock clock) {
        super(clock);
        this.clock = clock;
    }

    public VirtualClock virtualClock() {
        return clock;
    }

    @Override
    public boolean inLoop() {
        return Thread.currentThread() == owner;
    }

    @Override
    protected void wakeUp() {
        // tasks wait for the next advance
    }

    public long nowNanos() {
        return clock.nanoTime();
    }

    public void advanceBy(Duration duration) {
        advanceTo(clock.nanoTime() + duration.toNanos());
    }

    /** Runs everything due up to and including {@code targetNanos}, then sets the clock to it. */
    public void advanceTo(long targetNanos) {
        if (!inLoop()) {
            throw new IllegalStateException("advance the virtual loop from the thread that created it");
        }
        long events = 0;
        runQueuedTasks();
        while (nextDeadline() != Long.MAX_VALUE && nextDeadline() - targetNanos <= 0) {
            if (++events > MAX_EVENTS_PER_ADVANCE) {
                throw new IllegalStateException("runaway timers: more than " + MAX_EVENTS_PER_ADVANCE + " events");
            }
            clock.set(Math.max(clock.nanoTime(), nextDeadline()));
            runNextDueTimer(clock.nanoTime());
            runQueuedTasks();
        }
        clock.set(targetNanos);
        runQueuedTasks();
    }

    /** Inside a task: the task's own work takes {@code duration} (time moves on, no timer runs meanwhile). */
    public void spend(Duration duration) {
        clock.set(clock.nanoTime() + duration.toNanos());
    }

    /** Runs tasks handed over with execute() without moving time. */
    public void runPending() {
        runQueuedTasks();
    }
}
