package org.keepalived4j.config.bind;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import org.keepalived4j.config.model.Defaults;
import org.keepalived4j.config.model.GlobalDefs;
import org.keepalived4j.config.model.ScriptCommand;
import org.keepalived4j.config.model.vrrp.AddressFamily;
import org.keepalived4j.config.model.vrrp.AuthType;
import org.keepalived4j.config.model.vrrp.Authentication;
import org.keepalived4j.config.model.vrrp.GarpSettings;
import org.keepalived4j.config.model.vrrp.NotifyScripts;
import org.keepalived4j.config.model.vrrp.SyncGroup;
import org.keepalived4j.config.model.vrrp.TrackFile;
import org.keepalived4j.config.model.vrrp.TrackProcess;
import org.keepalived4j.config.model.vrrp.TrackedObject;
import org.keepalived4j.config.model.vrrp.VirtualAddress;
import org.keepalived4j.config.model.vrrp.VirtualRoute;
import org.keepalived4j.config.model.vrrp.VirtualRule;
import org.keepalived4j.config.model.vrrp.Vmac;
import org.keepalived4j.config.model.vrrp.VrrpConfig;
import org.keepalived4j.config.model.vrrp.VrrpInstance;
import org.keepalived4j.config.model.vrrp.VrrpScript;
import org.keepalived4j.config.model.vrrp.VrrpState;
import org.keepalived4j.config.syntax.ConfigNode;

/** static_ipaddress/routes/rules, vrrp_script, track_file, vrrp_track_process, vrrp_sync_group, vrrp_instance. */
final class VrrpBinder {
    /** Messages for checks keepalived 2.2.7 does not make are marked so users can tell them apart. */
    static final String STRICTER = " [keepalived4j check, keepalived does not report this]";
    private static final Duration V3_MAX_ADVERT = Duration.ofMillis(40950);
    /** The advert's address count field is 8 bits wide. */
    static final int MAX_ADVERT_ADDRESSES = 255;

    final List<VirtualAddress> staticAddresses = new ArrayList<>();
    final List<ConfigNode> staticAddressNodes = new ArrayList<>();
    final List<VirtualRoute> staticRoutes = new ArrayList<>();
    final List<VirtualRule> staticRules = new ArrayList<>();
    final List<ConfigNode> staticRuleNodes = new ArrayList<>();
    /** keepalived gives rules without preference 16384, 16383, ... in the order it reads them. */
    private long nextRulePreference = 16384;
    final List<ScriptBuilder> scripts = new ArrayList<>();
    final List<TrackFileBuilder> trackFiles = new ArrayList<>();
    final List<TrackProcessBuilder> trackProcesses = new ArrayList<>();
    final List<SyncGroupBuilder> syncGroups = new ArrayList<>();
    final List<VrrpInstanceBinder> instances = new ArrayList<>();
    /** Set by the global_defs handler: where lvs_sync_daemon was written, for the instance reference check. */
    GlobalDefsBinder globals;

    static final class ScriptBuilder {
        final String name;
        final ConfigNode node;
        ScriptCommand script;
        ConfigNode scriptNode;
        Duration interval = Defaults.Vrrp.SCRIPT_INTERVAL;
        Duration timeout;
        int weight = Defaults.Vrrp.SCRIPT_WEIGHT;
        boolean reverse;
        int rise = Defaults.Vrrp.SCRIPT_RISE;
        int fall = Defaults.Vrrp.SCRIPT_FALL;
        String user;
        String group;
        boolean initFail;

        ScriptBuilder(String name, ConfigNode node) {
            this.name = name;
            this.node = node;
        }
    }

    static final class TrackFileBuilder {
        final String name;
        final ConfigNode node;
        Path file;
        int weight = Defaults.Vrrp.TRACK_FILE_WEIGHT;
        boolean reverse;
        TrackFile.InitFile initFile;

        TrackFileBuilder(String name, ConfigNode node) {
            this.name = name;
            this.node = node;
        }
    }

    static final class TrackProcessBuilder {
        final String name;
        final ConfigNode node;
        List<String> process;
        int weight = Defaults.Vrrp.TRACK_PROCESS_WEIGHT;
        boolean reverse;
        int quorum = Defaults.Vrrp.TRACK_PROCESS_QUORUM;
        int quorumMax = TrackProcess.NO_QUORUM_MAX;
        Duration forkDelay = Defaults.Vrrp.TRACK_PROCESS_DELAY;
        Duration terminateDelay = Defaults.Vrrp.TRACK_PROCESS_DELAY;
        TrackProcess.ParamMatch paramMatch = TrackProcess.ParamMatch.NONE;
        boolean fullCommand;

        TrackProcessBuilder(String name, ConfigNode node) {
            this.name = name;
            this.node = node;
        }
    }

    static final class SyncGroupBuilder {
        final String name;
        final ConfigNode node;
        final List<ConfigNode> members = new ArrayList<>();
        final List<VrrpInstanceBinder.TrackLine> trackInterfaces = new ArrayList<>();
        final List<VrrpInstanceBinder.TrackLine> trackScripts = new ArrayList<>();
        final List<VrrpInstanceBinder.TrackLine> trackFiles = new ArrayList<>();
        final Map<String, ScriptCommand> notify = new HashMap<>();
        final List<VrrpInstanceBinder.ScriptAt> scriptUses = new ArrayList<>();
        Boolean smtpAlert;

        SyncGroupBuilder(String name, ConfigNode node) {
            this.name = name;
            this.node = node;
        }
    }

    private static final BlockGrammar<ScriptBuilder> SCRIPT = scriptGrammar();
    private static final BlockGrammar<TrackFileBuilder> TRACK_FILE = trackFileGrammar();
    private static final BlockGrammar<TrackProcessBuilder> TRACK_PROCESS = trackProcessGrammar();
    private static final BlockGrammar<SyncGroupBuilder> SYNC_GROUP = syncGroupGrammar();

