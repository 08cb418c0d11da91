package org.keepalived4j.sys;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.keepalived4j.codec.netlink.Decoded;
import org.keepalived4j.codec.netlink.Netlink;
import org.keepalived4j.codec.netlink.NetlinkMessage;
import org.keepalived4j.codec.netlink.RtnlMessage;

/**
 * Link, address and route change events from the kernel (rtnetlink multicast groups), decoded. Events of the
 * calling thread's namespace at {@link #open()} time.
 */
public final class NetlinkMonitor implements AutoCloseable {
    private static final Logger LOG = LogManager.getLogger();
    private final NetlinkSocket socket;

    private NetlinkMonitor(NetlinkSocket socket) {
        this.socket = socket;
    }

    /** Subscribes to link, IPv4/IPv6 address and IPv4/IPv6 route events. */
    public static NetlinkMonitor open() throws NativeCallException {
        return open(Netlink.RTNLGRP_LINK, Netlink.RTNLGRP_IPV4_IFADDR, Netlink.RTNLGRP_IPV6_IFADDR,
                Netlink.RTNLGRP_IPV4_ROUTE, Netlink.RTNLGRP_IPV6_ROUTE);
    }

    public static NetlinkMonitor open(int... groups) throws NativeCallException {
        return new NetlinkMonitor(NetlinkSocket.openMonitor(groups));
    }

    /**
     * Events that arrive within {@code timeout} (one receive; empty when none). Undecodable messages are logged and
     * skipped. ENOBUFS (NativeCallException) means events were lost and the caller must resynchronise.
     */
    public List<RtnlMessage> poll(Duration timeout) throws NativeCallException {
        return decode(socket.receive(timeout));
    }

    /** As {@link #poll(Duration)}, but waits until events arrive or {@code wakeup} is signalled (then empty). */
    public List<RtnlMessage> poll(Wakeup wakeup) throws NativeCallException {
        return decode(socket.receive(wakeup));
    }

    private static List<RtnlMessage> decode(List<NetlinkMessage> messages) {
        List<RtnlMessage> out = new ArrayList<>();
        for (NetlinkMessage m : messages) {
            Decoded<RtnlMessage> d = RtnlMessage.decode(m);
            if (d.isOk()) {
                out.add(d.orElseThrow());
            } else {
                LOG.debug("ignoring netlink event: {}", d.error());
            }
        }
        return out;
    }

    public int fd() {
        return socket.fd();
    }

    @Override
    public void close() {
        socket.close();
    }
}
