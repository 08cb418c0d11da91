package org.keepalived4j.sys;

import java.io.IOException;

/**
 * A failed system call (or a kernel error returned over netlink). The message names the call with its arguments,
 * the errno name and description, and, where it helps, what to do, e.g.
 * {@code socket(AF_INET, SOCK_RAW, 112): EPERM: Operation not permitted - keepalived4j needs CAP_NET_RAW (run as root)}.
 */
public class NativeCallException extends IOException {
    private static final long serialVersionUID = 1L;
    private final String call;
    private final int errno;

    public NativeCallException(String call, int errno, String hint) {
        super(call + ": " + Errno.name(errno) + ": " + Errno.describe(errno)
                + (hint == null || hint.isEmpty() ? "" : " - " + hint));
        this.call = call;
        this.errno = errno;
    }

    /** The call with its arguments, e.g. {@code setsockopt(lan0, SO_BINDTODEVICE)}. */
    public String call() {
        return call;
    }

    public int errno() {
        return errno;
    }

    public String errnoName() {
        return Errno.name(errno);
    }

    /** Builds the exception for the current errno, adding the privilege hint for EPERM/EACCES. */
    static NativeCallException last(String call, String hint) {
        return of(call, Native.errno(), hint);
    }

    static NativeCallException of(String call, int errno, String hint) {
        String h = hint;
        if (h == null && (errno == Errno.EPERM || errno == Errno.EACCES)) {
            h = "keepalived4j needs CAP_NET_ADMIN and CAP_NET_RAW (run as root)";
        }
        return new NativeCallException(call, errno, h);
    }
}
