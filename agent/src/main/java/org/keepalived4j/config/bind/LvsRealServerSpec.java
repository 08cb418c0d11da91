package org.keepalived4j.config.bind;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import org.keepalived4j.config.model.Defaults;
import org.keepalived4j.config.model.ScriptCommand;
import org.keepalived4j.config.model.lvs.Checker;
import org.keepalived4j.config.model.lvs.CheckerType;
import org.keepalived4j.config.model.lvs.ForwardingMethod;
import org.keepalived4j.config.model.lvs.RealServer;
import org.keepalived4j.config.model.lvs.VirtualServer;
import org.keepalived4j.config.syntax.ConfigNode;

/** What one real_server block says, before inheritance from its virtual server is applied. */
final class LvsRealServerSpec {
    final ConfigNode node;
    final InetAddress address;
    int port;
    OptionalLong weight = OptionalLong.empty();
    Optional<ForwardingMethod> forwarding = Optional.empty();
    Optional<ScriptCommand> notifyUp = Optional.empty();
    Optional<ScriptCommand> notifyDown = Optional.empty();
    OptionalLong upperThreshold = OptionalLong.empty();
    OptionalLong lowerThreshold = OptionalLong.empty();
    Optional<Boolean> smtpAlert = Optional.empty();
    Optional<String> virtualhost = Optional.empty();
    Optional<String> snmpName = Optional.empty();
    Optional<Boolean> alpha = Optional.empty();
    Optional<Boolean> inhibitOnFailure = Optional.empty();
    final LvsCheckerDefaults checkerDefaults = new LvsCheckerDefaults();
    final List<CheckerSpec> checkers = new ArrayList<>();

    static final BlockGrammar<LvsRealServerSpec> GRAMMAR = grammar();

    private LvsRealServerSpec(ConfigNode node, InetAddress address, int port) {
        this.node = node;
        this.address = address;
        this.port = port;
    }

    /** {@code real_server IP [PORT] { ... }}. */
    static Optional<LvsRealServerSpec> parse(ConfigNode node, BindContext ctx) {
        if (!ctx.arity(node, 1, 2)) {
            return Optional.empty();
        }
        Optional<InetAddress> address = ctx.address(node, 0);
        OptionalInt port = node.args().size() == 2 ? LvsArgs.port(ctx, node, 1) : OptionalInt.of(0);
        if (address.isEmpty() || port.isEmpty()) {
            return Optional.empty();
        }
        Optional<List<ConfigNode>> body = ctx.block(node); // keepalived 2.2.7: "Missing '{'"
        if (body.isEmpty()) {
            return Optional.empty();
        }
        LvsRealServerSpec spec = new LvsRealServerSpec(node, address.get(), port.getAsInt());
        GRAMMAR.bind(body.get(), spec, ctx);
        return Optional.of(spec);
    }

    static BlockGrammar<LvsRealServerSpec> grammar() {
        BlockGrammar<LvsRealServerSpec> g = new BlockGrammar<>("real_server");
        g.on("weight", (s, n, c) ->
                LvsArgs.integer(c, n, 0, Defaults.Lvs.WEIGHT_MAX).ifPresent(w -> s.weight = OptionalLong.of(w)));
        g.on("lvs_method", (s, n, c) -> LvsArgs.forwarding(c, n).ifPresent(m -> s.forwarding = Optional.of(m)));
        // lb_kind is not a real_server keyword in keepalived 2.2.7 ("Unknown keyword"), only lvs_method
        g.on("notify_up", (s, n, c) -> LvsArgs.script(c, n).ifPresent(v -> s.notifyUp = Optional.of(v)));
        g.on("notify_down", (s, n, c) -> LvsArgs.script(c, n).ifPresent(v -> s.notifyDown = Optional.of(v)));
        g.on("uthreshold", (s, n, c) ->
                LvsArgs.integer(c, n, 0, LvsArgs.MAX_U32).ifPresent(v -> s.upperThreshold = OptionalLong.of(v)));
        g.on("lthreshold", (s, n, c) ->
                LvsArgs.integer(c, n, 0, LvsArgs.MAX_U32).ifPresent(v -> s.lowerThreshold = OptionalLong.of(v)));
        g.on("smtp_alert", (s, n, c) -> LvsArgs.optionalBool(c, n).ifPresent(v -> s.smtpAlert = Optional.of(v)));
        g.on("virtualhost", (s, n, c) -> LvsArgs.text(c, n).ifPresent(v -> s.virtualhost = Optional.of(v)));
        g.on("snmp_name", (s, n, c) -> LvsArgs.text(c, n).ifPresent(v -> s.snmpName = Optional.of(v)));
        g.on("alpha", (s, n, c) -> LvsArgs.optionalBool(c, n).ifPresent(v -> s.alpha = Optional.of(v)));
        g.on("inhibit_on_failure", (s, n, c) -> LvsArgs.optionalBool(c, n).ifPresent(v -> s.inhibitOnFailure = Optional.of(v)));
        LvsCheckerDefaults.keywords(g, s -> s.checkerDefaults);
        for (CheckerType type : CheckerType.values()) {
            g.on(type.keyword(), (s, n, c) -> CheckerSpec.parse(type, n, c).ifPresent(s.checkers::add));
        }
        g.notSupported("FILE_CHECK", "BFD_CHECK");
        return g;
    }

    /**
     * The effective real server: own values, else the virtual server's, else keepalived's defaults.
     *
     * @param effectivePort the port after the virtual server's port rules (DR/TUN reset, fwmark clearing)
     */
    RealServer build(VirtualServer vs, int effectivePort, BindContext ctx) {
        ForwardingMethod method = forwarding.orElse(vs.forwarding());
        RealServer base = new RealServer(address, effectivePort, weight.orElse(Defaults.Lvs.WEIGHT), method,
                notifyUp, notifyDown, upperThreshold, lowerThreshold, smtpAlert, virtualhost.or(vs::virtualhost), snmpName,
                alpha.orElse(vs.alpha()), inhibitOnFailure.orElse(vs.inhibitOnFailure()),
                checkerDefaults.delayLoop.orElse(vs.delayLoop()),
                checkerDefaults.connectTimeout.orElse(vs.connectTimeout()),
                checkerDefaults.retry.isPresent() ? checkerDefaults.retry : vs.retry(),
                checkerDefaults.delayBeforeRetry.or(vs::delayBeforeRetry),
                checkerDefaults.warmup.or(vs::warmup), List.of());
        List<Checker> built = new ArrayList<>();
        for (CheckerSpec spec : checkers) {
            spec.build(base, ctx).ifPresent(built::add);
        }
        return new RealServer(base.address(), base.port(), base.weight(), base.forwarding(), base.notifyUp(), base.notifyDown(),
                base.upperThreshold(), base.lowerThreshold(), base.smtpAlert(), base.virtualhost(), base.snmpName(), base.alpha(),
                base.inhibitOnFailure(), base.delayLoop(), base.connectTimeout(), base.retry(), base.delayBeforeRetry(),
                base.warmup(), built);
    }
}
