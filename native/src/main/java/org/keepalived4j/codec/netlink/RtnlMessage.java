package org.keepalived4j.codec.netlink;

/** A decoded rtnetlink object (link, address, route or rule), as delivered by dumps and monitor events. */
public sealed interface RtnlMessage permits LinkMessage, AddressMessage, RouteMessage, RuleMessage {
    /** RTM_NEW* or RTM_DEL*. */
    int type();

    /** Decodes a link/address/route/rule message; other types give an error naming the type. */
    static Decoded<RtnlMessage> decode(NetlinkMessage msg) {
        return switch (msg.type()) {
            case Netlink.RTM_NEWLINK, Netlink.RTM_DELLINK -> LinkMessage.decode(msg).map(m -> m);
            case Netlink.RTM_NEWADDR, Netlink.RTM_DELADDR -> AddressMessage.decode(msg).map(m -> m);
            case Netlink.RTM_NEWROUTE, Netlink.RTM_DELROUTE -> RouteMessage.decode(msg).map(m -> m);
            case Netlink.RTM_NEWRULE, Netlink.RTM_DELRULE -> RuleMessage.decode(msg).map(m -> m);
            default -> Decoded.failed("rtnetlink: no decoder for " + Netlink.typeName(msg.type()));
        };
    }
}
