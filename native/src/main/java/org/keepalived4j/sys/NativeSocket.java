package org.keepalived4j.sys;

import java.time.Duration;
import jnr.ffi.Pointer;

/**
 * A socket file descriptor with the plumbing every wrapper needs: options, poll, close. Messages name the socket
 * ({@link #describe()}) so an error says which socket and interface failed.
 */
abstract class NativeSocket implements AutoCloseable {
    protected final LibC libc = Native.libc();
    protected final int fd;
    private volatile boolean closed;

    protected NativeSocket(int fd) {
        this.fd = fd;
    }

    /** Opens socket(domain, type|SOCK_CLOEXEC, protocol) or throws naming the call. */
    protected static int openFd(int domain, int type, int protocol, String protocolText, String hint) throws NativeCallException {
        int fd = Native.libc().socket(domain, type | Linux.SOCK_CLOEXEC, protocol);
        if (fd < 0) {
            int errno = Native.errno();
            String typeText = (type & 0xf) == Linux.SOCK_RAW ? "SOCK_RAW" : (type & 0xf) == Linux.SOCK_DGRAM ? "SOCK_DGRAM"
                    : Integer.toString(type & 0xf);
            String call = "socket(" + Linux.familyName(domain) + ", " + typeText + ", " + protocolText + ")";
            throw NativeCallException.of(call, errno, errno == Errno.EPERM || errno == Errno.EACCES ? hint : null);
        }
        return fd;
    }

    /** A short description for messages, e.g. "raw IPv4 socket (protocol 112) on lan0". */
    protected abstract String describe();

    public int fd() {
        return fd;
    }

    protected void setIntOption(int level, int option, String optionName, int value) throws NativeCallException {
        setOption(level, option, optionName + "=" + value, Native.intValue(value), 4);
    }

    protected void setOption(int level, int option, String what, Pointer value, int len) throws NativeCallException {
        checkOpen();
        if (libc.setsockopt(fd, level, option, value, len) != 0) {
            throw NativeCallException.last("setsockopt(" + describe() + ", " + what + ")", null);
        }
    }

    protected int getIntOption(int level, int option, String optionName) throws NativeCallException {
        checkOpen();
        Pointer v = Native.allocate(4);
        Pointer len = Native.intValue(4);
        if (libc.getsockopt(fd, level, option, v, len) != 0) {
            throw NativeCallException.last("getsockopt(" + describe() + ", " + optionName + ")", null);
        }
        return v.getInt(0);
    }

    /**
     * Waits until the socket is readable or the timeout passes (EINTR retried); true when readable.
     */
    public boolean awaitReadable(Duration timeout) throws NativeCallException {
        checkOpen();
        long deadline = System.nanoTime() + timeout.toNanos();
        Pointer pfd = Native.allocate(8);
        for (int attempt = 0; attempt < 1000; attempt++) {
            long remainingMs = Math.max(0, (deadline - System.nanoTime() + 999_999) / 1_000_000);
            pfd.putInt(0, fd);
            pfd.putShort(4, Linux.POLLIN);
            pfd.putShort(6, (short) 0);
            int n = libc.poll(pfd, 1, (int) Math.min(remainingMs, Integer.MAX_VALUE));
            if (n > 0) {
                return true;
            }
            if (n == 0) {
                return false;
            }
            int errno = Native.errno();
            if (errno != Errno.EINTR) {
                throw NativeCallException.of("poll(" + describe() + ")", errno, null);
            }
        }
        return false;
    }

    /**
     * Waits without a timeout until the socket is readable (true) or {@code wakeup} is signalled (false, also when
     * both are); EINTR retried. A receive thread sleeps here instead of polling a stop flag.
     */
    public boolean awaitReadable(Wakeup wakeup) throws NativeCallException {
        checkOpen();
        Pointer pfds = Native.allocate(16);
        pfds.putInt(0, fd);
        pfds.putShort(4, Linux.POLLIN);
        pfds.putInt(8, wakeup.fd());
        pfds.putShort(12, Linux.POLLIN);
        for (int attempt = 0; attempt < 1000; attempt++) {
            if (libc.poll(pfds, 2, -1) > 0) {
                return pfds.getShort(14) == 0 && pfds.getShort(6) != 0;
            }
            int errno = Native.errno();
            if (errno != Errno.EINTR) {
                throw NativeCallException.of("poll(" + describe() + ")", errno, null);
            }
        }
        return false;
    }

    protected void checkOpen() throws NativeCallException {
        if (closed) {
            throw new NativeCallException("use of closed " + describe(), Errno.EBADF, null);
        }
    }

    public boolean isOpen() {
        return !closed;
    }

    @Override
    public void close() {
        if (!closed) {
            closed = true;
            libc.close(fd);
        }
    }
}