    static void register(BlockGrammar<ConfigBinder.TopLevel> top) {
        top.on("static_ipaddress", (t, n, c) -> c.block(n).ifPresent(lines -> {
            for (ConfigNode line : lines) {
                VrrpIpLines.address(c, line, "static_ipaddress", false).ifPresent(a -> {
                    t.vrrp.staticAddresses.add(a);
                    t.vrrp.staticAddressNodes.add(line);
                });
            }
        }));
        top.on("static_routes", (t, n, c) -> c.block(n).ifPresent(lines -> {
            for (ConfigNode line : lines) {
                VrrpIpLines.route(c, line, "static_routes").ifPresent(t.vrrp.staticRoutes::add);
            }
        }));
        top.on("static_rules", (t, n, c) -> c.block(n).ifPresent(lines -> {
            for (ConfigNode line : lines) {
                VrrpIpLines.rule(c, line, "static_rules").ifPresent(r -> {
                    t.vrrp.staticRules.add(r);
                    t.vrrp.staticRuleNodes.add(line);
                });
            }
        }));
        top.on("vrrp_script", (t, n, c) -> named(c, n).ifPresent(name -> {
            ScriptBuilder b = new ScriptBuilder(name, n);
            c.block(n).ifPresent(body -> SCRIPT.bind(body, b, c));
            t.vrrp.scripts.add(b);
        }));
        top.on("track_file", (t, n, c) -> named(c, n).ifPresent(name -> {
            TrackFileBuilder b = new TrackFileBuilder(name, n);
            c.block(n).ifPresent(body -> TRACK_FILE.bind(body, b, c));
            t.vrrp.trackFiles.add(b);
        }));
        top.deprecated("vrrp_track_file", "track_file");
        top.on("vrrp_track_process", (t, n, c) -> named(c, n).ifPresent(name -> {
            TrackProcessBuilder b = new TrackProcessBuilder(name, n);
            c.block(n).ifPresent(body -> TRACK_PROCESS.bind(body, b, c));
            t.vrrp.trackProcesses.add(b);
        }));
        top.on("vrrp_sync_group", (t, n, c) -> named(c, n).ifPresent(name -> {
            SyncGroupBuilder b = new SyncGroupBuilder(name, n);
            c.block(n).ifPresent(body -> SYNC_GROUP.bind(body, b, c));
            t.vrrp.syncGroups.add(b);
        }));
        top.on("vrrp_instance", (t, n, c) -> named(c, n).ifPresent(name -> {
            VrrpInstanceBinder b = new VrrpInstanceBinder(name, n);
            c.block(n).ifPresent(body -> VrrpInstanceBinder.GRAMMAR.bind(body, b, c));
            t.vrrp.instances.add(b);
        }));
        top.notSupported("track_group", "linkbeat_interfaces", "interface_up_down_delays", "bfd_instance", "garp_group");
    }

    private static Optional<String> named(BindContext c, ConfigNode n) {
        if (!c.arity(n, 1, 1)) {
            return Optional.empty();
        }
        if (!n.hasBlock()) {
            c.error(n, "'" + n.keyword() + " " + n.arg(0) + "' must be followed by a { } block");
            return Optional.empty();
        }
        return Optional.of(n.arg(0));
    }

    static BlockGrammar<ScriptBuilder> scriptGrammar() {
        BlockGrammar<ScriptBuilder> g = new BlockGrammar<>("vrrp_script");
        g.on("script", (b, n, c) -> {
            if (c.arity(n, 1, 1)) {
                if (n.arg(0).isBlank()) {
                    c.error(n, "(" + b.name + "): empty script");
                    return;
                }
                b.script = ScriptCommand.of(n.arg(0));
                b.scriptNode = n;
            }
        });
        g.on("interval", (b, n, c) -> {
            if (c.arity(n, 1, 1)) {
                VrrpArgs.seconds(c, n, 0, "0", String.valueOf(VrrpArgs.MAX_TIMER_SECONDS)).ifPresent(v -> {
                    if (v.isZero()) {
                        c.error(n, "(" + b.name + "): vrrp script interval must be greater than 0, setting to 1");
                        v = Duration.ofSeconds(1);
                    }
                    b.interval = v;
                });
            }
        });
        g.on("timeout", (b, n, c) -> {
            if (c.arity(n, 1, 1)) {
                VrrpArgs.seconds(c, n, 0, "0.000001", String.valueOf(VrrpArgs.MAX_TIMER_SECONDS)).ifPresent(v -> b.timeout = v);
            }
        });
        g.on("weight", (b, n, c) -> VrrpArgs.blockWeight(c, n, -253, 253, "(" + b.name + ")").ifPresent(w -> {
            b.weight = w.weight();
            b.reverse = w.reverse();
        }));
        g.on("rise", (b, n, c) -> {
            if (c.arity(n, 1, 1)) {
                c.intArg(n, 0, 1, Integer.MAX_VALUE).ifPresent(v -> b.rise = v);
            }
        });
        g.on("fall", (b, n, c) -> {
            if (c.arity(n, 1, 1)) {
                c.intArg(n, 0, 1, Integer.MAX_VALUE).ifPresent(v -> b.fall = v);
            }
        });
        g.on("user", (b, n, c) -> {
            if (c.arity(n, 1, 2)) {
                b.user = n.arg(0);
                b.group = n.arg(1);
            }
        });
        g.on("init_fail", (b, n, c) -> b.initFail = c.flag(n) || b.initFail);
        return g;
    }

    static BlockGrammar<TrackFileBuilder> trackFileGrammar() {
        BlockGrammar<TrackFileBuilder> g = new BlockGrammar<>("track_file");
        g.on("file", (b, n, c) -> {
            if (c.arity(n, 1, 1)) {
                b.file = Path.of(n.arg(0));
            }
        });
        g.on("weight", (b, n, c) -> VrrpArgs.blockWeight(c, n, -254, 254, "track_file " + b.name).ifPresent(w -> {
            b.weight = w.weight();
            b.reverse = w.reverse();
        }));
        g.on("init_file", (b, n, c) -> {
            if (c.arity(n, 0, 2)) {
                long value = 0;
                boolean overwrite = false;
                for (int i = 0; i < n.args().size(); i++) {
                    if (n.arg(i).equals("overwrite")) {
                        overwrite = true;
                    } else if (i == 0) {
                        var v = c.integer(n, 0, Integer.MIN_VALUE, Integer.MAX_VALUE);
                        if (v.isEmpty()) {
                            return;
                        }
                        value = v.getAsLong();
                    } else {
                        c.error(n, "init_file: unknown option '" + n.arg(i) + "'");
                        return;
                    }
                }
                b.initFile = new TrackFile.InitFile(value, overwrite);
            }
        });
        return g;
    }

