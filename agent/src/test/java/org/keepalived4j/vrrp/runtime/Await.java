package org.keepalived4j.vrrp.runtime;

import java.time.Duration;
import java.util.concurrent.Callable;

/** Bounded polling: every 20 ms until the condition holds or the timeout passes. */
final class Await {
    private Await() {
    }

    static void until(String what, Duration timeout, Callable<Boolean> condition) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        for (int i = 0; i < 100_000; i++) {
            if (Boolean.TRUE.equals(condition.call())) {
                return;
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out after " + timeout + " waiting for " + what);
            }
            Thread.sleep(20);
        }
        throw new AssertionError("gave up waiting for " + what);
    }
}
