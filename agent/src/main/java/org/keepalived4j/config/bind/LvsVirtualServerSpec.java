package org.keepalived4j.config.bind;

import java.net.InetAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.Set;
import org.keepalived4j.config.model.Defaults;
import org.keepalived4j.config.model.ScriptCommand;
import org.keepalived4j.config.model.lvs.ForwardingMethod;
import org.keepalived4j.config.model.lvs.IpFamily;
import org.keepalived4j.config.model.lvs.Protocol;
import org.keepalived4j.config.model.lvs.RealServer;
import org.keepalived4j.config.model.lvs.Scheduler;
import org.keepalived4j.config.model.lvs.SorryServer;
import org.keepalived4j.config.model.lvs.VirtualServer;
import org.keepalived4j.config.model.lvs.VirtualServerGroup;
import org.keepalived4j.config.model.lvs.VirtualService;
import org.keepalived4j.config.syntax.ConfigNode;

/** What one virtual_server block says; {@link #build} applies defaults, inheritance and cross-checks. */
final class LvsVirtualServerSpec {
    final ConfigNode node;
    final VirtualService service;
    Optional<Protocol> protocol = Optional.empty();
    ConfigNode protocolNode;
    Optional<Scheduler> scheduler = Optional.empty();
    Optional<ForwardingMethod> forwarding = Optional.empty();
    boolean ops;
    Optional<Duration> persistenceTimeout = Optional.empty();
    OptionalInt persistenceGranularity = OptionalInt.empty();
    final LvsCheckerDefaults checkerDefaults = new LvsCheckerDefaults();
    boolean haSuspend;
    boolean alpha;
    boolean omega;
    boolean inhibitOnFailure;
    OptionalLong quorum = OptionalLong.empty();
    OptionalLong hysteresis = OptionalLong.empty();
    Optional<ScriptCommand> quorumUp = Optional.empty();
    Optional<ScriptCommand> quorumDown = Optional.empty();
    Optional<Boolean> smtpAlert = Optional.empty();
    Optional<String> virtualhost = Optional.empty();
    Optional<String> snmpName = Optional.empty();
    Optional<IpFamily> ipFamily = Optional.empty();
    ConfigNode sorryNode;
    Optional<InetAddress> sorryAddress = Optional.empty();
    int sorryPort;
    boolean sorryInhibit;
    Optional<ForwardingMethod> sorryForwarding = Optional.empty();
    final List<LvsRealServerSpec> realServers = new ArrayList<>();

    static final BlockGrammar<LvsVirtualServerSpec> GRAMMAR = grammar();

    private LvsVirtualServerSpec(ConfigNode node, VirtualService service) {
        this.node = node;
        this.service = service;
    }

    /**
     * keepalived 2.2.7 knows nb_get_retry only in HTTP_GET / SSL_GET (deprecated there); elsewhere it reports
     * "Unknown keyword 'nb_get_retry'" (a configuration error, -t exits 5). We do the same, with a hint.
     */
    static <B> void removedNbGetRetry(B target, ConfigNode node, BindContext ctx) {
        ctx.error(node, "Unknown keyword 'nb_get_retry' (keepalived 2.2.7 knows it only in HTTP_GET/SSL_GET); use 'retry'");
    }

    /** {@code virtual_server IP [PORT] | fwmark N | group NAME { ... }}. */
    static Optional<LvsVirtualServerSpec> parse(ConfigNode node, BindContext ctx) {
        Optional<List<ConfigNode>> body = ctx.block(node);
        if (!ctx.arity(node, 1, 2)) {
            return Optional.empty();
        }
        Optional<VirtualService> service = Optional.empty();
        if ("fwmark".equals(node.arg(0))) {
            if (ctx.arity(node, 2, 2)) {
                OptionalLong mark = LvsArgs.fwmark(ctx, node, 1);
                if (mark.isPresent()) {
                    service = Optional.of(new VirtualService.Fwmark(mark.getAsLong()));
                }
            }
        } else if ("group".equals(node.arg(0))) {
            if (ctx.arity(node, 2, 2)) {
                service = Optional.of(new VirtualService.Group(node.arg(1)));
            }
        } else {
            Optional<InetAddress> address = ctx.address(node, 0);
            OptionalInt port = node.args().size() == 2 ? ctx.intArg(node, 1, 0, 65535) : OptionalInt.of(0);
            if (address.isPresent() && port.isPresent()) {
                service = Optional.of(new VirtualService.Address(address.get(), port.getAsInt()));
            }
        }
        if (service.isEmpty() || body.isEmpty()) {
            return Optional.empty();
        }
        LvsVirtualServerSpec spec = new LvsVirtualServerSpec(node, service.get());
        GRAMMAR.bind(body.get(), spec, ctx);
        return Optional.of(spec);
    }

