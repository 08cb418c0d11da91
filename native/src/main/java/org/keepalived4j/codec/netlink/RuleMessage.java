package org.keepalived4j.codec.netlink;

import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * A policy routing rule (struct fib_rule_hdr + FRA_* attributes).
 *
 * @param action FR_ACT_* (1 = lookup table)
 * @param src FRA_SRC ("from"), or null
 * @param dst FRA_DST ("to"), or null
 * @param iifName FRA_IIFNAME, or null
 * @param oifName FRA_OIFNAME, or null
 * @param fwmark FRA_FWMARK or -1
 * @param fwmask FRA_FWMASK or -1
 * @param priority FRA_PRIORITY or -1
 * @param protocol FRA_PROTOCOL or -1
 */
public record RuleMessage(int type, int family, int dstLength, int srcLength, int tos, int table, int action, int flags,
                          InetAddress src, InetAddress dst, String iifName, String oifName, long fwmark, long fwmask,
                          long priority, int protocol) implements RtnlMessage {
    public static final int FIB_RULE_HDR_SIZE = 12;

    /** A "lookup table" rule with nothing set but the family and table. */
    public static RuleMessage lookup(int family, int table) {
        return new RuleMessage(Netlink.RTM_NEWRULE, family, 0, 0, 0, table, Netlink.FR_ACT_TO_TBL, 0, null, null, null, null,
                -1, -1, -1, -1);
    }

    public RuleMessage from(InetAddress a, int len) {
        return new RuleMessage(type, family, dstLength, len, tos, table, action, flags, a, dst, iifName, oifName, fwmark,
                fwmask, priority, protocol);
    }

    public RuleMessage to(InetAddress a, int len) {
        return new RuleMessage(type, family, len, srcLength, tos, table, action, flags, src, a, iifName, oifName, fwmark,
                fwmask, priority, protocol);
    }

    public RuleMessage withIif(String name) {
        return new RuleMessage(type, family, dstLength, srcLength, tos, table, action, flags, src, dst, name, oifName,
                fwmark, fwmask, priority, protocol);
    }

    public RuleMessage withOif(String name) {
        return new RuleMessage(type, family, dstLength, srcLength, tos, table, action, flags, src, dst, iifName, name,
                fwmark, fwmask, priority, protocol);
    }

    public RuleMessage withFwmark(long mark, long mask) {
        return new RuleMessage(type, family, dstLength, srcLength, tos, table, action, flags, src, dst, iifName, oifName,
                mark, mask, priority, protocol);
    }

    public RuleMessage withPriority(long prio) {
        return new RuleMessage(type, family, dstLength, srcLength, tos, table, action, flags, src, dst, iifName, oifName,
                fwmark, fwmask, prio, protocol);
    }

    public RuleMessage withTos(int t) {
        return new RuleMessage(type, family, dstLength, srcLength, t, table, action, flags, src, dst, iifName, oifName,
                fwmark, fwmask, priority, protocol);
    }

    public RuleMessage withProtocol(int p) {
        return new RuleMessage(type, family, dstLength, srcLength, tos, table, action, flags, src, dst, iifName, oifName,
                fwmark, fwmask, priority, p);
    }

    public boolean isDeleted() {
        return type == Netlink.RTM_DELRULE;
    }

    /** fib_rule_hdr + attributes in ip(8)'s order: SRC, DST, IIFNAME, OIFNAME, FWMARK, FWMASK, PRIORITY, TABLE, PROTOCOL. */
    public byte[] encodeBody() {
        byte[] hdr = ByteBuffer.allocate(FIB_RULE_HDR_SIZE).order(ByteOrder.nativeOrder()).put((byte) family)
                .put((byte) dstLength).put((byte) srcLength).put((byte) tos)
                .put((byte) (table > 255 ? Netlink.RT_TABLE_UNSPEC : table)).put((byte) 0).put((byte) 0)
                .put((byte) action).putInt(flags).array();
        AttributeWriter w = new AttributeWriter().header(hdr);
        if (src != null) {
            w.address(Netlink.FRA_SRC, src);
        }
        if (dst != null) {
            w.address(Netlink.FRA_DST, dst);
        }
        if (iifName != null) {
            w.string(Netlink.FRA_IIFNAME, iifName);
        }
        if (oifName != null) {
            w.string(Netlink.FRA_OIFNAME, oifName);
        }
        if (fwmark >= 0) {
            w.u32(Netlink.FRA_FWMARK, fwmark);
        }
        if (fwmask >= 0) {
            w.u32(Netlink.FRA_FWMASK, fwmask);
        }
        if (priority >= 0) {
            w.u32(Netlink.FRA_PRIORITY, priority);
        }
        if (table > 255) {
            w.u32(Netlink.FRA_TABLE, table);
        }
        if (protocol >= 0) {
            w.u8(Netlink.FRA_PROTOCOL, protocol);
        }
        return w.toBytes();
    }

    public static Decoded<RuleMessage> decode(NetlinkMessage msg) {
        if (msg.type() != Netlink.RTM_NEWRULE && msg.type() != Netlink.RTM_DELRULE) {
            return Decoded.failed("fib_rule_hdr: message is " + Netlink.typeName(msg.type()));
        }
        byte[] p = msg.payload();
        if (p.length < FIB_RULE_HDR_SIZE) {
            return Decoded.failed("fib_rule_hdr: " + p.length + " bytes, need " + FIB_RULE_HDR_SIZE);
        }
        Decoded<RtAttributes> parsed = RtAttributes.parse(p, FIB_RULE_HDR_SIZE, p.length - FIB_RULE_HDR_SIZE);
        if (!parsed.isOk()) {
            return Decoded.failed("fib_rule_hdr: " + parsed.error());
        }
        RtAttributes a = parsed.orElseThrow();
        long tableAttr = a.u32(Netlink.FRA_TABLE);
        return Decoded.ok(new RuleMessage(msg.type(), p[0] & 0xff, p[1] & 0xff, p[2] & 0xff, p[3] & 0xff,
                tableAttr >= 0 ? (int) tableAttr : p[4] & 0xff, p[7] & 0xff,
                ByteBuffer.wrap(p).order(ByteOrder.nativeOrder()).getInt(8), a.address(Netlink.FRA_SRC),
                a.address(Netlink.FRA_DST), a.string(Netlink.FRA_IIFNAME), a.string(Netlink.FRA_OIFNAME),
                a.u32(Netlink.FRA_FWMARK), a.u32(Netlink.FRA_FWMASK), a.u32(Netlink.FRA_PRIORITY),
                a.u8(Netlink.FRA_PROTOCOL)));
    }
}
