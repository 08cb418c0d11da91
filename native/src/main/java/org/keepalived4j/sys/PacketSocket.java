package org.keepalived4j.sys;

import java.time.Duration;
import jnr.ffi.Pointer;

/**
 * An AF_PACKET raw socket bound to one interface, for sending prebuilt Ethernet frames (gratuitous ARP, unsolicited
 * neighbour advertisements) and, in tests, reading frames.
 */
public final class PacketSocket extends NativeSocket {
    private static final int RECV_BUF = 65536;
    private final int ifIndex;
    private final int protocol;
    private final String label;
    /** Allocated by the first {@link #receive}: the daemon's sockets only send. */
    private Pointer recvBuf;

    private PacketSocket(int fd, int ifIndex, int protocol, String label) {
        super(fd);
        this.ifIndex = ifIndex;
        this.protocol = protocol;
        this.label = label;
    }

    /**
     * socket(AF_PACKET, SOCK_RAW, htons(protocol)) bound to {@code ifIndex}; {@code protocol} is the EtherType in host
     * order (ETH_P_ARP, ETH_P_IPV6, ETH_P_ALL); {@code ifName} is for messages only.
     */
    public static PacketSocket open(int ifIndex, String ifName, int protocol) throws NativeCallException {
        int netProto = Short.toUnsignedInt(Short.reverseBytes((short) protocol));
        int fd = openFd(Linux.AF_PACKET, Linux.SOCK_RAW | Linux.SOCK_NONBLOCK, netProto,
                String.format("htons(0x%04x)", protocol), "keepalived4j needs CAP_NET_RAW (run as root)");
        PacketSocket s = new PacketSocket(fd, ifIndex, protocol,
                String.format("packet socket (0x%04x) on %s (index %d)", protocol, ifName, ifIndex));
        byte[] sa = NativeStructs.sockaddrLl(ifIndex, protocol, null);
        if (Native.libc().bind(fd, Native.copyOf(sa), sa.length) != 0) {
            NativeCallException e = NativeCallException.last("bind(" + s.describe() + ")", null);
            s.close();
            throw e;
        }
        return s;
    }

    /**
     * A send-only socket for {@code ifIndex}: protocol 0 registers no receive hook, so the kernel queues no copy of
     * the interface's traffic on it (as keepalived's announcement sockets). Each frame's EtherType is taken from its
     * header.
     */
    public static PacketSocket openSender(int ifIndex, String ifName) throws NativeCallException {
        int fd = openFd(Linux.AF_PACKET, Linux.SOCK_RAW | Linux.SOCK_NONBLOCK, 0, "0",
                "keepalived4j needs CAP_NET_RAW (run as root)");
        return new PacketSocket(fd, ifIndex, 0,
                String.format("packet socket (send) on %s (index %d)", ifName, ifIndex));
    }

    @Override
    protected String describe() {
        return label;
    }

    public int ifIndex() {
        return ifIndex;
    }

    /** Sends a complete Ethernet frame (destination MAC in bytes 0..5). */
    public void send(byte[] frame) throws NativeCallException {
        checkOpen();
        if (frame.length < 14) {
            throw new NativeCallException("sendto(" + describe() + ")", Errno.EINVAL, "frame of " + frame.length
                    + " bytes is shorter than an Ethernet header");
        }
        byte[] dst = new byte[6];
        System.arraycopy(frame, 0, dst, 0, 6);
        // a socket bound to one EtherType sends that; a catch-all or send-only one sends the frame's own
        boolean ownType = protocol == Linux.ETH_P_ALL || protocol == 0;
        int etherType = ownType ? ((frame[12] & 0xff) << 8) | (frame[13] & 0xff) : protocol;
        byte[] sa = NativeStructs.sockaddrLl(ifIndex, etherType, dst);
        long n = libc.sendto(fd, Native.copyOf(frame), frame.length, 0, Native.copyOf(sa), sa.length);
        if (n != frame.length) {
            throw NativeCallException.last("sendto(" + describe() + ", " + frame.length + " bytes)", null);
        }
    }

    /** Next frame received on the interface within {@code timeout}, or null. */
    public byte[] receive(Duration timeout) throws NativeCallException {
        if (!awaitReadable(timeout)) {
            return null;
        }
        synchronized (this) {
            if (recvBuf == null) {
                recvBuf = Native.allocate(RECV_BUF);
            }
            long n = libc.recvfrom(fd, recvBuf, RECV_BUF, Linux.MSG_DONTWAIT, null, null);
            if (n < 0) {
                int errno = Native.errno();
                if (errno == Errno.EAGAIN) {
                    return null;
                }
                throw NativeCallException.of("recvfrom(" + describe() + ")", errno, null);
            }
            return Native.read(recvBuf, 0, (int) n);
        }
    }
}
