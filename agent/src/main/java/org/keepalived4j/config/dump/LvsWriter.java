package org.keepalived4j.config.dump;

import java.time.Duration;
import java.util.Optional;
import org.keepalived4j.config.bind.InetAddresses;
import org.keepalived4j.config.model.ScriptCommand;
import org.keepalived4j.config.model.lvs.Checker;
import org.keepalived4j.config.model.lvs.CheckerConnection;
import org.keepalived4j.config.model.lvs.CheckerTiming;
import org.keepalived4j.config.model.lvs.LvsConfig;
import org.keepalived4j.config.model.lvs.RealServer;
import org.keepalived4j.config.model.lvs.StatusCodeRange;
import org.keepalived4j.config.model.lvs.UrlCheck;
import org.keepalived4j.config.model.lvs.VirtualServer;
import org.keepalived4j.config.model.lvs.VirtualServerGroup;
import org.keepalived4j.config.model.lvs.VirtualService;

/**
 * virtual_server_group, virtual_server and SSL in canonical form: modern keywords, every effective
 * value written out (so inheritance cannot change it on reading back), booleans as yes/no where a
 * value can differ from what it would inherit.
 */
final class LvsWriter {
    private LvsWriter() {}

    static void write(LvsConfig model, ConfText out) {
        model.ssl().ifPresent(ssl -> {
            out.open("SSL");
            ssl.password().ifPresent(v -> out.line("password", v));
            ssl.caFile().ifPresent(v -> out.line("ca", v));
            ssl.certificateFile().ifPresent(v -> out.line("certificate", v));
            ssl.keyFile().ifPresent(v -> out.line("key", v));
            out.close().blank();
        });
        for (VirtualServerGroup group : model.groups()) {
            out.open("virtual_server_group", group.name());
            for (VirtualServerGroup.Entry entry : group.entries()) {
                if (entry instanceof VirtualServerGroup.AddressRange r) {
                    String first = InetAddresses.format(r.first());
                    String text = r.first().equals(r.last()) ? first : first + "-" + InetAddresses.format(r.last());
                    out.line(text, port(r.port()));
                } else if (entry instanceof VirtualServerGroup.Fwmark f) {
                    out.line("fwmark", f.mark(), f.family().map(x -> x.keyword()).orElse(null));
                }
            }
            out.close().blank();
        }
        for (VirtualServer vs : model.virtualServers()) {
            writeVirtualServer(vs, out);
            out.blank();
        }
    }

    private static void writeVirtualServer(VirtualServer vs, ConfText out) {
        VirtualService s = vs.service();
        if (s instanceof VirtualService.Address a) {
            out.open("virtual_server", InetAddresses.format(a.address()), port(a.port()));
        } else if (s instanceof VirtualService.Fwmark f) {
            out.open("virtual_server", "fwmark", f.mark());
        } else if (s instanceof VirtualService.Group g) {
            out.open("virtual_server", "group", g.name());
        }
        vs.protocol().ifPresent(p -> out.line("protocol", p.name()));
        out.line("lvs_sched", vs.scheduler().keyword());
        out.line("lvs_method", vs.forwarding().name());
        flag(out, "ops", vs.onePacketScheduling());
        vs.persistenceTimeout().ifPresent(d -> out.line("persistence_timeout", d.getSeconds()));
        if (vs.persistenceGranularity().isPresent()) {
            int bits = vs.persistenceGranularity().getAsInt();
            boolean v4 = s instanceof VirtualService.Address a ? a.address() instanceof java.net.Inet4Address : bits <= 32;
            out.line("persistence_granularity", v4 && bits <= 32 ? netmask(bits) : Integer.toString(bits));
        }
        out.line("delay_loop", seconds(vs.delayLoop()));
        out.line("connect_timeout", seconds(vs.connectTimeout()));
        vs.retry().ifPresent(r -> out.line("retry", r));
        vs.delayBeforeRetry().ifPresent(d -> out.line("delay_before_retry", seconds(d)));
        vs.warmup().ifPresent(d -> out.line("warmup", seconds(d)));
        flag(out, "ha_suspend", vs.haSuspend());
        flag(out, "alpha", vs.alpha());
        flag(out, "omega", vs.omega());
        flag(out, "inhibit_on_failure", vs.inhibitOnFailure());
        out.line("quorum", vs.quorum());
        out.line("hysteresis", vs.hysteresis());
        vs.quorumUp().ifPresent(c -> script(out, "quorum_up", c));
        vs.quorumDown().ifPresent(c -> script(out, "quorum_down", c));
        vs.smtpAlert().ifPresent(b -> out.line("smtp_alert", yesNo(b)));
        vs.virtualhost().ifPresent(v -> out.line("virtualhost", v));
        vs.snmpName().ifPresent(v -> out.line("snmp_name", v));
        vs.ipFamily().ifPresent(f -> out.line("ip_family", f.keyword()));
        vs.sorryServer().ifPresent(ss -> {
            out.line("sorry_server", InetAddresses.format(ss.address()), port(ss.port()));
            flag(out, "sorry_server_inhibit", ss.inhibit());
            out.line("sorry_server_lvs_method", ss.forwarding().name());
        });
        for (RealServer rs : vs.realServers()) {
            writeRealServer(rs, out);
        }
        out.close();
    }

