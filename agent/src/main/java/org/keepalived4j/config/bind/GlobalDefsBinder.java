package org.keepalived4j.config.bind;

import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.keepalived4j.config.model.Defaults;
import org.keepalived4j.config.model.GlobalDefs;
import org.keepalived4j.config.model.GlobalDefs.DynamicInterfaces;
import org.keepalived4j.config.model.GlobalDefs.Firewall;
import org.keepalived4j.config.model.GlobalDefs.FlushOnStop;
import org.keepalived4j.config.model.GlobalDefs.GarpExtraIf;
import org.keepalived4j.config.model.GlobalDefs.LvsSyncDaemon;
import org.keepalived4j.config.model.GlobalDefs.NotifyFifo;
import org.keepalived4j.config.model.GlobalDefs.ReloadCheck;
import org.keepalived4j.config.model.GlobalDefs.SmtpServer;
import org.keepalived4j.config.model.ScriptCommand;
import org.keepalived4j.config.syntax.ConfigNode;

/** global_defs and the global keywords. */
final class GlobalDefsBinder {
    private static final BlockGrammar<GlobalDefsBinder> GRAMMAR = grammar();

    // Values as written; null = not written (the default applies in build()).
    String routerId;
    final List<String> emails = new ArrayList<>();
    String emailFrom;
    SmtpServer smtpServer;
    String smtpHelo;
    Duration smtpConnectTimeout;
    Boolean smtpAlert;
    Boolean smtpAlertVrrp;
    Boolean smtpAlertChecker;
    boolean checkerLogAllFailures;
    boolean noEmailFaults;
    boolean scriptSecurity;
    String scriptUser;
    String scriptGroup;
    boolean snmpVrrp;
    boolean snmpChecker;
    boolean snmpRfcV2;
    boolean snmpRfcV3;
    boolean snmpTraps;
    String snmpSocket;
    InetAddress mcastGroup4;
    InetAddress mcastGroup6;
    String defaultInterface;
    LvsSyncDaemon lvsSyncDaemon;
    ConfigNode lvsSyncDaemonNode;
    Duration lvsTimeoutTcp;
    Duration lvsTimeoutTcpFin;
    Duration lvsTimeoutUdp;
    boolean lvsFlush;
    FlushOnStop lvsFlushOnStop = FlushOnStop.NONE;
    Duration garpMasterDelay;
    Integer garpMasterRepeat;
    Duration garpMasterRefresh;
    Integer garpMasterRefreshRepeat;
    Duration garpLowerPrioDelay;
    Integer garpLowerPrioRepeat;
    Duration garpInterval;
    Duration gnaInterval;
    boolean minGarp;
    GarpExtraIf garpExtraIf;
    boolean lowerPrioNoAdvert;
    boolean higherPrioSendAdvert;
    Integer vrrpVersion;
    boolean checkUnicastSrc;
    boolean skipCheckAdvAddr;
    boolean strict;
    Duration startupDelay;
    Integer maxAutoPriority;
    Integer vrrpPriority;
    Integer checkerPriority;
    boolean vrrpNoSwap;
    boolean checkerNoSwap;
    Integer vrrpRtPriority;
    Integer checkerRtPriority;
    boolean processNames;
    final FifoSpec notifyFifo = new FifoSpec();
    final FifoSpec vrrpNotifyFifo = new FifoSpec();
    final FifoSpec lvsNotifyFifo = new FifoSpec();
    DynamicInterfaces dynamicInterfaces = DynamicInterfaces.OFF;
    ReloadCheck reloadCheck;
    String includeCheck;
    Firewall firewall;
    boolean enableDbus;
    boolean rsInitNotifies;

    /** notify_fifo / notify_fifo_script pair. */
    static final class FifoSpec {
        ConfigNode fifoNode;
        Path fifo;
        String user;
        String group;
        ScriptCommand script;
        ConfigNode scriptNode;
    }

    static void register(BlockGrammar<ConfigBinder.TopLevel> top) {
        top.on("global_defs", (t, node, ctx) -> {
            if (ctx.arity(node, 0, 0)) {
                ctx.block(node).ifPresent(body -> GRAMMAR.bind(body, t.global, ctx));
                t.vrrp.globals = t.global;
            }
        });
        // keepalived 2.2.7 reads these outside global_defs, at the top level (T3)
        top.notSupported("net_namespace", "net_namespace_ipvs", "namespace_with_ipsets", "instance", "use_pid_dir",
                "linkbeat_use_polling", "child_wait_time");
    }

