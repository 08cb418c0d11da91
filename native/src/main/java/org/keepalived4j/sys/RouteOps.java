package org.keepalived4j.sys;

import java.util.ArrayList;
import java.util.List;
import org.keepalived4j.codec.netlink.NetlinkMessage;
import org.keepalived4j.codec.netlink.RouteMessage;
import org.keepalived4j.codec.netlink.RtnlRequests;
import org.keepalived4j.codec.netlink.RuleMessage;

/** Route and policy-rule operations over rtnetlink. No policy. */
public final class RouteOps {
    private final NetlinkSocket nl;

    public RouteOps(NetlinkSocket nl) {
        this.nl = nl;
    }

    public void addRoute(RouteMessage route) throws NativeCallException {
        nl.request(RtnlRequests.addRoute(route), "add route " + describe(route));
    }

    public void deleteRoute(RouteMessage route) throws NativeCallException {
        nl.request(RtnlRequests.deleteRoute(route), "delete route " + describe(route));
    }

    /** Routes of {@code family} in {@code table} (0 = all tables). */
    public List<RouteMessage> routes(int family, int table) throws NativeCallException {
        List<RouteMessage> out = new ArrayList<>();
        for (NetlinkMessage m : nl.dump(RtnlRequests.dumpRoutes(family), "dump routes")) {
            RouteMessage.decode(m).map(r -> table == 0 || r.table() == table ? out.add(r) : false);
        }
        return out;
    }

    public void addRule(RuleMessage rule) throws NativeCallException {
        nl.request(RtnlRequests.addRule(rule), "add rule " + describe(rule));
    }

    public void deleteRule(RuleMessage rule) throws NativeCallException {
        nl.request(RtnlRequests.deleteRule(rule), "delete rule " + describe(rule));
    }

    public List<RuleMessage> rules(int family) throws NativeCallException {
        List<RuleMessage> out = new ArrayList<>();
        for (NetlinkMessage m : nl.dump(RtnlRequests.dumpRules(family), "dump rules")) {
            RuleMessage.decode(m).map(out::add);
        }
        return out;
    }

    static String describe(RouteMessage r) {
        return (r.dst() == null ? "default" : r.dst().getHostAddress() + "/" + r.dstLength())
                + (r.gateway() == null ? "" : " via " + r.gateway().getHostAddress())
                + (r.oif() > 0 ? " oif " + r.oif() : "") + " table " + r.table();
    }

    static String describe(RuleMessage r) {
        return (r.src() == null ? "from all" : "from " + r.src().getHostAddress() + "/" + r.srcLength())
                + (r.dst() == null ? "" : " to " + r.dst().getHostAddress() + "/" + r.dstLength())
                + (r.priority() >= 0 ? " priority " + r.priority() : "") + " table " + r.table();
    }
}
