package org.keepalived4j.vrrp.net;

import java.net.Inet4Address;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.keepalived4j.codec.netlink.Netlink;
import org.keepalived4j.codec.netlink.RouteMessage;
import org.keepalived4j.codec.netlink.RouteNextHop;
import org.keepalived4j.codec.netlink.RuleMessage;
import org.keepalived4j.config.model.IpPrefix;
import org.keepalived4j.config.model.vrrp.AddressFamily;
import org.keepalived4j.config.model.vrrp.NextHop;
import org.keepalived4j.config.model.vrrp.VirtualRoute;
import org.keepalived4j.config.model.vrrp.VirtualRule;
import org.keepalived4j.sys.Errno;
import org.keepalived4j.sys.Interfaces;
import org.keepalived4j.sys.NativeCallException;
import org.keepalived4j.sys.Rtnl;

/**
 * Routes and policy rules keepalived puts into the kernel: static_routes/static_rules for the daemon's lifetime,
 * an instance's virtual_routes/virtual_rules while it is MASTER. As keepalived 2.2.7 does (observed in a namespace):
 * protocol keepalived (18) on routes and rules, scope global unless a scope is written (also for device-only
 * routes), everything removed again at a graceful stop. The kernel work runs on the {@link KernelWorker} after the
 * VIP changes queued before it, so a route with {@code src VIP} finds its address.
 */
public final class KernelRoutes {
    private static final Logger LOG = LogManager.getLogger(KernelRoutes.class);
    private static final int FIB_RULE_INVERT = 2;

    private final String owner;
    private final Rtnl rtnl;
    private final KernelWorker worker;
    private final List<VirtualRoute> routes;
    private final List<VirtualRule> rules;
    private final String defaultDevice;

    /**
     * @param owner for log lines: {@code (VI_1)} or {@code static}
     * @param defaultDevice the device of routes that name none and have no gateway (the instance's interface), or null
     */
    public KernelRoutes(String owner, Rtnl rtnl, KernelWorker worker, List<VirtualRoute> routes, List<VirtualRule> rules,
                        String defaultDevice) {
        this.owner = owner;
        this.rtnl = rtnl;
        this.worker = worker;
        this.routes = List.copyOf(routes);
        this.rules = List.copyOf(rules);
        this.defaultDevice = defaultDevice;
    }

    /** The routes and rules of this set that {@code other} does not have (reload diffs), same owner and device. */
    public KernelRoutes without(KernelRoutes other) {
        return new KernelRoutes(owner, rtnl, worker, routes.stream().filter(r -> !other.routes.contains(r)).toList(),
                rules.stream().filter(r -> !other.rules.contains(r)).toList(), defaultDevice);
    }

    public boolean isEmpty() {
        return routes.isEmpty() && rules.isEmpty();
    }

    /** Queues adding the routes, then the rules. */
    public void install() {
        if (isEmpty()) {
            return;
        }
        worker.submit(owner + " adding routes", () -> {
            for (VirtualRoute r : routes) {
                message(r).ifPresent(m -> apply(true, "route " + describe(r), () -> rtnl.routes().addRoute(m)));
            }
            for (VirtualRule r : rules) {
                RuleMessage m = message(r);
                apply(true, "rule " + describe(r), () -> rtnl.routes().addRule(m));
            }
        });
    }

    /** Queues removing the rules, then the routes. */
    public void remove() {
        if (isEmpty()) {
            return;
        }
        worker.submit(owner + " removing routes", () -> {
            for (VirtualRule r : rules) {
                RuleMessage m = message(r);
                apply(false, "rule " + describe(r), () -> rtnl.routes().deleteRule(m));
            }
            for (VirtualRoute r : routes) {
                message(r).ifPresent(m -> apply(false, "route " + describe(r), () -> rtnl.routes().deleteRoute(m)));
            }
        });
    }

    private interface Op {
        void run() throws NativeCallException;
    }

    private void apply(boolean add, String what, Op op) {
        try {
            op.run();
        } catch (NativeCallException e) {
            boolean harmless = add ? e.errno() == Errno.EEXIST : e.errno() == Errno.ESRCH || e.errno() == Errno.ENOENT;
            if (!harmless) {
                LOG.error("{} cannot {} {}: {}", owner, add ? "add" : "remove", what, e.getMessage());
            }
        }
    }

    private static String describe(Object model) {
        return model.toString();
    }