    static BlockGrammar<TrackProcessBuilder> trackProcessGrammar() {
        BlockGrammar<TrackProcessBuilder> g = new BlockGrammar<>("vrrp_track_process");
        g.on("process", (b, n, c) -> {
            if (!c.arity(n, 1, Integer.MAX_VALUE)) {
                return;
            }
            if (b.process != null) {
                c.error(n, "Process already set for track process " + b.name + " - ignoring " + n.arg(0));
                return;
            }
            b.process = n.args();
            if (n.args().size() > 1) {
                // parameters: matched against the command line, exactly unless param_match said otherwise
                if (b.paramMatch == TrackProcess.ParamMatch.NONE) {
                    b.paramMatch = TrackProcess.ParamMatch.EXACT;
                }
                b.fullCommand = true;
            }
        });
        g.on("param_match", (b, n, c) -> {
            if (!c.arity(n, 0, 1)) {
                return;
            }
            TrackProcess.ParamMatch m = n.args().isEmpty() ? TrackProcess.ParamMatch.EXACT : switch (n.arg(0)) {
                case "initial" -> TrackProcess.ParamMatch.INITIAL;
                case "partial" -> TrackProcess.ParamMatch.PARTIAL;
                default -> null;
            };
            if (m == null) {
                c.error(n, "Invalid param_match type " + n.arg(0) + " - ignoring");
                return;
            }
            b.paramMatch = m;
            b.fullCommand = true;
        });
        g.on("full_command", (b, n, c) -> {
            if (c.arity(n, 0, 0)) {
                b.fullCommand = true;
            }
        });
        g.on("weight", (b, n, c) -> VrrpArgs.blockWeight(c, n, -254, 254, "vrrp_track_process " + b.name).ifPresent(w -> {
            b.weight = w.weight();
            b.reverse = w.reverse();
        }));
        g.on("quorum", (b, n, c) -> {
            if (c.arity(n, 1, 1)) {
                c.intArg(n, 0, 1, 65535).ifPresent(v -> {
                    if (v > b.quorumMax) {
                        c.error(n, "Quorum is greater than quorum_max - ignoring");
                    } else {
                        b.quorum = v;
                    }
                });
            }
        });
        g.on("quorum_max", (b, n, c) -> {
            if (c.arity(n, 1, 1)) {
                c.intArg(n, 0, 0, 65535).ifPresent(v -> {
                    // quorum_max 0 (fail while any matching process runs) is allowed unless a quorum was set
                    if ((v != 0 || b.quorum > 1) && v < b.quorum) {
                        c.error(n, "quorum_max is less than quorum - ignoring");
                        return;
                    }
                    b.quorumMax = v;
                    if (v == 0) {
                        b.quorum = 0;
                    } else if (b.quorum == 0) {
                        b.quorum = 1;
                    }
                });
            }
        });
        g.on("delay", (b, n, c) -> processDelay(c, n).ifPresent(v -> {
            b.forkDelay = v;
            b.terminateDelay = v;
        }));
        g.on("fork_delay", (b, n, c) -> processDelay(c, n).ifPresent(v -> b.forkDelay = v));
        g.on("terminate_delay", (b, n, c) -> processDelay(c, n).ifPresent(v -> b.terminateDelay = v));
        return g;
    }

    /** delay, fork_delay, terminate_delay: keepalived reads them as [0.000001..3600] seconds. */
    private static Optional<Duration> processDelay(BindContext c, ConfigNode n) {
        if (!c.arity(n, 1, 1)) {
            return Optional.empty();
        }
        return VrrpArgs.seconds(c, n, 0, "0.000001", "3600");
    }

    static BlockGrammar<SyncGroupBuilder> syncGroupGrammar() {
        BlockGrammar<SyncGroupBuilder> g = new BlockGrammar<>("vrrp_sync_group");
        g.on("group", (b, n, c) -> c.block(n).ifPresent(lines -> {
            for (ConfigNode line : lines) {
                b.members.add(line);
                for (String more : line.args()) {
                    b.members.add(new ConfigNode(more, List.of(), null, line.where()));
                }
            }
        }));
        g.on("track_interface", (b, n, c) -> track(c, n, b.trackInterfaces, -253, 253));
        g.on("track_script", (b, n, c) -> track(c, n, b.trackScripts, -253, 253));
        g.on("track_file", (b, n, c) -> track(c, n, b.trackFiles, -254, 254));
        for (String kw : List.of("notify_master", "notify_backup", "notify_fault", "notify_stop", "notify")) {
            g.on(kw, (b, n, c) -> VrrpArgs.script(c, n, 0).ifPresent(s -> {
                b.notify.put(kw, s);
                b.scriptUses.add(new VrrpInstanceBinder.ScriptAt(s, n));
            }));
        }
        g.on("smtp_alert", (b, n, c) -> VrrpArgs.bool(c, n, 0).ifPresent(v -> b.smtpAlert = v));
        g.notSupported("track_process", "track_bfd", "notify_deleted", "notify_priority_changes",
                "sync_group_tracking_weight", "global_tracking");
        return g;
    }

    private static void track(BindContext c, ConfigNode n, List<VrrpInstanceBinder.TrackLine> out, int min, int max) {
        c.block(n).ifPresent(lines -> {
            for (ConfigNode line : lines) {
                VrrpArgs.weightSpec(c, line, min, max, n.keyword())
                        .ifPresent(w -> out.add(new VrrpInstanceBinder.TrackLine(line.keyword(), line, w.weight(), w.reverse())));
            }
        });
    }

