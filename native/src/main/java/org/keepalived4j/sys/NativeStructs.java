package org.keepalived4j.sys;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * C structure layouts for 64-bit Linux, built in Java byte buffers (native order for host fields, network order
 * where the kernel wants it) and copied to native memory. Sizes are the C {@code sizeof}, tail padding included.
 */
final class NativeStructs {
    static final int SOCKADDR_IN_SIZE = 16;
    static final int SOCKADDR_IN6_SIZE = 28;
    static final int SOCKADDR_LL_SIZE = 20;
    static final int SOCKADDR_NL_SIZE = 12;
    static final int SOCKADDR_STORAGE_SIZE = 128;
    static final int MSGHDR_SIZE = 56;
    static final int IOVEC_SIZE = 16;
    static final int CMSG_HDR_SIZE = 16;
    /**
     * struct epoll_event is a u32 then a u64. The kernel declares it packed on x86_64 only, so that 32- and 64-bit
     * x86 share one layout (data at 4, 12 bytes); other 64-bit architectures align the u64 (data at 8, 16 bytes).
     */
    private static final boolean EPOLL_EVENT_PACKED = switch (System.getProperty("os.arch")) {
        case "amd64", "x86_64" -> true;
        default -> false;
    };
    static final int EPOLL_EVENT_DATA_OFFSET = EPOLL_EVENT_PACKED ? 4 : 8;
    static final int EPOLL_EVENT_SIZE = EPOLL_EVENT_PACKED ? 12 : 16;

    private NativeStructs() {
    }

    static ByteBuffer buffer(int size) {
        return ByteBuffer.allocate(size).order(ByteOrder.nativeOrder());
    }

    /** sockaddr_in / sockaddr_in6 for {@code address} (port 0; scope id for link-local IPv6). */
    static byte[] sockaddr(InetAddress address, int scopeId) {
        if (address instanceof Inet4Address) {
            ByteBuffer b = buffer(SOCKADDR_IN_SIZE);
            b.putShort(0, (short) Linux.AF_INET);
            b.put(4, address.getAddress());
            return b.array();
        }
        ByteBuffer b = buffer(SOCKADDR_IN6_SIZE);
        b.putShort(0, (short) Linux.AF_INET6);
        b.put(8, address.getAddress());
        b.putInt(24, scopeId);
        return b.array();
    }

    /** sockaddr_ll for sending on {@code ifIndex}; protocol in host order (converted to network order here). */
    static byte[] sockaddrLl(int ifIndex, int protocol, byte[] destMac) {
        ByteBuffer b = buffer(SOCKADDR_LL_SIZE);
        b.putShort(0, (short) Linux.AF_PACKET);
        b.order(ByteOrder.BIG_ENDIAN).putShort(2, (short) protocol).order(ByteOrder.nativeOrder());
        b.putInt(4, ifIndex);
        if (destMac != null) {
            b.put(11, (byte) destMac.length);
            b.put(12, destMac, 0, Math.min(destMac.length, 8));
        }
        return b.array();
    }

    static byte[] sockaddrNl(int portId, int groups) {
        ByteBuffer b = buffer(SOCKADDR_NL_SIZE);
        b.putShort(0, (short) Linux.AF_NETLINK);
        b.putInt(4, portId);
        b.putInt(8, groups);
        return b.array();
    }

    /** Decodes a sockaddr_in or sockaddr_in6 (null for other families). */
    static InetAddress inetAddress(byte[] sockaddr, int len) {
        if (len < 2) {
            return null;
        }
        ByteBuffer b = ByteBuffer.wrap(sockaddr).order(ByteOrder.nativeOrder());
        int family = b.getShort(0) & 0xffff;
        try {
            if (family == Linux.AF_INET && len >= 8) {
                byte[] a = new byte[4];
                b.get(4, a);
                return InetAddress.getByAddress(a);
            }
            if (family == Linux.AF_INET6 && len >= 24) {
                byte[] a = new byte[16];
                b.get(8, a);
                int scope = len >= 28 ? b.getInt(24) : 0;
                return scope != 0 && (a[0] == (byte) 0xfe && (a[1] & 0xc0) == 0x80)
                        ? Inet6Address.getByAddress(null, a, scope) : InetAddress.getByAddress(a);
            }
        } catch (UnknownHostException e) {
            return null; // cannot happen for 4/16 bytes
        }
        return null;
    }
}