    static BlockGrammar<LvsVirtualServerSpec> grammar() {
        BlockGrammar<LvsVirtualServerSpec> g = new BlockGrammar<>("virtual_server");
        g.on("lvs_sched", (s, n, c) -> {
            if (c.arity(n, 1, 1)) {
                Optional<Scheduler> sched = Scheduler.fromKeyword(n.arg(0));
                if (sched.isEmpty()) {
                    c.error(n, "unknown scheduler '" + n.arg(0) + "' (rr wrr lc wlc lblc sh mh dh fo ovf lblcr sed nq twos)");
                }
                sched.ifPresent(v -> s.scheduler = Optional.of(v));
            }
        });
        g.deprecated("lb_algo", "lvs_sched");
        g.on("lvs_method", (s, n, c) -> LvsArgs.forwarding(c, n).ifPresent(m -> s.forwarding = Optional.of(m)));
        g.deprecated("lb_kind", "lvs_method");
        g.on("protocol", (s, n, c) -> {
            if (c.arity(n, 1, 1)) {
                Optional<Protocol> p = Protocol.fromKeyword(n.arg(0));
                if (p.isEmpty()) {
                    c.error(n, "unknown protocol '" + n.arg(0) + "' (TCP, UDP or SCTP)");
                }
                p.ifPresent(v -> {
                    s.protocol = Optional.of(v);
                    s.protocolNode = n;
                });
            }
        });
        g.on("ops", (s, n, c) -> s.ops = c.flag(n) || s.ops);
        g.on("persistence_timeout", (s, n, c) -> {
            if (c.arity(n, 0, 1)) {
                if (n.args().isEmpty()) {
                    s.persistenceTimeout = Optional.of(Defaults.Lvs.PERSISTENCE_TIMEOUT);
                } else {
                    c.integer(n, 0, 1, Defaults.Lvs.PERSISTENCE_TIMEOUT_MAX_SECONDS)
                            .ifPresent(v -> s.persistenceTimeout = Optional.of(Duration.ofSeconds(v)));
                }
            }
        });
        g.on("persistence_granularity", (s, n, c) -> LvsArgs.granularity(c, n).ifPresent(v -> s.persistenceGranularity = OptionalInt.of(v)));
        LvsCheckerDefaults.keywords(g, s -> s.checkerDefaults);
        g.on("ha_suspend", (s, n, c) -> s.haSuspend = c.flag(n) || s.haSuspend);
        g.on("alpha", (s, n, c) -> LvsArgs.optionalBool(c, n).ifPresent(v -> s.alpha = v));
        g.on("omega", (s, n, c) -> LvsArgs.optionalBool(c, n).ifPresent(v -> s.omega = v));
        g.on("inhibit_on_failure", (s, n, c) -> LvsArgs.optionalBool(c, n).ifPresent(v -> s.inhibitOnFailure = v));
        g.on("quorum", (s, n, c) ->
                LvsArgs.integer(c, n, 1, LvsArgs.MAX_U32).ifPresent(v -> s.quorum = OptionalLong.of(v)));
        g.on("hysteresis", (s, n, c) ->
                LvsArgs.integer(c, n, 0, LvsArgs.MAX_U32).ifPresent(v -> s.hysteresis = OptionalLong.of(v)));
        g.on("quorum_up", (s, n, c) -> LvsArgs.script(c, n).ifPresent(v -> s.quorumUp = Optional.of(v)));
        g.on("quorum_down", (s, n, c) -> LvsArgs.script(c, n).ifPresent(v -> s.quorumDown = Optional.of(v)));
        g.on("smtp_alert", (s, n, c) -> LvsArgs.optionalBool(c, n).ifPresent(v -> s.smtpAlert = Optional.of(v)));
        g.on("virtualhost", (s, n, c) -> LvsArgs.text(c, n).ifPresent(v -> s.virtualhost = Optional.of(v)));
        g.on("snmp_name", (s, n, c) -> LvsArgs.text(c, n).ifPresent(v -> s.snmpName = Optional.of(v)));
        g.on("ip_family", (s, n, c) -> {
            if (c.arity(n, 1, 1)) {
                Optional<IpFamily> f = IpFamily.fromKeyword(n.arg(0));
                if (f.isEmpty()) {
                    c.error(n, "ip_family must be inet or inet6, got '" + n.arg(0) + "'");
                }
                f.ifPresent(v -> s.ipFamily = Optional.of(v));
            }
        });
        g.on("sorry_server", (s, n, c) -> {
            if (c.arity(n, 1, 2)) {
                Optional<InetAddress> a = c.address(n, 0);
                OptionalInt p = n.args().size() == 2 ? LvsArgs.port(c, n, 1) : OptionalInt.of(0);
                if (a.isPresent() && p.isPresent()) {
                    s.sorryNode = n;
                    s.sorryAddress = a;
                    s.sorryPort = p.getAsInt();
                }
            }
        });
        g.on("sorry_server_inhibit", (s, n, c) -> LvsArgs.optionalBool(c, n).ifPresent(v -> s.sorryInhibit = v));
        g.on("sorry_server_lvs_method", (s, n, c) -> LvsArgs.forwarding(c, n).ifPresent(m -> s.sorryForwarding = Optional.of(m)));
        g.on("real_server", (s, n, c) -> LvsRealServerSpec.parse(n, c).ifPresent(s.realServers::add));
        g.notSupported("flag-1", "flag-2", "flag-3", "sh-port", "sh-fallback", "mh-port", "mh-fallback", "persistence_engine", "hashed");
        return g;
    }