    // ---------------------------------------------------------------- build and cross-block validation

    VrrpConfig build(GlobalDefs global, ScriptSecurityCheck security, BindContext ctx) {
        boolean dynamicIf = global.dynamicInterfaces() != GlobalDefs.DynamicInterfaces.OFF;
        for (int i = 0; i < staticAddresses.size(); i++) {
            final ConfigNode where = staticAddressNodes.get(i);
            staticAddresses.get(i).device().ifPresent(dev -> checkInterface(ctx, dynamicIf, where, dev, "static ip address"));
        }
        assignRulePreferences(ctx, staticRules, staticRuleNodes);
        instances.forEach(b -> assignRulePreferences(ctx, b.rules, b.ruleNodes));
        Map<String, VrrpScript> scriptModels = new LinkedHashMap<>();
        for (ScriptBuilder b : scripts) {
            if (b.script == null) {
                ctx.error(b.node, "vrrp_script " + b.name + " has no script - removing");
                continue;
            }
            if (scriptModels.containsKey(b.name)) {
                ctx.warning(b.node, "vrrp_script " + b.name + " is defined twice; the first one is used" + STRICTER);
                continue;
            }
            ScriptCommand cmd = new ScriptCommand(b.script.commandLine(), Optional.ofNullable(b.user), Optional.ofNullable(b.group));
            scriptModels.put(b.name, new VrrpScript(b.name, cmd, b.interval, Optional.ofNullable(b.timeout), b.weight,
                    b.reverse, b.rise, b.fall, b.initFail));
        }
        Map<String, TrackFile> fileModels = new LinkedHashMap<>();
        for (TrackFileBuilder b : trackFiles) {
            if (b.file == null) {
                ctx.error(b.node, "track_file " + b.name + " has no file - removing");
            } else if (fileModels.containsKey(b.name)) {
                ctx.error(b.node, "track_file " + b.name + " already defined");
            } else {
                fileModels.put(b.name, new TrackFile(b.name, b.file, b.weight, b.reverse, Optional.ofNullable(b.initFile)));
            }
        }
        Map<String, TrackProcess> processModels = new LinkedHashMap<>();
        for (TrackProcessBuilder b : trackProcesses) {
            if (b.process == null) {
                ctx.error(b.node, "vrrp_track_process " + b.name + " has no process - removing");
            } else if (processModels.containsKey(b.name)) {
                ctx.error(b.node, "vrrp_track_process " + b.name + " already defined");
            } else {
                processModels.put(b.name, new TrackProcess(b.name, b.process.get(0), b.process.subList(1, b.process.size()),
                        b.paramMatch, b.fullCommand, b.weight, b.reverse, b.quorum, b.quorumMax, b.forkDelay,
                        b.terminateDelay));
            }
        }

        // Instances by name; a second definition is dropped as keepalived does.
        Map<String, VrrpInstanceBinder> byName = new LinkedHashMap<>();
        for (VrrpInstanceBinder b : instances) {
            if (byName.containsKey(b.name)) {
                ctx.error(b.node, "vrrp instance " + b.name + " already defined");
            } else {
                byName.put(b.name, b);
            }
        }

        // Sync groups: members must exist and belong to one group only.
        Map<String, String> groupOf = new HashMap<>();
        List<SyncGroup> groupModels = new ArrayList<>();
        Set<String> groupNames = new HashSet<>();
        for (SyncGroupBuilder g : syncGroups) {
            if (!groupNames.add(g.name)) {
                ctx.error(g.node, "vrrp_sync_group " + g.name + " already defined");
                continue;
            }
            List<String> members = new ArrayList<>();
            for (ConfigNode m : g.members) {
                String vi = m.keyword();
                if (!byName.containsKey(vi)) {
                    ctx.error(m, "Virtual router " + vi + " specified in sync group " + g.name + " doesn't exist - ignoring");
                } else if (groupOf.containsKey(vi)) {
                    ctx.error(m, "Virtual router " + vi + " cannot exist in more than one sync group; ignoring " + g.name);
                } else if (!members.contains(vi)) {
                    members.add(vi);
                }
            }
            if (members.isEmpty()) {
                ctx.error(g.node, "Sync group " + g.name + ", no matching virtual router found in group declaration - removing");
                continue;
            }
            if (members.size() == 1) {
                ctx.error(g.node, "Sync group " + g.name + " has only 1 virtual router(s) - this probably isn't what you want");
            }
            members.forEach(vi -> groupOf.put(vi, g.name));
            String what = "sync group " + g.name;
            for (VrrpInstanceBinder.ScriptAt use : g.scriptUses) {
                security.add(new ScriptSecurityCheck.ScriptUse(use.script(), use.where().where(),
                        use.where().keyword() + " script of " + what, false));
            }
            for (VrrpInstanceBinder.TrackLine t : g.trackInterfaces) {
                checkInterface(ctx, dynamicIf, t.where(), t.name(), "(" + g.name + ") tracked interface");
                // an interface a member uses or tracks itself must not also be tracked by its group
                for (String vi : members) {
                    VrrpInstanceBinder m = byName.get(vi);
                    if (t.name().equals(m.interfaceName) || m.trackInterfaces.stream().anyMatch(mt -> mt.name().equals(t.name()))) {
                        ctx.error(t.where(), "(" + vi + ") track_interface " + t.name()
                                + " is configured on VRRP instance and sync group. Remove vrrp instance or sync group config");
                    }
                }
            }
            groupModels.add(new SyncGroup(g.name, members,
                    resolve(ctx, g.trackInterfaces, name -> Optional.of(new TrackedObject(name, 0, false)), "track interface", g.name),
                    resolve(ctx, g.trackScripts, name -> Optional.ofNullable(scriptModels.get(name))
                            .map(s -> new TrackedObject(name, s.weight(), s.weightReverse())), "track script", g.name),
                    resolve(ctx, g.trackFiles, name -> Optional.ofNullable(fileModels.get(name))
                            .map(f -> new TrackedObject(name, f.weight(), f.weightReverse())), "track file", g.name),
                    new NotifyScripts(Optional.ofNullable(g.notify.get("notify_master")), Optional.ofNullable(g.notify.get("notify_backup")),
                            Optional.ofNullable(g.notify.get("notify_fault")), Optional.ofNullable(g.notify.get("notify_stop")),
                            Optional.ofNullable(g.notify.get("notify")), Optional.empty()),
                    g.smtpAlert != null ? g.smtpAlert : global.email().vrrpAlertDefault()));
        }

        List<VrrpInstance> instanceModels = new ArrayList<>();
        // by identity: a record key would hash the whole instance (all its addresses, routes, ...) on every lookup
        Map<VrrpInstance, VrrpInstanceBinder> sources = new java.util.IdentityHashMap<>();
        for (VrrpInstanceBinder b : byName.values()) {
            Optional<VrrpInstance> vi = instance(b, global, ctx, dynamicIf, scriptModels, fileModels, processModels,
                    Optional.ofNullable(groupOf.get(b.name)));
            vi.ifPresent(v -> {
                instanceModels.add(v);
                sources.put(v, b);
                String what = v.name();
                for (VrrpInstanceBinder.ScriptAt use : b.scriptUses) {
                    security.add(new ScriptSecurityCheck.ScriptUse(use.script(), use.where().where(),
                            use.where().keyword() + " script of " + what, false));
                }
            });
        }
        checkDuplicateVrids(ctx, instanceModels, sources);

        // Scripts are only run (and checked) when something tracks them, as keepalived does.
        Set<String> trackedScripts = new HashSet<>();
        instanceModels.forEach(v -> v.trackScripts().forEach(t -> trackedScripts.add(t.name())));
        groupModels.forEach(g -> g.trackScripts().forEach(t -> trackedScripts.add(t.name())));
        for (ScriptBuilder b : scripts) {
            VrrpScript s = scriptModels.get(b.name);
            if (s != null && trackedScripts.contains(b.name) && s.script() != null) {
                security.add(new ScriptSecurityCheck.ScriptUse(s.script(), b.scriptNode.where(), "track script " + b.name, true));
            }
        }

        if (globals != null && globals.lvsSyncDaemon != null) {
            globals.lvsSyncDaemon.vrrpInstance().ifPresent(vi -> {
                if (!byName.containsKey(vi)) {
                    ctx.error(globals.lvsSyncDaemonNode, "lvs_sync_daemon vrrp instance " + vi + " not found");
                }
            });
        }
        return new VrrpConfig(staticAddresses, staticRoutes, staticRules, List.copyOf(scriptModels.values()),
                List.copyOf(fileModels.values()), List.copyOf(processModels.values()), groupModels, instanceModels);
    }

