package org.keepalived4j.vrrp.loop;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.keepalived4j.sys.NativeCallException;
import org.keepalived4j.sys.Poller;

/**
 * The production loop: one dedicated thread sleeps in {@link Poller#await} until the next deadline, until a watched
 * socket is readable ({@link #watchReadable}) or until work is handed over; it reads the sockets itself, as
 * keepalived's scheduler does, so a received advert costs one wake-up and no hand-off between threads.
 * {@code spinNanos} &gt; 0 makes it sleep only until that much before any deadline and busy-wait the rest; 0 (default)
 * spins only before precise timers ({@link #PRECISE_SPIN_NANOS}).
 */
public final class ThreadEventLoop extends QueuedEventLoop implements AutoCloseable {
    private static final Logger LOG = LogManager.getLogger(ThreadEventLoop.class);
    /**
     * How long before a precise timer the loop stops sleeping and busy-waits: a timed sleep wakes 0.1-0.2 ms late
     * (timer slack 50 us plus the wake-up itself, measured by the failover bench), keepalived's timerfd hardly at
     * all. Precise timers expire rarely (takeover), so the spin costs at most this much CPU per expiry.
     */
    public static final long PRECISE_SPIN_NANOS = 500_000;
    /**
     * A timed epoll_pwait2(2) (or the ppoll(2) it falls back to) may wake up to 0.1% of its timeout late (0.5% for a
     * niced thread): both take their timer slack from the kernel's select_estimate_accuracy (ep_poll in
     * fs/eventpoll.c, do_poll in fs/select.c). That is 3 ms on a backup's 3.6 s down timer, where keepalived's
     * timerfd keeps 50 us. So the loop sleeps that much short of the deadline and sleeps (or spins) the rest in the
     * next turn: one more wake-up per long sleep that runs to its end, none while adverts keep arriving.
     */
    static final long POLL_SLACK_DIVISOR = 200;
    /** After a failed wait in the poller (never expected), sleep this long instead of spinning on the error. */
    private static final long POLL_FAILURE_PAUSE_NANOS = 10_000_000;
    private static final long CANCEL_WAIT_MILLIS = 5_000;
    private final Thread thread;
    private final long spinNanos;
    private final Poller poller;
    private volatile boolean running = true;
    /** True while the loop thread is in (or about to enter) its sleep: only then does a hand-over need a wake-up. */
    private volatile boolean sleeping;
    private volatile long maxLatenessNanos;
    private volatile long timersRun;
    private volatile long totalLatenessNanos;
    /** Loop thread only: what {@link #runBeforeSleep} collected this turn. */
    private Runnable[] beforeSleep = new Runnable[8];
    private int beforeSleepCount;

    public ThreadEventLoop(String name, long spinNanos) {
        super(SystemClock.INSTANCE);
        if (spinNanos < 0) {
            throw new IllegalArgumentException("spinNanos must be >= 0: " + spinNanos);
        }
        this.spinNanos = spinNanos;
        try {
            this.poller = Poller.open();
        } catch (NativeCallException e) {
            throw new IllegalStateException("cannot create the event loop's wake-up eventfd: " + e.getMessage(), e);
        }
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
        if (sleeping && !inLoop()) {
            poller.wake();
        }
    }

    /**
     * A descriptor the loop watches; cancel it before closing the descriptor (a copy of it held elsewhere, say by a
     * forked child, would keep it in the loop's epoll set, under a number that may come to name another descriptor).
     */
    public interface ReadableWatch {
        /** Stops the watch; from another thread it waits (bounded) until the loop has let go of the descriptor. */
        void cancel();
    }

    /**
     * Calls {@code onReadable} on the loop thread whenever {@code fd} has input or an error (level-triggered: the
     * handler reads until the socket would block, or the loop calls it again). Callable from any thread.
     *
     * @throws IllegalStateException (on the loop thread or before start; from other threads the loop logs it) when
     *         the kernel refuses to watch {@code fd}: not open, not pollable, or out of memory or epoll watches
     */
    public ReadableWatch watchReadable(int fd, Runnable onReadable) {
        Watch watch = new Watch(fd, onReadable);
        if (inLoop() || !thread.isAlive()) {
            watch.start();
        } else {
            execute(watch::start);
        }
        return watch;
    }

    private final class Watch implements ReadableWatch {
        private final int fd;
        private final Runnable onReadable;

        Watch(int fd, Runnable onReadable) {
            this.fd = fd;
            this.onReadable = onReadable;
        }

        void start() {
            try {
                poller.add(fd, this);
            } catch (NativeCallException e) {
                throw new IllegalStateException("event loop " + thread.getName() + " cannot watch descriptor " + fd
                        + ": " + e.getMessage(), e);
            }
        }

