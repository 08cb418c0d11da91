package org.keepalived4j.codec.netlink;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * The body of an NLMSG_ERROR message (struct nlmsgerr): {@code error} 0 is an ACK, otherwise a negative errno.
 *
 * @param errno the positive errno (0 for an ACK)
 * @param requestType type of the request it answers
 * @param requestSeq sequence number of the request it answers
 * @param extAckMessage the kernel's extended ack text (NLMSGERR_ATTR_MSG), or null
 */
public record NetlinkError(int errno, int requestType, int requestSeq, String extAckMessage) {
    public boolean isAck() {
        return errno == 0;
    }

    public static Decoded<NetlinkError> decode(NetlinkMessage msg) {
        if (msg.type() != Netlink.NLMSG_ERROR) {
            return Decoded.failed("nlmsgerr: message is " + Netlink.typeName(msg.type()) + ", not NLMSG_ERROR");
        }
        byte[] p = msg.payload();
        if (p.length < 4 + Netlink.NLMSG_HDRLEN) {
            return Decoded.failed("nlmsgerr: " + p.length + " bytes, need " + (4 + Netlink.NLMSG_HDRLEN));
        }
        ByteBuffer b = ByteBuffer.wrap(p).order(ByteOrder.nativeOrder());
        int error = b.getInt(0);
        int origLen = b.getInt(4);
        int origType = b.getShort(8) & 0xffff;
        int origSeq = b.getInt(12);
        String ext = null;
        if ((msg.flags() & Netlink.NLM_F_ACK_TLVS) != 0) {
            // The original request follows unless capped (ACKs and NETLINK_CAP_ACK carry only its header).
            int tlvStart = 4 + ((msg.flags() & Netlink.NLM_F_CAPPED) != 0 ? Netlink.NLMSG_HDRLEN : Netlink.align(origLen));
            if (tlvStart <= p.length) {
                Decoded<RtAttributes> attrs = RtAttributes.parse(p, tlvStart, p.length - tlvStart);
                if (attrs instanceof Decoded.Ok<RtAttributes> ok) {
                    ext = ok.value().string(Netlink.NLMSGERR_ATTR_MSG);
                }
            }
        }
        return Decoded.ok(new NetlinkError(-error, origType, origSeq, ext));
    }
}