    private void assignRulePreferences(BindContext ctx, List<VirtualRule> rules, List<ConfigNode> nodes) {
        for (int i = 0; i < rules.size(); i++) {
            if (rules.get(i).preference().isEmpty()) {
                long pref = nextRulePreference--;
                ctx.error(nodes.get(i), "Rule has no preference specified - setting to " + pref + ". This is probably not what you want.");
                rules.set(i, rules.get(i).withPreference(pref));
            }
        }
    }

    /** keepalived refuses to start with an interface that does not exist unless dynamic_interfaces is set. */
    private static void checkInterface(BindContext ctx, boolean dynamicIf, ConfigNode where, String ifname, String what) {
        if (ctx.host().interfaceExists(ifname)) {
            return;
        }
        String msg = what.startsWith("(") ? what + " " + ifname + " doesn't exist" : "interface " + ifname + " for " + what + " doesn't exist";
        if (dynamicIf) {
            ctx.warning(where, "WARNING - " + msg);
        } else {
            ctx.error(where, msg + " (Non-existent interface specified in configuration; set dynamic_interfaces to allow it)");
        }
    }

    private static List<TrackedObject> resolve(BindContext ctx, List<VrrpInstanceBinder.TrackLine> lines,
            Function<String, Optional<TrackedObject>> lookup, String what, String owner) {
        List<TrackedObject> out = new ArrayList<>();
        for (VrrpInstanceBinder.TrackLine t : lines) {
            Optional<TrackedObject> base = lookup.apply(t.name());
            if (base.isEmpty()) {
                ctx.error(t.where(), "(" + owner + ") " + what + " " + t.name() + " not found, ignoring...");
                continue;
            }
            int weight = t.weight().orElse(base.get().weight());
            boolean reverse = t.weight().isPresent() || t.reverse() ? t.reverse() : base.get().reverse();
            if (out.stream().anyMatch(o -> o.name().equals(t.name()))) {
                ctx.error(t.where(), "(" + owner + ") " + what + " " + t.name() + " listed twice - ignoring");
                continue;
            }
            out.add(new TrackedObject(t.name(), weight, reverse));
        }
        return out;
    }

    /** keepalived forces tracking weights to 0 for sync group members and address owners. */
    private static List<TrackedObject> zeroWeights(BindContext ctx, VrrpInstanceBinder b, List<TrackedObject> in,
            List<VrrpInstanceBinder.TrackLine> lines, boolean inGroup, boolean owner, String what) {
        List<TrackedObject> out = new ArrayList<>();
        for (TrackedObject t : in) {
            if (t.weight() != 0 && (inGroup || owner)) {
                ConfigNode where = lines.stream().filter(l -> l.name().equals(t.name())).findFirst().map(VrrpInstanceBinder.TrackLine::where)
                        .orElse(b.node);
                ctx.error(where, "(" + b.name + ") ignoring " + what + " " + t.name() + " weight due to "
                        + (inGroup ? "SYNC group" : "priority 255 (address owner)"));
                out.add(new TrackedObject(t.name(), 0, t.reverse()));
            } else {
                out.add(t);
            }
        }
        return out;
    }

