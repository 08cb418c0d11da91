package org.keepalived4j.config.bind;

import java.math.BigDecimal;
import java.net.InetAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import org.keepalived4j.config.model.ScriptCommand;
import org.keepalived4j.config.model.vrrp.AddressFamily;
import org.keepalived4j.config.model.vrrp.AuthType;
import org.keepalived4j.config.model.vrrp.UnicastPeer;
import org.keepalived4j.config.model.vrrp.VirtualAddress;
import org.keepalived4j.config.model.vrrp.VirtualRoute;
import org.keepalived4j.config.model.vrrp.VirtualRule;
import org.keepalived4j.config.model.vrrp.VrrpState;
import org.keepalived4j.config.syntax.ConfigNode;

/**
 * The statements of one {@code vrrp_instance} as written (null = not written). {@link VrrpBinder}
 * turns it into the effective {@code VrrpInstance} once globals and the other blocks are known.
 */
final class VrrpInstanceBinder {
    static final BlockGrammar<VrrpInstanceBinder> GRAMMAR = grammar();
    private static final String BLOCK = "vrrp_instance";

    /** A track_* line: the object name, the line (for messages), the weight if written, reverse. */
    record TrackLine(String name, ConfigNode where, Optional<Integer> weight, boolean reverse) {}

    final String name;
    final ConfigNode node;
    VrrpState state;
    String interfaceName;
    ConfigNode interfaceNode;
    Integer vrid;
    Integer priority;
    BigDecimal advertInt;
    ConfigNode advertNode;
    Integer version;
    ConfigNode versionNode;
    boolean nopreempt;
    Duration preemptDelay;
    AuthType authType;
    String authPass;
    ConfigNode authNode;
    AddressFamily family;
    final List<VirtualAddress> vips = new ArrayList<>();
    final List<ConfigNode> vipNodes = new ArrayList<>();
    final List<VirtualAddress> excluded = new ArrayList<>();
    final List<ConfigNode> excludedNodes = new ArrayList<>();
    final List<VirtualRoute> routes = new ArrayList<>();
    final List<ConfigNode> routeNodes = new ArrayList<>();
    final List<VirtualRule> rules = new ArrayList<>();
    final List<ConfigNode> ruleNodes = new ArrayList<>();
    final List<TrackLine> trackInterfaces = new ArrayList<>();
    final List<TrackLine> trackScripts = new ArrayList<>();
    final List<TrackLine> trackFiles = new ArrayList<>();
    final List<TrackLine> trackProcesses = new ArrayList<>();
    ScriptCommand notifyMaster;
    ScriptCommand notifyBackup;
    ScriptCommand notifyFault;
    ScriptCommand notifyStop;
    ScriptCommand notify;
    ScriptCommand notifyMasterRxLowerPri;
    boolean notifyDeleted;
    ScriptCommand notifyDeletedScript;
    /** Every notify script with its statement, for the script checks. */
    final List<ScriptAt> scriptUses = new ArrayList<>();

    /** A script and the statement that configured it. */
    record ScriptAt(ScriptCommand script, ConfigNode where) {}
    boolean notifyPriorityChanges;
    Boolean smtpAlert;
    InetAddress sourceAddress;
    final List<UnicastPeer> peers = new ArrayList<>();
    Integer unicastTtl;
    Boolean checkUnicastSrc;
    boolean trackSrcIp;
    InetAddress mcastDst;
    ConfigNode mcastDstNode;
    boolean useVmac;
    String vmacName;
    String vmacMac;
    ConfigNode vmacNode;
    boolean vmacXmitBase;
    Boolean accept;
    ConfigNode acceptNode;
    Boolean strictMode;
    Boolean skipCheckAdvAddr;
    boolean dontTrackPrimary;
    boolean promoteSecondaries;
    Duration garpMasterDelay;
    Integer garpMasterRepeat;
    Duration garpMasterRefresh;
    Integer garpMasterRefreshRepeat;
    Duration garpLowerPrioDelay;
    Integer garpLowerPrioRepeat;
    Boolean lowerPrioNoAdvert;
    Boolean higherPrioSendAdvert;

    VrrpInstanceBinder(String name, ConfigNode node) {
        this.name = name;
        this.node = node;
    }

    private String tag() {
        return "(" + name + ")";
    }

