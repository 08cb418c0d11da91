package org.keepalived4j.config.dump;

import static org.keepalived4j.config.dump.GlobalDefsWriter.flag;
import static org.keepalived4j.config.dump.GlobalDefsWriter.onOff;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.keepalived4j.config.bind.InetAddresses;
import org.keepalived4j.config.bind.VrrpText;
import org.keepalived4j.config.model.ScriptCommand;
import org.keepalived4j.config.model.vrrp.AddressFamily;
import org.keepalived4j.config.model.vrrp.NextHop;
import org.keepalived4j.config.model.vrrp.NotifyScripts;
import org.keepalived4j.config.model.vrrp.RouteType;
import org.keepalived4j.config.model.vrrp.SyncGroup;
import org.keepalived4j.config.model.vrrp.TrackFile;
import org.keepalived4j.config.model.vrrp.TrackProcess;
import org.keepalived4j.config.model.vrrp.TrackedObject;
import org.keepalived4j.config.model.vrrp.VirtualAddress;
import org.keepalived4j.config.model.vrrp.VirtualRoute;
import org.keepalived4j.config.model.vrrp.VirtualRule;
import org.keepalived4j.config.model.vrrp.VrrpConfig;
import org.keepalived4j.config.model.vrrp.VrrpInstance;
import org.keepalived4j.config.model.vrrp.VrrpScript;

/** static_*, vrrp_script, track_file, vrrp_track_process, vrrp_instance, vrrp_sync_group, all values explicit. */
final class VrrpWriter {
    private VrrpWriter() {}

    static void write(VrrpConfig m, ConfText out) {
        if (!m.staticAddresses().isEmpty()) {
            out.open("static_ipaddress");
            m.staticAddresses().forEach(a -> address(out, a));
            out.close();
        }
        if (!m.staticRoutes().isEmpty()) {
            out.open("static_routes");
            m.staticRoutes().forEach(r -> route(out, r));
            out.close();
        }
        if (!m.staticRules().isEmpty()) {
            out.open("static_rules");
            m.staticRules().forEach(r -> rule(out, r));
            out.close();
        }
        m.scripts().forEach(s -> script(out, s));
        m.trackFiles().forEach(f -> trackFile(out, f));
        m.trackProcesses().forEach(p -> trackProcess(out, p));
        m.instances().forEach(i -> instance(out, i));
        m.syncGroups().forEach(g -> syncGroup(out, g));
    }

    private static void script(ConfText out, VrrpScript s) {
        out.open("vrrp_script", s.name());
        out.line("script", s.script().commandLine());
        out.line("interval", VrrpText.seconds(s.interval()));
        s.timeout().ifPresent(t -> out.line("timeout", VrrpText.seconds(t)));
        out.line("weight", s.weight(), s.weightReverse() ? "reverse" : null);
        out.line("rise", s.rise());
        out.line("fall", s.fall());
        s.script().user().ifPresent(u -> out.line("user", u, s.script().group().orElse(null)));
        flag(out, "init_fail", s.initFail());
        out.close();
    }

    private static void trackFile(ConfText out, TrackFile f) {
        out.open("track_file", f.name());
        out.line("file", f.file().toString());
        out.line("weight", f.weight(), f.weightReverse() ? "reverse" : null);
        f.initFile().ifPresent(i -> out.line("init_file", i.value(), i.overwrite() ? "overwrite" : null));
        out.close();
    }

    private static void trackProcess(ConfText out, TrackProcess p) {
        out.open("vrrp_track_process", p.name());
        List<Object> words = new ArrayList<>();
        words.add(p.processName());
        words.addAll(p.parameters());
        out.line("process", words.toArray());
        switch (p.paramMatch()) {
            case INITIAL -> out.line("param_match", "initial");
            case PARTIAL -> out.line("param_match", "partial");
            case EXACT -> {
                if (p.parameters().isEmpty()) {
                    out.line("param_match");
                }
            }
            case NONE -> {
                if (p.fullCommand()) {
                    out.line("full_command");
                }
            }
        }
        out.line("weight", p.weight(), p.weightReverse() ? "reverse" : null);
        // quorum_max first: keepalived checks each against the other as it reads them
        if (p.quorumMax() != TrackProcess.NO_QUORUM_MAX) {
            out.line("quorum_max", p.quorumMax());
        }
        if (p.quorum() >= 1) {
            out.line("quorum", p.quorum());
        }
        if (p.forkDelay().equals(p.terminateDelay())) {
            if (!p.forkDelay().isZero()) {
                out.line("delay", VrrpText.seconds(p.forkDelay()));
            }
        } else {
            if (!p.forkDelay().isZero()) {
                out.line("fork_delay", VrrpText.seconds(p.forkDelay()));
            }
            if (!p.terminateDelay().isZero()) {
                out.line("terminate_delay", VrrpText.seconds(p.terminateDelay()));
            }
        }
        out.close();
    }

