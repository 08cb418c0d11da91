package org.keepalived4j.config.bind;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import org.keepalived4j.config.model.GlobalDefs;
import org.keepalived4j.config.model.lvs.IpFamily;
import org.keepalived4j.config.model.lvs.LvsConfig;
import org.keepalived4j.config.model.lvs.SslConfig;
import org.keepalived4j.config.model.lvs.VirtualServer;
import org.keepalived4j.config.model.lvs.VirtualServerGroup;
import org.keepalived4j.config.syntax.ConfigNode;

/** virtual_server_group, virtual_server, real_server and checkers, and the SSL block for SSL_GET. */
final class LvsBinder {
    private final List<VirtualServerGroup> groups = new ArrayList<>();
    private final List<LvsVirtualServerSpec> virtualServers = new ArrayList<>();
    private SslSpec ssl;

    /** The SSL block's statements. */
    static final class SslSpec {
        Optional<String> password = Optional.empty();
        Optional<String> ca = Optional.empty();
        Optional<String> certificate = Optional.empty();
        Optional<String> key = Optional.empty();
    }

    static final BlockGrammar<SslSpec> SSL = new BlockGrammar<SslSpec>("SSL")
            .on("password", (s, n, c) -> LvsArgs.text(c, n).ifPresent(v -> s.password = Optional.of(v)))
            .on("ca", (s, n, c) -> LvsArgs.text(c, n).ifPresent(v -> s.ca = Optional.of(v)))
            .on("certificate", (s, n, c) -> LvsArgs.text(c, n).ifPresent(v -> s.certificate = Optional.of(v)))
            .on("key", (s, n, c) -> LvsArgs.text(c, n).ifPresent(v -> s.key = Optional.of(v)));

    static void register(BlockGrammar<ConfigBinder.TopLevel> top) {
        top.on("virtual_server_group", (t, n, c) -> t.lvs.group(n, c));
        top.on("virtual_server", (t, n, c) -> LvsVirtualServerSpec.parse(n, c).ifPresent(t.lvs.virtualServers::add));
        top.on("SSL", (t, n, c) -> t.lvs.ssl(n, c));
    }

    private void ssl(ConfigNode node, BindContext ctx) {
        ctx.arity(node, 0, 0);
        ctx.block(node).ifPresent(children -> {
            if (ssl == null) {
                ssl = new SslSpec();
            }
            SSL.bind(children, ssl, ctx);
        });
    }

    private void group(ConfigNode node, BindContext ctx) {
        Optional<List<ConfigNode>> body = ctx.block(node);
        if (!ctx.arity(node, 1, 1) || body.isEmpty()) {
            return;
        }
        String name = node.arg(0);
        if (groups.stream().anyMatch(g -> g.name().equals(name))) {
            // keepalived 2.2.7 -t is silent about it: stricter on purpose
            ctx.error(node, "virtual_server_group '" + name + "' is defined twice; the second is ignored");
            return;
        }
        List<VirtualServerGroup.Entry> entries = new ArrayList<>();
        for (ConfigNode line : body.get()) {
            if (line.hasBlock()) {
                ctx.error(line, "virtual_server_group entries take no { } block");
            } else if ("fwmark".equals(line.keyword())) {
                fwmarkEntry(line, ctx).ifPresent(entries::add);
            } else {
                LvsArgs.addressRange(ctx, line).ifPresent(entries::add);
            }
        }
        if (entries.isEmpty()) {
            ctx.error(node, "virtual_server_group '" + name + "' has no entries; removed (as keepalived does)");
            return;
        }
        Set<IpFamily> families = new HashSet<>();
        boolean markWithoutFamily = false;
        for (VirtualServerGroup.Entry e : entries) {
            if (e instanceof VirtualServerGroup.AddressRange r) {
                families.add(r.family());
            } else if (e instanceof VirtualServerGroup.Fwmark f && f.family().isEmpty()) {
                markWithoutFamily = true;
            }
        }
        if (families.size() > 1 && markWithoutFamily) {
            ctx.error(node, "virtual_server_group '" + name + "' has IPv4 and IPv6 addresses and a fwmark without inet/inet6;"
                    + " group removed (as keepalived does)");
            return;
        }
        groups.add(new VirtualServerGroup(name, entries));
    }

    private static Optional<VirtualServerGroup.Entry> fwmarkEntry(ConfigNode line, BindContext ctx) {
        if (!ctx.arity(line, 1, 2)) {
            return Optional.empty();
        }
        OptionalLong mark = LvsArgs.fwmark(ctx, line, 0);
        Optional<IpFamily> family = Optional.empty();
        if (line.args().size() == 2) {
            family = IpFamily.fromKeyword(line.arg(1));
            if (family.isEmpty()) {
                ctx.error(line, "fwmark family must be inet or inet6, got '" + line.arg(1) + "'");
                return Optional.empty();
            }
        }
        return mark.isPresent() ? Optional.of(new VirtualServerGroup.Fwmark(mark.getAsLong(), family)) : Optional.empty();
    }

    LvsConfig build(GlobalDefs global, ScriptSecurityCheck security, BindContext ctx) {
        List<VirtualServer> built = new ArrayList<>();
        Set<String> services = new HashSet<>();
        for (LvsVirtualServerSpec spec : virtualServers) {
            Optional<VirtualServer> vs = spec.build(groups, ctx);
            if (vs.isEmpty()) {
                continue;
            }
            // keepalived 2.2.7 -t is silent, but IPVS refuses the second service: stricter on purpose
            String key = vs.get().describe() + "/" + vs.get().protocol().map(Enum::name).orElse("");
            if (!services.add(key)) {
                ctx.error(spec.node, "virtual_server " + vs.get().describe() + " is defined twice; the second is ignored");
                continue;
            }
            built.add(vs.get());
            String what = "script of virtual_server " + vs.get().describe();
            vs.get().scripts().forEach(s -> security.add(new ScriptSecurityCheck.ScriptUse(s, spec.node.where(), what, false)));
        }
        Optional<SslConfig> sslConfig = ssl == null ? Optional.empty()
                : Optional.of(new SslConfig(ssl.password, ssl.ca, ssl.certificate, ssl.key));
        return new LvsConfig(groups, built, sslConfig);
    }
}