    /** The first address written decides the instance's family, as in keepalived. */
    private boolean sameFamily(BindContext c, ConfigNode where, InetAddress a, String what) {
        AddressFamily f = AddressFamily.of(a);
        if (family == null) {
            family = f;
            return true;
        }
        if (family != f) {
            c.error(where, tag() + ": " + what + " address family must match VRRP instance [" + InetAddresses.format(a) + "] - ignoring");
            return false;
        }
        return true;
    }

    static BlockGrammar<VrrpInstanceBinder> grammar() {
        BlockGrammar<VrrpInstanceBinder> g = new BlockGrammar<>(BLOCK);
        g.on("state", (b, n, c) -> {
            if (c.arity(n, 1, 1)) {
                // keepalived compares case-sensitively: "master" is an unknown state
                switch (n.arg(0)) {
                    case "MASTER" -> b.state = VrrpState.MASTER;
                    case "BACKUP" -> b.state = VrrpState.BACKUP;
                    default -> {
                        c.error(n, b.tag() + " unknown state '" + n.arg(0) + "', defaulting to BACKUP (MASTER or BACKUP)");
                        b.state = VrrpState.BACKUP;
                    }
                }
            }
        });
        g.on("interface", (b, n, c) -> {
            if (c.arity(n, 1, 1)) {
                if (n.arg(0).equals("lo")) {
                    c.error(n, b.tag() + " cannot use a loopback interface (lo) for vrrp - ignoring");
                    return;
                }
                b.interfaceName = n.arg(0);
                b.interfaceNode = n;
            }
        });
        g.on("virtual_router_id", (b, n, c) -> {
            if (c.arity(n, 1, 1)) {
                c.intArg(n, 0, 1, 255).ifPresent(v -> b.vrid = v);
            }
        });
        g.on("priority", (b, n, c) -> {
            if (c.arity(n, 1, 1)) {
                var v = c.intArg(n, 0, 1, 255);
                if (v.isPresent()) {
                    b.priority = v.getAsInt();
                }
            }
        });
        g.on("advert_int", (b, n, c) -> {
            if (c.arity(n, 1, 1)) {
                c.decimal(n, 0, new BigDecimal("0.01"), new BigDecimal("255")).ifPresent(v -> {
                    b.advertInt = v;
                    b.advertNode = n;
                });
            }
        });
        g.on("version", (b, n, c) -> {
            if (c.arity(n, 1, 1)) {
                c.intArg(n, 0, 2, 3).ifPresent(v -> {
                    b.version = v;
                    b.versionNode = n;
                });
            }
        });
        g.on("nopreempt", (b, n, c) -> b.nopreempt = c.flag(n) || b.nopreempt);
        g.on("preempt", (b, n, c) -> {
            if (c.flag(n)) {
                b.nopreempt = false;
            }
        });
        g.on("preempt_delay", (b, n, c) -> {
            if (c.arity(n, 1, 1)) {
                VrrpArgs.seconds(c, n, 0, "0", "1000").ifPresent(v -> b.preemptDelay = v);
            }
        });
        g.on("authentication", (b, n, c) -> c.block(n).ifPresent(lines -> AUTH.bind(lines, b, c)));
        g.on("virtual_ipaddress", (b, n, c) -> c.block(n).ifPresent(lines -> {
            for (ConfigNode line : lines) {
                VrrpIpLines.address(c, line, "virtual_ipaddress", true).ifPresent(a -> {
                    if (b.sameFamily(c, line, a.address().address(), "virtual_ipaddress")) {
                        b.vips.add(a);
                        b.vipNodes.add(line);
                    }
                });
            }
        }));
        g.on("virtual_ipaddress_excluded", (b, n, c) -> c.block(n).ifPresent(lines -> {
            for (ConfigNode line : lines) {
                VrrpIpLines.address(c, line, "virtual_ipaddress_excluded", true).ifPresent(a -> {
                    b.excluded.add(a);
                    b.excludedNodes.add(line);
                });
            }
        }));
        g.on("virtual_routes", (b, n, c) -> c.block(n).ifPresent(lines -> {
            for (ConfigNode line : lines) {
                VrrpIpLines.route(c, line, "virtual_routes").ifPresent(r -> {
                    b.routes.add(r);
                    b.routeNodes.add(line);
                });
            }
        }));
        g.on("virtual_rules", (b, n, c) -> c.block(n).ifPresent(lines -> {
            for (ConfigNode line : lines) {
                VrrpIpLines.rule(c, line, "virtual_rules").ifPresent(r -> {
                    b.rules.add(r);
                    b.ruleNodes.add(line);
                });
            }
        }));
        g.on("track_interface", (b, n, c) -> trackBlock(c, n, b.trackInterfaces, -253, 253, "track_interface"));
        g.on("track_script", (b, n, c) -> trackBlock(c, n, b.trackScripts, -253, 253, "track_script"));
        g.on("track_file", (b, n, c) -> trackBlock(c, n, b.trackFiles, -254, 254, "track_file"));
        g.on("track_process", (b, n, c) -> trackBlock(c, n, b.trackProcesses, -254, 254, "track_process"));
        g.on("notify_master", (b, n, c) -> VrrpArgs.script(c, n, 0).ifPresent(s -> {
            b.notifyMaster = s;
            b.scriptUses.add(new ScriptAt(s, n));
        }));
        g.on("notify_backup", (b, n, c) -> VrrpArgs.script(c, n, 0).ifPresent(s -> {
            b.notifyBackup = s;
            b.scriptUses.add(new ScriptAt(s, n));
        }));
        g.on("notify_fault", (b, n, c) -> VrrpArgs.script(c, n, 0).ifPresent(s -> {
            b.notifyFault = s;
            b.scriptUses.add(new ScriptAt(s, n));
        }));
        g.on("notify_stop", (b, n, c) -> VrrpArgs.script(c, n, 0).ifPresent(s -> {
            b.notifyStop = s;
            b.scriptUses.add(new ScriptAt(s, n));
        }));
        g.on("notify", (b, n, c) -> VrrpArgs.script(c, n, 0).ifPresent(s -> {
            b.notify = s;
            b.scriptUses.add(new ScriptAt(s, n));
        }));
        g.on("notify_master_rx_lower_pri", (b, n, c) -> VrrpArgs.script(c, n, 0).ifPresent(s -> {
            b.notifyMasterRxLowerPri = s;
            b.scriptUses.add(new ScriptAt(s, n));
        }));
        g.on("notify_deleted", (b, n, c) -> {
            b.notifyDeleted = true;
            if (!n.args().isEmpty()) {
                VrrpArgs.script(c, n, 0).ifPresent(s -> {
                    b.notifyDeletedScript = s;
                    b.scriptUses.add(new ScriptAt(s, n));
                });
            }
        });
        g.on("notify_priority_changes", (b, n, c) -> VrrpArgs.bool(c, n, 0).ifPresent(v -> b.notifyPriorityChanges = v));
        g.on("smtp_alert", (b, n, c) -> VrrpArgs.bool(c, n, 0).ifPresent(v -> b.smtpAlert = v));
        g.on("mcast_src_ip", VrrpInstanceBinder::sourceIp);
        g.on("unicast_src_ip", VrrpInstanceBinder::sourceIp);
        g.on("unicast_peer", (b, n, c) -> c.block(n).ifPresent(lines -> {
            for (ConfigNode line : lines) {
                Optional<InetAddress> a = InetAddresses.parse(line.keyword());
                if (a.isEmpty()) {
                    c.error(line, b.tag() + ": invalid unicast_peer address '" + line.keyword() + "'");
                } else if (b.sameFamily(c, line, a.get(), "unicast peer")) {
                    if (b.peers.stream().anyMatch(p -> p.address().equals(a.get()))) {
                        c.warning(line, b.tag() + ": duplicate unicast_peer " + line.keyword() + " - ignoring");
                    } else {
                        b.peers.add(unicastPeer(b, line, a.get(), c));
                    }
                }
            }
        }));
        g.on("unicast_ttl", (b, n, c) -> {
            if (c.arity(n, 1, 1)) {
                c.intArg(n, 0, 0, 255).ifPresent(v -> b.unicastTtl = v);
            }
        });
        g.on("check_unicast_src", (b, n, c) -> {
            if (c.flag(n)) {
                b.checkUnicastSrc = true;
            }
        });
        g.on("track_src_ip", (b, n, c) -> b.trackSrcIp = c.flag(n) || b.trackSrcIp);
        g.on("mcast_dst_ip", (b, n, c) -> {
            if (c.arity(n, 1, 1)) {
                c.address(n, 0).ifPresent(a -> {
                    if (!a.isMulticastAddress()) {
                        c.error(n, b.tag() + ": mcast_dst_ip " + n.arg(0) + " is not a multicast address");
                    } else if (AddressFamily.of(a) == AddressFamily.IPV6 && (a.getAddress()[1] & 0x0f) != 2) {
                        c.error(n, b.tag() + ": IPv6 mcast_dst_ip " + n.arg(0) + " must be link-local (ffX2::)");
                    } else {
                        b.mcastDst = a;
                        b.mcastDstNode = n;
                    }
                });
            }
        });
        g.on("use_vmac", VrrpInstanceBinder::useVmac);
        g.on("vmac_xmit_base", (b, n, c) -> b.vmacXmitBase = c.flag(n) || b.vmacXmitBase);
        g.on("accept", (b, n, c) -> {
            if (c.flag(n)) {
                b.accept = true;
                b.acceptNode = n;
            }
        });
        g.on("no_accept", (b, n, c) -> {
            if (c.flag(n)) {
                b.accept = false;
                b.acceptNode = n;
            }
        });
        g.on("strict_mode", (b, n, c) -> VrrpArgs.bool(c, n, 0).ifPresent(v -> b.strictMode = v));
        g.on("skip_check_adv_addr", (b, n, c) -> VrrpArgs.bool(c, n, 0).ifPresent(v -> b.skipCheckAdvAddr = v));
        g.on("dont_track_primary", (b, n, c) -> b.dontTrackPrimary = c.flag(n) || b.dontTrackPrimary);
        g.on("promote_secondaries", (b, n, c) -> b.promoteSecondaries = c.flag(n) || b.promoteSecondaries);
        int maxTimer = (int) VrrpArgs.MAX_TIMER_SECONDS;
        g.on("garp_master_delay", (b, n, c) -> {
            if (c.arity(n, 1, 1)) {
                c.intArg(n, 0, 0, maxTimer).ifPresent(v -> b.garpMasterDelay = Duration.ofSeconds(v));
            }
        });
        g.on("garp_master_repeat", (b, n, c) -> {
            if (c.arity(n, 1, 1)) {
                c.intArg(n, 0, 0, Integer.MAX_VALUE).ifPresent(v -> b.garpMasterRepeat = atLeastOne(c, n, b, v));
            }
        });
        g.on("garp_master_refresh", (b, n, c) -> {
            if (c.arity(n, 1, 1)) {
                c.intArg(n, 0, 0, maxTimer).ifPresent(v -> b.garpMasterRefresh = Duration.ofSeconds(v));
            }
        });
        g.on("garp_master_refresh_repeat", (b, n, c) -> {
            if (c.arity(n, 1, 1)) {
                c.intArg(n, 0, 0, Integer.MAX_VALUE).ifPresent(v -> b.garpMasterRefreshRepeat = atLeastOne(c, n, b, v));
            }
        });
        g.on("garp_lower_prio_delay", (b, n, c) -> {
            if (c.arity(n, 1, 1)) {
                c.intArg(n, 0, 0, maxTimer).ifPresent(v -> b.garpLowerPrioDelay = Duration.ofSeconds(v));
            }
        });
        g.on("garp_lower_prio_repeat", (b, n, c) -> {
            if (c.arity(n, 1, 1)) {
                c.intArg(n, 0, 0, Integer.MAX_VALUE).ifPresent(v -> b.garpLowerPrioRepeat = v);
            }
        });
        g.on("lower_prio_no_advert", (b, n, c) -> VrrpArgs.bool(c, n, 0).ifPresent(v -> b.lowerPrioNoAdvert = v));
        g.on("higher_prio_send_advert", (b, n, c) -> VrrpArgs.bool(c, n, 0).ifPresent(v -> b.higherPrioSendAdvert = v));
        g.on("native_ipv6", (b, n, c) -> c.warning(n, "'native_ipv6' is deprecated (the addresses decide the family); ignored"));
        g.notSupported("vrf", "use_vmac_addr", "use_ipvlan", "track_bfd", "unicast_fault_no_peer", "old_unicast_checksum",
                "down_timer_adverts", "garp_extra_if", "vmac_garp_intvl", "debug", "kernel_rx_buf_size",
                "linkbeat_use_polling", "lvs_sync_daemon_interface");
        return g;
    }

