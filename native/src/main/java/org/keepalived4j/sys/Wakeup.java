package org.keepalived4j.sys;

import jnr.ffi.Pointer;

/**
 * An eventfd that threads blocked in {@link NativeSocket#awaitReadable(Wakeup)} poll beside their socket, so they can
 * sleep without a timeout until a packet arrives and still be told to stop; {@link Poller} keeps one in its epoll set.
 * Once {@link #signal()}led it stays readable until {@link #clear()}ed: every waiter wakes, now and later.
 */
public final class Wakeup implements AutoCloseable {
    private final LibC libc = Native.libc();
    private final int fd;
    /** The 8-byte value signal() writes; never changed after construction, so any thread may pass it. */
    private final Pointer one = Native.allocate(8);
    private final Pointer drain = Native.allocate(8);
    private boolean closed;

    private Wakeup(int fd) {
        this.fd = fd;
        this.one.putLong(0, 1);
    }

    /** eventfd(0, EFD_NONBLOCK|EFD_CLOEXEC). */
    public static Wakeup open() throws NativeCallException {
        int fd = Native.libc().eventfd(0, Linux.EFD_NONBLOCK | Linux.EFD_CLOEXEC);
        if (fd < 0) {
            throw NativeCallException.last("eventfd()", null);
        }
        return new Wakeup(fd);
    }

    public int fd() {
        return fd;
    }

    /**
     * Wakes every thread waiting on this (and makes later waits return at once). Any thread; under the same lock as
     * close(), so a signal never writes to a descriptor number that was closed and reused.
     */
    public synchronized void signal() {
        if (!closed) {
            libc.write(fd, one, 8); // only fails with EAGAIN when the counter is already huge: still readable then
        }
    }

    /** Makes it unreadable again (reads the counter back); EAGAIN when it was not signalled: fine. */
    public synchronized void clear() {
        if (!closed) {
            libc.read(fd, drain, 8);
        }
    }

    /** Close after the waiters have returned (closing under a poll() would race with fd reuse). */
    @Override
    public synchronized void close() {
        if (!closed) {
            closed = true;
            libc.close(fd);
        }
    }
}
