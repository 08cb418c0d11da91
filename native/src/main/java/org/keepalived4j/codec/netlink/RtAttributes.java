package org.keepalived4j.codec.netlink;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** A parsed list of rtattrs (4-byte aligned TLVs). Typed getters return null/-1 when absent or of the wrong size. */
public final class RtAttributes {
    private final List<RtAttribute> attributes;

    private RtAttributes(List<RtAttribute> attributes) {
        this.attributes = List.copyOf(attributes);
    }

    /** Parses {@code buf[offset, offset+len)}; an error names the malformed attribute. */
    public static Decoded<RtAttributes> parse(byte[] buf, int offset, int len) {
        if (offset < 0 || len < 0 || offset + len > buf.length) {
            return Decoded.failed("rtattr: range " + offset + "+" + len + " outside " + buf.length + " bytes");
        }
        ByteBuffer b = ByteBuffer.wrap(buf).order(ByteOrder.nativeOrder());
        List<RtAttribute> out = new ArrayList<>();
        int pos = offset;
        int end = offset + len;
        while (end - pos >= 4) {
            int attrLen = b.getShort(pos) & 0xffff;
            int rawType = b.getShort(pos + 2) & 0xffff;
            if (attrLen < 4 || attrLen > end - pos) {
                return Decoded.failed("rtattr " + (rawType & Netlink.NLA_TYPE_MASK) + " at byte " + (pos - offset)
                        + " has length " + attrLen + " (" + (end - pos) + " bytes left)");
            }
            byte[] value = new byte[attrLen - 4];
            System.arraycopy(buf, pos + 4, value, 0, value.length);
            out.add(new RtAttribute(rawType & Netlink.NLA_TYPE_MASK, (rawType & Netlink.NLA_F_NESTED) != 0, value));
            pos += Math.min(Netlink.align(attrLen), end - pos);
        }
        if (pos != end) {
            return Decoded.failed("rtattr: " + (end - pos) + " trailing bytes");
        }
        return Decoded.ok(new RtAttributes(out));
    }

    public List<RtAttribute> all() {
        return attributes;
    }

    /** The first attribute of {@code type}, or null. */
    public RtAttribute get(int type) {
        for (RtAttribute a : attributes) {
            if (a.type() == type) {
                return a;
            }
        }
        return null;
    }

    public boolean has(int type) {
        return get(type) != null;
    }

    public byte[] bytes(int type) {
        RtAttribute a = get(type);
        return a == null ? null : a.value();
    }

    /** A NUL-terminated (or unterminated) string attribute. */
    public String string(int type) {
        byte[] v = bytes(type);
        if (v == null) {
            return null;
        }
        int n = 0;
        while (n < v.length && v[n] != 0) {
            n++;
        }
        return new String(v, 0, n, StandardCharsets.UTF_8);
    }

    /** Unsigned 32-bit value (host order) as long, or -1. */
    public long u32(int type) {
        byte[] v = bytes(type);
        return v == null || v.length < 4 ? -1 : ByteBuffer.wrap(v).order(ByteOrder.nativeOrder()).getInt() & 0xffffffffL;
    }

    /** Unsigned 16-bit value (host order), or -1. */
    public int u16(int type) {
        byte[] v = bytes(type);
        return v == null || v.length < 2 ? -1 : ByteBuffer.wrap(v).order(ByteOrder.nativeOrder()).getShort() & 0xffff;
    }

    public int u8(int type) {
        byte[] v = bytes(type);
        return v == null || v.length < 1 ? -1 : v[0] & 0xff;
    }

    /** An IPv4 (4 bytes) or IPv6 (16 bytes) address in network order, or null. */
    public InetAddress address(int type) {
        byte[] v = bytes(type);
        if (v == null || (v.length != 4 && v.length != 16)) {
            return null;
        }
        try {
            return InetAddress.getByAddress(v);
        } catch (UnknownHostException e) {
            return null;
        }
    }

    /** Parses the nested attributes inside {@code type}; an empty set when absent. */
    public Decoded<RtAttributes> nested(int type) {
        byte[] v = bytes(type);
        if (v == null) {
            return Decoded.ok(new RtAttributes(List.of()));
        }
        return parse(v, 0, v.length);
    }
}