    private static final BlockGrammar<VrrpInstanceBinder> AUTH = authGrammar();

    static BlockGrammar<VrrpInstanceBinder> authGrammar() {
        BlockGrammar<VrrpInstanceBinder> g = new BlockGrammar<>("authentication");
        g.on("auth_type", (b, n, c) -> {
            if (c.arity(n, 1, 1)) {
                switch (n.arg(0)) {
                    case "PASS" -> b.authType = AuthType.PASS;
                    case "AH" -> b.authType = AuthType.AH;
                    default -> c.error(n, b.tag() + " unknown authentication type '" + n.arg(0) + "' (PASS or AH)");
                }
                b.authNode = b.authNode == null ? n : b.authNode;
            }
        });
        g.on("auth_pass", (b, n, c) -> {
            if (c.arity(n, 1, 1)) {
                String pass = n.arg(0);
                if (pass.length() > 8) {
                    c.error(n, "Truncating auth_pass to 8 characters");
                    pass = pass.substring(0, 8);
                }
                b.authPass = pass;
                b.authNode = b.authNode == null ? n : b.authNode;
            }
        });
        return g;
    }

    private static int atLeastOne(BindContext c, ConfigNode n, VrrpInstanceBinder b, int v) {
        if (v == 0) {
            c.error(n, b.tag() + ": " + n.keyword() + " must be greater than 0, setting to 1");
            return 1;
        }
        return v;
    }