    private static void writeRealServer(RealServer rs, ConfText out) {
        out.open("real_server", InetAddresses.format(rs.address()), port(rs.port()));
        out.line("weight", rs.weight());
        out.line("lvs_method", rs.forwarding().name());
        rs.notifyUp().ifPresent(c -> script(out, "notify_up", c));
        rs.notifyDown().ifPresent(c -> script(out, "notify_down", c));
        rs.upperThreshold().ifPresent(v -> out.line("uthreshold", v));
        rs.lowerThreshold().ifPresent(v -> out.line("lthreshold", v));
        rs.smtpAlert().ifPresent(b -> out.line("smtp_alert", yesNo(b)));
        rs.virtualhost().ifPresent(v -> out.line("virtualhost", v));
        rs.snmpName().ifPresent(v -> out.line("snmp_name", v));
        out.line("alpha", yesNo(rs.alpha()));
        out.line("inhibit_on_failure", yesNo(rs.inhibitOnFailure()));
        out.line("delay_loop", seconds(rs.delayLoop()));
        out.line("connect_timeout", seconds(rs.connectTimeout()));
        rs.retry().ifPresent(r -> out.line("retry", r));
        rs.delayBeforeRetry().ifPresent(d -> out.line("delay_before_retry", seconds(d)));
        rs.warmup().ifPresent(d -> out.line("warmup", seconds(d)));
        for (Checker checker : rs.checkers()) {
            writeChecker(checker, out);
        }
        out.close();
    }

    private static void writeChecker(Checker checker, ConfText out) {
        out.open(checker.type().keyword());
        CheckerTiming t = checker.timing();
        if (checker instanceof Checker.Tcp c) {
            connection(out, c.connection());
        } else if (checker instanceof Checker.Ping c) {
            connection(out, c.connection());
        } else if (checker instanceof Checker.Udp c) {
            connection(out, c.connection());
        } else if (checker instanceof Checker.Smtp c) {
            connection(out, c.connection());
            c.heloName().ifPresent(v -> out.line("helo_name", v));
        } else if (checker instanceof Checker.Dns c) {
            connection(out, c.connection());
            out.line("type", c.queryType().name());
            out.line("name", c.name());
        } else if (checker instanceof Checker.HttpGet c) {
            connection(out, c.connection());
            http(out, c.httpProtocol().keyword(), c.virtualhost(), c.urls());
        } else if (checker instanceof Checker.SslGet c) {
            connection(out, c.connection());
            http(out, c.httpProtocol().keyword(), c.virtualhost(), c.urls());
            flag(out, "enable_sni", c.enableSni());
        } else if (checker instanceof Checker.Misc c) {
            out.line("misc_path", c.script().commandLine());
            c.script().user().ifPresent(u -> out.line("user", u, c.script().group().orElse(null)));
            if (c.timeout().getNano() == 0) { // a fractional timeout can only be the inherited delay loop
                out.line("misc_timeout", c.timeout().getSeconds());
            }
            flag(out, "misc_dynamic", c.dynamic());
        }
        out.line("alpha", yesNo(t.alpha()));
        out.line("delay_loop", seconds(t.delayLoop()));
        out.line("warmup", seconds(t.warmup()));
        out.line("retry", t.retry());
        out.line("delay_before_retry", seconds(t.delayBeforeRetry()));
        if (!(checker instanceof Checker.Misc)) {
            out.line("connect_timeout", seconds(t.connectTimeout()));
        }
        out.close();
    }

    private static void connection(ConfText out, CheckerConnection c) {
        out.line("connect_ip", InetAddresses.format(c.connectIp()));
        if (c.connectPort() != 0) {
            out.line("connect_port", c.connectPort());
        }
        c.bindTo().ifPresent(a -> out.line("bindto", InetAddresses.format(a)));
    }

    private static void http(ConfText out, String protocol, Optional<String> virtualhost, java.util.List<UrlCheck> urls) {
        out.line("http_protocol", protocol);
        virtualhost.ifPresent(v -> out.line("virtualhost", v));
        for (UrlCheck url : urls) {
            out.open("url");
            out.line("path", url.path());
            url.digest().ifPresent(d -> out.line("digest", d));
            out.line("status_code", url.statusCodes().stream().map(StatusCodeRange::toString).toArray());
            url.virtualhost().ifPresent(v -> out.line("virtualhost", v));
            out.close();
        }
    }

    private static void script(ConfText out, String keyword, ScriptCommand c) {
        out.line(keyword, c.commandLine(), c.user().orElse(null), c.group().orElse(null));
    }

    private static void flag(ConfText out, String keyword, boolean on) {
        if (on) {
            out.line(keyword);
        }
    }

    private static String yesNo(boolean b) {
        return b ? "yes" : "no";
    }

    private static String port(int port) {
        return port == 0 ? null : Integer.toString(port);
    }

    static String seconds(Duration d) {
        return java.math.BigDecimal.valueOf(d.getSeconds()).add(java.math.BigDecimal.valueOf(d.getNano(), 9))
                .stripTrailingZeros().toPlainString();
    }

    private static String netmask(int bits) {
        long v = bits == 0 ? 0 : (0xffffffffL << (32 - bits)) & 0xffffffffL;
        return (v >>> 24) + "." + ((v >>> 16) & 0xff) + "." + ((v >>> 8) & 0xff) + "." + (v & 0xff);
    }
}
