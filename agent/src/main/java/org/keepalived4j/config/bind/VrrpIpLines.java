package org.keepalived4j.config.bind;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.keepalived4j.config.model.IpPrefix;
import org.keepalived4j.config.model.vrrp.AddressFamily;
import org.keepalived4j.config.model.vrrp.AddressScope;
import org.keepalived4j.config.model.vrrp.NextHop;
import org.keepalived4j.config.model.vrrp.RouteType;
import org.keepalived4j.config.model.vrrp.VirtualAddress;
import org.keepalived4j.config.model.vrrp.VirtualRoute;
import org.keepalived4j.config.model.vrrp.VirtualRule;
import org.keepalived4j.config.syntax.ConfigNode;

/**
 * Parses the lines of virtual_ipaddress / static_ipaddress (ip-address syntax), virtual_routes /
 * static_routes (ip-route syntax) and virtual_rules / static_rules (ip-rule syntax). Each line is a
 * ConfigNode whose keyword is its first word.
 */
final class VrrpIpLines {
    private VrrpIpLines() {}

    /** T3 address options: name -> number of values they take. */
    private static final Map<String, Integer> ADDRESS_T3 = Map.of("peer", 1, "home", 0, "-nodad", 0, "mngtmpaddr", 0,
            "noprefixroute", 0, "autojoin", 0, "track_group", 1);
    /** T3 route options with one value ({@code lock} may precede the value of metrics). */
    private static final Set<String> ROUTE_T3_ONE = Set.of("advmss", "rtt", "rttvar", "reordering", "window", "cwnd",
            "ssthresh", "realms", "rto_min", "initcwnd", "initrwnd", "features", "quickack", "fastopen_no_cookie",
            "congctl", "pref", "tos", "dsfield", "expires", "hoplimit", "vrf", "track_group", "ttl-propagate", "or");
    private static final Set<String> ROUTE_T3_FLAG = Set.of("nocache");
    private static final Set<String> RULE_T3_ONE = Set.of("uidrange", "ip_proto", "ipproto", "sport", "dport", "goto",
            "realms", "suppress_prefixlength", "suppress_ifgroup", "protocol", "track_group", "tun_id");
    private static final Set<String> RULE_T3_FLAG = Set.of("l3mdev", "nop");

    /** The words of a line: keyword first. */
    private static List<String> words(ConfigNode line) {
        List<String> w = new ArrayList<>();
        w.add(line.keyword());
        w.addAll(line.args());
        return w;
    }

    private static void t3(BindContext ctx, ConfigNode line, String block, String option) {
        ctx.warning(line, "'" + option + "' in " + block + " is not supported yet; ignored");
    }

    /** An address with optional prefix; a too-long prefix is clamped with keepalived's warning. */
    static Optional<IpPrefix> prefix(BindContext ctx, ConfigNode line, String text, String block) {
        int slash = text.indexOf('/');
        String addrText = slash < 0 ? text : text.substring(0, slash);
        Optional<InetAddress> addr = InetAddresses.parse(addrText);
        if (addr.isEmpty()) {
            ctx.error(line, block + ": invalid IP address " + text + "; skipping it");
            return Optional.empty();
        }
        int max = addr.get() instanceof Inet4Address ? 32 : 128;
        if (slash < 0) {
            return Optional.of(new IpPrefix(addr.get(), max));
        }
        String len = text.substring(slash + 1);
        if (!len.matches("\\d{1,9}")) {
            ctx.error(line, block + ": invalid prefix length in " + text + "; skipping it");
            return Optional.empty();
        }
        int n = Integer.parseInt(len);
        if (n > max) {
            ctx.error(line, "Invalid address prefix len " + n + " for address " + text + " - using " + max);
            n = max;
        }
        return Optional.of(new IpPrefix(addr.get(), n));
    }

