package org.keepalived4j.config.bind;

import java.net.InetAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import org.keepalived4j.config.model.Defaults;
import org.keepalived4j.config.model.ScriptCommand;
import org.keepalived4j.config.model.lvs.Checker;
import org.keepalived4j.config.model.lvs.CheckerConnection;
import org.keepalived4j.config.model.lvs.CheckerTiming;
import org.keepalived4j.config.model.lvs.CheckerType;
import org.keepalived4j.config.model.lvs.DnsQueryType;
import org.keepalived4j.config.model.lvs.HttpProtocol;
import org.keepalived4j.config.model.lvs.RealServer;
import org.keepalived4j.config.model.lvs.StatusCodeRange;
import org.keepalived4j.config.model.lvs.UrlCheck;
import org.keepalived4j.config.syntax.ConfigNode;

/** What one checker block says, before inheritance from its real server is applied. */
final class CheckerSpec {
    final CheckerType type;
    final ConfigNode node;
    // common options
    Optional<InetAddress> connectIp = Optional.empty();
    OptionalInt connectPort = OptionalInt.empty();
    Optional<InetAddress> bindTo = Optional.empty();
    Optional<Boolean> alpha = Optional.empty();
    Optional<Duration> connectTimeout = Optional.empty();
    OptionalInt retry = OptionalInt.empty();
    Optional<Duration> delayBeforeRetry = Optional.empty();
    Optional<Duration> warmup = Optional.empty();
    Optional<Duration> delayLoop = Optional.empty();
    // HTTP_GET / SSL_GET
    Optional<HttpProtocol> httpProtocol = Optional.empty();
    Optional<String> virtualhost = Optional.empty();
    final List<UrlSpec> urls = new ArrayList<>();
    boolean enableSni;
    // SMTP_CHECK
    Optional<String> heloName = Optional.empty();
    // MISC_CHECK
    Optional<String> miscPath = Optional.empty();
    Optional<Duration> miscTimeout = Optional.empty();
    boolean miscDynamic;
    Optional<String> user = Optional.empty();
    Optional<String> group = Optional.empty();
    // DNS_CHECK
    Optional<DnsQueryType> dnsType = Optional.empty();
    Optional<String> dnsName = Optional.empty();

    /** One url { } block. */
    static final class UrlSpec {
        final ConfigNode node;
        Optional<String> path = Optional.empty();
        Optional<String> digest = Optional.empty();
        List<StatusCodeRange> statusCodes = List.of();
        Optional<String> virtualhost = Optional.empty();

        UrlSpec(ConfigNode node) {
            this.node = node;
        }
    }

    private static final Map<CheckerType, BlockGrammar<CheckerSpec>> GRAMMARS = new EnumMap<>(CheckerType.class);
    private static final BlockGrammar<UrlSpec> URL = urlGrammar();

    static {
        for (CheckerType type : CheckerType.values()) {
            GRAMMARS.put(type, grammar(type));
        }
    }

    CheckerSpec(CheckerType type, ConfigNode node) {
        this.type = type;
        this.node = node;
    }

    static Optional<CheckerSpec> parse(CheckerType type, ConfigNode node, BindContext ctx) {
        ctx.arity(node, 0, 0);
        Optional<List<ConfigNode>> body = ctx.block(node);
        if (body.isEmpty()) {
            return Optional.empty();
        }
        CheckerSpec spec = new CheckerSpec(type, node);
        GRAMMARS.get(type).bind(body.get(), spec, ctx);
        return Optional.of(spec);
    }

