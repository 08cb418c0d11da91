package org.keepalived4j.vrrp.loop;

import java.util.Arrays;

/** Binary min-heap of timers ordered by deadline, then by arming order; O(log n) removal via the stored index. */
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

    LoopTimer peek() {
        return size == 0 ? null : heap[0];
    }

    void add(LoopTimer timer, long deadline) {
        if (timer.heapIndex >= 0) {
            // re-armed while pending (a backup's down timer, every advert): move it in place, one sift
            long old = timer.deadline;
            timer.deadline = deadline;
            timer.sequence = nextSequence++;
            if (deadline - old >= 0) {
                siftDown(timer.heapIndex);
            } else {
                siftUp(timer.heapIndex);
            }
            return;
        }
        timer.deadline = deadline;
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
        if (size == 0) {
            return null;
        }
        LoopTimer top = heap[0];
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
        long d = a.deadline - b.deadline; // overflow-safe comparison of nanoTime values
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
