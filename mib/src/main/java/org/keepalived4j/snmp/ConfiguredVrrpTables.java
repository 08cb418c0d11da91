package org.keepalived4j.snmp;

import static org.keepalived4j.snmp.MibOids.oid;

import java.net.Inet4Address;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.keepalived4j.config.model.IpPrefix;
import org.keepalived4j.management.InstanceSettings;
import org.keepalived4j.management.TrackerSnapshot;
import org.keepalived4j.management.VrrpDefinitions;
import org.snmp4j.smi.Integer32;
import org.snmp4j.smi.OID;
import org.snmp4j.smi.OctetString;
import org.snmp4j.smi.UnsignedInteger32;
import org.snmp4j.smi.Variable;

/**
 * KEEPALIVED-MIB vrrp rows that come from the configured definitions ({@link VrrpDefinitions},
 * {@link InstanceSettings}): static addresses, routes and rules, sync group settings and tracking, the configured
 * columns of the tracker tables and each instance's own tracked objects. Values are formatted as keepalived 2.2.7
 * serves them (seen by running it next to us, SnmpDifferentialInteropTest).
 */
final class ConfiguredVrrpTables {
    /** vrrpInstanceIndex of the static_ipaddress/static_routes/static_rules rows. */
    static final int STATIC_ROWS = 0;
    /** rtnetlink protocol keepalived gives its routes when none is configured (RTPROT_KEEPALIVED). */
    private static final int RTPROT_KEEPALIVED = 18;

    /** ifIndex of an interface name, 0 when unknown. */
    interface IfIndexes {
        int ifIndex(String interfaceName);
    }

    private ConfiguredVrrpTables() {
    }

    /** vrrpAddressTable rows of static_ipaddress (instance 0): always set, never advertised. */
    static void staticAddresses(TreeMap<OID, Variable> v, List<InstanceSettings.AddressSettings> addresses,
                                IfIndexes ifIndexes) {
        int a = 1;
        for (InstanceSettings.AddressSettings conf : addresses) {
            String ae = MibOids.ADDRESS_ENTRY;
            int i = STATIC_ROWS;
            v.put(oid(ae, 2, i, a), new Integer32(MibView.inetType(conf.address())));
            v.put(oid(ae, 3, i, a), MibView.inet(conf.address()));
            if (conf.broadcast() != null) {
                v.put(oid(ae, 4, i, a), MibView.inet(conf.broadcast()));
            } else if (conf.address() instanceof Inet4Address) { // keepalived: 0.0.0.0 for "no broadcast"
                v.put(oid(ae, 4, i, a), new OctetString(new byte[4]));
            }
            v.put(oid(ae, 5, i, a), new UnsignedInteger32(conf.prefixLength()));
            v.put(oid(ae, 6, i, a), new Integer32(MibView.inetScope(conf.scopeKernelValue())));
            putInterface(v, oid(ae, 7, i, a), oid(ae, 8, i, a), conf.device(), ifIndexes);
            putText(v, oid(ae, 9, i, a), conf.label());
            v.put(oid(ae, 10, i, a), new Integer32(1)); // installed at start, removed only at stop
            v.put(oid(ae, 11, i, a), new Integer32(2));
            a++;
        }
    }

