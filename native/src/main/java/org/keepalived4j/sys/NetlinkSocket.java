package org.keepalived4j.sys;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import jnr.ffi.Pointer;
import org.keepalived4j.codec.netlink.Decoded;
import org.keepalived4j.codec.netlink.GenlFamily;
import org.keepalived4j.codec.netlink.Netlink;
import org.keepalived4j.codec.netlink.NetlinkError;
import org.keepalived4j.codec.netlink.NetlinkMessage;
import org.keepalived4j.codec.netlink.RtnlRequests;

/**
 * An AF_NETLINK socket in the calling thread's network namespace: either a request socket (send, wait for the
 * reply / ACK; thread-safe, one request at a time) or a monitor socket subscribed to multicast groups.
 */
public final class NetlinkSocket extends NativeSocket {
    private static final int RECV_BUF = 1 << 16;
    private static final Duration REPLY_TIMEOUT = Duration.ofSeconds(10);
    private final int netlinkProtocol;
    private final int portId;
    private final String label;
    private final AtomicInteger seq = new AtomicInteger((int) (System.nanoTime() & 0x7fffffff));
    private final Pointer recvBuf = Native.allocate(RECV_BUF);

    private NetlinkSocket(int fd, int netlinkProtocol, int portId, String label) {
        super(fd);
        this.netlinkProtocol = netlinkProtocol;
        this.portId = portId;
        this.label = label;
    }

    /** A request socket for NETLINK_ROUTE or NETLINK_GENERIC, with extended ACKs and capped ACKs on. */
    public static NetlinkSocket open(int netlinkProtocol) throws NativeCallException {
        return open(netlinkProtocol, new int[0]);
    }

    /** A monitor socket on NETLINK_ROUTE subscribed to {@code groups} (Netlink.RTNLGRP_*). */
    public static NetlinkSocket openMonitor(int... groups) throws NativeCallException {
        NetlinkSocket s = open(Linux.NETLINK_ROUTE, groups);
        try {
            s.setReceiveBuffer(4 << 20);
        } catch (NativeCallException e) {
            // keep the default size; overruns are reported as ENOBUFS
        }
        return s;
    }

    private static NetlinkSocket open(int netlinkProtocol, int[] groups) throws NativeCallException {
        String proto = netlinkProtocol == Linux.NETLINK_ROUTE ? "NETLINK_ROUTE"
                : netlinkProtocol == Linux.NETLINK_GENERIC ? "NETLINK_GENERIC" : Integer.toString(netlinkProtocol);
        int fd = openFd(Linux.AF_NETLINK, Linux.SOCK_RAW | Linux.SOCK_NONBLOCK, netlinkProtocol, proto, null);
        LibC c = Native.libc();
        String label = proto + (groups.length > 0 ? " monitor" : "") + " socket";
        try {
            byte[] sa = NativeStructs.sockaddrNl(0, 0);
            if (c.bind(fd, Native.copyOf(sa), sa.length) != 0) {
                throw NativeCallException.last("bind(" + label + ")", null);
            }
            Pointer name = Native.allocate(NativeStructs.SOCKADDR_NL_SIZE);
            Pointer len = Native.intValue(NativeStructs.SOCKADDR_NL_SIZE);
            if (c.getsockname(fd, name, len) != 0) {
                throw NativeCallException.last("getsockname(" + label + ")", null);
            }
            NetlinkSocket s = new NetlinkSocket(fd, netlinkProtocol, name.getInt(4), label);
            s.setIntOption(Linux.SOL_NETLINK, Linux.NETLINK_EXT_ACK, "NETLINK_EXT_ACK", 1);
            s.setIntOption(Linux.SOL_NETLINK, Linux.NETLINK_CAP_ACK, "NETLINK_CAP_ACK", 1);
            for (int g : groups) {
                s.setIntOption(Linux.SOL_NETLINK, Linux.NETLINK_ADD_MEMBERSHIP, "NETLINK_ADD_MEMBERSHIP group " + g, g);
            }
            return s;
        } catch (NativeCallException e) {
            c.close(fd);
            throw e;
        }
    }

    @Override
    protected String describe() {
        return label;
    }

    public int portId() {
        return portId;
    }

    public int netlinkProtocol() {
        return netlinkProtocol;
    }

    public void setReceiveBuffer(int bytes) throws NativeCallException {
        try {
            setIntOption(Linux.SOL_SOCKET, Linux.SO_RCVBUFFORCE, "SO_RCVBUFFORCE", bytes);
        } catch (NativeCallException e) {
            setIntOption(Linux.SOL_SOCKET, Linux.SO_RCVBUF, "SO_RCVBUF", bytes);
        }
    }

    /**
     * Sends {@code request} with NLM_F_ACK and waits for the kernel's answer: the reply messages (if any) are
     * returned once the ACK arrives; a negative ACK throws, naming {@code what} (e.g. "add address 10.0.0.5/24 dev
     * lan0"), the errno and the kernel's extended-ack text.
     */
    public synchronized List<NetlinkMessage> request(NetlinkMessage request, String what) throws NativeCallException {
        int s = send(request.withSeq(0), request.flags() | Netlink.NLM_F_ACK, what);
        return collect(s, false, what);
    }

