package org.keepalived4j.sys;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import jnr.ffi.Pointer;

/**
 * A raw IPv4 or IPv6 socket for one IP protocol (112 VRRP, 51 AH), non-blocking, in the calling thread's network
 * namespace. Receives report source, destination, TTL/hop limit and arrival interface once
 * {@link #enableReceiveInfo()} is set. One thread receives at a time (the receive buffers are reused).
 */
public final class RawIpSocket extends NativeSocket {
    /**
     * Packets one {@link #receiveBatch} reads with a single recvmmsg(2): a master's adverts of many instances arrive
     * together, and reading them in one call saves a system call per packet plus the final one that says EAGAIN.
     */
    public static final int BATCH = 8;
    /** Per packet: the largest valid VRRP packet (255 IPv6 addresses, AH, IP header) is under 4.2 KiB. */
    private static final int RECV_BUF = 16384;
    private static final int CONTROL_BUF = 256;
    /** struct mmsghdr: a msghdr (56 bytes) and the received length, padded to 64. */
    private static final int MMSGHDR_SIZE = 64;

    private final boolean ipv6;
    private final int protocol;
    private volatile String device;
    /** BATCH slots each of data, name, control and iovec, and the mmsghdr array; allocated on the first receive. */
    private Pointer recvData;
    private Pointer recvName;
    private Pointer recvControl;
    private Pointer recvIov;
    private Pointer recvMsgs;
    private InetAddress lastSource;
    private int lastSourceRaw;
    /** Slots [0, preparedSlots) of the mmsghdr array hold reset lengths, except [0, filledSlots), the last call's. */
    private int preparedSlots;
    private int filledSlots;
    /** Slots behind the copying {@link #receiveBatch(ReceivedPacket[], int)}, made on its first use. */
    private ReceiveBuffer[] scratch;
    /** Reused by every send (an advert per interval per instance), instead of two native allocations each time. */
    private final SendBuffers sendBuffers = new SendBuffers();
    /** Packets {@link #queue}d for the next {@link #flushQueued()}; made on the first use, guarded by sendBuffers. */
    private SendQueue sendQueue;

    /** What becomes of a {@link #queue}d packet the kernel refused when it was flushed. */
    @FunctionalInterface
    public interface SendFailure {
        void failed(InetAddress destination, NativeCallException error);
    }

    private RawIpSocket(int fd, boolean ipv6, int protocol) {
        super(fd);
        this.ipv6 = ipv6;
        this.protocol = protocol;
    }

    /** socket(AF_INET or AF_INET6, SOCK_RAW|SOCK_NONBLOCK, protocol). */
    public static RawIpSocket open(boolean ipv6, int protocol) throws NativeCallException {
        int fd = openFd(ipv6 ? Linux.AF_INET6 : Linux.AF_INET, Linux.SOCK_RAW | Linux.SOCK_NONBLOCK, protocol,
                Integer.toString(protocol), "keepalived4j needs CAP_NET_RAW (run as root)");
        return new RawIpSocket(fd, ipv6, protocol);
    }

    public boolean isIpv6() {
        return ipv6;
    }

    public int protocol() {
        return protocol;
    }

    @Override
    protected String describe() {
        return "raw " + (ipv6 ? "IPv6" : "IPv4") + " socket (protocol " + protocol + ")" + (device == null ? "" : " on " + device);
    }

    /** IP_HDRINCL (IPv4): the caller supplies the IP header when sending. */
    public void setHeaderIncluded(boolean on) throws NativeCallException {
        requireV4("IP_HDRINCL");
        setIntOption(Linux.IPPROTO_IP, Linux.IP_HDRINCL, "IP_HDRINCL", on ? 1 : 0);
    }

    /** SO_BINDTODEVICE: only packets of that interface are received, and sends leave through it. */
    public void bindToDevice(String ifName) throws NativeCallException {
        byte[] name = (ifName + "\0").getBytes(StandardCharsets.US_ASCII);
        setOption(Linux.SOL_SOCKET, Linux.SO_BINDTODEVICE, "SO_BINDTODEVICE " + ifName, Native.copyOf(name), name.length);
        device = ifName;
    }

