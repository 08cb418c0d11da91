package org.keepalived4j.sys;

import jnr.ffi.Pointer;

/**
 * The sleep of a single-threaded event loop: one ppoll(2) that returns when a watched descriptor is readable, when
 * another thread calls {@link #wake()}, or after a timeout with nanosecond resolution (keepalived sleeps the same
 * way, in epoll_wait on its sockets and a timerfd). Replacing a receive thread per socket plus a parked loop thread,
 * it makes a received advert cost one wake-up instead of two. Level-triggered; positions are compacted on
 * {@link #remove}, so callers look descriptors up by {@link #attachment(int)}, not by position.
 * Owned by one thread; only {@link #wake()} and {@link #close()} may be called from others.
 */
public final class Poller implements AutoCloseable {
    private static final int POLLFD_SIZE = 8;
    private static final int POLLNVAL = 0x20;
    private static final int READY = Linux.POLLIN | 0x8 /* POLLERR */ | 0x10 /* POLLHUP */ | POLLNVAL;

    private final LibC libc = Native.libc();
    private final Wakeup wakeup;
    private final Pointer timeout = Native.allocate(16);
    private Pointer fds;
    private int[] fdList = new int[8];
    private Object[] attachments = new Object[8];
    /** Watched descriptors, not counting the wake-up eventfd in slot 0 of the native array. */
    private int size;

    private Poller(Wakeup wakeup) {
        this.wakeup = wakeup;
        this.fds = Native.allocate(POLLFD_SIZE * (fdList.length + 1));
        this.fds.putInt(0, wakeup.fd());
        this.fds.putShort(4, Linux.POLLIN);
    }

    /** With its own {@link Wakeup} (an eventfd) for {@link #wake()}. */
    public static Poller open() throws NativeCallException {
        return new Poller(Wakeup.open());
    }

    /** Watches {@code fd} for input (and errors); {@code attachment} is handed back by {@link #attachment}. */
    public void add(int fd, Object attachment) {
        if (size == fdList.length) {
            int capacity = size * 2;
            fdList = java.util.Arrays.copyOf(fdList, capacity);
            attachments = java.util.Arrays.copyOf(attachments, capacity);
            Pointer grown = Native.allocate(POLLFD_SIZE * (capacity + 1));
            byte[] old = new byte[POLLFD_SIZE * (size + 1)];
            fds.get(0, old, 0, old.length);
            grown.put(0, old, 0, old.length);
            fds = grown;
        }
        fdList[size] = fd;
        attachments[size] = attachment;
        size++;
        writeSlot(size, fd);
    }

    /** Stops watching {@code fd}; false when it was not watched. The last position moves into the hole. */
    public boolean remove(int fd) {
        for (int i = 0; i < size; i++) {
            if (fdList[i] == fd) {
                size--;
                fdList[i] = fdList[size];
                attachments[i] = attachments[size];
                attachments[size] = null;
                if (i < size) {
                    writeSlot(i + 1, fdList[i]);
                }
                return true;
            }
        }
        return false;
    }

    private void writeSlot(int slot, int fd) {
        fds.putInt((long) slot * POLLFD_SIZE, fd);
        fds.putShort((long) slot * POLLFD_SIZE + 4, Linux.POLLIN);
        fds.putShort((long) slot * POLLFD_SIZE + 6, (short) 0);
    }

    public int size() {
        return size;
    }

    public Object attachment(int position) {
        return attachments[position];
    }

    /** After {@link #await}: whether the descriptor at {@code position} is readable (or in error: reading says why). */
    public boolean ready(int position) {
        return (fds.getShort((long) (position + 1) * POLLFD_SIZE + 6) & READY) != 0;
    }

    /** After {@link #await}: the descriptor at {@code position} is not open (closed while watched): stop watching it. */
    public boolean invalid(int position) {
        return (fds.getShort((long) (position + 1) * POLLFD_SIZE + 6) & POLLNVAL) != 0;
    }

    /**
     * Sleeps until a watched descriptor is ready, {@link #wake()} is called or {@code timeoutNanos} pass
     * (negative: no timeout; 0: just look). A wake-up is consumed here.
     *
     * @return how many watched descriptors are ready (0: timeout, wake-up or EINTR)
     */
    public int await(long timeoutNanos) throws NativeCallException {
        Pointer limit = null;
        if (timeoutNanos >= 0) {
            timeout.putLong(0, timeoutNanos / 1_000_000_000L);
            timeout.putLong(8, timeoutNanos % 1_000_000_000L);
            limit = timeout;
        }
        int n = libc.ppoll(fds, size + 1, limit, null);
        if (n < 0) {
            int errno = Native.errno();
            if (errno == Errno.EINTR) {
                return 0;
            }
            throw NativeCallException.of("ppoll(" + size + " descriptors)", errno, null);
        }
        if (n > 0 && (fds.getShort(6) & READY) != 0) {
            wakeup.clear();
            n--;
        }
        return n;
    }

    /** Any thread: makes the current or next {@link #await} return. */
    public void wake() {
        wakeup.signal();
    }

    /** Closes the wake-up eventfd (not the watched descriptors). */
    @Override
    public void close() {
        wakeup.close();
    }
}
