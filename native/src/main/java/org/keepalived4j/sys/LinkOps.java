package org.keepalived4j.sys;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.keepalived4j.codec.netlink.Decoded;
import org.keepalived4j.codec.netlink.LinkMessage;
import org.keepalived4j.codec.netlink.Macs;
import org.keepalived4j.codec.netlink.NetlinkMessage;
import org.keepalived4j.codec.netlink.RtnlRequests;

/** Interface operations over rtnetlink: lookups, up/down, macvlan create/delete. No policy. */
public final class LinkOps {
    private final NetlinkSocket nl;

    /** {@code nl}: a NETLINK_ROUTE request socket (its namespace is the one operated on). */
    public LinkOps(NetlinkSocket nl) {
        this.nl = nl;
    }

    /** Interface index (if_nametoindex in the calling thread's namespace). */
    public int index(String name) throws NativeCallException {
        return Interfaces.index(name);
    }

    /** The link called {@code name}, or empty if there is none. */
    public Optional<LinkMessage> find(String name) throws NativeCallException {
        try {
            return Optional.of(get(name));
        } catch (NativeCallException e) {
            if (e.errno() == Errno.ENODEV) {
                return Optional.empty();
            }
            throw e;
        }
    }

    /** The link called {@code name}; ENODEV "interface X does not exist" otherwise. */
    public LinkMessage get(String name) throws NativeCallException {
        return single(nl.request(RtnlRequests.getLink(name), "get link " + name), "link " + name);
    }

    public LinkMessage get(int index) throws NativeCallException {
        return single(nl.request(RtnlRequests.getLink(index), "get link index " + index), "link index " + index);
    }

    private static LinkMessage single(List<NetlinkMessage> replies, String what) throws NativeCallException {
        for (NetlinkMessage m : replies) {
            Decoded<LinkMessage> l = LinkMessage.decode(m);
            if (l.isOk()) {
                return l.orElseThrow();
            }
        }
        throw new NativeCallException("get " + what, Errno.ENODEV, what + " does not exist");
    }

    public List<LinkMessage> all() throws NativeCallException {
        List<LinkMessage> out = new ArrayList<>();
        for (NetlinkMessage m : nl.dump(RtnlRequests.dumpLinks(), "dump links")) {
            LinkMessage.decode(m).map(out::add);
        }
        return out;
    }

    /** The interface's hardware address. */
    public byte[] mac(String name) throws NativeCallException {
        byte[] mac = get(name).mac();
        if (mac == null) {
            throw new NativeCallException("get link " + name, Errno.ENODEV, "interface " + name + " has no hardware address");
        }
        return mac;
    }

    public void setUp(String name, boolean up) throws NativeCallException {
        int idx = index(name);
        nl.request(RtnlRequests.setLinkUp(idx, up), "set link " + name + (up ? " up" : " down"));
    }

    /**
     * Creates a macvlan {@code name} on {@code parent} with {@code mac} (null: kernel chooses) and mode
     * (Netlink.MACVLAN_MODE_PRIVATE for use_vmac); returns its index. The link is left down.
     */
    public int createMacvlan(String name, String parent, byte[] mac, int mode) throws NativeCallException {
        int parentIdx = index(parent);
        nl.request(RtnlRequests.newMacvlan(name, parentIdx, mac, mode), "create macvlan " + name + " on " + parent
                + (mac == null ? "" : " address " + Macs.format(mac)));
        return index(name);
    }

    public void delete(String name) throws NativeCallException {
        int idx = index(name);
        nl.request(RtnlRequests.deleteLink(idx), "delete link " + name);
    }
}