    private Optional<VrrpInstance> instance(VrrpInstanceBinder b, GlobalDefs global, BindContext ctx, boolean dynamicIf,
            Map<String, VrrpScript> scriptModels, Map<String, TrackFile> fileModels, Map<String, TrackProcess> processModels,
            Optional<String> syncGroup) {
        String tag = "(" + b.name + ")";
        GlobalDefs.VrrpGlobals g = global.vrrp();
        if (b.vrid == null) {
            ctx.error(b.node, tag + " the virtual router id must be set");
            return Optional.empty();
        }
        if (b.interfaceName == null && b.peers.isEmpty()) {
            ctx.error(b.node, tag + " Unknown interface! (interface is required unless unicast_peer is used)");
            return Optional.empty();
        }
        if (b.interfaceName != null) {
            checkInterface(ctx, dynamicIf, b.interfaceNode, b.interfaceName, "vrrp_instance " + b.name);
        }
        AddressFamily family = b.family != null ? b.family : AddressFamily.IPV4;

        // The order below follows keepalived's vrrp_complete_instance(), so the adjustments combine as there.
        boolean strict = b.strictMode != null ? b.strictMode : g.strict();
        int version = b.version != null ? b.version : g.version();
        if (family == AddressFamily.IPV6 && version == 2) {
            if (b.version != null) {
                ctx.error(b.versionNode, tag + " cannot use IPv6 with VRRP version 2; setting version 3");
            }
            version = 3;
        }
        if (b.vips.isEmpty()) {
            if (version == 3 || strict) {
                ctx.error(b.node, tag + " No VIP specified; at least one is required");
                return Optional.empty();
            }
            ctx.error(b.node, tag + " No VIP specified; at least one is sensible");
        }

        // Unset priority follows the state (MASTER = address owner) and unset state follows the priority.
        VrrpState state = b.state;
        int priority = b.priority != null ? b.priority : state == VrrpState.MASTER ? 255 : Defaults.Vrrp.PRIORITY;
        if (state == null) {
            state = priority == 255 ? VrrpState.MASTER : VrrpState.BACKUP;
        } else if (strict && (state == VrrpState.MASTER) != (priority == 255)) {
            ctx.error(b.node, tag + " State MASTER must match being address owner");
            state = priority == 255 ? VrrpState.MASTER : VrrpState.BACKUP;
        }

        Optional<Authentication> auth = Optional.empty();
        if (b.authType != null || b.authPass != null) {
            if (strict) {
                ctx.error(b.authNode, tag + " Strict mode does not support authentication. Ignoring.");
            } else if (version == 3) {
                ctx.error(b.authNode, tag + " VRRP version 3 does not support authentication. Ignoring.");
            } else if (b.authType == null) {
                ctx.error(b.authNode, tag + " auth_pass without auth_type; authentication ignored" + STRICTER);
            } else if (b.authPass == null || b.authPass.isEmpty()) {
                ctx.error(b.authNode, tag + " Authentication specified but no password given. Ignoring");
            } else if (family == AddressFamily.IPV6 && b.authType == AuthType.AH) {
                ctx.error(b.authNode, tag + " Cannot use AH authentication with IPv6 - ignoring");
            } else {
                auth = Optional.of(new Authentication(b.authType, b.authPass));
                if (b.authType == AuthType.AH && state == VrrpState.MASTER && priority != 255) {
                    ctx.error(b.authNode, tag + " Initial state master is incompatible with AH authentication - clearing");
                    state = VrrpState.BACKUP;
                }
            }
        }

        if (strict && !b.peers.isEmpty()) {
            ctx.error(b.node, tag + " Unicast peers are not supported in strict mode");
            return Optional.empty();
        }
        if (family == AddressFamily.IPV6 && b.peers.isEmpty() && !b.vips.isEmpty()
                && !b.vips.get(0).address().address().isLinkLocalAddress()) {
            if (strict) {
                ctx.error(b.vipNodes.get(0), tag + " the first IPv6 VIP address must be link local");
            } else {
                ctx.warning(b.vipNodes.get(0), tag + " the first IPv6 VIP address should be link local");
            }
        }

        // The address count of an advert is 8 bits: keepalived moves the excess to the excluded list.
        List<VirtualAddress> vips = b.vips;
        List<VirtualAddress> excluded = b.excluded;
        if (vips.size() > MAX_ADVERT_ADDRESSES) {
            ctx.error(b.vipNodes.get(MAX_ADVERT_ADDRESSES), tag + " Number of VIPs (" + vips.size()
                    + ") exceeds maximum/space available in packet (max " + MAX_ADVERT_ADDRESSES + " addresses) - excess moved to eVIPs");
            excluded = new ArrayList<>(vips.subList(MAX_ADVERT_ADDRESSES, vips.size()));
            excluded.addAll(b.excluded);
            vips = vips.subList(0, MAX_ADVERT_ADDRESSES);
        }

        boolean preempt = !b.nopreempt;
        Duration preemptDelay = b.preemptDelay != null ? b.preemptDelay : Defaults.Vrrp.PREEMPT_DELAY;
        if (!preempt && priority == 255) {
            ctx.error(b.node, tag + " nopreempt is incompatible with priority 255. resetting nopreempt");
            preempt = true;
        }
        if (state == VrrpState.MASTER) {
            if (!preempt) {
                ctx.error(b.node, tag + " Warning - nopreempt will not work with initial state MASTER - clearing");
                preempt = true;
            }
            if (!preemptDelay.isZero()) {
                ctx.error(b.node, tag + " Warning - preempt delay will not work with initial state MASTER - clearing");
                preemptDelay = Duration.ZERO;
            }
        }
        if (!preemptDelay.isZero() && strict) {
            ctx.error(b.node, tag + " preempt_delay is incompatible with strict mode - resetting");
            preemptDelay = Duration.ZERO;
        }
        if (!preemptDelay.isZero() && !preempt) {
            ctx.error(b.node, tag + " preempt_delay is incompatible with nopreempt mode - resetting");
            preemptDelay = Duration.ZERO;
        }

        boolean accept = b.accept != null ? b.accept : priority == 255 || !strict;
        if (accept && priority != 255 && strict && version == 2) {
            ctx.error(b.acceptNode != null ? b.acceptNode : b.node,
                    tag + " warning - accept mode for VRRP version 2 does not comply with RFC3768 - resetting");
            accept = false;
        }

        Duration advert = Defaults.Vrrp.ADVERT_INT;
        if (b.advertInt != null) {
            BigDecimal a = b.advertInt;
            if (version == 2 && a.stripTrailingZeros().scale() > 0) {
                BigDecimal rounded = a.setScale(0, RoundingMode.HALF_UP).max(BigDecimal.ONE);
                ctx.error(b.advertNode, tag + " VRRPv2 advertisement interval " + a.toPlainString() + "s must be an integer. rounding to "
                        + rounded.toPlainString());
                a = rounded;
            } else if (version == 3 && a.stripTrailingZeros().scale() > 2) {
                BigDecimal rounded = a.setScale(2, RoundingMode.HALF_UP).max(new BigDecimal("0.01"));
                ctx.error(b.advertNode, tag + " VRRPv3 advertisement interval " + a.toPlainString()
                        + "s must be in units of 10ms - rounding to " + rounded.toPlainString());
                a = rounded;
            }
            Duration d = VrrpArgs.toDuration(a);
            if (version == 3 && d.compareTo(V3_MAX_ADVERT) > 0) {
                ctx.error(b.advertNode, tag + " VRRPv3 advertisement interval " + a.toPlainString()
                        + "s is out of range. Must be less than 40.96s. Setting to 40.95s");
                d = V3_MAX_ADVERT;
            }
            advert = d;
        }

        boolean inGroup = syncGroup.isPresent();
        boolean owner = priority == 255;
        for (VrrpInstanceBinder.TrackLine t : b.trackInterfaces) {
            checkInterface(ctx, dynamicIf, t.where(), t.name(), tag + " tracked interface");
        }
        // keepalived drops tracking of the instance's own interface (its state follows that interface anyway), with a remark
        b.trackInterfaces.removeIf(t -> {
            boolean own = t.name().equals(b.interfaceName);
            if (own) {
                ctx.error(t.where(), tag + " Ignoring track_interface " + t.name() + " since own interface");
            }
            return own;
        });
        List<TrackedObject> trackIf = zeroWeights(ctx, b, resolve(ctx, b.trackInterfaces,
                name -> Optional.of(new TrackedObject(name, Defaults.Vrrp.TRACK_INTERFACE_WEIGHT, false)), "track interface", b.name),
                b.trackInterfaces, inGroup, owner, "tracked interface");
        List<TrackedObject> trackScripts = zeroWeights(ctx, b, resolve(ctx, b.trackScripts, name -> Optional.ofNullable(scriptModels.get(name))
                .map(s -> new TrackedObject(name, s.weight(), s.weightReverse())), "track script", b.name), b.trackScripts, inGroup, owner,
                "tracked script");
        List<TrackedObject> trackFilesOut = zeroWeights(ctx, b, resolve(ctx, b.trackFiles, name -> Optional.ofNullable(fileModels.get(name))
                .map(f -> new TrackedObject(name, f.weight(), f.weightReverse())), "track file", b.name), b.trackFiles, inGroup, owner,
                "tracked file");
        List<TrackedObject> trackProc = zeroWeights(ctx, b, resolve(ctx, b.trackProcesses, name -> Optional.ofNullable(processModels.get(name))
                .map(p -> new TrackedObject(name, p.weight(), p.weightReverse())), "track process", b.name), b.trackProcesses, inGroup,
                owner, "tracked process");

        for (int i = 0; i < b.vips.size(); i++) {
            final ConfigNode where = b.vipNodes.get(i);
            VirtualAddress a = b.vips.get(i);
            a.device().ifPresent(dev -> checkInterface(ctx, dynamicIf, where, dev, "ip address " + InetAddresses.format(a.address().address())));
        }
        for (int i = 0; i < b.excluded.size(); i++) {
            final ConfigNode where = b.excludedNodes.get(i);
            VirtualAddress a = b.excluded.get(i);
            a.device().ifPresent(dev -> checkInterface(ctx, dynamicIf, where, dev, "ip address " + InetAddresses.format(a.address().address())));
        }
        for (int i = 0; i < b.routes.size(); i++) {
            final ConfigNode where = b.routeNodes.get(i);
            VirtualRoute r = b.routes.get(i);
            r.device().ifPresent(dev -> checkInterface(ctx, dynamicIf, where, dev, "VROUTE nexthop"));
            r.nextHops().forEach(h -> h.device().ifPresent(dev -> checkInterface(ctx, dynamicIf, where, dev, "VROUTE nexthop")));
        }

        InetAddress group = b.mcastDst != null ? b.mcastDst : family == AddressFamily.IPV4 ? g.mcastGroup4() : g.mcastGroup6();
        if (b.mcastDst != null && AddressFamily.of(b.mcastDst) != family) {
            ctx.error(b.mcastDstNode, tag + " mcast_dst_ip " + InetAddresses.format(b.mcastDst) + " is not of the instance's family; using the default");
            group = family == AddressFamily.IPV4 ? g.mcastGroup4() : g.mcastGroup6();
        }

        Optional<Vmac> vmac = Optional.empty();
        boolean xmitBase = b.vmacXmitBase;
        boolean promoteSecondaries = b.promoteSecondaries;
        if (b.useVmac) {
            if (strict && xmitBase) {
                ctx.error(b.node, tag + " xmit_base is incompatible with strict mode - resetting");
                xmitBase = false;
            }
            if (promoteSecondaries) {
                ctx.error(b.node, tag + " promote_secondaries is automatically set for vmacs - ignoring");
                promoteSecondaries = false;
            }
            String name = b.vmacName != null ? b.vmacName : Defaults.Vrrp.VMAC_PREFIX + "." + b.vrid;
            String mac;
            String vridHex = String.format("%02x", b.vrid);
            if (b.vmacMac == null) {
                mac = (family == AddressFamily.IPV4 ? Defaults.Vrrp.VMAC_MAC_V4_PREFIX : Defaults.Vrrp.VMAC_MAC_V6_PREFIX) + vridHex;
            } else {
                StringBuilder sb = new StringBuilder();
                for (String octet : b.vmacMac.split(":")) {
                    sb.append(sb.length() == 0 ? "" : ":").append(String.format("%02x", Integer.parseInt(octet, 16)));
                }
                mac = b.vmacMac.split(":").length == 5 ? sb + ":" + vridHex : sb.toString();
            }
            vmac = Optional.of(new Vmac(name, mac));
            if (!b.peers.isEmpty() && !xmitBase) {
                ctx.error(b.vmacNode, tag + " unicast with use_vmac requires vmac_xmit_base - setting");
            }
        }

        Duration masterDelay = b.garpMasterDelay != null ? b.garpMasterDelay : g.garpMasterDelay();
        int masterRepeat = b.garpMasterRepeat != null ? b.garpMasterRepeat : g.garpMasterRepeat();
        // Strict mode: no lower-priority GARPs, no advert to a lower priority, none before yielding.
        int lowerPrioRepeat = b.garpLowerPrioRepeat != null ? b.garpLowerPrioRepeat : strict ? 0 : g.garpLowerPrioRepeat();
        if (strict && b.garpLowerPrioRepeat != null && lowerPrioRepeat != 0) {
            ctx.error(b.node, tag + " Strict mode requires no repeat garps - resetting");
            lowerPrioRepeat = 0;
        }
        Duration lowerPrioDelay = b.garpLowerPrioDelay != null ? b.garpLowerPrioDelay : strict ? Duration.ZERO : g.garpLowerPrioDelay();
        if (strict && b.garpLowerPrioDelay != null && !lowerPrioDelay.isZero()) {
            ctx.error(b.node, tag + " Strict mode requires no repeat garp delay - resetting");
            lowerPrioDelay = Duration.ZERO;
        }
        boolean lowerPrioNoAdvert = b.lowerPrioNoAdvert != null ? b.lowerPrioNoAdvert : strict || g.lowerPrioNoAdvert();
        if (strict && !lowerPrioNoAdvert) {
            ctx.error(b.node, tag + " Strict mode requires no lower priority advert - resetting");
            lowerPrioNoAdvert = true;
        }
        boolean higherPrioSendAdvert = b.higherPrioSendAdvert != null ? b.higherPrioSendAdvert : !strict && g.higherPrioSendAdvert();
        if (strict && higherPrioSendAdvert) {
            ctx.error(b.node, tag + " strict mode requires higher_prio_send_advert to be clear - resetting");
            higherPrioSendAdvert = false;
        }
        GarpSettings garp = new GarpSettings(masterDelay, masterRepeat,
                b.garpMasterRefresh != null ? b.garpMasterRefresh : g.garpMasterRefresh(),
                b.garpMasterRefreshRepeat != null ? b.garpMasterRefreshRepeat : g.garpMasterRefreshRepeat(),
                lowerPrioDelay, lowerPrioRepeat);

        NotifyScripts notify = new NotifyScripts(Optional.ofNullable(b.notifyMaster), Optional.ofNullable(b.notifyBackup),
                Optional.ofNullable(b.notifyFault), Optional.ofNullable(b.notifyStop), Optional.ofNullable(b.notify),
                Optional.ofNullable(b.notifyMasterRxLowerPri), b.notifyDeleted, Optional.ofNullable(b.notifyDeletedScript));

        return Optional.of(new VrrpInstance(b.name, state, Optional.ofNullable(b.interfaceName),
                b.vrid, priority, advert, version, family, preempt, preemptDelay,
                auth, vips, excluded, b.routes, b.rules, trackIf, trackScripts, trackFilesOut, trackProc, notify,
                b.notifyPriorityChanges, b.smtpAlert != null ? b.smtpAlert : global.email().vrrpAlertDefault(),
                Optional.ofNullable(b.sourceAddress), b.peers, group, b.unicastTtl != null ? b.unicastTtl : Defaults.Vrrp.UNICAST_TTL,
                b.checkUnicastSrc != null ? b.checkUnicastSrc : g.checkUnicastSrc(), b.trackSrcIp && b.sourceAddress != null, vmac, xmitBase,
                accept, strict,
                b.skipCheckAdvAddr != null ? b.skipCheckAdvAddr : g.skipCheckAdvAddr(), b.dontTrackPrimary, promoteSecondaries, garp,
                lowerPrioNoAdvert, higherPrioSendAdvert, syncGroup));
    }