    /** Joins {@code group} on interface {@code ifIndex} (ip_mreqn / ipv6_mreq). */
    public void joinGroup(InetAddress group, int ifIndex) throws NativeCallException {
        membership(group, ifIndex, true);
    }

    public void leaveGroup(InetAddress group, int ifIndex) throws NativeCallException {
        membership(group, ifIndex, false);
    }

    private void membership(InetAddress group, int ifIndex, boolean join) throws NativeCallException {
        checkFamily(group);
        String what = (ipv6 ? (join ? "IPV6_ADD_MEMBERSHIP " : "IPV6_DROP_MEMBERSHIP ")
                : (join ? "IP_ADD_MEMBERSHIP " : "IP_DROP_MEMBERSHIP ")) + group.getHostAddress() + " ifindex " + ifIndex;
        if (ipv6) {
            ByteBuffer b = NativeStructs.buffer(20).put(0, group.getAddress()).putInt(16, ifIndex);
            setOption(Linux.IPPROTO_IPV6, join ? Linux.IPV6_ADD_MEMBERSHIP : Linux.IPV6_DROP_MEMBERSHIP, what,
                    Native.copyOf(b.array()), 20);
        } else {
            setOption(Linux.IPPROTO_IP, join ? Linux.IP_ADD_MEMBERSHIP : Linux.IP_DROP_MEMBERSHIP, what,
                    Native.copyOf(mreqn(group, ifIndex)), 12);
        }
    }

    private static byte[] mreqn(InetAddress group, int ifIndex) {
        ByteBuffer b = NativeStructs.buffer(12);
        if (group != null) {
            b.put(0, group.getAddress());
        }
        b.putInt(8, ifIndex);
        return b.array();
    }

    /** IP_MULTICAST_IF (ip_mreqn with the index) / IPV6_MULTICAST_IF. */
    public void setMulticastInterface(int ifIndex) throws NativeCallException {
        if (ipv6) {
            setIntOption(Linux.IPPROTO_IPV6, Linux.IPV6_MULTICAST_IF, "IPV6_MULTICAST_IF", ifIndex);
        } else {
            setOption(Linux.IPPROTO_IP, Linux.IP_MULTICAST_IF, "IP_MULTICAST_IF ifindex " + ifIndex,
                    Native.copyOf(mreqn(null, ifIndex)), 12);
        }
    }

    /** IP_MULTICAST_TTL / IPV6_MULTICAST_HOPS (VRRP: 255). */
    public void setMulticastTtl(int ttl) throws NativeCallException {
        if (ipv6) {
            setIntOption(Linux.IPPROTO_IPV6, Linux.IPV6_MULTICAST_HOPS, "IPV6_MULTICAST_HOPS", ttl);
        } else {
            setIntOption(Linux.IPPROTO_IP, Linux.IP_MULTICAST_TTL, "IP_MULTICAST_TTL", ttl);
        }
    }

    /** IP_TTL / IPV6_UNICAST_HOPS (unicast peers). */
    public void setUnicastTtl(int ttl) throws NativeCallException {
        if (ipv6) {
            setIntOption(Linux.IPPROTO_IPV6, Linux.IPV6_UNICAST_HOPS, "IPV6_UNICAST_HOPS", ttl);
        } else {
            setIntOption(Linux.IPPROTO_IP, Linux.IP_TTL, "IP_TTL", ttl);
        }
    }

    /** IP_MULTICAST_LOOP / IPV6_MULTICAST_LOOP. */
    public void setMulticastLoop(boolean on) throws NativeCallException {
        if (ipv6) {
            setIntOption(Linux.IPPROTO_IPV6, Linux.IPV6_MULTICAST_LOOP, "IPV6_MULTICAST_LOOP", on ? 1 : 0);
        } else {
            setIntOption(Linux.IPPROTO_IP, Linux.IP_MULTICAST_LOOP, "IP_MULTICAST_LOOP", on ? 1 : 0);
        }
    }

