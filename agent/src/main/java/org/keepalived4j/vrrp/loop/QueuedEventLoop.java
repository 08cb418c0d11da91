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

    /** Deadline of the earliest armed timer, or {@link Long#MAX_VALUE} when none is armed. */
    protected final long nextDeadline() {
        LoopTimer top = timers.peek();
        return top == null ? Long.MAX_VALUE : top.deadline;
    }

    /** Whether the earliest armed timer asked for a precise expiry ({@link #newPreciseTimer}). */
    protected final boolean nextTimerPrecise() {
        LoopTimer top = timers.peek();
        return top != null && top.precise;
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
        LoopTimer top = timers.peek();
        if (top == null || top.deadline - now > (early ? top.slack : 0)) {
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
