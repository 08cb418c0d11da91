package org.keepalived4j.codec.netlink;

import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * An rtnetlink route (struct rtmsg + RTA_* attributes).
 *
 * @param type RTM_NEWROUTE / RTM_DELROUTE (events; ignored when encoding)
 * @param table routing table id (ids above 255 travel in RTA_TABLE)
 * @param protocol RTPROT_* (keepalived uses 18)
 * @param scope RT_SCOPE_*
 * @param routeType RTN_* (unicast, blackhole, unreachable, prohibit...)
 * @param dst destination prefix (null = default route)
 * @param src source prefix (RTA_SRC, policy routing), or null
 * @param gateway RTA_GATEWAY, or null
 * @param prefSrc RTA_PREFSRC (the "src" of ip route), or null
 * @param oif output interface index or 0
 * @param priority RTA_PRIORITY (metric) or -1
 */
public record RouteMessage(int type, int family, int dstLength, int srcLength, int tos, int table, int protocol,
                           int scope, int routeType, int flags, InetAddress dst, InetAddress src, InetAddress gateway,
                           InetAddress prefSrc, int oif, long priority) implements RtnlMessage {
    public static final int RTMSG_SIZE = 12;

    /** A unicast route to dst/len in {@code table} with protocol boot and scope universe (as ip route add). */
    public static RouteMessage unicast(int family, InetAddress dst, int dstLength, int table) {
        return new RouteMessage(Netlink.RTM_NEWROUTE, family, dstLength, 0, 0, table, Netlink.RTPROT_BOOT,
                Netlink.RT_SCOPE_UNIVERSE, Netlink.RTN_UNICAST, 0, dst, null, null, null, 0, -1);
    }

    public RouteMessage withGateway(InetAddress gw) {
        return new RouteMessage(type, family, dstLength, srcLength, tos, table, protocol, scope, routeType, flags, dst, src,
                gw, prefSrc, oif, priority);
    }

    public RouteMessage withOif(int index) {
        return new RouteMessage(type, family, dstLength, srcLength, tos, table, protocol, scope, routeType, flags, dst, src,
                gateway, prefSrc, index, priority);
    }

    public RouteMessage withPrefSrc(InetAddress a) {
        return new RouteMessage(type, family, dstLength, srcLength, tos, table, protocol, scope, routeType, flags, dst, src,
                gateway, a, oif, priority);
    }

    public RouteMessage withPriority(long metric) {
        return new RouteMessage(type, family, dstLength, srcLength, tos, table, protocol, scope, routeType, flags, dst, src,
                gateway, prefSrc, oif, metric);
    }

    public RouteMessage withProtocol(int p) {
        return new RouteMessage(type, family, dstLength, srcLength, tos, table, p, scope, routeType, flags, dst, src,
                gateway, prefSrc, oif, priority);
    }

    public RouteMessage withScope(int s) {
        return new RouteMessage(type, family, dstLength, srcLength, tos, table, protocol, s, routeType, flags, dst, src,
                gateway, prefSrc, oif, priority);
    }

    public RouteMessage withRouteType(int t) {
        return new RouteMessage(type, family, dstLength, srcLength, tos, table, protocol, scope, t, flags, dst, src,
                gateway, prefSrc, oif, priority);
    }

    public boolean isDeleted() {
        return type == Netlink.RTM_DELROUTE;
    }

    /** rtmsg + attributes in ip(8)'s order: DST, SRC, GATEWAY, PRIORITY, PREFSRC, TABLE, OIF. */
    public byte[] encodeBody() {
        byte[] hdr = ByteBuffer.allocate(RTMSG_SIZE).order(ByteOrder.nativeOrder()).put((byte) family)
                .put((byte) dstLength).put((byte) srcLength).put((byte) tos)
                .put((byte) (table > 255 ? Netlink.RT_TABLE_UNSPEC : table)).put((byte) protocol).put((byte) scope)
                .put((byte) routeType).putInt(flags).array();
        AttributeWriter w = new AttributeWriter().header(hdr);
        if (dst != null) {
            w.address(Netlink.RTA_DST, dst);
        }
        if (src != null) {
            w.address(Netlink.RTA_SRC, src);
        }
        if (gateway != null) {
            w.address(Netlink.RTA_GATEWAY, gateway);
        }
        if (priority >= 0) {
            w.u32(Netlink.RTA_PRIORITY, priority);
        }
        if (prefSrc != null) {
            w.address(Netlink.RTA_PREFSRC, prefSrc);
        }
        if (table > 255) {
            w.u32(Netlink.RTA_TABLE, table);
        }
        if (oif > 0) {
            w.u32(Netlink.RTA_OIF, oif);
        }
        return w.toBytes();
    }

    public static Decoded<RouteMessage> decode(NetlinkMessage msg) {
        if (msg.type() != Netlink.RTM_NEWROUTE && msg.type() != Netlink.RTM_DELROUTE) {
            return Decoded.failed("rtmsg: message is " + Netlink.typeName(msg.type()));
        }
        byte[] p = msg.payload();
        if (p.length < RTMSG_SIZE) {
            return Decoded.failed("rtmsg: " + p.length + " bytes, need " + RTMSG_SIZE);
        }
        Decoded<RtAttributes> parsed = RtAttributes.parse(p, RTMSG_SIZE, p.length - RTMSG_SIZE);
        if (!parsed.isOk()) {
            return Decoded.failed("rtmsg: " + parsed.error());
        }
        RtAttributes a = parsed.orElseThrow();
        long tableAttr = a.u32(Netlink.RTA_TABLE);
        int table = tableAttr >= 0 ? (int) tableAttr : p[4] & 0xff;
        long oif = a.u32(Netlink.RTA_OIF);
        return Decoded.ok(new RouteMessage(msg.type(), p[0] & 0xff, p[1] & 0xff, p[2] & 0xff, p[3] & 0xff, table,
                p[5] & 0xff, p[6] & 0xff, p[7] & 0xff, ByteBuffer.wrap(p).order(ByteOrder.nativeOrder()).getInt(8),
                a.address(Netlink.RTA_DST), a.address(Netlink.RTA_SRC), a.address(Netlink.RTA_GATEWAY),
                a.address(Netlink.RTA_PREFSRC), oif < 0 ? 0 : (int) oif, a.u32(Netlink.RTA_PRIORITY)));
    }
}