    /** vrrpRouteTable rows of one instance (or STATIC_ROWS); {@code set}: the routes are installed now. */
    static void routes(TreeMap<OID, Variable> v, int instance, List<VrrpDefinitions.Route> routes, boolean set,
                       IfIndexes ifIndexes) {
        String e = MibOids.ROUTE_ENTRY;
        int r = 1;
        for (VrrpDefinitions.Route route : routes) {
            IpPrefix dst = route.destination();
            v.put(oid(e, 2, instance, r), new Integer32(MibView.inetType(dst.address())));
            v.put(oid(e, 3, instance, r), MibView.inet(dst.address()));
            v.put(oid(e, 4, instance, r), new UnsignedInteger32(dst.prefixLength()));
            if (route.via() != null) {
                v.put(oid(e, 5, instance, r), MibView.inet(route.via()));
            }
            if (route.source() != null) {
                v.put(oid(e, 7, instance, r), MibView.inet(route.source()));
            }
            v.put(oid(e, 8, instance, r), new UnsignedInteger32(route.metric()));
            v.put(oid(e, 9, instance, r), new Integer32(MibView.inetScope(route.scopeKernelValue())));
            v.put(oid(e, 10, instance, r), new Integer32(routeType(route)));
            putInterface(v, oid(e, 11, instance, r), oid(e, 12, instance, r), route.device(), ifIndexes);
            v.put(oid(e, 13, instance, r), new UnsignedInteger32(route.table()));
            v.put(oid(e, 14, instance, r), new Integer32(set ? 1 : 2));
            // vrrpRouteProtocol numbers the kernel's protocols from unspec(1): rtnetlink value + 1
            int protocol = route.protocol() == null ? RTPROT_KEEPALIVED : route.protocol();
            v.put(oid(e, 18, instance, r), new Integer32(protocol + 1));
            v.put(oid(e, 19, instance, r), new Integer32(MibView.truth(false))); // ECN: not configurable here
            v.put(oid(e, 20, instance, r), new Integer32(MibView.truth(false))); // quickack: not configurable here
            if (route.mtu() != null) {
                v.put(oid(e, 22, instance, r), new UnsignedInteger32(route.mtu()));
            }
            nextHops(v, instance, r, route.nextHops(), ifIndexes);
            r++;
        }
    }

    /** vrrpRouteNextHopTable rows (index instance, route, next hop) of a multipath route. */
    private static void nextHops(TreeMap<OID, Variable> v, int instance, int route,
                                 List<VrrpDefinitions.NextHop> hops, IfIndexes ifIndexes) {
        String e = MibOids.ROUTE_NEXT_HOP_ENTRY;
        int n = 1;
        for (VrrpDefinitions.NextHop hop : hops) {
            if (hop.via() != null) {
                v.put(oid(e, 2, instance, route, n), new Integer32(MibView.inetType(hop.via())));
                v.put(oid(e, 3, instance, route, n), MibView.inet(hop.via()));
            }
            putInterface(v, oid(e, 4, instance, route, n), oid(e, 5, instance, route, n), hop.device(), ifIndexes);
            if (hop.weight() != null) {
                v.put(oid(e, 6, instance, route, n), new UnsignedInteger32(hop.weight()));
            }
            v.put(oid(e, 7, instance, route, n), new Integer32(MibView.truth(hop.onlink())));
            n++;
        }
    }

    /** RouteType: unicast(1) ecmp(2) for a multipath route, blackhole(3) unreachable(7) prohibit(8) throw(9). */
    private static int routeType(VrrpDefinitions.Route route) {
        if (!route.nextHops().isEmpty()) {
            return 2;
        }
        return switch (route.type()) {
            case UNICAST -> 1;
            case BLACKHOLE -> 3;
            case UNREACHABLE -> 7;
            case PROHIBIT -> 8;
            case THROW -> 9;
        };
    }

    /** vrrpRuleTable rows of one instance (or STATIC_ROWS); {@code set}: the rules are installed now. */
    static void rules(TreeMap<OID, Variable> v, int instance, List<VrrpDefinitions.Rule> rules, boolean set) {
        String e = MibOids.RULE_ENTRY;
        int r = 1;
        for (VrrpDefinitions.Rule rule : rules) {
            // the rule's "main" address: from when given, else to
            IpPrefix main = rule.from() != null ? rule.from() : rule.to();
            if (main != null) {
                v.put(oid(e, 2, instance, r), new OctetString(rule.from() != null ? "from" : "to"));
                putPrefix(v, e, 3, instance, r, main);
            }
            if (rule.table() != null) {
                v.put(oid(e, 6, instance, r), new UnsignedInteger32(rule.table()));
            }
            v.put(oid(e, 7, instance, r), new Integer32(set ? 1 : 2));
            v.put(oid(e, 8, instance, r), new Integer32(MibView.truth(rule.not())));
            if (rule.to() != null) {
                putPrefix(v, e, 9, instance, r, rule.to());
            }
            if (rule.from() != null) {
                putPrefix(v, e, 12, instance, r, rule.from());
            }
            v.put(oid(e, 15, instance, r), new UnsignedInteger32(rule.tos()));
            if (rule.fwmark() != null) {
                v.put(oid(e, 16, instance, r), new UnsignedInteger32(rule.fwmark()));
            }
            if (rule.fwmask() != null) {
                v.put(oid(e, 17, instance, r), new UnsignedInteger32(rule.fwmask()));
            }
            putText(v, oid(e, 20, instance, r), rule.inputInterface());
            putText(v, oid(e, 21, instance, r), rule.outputInterface());
            if (rule.table() != null) {
                v.put(oid(e, 23, instance, r), new Integer32(1)); // RuleAction table(1)
                v.put(oid(e, 24, instance, r), new UnsignedInteger32(rule.table()));
            }
            if (rule.preference() != null) {
                v.put(oid(e, 25, instance, r), new UnsignedInteger32(rule.preference()));
            }
            r++;
        }
    }

