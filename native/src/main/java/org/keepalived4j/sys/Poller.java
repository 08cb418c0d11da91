package org.keepalived4j.sys;

import java.util.Arrays;
import jnr.ffi.Pointer;

/**
 * The sleep of a single-threaded event loop: an epoll set that returns when a watched descriptor is readable, when
 * another thread calls {@link #wake()} (an eventfd in the set), or after a timeout with nanosecond resolution
 * (keepalived sleeps the same way, in epoll_wait on its sockets and a timerfd). Descriptors are registered once, in
 * {@link #add}, so a wake-up costs the kernel only the ready ones (ppoll(2) registered every descriptor anew on each
 * call). Level-triggered: a descriptor is reported while it has input or an error (reading it says which).
 * <p>
 * After {@code n = await(timeout)}, {@link #readyAttachment(int) readyAttachment(0 .. n-1)} are the ready
 * descriptors' attachments. A descriptor closed while watched leaves the kernel's set by itself and is never
 * reported; still, {@link #remove} it before closing it: a copy of it held elsewhere (a forked child) would keep its
 * registration alive under a number that no longer names it.
 * <p>
 * Owned by one thread; only {@link #wake()} and {@link #close()} may be called from others.
 */
public final class Poller implements AutoCloseable {
    private static final int INITIAL_SLOTS = 8;
    private static final int POLLFD_SIZE = 8;
    private static final int EVENT_SIZE = NativeStructs.EPOLL_EVENT_SIZE;
    private static final int DATA_OFFSET = NativeStructs.EPOLL_EVENT_DATA_OFFSET;
    /** The data of the wake-up eventfd's events; a watched descriptor's is its slot (never negative). */
    private static final long WAKEUP_DATA = -1L;
    /** Set by the first Poller that finds epoll_pwait2 missing (kernel before 5.11 or glibc before 2.35). */
    private static volatile boolean pwait2Missing;

    private final LibC libc = Native.libc();
    private final int epollFd;
    private final Wakeup wakeup;
    private final Pointer timeout = Native.allocate(16);
    /** The struct epoll_event epoll_ctl reads. */
    private final Pointer controlEvent = Native.allocate(EVENT_SIZE);
    /** ppoll's struct pollfd on the epoll descriptor, for sleeping without epoll_pwait2. */
    private final Pointer epollPollFd = Native.allocate(POLLFD_SIZE);
    /** False: positive timeouts sleep in ppoll(2) on the epoll descriptor, as precise, one system call more. */
    private boolean usePwait2;
    /**
     * By slot, the number an event's data carries: the watched descriptor (-1: free slot) and its attachment. Looked
     * up by slot for each event; scanned by descriptor only in add and remove, which are rare and see a few slots.
     */
    private int[] slotFds = new int[INITIAL_SLOTS];
    private Object[] slotAttachments = new Object[INITIAL_SLOTS];
    private int size;
    /** Room for an event per slot and the wake-up's, so one call reports every ready descriptor. */
    private Pointer events = Native.allocate(EVENT_SIZE * (INITIAL_SLOTS + 1));
    /** The slots of the descriptors the last await reported, in order. */
    private int[] readySlots = new int[INITIAL_SLOTS + 1];
    private boolean closed;

    private Poller(int epollFd, Wakeup wakeup, boolean usePwait2) {
        this.epollFd = epollFd;
        this.wakeup = wakeup;
        this.usePwait2 = usePwait2;
        Arrays.fill(slotFds, -1);
        epollPollFd.putInt(0, epollFd);
        epollPollFd.putShort(4, Linux.POLLIN);
    }

    /** With its own {@link Wakeup} (an eventfd) for {@link #wake()}. */
    public static Poller open() throws NativeCallException {
        return open(true);
    }

    /** {@code usePwait2} false: sleep as without epoll_pwait2 (so tests cover that way too). */
    static Poller open(boolean usePwait2) throws NativeCallException {
        LibC libc = Native.libc();
        int epollFd = libc.epoll_create1(Linux.EPOLL_CLOEXEC);
        if (epollFd < 0) {
            throw NativeCallException.last("epoll_create1(EPOLL_CLOEXEC)", null);
        }
        Wakeup wakeup;
        try {
            wakeup = Wakeup.open();
        } catch (NativeCallException e) {
            libc.close(epollFd);
            throw e;
        }
        Poller poller = new Poller(epollFd, wakeup, usePwait2 && !pwait2Missing);
        if (poller.epollCtl(Linux.EPOLL_CTL_ADD, wakeup.fd(), WAKEUP_DATA) < 0) {
            NativeCallException e = NativeCallException.last("epoll_ctl(EPOLL_CTL_ADD, wake-up eventfd)", null);
            poller.close();
            throw e;
        }
        return poller;
    }

    /**
     * Watches {@code fd} for input (errors and hang-ups are reported too); {@code attachment} is handed back by
     * {@link #readyAttachment}. A number already in the table was closed under its watch and now names a new
     * descriptor (or is added twice): the new registration replaces the old.
     *
     * @throws NativeCallException when {@code fd} is not open or cannot be polled, or the kernel is out of memory or
     *         of epoll watches (fs.epoll.max_user_watches)
     */
    public void add(int fd, Object attachment) throws NativeCallException {
        int stale = slotOf(fd);
        if (stale >= 0) {
            libc.epoll_ctl(epollFd, Linux.EPOLL_CTL_DEL, fd, null); // fails when the closed one left the set already
            free(stale);
        }
        int slot = freeSlot();
        // EEXIST: the kernel still holds this file under this number (its DEL failed): MOD points it at the new slot
        if (epollCtl(Linux.EPOLL_CTL_ADD, fd, slot) < 0
                && (Native.errno() != Errno.EEXIST || epollCtl(Linux.EPOLL_CTL_MOD, fd, slot) < 0)) {
            throw NativeCallException.last("epoll_ctl(" + fd + ")", null);
        }
        slotFds[slot] = fd;
        slotAttachments[slot] = attachment;
        size++;
    }

