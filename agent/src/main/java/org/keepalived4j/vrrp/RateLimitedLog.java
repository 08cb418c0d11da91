package org.keepalived4j.vrrp;

import java.util.HashMap;
import java.util.Map;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.Logger;
import org.keepalived4j.vrrp.loop.Clock;

/**
 * Logs at most one message per key and period, then says how many were suppressed: a flood of bad packets must
 * not flood the log. Loop thread only.
 */
public final class RateLimitedLog {
    private final Logger logger;
    private final Clock clock;
    private final long periodNanos;
    private final Map<Object, long[]> perKey = new HashMap<>(); // key -> {last logged at, suppressed since}

    public RateLimitedLog(Logger logger, Clock clock, long periodNanos) {
        this.logger = logger;
        this.clock = clock;
        this.periodNanos = periodNanos;
    }

    public void log(Level level, Object key, String message) {
        if (!logger.isEnabled(level)) {
            return;
        }
        long now = clock.nanoTime();
        long[] slot = perKey.get(key);
        if (slot == null) {
            slot = new long[] {now - periodNanos, 0};
            perKey.put(key, slot);
        }
        if (now - slot[0] < periodNanos) {
            slot[1]++;
            return;
        }
        long suppressed = slot[1];
        slot[0] = now;
        slot[1] = 0;
        logger.log(level, suppressed == 0 ? message : message + " (" + suppressed + " similar messages suppressed)");
    }
}