    /** Sends a dump request (NLM_F_DUMP) and returns every message up to NLMSG_DONE. */
    public synchronized List<NetlinkMessage> dump(NetlinkMessage request, String what) throws NativeCallException {
        int s = send(request, request.flags() | Netlink.NLM_F_DUMP, what);
        return collect(s, true, what);
    }

    /** The id of a generic netlink family (e.g. "IPVS"); ENOENT when the kernel does not have it. */
    public int genlFamilyId(String name) throws NativeCallException {
        for (NetlinkMessage m : request(RtnlRequests.getGenlFamily(name), "generic netlink family " + name)) {
            Decoded<GenlFamily> f = GenlFamily.decode(m);
            if (f.isOk()) {
                return f.orElseThrow().id();
            }
        }
        throw new NativeCallException("CTRL_CMD_GETFAMILY(" + name + ")", Errno.ENOENT, "no answer naming the family");
    }

    private int send(NetlinkMessage request, int flags, String what) throws NativeCallException {
        checkOpen();
        int s = seq.incrementAndGet();
        NetlinkMessage m = new NetlinkMessage(request.type(), flags | Netlink.NLM_F_REQUEST, s, 0, request.payload());
        byte[] wire = m.encode();
        byte[] kernel = NativeStructs.sockaddrNl(0, 0);
        long n = libc.sendto(fd, Native.copyOf(wire), wire.length, 0, Native.copyOf(kernel), kernel.length);
        if (n != wire.length) {
            throw NativeCallException.last("sendto(" + label + ", " + Netlink.typeName(request.type()) + " " + what + ")", null);
        }
        return s;
    }

    private List<NetlinkMessage> collect(int s, boolean dump, String what) throws NativeCallException {
        List<NetlinkMessage> replies = new ArrayList<>();
        long deadline = System.nanoTime() + REPLY_TIMEOUT.toNanos();
        while (true) {
            long left = deadline - System.nanoTime();
            if (left <= 0 || !awaitReadable(Duration.ofNanos(left))) {
                throw new NativeCallException("netlink " + what, 110, "no answer from the kernel within " + REPLY_TIMEOUT);
            }
            List<NetlinkMessage> batch = readBatch();
            if (batch == null) {
                continue;
            }
            for (NetlinkMessage m : batch) {
                if (m.seq() != s) {
                    continue; // a late answer to an earlier, timed-out request
                }
                if (m.isError()) {
                    Decoded<NetlinkError> e = NetlinkError.decode(m);
                    if (!e.isOk()) {
                        throw new NativeCallException("netlink " + what, Errno.EINVAL, e.error());
                    }
                    NetlinkError err = e.orElseThrow();
                    if (err.isAck()) {
                        return replies;
                    }
                    String type = netlinkProtocol == Linux.NETLINK_ROUTE ? Netlink.typeName(err.requestType())
                            : "genl type " + err.requestType();
                    throw NativeCallException.of("netlink " + type + " (" + what + ")",
                            err.errno(), err.extAckMessage() == null ? null : "kernel: " + err.extAckMessage());
                }
                if (m.isDone()) {
                    if (dump) {
                        return replies;
                    }
                    continue;
                }
                if ((m.flags() & Netlink.NLM_F_DUMP_INTR) != 0) {
                    throw new NativeCallException("netlink dump " + what, Errno.EINTR,
                            "the dump was interrupted by a concurrent change; retry");
                }
                replies.add(m);
            }
        }
    }

    /** Next batch of messages (monitor sockets) within {@code timeout}; empty when none. ENOBUFS means events were lost. */
    public synchronized List<NetlinkMessage> receive(Duration timeout) throws NativeCallException {
        if (!awaitReadable(timeout)) {
            return List.of();
        }
        List<NetlinkMessage> batch = readBatch();
        return batch == null ? List.of() : batch;
    }

    /** Next batch of messages (monitor sockets), waiting until some arrive; empty when {@code wakeup} is signalled. */
    public synchronized List<NetlinkMessage> receive(Wakeup wakeup) throws NativeCallException {
        List<NetlinkMessage> batch = awaitReadable(wakeup) ? readBatch() : null;
        return batch == null ? List.of() : batch;
    }

    private List<NetlinkMessage> readBatch() throws NativeCallException {
        long n = libc.recvfrom(fd, recvBuf, RECV_BUF, Linux.MSG_DONTWAIT, null, null);
        if (n < 0) {
            int errno = Native.errno();
            if (errno == Errno.EAGAIN || errno == Errno.EINTR) {
                return null;
            }
            throw NativeCallException.of("recvfrom(" + label + ")", errno,
                    errno == Errno.ENOBUFS ? "netlink events were lost (receive buffer overrun); resynchronise with a dump" : null);
        }
        byte[] data = Native.read(recvBuf, 0, (int) n);
        Decoded<List<NetlinkMessage>> d = NetlinkMessage.decodeAll(data);
        if (!d.isOk()) {
            throw new NativeCallException("recvfrom(" + label + ")", Errno.EINVAL, d.error());
        }
        return d.orElseThrow();
    }
}