    /** The keywords of global_defs, for documentation and tests. */
    static BlockGrammar<GlobalDefsBinder> grammar() {
        BlockGrammar<GlobalDefsBinder> g = new BlockGrammar<>("global_defs");
        g.on("router_id", (b, n, c) -> {
            if (c.arity(n, 1, 1)) {
                b.routerId = n.arg(0);
            }
        });
        g.on("notification_email", (b, n, c) -> c.block(n).ifPresent(lines -> {
            for (ConfigNode line : lines) {
                b.emails.add(line.keyword());
                b.emails.addAll(line.args());
            }
        }));
        g.on("notification_email_from", (b, n, c) -> {
            if (c.arity(n, 1, 1)) {
                b.emailFrom = n.arg(0);
            }
        });
        g.on("smtp_server", (b, n, c) -> {
            if (c.arity(n, 1, 2)) {
                int port = Defaults.Global.SMTP_PORT;
                if (n.arg(1) != null) {
                    var p = c.intArg(n, 1, 1, 65535);
                    if (p.isEmpty()) {
                        return;
                    }
                    port = p.getAsInt();
                }
                b.smtpServer = new SmtpServer(n.arg(0), port);
            }
        });
        g.on("smtp_helo_name", (b, n, c) -> {
            if (c.arity(n, 1, 1)) {
                b.smtpHelo = n.arg(0);
            }
        });
        g.on("smtp_connect_timeout", (b, n, c) -> {
            if (c.arity(n, 1, 1)) {
                c.intArg(n, 0, 0, Integer.MAX_VALUE).ifPresent(v -> {
                    if (v == 0) {
                        c.error(n, "smtp_connect_timeout must be greater than 0, setting to 1");
                        v = 1;
                    }
                    b.smtpConnectTimeout = Duration.ofSeconds(v);
                });
            }
        });
        g.on("smtp_alert", (b, n, c) -> VrrpArgs.bool(c, n, 0).ifPresent(v -> b.smtpAlert = v));
        g.on("smtp_alert_vrrp", (b, n, c) -> VrrpArgs.bool(c, n, 0).ifPresent(v -> b.smtpAlertVrrp = v));
        g.on("smtp_alert_checker", (b, n, c) -> VrrpArgs.bool(c, n, 0).ifPresent(v -> b.smtpAlertChecker = v));
        g.on("checker_log_all_failures", (b, n, c) -> VrrpArgs.bool(c, n, 0).ifPresent(v -> b.checkerLogAllFailures = v));
        g.on("no_email_faults", (b, n, c) -> b.noEmailFaults = c.flag(n) || b.noEmailFaults);
        g.on("enable_script_security", (b, n, c) -> b.scriptSecurity = c.flag(n) || b.scriptSecurity);
        g.on("script_user", (b, n, c) -> {
            if (c.arity(n, 1, 2)) {
                b.scriptUser = n.arg(0);
                b.scriptGroup = n.arg(1);
            }
        });
        g.on("enable_snmp_vrrp", (b, n, c) -> b.snmpVrrp = c.flag(n) || b.snmpVrrp);
        g.deprecated("enable_snmp_keepalived", "enable_snmp_vrrp");
        g.on("enable_snmp_checker", (b, n, c) -> b.snmpChecker = c.flag(n) || b.snmpChecker);
        g.on("enable_snmp_rfc", (b, n, c) -> {
            if (c.flag(n)) {
                b.snmpRfcV2 = true;
                b.snmpRfcV3 = true;
            }
        });
        g.on("enable_snmp_rfcv2", (b, n, c) -> b.snmpRfcV2 = c.flag(n) || b.snmpRfcV2);
        g.on("enable_snmp_rfcv3", (b, n, c) -> b.snmpRfcV3 = c.flag(n) || b.snmpRfcV3);
        g.on("enable_traps", (b, n, c) -> b.snmpTraps = c.flag(n) || b.snmpTraps);
        g.on("snmp_socket", (b, n, c) -> {
            if (c.arity(n, 1, 1)) {
                b.snmpSocket = n.arg(0);
            }
        });
        g.on("vrrp_mcast_group4", (b, n, c) -> multicast(c, n, true).ifPresent(a -> b.mcastGroup4 = a));
        g.on("vrrp_mcast_group6", (b, n, c) -> multicast(c, n, false).ifPresent(a -> b.mcastGroup6 = a));
        g.on("default_interface", (b, n, c) -> {
            if (c.arity(n, 1, 1)) {
                b.defaultInterface = n.arg(0);
                if (!c.host().interfaceExists(n.arg(0))) {
                    c.warning(n, "default_interface " + n.arg(0) + " does not exist");
                }
            }
        });
        g.on("lvs_sync_daemon", GlobalDefsBinder::lvsSyncDaemon);
        g.on("lvs_timeouts", GlobalDefsBinder::lvsTimeouts);
        g.on("lvs_flush", (b, n, c) -> b.lvsFlush = c.flag(n) || b.lvsFlush);
        g.on("lvs_flush_on_stop", (b, n, c) -> {
            if (c.arity(n, 0, 1)) {
                if (n.arg(0) == null) {
                    b.lvsFlushOnStop = FlushOnStop.ALL;
                } else if (n.arg(0).equals("VS")) {
                    b.lvsFlushOnStop = FlushOnStop.VS;
                } else {
                    c.error(n, "lvs_flush_on_stop: unknown option '" + n.arg(0) + "' (only VS)");
                }
            }
        });
        g.deprecated("lvs_flush_onstop", "lvs_flush_on_stop");
        String maxTimer = String.valueOf(VrrpArgs.MAX_TIMER_SECONDS);
        g.on("vrrp_garp_master_delay", (b, n, c) -> {
            if (c.arity(n, 1, 1)) {
                c.intArg(n, 0, 0, (int) VrrpArgs.MAX_TIMER_SECONDS).ifPresent(v -> b.garpMasterDelay = Duration.ofSeconds(v));
            }
        });
        g.on("vrrp_garp_master_repeat", (b, n, c) -> {
            if (c.arity(n, 1, 1)) {
                c.intArg(n, 0, 0, Integer.MAX_VALUE).ifPresent(v -> b.garpMasterRepeat = atLeastOne(c, n, v));
            }
        });
        g.on("vrrp_garp_master_refresh", (b, n, c) -> {
            if (c.arity(n, 1, 1)) {
                c.intArg(n, 0, 0, (int) VrrpArgs.MAX_TIMER_SECONDS).ifPresent(v -> b.garpMasterRefresh = Duration.ofSeconds(v));
            }
        });
        g.on("vrrp_garp_master_refresh_repeat", (b, n, c) -> {
            if (c.arity(n, 1, 1)) {
                c.intArg(n, 0, 0, Integer.MAX_VALUE).ifPresent(v -> b.garpMasterRefreshRepeat = atLeastOne(c, n, v));
            }
        });
        g.on("vrrp_garp_lower_prio_delay", (b, n, c) -> {
            if (c.arity(n, 1, 1)) {
                c.intArg(n, 0, 0, (int) VrrpArgs.MAX_TIMER_SECONDS).ifPresent(v -> b.garpLowerPrioDelay = Duration.ofSeconds(v));
            }
        });
        g.on("vrrp_garp_lower_prio_repeat", (b, n, c) -> {
            if (c.arity(n, 1, 1)) {
                c.intArg(n, 0, 0, Integer.MAX_VALUE).ifPresent(v -> b.garpLowerPrioRepeat = v);
            }
        });
        g.on("vrrp_garp_interval", (b, n, c) -> {
            if (c.arity(n, 1, 1)) {
                VrrpArgs.seconds(c, n, 0, "0.000001", maxTimer).ifPresent(v -> b.garpInterval = v);
            }
        });
        g.on("vrrp_gna_interval", (b, n, c) -> {
            if (c.arity(n, 1, 1)) {
                VrrpArgs.seconds(c, n, 0, "0.000001", maxTimer).ifPresent(v -> b.gnaInterval = v);
            }
        });
        g.on("vrrp_min_garp", (b, n, c) -> VrrpArgs.bool(c, n, 0).ifPresent(v -> b.minGarp = v));
        g.on("vrrp_garp_extra_if", (b, n, c) -> garpExtraIf(c, n).ifPresent(v -> b.garpExtraIf = v));
        g.deprecated("vrrp_vmac_garp_intvl", "vrrp_garp_extra_if");
        g.on("vrrp_lower_prio_no_advert", (b, n, c) -> VrrpArgs.bool(c, n, 0).ifPresent(v -> b.lowerPrioNoAdvert = v));
        g.on("vrrp_higher_prio_send_advert", (b, n, c) -> VrrpArgs.bool(c, n, 0).ifPresent(v -> b.higherPrioSendAdvert = v));
        g.on("vrrp_version", (b, n, c) -> {
            if (c.arity(n, 1, 1)) {
                c.intArg(n, 0, 2, 3).ifPresent(v -> b.vrrpVersion = v);
            }
        });
        g.on("vrrp_check_unicast_src", (b, n, c) -> b.checkUnicastSrc = c.flag(n) || b.checkUnicastSrc);
        g.on("vrrp_skip_check_adv_addr", (b, n, c) -> b.skipCheckAdvAddr = c.flag(n) || b.skipCheckAdvAddr);
        g.on("vrrp_strict", (b, n, c) -> b.strict = c.flag(n) || b.strict);
        g.on("vrrp_startup_delay", (b, n, c) -> {
            if (c.arity(n, 1, 1)) {
                VrrpArgs.seconds(c, n, 0, "0", maxTimer).ifPresent(v -> b.startupDelay = v);
            }
        });
        g.on("max_auto_priority", (b, n, c) -> {
            if (c.arity(n, 0, 1)) {
                if (n.arg(0) == null) {
                    b.maxAutoPriority = 99;
                } else {
                    c.intArg(n, 0, -1, 99).ifPresent(v -> b.maxAutoPriority = v);
                }
            }
        });
        g.on("vrrp_priority", (b, n, c) -> {
            if (c.arity(n, 1, 1)) {
                c.intArg(n, 0, -20, 19).ifPresent(v -> b.vrrpPriority = v);
            }
        });
        g.on("checker_priority", (b, n, c) -> {
            if (c.arity(n, 1, 1)) {
                c.intArg(n, 0, -20, 19).ifPresent(v -> b.checkerPriority = v);
            }
        });
        g.on("vrrp_no_swap", (b, n, c) -> b.vrrpNoSwap = c.flag(n) || b.vrrpNoSwap);
        g.on("checker_no_swap", (b, n, c) -> b.checkerNoSwap = c.flag(n) || b.checkerNoSwap);
        g.on("vrrp_rt_priority", (b, n, c) -> {
            if (c.arity(n, 1, 1)) {
                c.intArg(n, 0, 1, 99).ifPresent(v -> b.vrrpRtPriority = v);
            }
        });
        g.on("checker_rt_priority", (b, n, c) -> {
            if (c.arity(n, 1, 1)) {
                c.intArg(n, 0, 1, 99).ifPresent(v -> b.checkerRtPriority = v);
            }
        });
        g.on("process_names", (b, n, c) -> b.processNames = c.flag(n) || b.processNames);
        g.on("notify_fifo", (b, n, c) -> fifo(c, n, b.notifyFifo));
        g.on("notify_fifo_script", (b, n, c) -> fifoScript(c, n, b.notifyFifo));
        g.on("vrrp_notify_fifo", (b, n, c) -> fifo(c, n, b.vrrpNotifyFifo));
        g.on("vrrp_notify_fifo_script", (b, n, c) -> fifoScript(c, n, b.vrrpNotifyFifo));
        g.on("lvs_notify_fifo", (b, n, c) -> fifo(c, n, b.lvsNotifyFifo));
        g.on("lvs_notify_fifo_script", (b, n, c) -> fifoScript(c, n, b.lvsNotifyFifo));
        g.on("dynamic_interfaces", (b, n, c) -> {
            if (c.arity(n, 0, 1)) {
                if (n.arg(0) == null) {
                    b.dynamicInterfaces = DynamicInterfaces.ON;
                } else if (n.arg(0).equals("allow_if_changes")) {
                    b.dynamicInterfaces = DynamicInterfaces.ALLOW_IF_CHANGES;
                } else {
                    c.error(n, "dynamic_interfaces: unknown option '" + n.arg(0) + "'");
                }
            }
        });
        g.on("reload_check_config", (b, n, c) -> {
            if (c.arity(n, 0, 1)) {
                b.reloadCheck = new ReloadCheck(Optional.ofNullable(n.arg(0)).map(Path::of));
            }
        });
        g.on("include_check", (b, n, c) -> b.includeCheck = String.join(" ", n.args()));
        g.on("vrrp_iptables", (b, n, c) -> {
            if (c.arity(n, 0, 2)) {
                b.firewall = new Firewall(Firewall.Kind.IPTABLES,
                        Optional.of(n.arg(0) == null ? Defaults.Global.IPTABLES_IN_CHAIN : n.arg(0)),
                        Optional.ofNullable(n.arg(0) == null ? Defaults.Global.IPTABLES_OUT_CHAIN : n.arg(1)));
            }
        });
        g.on("nftables", (b, n, c) -> {
            if (c.arity(n, 0, 1)) {
                b.firewall = new Firewall(Firewall.Kind.NFTABLES,
                        Optional.of(n.arg(0) == null ? Defaults.Global.NFTABLES_TABLE : n.arg(0)), Optional.empty());
            }
        });
        g.on("enable_dbus", (b, n, c) -> b.enableDbus = c.flag(n) || b.enableDbus);
        g.on("rs_init_notifies", (b, n, c) -> b.rsInitNotifies = c.flag(n) || b.rsInitNotifies);
        g.notSupported("net_namespace", "net_namespace_ipvs", "namespace_with_ipsets", "instance", "use_pid_dir",
                "linkbeat_use_polling", "child_wait_time", "tmp_config_directory", "config_save_dir", "process_name",
                "vrrp_process_name", "checker_process_name", "bfd_process_name", "startup_script",
                "startup_script_timeout", "shutdown_script", "shutdown_script_timeout", "vrrp_down_timer_adverts",
                "vrrp_notify_priority_changes", "min_auto_priority_delay", "bfd_priority", "bfd_no_swap",
                "bfd_rt_priority", "vrrp_cpu_affinity", "checker_cpu_affinity", "bfd_cpu_affinity",
                "vrrp_rlimit_rttime", "checker_rlimit_rttime", "bfd_rlimit_rttime", "vrrp_rlimit_rtime",
                "checker_rlimit_rtime", "bfd_rlimit_rtime", "vrrp_ipsets", "disable_local_igmp",
                "nftables_priority", "nftables_counters", "nftables_ifindex", "nftables_ipvs",
                "nftables_ipvs_priority", "nftables_ipvs_start_fwmark", "dbus_service_name",
                "fifo_write_vrrp_states_on_reload", "vrrp_netlink_cmd_rcv_bufs", "vrrp_netlink_cmd_rcv_bufs_force",
                "vrrp_netlink_monitor_rcv_bufs", "vrrp_netlink_monitor_rcv_bufs_force", "lvs_netlink_cmd_rcv_bufs",
                "lvs_netlink_cmd_rcv_bufs_force", "lvs_netlink_monitor_rcv_bufs",
                "lvs_netlink_monitor_rcv_bufs_force", "process_monitor_rcv_bufs", "process_monitor_rcv_bufs_force",
                "vrrp_rx_bufs_policy", "vrrp_rx_bufs_multiplier", "no_checker_emails", "umask", "log_unknown_vrids",
                "vmac_prefix", "vmac_addr_prefix", "random_seed", "reload_time_file", "reload_repeat", "reload_file",
                "data_use_instance");
        return g;
    }

