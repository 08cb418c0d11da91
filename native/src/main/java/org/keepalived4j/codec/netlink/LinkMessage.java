package org.keepalived4j.codec.netlink;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * An rtnetlink link message (struct ifinfomsg + IFLA_* attributes), as in RTM_NEWLINK/RTM_DELLINK events and dumps.
 *
 * @param type the message type (RTM_NEWLINK / RTM_DELLINK)
 * @param deviceType ARPHRD_* (1 = Ethernet)
 * @param flags IFF_* flags (up, running, lower-up...)
 * @param mac IFLA_ADDRESS, or null
 * @param mtu IFLA_MTU or -1
 * @param operState IFLA_OPERSTATE (IF_OPER_*) or -1
 * @param link IFLA_LINK (parent of a macvlan/veth) or -1
 * @param master IFLA_MASTER or -1
 * @param kind IFLA_LINKINFO/IFLA_INFO_KIND ("macvlan", "veth", "bridge"...) or null
 * @param macvlanMode IFLA_INFO_DATA/IFLA_MACVLAN_MODE for macvlans, or -1
 */
public record LinkMessage(int type, int family, int deviceType, int index, int flags, int change, String name, byte[] mac,
                          int mtu, int operState, int link, int master, String kind, int macvlanMode) implements RtnlMessage {
    public static final int IFINFOMSG_SIZE = 16;

    public LinkMessage {
        mac = mac == null ? null : mac.clone();
    }

    @Override
    public byte[] mac() {
        return mac == null ? null : mac.clone();
    }

    public boolean isUp() {
        return (flags & Netlink.IFF_UP) != 0;
    }

    public boolean isRunning() {
        return (flags & Netlink.IFF_RUNNING) != 0;
    }

    public boolean isLowerUp() {
        return (flags & Netlink.IFF_LOWER_UP) != 0;
    }

    public boolean isDeleted() {
        return type == Netlink.RTM_DELLINK;
    }

    /** The MAC as aa:bb:cc:dd:ee:ff, or null. */
    public String macString() {
        return mac == null ? null : Macs.format(mac);
    }

    static byte[] ifinfomsg(int family, int deviceType, int index, int flags, int change) {
        return ByteBuffer.allocate(IFINFOMSG_SIZE).order(ByteOrder.nativeOrder()).put((byte) family).put((byte) 0)
                .putShort((short) deviceType).putInt(index).putInt(flags).putInt(change).array();
    }

    public static Decoded<LinkMessage> decode(NetlinkMessage msg) {
        if (msg.type() != Netlink.RTM_NEWLINK && msg.type() != Netlink.RTM_DELLINK) {
            return Decoded.failed("ifinfomsg: message is " + Netlink.typeName(msg.type()));
        }
        byte[] p = msg.payload();
        if (p.length < IFINFOMSG_SIZE) {
            return Decoded.failed("ifinfomsg: " + p.length + " bytes, need " + IFINFOMSG_SIZE);
        }
        ByteBuffer b = ByteBuffer.wrap(p).order(ByteOrder.nativeOrder());
        Decoded<RtAttributes> parsed = RtAttributes.parse(p, IFINFOMSG_SIZE, p.length - IFINFOMSG_SIZE);
        if (!parsed.isOk()) {
            return Decoded.failed("ifinfomsg: " + parsed.error());
        }
        RtAttributes a = parsed.orElseThrow();
        String kind = null;
        int mode = -1;
        Decoded<RtAttributes> info = a.nested(Netlink.IFLA_LINKINFO);
        if (info.isOk()) {
            kind = info.orElseThrow().string(Netlink.IFLA_INFO_KIND);
            Decoded<RtAttributes> data = info.orElseThrow().nested(Netlink.IFLA_INFO_DATA);
            if ("macvlan".equals(kind) && data.isOk()) {
                mode = (int) data.orElseThrow().u32(Netlink.IFLA_MACVLAN_MODE);
            }
        }
        return Decoded.ok(new LinkMessage(msg.type(), p[0] & 0xff, b.getShort(2) & 0xffff, b.getInt(4), b.getInt(8),
                b.getInt(12), a.string(Netlink.IFLA_IFNAME), a.bytes(Netlink.IFLA_ADDRESS), (int) a.u32(Netlink.IFLA_MTU),
                a.u8(Netlink.IFLA_OPERSTATE), (int) a.u32(Netlink.IFLA_LINK), (int) a.u32(Netlink.IFLA_MASTER), kind, mode));
    }

    @Override
    public String toString() {
        return Netlink.typeName(type) + "{" + index + ":" + name + " flags=0x" + Integer.toHexString(flags)
                + (mac == null ? "" : " mac=" + macString()) + (kind == null ? "" : " kind=" + kind) + "}";
    }
}