        @Override
        public void cancel() {
            if (inLoop() || !thread.isAlive()) {
                poller.remove(fd);
                return;
            }
            CountDownLatch removed = new CountDownLatch(1);
            execute(() -> {
                poller.remove(fd);
                removed.countDown();
            });
            try {
                if (!removed.await(CANCEL_WAIT_MILLIS, TimeUnit.MILLISECONDS) && thread.isAlive()) {
                    LOG.warn("event loop {} did not release descriptor {} within {} ms", thread.getName(), fd,
                            CANCEL_WAIT_MILLIS);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /**
     * Loop thread: runs {@code task} once, after this turn's timers and before the loop sleeps (or, for a send made
     * while handling input, after the next turn's due timers: microseconds later). Output queued during a turn
     * (a master's adverts, see {@code RawIpSocket#queue}) goes out together this way.
     */
    public void runBeforeSleep(Runnable task) {
        if (!inLoop()) {
            throw new IllegalStateException("runBeforeSleep outside the loop thread");
        }
        if (beforeSleepCount == beforeSleep.length) {
            beforeSleep = java.util.Arrays.copyOf(beforeSleep, beforeSleepCount * 2);
        }
        beforeSleep[beforeSleepCount++] = task;
    }

    /** Runs what {@link #runBeforeSleep} collected, including what those tasks add. */
    private void runBeforeSleepTasks() {
        for (int i = 0; i < beforeSleepCount; i++) {
            Runnable task = beforeSleep[i];
            beforeSleep[i] = null;
            runSafely(task);
        }
        beforeSleepCount = 0;
    }

    /** Loop thread (or before start): how many descriptors are watched (closed under their watch included). */
    int watchedDescriptors() {
        return poller.size();
    }

    /** How late timers ran: count, worst and mean lateness in ns since start. */
    public TimerLateness lateness() {
        long n = timersRun;
        return new TimerLateness(n, maxLatenessNanos, n == 0 ? 0 : totalLatenessNanos / n);
    }

    public record TimerLateness(long timersRun, long maxNanos, long meanNanos) {
    }

    private void run() {
        while (running) {
            turn();
        }
        runBeforeSleepTasks();
    }

    /**
     * One pass: handed-over tasks, due timers, then sleep until the next deadline, input or hand-over. A method of
     * its own so the JIT compiles it by invocation count (a loop body is only compiled on back-edge counts, which
     * the launcher's footprint flags set high).
     */
    private void turn() {
        runQueuedTasks();
        Clock clock = clock();
        long now = clock.nanoTime();
        long late;
        while ((late = runNextDueTimer(now, true)) >= 0) {
            record(late);
            if (hasQueuedTasks()) {
                runQueuedTasks();
            }
        }
        if (beforeSleepCount > 0) {
            runBeforeSleepTasks();
        }
        if (hasQueuedTasks() || !running) {
            return;
        }
        now = clock.nanoTime();
        long deadline = nextDeadline(now);
        try {
            if (deadline == Long.MAX_VALUE) {
                sleep(-1);
                return;
            }
            long spin = nextTimerPrecise(now) ? Math.max(spinNanos, PRECISE_SPIN_NANOS) : spinNanos;
            long wait = deadline - now;
            if (wait <= spin) {
                spinUntil(deadline);
            } else {
                sleep(pollTimeout(wait - spin));
            }
        } catch (NativeCallException e) {
            LOG.error("event loop {}: {}", thread.getName(), e.getMessage());
            LockSupport.parkNanos(this, deadline == Long.MAX_VALUE ? POLL_FAILURE_PAUSE_NANOS
                    : Math.max(0, Math.min(deadline - clock.nanoTime(), POLL_FAILURE_PAUSE_NANOS)));
        }
    }

    /** Sleeps in the poller (negative: no timeout), hand-overs told to wake it, and serves what became readable. */
    private void sleep(long timeoutNanos) throws NativeCallException {
        sleeping = true;
        try {
            if (hasQueuedTasks() || !running) {
                return;
            }
            int ready = poller.await(timeoutNanos);
            if (ready > 0) {
                dispatchReadable(ready);
            }
        } finally {
            sleeping = false;
        }
    }

    /** How long to ask the poller to sleep so that, with the kernel's timer slack, it wakes by {@code sleepNanos}. */
    static long pollTimeout(long sleepNanos) {
        return sleepNanos - sleepNanos / POLL_SLACK_DIVISOR;
    }

    /** Busy-waits the last stretch before a deadline, still serving input and hand-overs as they come. */
    private void spinUntil(long deadline) throws NativeCallException {
        Clock clock = clock();
        while (deadline - clock.nanoTime() > 0 && !hasQueuedTasks() && running) {
            if (poller.size() > 0) {
                int ready = poller.await(0);
                if (ready > 0) {
                    dispatchReadable(ready);
                    return;
                }
            }
            Thread.onSpinWait();
        }
    }

    /** Runs the handlers of the {@code ready} descriptors, skipping one an earlier handler cancelled (null). */
    private void dispatchReadable(int ready) {
        for (int k = 0; k < ready; k++) {
            Watch watch = (Watch) poller.readyAttachment(k);
            if (watch != null) {
                runSafely(watch.onReadable);
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
        poller.wake();
        if (!inLoop()) {
            try {
                thread.join(TimeUnit.SECONDS.toMillis(5));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (!thread.isAlive()) {
            poller.close();
        }
    }
}
