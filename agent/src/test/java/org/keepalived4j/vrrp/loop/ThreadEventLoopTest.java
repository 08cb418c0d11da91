package org.keepalived4j.vrrp.loop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.keepalived4j.sys.Wakeup;

/** The real loop: ordering and thread confinement only, never wall-clock limits. */
class ThreadEventLoopTest {

    @Test
    void timersFireInDeadlineOrderOnTheLoopThread() throws Exception {
        try (ThreadEventLoop loop = new ThreadEventLoop("vrrp-test").start()) {
            List<Integer> order = new ArrayList<>(); // touched only on the loop thread
            List<Thread> threads = new ArrayList<>();
            CountDownLatch done = new CountDownLatch(1);
            loop.execute(() -> {
                for (int i = 5; i >= 1; i--) {
                    int id = i;
                    loop.schedule(TimeUnit.MILLISECONDS.toNanos(2L * i), () -> {
                        order.add(id);
                        threads.add(Thread.currentThread());
                    });
                }
                TimerHandle cancelled = loop.schedule(TimeUnit.MILLISECONDS.toNanos(3), () -> order.add(99));
                cancelled.cancel();
                loop.schedule(TimeUnit.MILLISECONDS.toNanos(20), done::countDown);
            });
            assertThat(done.await(30, TimeUnit.SECONDS)).isTrue();
            CountDownLatch read = new CountDownLatch(1);
            List<Integer> seen = new ArrayList<>();
            loop.execute(() -> {
                seen.addAll(order);
                read.countDown();
            });
            assertThat(read.await(30, TimeUnit.SECONDS)).isTrue();
            assertThat(seen).containsExactly(1, 2, 3, 4, 5);
            assertThat(threads).containsOnly(loop.thread());
            assertThat(loop.lateness().timersRun()).isGreaterThanOrEqualTo(6);
        }
    }

    @Test
    void beforeSleepTasksRunOnceAfterTheTurnsDueTimers() throws Exception {
        try (ThreadEventLoop loop = new ThreadEventLoop("vrrp-test").start()) {
            List<String> order = new ArrayList<>(); // touched only on the loop thread
            CountDownLatch done = new CountDownLatch(1);
            loop.execute(() -> {
                long deadline = loop.clock().nanoTime() + TimeUnit.MILLISECONDS.toNanos(5);
                for (int i = 0; i < 3; i++) {
                    int id = i;
                    // one deadline for all three: they are due in the same turn
                    loop.newTimer(() -> {
                        order.add("timer " + id);
                        loop.runBeforeSleep(() -> order.add("flush " + id));
                    }).armAt(deadline);
                }
                loop.newTimer(done::countDown).armAt(deadline + TimeUnit.MILLISECONDS.toNanos(20));
            });
            assertThat(done.await(30, TimeUnit.SECONDS)).isTrue();
            CompletableFuture<List<String>> seen = new CompletableFuture<>();
            loop.execute(() -> seen.complete(List.copyOf(order)));
            assertThat(seen.get(30, TimeUnit.SECONDS))
                    .containsExactly("timer 0", "timer 1", "timer 2", "flush 0", "flush 1", "flush 2");
            assertThatThrownBy(() -> loop.runBeforeSleep(() -> { }))
                    .as("only the loop thread may queue work for the end of its turn")
                    .isInstanceOf(IllegalStateException.class);
        }
    }