    private static int atLeastOne(BindContext c, ConfigNode n, int v) {
        if (v == 0) {
            c.error(n, n.keyword() + " must be greater than 0, setting to 1");
            return 1;
        }
        return v;
    }

    private static Optional<InetAddress> multicast(BindContext c, ConfigNode n, boolean v4) {
        if (!c.arity(n, 1, 1)) {
            return Optional.empty();
        }
        Optional<InetAddress> a = c.address(n, 0);
        if (a.isEmpty()) {
            return a;
        }
        boolean family = v4 == (a.get() instanceof java.net.Inet4Address);
        if (!family || !a.get().isMulticastAddress()) {
            c.error(n, n.keyword() + " [" + n.arg(0) + "] is not " + (v4 ? "an IPv4" : "an IPv6") + " multicast address. Skipping");
            return Optional.empty();
        }
        return a;
    }

    private static Optional<GarpExtraIf> garpExtraIf(BindContext c, ConfigNode n) {
        if (!c.arity(n, 1, 2)) {
            return Optional.empty();
        }
        boolean all = n.arg(0).equals("all");
        int idx = all ? 1 : 0;
        if (n.args().size() != idx + 1) {
            c.error(n, n.keyword() + " takes [all] SECONDS");
            return Optional.empty();
        }
        return c.intArg(n, idx, 0, 86400).isPresent()
                ? Optional.of(new GarpExtraIf(Duration.ofSeconds(Long.parseLong(n.arg(idx))), all))
                : Optional.empty();
    }

