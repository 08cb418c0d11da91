package org.keepalived4j.management;

import java.net.InetAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.keepalived4j.config.model.IpPrefix;
import org.keepalived4j.config.model.ScriptCommand;
import org.keepalived4j.config.model.vrrp.AddressFamily;
import org.keepalived4j.config.model.vrrp.NotifyScripts;
import org.keepalived4j.config.model.vrrp.RouteType;
import org.keepalived4j.config.model.vrrp.SyncGroup;
import org.keepalived4j.config.model.vrrp.TrackedObject;
import org.keepalived4j.config.model.vrrp.VirtualRoute;
import org.keepalived4j.config.model.vrrp.VirtualRule;
import org.keepalived4j.config.model.vrrp.VrrpConfig;

/**
 * The vrrp objects configured outside the instances (static_ipaddress/routes/rules, vrrp_script, track_file,
 * vrrp_track_process, vrrp_sync_group), as the management interfaces show them; immutable, taken from the loaded
 * configuration model. Live state (tracker results, sync group state) is in the other snapshots.
 */
public record VrrpDefinitions(List<InstanceSettings.AddressSettings> staticAddresses, List<Route> staticRoutes,
                              List<Rule> staticRules, List<Script> scripts, List<File> files,
                              List<Process> processes, List<SyncGroupSettings> syncGroups) {
    public VrrpDefinitions {
        staticAddresses = List.copyOf(staticAddresses);
        staticRoutes = List.copyOf(staticRoutes);
        staticRules = List.copyOf(staticRules);
        scripts = List.copyOf(scripts);
        files = List.copyOf(files);
        processes = List.copyOf(processes);
        syncGroups = List.copyOf(syncGroups);
    }

    public static final VrrpDefinitions NONE = new VrrpDefinitions(List.of(), List.of(), List.of(), List.of(),
            List.of(), List.of(), List.of());

    /** RT_TABLE_MAIN, the table of a route or rule that names none. */
    public static final long MAIN_TABLE = 254;

    /**
     * One virtual_routes/static_routes line.
     *
     * @param type its route type
     * @param via gateway, null when none
     * @param source {@code src}, null when none
     * @param device {@code dev}, null when none
     * @param table routing table ({@link #MAIN_TABLE} when not given)
     * @param metric 0 when not given
     * @param scopeKernelValue rtnetlink scope, 0 (universe) when not given
     * @param protocol rtnetlink protocol number, null when not given
     * @param mtu null when not given
     * @param nextHops the {@code nexthop}s of a multipath route, empty otherwise
     */
    public record Route(RouteType type, IpPrefix destination, InetAddress via, InetAddress source, String device,
                        long table, long metric, int scopeKernelValue, Integer protocol, Integer mtu,
                        List<NextHop> nextHops) {
        public Route {
            nextHops = List.copyOf(nextHops);
        }

        static Route of(VirtualRoute r) {
            return new Route(r.type(), r.destination(), r.via().orElse(null), r.source().orElse(null),
                    r.device().orElse(null), r.table().orElse(MAIN_TABLE), r.metric().orElse(0L),
                    r.scope().map(s -> s.kernelValue()).orElse(0), r.protocol().map(Route::protocolNumber).orElse(null),
                    r.mtu().orElse(null), r.nextHops().stream().map(h -> new NextHop(h.via().orElse(null),
                            h.device().orElse(null), h.weight().orElse(null), h.onlink())).toList());
        }

        /** A protocol as written: a number or one of iproute2's rt_protos names; null when neither. */
        static Integer protocolNumber(String written) {
            List<String> names = List.of("unspec", "redirect", "kernel", "boot", "static");
            if (written.matches("\\d{1,3}")) {
                return Integer.parseInt(written);
            }
            int i = names.indexOf(written);
            return i >= 0 ? i : null;
        }
    }

    /** One {@code nexthop} of a multipath route: gateway, device and weight null when not given. */
    public record NextHop(InetAddress via, String device, Integer weight, boolean onlink) {
    }

    /**
     * One virtual_rules/static_rules line.
     *
     * @param inet6 an IPv6 rule
     * @param not {@code not} (inverted selector)
     * @param from {@code from} prefix, null when none
     * @param to {@code to} prefix, null when none
     * @param table {@code table}/{@code lookup}, null when none
     * @param preference {@code preference}/{@code priority} (keepalived numbers unset ones 16384 down)
     * @param fwmark null when none
     * @param fwmask null when none
     * @param tos 0 when not given
     * @param inputInterface {@code iif}, null when none
     * @param outputInterface {@code oif}, null when none
     */
    public record Rule(boolean inet6, boolean not, IpPrefix from, IpPrefix to, Long table, Long preference,
                       Long fwmark, Long fwmask, int tos, String inputInterface, String outputInterface) {
        static Rule of(VirtualRule r) {
            return new Rule(r.family() == AddressFamily.IPV6, r.not(), r.from().orElse(null), r.to().orElse(null),
                    r.table().orElse(null), r.preference().orElse(null), r.fwmark().orElse(null),
                    r.fwmask().orElse(null), r.tos().orElse(0), r.inputInterface().orElse(null),
                    r.outputInterface().orElse(null));
        }
    }

    /** A vrrp_script: its command line (program by its real path), interval, weight and thresholds. */
    public record Script(String name, String command, Duration interval, int weight, boolean weightReverse, int rise,
                         int fall) {
    }

    /** A track_file. */
    public record File(String name, String path, int weight, boolean weightReverse) {
    }

    /** A vrrp_track_process: process name, its parameters ("" for none), weight and quorum. */
    public record Process(String name, String processName, String parameters, int weight, boolean weightReverse,
                          int quorum) {
    }

    /** One track_* line of an instance or sync group: the object's name, the weight in force and reverse. */
    public record Tracked(TrackerSnapshot.Kind kind, String name, int weight, boolean reverse) {
        static List<Tracked> of(TrackerSnapshot.Kind kind, List<TrackedObject> objects) {
            return objects.stream().map(o -> new Tracked(kind, o.name(), o.weight(), o.reverse())).toList();
        }
    }

    /**
     * A vrrp_sync_group's configured settings; scripts are command lines (program by its real path), null when not
     * configured.
     */
    public record SyncGroupSettings(String name, boolean smtpAlert, String notifyMaster, String notifyBackup,
                                    String notifyFault, String notifyStop, String notifyAny, List<Tracked> tracked) {
        public SyncGroupSettings {
            tracked = List.copyOf(tracked);
        }

        /** keepalived's notify_exec: any notify script configured. */
        public boolean notifyExec() {
            return notifyMaster != null || notifyBackup != null || notifyFault != null || notifyStop != null
                    || notifyAny != null;
        }

        static SyncGroupSettings of(SyncGroup g) {
            NotifyScripts n = g.notifyScripts();
            List<Tracked> tracked = new ArrayList<>(Tracked.of(TrackerSnapshot.Kind.INTERFACE,
                    g.trackInterfaces()));
            tracked.addAll(Tracked.of(TrackerSnapshot.Kind.SCRIPT, g.trackScripts()));
            tracked.addAll(Tracked.of(TrackerSnapshot.Kind.FILE, g.trackFiles()));
            return new SyncGroupSettings(g.name(), g.smtpAlert(), command(n.master()), command(n.backup()),
                    command(n.fault()), command(n.stop()), command(n.any()), tracked);
        }
    }

    public SyncGroupSettings syncGroup(String name) {
        return syncGroups.stream().filter(g -> g.name().equals(name)).findFirst().orElse(null);
    }

    public Script script(String name) {
        return scripts.stream().filter(s -> s.name().equals(name)).findFirst().orElse(null);
    }

    public File file(String name) {
        return files.stream().filter(s -> s.name().equals(name)).findFirst().orElse(null);
    }

    public Process process(String name) {
        return processes.stream().filter(s -> s.name().equals(name)).findFirst().orElse(null);
    }

    public static VrrpDefinitions of(VrrpConfig v) {
        return new VrrpDefinitions(v.staticAddresses().stream().map(InstanceSettings.AddressSettings::of).toList(),
                v.staticRoutes().stream().map(Route::of).toList(), v.staticRules().stream().map(Rule::of).toList(),
                v.scripts().stream().map(s -> new Script(s.name(), InstanceSettings.realProgram(s.script().commandLine()),
                        s.interval(), s.weight(), s.weightReverse(), s.rise(), s.fall())).toList(),
                v.trackFiles().stream().map(f -> new File(f.name(), f.file().toString(), f.weight(),
                        f.weightReverse())).toList(),
                v.trackProcesses().stream().map(p -> new Process(p.name(), p.processName(),
                        String.join(" ", p.parameters()), p.weight(), p.weightReverse(), p.quorum())).toList(),
                v.syncGroups().stream().map(SyncGroupSettings::of).toList());
    }

    static String command(Optional<ScriptCommand> c) {
        return c.map(ScriptCommand::commandLine).map(InstanceSettings::realProgram).orElse(null);
    }
}