    @Test
    void aPreciseTimerPushedBackRepeatedlyFiresOnceAtItsLastDeadline() throws Exception {
        try (ThreadEventLoop loop = new ThreadEventLoop("vrrp-test").start()) {
            long step = TimeUnit.MILLISECONDS.toNanos(40);
            long downInterval = TimeUnit.MILLISECONDS.toNanos(500);
            long[] firedAt = new long[1];
            AtomicInteger fired = new AtomicInteger();
            CountDownLatch done = new CountDownLatch(1);
            long[] last = new long[1];
            LoopTimer[] down = new LoopTimer[1];
            loop.execute(() -> {
                // a backup's Master_Down timer: pushed back by 40 ms "adverts", each well before its deadline
                down[0] = loop.newPreciseTimer(() -> {
                    firedAt[0] = loop.clock().nanoTime();
                    fired.incrementAndGet();
                    done.countDown();
                });
                down[0].armAt(loop.clock().nanoTime() + downInterval);
                for (int i = 1; i <= 8; i++) {
                    loop.schedule(i * step, () -> {
                        last[0] = loop.clock().nanoTime() + downInterval;
                        down[0].armAt(last[0]);
                    });
                }
            });
            assertThat(done.await(30, TimeUnit.SECONDS)).isTrue();
            CompletableFuture<Boolean> pendingAfter = new CompletableFuture<>();
            loop.execute(() -> pendingAfter.complete(down[0].isPending()));
            assertThat(pendingAfter.get(30, TimeUnit.SECONDS)).as("nothing left queued").isFalse();
            assertThat(fired.get()).isEqualTo(1);
            long late = firedAt[0] - last[0];
            assertThat(late).as("fired at the last deadline, not an earlier one").isNotNegative()
                    .isLessThan(TimeUnit.SECONDS.toNanos(1));
        }
    }

    @Test
    void tasksFromOtherThreadsRunOnTheLoopThreadInSubmissionOrderPerThread() throws Exception {
        ExecutorService submitters = Executors.newFixedThreadPool(4);
        try (ThreadEventLoop loop = new ThreadEventLoop("vrrp-test", 50_000).start()) {
            int perThread = 500;
            CountDownLatch done = new CountDownLatch(4 * perThread);
            AtomicInteger offThread = new AtomicInteger();
            int[][] lastSeen = new int[4][1];
            AtomicInteger outOfOrder = new AtomicInteger();
            for (int t = 0; t < 4; t++) {
                int submitter = t;
                submitters.execute(() -> {
                    for (int i = 0; i < perThread; i++) {
                        int seq = i + 1;
                        loop.execute(() -> {
                            if (!loop.inLoop() || Thread.currentThread() != loop.thread()) {
                                offThread.incrementAndGet();
                            }
                            if (lastSeen[submitter][0] != seq - 1) {
                                outOfOrder.incrementAndGet();
                            }
                            lastSeen[submitter][0] = seq;
                            done.countDown();
                        });
                    }
                });
            }
            assertThat(done.await(30, TimeUnit.SECONDS)).isTrue();
            assertThat(offThread).hasValue(0);
            assertThat(outOfOrder).hasValue(0);
            assertThat(loop.inLoop()).isFalse();
        } finally {
            submitters.shutdownNow();
        }
    }

    @Test
    void timerArmedFromAnotherThreadIsHandedToTheLoopAndCanBeRearmed() throws Exception {
        try (ThreadEventLoop loop = new ThreadEventLoop("vrrp-test").start()) {
            AtomicInteger fired = new AtomicInteger();
            CountDownLatch twice = new CountDownLatch(2);
            LoopTimer[] holder = new LoopTimer[1];
            holder[0] = loop.newTimer(() -> {
                if (fired.incrementAndGet() == 1) {
                    holder[0].arm(TimeUnit.MILLISECONDS.toNanos(1)); // re-arm from inside its own task
                }
                twice.countDown();
            });
            holder[0].arm(TimeUnit.MILLISECONDS.toNanos(1));
            assertThat(twice.await(30, TimeUnit.SECONDS)).isTrue();
            CountDownLatch settled = new CountDownLatch(1);
            loop.schedule(TimeUnit.MILLISECONDS.toNanos(10), settled::countDown);
            assertThat(settled.await(30, TimeUnit.SECONDS)).isTrue();
            assertThat(fired).hasValue(2);
        }
    }
    @Test
    void preciseTimersFireInDeadlineOrderAmongOtherTimers() throws Exception {
        try (ThreadEventLoop loop = new ThreadEventLoop("vrrp-test").start()) {
            List<String> order = new ArrayList<>(); // touched only on the loop thread
            List<Thread> threads = new ArrayList<>();
            CountDownLatch done = new CountDownLatch(1);
            loop.execute(() -> {
                loop.schedule(TimeUnit.MILLISECONDS.toNanos(2), () -> order.add("normal 2"));
                LoopTimer precise = loop.newPreciseTimer(() -> {
                    order.add("precise 3");
                    threads.add(Thread.currentThread());
                });
                precise.arm(TimeUnit.MILLISECONDS.toNanos(3));
                loop.schedule(TimeUnit.MILLISECONDS.toNanos(4), () -> order.add("normal 4"));
                LoopTimer late = loop.newPreciseTimer(() -> {
                    order.add("precise 200");
                    done.countDown();
                });
                late.arm(TimeUnit.MILLISECONDS.toNanos(200));
            });
            loop.schedule(TimeUnit.MILLISECONDS.toNanos(20), () -> order.add("armed from another thread 20"));
            assertThat(done.await(30, TimeUnit.SECONDS)).isTrue();
            CountDownLatch read = new CountDownLatch(1);
            List<String> seen = new ArrayList<>();
            loop.execute(() -> {
                seen.addAll(order);
                read.countDown();
            });
            assertThat(read.await(30, TimeUnit.SECONDS)).isTrue();
            assertThat(seen).containsExactly("normal 2", "precise 3", "normal 4", "armed from another thread 20", "precise 200");
            assertThat(threads).containsOnly(loop.thread());
        }
    }