    private static void fifo(BindContext c, ConfigNode n, FifoSpec spec) {
        if (c.arity(n, 1, 3)) {
            spec.fifoNode = n;
            spec.fifo = Path.of(n.arg(0));
            spec.user = n.arg(1);
            spec.group = n.arg(2);
        }
    }

    private static void fifoScript(BindContext c, ConfigNode n, FifoSpec spec) {
        VrrpArgs.script(c, n, 0).ifPresent(s -> {
            spec.script = s;
            spec.scriptNode = n;
        });
    }

    private static void lvsSyncDaemon(GlobalDefsBinder b, ConfigNode n, BindContext c) {
        if (!c.arity(n, 1, Integer.MAX_VALUE)) {
            return;
        }
        String ifname = n.arg(0);
        Optional<String> inst = Optional.empty();
        Optional<Integer> id = Optional.empty();
        Optional<Integer> maxlen = Optional.empty();
        Optional<Integer> port = Optional.empty();
        Optional<Integer> ttl = Optional.empty();
        Optional<InetAddress> group = Optional.empty();
        int i = 1;
        while (i < n.args().size()) {
            String word = n.arg(i);
            boolean hasValue = i + 1 < n.args().size();
            switch (word) {
                case "inst" -> inst = hasValue ? Optional.of(n.arg(i + 1)) : Optional.empty();
                case "id" -> id = hasValue ? VrrpArgs.boxed(c.intArg(n, i + 1, 0, 255)) : Optional.empty();
                case "maxlen" -> maxlen = hasValue ? VrrpArgs.boxed(c.intArg(n, i + 1, 1, 65507)) : Optional.empty();
                case "port" -> port = hasValue ? VrrpArgs.boxed(c.intArg(n, i + 1, 1, 65535)) : Optional.empty();
                case "ttl" -> ttl = hasValue ? VrrpArgs.boxed(c.intArg(n, i + 1, 1, 255)) : Optional.empty();
                case "group" -> group = hasValue ? c.address(n, i + 1) : Optional.empty();
                default -> {
                    if (i == 1) {
                        // "inst" can be omitted for backward compatibility.
                        inst = Optional.of(word);
                        i++;
                        continue;
                    }
                    c.error(n, "lvs_sync_daemon: unknown option '" + word + "'");
                    return;
                }
            }
            if (!hasValue) {
                c.error(n, "lvs_sync_daemon: '" + word + "' needs a value");
                return;
            }
            i += 2;
        }
        b.lvsSyncDaemon = new LvsSyncDaemon(ifname, inst, id, maxlen, port, ttl, group);
        b.lvsSyncDaemonNode = n;
    }

