package org.keepalived4j.management;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.keepalived4j.config.model.GlobalDefs;
import org.keepalived4j.config.model.ScriptCommand;
import org.keepalived4j.config.model.vrrp.AuthType;
import org.keepalived4j.config.model.vrrp.VirtualAddress;
import org.keepalived4j.config.model.vrrp.VrrpInstance;

/**
 * The configured settings of one vrrp_instance that do not change while it runs, taken from the loaded configuration
 * model (keepalived's defaults already applied); immutable. Scripts are null when not configured.
 *
 * @param trackPrimaryInterface false with {@code dont_track_primary}
 * @param preemptDelay {@code preempt_delay}
 * @param authType authentication of a VRRPv2 instance, null for none
 * @param garpMasterDelay {@code garp_master_delay}
 * @param smtpAlert {@code smtp_alert} in force for the instance
 * @param notifyMaster {@code notify_master} command line
 * @param notifyBackup {@code notify_backup}
 * @param notifyFault {@code notify_fault}
 * @param notifyStop {@code notify_stop}
 * @param notifyAny {@code notify} (every state)
 * @param notifyMasterRxLowerPriority {@code notify_master_rx_lower_pri}
 * @param promoteSecondaries {@code promote_secondaries}
 * @param multicastGroup advert destination group; null with unicast peers
 * @param unicast adverts go to unicast peers
 * @param lvsSyncInterface interface of global_defs' {@code lvs_sync_daemon} when it follows this instance, else null
 * @param addresses the configured virtual_ipaddress lines, in configuration order
 * @param routes the virtual_routes lines, in configuration order
 * @param rules the virtual_rules lines, in configuration order
 * @param tracked the instance's own track_* lines (not its sync group's), interfaces, scripts, files, processes
 */
public record InstanceSettings(boolean trackPrimaryInterface, Duration preemptDelay, AuthType authType,
                               Duration garpMasterDelay, boolean smtpAlert, String notifyMaster, String notifyBackup,
                               String notifyFault, String notifyStop, String notifyAny,
                               String notifyMasterRxLowerPriority, boolean promoteSecondaries,
                               InetAddress multicastGroup, boolean unicast, String lvsSyncInterface,
                               List<AddressSettings> addresses, List<VrrpDefinitions.Route> routes,
                               List<VrrpDefinitions.Rule> rules, List<VrrpDefinitions.Tracked> tracked) {
    public InstanceSettings {
        addresses = List.copyOf(addresses);
        routes = List.copyOf(routes);
        rules = List.copyOf(rules);
        tracked = List.copyOf(tracked);
    }

    /** Settings without routes, rules or own tracked objects (sources that do not know them). */
    public InstanceSettings(boolean trackPrimaryInterface, Duration preemptDelay, AuthType authType,
                            Duration garpMasterDelay, boolean smtpAlert, String notifyMaster, String notifyBackup,
                            String notifyFault, String notifyStop, String notifyAny,
                            String notifyMasterRxLowerPriority, boolean promoteSecondaries,
                            InetAddress multicastGroup, boolean unicast, String lvsSyncInterface,
                            List<AddressSettings> addresses) {
        this(trackPrimaryInterface, preemptDelay, authType, garpMasterDelay, smtpAlert, notifyMaster, notifyBackup,
                notifyFault, notifyStop, notifyAny, notifyMasterRxLowerPriority, promoteSecondaries, multicastGroup,
                unicast, lvsSyncInterface, addresses, List.of(), List.of(), List.of());
    }

    /**
     * One configured virtual address.
     *
     * @param prefixLength its prefix length
     * @param broadcast effective broadcast address, null when none
     * @param scopeKernelValue rtnetlink scope (RT_SCOPE_*: 0 universe, 200 site, 253 link, 254 host)
     * @param label address label, null when none
     * @param device {@code dev}, null when none (a VIP then lives on the instance's interface)
     */
    public record AddressSettings(InetAddress address, int prefixLength, InetAddress broadcast, int scopeKernelValue,
                                  String label, String device) {
        public AddressSettings(InetAddress address, int prefixLength, InetAddress broadcast, int scopeKernelValue,
                               String label) {
            this(address, prefixLength, broadcast, scopeKernelValue, label, null);
        }

        static AddressSettings of(VirtualAddress a) {
            return new AddressSettings(a.address().address(), a.address().prefixLength(), a.broadcast().orElse(null),
                    a.scope().kernelValue(), a.label().orElse(null), a.device().orElse(null));
        }
    }

    /** The configured settings of a VIP, or null when the address is not configured here. */
    public AddressSettings address(InetAddress a) {
        return addresses.stream().filter(x -> x.address().equals(a)).findFirst().orElse(null);
    }

    /** Whether any notify script is configured (keepalived's notify_exec). */
    public boolean notifyExec() {
        return notifyMaster != null || notifyBackup != null || notifyFault != null || notifyStop != null
                || notifyAny != null || notifyMasterRxLowerPriority != null;
    }

    /** The settings of a configured instance; notify scripts name their program by its real path, as keepalived. */
    public static InstanceSettings of(VrrpInstance i, GlobalDefs global) {
        String lvsSync = global.lvs().syncDaemon()
                .filter(d -> d.vrrpInstance().map(i.name()::equals).orElse(false))
                .map(GlobalDefs.LvsSyncDaemon::interfaceName).orElse(null);
        return new InstanceSettings(!i.dontTrackPrimary(), i.preemptDelay(),
                i.version() == 2 ? i.authentication().map(a -> a.type()).orElse(null) : null,
                i.garp().masterDelay(), i.smtpAlert(),
                command(i.notifyScripts().master()), command(i.notifyScripts().backup()),
                command(i.notifyScripts().fault()), command(i.notifyScripts().stop()),
                command(i.notifyScripts().any()), command(i.notifyScripts().masterRxLowerPriority()),
                i.promoteSecondaries(), i.isUnicast() ? null : i.multicastGroup(), i.isUnicast(), lvsSync,
                i.virtualAddresses().stream().map(AddressSettings::of).toList(),
                i.virtualRoutes().stream().map(VrrpDefinitions.Route::of).toList(),
                i.virtualRules().stream().map(VrrpDefinitions.Rule::of).toList(), tracked(i));
    }

    private static List<VrrpDefinitions.Tracked> tracked(VrrpInstance i) {
        List<VrrpDefinitions.Tracked> out = new ArrayList<>();
        out.addAll(VrrpDefinitions.Tracked.of(TrackerSnapshot.Kind.INTERFACE, i.trackInterfaces()));
        out.addAll(VrrpDefinitions.Tracked.of(TrackerSnapshot.Kind.SCRIPT, i.trackScripts()));
        out.addAll(VrrpDefinitions.Tracked.of(TrackerSnapshot.Kind.FILE, i.trackFiles()));
        out.addAll(VrrpDefinitions.Tracked.of(TrackerSnapshot.Kind.PROCESS, i.trackProcesses()));
        return out;
    }

    private static String command(Optional<ScriptCommand> c) {
        return VrrpDefinitions.command(c);
    }

    /** The command line with its program replaced by the program's real path when it exists (symlinks resolved). */
    static String realProgram(String commandLine) {
        String trimmed = commandLine.strip();
        int end = trimmed.indexOf(' ');
        String program = end < 0 ? trimmed : trimmed.substring(0, end);
        try {
            Path real = Path.of(program).toRealPath();
            return real + (end < 0 ? "" : trimmed.substring(end));
        } catch (IOException | InvalidPathException e) {
            return trimmed; // not there (yet): shown as configured
        }
    }
}
