package org.keepalived4j.vrrp.sim;

import java.time.Duration;
import org.keepalived4j.vrrp.loop.Clock;

/** Test clock: time moves only when the {@link VirtualEventLoop} advances it. Starts at 0. */
public final class VirtualClock implements Clock {
    private long now;

    @Override
    public long nanoTime() {
        return now;
    }

    void set(long nanos) {
        if (nanos - now < 0) {
            throw new IllegalStateException("virtual time cannot go back: " + nanos + " < " + now);
        }
        now = nanos;
    }

    public Duration elapsed() {
        return Duration.ofNanos(now);
    }
}
