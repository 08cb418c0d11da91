package org.keepalived4j.codec.netlink;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * An rtnetlink address message (struct ifaddrmsg + IFA_* attributes).
 *
 * @param type RTM_NEWADDR / RTM_DELADDR (for events; ignored when encoding)
 * @param flags IFA_F_* (the 8-bit header field; {@code extFlags} carries the full 32-bit IFA_FLAGS)
 * @param scope RT_SCOPE_* (0 global, 253 link, 254 host)
 * @param local IFA_LOCAL (the interface's own address), or null
 * @param address IFA_ADDRESS (the peer on point-to-point links, else the same as local), or null
 * @param broadcast IFA_BROADCAST, or null
 * @param label IFA_LABEL (IPv4 only, e.g. eth0:vip), or null
 * @param extFlags IFA_FLAGS or -1
 */
public record AddressMessage(int type, int family, int prefixLength, int flags, int scope, int index, InetAddress local,
                             InetAddress address, InetAddress broadcast, String label, long extFlags) implements RtnlMessage {
    public static final int IFADDRMSG_SIZE = 8;

    /** A plain address on interface {@code index} (local = address, scope global, no broadcast/label). */
    public static AddressMessage of(int index, InetAddress address, int prefixLength) {
        return new AddressMessage(Netlink.RTM_NEWADDR, familyOf(address), prefixLength, 0, Netlink.RT_SCOPE_UNIVERSE,
                index, address, address, null, null, -1);
    }

    public AddressMessage withBroadcast(InetAddress brd) {
        return new AddressMessage(type, family, prefixLength, flags, scope, index, local, address, brd, label, extFlags);
    }

    public AddressMessage withLabel(String newLabel) {
        return new AddressMessage(type, family, prefixLength, flags, scope, index, local, address, broadcast, newLabel,
                extFlags);
    }

    public AddressMessage withScope(int newScope) {
        return new AddressMessage(type, family, prefixLength, flags, newScope, index, local, address, broadcast, label,
                extFlags);
    }

    public AddressMessage withFlags(int newFlags) {
        return new AddressMessage(type, family, prefixLength, newFlags & 0xff, scope, index, local, address, broadcast,
                label, newFlags > 0xff ? newFlags : -1);
    }

    /** The address as userspace sees it: IFA_LOCAL if present, else IFA_ADDRESS (IPv6 sends only ADDRESS). */
    public InetAddress effectiveAddress() {
        return local != null ? local : address;
    }

    public boolean isDeleted() {
        return type == Netlink.RTM_DELADDR;
    }

    /** All flags: IFA_FLAGS when present, else the header byte. */
    public long allFlags() {
        return extFlags >= 0 ? extFlags : flags;
    }

    static int familyOf(InetAddress a) {
        return a instanceof Inet4Address ? Netlink.AF_INET : Netlink.AF_INET6;
    }

    /** ifaddrmsg + attributes in the order ip(8) sends them (LOCAL, BROADCAST, LABEL, ADDRESS, FLAGS). */
    public byte[] encodeBody() {
        byte[] hdr = ByteBuffer.allocate(IFADDRMSG_SIZE).order(ByteOrder.nativeOrder()).put((byte) family)
                .put((byte) prefixLength).put((byte) flags).put((byte) scope).putInt(index).array();
        AttributeWriter w = new AttributeWriter().header(hdr);
        if (local != null) {
            w.address(Netlink.IFA_LOCAL, local);
        }
        if (broadcast != null) {
            w.address(Netlink.IFA_BROADCAST, broadcast);
        }
        if (label != null) {
            w.string(Netlink.IFA_LABEL, label);
        }
        if (address != null) {
            w.address(Netlink.IFA_ADDRESS, address);
        }
        if (extFlags >= 0) {
            w.u32(Netlink.IFA_FLAGS, extFlags);
        }
        return w.toBytes();
    }

    public static Decoded<AddressMessage> decode(NetlinkMessage msg) {
        if (msg.type() != Netlink.RTM_NEWADDR && msg.type() != Netlink.RTM_DELADDR) {
            return Decoded.failed("ifaddrmsg: message is " + Netlink.typeName(msg.type()));
        }
        byte[] p = msg.payload();
        if (p.length < IFADDRMSG_SIZE) {
            return Decoded.failed("ifaddrmsg: " + p.length + " bytes, need " + IFADDRMSG_SIZE);
        }
        Decoded<RtAttributes> parsed = RtAttributes.parse(p, IFADDRMSG_SIZE, p.length - IFADDRMSG_SIZE);
        if (!parsed.isOk()) {
            return Decoded.failed("ifaddrmsg: " + parsed.error());
        }
        RtAttributes a = parsed.orElseThrow();
        int index = ByteBuffer.wrap(p).order(ByteOrder.nativeOrder()).getInt(4);
        return Decoded.ok(new AddressMessage(msg.type(), p[0] & 0xff, p[1] & 0xff, p[2] & 0xff, p[3] & 0xff, index,
                a.address(Netlink.IFA_LOCAL), a.address(Netlink.IFA_ADDRESS), a.address(Netlink.IFA_BROADCAST),
                a.string(Netlink.IFA_LABEL), a.u32(Netlink.IFA_FLAGS)));
    }

    @Override
    public String toString() {
        InetAddress a = effectiveAddress();
        return Netlink.typeName(type) + "{" + (a == null ? "?" : a.getHostAddress()) + "/" + prefixLength + " dev "
                + index + " scope " + scope + (label == null ? "" : " label " + label) + "}";
    }
}
