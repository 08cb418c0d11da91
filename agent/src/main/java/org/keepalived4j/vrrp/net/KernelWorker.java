package org.keepalived4j.vrrp.net;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

/**
 * One thread that does the blocking kernel work the VRRP loop hands off (netlink address changes, ARP/NA bursts),
 * in submission order, so "install VIPs, then announce them" keeps its order without blocking the loop. The thread
 * is started at construction, so it lives in the network namespace of the constructing thread.
 */
public final class KernelWorker implements AutoCloseable {
    private static final Logger LOG = LogManager.getLogger(KernelWorker.class);
    private final ExecutorService executor;

    public KernelWorker(String name) {
        ThreadPoolExecutor e = new ThreadPoolExecutor(1, 1, 0, TimeUnit.MILLISECONDS, new LinkedBlockingQueue<>(), r -> {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            return t;
        });
        e.prestartAllCoreThreads();
        this.executor = e;
    }

    /** Queues {@code task}; a failure is logged (one line), never thrown at the caller. */
    public void submit(String what, KernelTask task) {
        try {
            executor.execute(() -> {
                try {
                    task.run();
                } catch (Exception | LinkageError e) {
                    LOG.error("{} failed: {}", what, e.getMessage() == null ? e.toString() : e.getMessage());
                }
            });
        } catch (java.util.concurrent.RejectedExecutionException e) {
            LOG.debug("{} dropped: kernel worker stopped", what);
        }
    }

    /** Runs everything queued so far, then stops the thread (waits at most {@code timeoutMillis}). */
    public void drainAndClose(long timeoutMillis) {
        executor.shutdown();
        try {
            if (!executor.awaitTermination(timeoutMillis, TimeUnit.MILLISECONDS)) {
                LOG.warn("kernel work still pending after {} ms; abandoning it", timeoutMillis);
                executor.shutdownNow();
            }
        } catch (InterruptedException e) {
            executor.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        drainAndClose(5_000);
    }

    /** A piece of kernel work that may fail with a checked exception. */
    @FunctionalInterface
    public interface KernelTask {
        void run() throws Exception;
    }
}