    /**
     * keepalived: one VRID per interface and family (same socket), unless the multicast groups differ
     * or both use unicast with peers that do not overlap.
     */
    private static void checkDuplicateVrids(BindContext ctx, List<VrrpInstance> all, Map<VrrpInstance, VrrpInstanceBinder> sources) {
        for (int i = 0; i < all.size(); i++) {
            for (int j = 0; j < i; j++) {
                VrrpInstance a = all.get(j);
                VrrpInstance b = all.get(i);
                if (a.virtualRouterId() != b.virtualRouterId() || a.family() != b.family()
                        || !a.interfaceName().equals(b.interfaceName())) {
                    continue;
                }
                boolean clash;
                if (a.isUnicast() != b.isUnicast()) {
                    clash = false;
                } else if (a.isUnicast()) {
                    clash = a.unicastPeers().stream().anyMatch(p -> b.unicastPeers().stream()
                            .anyMatch(q -> q.address().equals(p.address())));
                } else {
                    clash = a.multicastGroup().equals(b.multicastGroup());
                }
                if (clash) {
                    ctx.error(sources.get(b).node, a.name() + " and " + b.name() + " both use VRID " + b.virtualRouterId() + " with "
                            + (b.family() == AddressFamily.IPV4 ? "IPv4" : "IPv6") + " on interface "
                            + b.interfaceName().orElse("(default)"));
                }
            }
        }
    }
}
