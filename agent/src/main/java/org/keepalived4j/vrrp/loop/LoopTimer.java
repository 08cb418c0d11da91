package org.keepalived4j.vrrp.loop;

/**
 * A timer of one {@link QueuedEventLoop}. Arming an armed timer moves its deadline. Called on the loop thread it
 * works in place without allocating (the advert and down timers are re-armed every interval); from another thread the
 * change is handed to the loop.
 */
public final class LoopTimer implements TimerHandle {
    private final QueuedEventLoop loop;
    final Runnable task;
    final boolean precise;
    long deadline;
    /** What the heap orders this timer by: its deadline, or an earlier one while a postponement waits (TimerQueue). */
    long key;
    long sequence;
    /** The arming order of a postponement, taken over when the heap moves the timer to its new key. */
    long postponedSequence;
    /** How much before its deadline the real loop may run it, in a wake-up it makes anyway (see setSlack). */
    long slack;
    int heapIndex = -1;

    LoopTimer(QueuedEventLoop loop, Runnable task, boolean precise) {
        this.loop = loop;
        this.task = task;
        this.precise = precise;
    }

    /** Fires {@code delayNanos} from now (now = the loop clock when called). */
    public void arm(long delayNanos) {
        armAt(loop.clock().nanoTime() + Math.max(0, delayNanos));
    }

    /** Fires at the absolute loop-clock time {@code deadlineNanos}. */
    public void armAt(long deadlineNanos) {
        loop.armTimer(this, deadlineNanos);
    }

    /**
     * Lets the real loop run this timer up to {@code slackNanos} before its deadline when it is awake for an earlier
     * one (Linux's timer slack, the other way round): 200 instances' adverts a second then cost a few wake-ups
     * instead of 200. Meant for periodic timers where a tiny early expiry is harmless (a master's adverts); the
     * virtual test loop ignores it, so simulations keep exact timing.
     */
    public void setSlack(long slackNanos) {
        if (slackNanos < 0) {
            throw new IllegalArgumentException("slack must be >= 0: " + slackNanos);
        }
        this.slack = slackNanos;
    }

    @Override
    public void cancel() {
        loop.cancelTimer(this);
    }

    @Override
    public boolean isPending() {
        return heapIndex >= 0;
    }

    /** The deadline of the last arming (meaningful while pending or inside the task). */
    public long deadline() {
        return deadline;
    }
}