    static Optional<VirtualAddress> address(BindContext ctx, ConfigNode line, String block, boolean allowVmacNoTrack) {
        List<String> w = words(line);
        Optional<IpPrefix> p = prefix(ctx, line, w.get(0), block);
        if (p.isEmpty()) {
            return Optional.empty();
        }
        IpPrefix address = p.get();
        Optional<InetAddress> brd = Optional.empty();
        Optional<String> dev = Optional.empty();
        AddressScope scope = AddressScope.GLOBAL;
        Optional<String> label = Optional.empty();
        boolean useVmac = false;
        boolean noTrack = false;
        Optional<Long> preferred = Optional.empty();
        int i = 1;
        while (i < w.size()) {
            String opt = w.get(i);
            String val = i + 1 < w.size() ? w.get(i + 1) : null;
            switch (opt) {
                case "brd", "broadcast" -> {
                    if (val == null) {
                        return missing(ctx, line, block, opt);
                    }
                    if (!address.isIpv4()) {
                        ctx.error(line, block + ": brd is only for IPv4 addresses");
                        return Optional.empty();
                    }
                    Optional<InetAddress> b = val.equals("+") || val.equals("-") ? Optional.of(hostBits(address, val.equals("+")))
                            : InetAddresses.parse(val).filter(a -> a instanceof Inet4Address);
                    if (b.isEmpty()) {
                        ctx.error(line, block + ": invalid broadcast address '" + val + "'");
                        return Optional.empty();
                    }
                    brd = b;
                    i += 2;
                }
                case "dev" -> {
                    if (val == null) {
                        return missing(ctx, line, block, opt);
                    }
                    dev = Optional.of(val);
                    i += 2;
                }
                case "scope" -> {
                    if (val == null) {
                        return missing(ctx, line, block, opt);
                    }
                    Optional<AddressScope> s = AddressScope.parse(val);
                    if (s.isEmpty()) {
                        ctx.error(line, block + ": unknown scope '" + val + "' (global, site, link, host, nowhere)");
                        return Optional.empty();
                    }
                    scope = s.get();
                    i += 2;
                }
                case "label" -> {
                    if (val == null) {
                        return missing(ctx, line, block, opt);
                    }
                    if (val.length() > 15) {
                        ctx.error(line, block + ": label '" + val + "' is longer than 15 characters");
                        return Optional.empty();
                    }
                    label = Optional.of(val);
                    i += 2;
                }
                case "preferred_lft" -> {
                    if (val == null) {
                        return missing(ctx, line, block, opt);
                    }
                    if (val.equals("forever")) {
                        preferred = Optional.of(VirtualAddress.PREFERRED_LFT_FOREVER);
                    } else if (val.matches("\\d{1,10}") && Long.parseLong(val) < VirtualAddress.PREFERRED_LFT_FOREVER) {
                        preferred = Optional.of(Long.parseLong(val));
                    } else {
                        ctx.error(line, block + ": preferred_lft '" + val + "' must be a number of seconds or forever");
                        return Optional.empty();
                    }
                    i += 2;
                }
                case "use_vmac", "no_track" -> {
                    if (!allowVmacNoTrack) {
                        ctx.error(line, block + ": '" + opt + "' is only valid for virtual addresses");
                        return Optional.empty();
                    }
                    if (opt.equals("use_vmac")) {
                        useVmac = true;
                    } else {
                        noTrack = true;
                    }
                    i++;
                }
                default -> {
                    Integer n = ADDRESS_T3.get(opt);
                    if (n == null) {
                        ctx.error(line, block + ": unknown address option '" + opt + "'");
                        return Optional.empty();
                    }
                    t3(ctx, line, block, opt);
                    i += 1 + n;
                }
            }
        }
        return Optional.of(new VirtualAddress(address, brd, dev, scope, label, useVmac, noTrack, preferred));
    }

    private static <T> Optional<T> missing(BindContext ctx, ConfigNode line, String block, String opt) {
        ctx.error(line, block + ": '" + opt + "' needs a value");
        return Optional.empty();
    }

