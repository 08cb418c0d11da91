package org.keepalived4j.sys;

import java.net.InetAddress;
import jnr.ffi.Pointer;

/**
 * Datagrams waiting for one sendmmsg(2) on a socket: a master of many instances sends all the adverts due in one
 * loop turn with one system call instead of one each, and they leave back to back, so a backup reads them in a few
 * wake-ups instead of one per advert. The mmsghdr array, names and iovecs are laid out once; each queued packet
 * is copied into a data area that grows only while the queue is empty (nothing points into it then).
 * Not thread-safe: the socket uses it under its lock.
 */
final class SendQueue {
    /** Packets per sendmmsg; the socket flushes a full queue before queueing more. */
    static final int CAPACITY = 64;
    /** struct mmsghdr: a msghdr (56 bytes) and the sent length, padded to 64. */
    private static final int MMSGHDR_SIZE = 64;
    /** A sendmmsg interrupted by a signal before sending anything is tried again at most this often. */
    private static final int MAX_EINTR_RETRIES = 8;
    /** What a call that sent nothing without an error (never expected) is reported as. */
    private static final int EIO = 5;

    private final Pointer names = Native.allocate(NativeStructs.SOCKADDR_STORAGE_SIZE * CAPACITY);
    private final Pointer iovecs = Native.allocate(NativeStructs.IOVEC_SIZE * CAPACITY);
    private final Pointer messages = Native.allocate(MMSGHDR_SIZE * CAPACITY);
    private final InetAddress[] destinations = new InetAddress[CAPACITY];
    private final int[] lengths = new int[CAPACITY];
    private final RawIpSocket.SendFailure[] onFailure = new RawIpSocket.SendFailure[CAPACITY];
    private Pointer data = Native.allocate(8192);
    private int size;
    private int used;

    SendQueue() {
        for (int i = 0; i < CAPACITY; i++) {
            long m = (long) i * MMSGHDR_SIZE;
            messages.putAddress(m, names.address() + (long) i * NativeStructs.SOCKADDR_STORAGE_SIZE);
            messages.putAddress(m + 16, iovecs.address() + (long) i * NativeStructs.IOVEC_SIZE);
            messages.putLong(m + 24, 1);
        }
    }

    boolean isEmpty() {
        return size == 0;
    }

    /** Whether {@code length} more bytes fit without a flush first. */
    boolean hasRoomFor(int length) {
        return size == 0 || (size < CAPACITY && used + length <= data.size());
    }

    /** Queues a copy of {@code packet} for {@code sockaddr}; call only when {@link #hasRoomFor} says so. */
    void add(byte[] packet, byte[] sockaddr, InetAddress destination, RawIpSocket.SendFailure failure) {
        if (size == 0 && packet.length > data.size()) {
            data = Native.allocate(Math.max(packet.length, (int) data.size() * 2));
        }
        int slot = size;
        data.put(used, packet, 0, packet.length);
        names.put((long) slot * NativeStructs.SOCKADDR_STORAGE_SIZE, sockaddr, 0, sockaddr.length);
        long m = (long) slot * MMSGHDR_SIZE;
        messages.putInt(m + 8, sockaddr.length);
        long iov = (long) slot * NativeStructs.IOVEC_SIZE;
        iovecs.putAddress(iov, data.address() + used);
        iovecs.putLong(iov + 8, packet.length);
        destinations[slot] = destination;
        lengths[slot] = packet.length;
        onFailure[slot] = failure;
        used += packet.length;
        size++;
    }

    /**
     * Sends everything queued. sendmmsg stops at the first packet that fails and reports it only on the next call
     * (when at least one was sent), so after a short count the failing packet is retried alone to learn its errno,
     * reported to its {@link RawIpSocket.SendFailure} and skipped, as sendto would have dropped it. A raw socket
     * sends a datagram whole or not at all, so a sent one needs no length check.
     *
     * @return how many packets were sent
     */
    int flush(LibC libc, int fd, String socketName) {
        int start = 0;
        int sent = 0;
        int interrupted = 0;
        try {
            while (start < size) {
                Pointer from = start == 0 ? messages : messages.slice((long) start * MMSGHDR_SIZE);
                int n = libc.sendmmsg(fd, from, size - start, 0);
                if (n > 0) {
                    start += n;
                    sent += n;
                    continue;
                }
                int errno = n < 0 ? Native.errno() : EIO;
                if (errno == Errno.EINTR && interrupted++ < MAX_EINTR_RETRIES) {
                    continue;
                }
                RawIpSocket.SendFailure failure = onFailure[start];
                if (failure != null) {
                    failure.failed(destinations[start], NativeCallException.of("sendmmsg(" + socketName + ", "
                            + destinations[start].getHostAddress() + ", " + lengths[start] + " bytes)", errno, null));
                }
                start++;
            }
        } finally {
            clear();
        }
        return sent;
    }

    /** Drops what is queued unsent (the socket is closing without a chance to send). */
    void clear() {
        for (int i = 0; i < size; i++) {
            destinations[i] = null;
            onFailure[i] = null;
        }
        size = 0;
        used = 0;
    }
}