    /** IP_MULTICAST_ALL off: only groups joined on this socket are delivered (keepalived does the same). */
    public void setMulticastAll(boolean on) throws NativeCallException {
        requireV4("IP_MULTICAST_ALL");
        setIntOption(Linux.IPPROTO_IP, Linux.IP_MULTICAST_ALL, "IP_MULTICAST_ALL", on ? 1 : 0);
    }

    /** IP_TOS / IPV6_TCLASS (VRRP: 0xc0, CS6). */
    public void setTrafficClass(int tos) throws NativeCallException {
        if (ipv6) {
            setIntOption(Linux.IPPROTO_IPV6, Linux.IPV6_TCLASS, "IPV6_TCLASS", tos);
        } else {
            setIntOption(Linux.IPPROTO_IP, Linux.IP_TOS, "IP_TOS", tos);
        }
    }

    /** IPV6_CHECKSUM: the kernel computes and verifies the checksum at {@code offset} (VRRP: 6). */
    public void setIpv6ChecksumOffset(int offset) throws NativeCallException {
        if (!ipv6) {
            throw new NativeCallException("setsockopt(" + describe() + ", IPV6_CHECKSUM)", Errno.EINVAL,
                    "IPV6_CHECKSUM applies to IPv6 sockets only");
        }
        setIntOption(Linux.IPPROTO_IPV6, Linux.IPV6_CHECKSUM, "IPV6_CHECKSUM", offset);
    }

    /** IP_RECVTTL + IP_PKTINFO, or IPV6_RECVHOPLIMIT + IPV6_RECVPKTINFO. */
    public void enableReceiveInfo() throws NativeCallException {
        if (ipv6) {
            setIntOption(Linux.IPPROTO_IPV6, Linux.IPV6_RECVHOPLIMIT, "IPV6_RECVHOPLIMIT", 1);
            setIntOption(Linux.IPPROTO_IPV6, Linux.IPV6_RECVPKTINFO, "IPV6_RECVPKTINFO", 1);
        } else {
            setIntOption(Linux.IPPROTO_IP, Linux.IP_RECVTTL, "IP_RECVTTL", 1);
            setIntOption(Linux.IPPROTO_IP, Linux.IP_PKTINFO, "IP_PKTINFO", 1);
        }
    }

    /** SO_TIMESTAMPNS: each packet carries the kernel's receive time ({@link ReceivedPacket#kernelTimeNanos()}). */
    public void enableReceiveTimestamps() throws NativeCallException {
        setIntOption(Linux.SOL_SOCKET, Linux.SO_TIMESTAMPNS, "SO_TIMESTAMPNS", 1);
    }

    /** SO_RCVBUF (SO_RCVBUFFORCE first, which root may use beyond rmem_max). */
    public void setReceiveBuffer(int bytes) throws NativeCallException {
        try {
            setIntOption(Linux.SOL_SOCKET, Linux.SO_RCVBUFFORCE, "SO_RCVBUFFORCE", bytes);
        } catch (NativeCallException e) {
            setIntOption(Linux.SOL_SOCKET, Linux.SO_RCVBUF, "SO_RCVBUF", bytes);
        }
    }

    /** bind() to a local address (e.g. to choose the source of unicast adverts). */
    public void bind(InetAddress local, int scopeId) throws NativeCallException {
        checkFamily(local);
        checkOpen();
        byte[] sa = NativeStructs.sockaddr(local, scopeId);
        if (libc.bind(fd, Native.copyOf(sa), sa.length) != 0) {
            throw NativeCallException.last("bind(" + describe() + ", " + local.getHostAddress() + ")", null);
        }
    }

