package org.keepalived4j.sys;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;

/** Poller on eventfds (no root, no network): readiness, wake-ups from another thread, timeouts, compaction. */
class PollerTest {
    private static final Duration BOUND = Duration.ofSeconds(10);

    @Test
    void timeoutWithNothingReadyReturnsZero() throws Exception {
        try (Poller poller = Poller.open(); Wakeup idle = Wakeup.open()) {
            poller.add(idle.fd(), "idle");
            assertEquals(0, poller.await(0));
            assertEquals(0, poller.await(2_000_000));
            assertFalse(poller.ready(0));
        }
    }

    @Test
    void reportsTheReadyDescriptorWithItsAttachment() throws Exception {
        try (Poller poller = Poller.open(); Wakeup a = Wakeup.open(); Wakeup b = Wakeup.open()) {
            poller.add(a.fd(), "a");
            poller.add(b.fd(), "b");
            b.signal();
            int n = assertTimeoutPreemptively(BOUND, () -> poller.await(-1));
            assertEquals(1, n);
            assertFalse(poller.ready(0));
            assertTrue(poller.ready(1));
            assertEquals("b", poller.attachment(1));
        }
    }

    @Test
    void wakeFromAnotherThreadEndsAnUnboundedWaitAndIsConsumed() throws Exception {
        try (Poller poller = Poller.open()) {
            CountDownLatch waiting = new CountDownLatch(1);
            Thread waker = new Thread(() -> {
                try {
                    waiting.await();
                    Thread.sleep(20);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                poller.wake();
            });
            waker.start();
            waiting.countDown();
            assertEquals(0, assertTimeoutPreemptively(BOUND, () -> poller.await(-1)));
            waker.join(BOUND.toMillis());
            // the wake-up was read back: a second wait times out instead of returning at once
            long before = System.nanoTime();
            assertEquals(0, poller.await(5_000_000));
            assertTrue(System.nanoTime() - before >= 4_000_000, "the eventfd was drained");
        }
    }

    @Test
    void removeCompactsAndGrowsBeyondTheInitialCapacity() throws Exception {
        List<Wakeup> fds = new ArrayList<>();
        try (Poller poller = Poller.open()) {
            for (int i = 0; i < 20; i++) {
                Wakeup w = Wakeup.open();
                fds.add(w);
                poller.add(w.fd(), i);
            }
            assertEquals(20, poller.size());
            assertTrue(poller.remove(fds.get(3).fd()));
            assertFalse(poller.remove(fds.get(3).fd()));
            assertEquals(19, poller.size());
            fds.get(19).signal();
            fds.get(3).signal(); // no longer watched
            assertEquals(1, assertTimeoutPreemptively(BOUND, () -> poller.await(-1)));
            int readyAt = -1;
            for (int i = 0; i < poller.size(); i++) {
                if (poller.ready(i)) {
                    readyAt = i;
                }
            }
            assertEquals(3, readyAt, "the last descriptor moved into the removed one's position");
            assertEquals(19, poller.attachment(readyAt));
        } finally {
            fds.forEach(Wakeup::close);
        }
    }

    @Test
    void aDescriptorClosedWhileWatchedIsReportedInvalid() throws Exception {
        try (Poller poller = Poller.open(); Wakeup open = Wakeup.open()) {
            Wakeup closed = Wakeup.open();
            poller.add(open.fd(), "open");
            poller.add(closed.fd(), "closed");
            closed.close();
            assertEquals(1, poller.await(0));
            assertFalse(poller.ready(0));
            assertFalse(poller.invalid(0));
            assertTrue(poller.ready(1));
            assertTrue(poller.invalid(1));
        }
    }
}
