package org.keepalived4j.sys;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import jnr.ffi.Pointer;

/**
 * An inotify instance (non-blocking, close-on-exec): watches added with {@link #addWatch}, events read with
 * {@link #read}. Reuses the socket plumbing (poll, close) since an inotify descriptor is polled the same way.
 */
public final class Inotify extends NativeSocket {
    public static final int IN_MODIFY = 0x2;
    public static final int IN_CLOSE_WRITE = 0x8;
    public static final int IN_MOVED_FROM = 0x40;
    public static final int IN_MOVED_TO = 0x80;
    public static final int IN_CREATE = 0x100;
    public static final int IN_DELETE = 0x200;
    /** Events were lost (queue overflow): the reader must re-read everything it watches. */
    public static final int IN_Q_OVERFLOW = 0x4000;
    /** The watch was removed (its directory deleted or unmounted). */
    public static final int IN_IGNORED = 0x8000;
    private static final int IN_NONBLOCK = 0x800;
    private static final int IN_CLOEXEC = 0x80000;
    /** struct inotify_event without its name: wd, mask, cookie, len. */
    private static final int EVENT_HEADER = 16;
    private static final int BUFFER = 64 * 1024;

    /** One event; {@code name} is the entry in a watched directory ("" for the directory itself). */
    public record Event(int watch, int mask, String name) {
        public boolean is(int bits) {
            return (mask & bits) != 0;
        }
    }

    private final Pointer buffer = Native.allocate(BUFFER);

    private Inotify(int fd) {
        super(fd);
    }

    public static Inotify open() throws NativeCallException {
        int fd = Native.libc().inotify_init1(IN_NONBLOCK | IN_CLOEXEC);
        if (fd < 0) {
            throw NativeCallException.last("inotify_init1()", "the per-user inotify instance limit may be reached"
                    + " (fs.inotify.max_user_instances)");
        }
        return new Inotify(fd);
    }

    /** Watches {@code path} for {@code mask}; returns the watch descriptor (the same one for the same path). */
    public int addWatch(Path path, int mask) throws NativeCallException {
        checkOpen();
        int wd = libc.inotify_add_watch(fd, path.toString(), mask);
        if (wd < 0) {
            throw NativeCallException.last("inotify_add_watch(" + path + ")", null);
        }
        return wd;
    }

    /** The events that arrive within {@code timeout} (one read; empty when none). */
    public List<Event> read(Duration timeout) throws NativeCallException {
        List<Event> events = new ArrayList<>();
        if (!awaitReadable(timeout)) {
            return events;
        }
        long n = libc.read(fd, buffer, BUFFER);
        if (n < 0) {
            int errno = Native.errno();
            if (errno == Errno.EAGAIN || errno == Errno.EINTR) {
                return events;
            }
            throw NativeCallException.of("read(" + describe() + ")", errno, null);
        }
        int offset = 0;
        while (offset + EVENT_HEADER <= n) {
            int wd = buffer.getInt(offset);
            int mask = buffer.getInt(offset + 4);
            int len = buffer.getInt(offset + 12);
            byte[] name = Native.read(buffer, offset + EVENT_HEADER, len);
            int end = 0;
            while (end < name.length && name[end] != 0) {
                end++;
            }
            events.add(new Event(wd, mask, new String(name, 0, end, StandardCharsets.UTF_8)));
            offset += EVENT_HEADER + len;
        }
        return events;
    }

    @Override
    protected String describe() {
        return "inotify instance";
    }
}
