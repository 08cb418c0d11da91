package org.keepalived4j.vrrp.loop;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The timer heap against a plain model: arming, re-arming in place (earlier, later, equal; a later one postponed until
 * it reaches the top), removal, peeking and polling.
 */
class TimerQueueTest {
    private static final QueuedEventLoop UNUSED_LOOP = new QueuedEventLoop(() -> 0L) {
        @Override
        protected void wakeUp() {
        }

        @Override
        public boolean inLoop() {
            return true;
        }
    };

    /** deadline, then arming order: what the queue must hand out next. */
    private record Armed(long deadline, long order) {
    }

    @Test
    void pollsInDeadlineThenArmingOrderWhateverTheSequenceOfOperations() {
        for (long seed = 1; seed <= 20; seed++) {
            Random random = new Random(seed);
            TimerQueue queue = new TimerQueue();
            List<LoopTimer> timers = new ArrayList<>();
            for (int i = 0; i < 64; i++) {
                timers.add(UNUSED_LOOP.newTimer(() -> { }));
            }
            Map<LoopTimer, Armed> model = new HashMap<>();
            long order = 0;
            for (int step = 0; step < 5_000; step++) {
                LoopTimer t = timers.get(random.nextInt(timers.size()));
                int op = random.nextInt(10);
                if (op < 6) {
                    // deadlines from a small range, so ties (equal deadlines) are frequent; may wrap past 0
                    long deadline = Long.MAX_VALUE - 50 + random.nextInt(100);
                    queue.add(t, deadline);
                    model.put(t, new Armed(deadline, order++));
                } else if (op < 8) {
                    queue.remove(t);
                    model.remove(t);
                } else if (op == 8) {
                    assertThat(queue.peek()).as("seed %d step %d", seed, step).isSameAs(earliest(model));
                } else {
                    LoopTimer polled = queue.poll();
                    LoopTimer expected = earliest(model);
                    assertThat(polled).as("seed %d step %d", seed, step).isSameAs(expected);
                    model.remove(expected);
                }
                assertThat(queue.size()).isEqualTo(model.size());
                for (LoopTimer timer : timers) {
                    assertThat(timer.isPending()).isEqualTo(model.containsKey(timer));
                }
            }
            while (!model.isEmpty()) {
                LoopTimer expected = earliest(model);
                assertThat(queue.poll()).isSameAs(expected);
                model.remove(expected);
            }
            assertThat(queue.isEmpty()).isTrue();
        }
    }

    @Test
    void aTimerPushedBackKeepsItsPlaceUntilItReachesTheTop() {
        TimerQueue queue = new TimerQueue();
        LoopTimer down = UNUSED_LOOP.newTimer(() -> { });
        LoopTimer other = UNUSED_LOOP.newTimer(() -> { });
        queue.add(down, 10);
        queue.add(other, 20);
        for (long deadline = 30; deadline <= 1_000; deadline += 10) {
            queue.add(down, deadline); // a backup's Master_Down timer, pushed back by each advert
            assertThat(down.heapIndex).as("no heap work for a postponement").isZero();
            assertThat(down.deadline()).isEqualTo(deadline);
        }
        assertThat(queue.peek()).as("the top is the earliest real deadline").isSameAs(other);
        assertThat(down.heapIndex).isNotZero();
        assertThat(queue.poll()).isSameAs(other);
        assertThat(queue.poll()).isSameAs(down);
        assertThat(down.deadline()).isEqualTo(1_000);
    }

    @Test
    void aPostponedTimerTiesInTheOrderItWasLastArmed() {
        TimerQueue queue = new TimerQueue();
        LoopTimer first = UNUSED_LOOP.newTimer(() -> { });
        LoopTimer second = UNUSED_LOOP.newTimer(() -> { });
        queue.add(first, 10);
        queue.add(second, 50);
        queue.add(first, 50); // postponed to second's deadline, armed after it
        assertThat(queue.poll()).isSameAs(second);
        assertThat(queue.poll()).isSameAs(first);
    }

    private static LoopTimer earliest(Map<LoopTimer, Armed> model) {
        LoopTimer best = null;
        Armed bestArmed = null;
        for (Map.Entry<LoopTimer, Armed> e : model.entrySet()) {
            Armed a = e.getValue();
            if (bestArmed == null || a.deadline() - bestArmed.deadline() < 0
                    || (a.deadline() == bestArmed.deadline() && a.order() < bestArmed.order())) {
                best = e.getKey();
                bestArmed = a;
            }
        }
        return best;
    }
}