    /** The route as rtnetlink wants it. */
    Optional<RouteMessage> message(VirtualRoute r) throws NativeCallException {
        IpPrefix dst = r.destination();
        int family = dst.address() instanceof Inet4Address ? Netlink.AF_INET : Netlink.AF_INET6;
        RouteMessage m = RouteMessage.unicast(family, dst.address(), dst.prefixLength(),
                r.table().map(Long::intValue).orElse(Netlink.RT_TABLE_MAIN))
                .withProtocol(protocol(r.protocol()))
                .withRouteType(switch (r.type()) {
                    case UNICAST -> Netlink.RTN_UNICAST;
                    case BLACKHOLE -> Netlink.RTN_BLACKHOLE;
                    case UNREACHABLE -> Netlink.RTN_UNREACHABLE;
                    case PROHIBIT -> Netlink.RTN_PROHIBIT;
                    case THROW -> Netlink.RTN_THROW;
                })
                .withScope(r.scope().map(s -> s.kernelValue()).orElse(Netlink.RT_SCOPE_UNIVERSE));
        if (r.via().isPresent()) {
            m = m.withGateway(r.via().get());
        }
        Optional<String> device = r.device().or(() -> r.via().isEmpty() && r.nextHops().isEmpty() && r.type() == org.keepalived4j.config.model.vrrp.RouteType.UNICAST
                ? Optional.ofNullable(defaultDevice) : Optional.empty());
        if (device.isPresent()) {
            m = m.withOif(Interfaces.index(device.get()));
        }
        if (r.source().isPresent()) {
            m = m.withPrefSrc(r.source().get());
        }
        if (r.metric().isPresent()) {
            m = m.withPriority(r.metric().get());
        }
        if (r.onlink()) {
            m = m.withFlags(m.flags() | Netlink.RTNH_F_ONLINK);
        }
        if (r.mtu().isPresent()) {
            m = m.withMetric(Netlink.RTAX_MTU, r.mtu().get());
        }
        if (!r.nextHops().isEmpty()) {
            List<RouteNextHop> hops = new ArrayList<>();
            for (NextHop h : r.nextHops()) {
                int weight = h.weight().orElse(1);
                if (weight < 1 || weight > 256) {
                    LOG.warn("{} route to {}: nexthop weight {} outside 1..256 - using 1", owner,
                            dst.address().getHostAddress(), weight);
                    weight = 1;
                }
                hops.add(new RouteNextHop(h.via().orElse(null), h.device().isPresent() ? Interfaces.index(h.device().get()) : 0,
                        weight, h.onlink() ? Netlink.RTNH_F_ONLINK : 0));
            }
            m = m.withNextHops(hops);
        }
        return Optional.of(m);
    }

    private int protocol(Optional<String> written) {
        if (written.isEmpty()) {
            return Netlink.RTPROT_KEEPALIVED;
        }
        String p = written.get();
        if (p.matches("\\d{1,3}")) {
            return Integer.parseInt(p);
        }
        return switch (p) {
            case "kernel" -> Netlink.RTPROT_KERNEL;
            case "boot" -> Netlink.RTPROT_BOOT;
            case "static" -> Netlink.RTPROT_STATIC;
            case "keepalived" -> Netlink.RTPROT_KEEPALIVED;
            default -> {
                LOG.warn("{} route protocol {} unknown - using keepalived", owner, p);
                yield Netlink.RTPROT_KEEPALIVED;
            }
        };
    }

    static RuleMessage message(VirtualRule r) {
        int family = r.family() == AddressFamily.IPV4 ? Netlink.AF_INET : Netlink.AF_INET6;
        RuleMessage m = RuleMessage.lookup(family, r.table().map(Long::intValue).orElse(Netlink.RT_TABLE_MAIN))
                .withProtocol(Netlink.RTPROT_KEEPALIVED);
        if (r.from().isPresent()) {
            m = m.from(r.from().get().address(), r.from().get().prefixLength());
        }
        if (r.to().isPresent()) {
            m = m.to(r.to().get().address(), r.to().get().prefixLength());
        }
        if (r.preference().isPresent()) {
            m = m.withPriority(r.preference().get());
        }
        if (r.fwmark().isPresent()) {
            m = m.withFwmark(r.fwmark().get(), r.fwmask().orElse(-1L));
        }
        if (r.tos().isPresent()) {
            m = m.withTos(r.tos().get());
        }
        if (r.inputInterface().isPresent()) {
            m = m.withIif(r.inputInterface().get());
        }
        if (r.outputInterface().isPresent()) {
            m = m.withOif(r.outputInterface().get());
        }
        if (r.not()) {
            m = new RuleMessage(m.type(), m.family(), m.dstLength(), m.srcLength(), m.tos(), m.table(), m.action(),
                    m.flags() | FIB_RULE_INVERT, m.src(), m.dst(), m.iifName(), m.oifName(), m.fwmark(), m.fwmask(),
                    m.priority(), m.protocol());
        }
        return m;
    }
}