    /**
     * {@code ADDRESS [min_ttl N] [max_ttl N]} with keepalived 2.2.7's messages; a TTL range turns on
     * check_unicast_src, as keepalived does.
     */
    private static UnicastPeer unicastPeer(VrrpInstanceBinder b, ConfigNode line, InetAddress address, BindContext c) {
        int min = UnicastPeer.ANY_TTL_MIN;
        int max = UnicastPeer.ANY_TTL_MAX;
        List<String> args = line.args();
        for (int i = 0; i < args.size(); i += 2) {
            String option = args.get(i);
            if (!option.equals("min_ttl") && !option.equals("max_ttl")) {
                c.error(line, b.tag() + " unknown unicast_peer option " + option);
                break;
            }
            if (i + 1 >= args.size()) {
                c.error(line, b.tag() + " " + option + " is missing a value");
                break;
            }
            OptionalInt v = c.intArg(line, i + 1, 0, 255);
            if (v.isPresent()) {
                if (option.equals("min_ttl")) {
                    min = v.getAsInt();
                } else {
                    max = v.getAsInt();
                }
            }
        }
        if (min > max) {
            c.error(line, b.tag() + " min_ttl " + min + " > max_ttl " + max + " - all packets will be discarded");
        }
        UnicastPeer peer = new UnicastPeer(address, min, max);
        if (peer.hasTtlRange()) {
            b.checkUnicastSrc = true;
        }
        return peer;
    }

