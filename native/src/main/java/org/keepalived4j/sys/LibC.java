package org.keepalived4j.sys;

import jnr.ffi.Pointer;
import jnr.ffi.types.size_t;
import jnr.ffi.types.ssize_t;

/**
 * The few libc calls keepalived4j needs, bound with jnr-ffi. Structures are passed as raw memory laid out by
 * {@link NativeStructs} (64-bit Linux), because jnr's {@code Struct.size()} omits tail padding.
 * errno is saved by jnr after every call and read with {@link Native#errno()}.
 */
public interface LibC {
    int socket(int domain, int type, int protocol);

    int bind(int fd, Pointer addr, int addrLen);

    int setsockopt(int fd, int level, int option, Pointer value, int valueLen);

    int getsockopt(int fd, int level, int option, Pointer value, Pointer valueLen);

    int getsockname(int fd, Pointer addr, Pointer addrLen);

    @ssize_t long sendto(int fd, Pointer buf, @size_t long len, int flags, Pointer addr, int addrLen);

    @ssize_t long recvmsg(int fd, Pointer msghdr, int flags);

    /** timeout: null (with MSG_DONTWAIT: what is queued now, up to vlen). */
    int recvmmsg(int fd, Pointer mmsghdrs, int vlen, int flags, Pointer timeout);

    /** Returns how many of the vlen messages were sent; the error of the first unsent one comes with the next call. */
    int sendmmsg(int fd, Pointer mmsghdrs, int vlen, int flags);

    @ssize_t long recvfrom(int fd, Pointer buf, @size_t long len, int flags, Pointer addr, Pointer addrLen);

    int close(int fd);

    @ssize_t long read(int fd, Pointer buf, @size_t long count);

    int inotify_init1(int flags);

    int inotify_add_watch(int fd, String path, int mask);

    int poll(Pointer fds, long nfds, int timeoutMillis);

    /** timeout: struct timespec (null: forever); sigmask null: the thread's mask is kept. */
    int ppoll(Pointer fds, long nfds, Pointer timeout, Pointer sigmask);

    int eventfd(int initialValue, int flags);

    int epoll_create1(int flags);

    /** event: one struct epoll_event ({@link NativeStructs#EPOLL_EVENT_SIZE}); null for EPOLL_CTL_DEL. */
    int epoll_ctl(int epfd, int op, int fd, Pointer event);

    int epoll_wait(int epfd, Pointer events, int maxEvents, int timeoutMillis);

    /**
     * timeout: struct timespec (null: forever); sigmask null: the thread's mask is kept. Linux 5.11 (ENOSYS before),
     * glibc 2.35 (jnr throws UnsatisfiedLinkError at the call before).
     */
    int epoll_pwait2(int epfd, Pointer events, int maxEvents, Pointer timeout, Pointer sigmask);

    @ssize_t long write(int fd, Pointer buf, @size_t long len);

    int open(String path, int flags);

    int setns(int fd, int nsType);

    int if_nametoindex(String name);

    Pointer if_indextoname(int index, Pointer nameBuf);

    int getpid();

    int geteuid();

    long gettid();

    String strerror(int errnum);
}