    static BlockGrammar<CheckerSpec> grammar(CheckerType type) {
        BlockGrammar<CheckerSpec> g = new BlockGrammar<>(type.keyword());
        if (type != CheckerType.MISC_CHECK) {
            g.on("connect_ip", (s, n, c) -> {
                if (c.arity(n, 1, 1)) {
                    c.address(n, 0).ifPresent(a -> s.connectIp = Optional.of(a));
                }
            });
            g.on("connect_port", (s, n, c) -> {
                if (c.arity(n, 1, 1)) {
                    LvsArgs.port(c, n, 0).ifPresent(p -> s.connectPort = OptionalInt.of(p));
                }
            });
            g.on("bindto", (s, n, c) -> {
                if (c.arity(n, 1, 1)) {
                    c.address(n, 0).ifPresent(a -> s.bindTo = Optional.of(a));
                }
            });
            g.on("connect_timeout", (s, n, c) ->
                    LvsArgs.timer(c, n, LvsArgs.MIN_TIMER, LvsArgs.MAX_CONNECT_TIMEOUT).ifPresent(d -> s.connectTimeout = Optional.of(d)));
            g.notSupported("bind_if", "bind_port", "fwmark");
        }
        g.on("alpha", (s, n, c) -> LvsArgs.optionalBool(c, n).ifPresent(b -> s.alpha = Optional.of(b)));
        g.on("retry", (s, n, c) -> {
            // keepalived 2.2.7 accepts 0 in a checker (not in real_server / virtual_server)
            if (c.arity(n, 1, 1)) {
                c.intArg(n, 0, 0, Integer.MAX_VALUE).ifPresent(r -> s.retry = OptionalInt.of(r));
            }
        });
        if (type == CheckerType.HTTP_GET || type == CheckerType.SSL_GET) {
            g.on("nb_get_retry", (s, n, c) -> {
                // keepalived 2.2.7 still applies it here, as retry, with a remark (-t exits 5)
                c.error(n, "nb_get_retry is deprecated - please use 'retry'");
                if (c.arity(n, 1, 1)) {
                    c.intArg(n, 0, 0, Integer.MAX_VALUE).ifPresent(r -> s.retry = OptionalInt.of(r));
                }
            });
        } else {
            g.on("nb_get_retry", LvsVirtualServerSpec::removedNbGetRetry);
        }
        g.on("delay_before_retry", (s, n, c) ->
                LvsArgs.timer(c, n, java.math.BigDecimal.ZERO, LvsArgs.MAX_TIMER).ifPresent(d -> s.delayBeforeRetry = Optional.of(d)));
        g.on("warmup", (s, n, c) ->
                LvsArgs.timer(c, n, java.math.BigDecimal.ZERO, LvsArgs.MAX_TIMER).ifPresent(d -> s.warmup = Optional.of(d)));
        g.on("delay_loop", (s, n, c) ->
                LvsArgs.timer(c, n, LvsArgs.MIN_TIMER, LvsArgs.MAX_TIMER).ifPresent(d -> s.delayLoop = Optional.of(d)));
        g.notSupported("log_all_failures");
        switch (type) {
            case HTTP_GET, SSL_GET -> {
                g.on("http_protocol", (s, n, c) -> {
                    if (c.arity(n, 1, 1)) {
                        Optional<HttpProtocol> p = HttpProtocol.fromKeyword(n.arg(0));
                        if (p.isEmpty()) {
                            c.error(n, "invalid http_protocol '" + n.arg(0) + "' (1.0, 1.0C or 1.1)");
                        }
                        p.ifPresent(v -> s.httpProtocol = Optional.of(v));
                    }
                });
                g.on("virtualhost", (s, n, c) -> LvsArgs.text(c, n).ifPresent(v -> s.virtualhost = Optional.of(v)));
                g.on("url", (s, n, c) -> {
                    c.arity(n, 0, 0);
                    c.block(n).ifPresent(children -> {
                        UrlSpec url = new UrlSpec(n);
                        URL.bind(children, url, c);
                        s.urls.add(url);
                    });
                });
                g.notSupported("fast_recovery");
                if (type == CheckerType.SSL_GET) {
                    g.on("enable_sni", (s, n, c) -> {
                        if (c.flag(n)) {
                            s.enableSni = true;
                        }
                    });
                }
            }
            case SMTP_CHECK -> {
                g.on("helo_name", (s, n, c) -> LvsArgs.text(c, n).ifPresent(v -> s.heloName = Optional.of(v)));
                g.notSupported("host");
            }
            case MISC_CHECK -> {
                g.on("misc_path", (s, n, c) -> LvsArgs.text(c, n).ifPresent(v -> s.miscPath = Optional.of(v)));
                g.on("misc_timeout", (s, n, c) -> {
                    if (c.arity(n, 1, 1)) {
                        // 0 means "use the delay loop", as when absent
                        c.integer(n, 0, 0, LvsArgs.MAX_U32 / 1_000_000).ifPresent(v -> s.miscTimeout = v == 0 ? Optional.empty() : Optional.of(Duration.ofSeconds(v)));
                    }
                });
                g.on("misc_dynamic", (s, n, c) -> {
                    if (c.flag(n)) {
                        s.miscDynamic = true;
                    }
                });
                g.on("user", (s, n, c) -> {
                    if (c.arity(n, 1, 2)) {
                        s.user = Optional.of(n.arg(0));
                        s.group = Optional.ofNullable(n.arg(1));
                    }
                });
            }
            case DNS_CHECK -> {
                g.on("type", (s, n, c) -> {
                    if (c.arity(n, 1, 1)) {
                        Optional<DnsQueryType> t = DnsQueryType.fromKeyword(n.arg(0));
                        if (t.isEmpty()) {
                            c.error(n, "unknown DNS_CHECK type '" + n.arg(0) + "' (A, NS, CNAME, SOA, MX, TXT or AAAA)");
                        }
                        t.ifPresent(v -> s.dnsType = Optional.of(v));
                    }
                });
                g.on("name", (s, n, c) -> LvsArgs.text(c, n).ifPresent(v -> s.dnsName = Optional.of(v)));
            }
            case UDP_CHECK -> g.notSupported("payload", "require_reply", "min_reply_length", "max_reply_length");
            default -> {
                // TCP_CHECK and PING_CHECK have only the common options
            }
        }
        return g;
    }

