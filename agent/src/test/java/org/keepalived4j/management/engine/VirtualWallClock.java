package org.keepalived4j.management.engine;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.keepalived4j.vrrp.sim.VirtualEventLoop;

/** Wall clock for tests: the epoch plus the virtual loop's time, so event times are exact. */
public final class VirtualWallClock extends Clock {
    private final VirtualEventLoop loop;

    public VirtualWallClock(VirtualEventLoop loop) {
        this.loop = loop;
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return this;
    }

    @Override
    public Instant instant() {
        return Instant.EPOCH.plusNanos(loop.nowNanos());
    }
}
