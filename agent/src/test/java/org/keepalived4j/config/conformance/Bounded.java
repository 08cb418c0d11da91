package org.keepalived4j.config.conformance;

import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** Runs code under test with a time bound, on a daemon thread so a hang cannot keep the JVM alive. */
final class Bounded {
    private Bounded() {}

    static <T> T call(Callable<T> task, Duration limit, String what) {
        FutureTask<T> future = new FutureTask<>(task);
        Thread t = new Thread(future, "k4j-bounded");
        t.setDaemon(true);
        t.start();
        try {
            return future.get(limit.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            future.cancel(true);
            kill(t);
            throw new AssertionError(what + " did not return within " + limit.toSeconds() + " s", e);
        } catch (ExecutionException e) {
            throw new AssertionError(what + " threw " + e.getCause(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while waiting for " + what, e);
        }
    }

    /**
     * Stops a runaway thread of the code under test (an endless loop ignores interrupts). Thread.stop still
     * works on Java 17; without it the loop would burn a CPU until the test JVM exits.
     */
    @SuppressWarnings({"deprecation", "removal"})
    static void kill(Thread t) {
        try {
            t.join(200);
            if (t.isAlive()) {
                t.stop();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (UnsupportedOperationException e) {
            // Java 20+: cannot stop it; it is a daemon thread and dies with the JVM
        }
    }

    /** True when the task does not finish within the limit (the thread is abandoned). */
    static boolean hangs(Runnable task, Duration limit) {
        try {
            call(() -> {
                task.run();
                return null;
            }, limit, "task");
            return false;
        } catch (AssertionError e) {
            return e.getCause() instanceof TimeoutException;
        }
    }
}
