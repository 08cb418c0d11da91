package org.keepalived4j.codec.netlink;

import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;

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
 * @param metrics RTAX_* values carried nested in RTA_METRICS (mtu, advmss...), in RTAX order; empty for none
 * @param nextHops the paths of a multipath route (RTA_MULTIPATH); empty for a single-path route
 */
public record RouteMessage(int type, int family, int dstLength, int srcLength, int tos, int table, int protocol,
                           int scope, int routeType, int flags, InetAddress dst, InetAddress src, InetAddress gateway,
                           InetAddress prefSrc, int oif, long priority, SortedMap<Integer, Long> metrics,
                           List<RouteNextHop> nextHops) implements RtnlMessage {
    public static final int RTMSG_SIZE = 12;

    public RouteMessage {
        metrics = Collections.unmodifiableSortedMap(new TreeMap<>(metrics));
        nextHops = List.copyOf(nextHops);
    }

    /** Same route with RTAX metric {@code rtax} set (ip route ... mtu N is RTAX_MTU). */
    public RouteMessage withMetric(int rtax, long value) {
        SortedMap<Integer, Long> m = new TreeMap<>(metrics);
        m.put(rtax, value);
        return new RouteMessage(type, family, dstLength, srcLength, tos, table, protocol, scope, routeType, flags, dst, src,
                gateway, prefSrc, oif, priority, m, nextHops);
    }

    /** Same route with these paths (RTA_MULTIPATH) instead of a single gateway/device. */
    public RouteMessage withNextHops(List<RouteNextHop> hops) {
        return new RouteMessage(type, family, dstLength, srcLength, tos, table, protocol, scope, routeType, flags, dst, src,
                gateway, prefSrc, oif, priority, metrics, hops);
    }

    public RouteMessage withFlags(int f) {
        return new RouteMessage(type, family, dstLength, srcLength, tos, table, protocol, scope, routeType, f, dst, src,
                gateway, prefSrc, oif, priority, metrics, nextHops);
    }

    /** A unicast route to dst/len in {@code table} with protocol boot and scope universe (as ip route add). */
    public static RouteMessage unicast(int family, InetAddress dst, int dstLength, int table) {
        return new RouteMessage(Netlink.RTM_NEWROUTE, family, dstLength, 0, 0, table, Netlink.RTPROT_BOOT,
                Netlink.RT_SCOPE_UNIVERSE, Netlink.RTN_UNICAST, 0, dst, null, null, null, 0, -1, new TreeMap<>(), List.of());
    }

    public RouteMessage withGateway(InetAddress gw) {
        return new RouteMessage(type, family, dstLength, srcLength, tos, table, protocol, scope, routeType, flags, dst, src,
                gw, prefSrc, oif, priority, metrics, nextHops);
    }

    public RouteMessage withOif(int index) {
        return new RouteMessage(type, family, dstLength, srcLength, tos, table, protocol, scope, routeType, flags, dst, src,
                gateway, prefSrc, index, priority, metrics, nextHops);
    }

    public RouteMessage withPrefSrc(InetAddress a) {
        return new RouteMessage(type, family, dstLength, srcLength, tos, table, protocol, scope, routeType, flags, dst, src,
                gateway, a, oif, priority, metrics, nextHops);
    }

    public RouteMessage withPriority(long metric) {
        return new RouteMessage(type, family, dstLength, srcLength, tos, table, protocol, scope, routeType, flags, dst, src,
                gateway, prefSrc, oif, metric, metrics, nextHops);
    }

    public RouteMessage withProtocol(int p) {
        return new RouteMessage(type, family, dstLength, srcLength, tos, table, p, scope, routeType, flags, dst, src,
                gateway, prefSrc, oif, priority, metrics, nextHops);
    }

    public RouteMessage withScope(int s) {
        return new RouteMessage(type, family, dstLength, srcLength, tos, table, protocol, s, routeType, flags, dst, src,
                gateway, prefSrc, oif, priority, metrics, nextHops);
    }

    public RouteMessage withRouteType(int t) {
        return new RouteMessage(type, family, dstLength, srcLength, tos, table, protocol, scope, t, flags, dst, src,
                gateway, prefSrc, oif, priority, metrics, nextHops);
    }

    public boolean isDeleted() {
        return type == Netlink.RTM_DELROUTE;
    }

    /** rtmsg + attributes in ip(8)'s order: DST, SRC, GATEWAY, PRIORITY, PREFSRC, TABLE, OIF, METRICS, MULTIPATH. */
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
        if (!metrics.isEmpty()) {
            // ip(8) nests the RTAX attributes without NLA_F_NESTED
            w.beginNested(Netlink.RTA_METRICS, false);
            metrics.forEach((rtax, v) -> w.u32(rtax, v));
            w.endNested();
        }
        if (!nextHops.isEmpty()) {
            w.add(Netlink.RTA_MULTIPATH, encodeNextHops());
        }
        return w.toBytes();
    }

    private byte[] encodeNextHops() {
        int size = 0;
        for (RouteNextHop h : nextHops) {
            size += nextHopLength(h);
        }
        ByteBuffer b = ByteBuffer.allocate(size).order(ByteOrder.nativeOrder());
        for (RouteNextHop h : nextHops) {
            b.putShort((short) nextHopLength(h)).put((byte) h.flags()).put((byte) (h.weight() - 1)).putInt(h.ifindex());
            if (h.gateway() != null) {
                byte[] a = h.gateway().getAddress();
                b.putShort((short) (4 + a.length)).putShort((short) Netlink.RTA_GATEWAY).put(a);
                b.position(b.position() + Netlink.align(4 + a.length) - 4 - a.length);
            }
        }
        return b.array();
    }

    private static int nextHopLength(RouteNextHop h) {
        return RouteNextHop.RTNEXTHOP_SIZE + (h.gateway() == null ? 0 : Netlink.align(4 + h.gateway().getAddress().length));
    }

    private static Decoded<List<RouteNextHop>> decodeNextHops(byte[] v) {
        List<RouteNextHop> hops = new ArrayList<>();
        ByteBuffer b = ByteBuffer.wrap(v).order(ByteOrder.nativeOrder());
        int pos = 0;
        while (pos + RouteNextHop.RTNEXTHOP_SIZE <= v.length) {
            int len = b.getShort(pos) & 0xffff;
            if (len < RouteNextHop.RTNEXTHOP_SIZE || pos + len > v.length) {
                return Decoded.failed("rtnexthop at " + pos + ": length " + len + " of " + (v.length - pos));
            }
            int flags = v[pos + 2] & 0xff;
            int weight = (v[pos + 3] & 0xff) + 1;
            int ifindex = b.getInt(pos + 4);
            Decoded<RtAttributes> inner = RtAttributes.parse(v, pos + RouteNextHop.RTNEXTHOP_SIZE,
                    len - RouteNextHop.RTNEXTHOP_SIZE);
            if (!inner.isOk()) {
                return Decoded.failed("rtnexthop: " + inner.error());
            }
            hops.add(new RouteNextHop(inner.orElseThrow().address(Netlink.RTA_GATEWAY), ifindex, weight, flags));
            pos += Netlink.align(len);
        }
        return Decoded.ok(hops);
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
        SortedMap<Integer, Long> metrics = new TreeMap<>();
        if (a.has(Netlink.RTA_METRICS)) {
            Decoded<RtAttributes> m = a.nested(Netlink.RTA_METRICS);
            if (!m.isOk()) {
                return Decoded.failed("rtmsg RTA_METRICS: " + m.error());
            }
            for (RtAttribute x : m.orElseThrow().all()) {
                if (x.value().length == 4) {
                    metrics.put(x.type(), ByteBuffer.wrap(x.value()).order(ByteOrder.nativeOrder()).getInt() & 0xffffffffL);
                }
            }
        }
        List<RouteNextHop> hops = List.of();
        if (a.has(Netlink.RTA_MULTIPATH)) {
            Decoded<List<RouteNextHop>> h = decodeNextHops(a.bytes(Netlink.RTA_MULTIPATH));
            if (!h.isOk()) {
                return Decoded.failed("rtmsg RTA_MULTIPATH: " + h.error());
            }
            hops = h.orElseThrow();
        }
        return Decoded.ok(new RouteMessage(msg.type(), p[0] & 0xff, p[1] & 0xff, p[2] & 0xff, p[3] & 0xff, table,
                p[5] & 0xff, p[6] & 0xff, p[7] & 0xff, ByteBuffer.wrap(p).order(ByteOrder.nativeOrder()).getInt(8),
                a.address(Netlink.RTA_DST), a.address(Netlink.RTA_SRC), a.address(Netlink.RTA_GATEWAY),
                a.address(Netlink.RTA_PREFSRC), oif < 0 ? 0 : (int) oif, a.u32(Netlink.RTA_PRIORITY), metrics, hops));
    }
}