    /** {@code brd +} sets, {@code brd -} clears the host bits of the address. */
    static InetAddress hostBits(IpPrefix prefix, boolean set) {
        byte[] b = prefix.address().getAddress();
        for (int bit = prefix.prefixLength(); bit < b.length * 8; bit++) {
            int mask = 0x80 >> (bit % 8);
            b[bit / 8] = (byte) (set ? b[bit / 8] | mask : b[bit / 8] & ~mask);
        }
        try {
            return InetAddress.getByAddress(b);
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }

    static Optional<Long> table(String text) {
        return switch (text) {
            case "local" -> Optional.of(255L);
            case "main" -> Optional.of(254L);
            case "default" -> Optional.of(253L);
            default -> text.matches("\\d{1,10}") && Long.parseLong(text) <= 0xFFFFFFFFL ? Optional.of(Long.parseLong(text))
                    : Optional.empty();
        };
    }

    private static Optional<Long> number(String text, long max) {
        if (text == null) {
            return Optional.empty();
        }
        try {
            long v = text.startsWith("0x") ? Long.parseLong(text.substring(2), 16) : Long.parseLong(text);
            return v >= 0 && v <= max ? Optional.of(v) : Optional.empty();
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    static Optional<VirtualRoute> route(BindContext ctx, ConfigNode line, String block) {
        List<String> w = words(line);
        int i = 0;
        RouteType type = RouteType.UNICAST;
        Optional<InetAddress> src = Optional.empty();
        for (RouteType t : RouteType.values()) {
            if (t != RouteType.UNICAST && w.get(0).equals(t.keyword())) {
                type = t;
                i = 1;
            }
        }
        IpPrefix dest = null;
        Optional<InetAddress> via = Optional.empty();
        Optional<String> dev = Optional.empty();
        Optional<Long> table = Optional.empty();
        Optional<Long> metric = Optional.empty();
        Optional<AddressScope> scope = Optional.empty();
        Optional<String> protocol = Optional.empty();
        Optional<Integer> mtu = Optional.empty();
        boolean onlink = false;
        boolean append = false;
        boolean noTrack = false;
        boolean inet6 = false;
        List<NextHop> nextHops = new ArrayList<>();
        while (i < w.size()) {
            String opt = w.get(i);
            String val = i + 1 < w.size() ? w.get(i + 1) : null;
            switch (opt) {
                case "src" -> {
                    Optional<InetAddress> a = val == null ? Optional.empty() : InetAddresses.parse(val);
                    if (a.isEmpty()) {
                        ctx.error(line, block + ": invalid src address '" + (val == null ? "" : val) + "'");
                        return Optional.empty();
                    }
                    src = a;
                    i += 2;
                }
                case "to" -> {
                    if (val == null) {
                        return missing(ctx, line, block, opt);
                    }
                    Optional<IpPrefix> p = prefix(ctx, line, val, block);
                    if (p.isEmpty()) {
                        return Optional.empty();
                    }
                    dest = p.get();
                    i += 2;
                }
                case "via", "gw" -> {
                    Optional<InetAddress> a = val == null ? Optional.empty() : InetAddresses.parse(val);
                    if (a.isEmpty()) {
                        ctx.error(line, block + ": invalid gateway '" + (val == null ? "" : val) + "'");
                        return Optional.empty();
                    }
                    via = a;
                    i += 2;
                }
                case "dev", "oif" -> {
                    if (val == null) {
                        return missing(ctx, line, block, opt);
                    }
                    dev = Optional.of(val);
                    i += 2;
                }
                case "table" -> {
                    table = val == null ? Optional.empty() : table(val);
                    if (table.isEmpty()) {
                        ctx.error(line, block + ": invalid table '" + (val == null ? "" : val) + "'");
                        return Optional.empty();
                    }
                    i += 2;
                }
                case "metric", "priority", "preference" -> {
                    metric = number(val, 0xFFFFFFFFL);
                    if (metric.isEmpty()) {
                        ctx.error(line, block + ": invalid " + opt + " '" + (val == null ? "" : val) + "'");
                        return Optional.empty();
                    }
                    i += 2;
                }
                case "scope" -> {
                    scope = val == null ? Optional.empty() : AddressScope.parse(val);
                    if (scope.isEmpty()) {
                        ctx.error(line, block + ": unknown scope '" + (val == null ? "" : val) + "'");
                        return Optional.empty();
                    }
                    i += 2;
                }
                case "protocol", "proto" -> {
                    if (val == null) {
                        return missing(ctx, line, block, opt);
                    }
                    protocol = Optional.of(val);
                    i += 2;
                }
                case "mtu" -> {
                    int k = "lock".equals(val) ? i + 2 : i + 1;
                    Optional<Long> m = number(k < w.size() ? w.get(k) : null, 65535);
                    if (m.isEmpty() || "lock".equals(val)) {
                        if ("lock".equals(val)) {
                            t3(ctx, line, block, "mtu lock");
                        } else {
                            ctx.error(line, block + ": invalid mtu");
                            return Optional.empty();
                        }
                    } else {
                        mtu = Optional.of(m.get().intValue());
                    }
                    i = k + 1;
                }
                case "onlink" -> {
                    onlink = true;
                    i++;
                }
                case "append" -> {
                    append = true;
                    i++;
                }
                case "no_track" -> {
                    noTrack = true;
                    i++;
                }
                case "inet6" -> {
                    inet6 = true;
                    i++;
                }
                case "nexthop" -> {
                    int[] next = {i + 1};
                    Optional<NextHop> hop = nextHop(ctx, line, block, w, next);
                    if (hop.isEmpty()) {
                        return Optional.empty();
                    }
                    nextHops.add(hop.get());
                    i = next[0];
                }
                default -> {
                    if (dest == null && (InetAddresses.parse(opt.split("/")[0]).isPresent() || opt.equals("default"))) {
                        Optional<IpPrefix> p = opt.equals("default") ? Optional.of(new IpPrefix(
                                InetAddresses.parse(inet6 ? "::" : "0.0.0.0").orElseThrow(), 0)) : prefix(ctx, line, opt, block);
                        if (p.isEmpty()) {
                            return Optional.empty();
                        }
                        dest = p.get();
                        i++;
                    } else if (ROUTE_T3_ONE.contains(opt)) {
                        t3(ctx, line, block, opt);
                        i += "lock".equals(val) ? 3 : 2;
                    } else if (ROUTE_T3_FLAG.contains(opt)) {
                        t3(ctx, line, block, opt);
                        i++;
                    } else {
                        ctx.error(line, block + ": unknown route option '" + opt + "'");
                        return Optional.empty();
                    }
                }
            }
        }
        if (dest == null) {
            ctx.error(line, block + ": route has no destination");
            return Optional.empty();
        }
        if (inet6 && dest.isIpv4()) {
            ctx.error(line, block + ": inet6 given for the IPv4 destination " + dest);
            return Optional.empty();
        }
        final IpPrefix d = dest;
        if (via.isPresent() && AddressFamily.of(via.get()) != AddressFamily.of(d.address())
                || src.isPresent() && AddressFamily.of(src.get()) != AddressFamily.of(d.address())) {
            ctx.error(line, block + ": the addresses of route " + d + " are of different families");
            return Optional.empty();
        }
        if (!noTrack && dev.isEmpty()) {
            // keepalived tracks a route (static or virtual) through its own 'dev' (a nexthop's dev does not count);
            // without one it says so and stops tracking it (observed with keepalived 2.2.7 -t, exit 5)
            ctx.error(line, "Warning - cannot track route " + d + " with no interface specified, not tracking");
            noTrack = true;
        }
        return Optional.of(new VirtualRoute(type, d, src, via, dev, table, metric, scope, protocol, mtu, onlink, nextHops,
                append, noTrack));
    }

    private static Optional<NextHop> nextHop(BindContext ctx, ConfigNode line, String block, List<String> w, int[] pos) {
        Optional<InetAddress> via = Optional.empty();
        Optional<String> dev = Optional.empty();
        Optional<Integer> weight = Optional.empty();
        boolean onlink = false;
        int i = pos[0];
        while (i < w.size() && !w.get(i).equals("nexthop")) {
            String opt = w.get(i);
            String val = i + 1 < w.size() ? w.get(i + 1) : null;
            switch (opt) {
                case "via", "gw" -> {
                    via = val == null ? Optional.empty() : InetAddresses.parse(val);
                    if (via.isEmpty()) {
                        ctx.error(line, block + ": invalid nexthop gateway '" + (val == null ? "" : val) + "'");
                        return Optional.empty();
                    }
                    i += 2;
                }
                case "dev" -> {
                    if (val == null) {
                        return missing(ctx, line, block, opt);
                    }
                    dev = Optional.of(val);
                    i += 2;
                }
                case "weight" -> {
                    Optional<Long> n = number(val, 256);
                    if (n.isEmpty() || n.get() < 1) {
                        ctx.error(line, block + ": nexthop weight must be 1..256");
                        return Optional.empty();
                    }
                    weight = Optional.of(n.get().intValue());
                    i += 2;
                }
                case "onlink" -> {
                    onlink = true;
                    i++;
                }
                default -> {
                    // the options after the last nexthop belong to the route again
                    pos[0] = i;
                    return Optional.of(new NextHop(via, dev, weight, onlink));
                }
            }
        }
        pos[0] = i;
        return Optional.of(new NextHop(via, dev, weight, onlink));
    }

    static Optional<VirtualRule> rule(BindContext ctx, ConfigNode line, String block) {
        List<String> w = words(line);
        boolean not = false;
        Optional<IpPrefix> from = Optional.empty();
        Optional<IpPrefix> to = Optional.empty();
        Optional<Long> table = Optional.empty();
        Optional<Long> pref = Optional.empty();
        Optional<Long> fwmark = Optional.empty();
        Optional<Long> fwmask = Optional.empty();
        Optional<Integer> tos = Optional.empty();
        Optional<String> iif = Optional.empty();
        Optional<String> oif = Optional.empty();
        boolean noTrack = false;
        boolean inet6 = false;
        int i = 0;
        while (i < w.size()) {
            String opt = w.get(i);
            String val = i + 1 < w.size() ? w.get(i + 1) : null;
            switch (opt) {
                case "not" -> {
                    not = true;
                    i++;
                    continue;
                }
                case "no_track" -> {
                    noTrack = true;
                    i++;
                    continue;
                }
                case "inet6" -> {
                    inet6 = true;
                    i++;
                    continue;
                }
                default -> {
                }
            }
            if (RULE_T3_FLAG.contains(opt)) {
                t3(ctx, line, block, opt);
                i++;
                continue;
            }
            if (val == null) {
                ctx.error(line, block + ": '" + opt + "' " + (RULE_T3_ONE.contains(opt) || isRuleOption(opt)
                        ? "needs a value" : "is not a rule option"));
                return Optional.empty();
            }
            switch (opt) {
                case "from", "to" -> {
                    Optional<IpPrefix> p = val.equals("all") ? Optional.empty() : prefix(ctx, line, val, block);
                    if (p.isEmpty() && !val.equals("all")) {
                        return Optional.empty();
                    }
                    if (opt.equals("from")) {
                        from = p;
                    } else {
                        to = p;
                    }
                }
                case "table", "lookup" -> {
                    table = table(val);
                    if (table.isEmpty()) {
                        ctx.error(line, block + ": invalid table '" + val + "'");
                        return Optional.empty();
                    }
                }
                case "preference", "priority", "pref", "order" -> {
                    pref = number(val, 0xFFFFFFFFL);
                    if (pref.isEmpty()) {
                        ctx.error(line, block + ": invalid preference '" + val + "'");
                        return Optional.empty();
                    }
                }
                case "fwmark" -> {
                    String[] parts = val.split("/", 2);
                    fwmark = number(parts[0], 0xFFFFFFFFL);
                    fwmask = parts.length > 1 ? number(parts[1], 0xFFFFFFFFL) : Optional.empty();
                    if (fwmark.isEmpty() || parts.length > 1 && fwmask.isEmpty()) {
                        ctx.error(line, block + ": invalid fwmark '" + val + "'");
                        return Optional.empty();
                    }
                }
                case "tos", "dsfield" -> {
                    Optional<Long> t = number(val, 255);
                    if (t.isEmpty()) {
                        ctx.error(line, block + ": invalid tos '" + val + "'");
                        return Optional.empty();
                    }
                    tos = Optional.of(t.get().intValue());
                }
                case "iif", "dev" -> iif = Optional.of(val);
                case "oif" -> oif = Optional.of(val);
                default -> {
                    if (!RULE_T3_ONE.contains(opt)) {
                        ctx.error(line, block + ": unknown rule option '" + opt + "'");
                        return Optional.empty();
                    }
                    t3(ctx, line, block, opt);
                }
            }
            i += 2;
        }
        AddressFamily family = inet6 ? AddressFamily.IPV6 : AddressFamily.IPV4;
        for (Optional<IpPrefix> p : List.of(from, to)) {
            if (p.isPresent()) {
                AddressFamily f = AddressFamily.of(p.get().address());
                if (f == AddressFamily.IPV6) {
                    family = f;
                } else if (inet6) {
                    ctx.error(line, block + ": inet6 given with the IPv4 address " + p.get());
                    return Optional.empty();
                }
            }
        }
        if (from.isPresent() && to.isPresent() && from.get().isIpv4() != to.get().isIpv4()) {
            ctx.error(line, block + ": from and to are of different address families");
            return Optional.empty();
        }
        return Optional.of(new VirtualRule(family, not, from, to, table, pref, fwmark, fwmask, tos, iif, oif, noTrack));
    }

    private static boolean isRuleOption(String opt) {
        return Set.of("from", "to", "table", "lookup", "preference", "priority", "pref", "order", "fwmark", "tos", "dsfield",
                "iif", "dev", "oif").contains(opt);
    }
}