    static BlockGrammar<UrlSpec> urlGrammar() {
        BlockGrammar<UrlSpec> g = new BlockGrammar<>("url");
        g.on("path", (u, n, c) -> LvsArgs.text(c, n).ifPresent(v -> u.path = Optional.of(v)));
        g.on("digest", (u, n, c) -> LvsArgs.digest(c, n).ifPresent(v -> u.digest = Optional.of(v)));
        g.on("status_code", (u, n, c) -> {
            if (c.arity(n, 1, Integer.MAX_VALUE)) {
                List<StatusCodeRange> codes = new ArrayList<>();
                for (String arg : n.args()) {
                    LvsArgs.statusCodes(c, n, arg).ifPresent(codes::add);
                }
                if (!codes.isEmpty()) {
                    u.statusCodes = List.copyOf(codes);
                }
            }
        });
        g.on("virtualhost", (u, n, c) -> LvsArgs.text(c, n).ifPresent(v -> u.virtualhost = Optional.of(v)));
        g.notSupported("regex", "regex_no_match", "regex_options", "regex_stack", "regex_min_offset", "regex_max_offset");
        return g;
    }

    /** The effective checker, inheriting from its (already effective) real server; empty after an error. */
    Optional<Checker> build(RealServer rs, BindContext ctx) {
        Duration loop = delayLoop.orElse(rs.delayLoop());
        CheckerTiming timing = new CheckerTiming(
                alpha.orElse(rs.alpha()),
                loop,
                warmup.or(rs::warmup).orElse(loop),
                retry.isPresent() ? retry.getAsInt() : rs.retry().orElse(Defaults.Lvs.retry(type)),
                delayBeforeRetry.or(rs::delayBeforeRetry).orElse(Defaults.Lvs.delayBeforeRetry(type, loop)),
                connectTimeout.orElse(rs.connectTimeout()));
        if (type == CheckerType.MISC_CHECK) {
            if (miscPath.isEmpty()) {
                ctx.error(node, "MISC_CHECK has no misc_path; checker ignored");
                return Optional.empty();
            }
            return Optional.of(new Checker.Misc(timing, new ScriptCommand(miscPath.get(), user, group),
                    miscTimeout.orElse(loop), miscDynamic));
        }
        int port = connectPort.isPresent() ? connectPort.getAsInt() : rs.port();
        if (port == 0 && type != CheckerType.PING_CHECK) {
            ctx.warning(node, type.keyword() + " has no port to connect to (the real server has none): set connect_port");
        }
        CheckerConnection conn = new CheckerConnection(connectIp.orElse(rs.address()), port, bindTo);
        return switch (type) {
            case TCP_CHECK -> Optional.of(new Checker.Tcp(timing, conn));
            case PING_CHECK -> Optional.of(new Checker.Ping(timing, conn));
            case UDP_CHECK -> Optional.of(new Checker.Udp(timing, conn));
            case SMTP_CHECK -> Optional.of(new Checker.Smtp(timing, conn, heloName));
            case DNS_CHECK -> Optional.of(new Checker.Dns(timing, conn, dnsType.orElse(Defaults.Lvs.DNS_TYPE),
                    dnsName.orElse(Defaults.Lvs.DNS_NAME)));
            case HTTP_GET, SSL_GET -> buildHttp(timing, conn, rs, ctx);
            case MISC_CHECK -> throw new IllegalStateException("handled above");
        };
    }

    private Optional<Checker> buildHttp(CheckerTiming timing, CheckerConnection conn, RealServer rs, BindContext ctx) {
        Optional<String> host = virtualhost.or(rs::virtualhost);
        List<UrlCheck> built = new ArrayList<>();
        for (UrlSpec u : urls) {
            if (u.path.isEmpty()) {
                ctx.error(u.node, "url has no path; url ignored");
                continue;
            }
            List<StatusCodeRange> codes = u.statusCodes.isEmpty() ? List.of(Defaults.Lvs.STATUS_CODES) : u.statusCodes;
            built.add(new UrlCheck(u.path.get(), u.digest, codes, u.virtualhost.or(() -> host)));
        }
        if (built.isEmpty()) {
            ctx.error(node, type.keyword() + " has no url with a path; checker ignored");
            return Optional.empty();
        }
        HttpProtocol protocol = httpProtocol.orElse(Defaults.Lvs.HTTP_PROTOCOL);
        return Optional.of(type == CheckerType.SSL_GET
                ? new Checker.SslGet(timing, conn, protocol, host, built, enableSni)
                : new Checker.HttpGet(timing, conn, protocol, host, built));
    }
}