    private static void sourceIp(VrrpInstanceBinder b, ConfigNode n, BindContext c) {
        if (c.arity(n, 1, 1)) {
            c.address(n, 0).ifPresent(a -> {
                if (b.sameFamily(c, n, a, "src")) {
                    b.sourceAddress = a;
                }
            });
        }
    }

    private static void useVmac(VrrpInstanceBinder b, ConfigNode n, BindContext c) {
        if (!c.arity(n, 0, 2)) {
            return;
        }
        b.useVmac = true;
        b.vmacNode = n;
        for (String arg : n.args()) {
            if (arg.matches("([0-9A-Fa-f]{1,2}:){4,5}[0-9A-Fa-f]{1,2}")) {
                b.vmacMac = arg;
            } else if (arg.length() > 15) {
                c.error(n, b.tag() + ": VMAC interface name '" + arg + "' is longer than 15 characters");
            } else {
                b.vmacName = arg;
            }
        }
    }

    private static void trackBlock(BindContext c, ConfigNode n, List<TrackLine> out, int min, int max, String what) {
        c.block(n).ifPresent(lines -> {
            for (ConfigNode line : lines) {
                VrrpArgs.weightSpec(c, line, min, max, what)
                        .ifPresent(w -> out.add(new TrackLine(line.keyword(), line, w.weight(), w.reverse())));
            }
        });
    }
}