    private static void lvsTimeouts(GlobalDefsBinder b, ConfigNode n, BindContext c) {
        if (!c.arity(n, 2, 6) || n.args().size() % 2 != 0) {
            if (n.args().size() % 2 != 0) {
                c.error(n, "lvs_timeouts takes [tcp SECS] [tcpfin SECS] [udp SECS]");
            }
            return;
        }
        for (int i = 0; i < n.args().size(); i += 2) {
            var v = c.intArg(n, i + 1, 0, 86400 * 31);
            if (v.isEmpty()) {
                continue;
            }
            Duration d = Duration.ofSeconds(v.getAsInt());
            switch (n.arg(i)) {
                case "tcp" -> b.lvsTimeoutTcp = d;
                case "tcpfin" -> b.lvsTimeoutTcpFin = d;
                case "udp" -> b.lvsTimeoutUdp = d;
                default -> c.error(n, "lvs_timeouts: unknown protocol '" + n.arg(i) + "' (tcp, tcpfin or udp)");
            }
        }
    }

    private static Optional<NotifyFifo> fifoModel(BindContext c, FifoSpec spec) {
        if (spec.fifo == null) {
            if (spec.script != null) {
                c.warning(spec.scriptNode, spec.scriptNode.keyword() + " without its fifo; ignored");
            }
            return Optional.empty();
        }
        return Optional.of(new NotifyFifo(spec.fifo, Optional.ofNullable(spec.user), Optional.ofNullable(spec.group),
                Optional.ofNullable(spec.script)));
    }