    private static void syncGroup(ConfText out, SyncGroup g) {
        out.open("vrrp_sync_group", g.name());
        out.open("group");
        g.members().forEach(out::line);
        out.close();
        tracked(out, "track_interface", g.trackInterfaces());
        tracked(out, "track_script", g.trackScripts());
        tracked(out, "track_file", g.trackFiles());
        notify(out, g.notifyScripts());
        out.line("smtp_alert", onOff(g.smtpAlert()));
        out.close();
    }

    private static void instance(ConfText out, VrrpInstance i) {
        out.open("vrrp_instance", i.name());
        out.line("state", i.initialState().name());
        i.interfaceName().ifPresent(n -> out.line("interface", n));
        out.line("virtual_router_id", i.virtualRouterId());
        out.line("priority", i.priority());
        out.line("advert_int", VrrpText.seconds(i.advertInterval()));
        out.line("version", i.version());
        out.line(i.preempt() ? "preempt" : "nopreempt");
        out.line("preempt_delay", VrrpText.seconds(i.preemptDelay()));
        i.authentication().ifPresent(a -> {
            out.open("authentication");
            out.line("auth_type", a.type().name());
            out.line("auth_pass", a.password());
            out.close();
        });
        i.sourceAddress().ifPresent(a -> out.line("mcast_src_ip", InetAddresses.format(a)));
        if (!i.virtualAddresses().isEmpty()) {
            out.open("virtual_ipaddress");
            i.virtualAddresses().forEach(a -> address(out, a));
            out.close();
        }
        if (!i.excludedAddresses().isEmpty()) {
            out.open("virtual_ipaddress_excluded");
            i.excludedAddresses().forEach(a -> address(out, a));
            out.close();
        }
        if (!i.virtualRoutes().isEmpty()) {
            out.open("virtual_routes");
            i.virtualRoutes().forEach(r -> route(out, r));
            out.close();
        }
        if (!i.virtualRules().isEmpty()) {
            out.open("virtual_rules");
            i.virtualRules().forEach(r -> rule(out, r));
            out.close();
        }
        tracked(out, "track_interface", i.trackInterfaces());
        tracked(out, "track_script", i.trackScripts());
        tracked(out, "track_file", i.trackFiles());
        tracked(out, "track_process", i.trackProcesses());
        notify(out, i.notifyScripts());
        out.line("notify_priority_changes", onOff(i.notifyPriorityChanges()));
        out.line("smtp_alert", onOff(i.smtpAlert()));
        if (i.isUnicast()) {
            out.open("unicast_peer");
            i.unicastPeers().forEach(p -> out.line(InetAddresses.format(p.address())
                    + (p.hasTtlRange() ? " min_ttl " + p.minTtl() + " max_ttl " + p.maxTtl() : "")));
            out.close();
            // keepalived resets (and reports) unicast_ttl on a multicast instance, so it is written with peers only
            out.line("unicast_ttl", i.unicastTtl());
        }
        out.line("mcast_dst_ip", InetAddresses.format(i.multicastGroup()));
        flag(out, "check_unicast_src", i.checkUnicastSource());
        flag(out, "track_src_ip", i.trackSourceIp());
        i.vmac().ifPresent(v -> out.line("use_vmac", v.interfaceName(), v.macAddress()));
        flag(out, "vmac_xmit_base", i.vmacTransmitOnBase());
        out.line(i.accept() ? "accept" : "no_accept");
        out.line("strict_mode", onOff(i.strictMode()));
        out.line("skip_check_adv_addr", onOff(i.skipCheckAdvertAddresses()));
        flag(out, "dont_track_primary", i.dontTrackPrimary());
        flag(out, "promote_secondaries", i.promoteSecondaries());
        out.line("garp_master_delay", i.garp().masterDelay().toSeconds());
        out.line("garp_master_repeat", i.garp().masterRepeat());
        out.line("garp_master_refresh", i.garp().masterRefresh().toSeconds());
        if (i.garp().masterRefreshRepeat() > 0) { // 0 only comes from vrrp_min_garp, which the global part carries
            out.line("garp_master_refresh_repeat", i.garp().masterRefreshRepeat());
        }
        out.line("garp_lower_prio_delay", i.garp().lowerPrioDelay().toSeconds());
        out.line("garp_lower_prio_repeat", i.garp().lowerPrioRepeat());
        out.line("lower_prio_no_advert", onOff(i.lowerPrioNoAdvert()));
        out.line("higher_prio_send_advert", onOff(i.higherPrioSendAdvert()));
        out.close();
    }

