package org.keepalived4j.vrrp.loop;

import java.util.Arrays;

/**
 * Binary min-heap of timers ordered by deadline, then by arming order; O(log n) removal via the stored index.
 *
 * <p>A pending timer re-armed later (a backup's Master_Down timer, pushed back by every advert of every instance)
 * keeps its place and its earlier heap key; it is moved when it reaches the top and its key comes near
 * ({@link #peek(long, long)}), so 200 instances' adverts cost no heap work each and one sift per timer per
 * Master_Down interval. Every key is at most its timer's deadline, so the top's key never promises a later expiry than
 * the earliest deadline.
 */
final class TimerQueue {
    private LoopTimer[] heap = new LoopTimer[64];
    private int size;
    private long nextSequence;

    boolean isEmpty() {
        return size == 0;
    }

    int size() {
        return size;
    }

    /** The timer with the earliest deadline. */
    LoopTimer peek() {
        return top(true, 0, 0);
    }

    /**
     * The top of the heap, with postponed timers moved to their real deadlines only while their heap key is within
     * {@code horizon} of {@code now}: the result's key is then at most the earliest deadline, and exactly it when
     * within the horizon. A timer pushed back every interval is so moved once per its own period instead of once per
     * push (were every postponed top moved at once, each push would cost a sift again).
     */
    LoopTimer peek(long now, long horizon) {
        return top(false, now, horizon);
    }

    private LoopTimer top(boolean all, long now, long horizon) {
        if (size == 0) {
            return null;
        }
        LoopTimer top = heap[0];
        while (top.key != top.deadline && (all || top.key - now <= horizon)) { // postponed: down to where it belongs
            top.key = top.deadline;
            top.sequence = top.postponedSequence;
            siftDown(0);
            top = heap[0];
        }
        return top;
    }

    void add(LoopTimer timer, long deadline) {
        if (timer.heapIndex >= 0) {
            timer.deadline = deadline;
            long d = deadline - timer.key;
            if (d > 0) {
                // postponed: it keeps its place (and its order among equal keys) until it reaches the top (peek)
                timer.postponedSequence = nextSequence++;
                return;
            }
            timer.key = deadline;
            timer.sequence = nextSequence++;
            if (d < 0) {
                siftUp(timer.heapIndex);
            } else {
                siftDown(timer.heapIndex); // same deadline, later in arming order
            }
            return;
        }
        timer.deadline = deadline;
        timer.key = deadline;
        timer.sequence = nextSequence++;
        if (size == heap.length) {
            heap = Arrays.copyOf(heap, size * 2);
        }
        heap[size] = timer;
        timer.heapIndex = size;
        siftUp(size++);
    }

    void remove(LoopTimer timer) {
        if (timer.heapIndex >= 0) {
            removeAt(timer.heapIndex);
        }
    }

    LoopTimer poll() {
        LoopTimer top = peek();
        if (top == null) {
            return null;
        }
        removeAt(0);
        return top;
    }

    private void removeAt(int index) {
        LoopTimer removed = heap[index];
        int last = --size;
        if (index != last) {
            heap[index] = heap[last];
            heap[index].heapIndex = index;
            heap[last] = null;
            siftDown(index);
            siftUp(index);
        } else {
            heap[last] = null;
        }
        removed.heapIndex = -1;
    }

    private static boolean before(LoopTimer a, LoopTimer b) {
        long d = a.key - b.key; // overflow-safe comparison of nanoTime values
        return d < 0 || (d == 0 && a.sequence < b.sequence);
    }

    private void siftUp(int index) {
        LoopTimer t = heap[index];
        while (index > 0) {
            int parent = (index - 1) >>> 1;
            LoopTimer p = heap[parent];
            if (!before(t, p)) {
                break;
            }
            heap[index] = p;
            p.heapIndex = index;
            index = parent;
        }
        heap[index] = t;
        t.heapIndex = index;
    }

    private void siftDown(int index) {
        LoopTimer t = heap[index];
        int half = size >>> 1;
        while (index < half) {
            int child = 2 * index + 1;
            int right = child + 1;
            if (right < size && before(heap[right], heap[child])) {
                child = right;
            }
            if (!before(heap[child], t)) {
                break;
            }
            heap[index] = heap[child];
            heap[index].heapIndex = index;
            index = child;
        }
        heap[index] = t;
        t.heapIndex = index;
    }
}