    GlobalDefs build(BindContext ctx) {
        // vrrp_min_garp: one message, no second burst, no refresh messages, unless those were configured
        Duration masterDelay = or(garpMasterDelay, minGarp ? Duration.ZERO : Defaults.Global.VRRP_GARP_MASTER_DELAY);
        int masterRepeat = or(garpMasterRepeat, minGarp ? 1 : Defaults.Global.VRRP_GARP_MASTER_REPEAT);
        GlobalDefs.Email email = new GlobalDefs.Email(emails, Optional.ofNullable(emailFrom), Optional.ofNullable(smtpServer),
                Optional.ofNullable(smtpHelo), or(smtpConnectTimeout, Defaults.Global.SMTP_CONNECT_TIMEOUT),
                Optional.ofNullable(smtpAlert), Optional.ofNullable(smtpAlertVrrp), Optional.ofNullable(smtpAlertChecker),
                checkerLogAllFailures, noEmailFaults);
        GlobalDefs.Snmp snmp = new GlobalDefs.Snmp(snmpVrrp, snmpChecker, snmpRfcV2, snmpRfcV3, snmpTraps,
                or(snmpSocket, Defaults.Global.SNMP_SOCKET));
        GlobalDefs.VrrpGlobals vrrp = new GlobalDefs.VrrpGlobals(
                or(mcastGroup4, InetAddresses.parse(Defaults.Global.VRRP_MCAST_GROUP4).orElseThrow()),
                or(mcastGroup6, InetAddresses.parse(Defaults.Global.VRRP_MCAST_GROUP6).orElseThrow()),
                masterDelay, masterRepeat,
                or(garpMasterRefresh, Defaults.Global.VRRP_GARP_MASTER_REFRESH),
                or(garpMasterRefreshRepeat, minGarp ? 0 : Defaults.Global.VRRP_GARP_MASTER_REFRESH_REPEAT),
                // keepalived: the lower-priority GARP settings default to the master ones.
                or(garpLowerPrioDelay, masterDelay), or(garpLowerPrioRepeat, masterRepeat),
                or(garpInterval, Defaults.Global.VRRP_GARP_INTERVAL), or(gnaInterval, Defaults.Global.VRRP_GNA_INTERVAL),
                minGarp, Optional.ofNullable(garpExtraIf), lowerPrioNoAdvert, higherPrioSendAdvert,
                or(vrrpVersion, Defaults.Global.VRRP_VERSION), checkUnicastSrc, skipCheckAdvAddr, strict,
                Optional.ofNullable(startupDelay), or(defaultInterface, Defaults.Global.DEFAULT_INTERFACE));
        GlobalDefs.LvsGlobals lvs = new GlobalDefs.LvsGlobals(Optional.ofNullable(lvsSyncDaemon),
                Optional.ofNullable(lvsTimeoutTcp), Optional.ofNullable(lvsTimeoutTcpFin), Optional.ofNullable(lvsTimeoutUdp),
                lvsFlush, lvsFlushOnStop);
        GlobalDefs.ProcessSettings process = new GlobalDefs.ProcessSettings(Optional.ofNullable(maxAutoPriority),
                Optional.ofNullable(vrrpPriority), Optional.ofNullable(checkerPriority), vrrpNoSwap, checkerNoSwap,
                Optional.ofNullable(vrrpRtPriority), Optional.ofNullable(checkerRtPriority), processNames);
        if (lvsSyncDaemon != null && !ctx.host().interfaceExists(lvsSyncDaemon.interfaceName())) {
            ctx.error(lvsSyncDaemonNode, "lvs_sync_daemon interface " + lvsSyncDaemon.interfaceName() + " doesn't exist");
        }
        return new GlobalDefs(Optional.ofNullable(routerId), email, scriptSecurity, Optional.ofNullable(scriptUser),
                Optional.ofNullable(scriptGroup), snmp, vrrp, lvs, process, fifoModel(ctx, notifyFifo),
                fifoModel(ctx, vrrpNotifyFifo), fifoModel(ctx, lvsNotifyFifo), dynamicInterfaces,
                Optional.ofNullable(reloadCheck), Optional.ofNullable(includeCheck), Optional.ofNullable(firewall),
                enableDbus, rsInitNotifies);
    }

    /** The model with nothing configured: keepalived's defaults only. */
    static GlobalDefs defaults() {
        return new GlobalDefsBinder().build(new BindContext(new org.keepalived4j.config.Diagnostics(),
                org.keepalived4j.config.HostEnvironment.permissive()));
    }

    static <T> T or(T value, T fallback) {
        return value != null ? value : fallback;
    }
}
