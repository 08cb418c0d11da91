package org.keepalived4j.config.dump;

import org.keepalived4j.config.bind.InetAddresses;
import org.keepalived4j.config.bind.VrrpText;
import org.keepalived4j.config.model.GlobalDefs;

/** global_defs with every effective value written out. */
final class GlobalDefsWriter {
    private GlobalDefsWriter() {}

    static void write(GlobalDefs m, ConfText out) {
        out.open("global_defs");
        m.routerId().ifPresent(v -> out.line("router_id", v));
        GlobalDefs.Email e = m.email();
        if (!e.notificationEmails().isEmpty()) {
            out.open("notification_email");
            e.notificationEmails().forEach(out::line);
            out.close();
        }
        e.from().ifPresent(v -> out.line("notification_email_from", v));
        e.smtpServer().ifPresent(v -> out.line("smtp_server", v.host(), v.port()));
        e.heloName().ifPresent(v -> out.line("smtp_helo_name", v));
        out.line("smtp_connect_timeout", e.connectTimeout().toSeconds());
        e.smtpAlert().ifPresent(v -> out.line("smtp_alert", onOff(v)));
        e.smtpAlertVrrp().ifPresent(v -> out.line("smtp_alert_vrrp", onOff(v)));
        e.smtpAlertChecker().ifPresent(v -> out.line("smtp_alert_checker", onOff(v)));
        out.line("checker_log_all_failures", onOff(e.checkerLogAllFailures()));
        flag(out, "no_email_faults", e.noEmailFaults());
        flag(out, "enable_script_security", m.enableScriptSecurity());
        m.scriptUser().ifPresent(u -> out.line("script_user", u, m.scriptGroup().orElse(null)));
        GlobalDefs.Snmp s = m.snmp();
        flag(out, "enable_snmp_vrrp", s.vrrp());
        flag(out, "enable_snmp_checker", s.checker());
        flag(out, "enable_snmp_rfcv2", s.rfcV2());
        flag(out, "enable_snmp_rfcv3", s.rfcV3());
        flag(out, "enable_traps", s.traps());
        out.line("snmp_socket", s.socket());
        GlobalDefs.VrrpGlobals v = m.vrrp();
        out.line("vrrp_mcast_group4", InetAddresses.format(v.mcastGroup4()));
        out.line("vrrp_mcast_group6", InetAddresses.format(v.mcastGroup6()));
        out.line("default_interface", v.defaultInterface());
        out.line("vrrp_garp_master_delay", v.garpMasterDelay().toSeconds());
        out.line("vrrp_garp_master_repeat", v.garpMasterRepeat());
        out.line("vrrp_garp_master_refresh", v.garpMasterRefresh().toSeconds());
        if (v.garpMasterRefreshRepeat() > 0) { // 0 only comes from vrrp_min_garp (written below); keepalived rejects it
            out.line("vrrp_garp_master_refresh_repeat", v.garpMasterRefreshRepeat());
        }
        out.line("vrrp_garp_lower_prio_delay", v.garpLowerPrioDelay().toSeconds());
        out.line("vrrp_garp_lower_prio_repeat", v.garpLowerPrioRepeat());
        // zero means "no pause between GARPs"; keepalived accepts only 0.000001 s upwards, so zero is left unwritten
        if (!v.garpInterval().isZero()) {
            out.line("vrrp_garp_interval", VrrpText.seconds(v.garpInterval()));
        }
        if (!v.gnaInterval().isZero()) {
            out.line("vrrp_gna_interval", VrrpText.seconds(v.gnaInterval()));
        }
        out.line("vrrp_min_garp", onOff(v.minGarp()));
        v.garpExtraIf().ifPresent(x -> out.line("vrrp_garp_extra_if", x.all() ? "all" : null, x.interval().toSeconds()));
        out.line("vrrp_lower_prio_no_advert", onOff(v.lowerPrioNoAdvert()));
        out.line("vrrp_higher_prio_send_advert", onOff(v.higherPrioSendAdvert()));
        out.line("vrrp_version", v.version());
        flag(out, "vrrp_check_unicast_src", v.checkUnicastSrc());
        flag(out, "vrrp_skip_check_adv_addr", v.skipCheckAdvAddr());
        flag(out, "vrrp_strict", v.strict());
        v.startupDelay().ifPresent(d -> out.line("vrrp_startup_delay", VrrpText.seconds(d)));
        GlobalDefs.LvsGlobals l = m.lvs();
        l.syncDaemon().ifPresent(d -> out.line("lvs_sync_daemon", d.interfaceName(),
                d.vrrpInstance().isPresent() ? "inst" : null, d.vrrpInstance().orElse(null),
                d.syncId().isPresent() ? "id" : null, d.syncId().orElse(null),
                d.maxLength().isPresent() ? "maxlen" : null, d.maxLength().orElse(null),
                d.port().isPresent() ? "port" : null, d.port().orElse(null),
                d.ttl().isPresent() ? "ttl" : null, d.ttl().orElse(null),
                d.group().isPresent() ? "group" : null, d.group().map(InetAddresses::format).orElse(null)));
        if (l.timeoutTcp().isPresent() || l.timeoutTcpFin().isPresent() || l.timeoutUdp().isPresent()) {
            out.line("lvs_timeouts",
                    l.timeoutTcp().isPresent() ? "tcp" : null, l.timeoutTcp().map(d -> d.toSeconds()).orElse(null),
                    l.timeoutTcpFin().isPresent() ? "tcpfin" : null, l.timeoutTcpFin().map(d -> d.toSeconds()).orElse(null),
                    l.timeoutUdp().isPresent() ? "udp" : null, l.timeoutUdp().map(d -> d.toSeconds()).orElse(null));
        }
        flag(out, "lvs_flush", l.flush());
        switch (l.flushOnStop()) {
            case ALL -> out.line("lvs_flush_on_stop");
            case VS -> out.line("lvs_flush_on_stop", "VS");
            case NONE -> { }
        }
        GlobalDefs.ProcessSettings p = m.process();
        p.maxAutoPriority().ifPresent(x -> out.line("max_auto_priority", x));
        p.vrrpPriority().ifPresent(x -> out.line("vrrp_priority", x));
        p.checkerPriority().ifPresent(x -> out.line("checker_priority", x));
        flag(out, "vrrp_no_swap", p.vrrpNoSwap());
        flag(out, "checker_no_swap", p.checkerNoSwap());
        p.vrrpRtPriority().ifPresent(x -> out.line("vrrp_rt_priority", x));
        p.checkerRtPriority().ifPresent(x -> out.line("checker_rt_priority", x));
        flag(out, "process_names", p.processNames());
        fifo(out, "notify_fifo", m.notifyFifo());
        fifo(out, "vrrp_notify_fifo", m.vrrpNotifyFifo());
        fifo(out, "lvs_notify_fifo", m.lvsNotifyFifo());
        switch (m.dynamicInterfaces()) {
            case ON -> out.line("dynamic_interfaces");
            case ALLOW_IF_CHANGES -> out.line("dynamic_interfaces", "allow_if_changes");
            case OFF -> { }
        }
        m.reloadCheckConfig().ifPresent(r -> out.line("reload_check_config", r.logFile().map(Object::toString).orElse(null)));
        m.includeCheck().ifPresent(x -> out.line("include_check", (Object[]) (x.isEmpty() ? new String[0] : x.split(" "))));
        m.firewall().ifPresent(f -> out.line(f.kind() == GlobalDefs.Firewall.Kind.IPTABLES ? "vrrp_iptables" : "nftables",
                f.inChainOrTable().orElse(null), f.outChain().orElse(null)));
        flag(out, "enable_dbus", m.enableDbus());
        flag(out, "rs_init_notifies", m.rsInitNotifies());
        out.close();
    }

    private static void fifo(ConfText out, String keyword, java.util.Optional<GlobalDefs.NotifyFifo> fifo) {
        fifo.ifPresent(f -> {
            out.line(keyword, f.fifo().toString(), f.user().orElse(null), f.group().orElse(null));
            f.script().ifPresent(s -> out.line(keyword + "_script", s.commandLine(), s.user().orElse(null), s.group().orElse(null)));
        });
    }

    static String onOff(boolean v) {
        return v ? "on" : "off";
    }

    static void flag(ConfText out, String keyword, boolean on) {
        if (on) {
            out.line(keyword);
        }
    }
}
