package org.keepalived4j.sys;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Poller on eventfds (no root, no network): readiness, wake-ups from another thread, timeouts, slots. Each test runs
 * with epoll_pwait2 and with the ppoll fallback used where it is missing.
 */
class PollerTest {
    private static final Duration BOUND = Duration.ofSeconds(10);
    private static final String BOTH_WAYS = "usePwait2={0}";

    @ParameterizedTest(name = BOTH_WAYS)
    @ValueSource(booleans = {true, false})
    void timeoutWithNothingReadyReturnsZero(boolean usePwait2) throws Exception {
        try (Poller poller = Poller.open(usePwait2); Wakeup idle = Wakeup.open()) {
            poller.add(idle.fd(), "idle");
            assertEquals(0, poller.await(0));
            assertEquals(0, assertTimeoutPreemptively(BOUND, () -> poller.await(2_000_000)));
        }
    }

    @ParameterizedTest(name = BOTH_WAYS)
    @ValueSource(booleans = {true, false})
    void nanosecondTimeoutsAreNotCutShort(boolean usePwait2) throws Exception {
        try (Poller poller = Poller.open(usePwait2)) {
            for (long timeout : new long[] {3_000_000, 1_234_567, 999_999}) {
                long before = System.nanoTime();
                assertEquals(0, assertTimeoutPreemptively(BOUND, () -> poller.await(timeout)));
                long slept = System.nanoTime() - before;
                assertTrue(slept >= timeout, "slept " + slept + " ns of " + timeout);
            }
        }
    }

    @ParameterizedTest(name = BOTH_WAYS)
    @ValueSource(booleans = {true, false})
    void reportsTheReadyDescriptorWithItsAttachment(boolean usePwait2) throws Exception {
        try (Poller poller = Poller.open(usePwait2); Wakeup a = Wakeup.open(); Wakeup b = Wakeup.open()) {
            poller.add(a.fd(), "a");
            poller.add(b.fd(), "b");
            b.signal();
            assertEquals(1, assertTimeoutPreemptively(BOUND, () -> poller.await(-1)));
            assertEquals("b", poller.readyAttachment(0));
            assertEquals(1, assertTimeoutPreemptively(BOUND, () -> poller.await(1_000_000_000)), "level-triggered");
            assertEquals("b", poller.readyAttachment(0));
            b.clear();
            assertEquals(0, poller.await(0));
        }
    }

    @ParameterizedTest(name = BOTH_WAYS)
    @ValueSource(booleans = {true, false})
    void wakeFromAnotherThreadEndsAWaitAndIsConsumed(boolean usePwait2) throws Exception {
        try (Poller poller = Poller.open(usePwait2)) {
            for (long timeout : new long[] {-1, 60_000_000_000L}) {
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
                assertEquals(0, assertTimeoutPreemptively(BOUND, () -> poller.await(timeout)));
                waker.join(BOUND.toMillis());
                // the wake-up was read back: a second wait times out instead of returning at once
                long before = System.nanoTime();
                assertEquals(0, poller.await(5_000_000));
                assertTrue(System.nanoTime() - before >= 5_000_000, "the eventfd was drained");
            }
        }
    }

    @ParameterizedTest(name = BOTH_WAYS)
    @ValueSource(booleans = {true, false})
    void aWakeUpBesideAReadyDescriptorIsNotCounted(boolean usePwait2) throws Exception {
        try (Poller poller = Poller.open(usePwait2); Wakeup a = Wakeup.open()) {
            poller.add(a.fd(), "a");
            a.signal();
            poller.wake();
            assertEquals(1, assertTimeoutPreemptively(BOUND, () -> poller.await(1_000_000_000)));
            assertEquals("a", poller.readyAttachment(0));
        }
    }

    @ParameterizedTest(name = BOTH_WAYS)
    @ValueSource(booleans = {true, false})
    void aDescriptorRemovedAfterTheWaitIsNotHandedOut(boolean usePwait2) throws Exception {
        try (Poller poller = Poller.open(usePwait2); Wakeup a = Wakeup.open(); Wakeup b = Wakeup.open()) {
            poller.add(a.fd(), "a");
            poller.add(b.fd(), "b");
            a.signal();
            b.signal();
            assertEquals(2, assertTimeoutPreemptively(BOUND, () -> poller.await(-1)));
            assertTrue(poller.remove(b.fd())); // as a handler run first may cancel another watch
            List<Object> handedOut = new ArrayList<>();
            for (int k = 0; k < 2; k++) {
                handedOut.add(poller.readyAttachment(k));
            }
            assertTrue(handedOut.contains("a"), handedOut.toString());
            assertTrue(handedOut.contains(null), handedOut.toString());
            assertEquals(1, poller.await(0));
            assertEquals("a", poller.readyAttachment(0));
        }
    }

