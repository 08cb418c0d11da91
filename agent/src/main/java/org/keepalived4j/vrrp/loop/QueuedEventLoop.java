package org.keepalived4j.vrrp.loop;

import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

/**
 * Timer heap plus hand-over queue shared by the real and the virtual loop; subclasses decide how time passes.
 * A task that throws is logged and the loop carries on: one faulty instance must not stop the others.
 */
public abstract class QueuedEventLoop implements EventLoop {
    private static final Logger LOG = LogManager.getLogger(QueuedEventLoop.class);

    /**
     * A timer pushed back while queued (a backup's Master_Down timer, by every advert) is moved to its real deadline
     * once its old one is this near; more than any spin or slack before a deadline, so neither is ever spent on an
     * old one.
     */
    static final long POSTPONED_HORIZON_NANOS = 50_000_000;

    private final Clock clock;
    private final TimerQueue timers = new TimerQueue();
    private final Queue<Runnable> tasks = new ConcurrentLinkedQueue<>();

    protected QueuedEventLoop(Clock clock) {
        this.clock = clock;
    }

    @Override
    public Clock clock() {
        return clock;
    }

    @Override
    public LoopTimer newTimer(Runnable task) {
        return new LoopTimer(this, task, false);
    }

    @Override
    public LoopTimer newPreciseTimer(Runnable task) {
        return new LoopTimer(this, task, true);
    }

    @Override
    public void execute(Runnable task) {
        tasks.add(task);
        wakeUp();
    }

    /** Makes the loop thread notice a task handed over from another thread. */
    protected abstract void wakeUp();

    void armTimer(LoopTimer timer, long deadline) {
        if (inLoop()) {
            timers.add(timer, deadline);
        } else {
            execute(() -> timers.add(timer, deadline));
        }
    }

    void cancelTimer(LoopTimer timer) {
        if (inLoop()) {
            timers.remove(timer);
        } else {
            execute(() -> timers.remove(timer));
        }
    }

    protected final boolean hasQueuedTasks() {
        return !tasks.isEmpty();
    }

    /** Runs the tasks handed over so far (and those they hand over in turn); returns how many ran. */
    protected final int runQueuedTasks() {
        int ran = 0;
        Runnable task;
        while ((task = tasks.poll()) != null) {
            runSafely(task);
            ran++;
        }
        return ran;
    }

    /**
     * When to look at the timers next, or {@link Long#MAX_VALUE} when none is armed: the earliest deadline, or, while
     * a timer pushed back since it was queued is more than {@link #POSTPONED_HORIZON_NANOS} away, a time before it
     * (the loop then wakes, finds nothing due, and asks again; see {@link TimerQueue#peek(long, long)}).
     */
    protected final long nextDeadline() {
        return nextDeadline(clock.nanoTime());
    }

    /** {@link #nextDeadline()} at {@code now} (the loop clock). */
    protected final long nextDeadline(long now) {
        LoopTimer top = timers.peek(now, POSTPONED_HORIZON_NANOS);
        return top == null ? Long.MAX_VALUE : top.key;
    }

    /** Whether the timer {@link #nextDeadline(long)} names asked for a precise expiry ({@link #newPreciseTimer}). */
    protected final boolean nextTimerPrecise(long now) {
        LoopTimer top = timers.peek(now, POSTPONED_HORIZON_NANOS);
        return top != null && top.precise && top.key == top.deadline;
    }

    protected final boolean hasTimers() {
        return !timers.isEmpty();
    }

    /**
     * Runs the earliest timer if it is due at {@code now}; returns how late it started (clock read just before it
     * ran, so time spent on earlier timers of the batch counts), or -1 if none was due.
     */
    protected final long runNextDueTimer(long now) {
        return runNextDueTimer(now, false);
    }

    /** As {@link #runNextDueTimer(long)}; {@code early}: a timer within its {@link LoopTimer#setSlack slack} is due. */
    protected final long runNextDueTimer(long now, boolean early) {
        LoopTimer top = timers.peek(now, POSTPONED_HORIZON_NANOS);
        if (top == null || top.deadline - now > (early ? top.slack : 0)) { // a postponed top is never due here
            return -1;
        }
        timers.poll();
        long late = Math.max(0, clock.nanoTime() - top.deadline);
        runSafely(top.task);
        return late;
    }

    protected static void runSafely(Runnable task) {
        try {
            task.run();
        } catch (RuntimeException | Error e) {
            if (e instanceof VirtualMachineError vme) {
                throw vme;
            }
            LOG.error("VRRP event loop task failed: {}", e.toString(), e);
        }
    }
}
