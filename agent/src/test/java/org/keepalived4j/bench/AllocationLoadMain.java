package org.keepalived4j.bench;

import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.locks.LockSupport;

/**
 * bench/steadiness.sh: runs {@link org.keepalived4j.daemon.Main} with its usual arguments plus a concurrent
 * allocation-heavy thread in the same JVM, so that advert timing is measured while the collector is busy.
 * The load allocates {@code k4j.bench.allocMBps} MB/s (default 200) of arrays of 64 B to 64 KiB and keeps a ring of
 * {@code k4j.bench.retainMB} MB (default 24) alive, so some objects survive young collections; it is a daemon thread
 * and ends with the JVM.
 */
public final class AllocationLoadMain {
    private AllocationLoadMain() {
    }

    public static void main(String[] args) throws InterruptedException {
        long bytesPerSecond = Long.getLong("k4j.bench.allocMBps", 200) * 1_000_000L;
        int retainBytes = Integer.getInteger("k4j.bench.retainMB", 24) * 1_000_000;
        Thread load = new Thread(() -> allocate(bytesPerSecond, retainBytes), "k4j-bench-allocation-load");
        load.setDaemon(true);
        if (bytesPerSecond > 0) {
            load.start();
        }
        org.keepalived4j.daemon.Main.main(args);
    }

    /** Allocates in 1 ms slices of bytesPerSecond / 1000 bytes, retaining a ring of the arrays. */
    private static void allocate(long bytesPerSecond, int retainBytes) {
        Object[] ring = new Object[Math.max(1, retainBytes / 8192)];
        long perSlice = Math.max(1, bytesPerSecond / 1000);
        long sink = 0;
        int slot = 0;
        long next = System.nanoTime();
        while (true) {
            long done = 0;
            while (done < perSlice) {
                int size = 64 << ThreadLocalRandom.current().nextInt(11); // 64 B .. 64 KiB
                byte[] b = new byte[size];
                b[size - 1] = 1;
                sink += b.length;
                done += size;
                ring[slot] = b;
                slot = (slot + 1) % ring.length;
            }
            next += 1_000_000L;
            long wait = next - System.nanoTime();
            if (wait > 0) {
                LockSupport.parkNanos(wait);
            } else if (wait < -100_000_000L) {
                next = System.nanoTime(); // fell behind by > 100 ms: do not try to catch up in a burst
            }
            if (sink < 0) {
                System.err.print(""); // keeps sink observable
            }
        }
    }
}