    private static void notify(ConfText out, NotifyScripts n) {
        scriptLine(out, "notify_master", n.master());
        scriptLine(out, "notify_backup", n.backup());
        scriptLine(out, "notify_fault", n.fault());
        scriptLine(out, "notify_stop", n.stop());
        scriptLine(out, "notify", n.any());
        scriptLine(out, "notify_master_rx_lower_pri", n.masterRxLowerPriority());
        if (n.deleted().isPresent()) {
            scriptLine(out, "notify_deleted", n.deleted());
        } else if (n.notifyDeleted()) {
            out.line("notify_deleted");
        }
    }

    private static void scriptLine(ConfText out, String keyword, Optional<ScriptCommand> s) {
        s.ifPresent(c -> out.line(keyword, c.commandLine(), c.user().orElse(null), c.group().orElse(null)));
    }

    private static void tracked(ConfText out, String keyword, List<TrackedObject> list) {
        if (list.isEmpty()) {
            return;
        }
        out.open(keyword);
        list.forEach(t -> out.line(t.name(), "weight", t.weight(), t.reverse() ? "reverse" : null));
        out.close();
    }

    private static void address(ConfText out, VirtualAddress a) {
        List<Object> w = new ArrayList<>();
        a.broadcast().ifPresent(b -> add(w, "brd", InetAddresses.format(b)));
        a.device().ifPresent(d -> add(w, "dev", d));
        add(w, "scope", a.scope().keyword());
        a.label().ifPresent(l -> add(w, "label", l));
        if (a.useVmac()) {
            w.add("use_vmac");
        }
        if (a.noTrack()) {
            w.add("no_track");
        }
        a.preferredLifetime().ifPresent(p -> add(w, "preferred_lft", p == VirtualAddress.PREFERRED_LFT_FOREVER ? "forever" : p));
        out.line(a.address().toString(), w.toArray());
    }

    private static void route(ConfText out, VirtualRoute r) {
        List<Object> w = new ArrayList<>();
        w.add(r.destination().toString());
        r.source().ifPresent(s -> add(w, "src", InetAddresses.format(s)));
        r.via().ifPresent(v -> add(w, "via", InetAddresses.format(v)));
        r.device().ifPresent(d -> add(w, "dev", d));
        r.table().ifPresent(t -> add(w, "table", t));
        r.metric().ifPresent(m -> add(w, "metric", m));
        r.scope().ifPresent(s -> add(w, "scope", s.keyword()));
        r.protocol().ifPresent(p -> add(w, "protocol", p));
        r.mtu().ifPresent(m -> add(w, "mtu", m));
        if (r.onlink()) {
            w.add("onlink");
        }
        if (r.append()) {
            w.add("append");
        }
        if (r.noTrack()) {
            w.add("no_track");
        }
        for (NextHop h : r.nextHops()) {
            w.add("nexthop");
            h.via().ifPresent(v -> add(w, "via", InetAddresses.format(v)));
            h.device().ifPresent(d -> add(w, "dev", d));
            h.weight().ifPresent(x -> add(w, "weight", x));
            if (h.onlink()) {
                w.add("onlink");
            }
        }
        if (r.type() == RouteType.UNICAST) {
            out.line(w.get(0).toString(), w.subList(1, w.size()).toArray());
        } else {
            out.line(r.type().keyword(), w.toArray());
        }
    }

    private static void rule(ConfText out, VirtualRule r) {
        List<Object> w = new ArrayList<>();
        if (r.not()) {
            w.add("not");
        }
        r.from().ifPresent(p -> add(w, "from", p.toString()));
        r.to().ifPresent(p -> add(w, "to", p.toString()));
        r.table().ifPresent(t -> add(w, "table", t));
        r.preference().ifPresent(p -> add(w, "preference", p));
        r.fwmark().ifPresent(f -> add(w, "fwmark", f + r.fwmask().map(m -> "/" + m).orElse("")));
        r.tos().ifPresent(t -> add(w, "tos", t));
        r.inputInterface().ifPresent(i -> add(w, "iif", i));
        r.outputInterface().ifPresent(o -> add(w, "oif", o));
        if (r.noTrack()) {
            w.add("no_track");
        }
        boolean v6FromAddresses = r.from().map(p -> !p.isIpv4()).orElse(false) || r.to().map(p -> !p.isIpv4()).orElse(false);
        if (r.family() == AddressFamily.IPV6 && !v6FromAddresses) {
            w.add("inet6");
        }
        out.line(w.get(0).toString(), w.subList(1, w.size()).toArray());
    }

    private static void add(List<Object> w, String option, Object value) {
        w.add(option);
        w.add(value);
    }
}