    /** Stops watching {@code fd}; false when it was not watched. */
    public boolean remove(int fd) {
        int slot = slotOf(fd);
        if (slot < 0) {
            return false;
        }
        // fails only for a descriptor closed already (EBADF, or ENOENT when its number names another file): the
        // kernel took a closed descriptor out of the set itself
        libc.epoll_ctl(epollFd, Linux.EPOLL_CTL_DEL, fd, null);
        free(slot);
        return true;
    }

    public int size() {
        return size;
    }

    /**
     * After {@code n = }{@link #await}, for {@code k} in [0, n): the attachment of the k-th ready descriptor, or null
     * when it was removed since (a handler run earlier in the same dispatch may cancel another watch). A slot freed
     * so and taken again by {@link #add} in between hands out the new descriptor's attachment: its handler runs once
     * without input, which is harmless as handlers read without blocking.
     */
    public Object readyAttachment(int k) {
        return slotAttachments[readySlots[k]];
    }

    /**
     * Sleeps until a watched descriptor is ready, {@link #wake()} is called or {@code timeoutNanos} pass
     * (negative: no timeout; 0: just look). A wake-up is consumed here.
     *
     * @return how many watched descriptors are ready (0: timeout, wake-up or EINTR), for {@link #readyAttachment}
     */
    public int await(long timeoutNanos) throws NativeCallException {
        int n = waitForEvents(timeoutNanos);
        if (n < 0) {
            int errno = Native.errno();
            if (errno == Errno.EINTR) {
                return 0;
            }
            throw NativeCallException.of("epoll wait (" + size + " descriptors)", errno, null);
        }
        int ready = 0;
        for (int k = 0; k < n; k++) {
            long data = events.getLong((long) k * EVENT_SIZE + DATA_OFFSET);
            if (data == WAKEUP_DATA) {
                wakeup.clear();
            } else {
                readySlots[ready++] = (int) data;
            }
        }
        return ready;
    }

    /**
     * The events into {@link #events}: how many, or -1 with errno. Only a positive timeout needs the nanoseconds of
     * epoll_pwait2 (epoll_wait's are milliseconds); without it, ppoll(2) sleeps on the epoll descriptor, readable
     * while an event is pending, and epoll_wait collects the events without sleeping.
     */
    private int waitForEvents(long timeoutNanos) {
        int maxEvents = slotFds.length + 1;
        if (timeoutNanos > 0) {
            timeout.putLong(0, timeoutNanos / 1_000_000_000L);
            timeout.putLong(8, timeoutNanos % 1_000_000_000L);
            if (usePwait2) {
                try {
                    int n = libc.epoll_pwait2(epollFd, events, maxEvents, timeout, null);
                    if (n >= 0 || Native.errno() != Errno.ENOSYS) {
                        return n;
                    }
                } catch (UnsatisfiedLinkError missingSymbol) {
                    // glibc without the symbol: as for ENOSYS from a kernel without the system call
                }
                usePwait2 = false;
                pwait2Missing = true;
            }
            int n = libc.ppoll(epollPollFd, 1, timeout, null);
            if (n <= 0) {
                return n;
            }
        }
        return libc.epoll_wait(epollFd, events, maxEvents, timeoutNanos < 0 ? -1 : 0);
    }

    /** Any thread: makes the current or next {@link #await} return. */
    public void wake() {
        wakeup.signal();
    }

    /** Closes the epoll descriptor and the wake-up eventfd (not the watched descriptors); once. */
    @Override
    public synchronized void close() {
        if (!closed) {
            closed = true;
            libc.close(epollFd);
            wakeup.close();
        }
    }

    /** epoll_ctl for input on {@code fd}, its events carrying {@code data}: 0, or -1 with errno. */
    private int epollCtl(int op, int fd, long data) {
        controlEvent.putInt(0, Linux.EPOLLIN);
        controlEvent.putLong(DATA_OFFSET, data);
        return libc.epoll_ctl(epollFd, op, fd, controlEvent);
    }

    /** The slot watching {@code fd}, or -1 (also for a negative fd, which must not match the free slots' mark). */
    private int slotOf(int fd) {
        return fd < 0 ? -1 : indexOf(fd);
    }

    /** The lowest free slot, growing the table (and the event buffer with it) when it is full. */
    private int freeSlot() {
        int free = indexOf(-1);
        if (free >= 0) {
            return free;
        }
        int firstNew = slotFds.length;
        int capacity = firstNew * 2;
        slotFds = Arrays.copyOf(slotFds, capacity);
        Arrays.fill(slotFds, firstNew, capacity, -1);
        slotAttachments = Arrays.copyOf(slotAttachments, capacity);
        events = Native.allocate(EVENT_SIZE * (capacity + 1));
        readySlots = Arrays.copyOf(readySlots, capacity + 1); // a handler may add while its dispatch reads these
        return firstNew;
    }

    private int indexOf(int fd) {
        for (int slot = 0; slot < slotFds.length; slot++) {
            if (slotFds[slot] == fd) {
                return slot;
            }
        }
        return -1;
    }

    private void free(int slot) {
        slotFds[slot] = -1;
        slotAttachments[slot] = null;
        size--;
    }
}
