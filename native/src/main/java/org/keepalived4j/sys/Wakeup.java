package org.keepalived4j.sys;

import jnr.ffi.Pointer;

/**
 * An eventfd that threads blocked in {@link NativeSocket#awaitReadable(Wakeup)} poll beside their socket, so they can
 * sleep without a timeout until a packet arrives and still be told to stop. Once {@link #signal()}led it stays
 * readable (never read back): every waiter wakes, now and later.
 */
public final class Wakeup implements AutoCloseable {
    private final LibC libc = Native.libc();
    private final int fd;
    private volatile boolean closed;

    private Wakeup(int fd) {
        this.fd = fd;
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

    /** Wakes every thread waiting on this (and makes later waits return at once). */
    public void signal() {
        if (closed) {
            return;
        }
        Pointer one = Native.allocate(8);
        one.putLong(0, 1);
        libc.write(fd, one, 8); // only fails with EAGAIN when the counter is already huge: still readable then
    }

    /** Close after the waiters have returned (closing under a poll() would race with fd reuse). */
    @Override
    public void close() {
        if (!closed) {
            closed = true;
            libc.close(fd);
        }
    }
}