    /**
     * sendto(); {@code scopeId} is the interface index for IPv6 link-local/multicast destinations (0 otherwise).
     * With IP_HDRINCL {@code packet} starts with the IP header.
     */
    public void send(byte[] packet, InetAddress destination, int scopeId) throws NativeCallException {
        checkFamily(destination);
        checkOpen();
        byte[] sa = NativeStructs.sockaddr(destination, scopeId);
        long n;
        synchronized (sendBuffers) {
            n = libc.sendto(fd, sendBuffers.packet(packet), packet.length, 0, sendBuffers.address(sa), sa.length);
        }
        if (n < 0) {
            throw NativeCallException.last("sendto(" + describe() + ", " + destination.getHostAddress() + ", "
                    + packet.length + " bytes)", null);
        }
        if (n != packet.length) {
            throw new NativeCallException("sendto(" + describe() + ", " + destination.getHostAddress() + ")", Errno.EINVAL,
                    "sent " + n + " of " + packet.length + " bytes");
        }
    }

    public void send(byte[] packet, InetAddress destination) throws NativeCallException {
        send(packet, destination, 0);
    }

    /**
     * Queues a copy of {@code packet} for the next {@link #flushQueued()}, which sends everything queued with one
     * sendmmsg(2) (a full queue is flushed here first). A packet the kernel refuses at the flush goes to
     * {@code onFailure} (may be null), on the flushing thread. Anything still queued is sent when the socket closes.
     *
     * @return true when the queue was empty before: the caller is the one who must see that a flush follows
     */
    public boolean queue(byte[] packet, InetAddress destination, int scopeId, SendFailure onFailure)
            throws NativeCallException {
        checkFamily(destination);
        checkOpen();
        byte[] sa = NativeStructs.sockaddr(destination, scopeId);
        synchronized (sendBuffers) {
            if (sendQueue == null) {
                sendQueue = new SendQueue();
            }
            if (!sendQueue.hasRoomFor(packet.length)) {
                sendQueue.flush(libc, fd, describe());
            }
            boolean first = sendQueue.isEmpty();
            sendQueue.add(packet, sa, destination, onFailure);
            return first;
        }
    }

    /** Sends what {@link #queue} collected, with one sendmmsg(2) per {@link SendQueue#CAPACITY} packets; how many. */
    public int flushQueued() {
        synchronized (sendBuffers) {
            if (sendQueue == null || sendQueue.isEmpty()) {
                return 0;
            }
            if (!isOpen()) {
                sendQueue.clear();
                return 0;
            }
            return sendQueue.flush(libc, fd, describe());
        }
    }

    /** Sends what is still queued, then closes. */
    @Override
    public void close() {
        synchronized (sendBuffers) {
            flushQueued();
            super.close();
        }
    }

    /** Waits up to {@code timeout} for one packet; null when none arrived. */
    public ReceivedPacket receive(Duration timeout) throws NativeCallException {
        if (!awaitReadable(timeout)) {
            return null;
        }
        return receiveNow();
    }

    /** Waits until a packet arrives (the packet) or {@code wakeup} is signalled (null). */
    public ReceivedPacket receive(Wakeup wakeup) throws NativeCallException {
        return awaitReadable(wakeup) ? receiveNow() : null;
    }

    /** Non-blocking read of one packet; null when none is queued (EAGAIN). */
    public synchronized ReceivedPacket receiveNow() throws NativeCallException {
        ReceivedPacket[] one = new ReceivedPacket[1];
        return receiveBatch(one, 1) == 1 ? one[0] : null;
    }

    /**
     * Non-blocking read of up to {@code max} (at most {@link #BATCH}) queued packets into {@code out} with one
     * recvmmsg(2); returns how many (0 when none is queued). Each packet is copied out of the reused slots.
     */
    public synchronized int receiveBatch(ReceivedPacket[] out, int max) throws NativeCallException {
        if (scratch == null) {
            scratch = new ReceiveBuffer[BATCH];
            for (int i = 0; i < BATCH; i++) {
                scratch[i] = new ReceiveBuffer();
            }
        }
        int n = receiveBatch(scratch, Math.min(max, out.length));
        for (int i = 0; i < n; i++) {
            out[i] = scratch[i].toPacket();
        }
        return n;
    }