    @Test
    void readableDescriptorRunsItsHandlerOnTheLoopThreadUntilCancelled() throws Exception {
        try (ThreadEventLoop loop = new ThreadEventLoop("vrrp-test").start(); Wakeup fd = Wakeup.open()) {
            AtomicInteger calls = new AtomicInteger();
            List<Thread> threads = new ArrayList<>();
            CountDownLatch called = new CountDownLatch(1);
            ThreadEventLoop.ReadableWatch[] watch = new ThreadEventLoop.ReadableWatch[1];
            watch[0] = loop.watchReadable(fd.fd(), () -> {
                calls.incrementAndGet();
                threads.add(Thread.currentThread());
                watch[0].cancel(); // the eventfd stays readable: level-triggered, so only a cancel stops the calls
                called.countDown();
            });
            fd.signal();
            assertThat(called.await(30, TimeUnit.SECONDS)).isTrue();
            CountDownLatch later = new CountDownLatch(1);
            loop.schedule(TimeUnit.MILLISECONDS.toNanos(20), later::countDown);
            assertThat(later.await(30, TimeUnit.SECONDS)).isTrue();
            assertThat(calls).hasValue(1);
            assertThat(threads).containsOnly(loop.thread());
        }
    }

    @Test
    void cancelFromAnotherThreadReturnsOnlyOnceTheLoopNoLongerWatches() throws Exception {
        try (ThreadEventLoop loop = new ThreadEventLoop("vrrp-test").start(); Wakeup fd = Wakeup.open()) {
            AtomicInteger calls = new AtomicInteger();
            ThreadEventLoop.ReadableWatch watch = loop.watchReadable(fd.fd(), calls::incrementAndGet);
            watch.cancel();
            fd.signal();
            CountDownLatch later = new CountDownLatch(1);
            loop.schedule(TimeUnit.MILLISECONDS.toNanos(20), later::countDown);
            assertThat(later.await(30, TimeUnit.SECONDS)).isTrue();
            assertThat(calls).hasValue(0);
        }
    }

    @Test
    void handOverWakesALoopAsleepWithoutDeadline() throws Exception {
        try (ThreadEventLoop loop = new ThreadEventLoop("vrrp-test").start()) {
            for (int i = 0; i < 50; i++) {
                CountDownLatch ran = new CountDownLatch(1);
                Thread.sleep(1); // let the loop go back to sleep with nothing armed
                loop.execute(ran::countDown);
                assertThat(ran.await(30, TimeUnit.SECONDS)).as("hand-over %d", i).isTrue();
            }
        }
    }