    /** Type, address and mask columns starting at {@code typeColumn}. */
    private static void putPrefix(TreeMap<OID, Variable> v, String e, int typeColumn, int instance, int row,
                                  IpPrefix p) {
        v.put(oid(e, typeColumn, instance, row), new Integer32(MibView.inetType(p.address())));
        v.put(oid(e, typeColumn + 1, instance, row), MibView.inet(p.address()));
        v.put(oid(e, typeColumn + 2, instance, row), new UnsignedInteger32(p.prefixLength()));
    }

    /** vrrpSyncGroupTable columns 4..11 and the vrrpSyncTracked{Interface,Script,File}Table rows of one group. */
    static void syncGroup(TreeMap<OID, Variable> v, int group, VrrpDefinitions.SyncGroupSettings g,
                          Map<TrackerSnapshot.Kind, Map<String, Integer>> trackerRows, IfIndexes ifIndexes) {
        String e = MibOids.SYNC_GROUP_ENTRY;
        v.put(oid(e, 4, group), new Integer32(MibView.truth(g.smtpAlert())));
        v.put(oid(e, 5, group), new Integer32(MibView.truth(g.notifyExec())));
        putScript(v, oid(e, 6, group), g.notifyMaster());
        putScript(v, oid(e, 7, group), g.notifyBackup());
        putScript(v, oid(e, 8, group), g.notifyFault());
        putScript(v, oid(e, 9, group), g.notifyAny());
        v.put(oid(e, 10, group), new Integer32(MibView.truth(false))); // sync_group_tracking_weight: not supported
        putScript(v, oid(e, 11, group), g.notifyStop());
        tracked(v, group, g.tracked(), MibOids.SYNC_TRACKED_INTERFACE_ENTRY, MibOids.SYNC_TRACKED_SCRIPT_ENTRY,
                MibOids.SYNC_TRACKED_FILE_ENTRY, null, trackerRows, ifIndexes);
    }

    /** The vrrpTracked{Interface,Script,File,Process}Table rows of one instance: its own track_* lines. */
    static void instanceTracked(TreeMap<OID, Variable> v, int instance, List<VrrpDefinitions.Tracked> tracked,
                                Map<TrackerSnapshot.Kind, Map<String, Integer>> trackerRows, IfIndexes ifIndexes) {
        tracked(v, instance, tracked, MibOids.TRACKED_INTERFACE_ENTRY, MibOids.TRACKED_SCRIPT_ENTRY,
                MibOids.TRACKED_FILE_ENTRY, MibOids.TRACKED_PROCESS_ENTRY, trackerRows, ifIndexes);
    }

