package org.keepalived4j.sys;

/** Linux constants (x86_64/aarch64 values) used by the socket wrappers. */
public final class Linux {
    private Linux() {
    }

    public static final int AF_INET = 2;
    public static final int AF_INET6 = 10;
    public static final int AF_NETLINK = 16;
    public static final int AF_PACKET = 17;

    public static final int SOCK_DGRAM = 2;
    public static final int SOCK_RAW = 3;
    public static final int SOCK_NONBLOCK = 0x800;
    public static final int SOCK_CLOEXEC = 0x80000;

    public static final int IPPROTO_IP = 0;
    public static final int IPPROTO_IPV6 = 41;
    public static final int IPPROTO_AH = 51;
    public static final int IPPROTO_VRRP = 112;

    public static final int SOL_SOCKET = 1;
    public static final int SO_SNDBUF = 7;
    public static final int SO_RCVBUF = 8;
    public static final int SO_PRIORITY = 12;
    public static final int SO_BINDTODEVICE = 25;
    public static final int SO_RCVBUFFORCE = 33;
    /** Also the control message type (SCM_TIMESTAMPNS) that carries the receive time, a struct timespec. */
    public static final int SO_TIMESTAMPNS = 35;

    public static final int IP_TOS = 1;
    public static final int IP_TTL = 2;
    public static final int IP_HDRINCL = 3;
    public static final int IP_PKTINFO = 8;
    public static final int IP_RECVTTL = 12;
    public static final int IP_MULTICAST_IF = 32;
    public static final int IP_MULTICAST_TTL = 33;
    public static final int IP_MULTICAST_LOOP = 34;
    public static final int IP_ADD_MEMBERSHIP = 35;
    public static final int IP_DROP_MEMBERSHIP = 36;
    public static final int IP_MULTICAST_ALL = 49;

    public static final int IPV6_CHECKSUM = 7;
    public static final int IPV6_UNICAST_HOPS = 16;
    public static final int IPV6_MULTICAST_IF = 17;
    public static final int IPV6_MULTICAST_HOPS = 18;
    public static final int IPV6_MULTICAST_LOOP = 19;
    public static final int IPV6_ADD_MEMBERSHIP = 20;
    public static final int IPV6_DROP_MEMBERSHIP = 21;
    public static final int IPV6_RECVPKTINFO = 49;
    public static final int IPV6_PKTINFO = 50;
    public static final int IPV6_RECVHOPLIMIT = 51;
    public static final int IPV6_HOPLIMIT = 52;
    public static final int IPV6_TCLASS = 67;

    public static final int SOL_PACKET = 263;
    public static final int ETH_P_ALL = 0x0003;
    public static final int ETH_P_IP = 0x0800;
    public static final int ETH_P_ARP = 0x0806;
    public static final int ETH_P_IPV6 = 0x86DD;

    public static final int NETLINK_ROUTE = 0;
    public static final int NETLINK_GENERIC = 16;
    public static final int SOL_NETLINK = 270;
    public static final int NETLINK_ADD_MEMBERSHIP = 1;
    public static final int NETLINK_DROP_MEMBERSHIP = 2;
    public static final int NETLINK_CAP_ACK = 10;
    public static final int NETLINK_EXT_ACK = 11;

    public static final short POLLIN = 0x1;
    public static final short POLLOUT = 0x4;
    public static final short POLLERR = 0x8;
    public static final short POLLHUP = 0x10;

    public static final int MSG_TRUNC = 0x20;
    public static final int MSG_DONTWAIT = 0x40;

    public static final int O_RDONLY = 0;
    public static final int O_CLOEXEC = 0x80000;
    public static final int EFD_NONBLOCK = 0x800;
    public static final int EFD_CLOEXEC = 0x80000;
    public static final int EPOLL_CLOEXEC = 0x80000;
    public static final int EPOLL_CTL_ADD = 1;
    public static final int EPOLL_CTL_DEL = 2;
    public static final int EPOLL_CTL_MOD = 3;
    public static final int EPOLLIN = 0x1;
    public static final int CLONE_NEWNET = 0x40000000;

    /** Names for messages, e.g. {@code socket(AF_INET, SOCK_RAW, 112)}. */
    public static String familyName(int family) {
        return switch (family) {
            case AF_INET -> "AF_INET";
            case AF_INET6 -> "AF_INET6";
            case AF_NETLINK -> "AF_NETLINK";
            case AF_PACKET -> "AF_PACKET";
            default -> Integer.toString(family);
        };
    }
}