    @ParameterizedTest(name = BOTH_WAYS)
    @ValueSource(booleans = {true, false})
    void removeFreesASlotThatAddTakesAgainAndTheTableGrowsBeyondItsInitialSize(boolean usePwait2) throws Exception {
        List<Wakeup> fds = new ArrayList<>();
        try (Poller poller = Poller.open(usePwait2)) {
            watchNew(poller, fds, 20);
            assertEquals(20, poller.size());
            assertTrue(poller.remove(fds.get(3).fd()));
            assertFalse(poller.remove(fds.get(3).fd()));
            assertEquals(19, poller.size());
            fds.get(19).signal();
            fds.get(3).signal(); // no longer watched
            assertEquals(1, assertTimeoutPreemptively(BOUND, () -> poller.await(-1)));
            assertEquals(19, poller.readyAttachment(0));
            fds.get(19).clear();
            poller.add(fds.get(3).fd(), "3 again");
            assertEquals(20, poller.size());
            assertEquals(1, assertTimeoutPreemptively(BOUND, () -> poller.await(-1)));
            assertEquals("3 again", poller.readyAttachment(0));
        } finally {
            fds.forEach(Wakeup::close);
        }
    }

    @ParameterizedTest(name = BOTH_WAYS)
    @ValueSource(booleans = {true, false})
    void everyReadyDescriptorIsReportedWhenMoreAreReadyThanTheInitialTableHolds(boolean usePwait2) throws Exception {
        List<Wakeup> fds = new ArrayList<>();
        try (Poller poller = Poller.open(usePwait2)) {
            watchNew(poller, fds, 40);
            fds.forEach(Wakeup::signal);
            poller.wake();
            Set<Object> reported = new HashSet<>();
            assertTimeoutPreemptively(BOUND, () -> {
                for (int call = 0; call < 10 && reported.size() < fds.size(); call++) {
                    int n = poller.await(1_000_000_000);
                    for (int k = 0; k < n; k++) {
                        reported.add(poller.readyAttachment(k));
                    }
                }
            });
            assertEquals(40, reported.size());
        } finally {
            fds.forEach(Wakeup::close);
        }
    }

    @ParameterizedTest(name = BOTH_WAYS)
    @ValueSource(booleans = {true, false})
    void aDescriptorClosedWhileWatchedIsNeverReported(boolean usePwait2) throws Exception {
        try (Poller poller = Poller.open(usePwait2); Wakeup open = Wakeup.open()) {
            Wakeup closed = Wakeup.open();
            poller.add(open.fd(), "open");
            poller.add(closed.fd(), "closed");
            closed.signal();
            closed.close();
            assertEquals(0, poller.await(0));
            assertEquals(0, assertTimeoutPreemptively(BOUND, () -> poller.await(2_000_000)));
        }
    }

    @ParameterizedTest(name = BOTH_WAYS)
    @ValueSource(booleans = {true, false})
    void addingANumberReusedByANewDescriptorReplacesTheClosedOnesEntry(boolean usePwait2) throws Exception {
        try (Poller poller = Poller.open(usePwait2)) {
            Wakeup closed = Wakeup.open();
            int number = closed.fd();
            poller.add(number, "closed");
            closed.close();
            try (Wakeup reused = Wakeup.open()) {
                assumeTrue(reused.fd() == number, "the kernel gave the new eventfd another number");
                poller.add(reused.fd(), "new");
                assertEquals(1, poller.size());
                assertEquals(0, poller.await(0));
                reused.signal();
                assertEquals(1, assertTimeoutPreemptively(BOUND, () -> poller.await(-1)));
                assertEquals("new", poller.readyAttachment(0));
                assertTrue(poller.remove(number));
                assertEquals(0, poller.size());
                assertEquals(0, poller.await(0));
            }
        }
    }

    /** Opens {@code count} eventfds into {@code fds} (closed by the caller) and watches each, its index attached. */
    private static void watchNew(Poller poller, List<Wakeup> fds, int count) throws NativeCallException {
        for (int i = 0; i < count; i++) {
            Wakeup w = Wakeup.open();
            fds.add(w);
            poller.add(w.fd(), i);
        }
    }
}
