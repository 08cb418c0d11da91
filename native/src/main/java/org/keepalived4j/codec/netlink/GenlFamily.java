package org.keepalived4j.codec.netlink;

/** A generic netlink family as answered by CTRL_CMD_GETFAMILY (CTRL_CMD_NEWFAMILY): its name and message type id. */
public record GenlFamily(String name, int id) {
    public static Decoded<GenlFamily> decode(NetlinkMessage msg) {
        if (msg.type() != Netlink.GENL_ID_CTRL) {
            return Decoded.failed("genl ctrl: message is " + Netlink.typeName(msg.type()) + ", not GENL_ID_CTRL");
        }
        byte[] p = msg.payload();
        if (p.length < Netlink.GENL_HDRLEN) {
            return Decoded.failed("genl ctrl: " + p.length + " bytes, need " + Netlink.GENL_HDRLEN);
        }
        if ((p[0] & 0xff) != Netlink.CTRL_CMD_NEWFAMILY) {
            return Decoded.failed("genl ctrl: command " + (p[0] & 0xff) + ", expected CTRL_CMD_NEWFAMILY");
        }
        Decoded<RtAttributes> parsed = RtAttributes.parse(p, Netlink.GENL_HDRLEN, p.length - Netlink.GENL_HDRLEN);
        if (!parsed.isOk()) {
            return Decoded.failed("genl ctrl: " + parsed.error());
        }
        RtAttributes a = parsed.orElseThrow();
        int id = a.u16(Netlink.CTRL_ATTR_FAMILY_ID);
        String name = a.string(Netlink.CTRL_ATTR_FAMILY_NAME);
        if (id < 0 || name == null) {
            return Decoded.failed("genl ctrl: answer lacks CTRL_ATTR_FAMILY_ID or CTRL_ATTR_FAMILY_NAME");
        }
        return Decoded.ok(new GenlFamily(name, id));
    }
}