    /**
     * Tracked rows of an instance or group. Interfaces are indexed by ifIndex (name, weight, reverse in columns
     * 1..3, as the MIB's index is the imported ifIndex); scripts, files and processes by their row in their own
     * table (name, weight, reverse in columns 2..4).
     */
    private static void tracked(TreeMap<OID, Variable> v, int owner, List<VrrpDefinitions.Tracked> tracked,
                                String interfaces, String scripts, String files, String processes,
                                Map<TrackerSnapshot.Kind, Map<String, Integer>> trackerRows, IfIndexes ifIndexes) {
        for (VrrpDefinitions.Tracked t : tracked) {
            if (t.kind() == TrackerSnapshot.Kind.INTERFACE) {
                int ifIndex = ifIndexes.ifIndex(t.name());
                if (ifIndex > 0) {
                    v.put(oid(interfaces, 1, owner, ifIndex), new OctetString(t.name()));
                    v.put(oid(interfaces, 2, owner, ifIndex), new Integer32(t.weight()));
                    v.put(oid(interfaces, 3, owner, ifIndex), new Integer32(MibView.truth(t.reverse())));
                }
                continue;
            }
            String table = switch (t.kind()) {
                case SCRIPT -> scripts;
                case FILE -> files;
                default -> processes;
            };
            Integer row = trackerRows.getOrDefault(t.kind(), Map.of()).get(t.name());
            if (table == null || row == null) {
                continue;
            }
            v.put(oid(table, 2, owner, row), new OctetString(t.name()));
            v.put(oid(table, 3, owner, row), new Integer32(t.weight()));
            v.put(oid(table, 4, owner, row), new Integer32(MibView.truth(t.reverse())));
        }
    }

    /** The configured columns of a vrrpScriptTable / vrrpFileTable / vrrpProcessTable row. */
    static void trackerDefinition(TreeMap<OID, Variable> v, int row, TrackerSnapshot live, VrrpDefinitions defs) {
        switch (live.kind()) {
            case SCRIPT -> {
                VrrpDefinitions.Script s = defs.script(live.name());
                if (s != null) {
                    String e = MibOids.SCRIPT_ENTRY;
                    v.put(oid(e, 3, row), new OctetString(MibView.scriptText(s.command())));
                    v.put(oid(e, 4, row), new Integer32((int) s.interval().toSeconds()));
                    v.put(oid(e, 7, row), new UnsignedInteger32(s.rise()));
                    v.put(oid(e, 8, row), new UnsignedInteger32(s.fall()));
                    v.put(oid(e, 9, row), new Integer32(MibView.truth(s.weightReverse())));
                }
            }
            case FILE -> {
                VrrpDefinitions.File f = defs.file(live.name());
                if (f != null) {
                    v.put(oid(MibOids.FILE_ENTRY, 3, row), new OctetString(f.path()));
                    v.put(oid(MibOids.FILE_ENTRY, 6, row), new Integer32(MibView.truth(f.weightReverse())));
                }
            }
            case PROCESS -> {
                VrrpDefinitions.Process p = defs.process(live.name());
                if (p != null) {
                    String e = MibOids.PROCESS_ENTRY;
                    v.put(oid(e, 3, row), new OctetString(p.processName()));
                    v.put(oid(e, 4, row), new OctetString(p.parameters()));
                    // none(0) without parameters; keepalived's default match is exact(1)
                    v.put(oid(e, 5, row), new Integer32(p.parameters().isEmpty() ? 0 : 1));
                    v.put(oid(e, 7, row), new Integer32(MibView.truth(p.weightReverse())));
                    v.put(oid(e, 8, row), new UnsignedInteger32(p.quorum()));
                    v.put(oid(e, 9, row), new Integer32(-1)); // quorum_max unset (keepalived: UINT_MAX as -1)
                    v.put(oid(e, 10, row), new UnsignedInteger32(0)); // fork_delay: not supported
                    v.put(oid(e, 11, row), new UnsignedInteger32(0)); // terminate_delay: not supported
                    v.put(oid(e, 12, row), new Integer32(MibView.truth(false))); // full_command: not supported
                    v.put(oid(e, 13, row), new Integer32((int) live.value()));
                }
            }
            default -> {
            }
        }
    }

    private static void putInterface(TreeMap<OID, Variable> v, OID ifIndexOid, OID ifNameOid, String device,
                                     IfIndexes ifIndexes) {
        if (device == null) {
            return;
        }
        int ifIndex = ifIndexes.ifIndex(device);
        if (ifIndex > 0) {
            v.put(ifIndexOid, new Integer32(ifIndex));
        }
        v.put(ifNameOid, new OctetString(device));
    }

    private static void putText(TreeMap<OID, Variable> v, OID oid, String text) {
        if (text != null) {
            v.put(oid, new OctetString(text));
        }
    }

    private static void putScript(TreeMap<OID, Variable> v, OID oid, String commandLine) {
        putText(v, oid, commandLine == null ? null : MibView.scriptText(commandLine));
    }
}