    /**
     * The effective virtual server, adjusted the way keepalived 2.2.7's validate_check_config() adjusts
     * it (each adjustment reported as a warning); empty when it has no usable real server.
     */
    Optional<VirtualServer> build(List<VirtualServerGroup> groups, BindContext ctx) {
        Optional<VirtualServerGroup> group = Optional.empty();
        if (service instanceof VirtualService.Group g) {
            group = groups.stream().filter(x -> x.name().equals(g.name())).findFirst();
            if (group.isEmpty()) {
                // keepalived 2.2.7 -t says nothing and the service is never created: stricter on purpose
                ctx.error(node, "virtual_server group '" + g.name() + "' is not a defined virtual_server_group");
            }
        }
        boolean groupHasAddresses = group.map(g -> g.entries().stream().anyMatch(e -> e instanceof VirtualServerGroup.AddressRange))
                .orElse(false);
        boolean groupHasMarks = group.map(g -> g.entries().stream().anyMatch(e -> e instanceof VirtualServerGroup.Fwmark))
                .orElse(false);
        boolean byAddress = service instanceof VirtualService.Address || groupHasAddresses;
        boolean byMarkOnly = service instanceof VirtualService.Fwmark || (group.isPresent() && !groupHasAddresses);
        boolean usesMarks = service instanceof VirtualService.Fwmark || groupHasMarks;

        if (realServers.isEmpty()) {
            ctx.error(node, "virtual_server has no real servers; ignored (as keepalived does)");
            return Optional.empty();
        }
        boolean suspend = haSuspend;
        if (suspend && usesMarks) {
            ctx.error(node, "ha_suspend cannot be used with fwmarks; cleared (as keepalived does)");
            suspend = false;
        }
        Optional<Protocol> effectiveProtocol = protocol;
        boolean onePacket = ops;
        Optional<Duration> persistence = persistenceTimeout;
        if (byAddress) {
            if (protocol.isEmpty()) {
                ctx.error(node, "virtual_server has no protocol; keepalived 2.2.7 defaults to " + Defaults.Lvs.PROTOCOL);
                effectiveProtocol = Optional.of(Defaults.Lvs.PROTOCOL);
            }
            if (onePacket && effectiveProtocol.get() != Protocol.UDP) {
                ctx.error(node, "ops (one-packet scheduling) requires protocol UDP; cleared (as keepalived does)");
                onePacket = false;
            }
            boolean zeroPort = service instanceof VirtualService.Address a ? a.port() == 0
                    : group.get().entries().stream().anyMatch(e -> e instanceof VirtualServerGroup.AddressRange r && r.port() == 0);
            if (zeroPort && persistence.isEmpty()) {
                ctx.error(node, "a virtual service without a port must be persistent; persistence_timeout set to "
                        + Defaults.Lvs.PERSISTENCE_TIMEOUT.getSeconds() + " (as keepalived does)");
                persistence = Optional.of(Defaults.Lvs.PERSISTENCE_TIMEOUT);
            }
        }
        if (byMarkOnly) {
            if (protocol.isPresent()) {
                ctx.error(protocolNode, "protocol is ignored for a fwmark virtual server (keepalived reports it too)");
            }
            effectiveProtocol = Optional.empty();
        }
        ForwardingMethod method = forwarding.orElse(Defaults.Lvs.FORWARDING);
        if (scheduler.isEmpty()) {
            // keepalived 2.2.7 -t reports this (exit 5)
            ctx.error(node, "no scheduler set, setting default '" + Defaults.Lvs.SCHEDULER.keyword() + "'");
        }
        Set<IpFamily> families = serviceFamilies(group);
        VirtualServer shell = new VirtualServer(service, effectiveProtocol, scheduler.orElse(Defaults.Lvs.SCHEDULER), method,
                onePacket, persistence, persistenceGranularity,
                checkerDefaults.delayLoop.orElse(Defaults.Lvs.DELAY_LOOP),
                checkerDefaults.connectTimeout.orElse(Defaults.Lvs.CONNECT_TIMEOUT), checkerDefaults.retry,
                checkerDefaults.delayBeforeRetry, checkerDefaults.warmup, suspend, alpha, omega, inhibitOnFailure,
                quorum.orElse(Defaults.Lvs.QUORUM), hysteresis.orElse(Defaults.Lvs.HYSTERESIS), quorumUp, quorumDown,
                smtpAlert, virtualhost, snmpName, ipFamily, Optional.empty(), List.of());

        List<RealServer> built = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (LvsRealServerSpec spec : realServers) {
            ForwardingMethod rsMethod = spec.forwarding.orElse(method);
            int port = adjustedPort(spec.port, rsMethod, spec.node, "real server", group, ctx);
            RealServer rs = spec.build(shell, port, ctx);
            if (rsMethod != ForwardingMethod.TUN && !families.isEmpty() && !families.contains(rs.family())) {
                ctx.error(spec.node, "address family of real server " + InetAddresses.format(rs.address())
                        + " does not match the virtual server's; real server ignored");
                continue;
            }
            if (!seen.add(InetAddresses.format(rs.address()) + "/" + rs.port())) {
                ctx.error(spec.node, "real server " + InetAddresses.format(rs.address()) + (rs.port() == 0 ? "" : " port " + rs.port())
                        + " is a duplicate in this virtual_server; ignored (keepalived removes it)");
                continue;
            }
            built.add(rs);
        }
        if (built.isEmpty()) {
            ctx.error(node, "virtual_server has no usable real servers; ignored (as keepalived does)");
            return Optional.empty();
        }
        Optional<SorryServer> sorry = Optional.empty();
        if (sorryAddress.isPresent()) {
            ForwardingMethod m = sorryForwarding.orElse(method);
            InetAddress addr = sorryAddress.get();
            int port = adjustedPort(sorryPort, m, sorryNode, "sorry server", group, ctx);
            boolean inhibit = sorryInhibit;
            for (RealServer rs : built) {
                if (rs.address().equals(addr) && rs.port() == port && rs.inhibitOnFailure() != inhibit) {
                    ctx.error(sorryNode, "sorry server is also a real server with a different inhibit_on_failure; using the"
                            + " real server's (as keepalived does)");
                    inhibit = rs.inhibitOnFailure();
                }
            }
            if (m != ForwardingMethod.TUN && !families.isEmpty() && !families.contains(IpFamily.of(addr))) {
                ctx.error(sorryNode, "address family of sorry server " + InetAddresses.format(addr) + " does not match the virtual server's");
            } else {
                sorry = Optional.of(new SorryServer(addr, port, inhibit, m));
            }
        }
        long total = built.stream().mapToLong(RealServer::weight).sum();
        long effectiveQuorum = shell.quorum();
        if (effectiveQuorum > total) {
            // keepalived reduces to the total weight; 0 cannot be written back (quorum >= 1), so 1 is our floor
            effectiveQuorum = Math.max(total, 1);
            ctx.error(node, "quorum " + shell.quorum() + " exceeds the total weight " + total
                    + " of the real servers; reduced to " + effectiveQuorum + " (as keepalived does"
                    + (total == 0 ? ", which would use 0)" : ")"));
        }
        long effectiveHysteresis = shell.hysteresis();
        if (effectiveHysteresis >= effectiveQuorum) {
            effectiveHysteresis = effectiveQuorum - 1;
            ctx.error(node, "hysteresis " + shell.hysteresis() + " is not below the quorum " + effectiveQuorum
                    + "; set to " + effectiveHysteresis + " (as keepalived does)");
        }
        VirtualServer vs = new VirtualServer(service, effectiveProtocol, shell.scheduler(), method, onePacket, persistence,
                persistenceGranularity, shell.delayLoop(), shell.connectTimeout(), checkerDefaults.retry,
                checkerDefaults.delayBeforeRetry, checkerDefaults.warmup, suspend, alpha, omega, inhibitOnFailure,
                effectiveQuorum, effectiveHysteresis, quorumUp, quorumDown, smtpAlert, virtualhost, snmpName, ipFamily,
                sorry, built);
        return Optional.of(vs);
    }

