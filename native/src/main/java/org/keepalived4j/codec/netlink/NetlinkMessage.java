package org.keepalived4j.codec.netlink;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;

/**
 * One netlink message: the nlmsghdr fields and the payload after it (unpadded). Netlink headers are in host byte
 * order; this class uses the platform's native order.
 */
public record NetlinkMessage(int type, int flags, int seq, int portId, byte[] payload) {
    public NetlinkMessage {
        payload = payload.clone();
    }

    @Override
    public byte[] payload() {
        return payload.clone();
    }

    /** A request with sequence 0 and port id 0 (the socket assigns the sequence). */
    public static NetlinkMessage request(int type, int flags, byte[] payload) {
        return new NetlinkMessage(type, flags | Netlink.NLM_F_REQUEST, 0, 0, payload);
    }

    public NetlinkMessage withSeq(int newSeq) {
        return new NetlinkMessage(type, flags, newSeq, portId, payload);
    }

    public boolean isError() {
        return type == Netlink.NLMSG_ERROR;
    }

    public boolean isDone() {
        return type == Netlink.NLMSG_DONE;
    }

    /** Header plus payload, padded to 4 bytes. */
    public byte[] encode() {
        int len = Netlink.NLMSG_HDRLEN + payload.length;
        ByteBuffer b = ByteBuffer.allocate(Netlink.align(len)).order(ByteOrder.nativeOrder());
        b.putInt(len).putShort((short) type).putShort((short) flags).putInt(seq).putInt(portId).put(payload);
        return b.array();
    }

    /** Decodes every message in {@code buf[offset, offset+len)}; an error names the first malformed one. */
    public static Decoded<List<NetlinkMessage>> decodeAll(byte[] buf, int offset, int len) {
        if (offset < 0 || len < 0 || offset + len > buf.length) {
            return Decoded.failed("netlink: buffer range " + offset + "+" + len + " outside " + buf.length + " bytes");
        }
        ByteBuffer b = ByteBuffer.wrap(buf, offset, len).order(ByteOrder.nativeOrder());
        List<NetlinkMessage> out = new ArrayList<>();
        int pos = offset;
        int end = offset + len;
        while (end - pos >= Netlink.NLMSG_HDRLEN) {
            int msgLen = b.getInt(pos);
            if (msgLen < Netlink.NLMSG_HDRLEN || msgLen > end - pos) {
                return Decoded.failed("netlink: message " + out.size() + " at byte " + (pos - offset)
                        + " has length " + Integer.toUnsignedString(msgLen) + " (" + (end - pos) + " bytes left)");
            }
            byte[] payload = new byte[msgLen - Netlink.NLMSG_HDRLEN];
            System.arraycopy(buf, pos + Netlink.NLMSG_HDRLEN, payload, 0, payload.length);
            out.add(new NetlinkMessage(b.getShort(pos + 4) & 0xffff, b.getShort(pos + 6) & 0xffff, b.getInt(pos + 8),
                    b.getInt(pos + 12), payload));
            pos += Math.min(Netlink.align(msgLen), end - pos);
        }
        if (pos != end) {
            return Decoded.failed("netlink: " + (end - pos) + " trailing bytes after " + out.size() + " messages");
        }
        return Decoded.ok(out);
    }

    public static Decoded<List<NetlinkMessage>> decodeAll(byte[] buf) {
        return decodeAll(buf, 0, buf.length);
    }

    @Override
    public String toString() {
        return Netlink.typeName(type) + "{flags=0x" + Integer.toHexString(flags) + ", seq=" + seq + ", pid="
                + Integer.toUnsignedString(portId) + ", " + payload.length + " bytes}";
    }
}