    @Test
    void timerWithSlackRunsEarlyInTheWakeUpOfAnEarlierOneButNeverBeforeItsSlack() throws Exception {
        try (ThreadEventLoop loop = new ThreadEventLoop("vrrp-test").start()) {
            long slack = TimeUnit.MILLISECONDS.toNanos(200);
            long[] deadlines = new long[2];
            long[] ranAt = new long[2];
            CountDownLatch done = new CountDownLatch(2);
            loop.execute(() -> {
                long now = loop.clock().nanoTime();
                LoopTimer first = loop.newTimer(() -> {
                    ranAt[0] = loop.clock().nanoTime();
                    done.countDown();
                });
                LoopTimer second = loop.newTimer(() -> {
                    ranAt[1] = loop.clock().nanoTime();
                    done.countDown();
                });
                second.setSlack(slack);
                deadlines[0] = now + TimeUnit.MILLISECONDS.toNanos(5);
                deadlines[1] = now + TimeUnit.MILLISECONDS.toNanos(105);
                first.armAt(deadlines[0]);
                second.armAt(deadlines[1]);
            });
            assertThat(done.await(30, TimeUnit.SECONDS)).isTrue();
            CountDownLatch read = new CountDownLatch(1);
            long[][] seen = new long[1][];
            loop.execute(() -> {
                seen[0] = new long[] {deadlines[0], deadlines[1], ranAt[0], ranAt[1]};
                read.countDown();
            });
            assertThat(read.await(30, TimeUnit.SECONDS)).isTrue();
            long[] v = seen[0];
            assertThat(v[2]).as("the first timer is not run early").isGreaterThanOrEqualTo(v[0]);
            assertThat(v[3]).as("the second ran in the first one's wake-up, before its own deadline")
                    .isLessThan(v[1]);
            assertThat(v[3]).as("but not before its slack").isGreaterThanOrEqualTo(v[1] - slack);
        }
    }

    @Test
    void sleepsShortOfTheKernelsRoundingOfPollTimeouts() {
        for (long sleep : new long[] {1_000L, 50_000_000L, 3_609_375_000L, 60_000_000_000L}) {
            long timeout = ThreadEventLoop.pollTimeout(sleep);
            // the kernel may add timeout/1000 (timeout/200 for a niced thread) before waking us
            assertThat(timeout + timeout / 200).as("sleep %d ns", sleep).isLessThanOrEqualTo(sleep);
            assertThat(timeout).isPositive();
        }
    }

    @Test
    void aDescriptorClosedUnderItsWatchIsNeverServedAndANewOneWithItsNumberIs() throws Exception {
        try (ThreadEventLoop loop = new ThreadEventLoop("vrrp-test").start()) {
            Wakeup closed = Wakeup.open();
            int number = closed.fd();
            AtomicInteger closedCalls = new AtomicInteger();
            CountDownLatch watching = new CountDownLatch(1);
            loop.execute(() -> {
                loop.watchReadable(number, closedCalls::incrementAndGet);
                closed.signal(); // readable: were it still watched, its handler would run
                closed.close(); // on the loop thread, so no other descriptor can take its number before the next wait
                watching.countDown();
            });
            assertThat(watching.await(30, TimeUnit.SECONDS)).isTrue();
            for (int i = 0; i < 3; i++) {
                CountDownLatch later = new CountDownLatch(1);
                loop.schedule(TimeUnit.MILLISECONDS.toNanos(5), later::countDown);
                assertThat(later.await(30, TimeUnit.SECONDS)).as("timer %d after the close", i).isTrue();
            }
            assertThat(closedCalls).as("the handler of a closed descriptor is not called").hasValue(0);

            try (Wakeup reused = Wakeup.open()) {
                assumeTrue(reused.fd() == number, "the kernel gave the new eventfd another number");
                CountDownLatch called = new CountDownLatch(1);
                AtomicInteger newCalls = new AtomicInteger();
                ThreadEventLoop.ReadableWatch watch = loop.watchReadable(number, () -> {
                    newCalls.incrementAndGet();
                    reused.clear();
                    called.countDown();
                });
                reused.signal();
                assertThat(called.await(30, TimeUnit.SECONDS)).as("the new descriptor's handler ran").isTrue();
                int[] watched = {-1};
                CountDownLatch read = new CountDownLatch(1);
                loop.execute(() -> {
                    watched[0] = loop.watchedDescriptors();
                    read.countDown();
                });
                assertThat(read.await(30, TimeUnit.SECONDS)).isTrue();
                assertThat(watched[0]).as("the new watch replaced the closed descriptor's").isOne();
                assertThat(newCalls).hasValue(1);
                assertThat(closedCalls).hasValue(0);
                watch.cancel();
            }
        }
    }
}