    /**
     * keepalived's port rules: NAT keeps the port (filled from the virtual server when omitted); DR and
     * TUN cannot translate ports, so the virtual server's port is imposed (warning when another was
     * written), a fwmark service clears it, and a group only warns.
     */
    private int adjustedPort(int written, ForwardingMethod method, ConfigNode where, String what,
            Optional<VirtualServerGroup> group, BindContext ctx) {
        if (service instanceof VirtualService.Address a) {
            if (written == 0) {
                return a.port();
            }
            if (method != ForwardingMethod.NAT && written != a.port()) {
                // keepalived: "virtual server [VIP]:tcp:443 and real server [RIP]:tcp:8443 ports don't match - resetting"
                ctx.error(where, "lvs_method " + method + ": " + what + " port " + written + " does not match virtual server port "
                        + a.port() + "; using " + a.port() + " (keepalived reports it too; use connect_port to check another port)");
                return a.port();
            }
            return written;
        }
        if (method == ForwardingMethod.NAT || written == 0) {
            return written;
        }
        if (service instanceof VirtualService.Fwmark) {
            ctx.error(where, "lvs_method " + method + " with a fwmark virtual server: " + what + " port " + written
                    + " cleared (as keepalived does)");
            return 0;
        }
        group.ifPresent(g -> {
            for (VirtualServerGroup.Entry e : g.entries()) {
                if (e instanceof VirtualServerGroup.AddressRange r && r.port() != 0 && r.port() != written) {
                    ctx.error(where, "lvs_method " + method + ": " + what + " port " + written + " does not match port " + r.port()
                            + " of group '" + g.name() + "' (keepalived reports it too)");
                    return;
                }
                if (e instanceof VirtualServerGroup.Fwmark) {
                    ctx.error(where, "lvs_method " + method + ": " + what + " port " + written + " is ignored for the fwmarks of group '"
                            + g.name() + "'");
                    return;
                }
            }
        });
        return written;
    }

    /** The address families the real servers must have (empty: any). */
    private Set<IpFamily> serviceFamilies(Optional<VirtualServerGroup> group) {
        Set<IpFamily> out = new HashSet<>();
        if (service instanceof VirtualService.Address a) {
            out.add(IpFamily.of(a.address()));
        } else if (service instanceof VirtualService.Fwmark) {
            ipFamily.ifPresent(out::add);
        } else {
            group.ifPresent(g -> g.entries().forEach(e -> {
                if (e instanceof VirtualServerGroup.AddressRange r) {
                    out.add(r.family());
                } else if (e instanceof VirtualServerGroup.Fwmark f) {
                    f.family().ifPresent(out::add);
                }
            }));
        }
        return out;
    }
}
