package org.keepalived4j.codec.netlink;

import static org.keepalived4j.codec.netlink.Netlink.*;

/** Builds the rtnetlink / generic netlink requests keepalived4j sends (sequence number set by the socket). */
public final class RtnlRequests {
    private static final int NEW = NLM_F_ACK | NLM_F_EXCL | NLM_F_CREATE;

    private RtnlRequests() {
    }

    public static NetlinkMessage getLink(String name) {
        return NetlinkMessage.request(RTM_GETLINK, 0,
                new AttributeWriter().header(LinkMessage.ifinfomsg(AF_UNSPEC, 0, 0, 0, 0)).string(IFLA_IFNAME, name).toBytes());
    }

    public static NetlinkMessage getLink(int index) {
        return NetlinkMessage.request(RTM_GETLINK, 0, LinkMessage.ifinfomsg(AF_UNSPEC, 0, index, 0, 0));
    }

    public static NetlinkMessage dumpLinks() {
        return NetlinkMessage.request(RTM_GETLINK, NLM_F_DUMP, LinkMessage.ifinfomsg(AF_UNSPEC, 0, 0, 0, 0));
    }

    /** ip link set dev up|down: RTM_NEWLINK with change = IFF_UP. */
    public static NetlinkMessage setLinkUp(int index, boolean up) {
        return NetlinkMessage.request(RTM_NEWLINK, NLM_F_ACK,
                LinkMessage.ifinfomsg(AF_UNSPEC, 0, index, up ? IFF_UP : 0, IFF_UP));
    }

    /** ip link add link PARENT name NAME address MAC type macvlan mode MODE (keepalived's use_vmac: mode private). */
    public static NetlinkMessage newMacvlan(String name, int parentIndex, byte[] mac, int mode) {
        AttributeWriter w = new AttributeWriter().header(LinkMessage.ifinfomsg(AF_UNSPEC, 0, 0, 0, 0));
        if (mac != null) {
            w.add(IFLA_ADDRESS, mac);
        }
        w.u32(IFLA_LINK, parentIndex).string(IFLA_IFNAME, name)
                .beginNested(IFLA_LINKINFO, false).add(IFLA_INFO_KIND, "macvlan".getBytes(java.nio.charset.StandardCharsets.US_ASCII))
                .beginNested(IFLA_INFO_DATA, false).u32(IFLA_MACVLAN_MODE, mode).endNested()
                .endNested();
        return NetlinkMessage.request(RTM_NEWLINK, NEW, w.toBytes());
    }

    public static NetlinkMessage deleteLink(int index) {
        return NetlinkMessage.request(RTM_DELLINK, NLM_F_ACK, LinkMessage.ifinfomsg(AF_UNSPEC, 0, index, 0, 0));
    }

    public static NetlinkMessage addAddress(AddressMessage a) {
        return NetlinkMessage.request(RTM_NEWADDR, NEW, a.encodeBody());
    }

    public static NetlinkMessage deleteAddress(AddressMessage a) {
        return NetlinkMessage.request(RTM_DELADDR, NLM_F_ACK, a.encodeBody());
    }

    /** Dump of all addresses of {@code family} (AF_UNSPEC for both). */
    public static NetlinkMessage dumpAddresses(int family) {
        return NetlinkMessage.request(RTM_GETADDR, NLM_F_DUMP, new byte[] {(byte) family, 0, 0, 0, 0, 0, 0, 0});
    }

    public static NetlinkMessage addRoute(RouteMessage r) {
        return NetlinkMessage.request(RTM_NEWROUTE, NEW, r.encodeBody());
    }

    public static NetlinkMessage deleteRoute(RouteMessage r) {
        return NetlinkMessage.request(RTM_DELROUTE, NLM_F_ACK, r.encodeBody());
    }

    public static NetlinkMessage dumpRoutes(int family) {
        return NetlinkMessage.request(RTM_GETROUTE, NLM_F_DUMP, new byte[] {(byte) family, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0});
    }

    public static NetlinkMessage addRule(RuleMessage r) {
        return NetlinkMessage.request(RTM_NEWRULE, NEW, r.encodeBody());
    }

    public static NetlinkMessage deleteRule(RuleMessage r) {
        return NetlinkMessage.request(RTM_DELRULE, NLM_F_ACK, r.encodeBody());
    }

    public static NetlinkMessage dumpRules(int family) {
        return NetlinkMessage.request(RTM_GETRULE, NLM_F_DUMP, new byte[] {(byte) family, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0});
    }

    /** Generic netlink CTRL_CMD_GETFAMILY for {@code name} (e.g. "IPVS"); answer decoded by {@link GenlFamily}. */
    public static NetlinkMessage getGenlFamily(String name) {
        byte[] genlhdr = {(byte) CTRL_CMD_GETFAMILY, 1, 0, 0};
        return NetlinkMessage.request(GENL_ID_CTRL, NLM_F_ACK,
                new AttributeWriter().header(genlhdr).string(CTRL_ATTR_FAMILY_NAME, name).toBytes());
    }
}