    /**
     * Non-blocking read of up to {@code max} (at most {@link #BATCH}) queued packets into the caller's reusable
     * slots with one recvmmsg(2); returns how many (0 when none is queued). Slot {@code i} holds packet {@code i}
     * until the next receive into it.
     */
    public synchronized int receiveBatch(ReceiveBuffer[] into, int max) throws NativeCallException {
        checkOpen();
        int vlen = Math.min(Math.min(max, into.length), BATCH);
        if (recvMsgs == null) {
            allocateReceiveBuffers();
        }
        // the kernel rewrites name length, control length and flags only in the slots it fills: reset just those
        for (int i = 0; i < vlen; i++) {
            if (i < filledSlots || i >= preparedSlots) {
                long m = (long) i * MMSGHDR_SIZE;
                recvMsgs.putInt(m + 8, NativeStructs.SOCKADDR_STORAGE_SIZE);
                recvMsgs.putLong(m + 40, CONTROL_BUF);
                recvMsgs.putInt(m + 48, 0);
            }
        }
        preparedSlots = Math.max(preparedSlots, vlen);
        int n = libc.recvmmsg(fd, recvMsgs, vlen, Linux.MSG_DONTWAIT, null);
        filledSlots = n < 0 ? vlen : n; // after a failure nothing is known: reset them all next time
        if (n < 0) {
            int errno = Native.errno();
            if (errno == Errno.EAGAIN || errno == Errno.EINTR) {
                return 0;
            }
            throw NativeCallException.of("recvmmsg(" + describe() + ")", errno, null);
        }
        for (int i = 0; i < n; i++) {
            readSlot(i, into[i]);
        }
        return n;
    }

    /** The fixed parts of the mmsghdr array: slot i's name, iovec (one buffer) and control buffer. */
    private void allocateReceiveBuffers() {
        recvData = Native.allocate(RECV_BUF * BATCH);
        recvName = Native.allocate(NativeStructs.SOCKADDR_STORAGE_SIZE * BATCH);
        recvControl = Native.allocate(CONTROL_BUF * BATCH);
        recvIov = Native.allocate(NativeStructs.IOVEC_SIZE * BATCH);
        Pointer msgs = Native.allocate(MMSGHDR_SIZE * BATCH);
        for (int i = 0; i < BATCH; i++) {
            long iov = (long) i * NativeStructs.IOVEC_SIZE;
            recvIov.putAddress(iov, recvData.address() + (long) i * RECV_BUF);
            recvIov.putLong(iov + 8, RECV_BUF);
            long m = (long) i * MMSGHDR_SIZE;
            msgs.putAddress(m, recvName.address() + (long) i * NativeStructs.SOCKADDR_STORAGE_SIZE);
            msgs.putAddress(m + 16, recvIov.address() + iov);
            msgs.putLong(m + 24, 1);
            msgs.putAddress(m + 32, recvControl.address() + (long) i * CONTROL_BUF);
        }
        recvMsgs = msgs;
    }

