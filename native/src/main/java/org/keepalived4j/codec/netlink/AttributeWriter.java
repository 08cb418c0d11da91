package org.keepalived4j.codec.netlink;

import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;

/** Builds a message body: a fixed header followed by aligned rtattrs, nests included. Host byte order. */
public final class AttributeWriter {
    private byte[] buf = new byte[256];
    private int len;
    private final Deque<Integer> nestStarts = new ArrayDeque<>();

    /** Raw bytes (e.g. the fixed ifinfomsg/ifaddrmsg header), padded to 4. */
    public AttributeWriter header(byte[] fixed) {
        put(fixed);
        pad();
        return this;
    }

    public AttributeWriter add(int type, byte[] value) {
        int attrLen = 4 + value.length;
        if (attrLen > 0xffff) {
            throw new IllegalArgumentException("rtattr " + type + " too long: " + value.length);
        }
        ensure(Netlink.align(attrLen));
        ByteBuffer.wrap(buf, len, 4).order(ByteOrder.nativeOrder()).putShort((short) attrLen).putShort((short) type);
        len += 4;
        put(value);
        pad();
        return this;
    }

    public AttributeWriter u8(int type, int value) {
        return add(type, new byte[] {(byte) value});
    }

    public AttributeWriter u16(int type, int value) {
        return add(type, ByteBuffer.allocate(2).order(ByteOrder.nativeOrder()).putShort((short) value).array());
    }

    public AttributeWriter u32(int type, long value) {
        return add(type, ByteBuffer.allocate(4).order(ByteOrder.nativeOrder()).putInt((int) value).array());
    }

    /** NUL-terminated string. */
    public AttributeWriter string(int type, String value) {
        byte[] s = value.getBytes(StandardCharsets.UTF_8);
        byte[] v = new byte[s.length + 1];
        System.arraycopy(s, 0, v, 0, s.length);
        return add(type, v);
    }

    public AttributeWriter address(int type, InetAddress address) {
        return add(type, address.getAddress());
    }

    /** Opens a nested attribute; {@code flagNested} sets NLA_F_NESTED in the type. */
    public AttributeWriter beginNested(int type, boolean flagNested) {
        ensure(4);
        nestStarts.push(len);
        ByteBuffer.wrap(buf, len, 4).order(ByteOrder.nativeOrder()).putShort((short) 0)
                .putShort((short) (type | (flagNested ? Netlink.NLA_F_NESTED : 0)));
        len += 4;
        return this;
    }

    public AttributeWriter endNested() {
        int start = nestStarts.pop();
        ByteBuffer.wrap(buf, start, 2).order(ByteOrder.nativeOrder()).putShort((short) (len - start));
        return this;
    }

    public byte[] toBytes() {
        if (!nestStarts.isEmpty()) {
            throw new IllegalStateException(nestStarts.size() + " nested attributes not closed");
        }
        byte[] out = new byte[len];
        System.arraycopy(buf, 0, out, 0, len);
        return out;
    }

    private void put(byte[] b) {
        ensure(b.length);
        System.arraycopy(b, 0, buf, len, b.length);
        len += b.length;
    }

    private void pad() {
        int padded = Netlink.align(len);
        ensure(padded - len);
        len = padded;
    }

    private void ensure(int extra) {
        if (len + extra > buf.length) {
            byte[] bigger = new byte[Math.max(buf.length * 2, len + extra)];
            System.arraycopy(buf, 0, bigger, 0, len);
            buf = bigger;
        }
    }
}
