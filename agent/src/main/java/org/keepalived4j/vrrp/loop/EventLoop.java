package org.keepalived4j.vrrp.loop;

import java.time.Duration;

/**
 * The single thread that owns VRRP state (keepalived's scheduler). All state-machine code runs on it; other threads
 * hand work over with {@link #execute}. Timers are {@link LoopTimer}s that can be re-armed without allocating.
 */
public interface EventLoop {
    Clock clock();

    /** Runs the task on the loop thread, after the tasks already handed over; callable from any thread. */
    void execute(Runnable task);

    /** True when the caller is the loop thread. */
    boolean inLoop();

    /** A re-armable timer that runs {@code task} on the loop thread each time it expires. Initially idle. */
    LoopTimer newTimer(Runnable task);

    /**
     * As {@link #newTimer}, for a timer whose lateness shows on the wire and which rarely expires (a backup's down
     * timer: takeover time). The real loop busy-waits the last stretch before it instead of trusting the sleep.
     */
    LoopTimer newPreciseTimer(Runnable task);

    /** One-shot: runs {@code task} on the loop thread after {@code delayNanos}. */
    default TimerHandle schedule(long delayNanos, Runnable task) {
        LoopTimer timer = newTimer(task);
        timer.arm(delayNanos);
        return timer;
    }

    default TimerHandle schedule(Duration delay, Runnable task) {
        return schedule(delay.toNanos(), task);
    }
}