    /** Copies slot {@code slot} of the last recvmmsg into {@code to}: data, sender, and the ancillary data. */
    private void readSlot(int slot, ReceiveBuffer to) {
        long m = (long) slot * MMSGHDR_SIZE;
        long n = recvMsgs.getInt(m + 56) & 0xffffffffL;
        int flags = recvMsgs.getInt(m + 48);
        int len = (int) Math.min(n, RECV_BUF);
        recvData.get((long) slot * RECV_BUF, to.prepare(len), 0, len);
        InetAddress source = sourceAddress(slot * NativeStructs.SOCKADDR_STORAGE_SIZE,
                Math.min(recvMsgs.getInt(m + 8), NativeStructs.SOCKADDR_STORAGE_SIZE));
        long controlLen = Math.min(recvMsgs.getLong(m + 40), CONTROL_BUF);
        long base = (long) slot * CONTROL_BUF;
        int ttl = -1;
        int ifIndex = 0;
        long kernelTime = 0;
        InetAddress destination = null;
        long pos = 0;
        // cmsghdr: size_t len @0, int level @8, int type @12, data @16; entries aligned to 8 bytes. Read in place:
        // one advert per instance per interval arrives here, so no copies of the control buffer.
        while (pos + NativeStructs.CMSG_HDR_SIZE <= controlLen) {
            long cmsgLen = recvControl.getLong(base + pos);
            if (cmsgLen < NativeStructs.CMSG_HDR_SIZE || pos + cmsgLen > controlLen) {
                break;
            }
            int level = recvControl.getInt(base + pos + 8);
            int type = recvControl.getInt(base + pos + 12);
            long dataPos = base + pos + NativeStructs.CMSG_HDR_SIZE;
            int dataLen = (int) cmsgLen - NativeStructs.CMSG_HDR_SIZE;
            if (level == Linux.IPPROTO_IP && type == Linux.IP_TTL && dataLen >= 4) {
                ttl = recvControl.getInt(dataPos);
            } else if (level == Linux.IPPROTO_IP && type == Linux.IP_PKTINFO && dataLen >= 12) {
                ifIndex = recvControl.getInt(dataPos);
                destination = address(Native.read(recvControl, (int) dataPos + 8, 4));
            } else if (level == Linux.IPPROTO_IPV6 && type == Linux.IPV6_HOPLIMIT && dataLen >= 4) {
                ttl = recvControl.getInt(dataPos);
            } else if (level == Linux.IPPROTO_IPV6 && type == Linux.IPV6_PKTINFO && dataLen >= 20) {
                destination = address(Native.read(recvControl, (int) dataPos, 16));
                ifIndex = recvControl.getInt(dataPos + 16);
            } else if (level == Linux.SOL_SOCKET && type == Linux.SO_TIMESTAMPNS && dataLen >= 16) {
                kernelTime = recvControl.getLong(dataPos) * 1_000_000_000L + recvControl.getLong(dataPos + 8);
            }
            pos += (cmsgLen + 7) & ~7L;
        }
        to.set(source, destination, ttl, ifIndex, (flags & Linux.MSG_TRUNC) != 0 || n > RECV_BUF, kernelTime);
    }

    /**
     * The sender of the packet just received. IPv4 senders repeat (a master sends every interval), so the last one
     * is kept and reused while the raw address is the same: no allocation per advert.
     */
    private InetAddress sourceAddress(int offset, int nameLen) {
        if (nameLen >= 8 && (recvName.getShort(offset) & 0xffff) == Linux.AF_INET) {
            int raw = recvName.getInt(offset + 4);
            if (lastSource == null || raw != lastSourceRaw) {
                lastSource = address(Native.read(recvName, offset + 4, 4));
                lastSourceRaw = raw;
            }
            return lastSource;
        }
        return NativeStructs.inetAddress(Native.read(recvName, offset, NativeStructs.SOCKADDR_STORAGE_SIZE), nameLen);
    }

    private static InetAddress address(byte[] a) {
        try {
            return InetAddress.getByAddress(a);
        } catch (UnknownHostException e) {
            return null;
        }
    }

    private void checkFamily(InetAddress a) throws NativeCallException {
        boolean v6 = a instanceof Inet6Address;
        if (v6 != ipv6 || !(a instanceof Inet4Address || a instanceof Inet6Address)) {
            throw new NativeCallException(describe() + " with address " + a, Errno.EINVAL,
                    "address family does not match the socket");
        }
    }

    private void requireV4(String option) throws NativeCallException {
        if (ipv6) {
            throw new NativeCallException("setsockopt(" + describe() + ", " + option + ")", Errno.EINVAL,
                    option + " applies to IPv4 sockets only");
        }
    }
}
