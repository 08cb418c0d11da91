package org.keepalived4j.snmp;

import static org.keepalived4j.snmp.MibOids.oid;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;
import org.keepalived4j.management.DaemonSnapshot;
import org.keepalived4j.config.model.vrrp.AuthType;
import org.keepalived4j.management.GlobalSettings;
import org.keepalived4j.management.InstanceSettings;
import org.keepalived4j.management.InstanceSnapshot;
import org.keepalived4j.management.ManagementApi;
import org.keepalived4j.management.ManagementEvent;
import org.keepalived4j.management.SyncGroupSnapshot;
import org.keepalived4j.management.TrackerSnapshot;
import org.keepalived4j.management.VrrpDefinitions;
import org.keepalived4j.vrrp.VrrpState;
import org.keepalived4j.vrrp.VrrpStatistics;
import org.snmp4j.smi.Counter32;
import org.snmp4j.smi.Counter64;
import org.snmp4j.smi.Gauge32;
import org.snmp4j.smi.Integer32;
import org.snmp4j.smi.IpAddress;
import org.snmp4j.smi.OID;
import org.snmp4j.smi.OctetString;
import org.snmp4j.smi.TimeTicks;
import org.snmp4j.smi.UnsignedInteger32;
import org.snmp4j.smi.Variable;

/**
 * One consistent picture of every served object, built from management snapshots: a sorted map OID → value for GET
 * and GETNEXT, plus which OIDs are writable and what they change. Immutable once built.
 */
public final class MibView {
    /** What a writable OID changes. */
    public enum WritableKind { BASE_PRIORITY, PREEMPT, OPER_PRIORITY, V3_OPER_PRIORITY }

    public record Writable(String instance, WritableKind kind) {
    }

    /** What the builder needs besides the management API. */
    public interface Context {
        /** ifIndex of an interface name in the daemon's namespace, 0 when unknown. */
        int ifIndex(String interfaceName);

        /** When the agent started (sysUpTime zero). */
        Instant agentStart();

        boolean trapsEnabled();

        long eventsDropped();

        long notificationsSuppressed();

        /** Recent live-setting changes, oldest first. */
        List<ManagementEvent.LiveSettingChanged> audit();

        /** Snapshot validity, reported as vrrpv3StatisticsRefreshRate (ms). */
        long refreshMillis();

        /** When instances left initialize; null serves 0 (up since the agent started). */
        default UpTimes upTimes() {
            return null;
        }
    }

    private static TimeTicks upTime(InstanceSnapshot s, Context ctx) {
        UpTimes u = ctx.upTimes();
        Instant since = u == null ? null : u.upSince(s, ctx.agentStart());
        return since == null ? new TimeTicks(0) : ticksSince(ctx.agentStart(), since);
    }

    private final NavigableMap<OID, Variable> values;
    /** {@link #values} as sorted arrays: a GET or GETNEXT is one binary search, the next object is the next slot. */
    private final OID[] sortedOids;
    private final Variable[] sortedValues;
    private final Map<OID, Writable> writable;
    private final Map<String, Integer> instanceIndexes;
    private final Map<String, Integer> syncGroupIndexes;
    private final Map<String, InstanceSnapshot> instances;
    private final Map<String, Integer> ifIndexes;

    private MibView(NavigableMap<OID, Variable> values, Map<OID, Writable> writable,
                    Map<String, Integer> instanceIndexes, Map<String, Integer> syncGroupIndexes,
                    Map<String, InstanceSnapshot> instances, Map<String, Integer> ifIndexes) {
        this.ifIndexes = ifIndexes;
        this.values = values;
        this.sortedOids = values.keySet().toArray(new OID[0]);
        this.sortedValues = values.values().toArray(new Variable[0]);
        this.writable = writable;
        this.instanceIndexes = instanceIndexes;
        this.syncGroupIndexes = syncGroupIndexes;
        this.instances = instances;
    }

    public Variable get(OID oid) {
        int i = Arrays.binarySearch(sortedOids, oid);
        return i >= 0 ? sortedValues[i] : null;
    }

    /** First entry strictly after {@code oid}, or null. */
    public Map.Entry<OID, Variable> next(OID oid) {
        return entry(slotAfter(oid, false));
    }

    /** First entry at or after {@code oid}, or null. */
    public Map.Entry<OID, Variable> ceiling(OID oid) {
        return entry(slotAfter(oid, true));
    }

    /** Slot of the first object at (when {@code inclusive}) or after {@code oid}; {@link #size()} when none. */
    int slotAfter(OID oid, boolean inclusive) {
        int i = Arrays.binarySearch(sortedOids, oid);
        if (i < 0) {
            return -i - 1;
        }
        return inclusive ? i : i + 1;
    }

    int size() {
        return sortedOids.length;
    }

    OID oidAt(int slot) {
        return sortedOids[slot];
    }

    Variable valueAt(int slot) {
        return sortedValues[slot];
    }

    private Map.Entry<OID, Variable> entry(int slot) {
        return slot < sortedOids.length ? Map.entry(sortedOids[slot], sortedValues[slot]) : null;
    }

    public boolean hasSyncGroups() {
        return !syncGroupIndexes.isEmpty();
    }

    public Writable writable(OID oid) {
        return writable.get(oid);
    }

    public NavigableMap<OID, Variable> values() {
        return values;
    }

    public int instanceIndex(String name) {
        return instanceIndexes.getOrDefault(name, 0);
    }

    public int syncGroupIndex(String name) {
        return syncGroupIndexes.getOrDefault(name, 0);
    }

    /** The ifIndex the instance's RFC rows use, null when unknown. */
    public Integer ifIndexOf(String instance) {
        return ifIndexes.get(instance);
    }

    public InstanceSnapshot instance(String name) {
        return instances.get(name);
    }

    /** KEEPALIVED-MIB VrrpState. */
    public static int keepalivedState(VrrpState s) {
        return switch (s) {
            case INIT -> 0;
            case BACKUP -> 1;
            case MASTER -> 2;
            case FAULT -> 3;
            case STOP -> 5;
        };
    }

    /** RFC 2787 vrrpOperState / RFC 6527 vrrpv3OperationsStatus: initialize(1) backup(2) master(3). */
    public static int rfcState(VrrpState s) {
        return switch (s) {
            case BACKUP -> 2;
            case MASTER -> 3;
            default -> 1;
        };
    }

    public static int truth(boolean b) {
        return b ? 1 : 2;
    }

    /** RFC 2579 DateAndTime in UTC (11 octets), empty for null. */
    public static OctetString dateAndTime(Instant t) {
        if (t == null) {
            return new OctetString();
        }
        ZonedDateTime z = t.atZone(ZoneOffset.UTC);
        byte[] b = {(byte) (z.getYear() >> 8), (byte) z.getYear(), (byte) z.getMonthValue(), (byte) z.getDayOfMonth(),
                (byte) z.getHour(), (byte) z.getMinute(), (byte) z.getSecond(), (byte) (z.getNano() / 100_000_000),
                (byte) '+', 0, 0};
        return new OctetString(b);
    }

    static TimeTicks ticksSince(Instant agentStart, Instant t) {
        if (t == null || t.isBefore(agentStart)) {
            return new TimeTicks(0);
        }
        // TimeTicks is an unsigned 32-bit count of centiseconds that wraps (after 497 days)
        return new TimeTicks((Duration.between(agentStart, t).toMillis() / 10) & 0xffffffffL);
    }

    static int inetType(InetAddress a) {
        return a instanceof Inet6Address ? 2 : a instanceof Inet4Address ? 1 : 0;
    }

    static OctetString inet(InetAddress a) {
        return a == null ? new OctetString() : new OctetString(a.getAddress());
    }

    static OctetString virtualMac(int vrid, boolean ipv6) {
        return new OctetString(new byte[] {0, 0, 0x5e, 0, (byte) (ipv6 ? 2 : 1), (byte) vrid});
    }

    /** Builds the view from the management API's current snapshots. */
    public static MibView build(ManagementApi api, RowIndexes instanceRows, RowIndexes syncGroupRows,
                                RowIndexes scriptRows, RowIndexes fileRows, RowIndexes processRows, Context ctx) {
        TreeMap<OID, Variable> v = new TreeMap<>();
        Map<OID, Writable> w = new HashMap<>();
        DaemonSnapshot daemon = api.daemon();
        List<InstanceSnapshot> instances = api.instances();
        List<SyncGroupSnapshot> groups = api.syncGroups();
        List<TrackerSnapshot> trackers = api.trackers();

        // KEEPALIVED-MIB global scalars
        v.put(oid(MibOids.GLOBAL, 1, 0), new OctetString("Keepalived4j v" + daemon.version()));
        v.put(oid(MibOids.GLOBAL, 2, 0), new OctetString(daemon.routerId()));
        v.put(oid(MibOids.GLOBAL, 4, 0), new Integer32(ctx.trapsEnabled() ? 1 : 2));
        if (daemon.settings() != null) {
            addGlobalSettings(v, daemon.settings());
        }

        // vrrpInstanceTable
        Map<String, Integer> iIdx = instanceRows.update(instances.stream().map(InstanceSnapshot::name).toList());
        if (ctx.upTimes() != null) {
            ctx.upTimes().retain(iIdx.keySet());
        }
        Map<String, InstanceSnapshot> byName = new HashMap<>();
        Map<String, String> groupOf = new HashMap<>();
        for (SyncGroupSnapshot g : groups) {
            g.instances().forEach(i -> groupOf.put(i, g.name()));
        }
        Map<String, Integer> ifIdx = new HashMap<>();
        for (InstanceSnapshot s : instances) {
            byName.put(s.name(), s);
            ifIdx.put(s.name(), ctx.ifIndex(s.interfaceName()));
            int i = iIdx.get(s.name());
            String e = MibOids.INSTANCE_ENTRY;
            v.put(oid(e, 2, i), new OctetString(s.name()));
            v.put(oid(e, 3, i), new UnsignedInteger32(s.virtualRouterId()));
            v.put(oid(e, 4, i), new Integer32(keepalivedState(s.state())));
            v.put(oid(e, 5, i), new Integer32(keepalivedState(s.initialState())));
            VrrpState wanted = s.addressOwner() && s.state() != VrrpState.FAULT ? VrrpState.MASTER : s.state();
            v.put(oid(e, 6, i), new Integer32(keepalivedState(wanted)));
            v.put(oid(e, MibOids.COL_INSTANCE_BASE_PRIORITY, i), new Integer32(s.basePriority()));
            w.put(oid(e, MibOids.COL_INSTANCE_BASE_PRIORITY, i), new Writable(s.name(), WritableKind.BASE_PRIORITY));
            v.put(oid(e, 8, i), new Integer32(s.effectivePriority()));
            boolean allSet = s.virtualAddresses().stream().allMatch(InstanceSnapshot.VirtualAddress::installed);
            v.put(oid(e, 9, i), new Integer32(allSet ? 1 : 2));
            v.put(oid(e, 10, i), new OctetString(s.interfaceName()));
            int interval = s.version() == 3 ? s.advertIntervalCentis() : Math.max(1, s.advertIntervalCentis() / 100);
            v.put(oid(e, 12, i), new UnsignedInteger32(interval));
            v.put(oid(e, MibOids.COL_INSTANCE_PREEMPT, i), new Integer32(s.preempt() ? 1 : 2));
            w.put(oid(e, MibOids.COL_INSTANCE_PREEMPT, i), new Writable(s.name(), WritableKind.PREEMPT));
            if (groupOf.containsKey(s.name())) { // absent outside a sync group, as keepalived serves it
                v.put(oid(e, 18, i), new OctetString(groupOf.get(s.name())));
            }
            v.put(oid(e, 30, i), new Integer32(s.version()));
            if (s.settings() != null) {
                addConfiguredColumns(v, i, s);
                boolean installed = s.state() == VrrpState.MASTER; // virtual routes and rules follow mastership
                ConfiguredVrrpTables.routes(v, i, s.settings().routes(), installed, ctx::ifIndex);
                ConfiguredVrrpTables.rules(v, i, s.settings().rules(), installed);
            }

            // vrrpAddressTable: the instance's virtual addresses (static addresses, instance 0, are not served yet)
            int a = 1;
            for (InstanceSnapshot.VirtualAddress va : s.virtualAddresses()) {
                String ae = MibOids.ADDRESS_ENTRY;
                v.put(oid(ae, 2, i, a), new Integer32(inetType(va.address())));
                v.put(oid(ae, 3, i, a), inet(va.address()));
                InstanceSettings.AddressSettings conf = s.settings() == null ? null : s.settings().address(va.address());
                if (conf != null) {
                    if (conf.broadcast() != null) {
                        v.put(oid(ae, 4, i, a), inet(conf.broadcast()));
                    } else if (va.address() instanceof Inet4Address) { // keepalived: 0.0.0.0 for "no broadcast"
                        v.put(oid(ae, 4, i, a), new OctetString(new byte[4]));
                    }
                    v.put(oid(ae, 5, i, a), new UnsignedInteger32(conf.prefixLength()));
                    v.put(oid(ae, 6, i, a), new Integer32(inetScope(conf.scopeKernelValue())));
                    putIfSet(v, oid(ae, 9, i, a), conf.label());
                }
                int addressIfIndex = ctx.ifIndex(s.interfaceName());
                if (addressIfIndex > 0) {
                    v.put(oid(ae, 7, i, a), new Integer32(addressIfIndex));
                }
                v.put(oid(ae, 8, i, a), new OctetString(s.interfaceName()));
                v.put(oid(ae, 10, i, a), new Integer32(va.installed() ? 1 : 2));
                v.put(oid(ae, 11, i, a), new Integer32(1));
                a++;
            }

            // KEEPALIVED4J-MIB k4jInstanceTable (AUGMENTS vrrpInstanceEntry)
            String ke = MibOids.K4J_INSTANCE_ENTRY;
            v.put(oid(ke, 1, i), dateAndTime(s.lastTransition()));
            v.put(oid(ke, 2, i), new Integer32(s.lastTransitionReason() == null ? 0 : s.lastTransitionReason().ordinal() + 1));
            v.put(oid(ke, 3, i), new Counter32(s.transitionCount() & 0xffffffffL));
            v.put(oid(ke, 4, i), new Integer32(s.configuredPriority()));
            v.put(oid(ke, 5, i), new Gauge32(s.overrides().size()));
        }

        // static_ipaddress, static_routes, static_rules: instance 0 rows
        VrrpDefinitions defs = daemon.settings() == null ? VrrpDefinitions.NONE : daemon.settings().vrrp();
        ConfiguredVrrpTables.staticAddresses(v, defs.staticAddresses(), ctx::ifIndex);
        ConfiguredVrrpTables.routes(v, ConfiguredVrrpTables.STATIC_ROWS, defs.staticRoutes(), true, ctx::ifIndex);
        ConfiguredVrrpTables.rules(v, ConfiguredVrrpTables.STATIC_ROWS, defs.staticRules(), true);

        // tracker tables: vrrpScriptTable / vrrpFileTable / vrrpProcessTable and the per-instance tracked tables
        Map<TrackerSnapshot.Kind, Map<String, Integer>> trackerRows = new EnumMap<>(TrackerSnapshot.Kind.class);
        trackerRows.put(TrackerSnapshot.Kind.SCRIPT,
                addTrackers(v, trackers, TrackerSnapshot.Kind.SCRIPT, scriptRows, iIdx, byName, defs));
        trackerRows.put(TrackerSnapshot.Kind.FILE,
                addTrackers(v, trackers, TrackerSnapshot.Kind.FILE, fileRows, iIdx, byName, defs));
        trackerRows.put(TrackerSnapshot.Kind.PROCESS,
                addTrackers(v, trackers, TrackerSnapshot.Kind.PROCESS, processRows, iIdx, byName, defs));
        for (InstanceSnapshot s : instances) {
            if (s.settings() != null) { // the instance's own track_* lines; its sync group's are the group's rows
                ConfiguredVrrpTables.instanceTracked(v, iIdx.get(s.name()), s.settings().tracked(), trackerRows,
                        ctx::ifIndex);
            }
        }

        // vrrpSyncGroupTable and vrrpSyncGroupMemberTable
        Map<String, Integer> gIdx = syncGroupRows.update(groups.stream().map(SyncGroupSnapshot::name).toList());
        for (SyncGroupSnapshot g : groups) {
            int gi = gIdx.get(g.name());
            v.put(oid(MibOids.SYNC_GROUP_ENTRY, 2, gi), new OctetString(g.name()));
            v.put(oid(MibOids.SYNC_GROUP_ENTRY, 3, gi), new Integer32(keepalivedState(g.state())));
            VrrpDefinitions.SyncGroupSettings gs = defs.syncGroup(g.name());
            if (gs != null) {
                ConfiguredVrrpTables.syncGroup(v, gi, gs, trackerRows, ctx::ifIndex);
            }
            for (String member : g.instances()) {
                Integer mi = iIdx.get(member);
                if (mi != null) {
                    v.put(oid(MibOids.SYNC_GROUP_MEMBER_ENTRY, 2, gi, mi), new OctetString(member));
                }
            }
        }

        addRfc2787(v, w, instances, ctx);
        addRfc6527(v, w, instances, ctx);

        // KEEPALIVED4J-MIB audit trail and agent health
        for (ManagementEvent.LiveSettingChanged c : ctx.audit()) {
            long seq = c.sequence() & 0xffffffffL;
            OID row = new OID(new int[] {(int) seq});
            String ae = MibOids.K4J_AUDIT_ENTRY;
            v.put(oid(ae, 2).append(row), dateAndTime(c.time()));
            v.put(oid(ae, 3).append(row), new OctetString(c.actor().channel()));
            v.put(oid(ae, 4).append(row), new OctetString(c.actor().name()));
            v.put(oid(ae, 5).append(row), new OctetString(c.source()));
            v.put(oid(ae, 6).append(row), new OctetString(c.key()));
            v.put(oid(ae, 7).append(row), new OctetString(c.oldValue() == null ? "" : c.oldValue()));
            v.put(oid(ae, 8).append(row), new OctetString(c.newValue() == null ? "" : c.newValue()));
        }
        v.put(new OID(MibOids.K4J_EVENTS_DROPPED), new Counter32(ctx.eventsDropped() & 0xffffffffL));
        v.put(new OID(MibOids.K4J_SUPPRESSED), new Counter32(ctx.notificationsSuppressed() & 0xffffffffL));
        return new MibView(v, w, iIdx, gIdx, byName, ifIdx);
    }

    /** KEEPALIVED-MIB global scalars and emailTable from global_defs, formatted as keepalived does. */
    private static void addGlobalSettings(TreeMap<OID, Variable> v, GlobalSettings g) {
        String mail = MibOids.GLOBAL + ".3";
        if (g.smtpServer() != null) {
            v.put(oid(mail, 1, 0), new Integer32(inetType(g.smtpServer())));
            v.put(oid(mail, 2, 0), inet(g.smtpServer()));
            v.put(oid(mail, 6, 0), new UnsignedInteger32(g.smtpPort()));
        }
        v.put(oid(mail, 3, 0), new UnsignedInteger32(g.smtpTimeout().toSeconds()));
        putIfSet(v, oid(mail, 4, 0), g.emailFrom());
        int e = 1;
        for (String address : g.emails()) {
            v.put(oid(mail, 5, 1, 2, e++), new OctetString(address));
        }
        v.put(oid(mail, 7, 0), new Integer32(truth(g.emailFaults())));
        v.put(oid(mail, 8, 0), new Integer32(onOffUnset(g.smtpAlert())));
        v.put(oid(mail, 9, 0), new Integer32(onOffUnset(g.smtpAlertVrrp())));
        v.put(oid(mail, 10, 0), new Integer32(onOffUnset(g.smtpAlertChecker())));
        v.put(oid(MibOids.GLOBAL, 5, 0), new Integer32(1)); // linkBeat netlink(1): no polling mode
        v.put(oid(MibOids.GLOBAL, 6, 0), new Integer32(truth(g.lvsFlush())));
        v.put(oid(MibOids.GLOBAL, 7, 0), new Integer32(truth(true))); // ipvs64BitStats: as Debian's build
        v.put(oid(MibOids.GLOBAL, 8, 0), new OctetString()); // netNamespace: net_namespace is not supported
        v.put(oid(MibOids.GLOBAL, 9, 0), new Integer32(truth(g.dbus())));
        v.put(oid(MibOids.GLOBAL, 10, 0), new Integer32(truth(g.dynamicInterfaces())));
        v.put(oid(MibOids.GLOBAL, 11, 0), new Integer32(switch (g.lvsFlushOnStop()) {
            case NONE -> 2;
            case ALL -> 1;
            case VS -> 3;
        }));
    }

    /** INET-ADDRESS-MIB InetScopeType of an rtnetlink scope: host → interfaceLocal(1), link → linkLocal(2),
     * site → siteLocal(5), universe → global(14). */
    static int inetScope(int kernelScope) {
        return switch (kernelScope) {
            case 254 -> 1;
            case 253 -> 2;
            case 200 -> 5;
            default -> 14;
        };
    }

    /** on(1) off(2) unset(3). */
    private static int onOffUnset(Boolean b) {
        return b == null ? 3 : b ? 1 : 2;
    }

    /** vrrpInstanceTable columns that come from the configuration (InstanceSettings), formatted as keepalived does. */
    private static void addConfiguredColumns(TreeMap<OID, Variable> v, int i, InstanceSnapshot s) {
        InstanceSettings c = s.settings();
        String e = MibOids.INSTANCE_ENTRY;
        // tracked(1) unless dont_track_primary (keepalived 2.2.7 serves notTracked(2) with and without it)
        v.put(oid(e, 11, i), new Integer32(c.trackPrimaryInterface() ? 1 : 2));
        v.put(oid(e, 14, i), new UnsignedInteger32(c.preemptDelay().toSeconds()));
        // none(0) password(1) ah(2)
        v.put(oid(e, 15, i), new Integer32(c.authType() == null ? 0 : c.authType() == AuthType.PASS ? 1 : 2));
        // lvs_sync_daemon follows this instance: enabled(1) + interface; otherwise disabled(2), no interface
        v.put(oid(e, 16, i), new Integer32(truth(c.lvsSyncInterface() != null)));
        putIfSet(v, oid(e, 17, i), c.lvsSyncInterface());
        v.put(oid(e, 19, i), new UnsignedInteger32(c.garpMasterDelay().toSeconds()));
        v.put(oid(e, 20, i), new Integer32(truth(c.smtpAlert())));
        v.put(oid(e, 21, i), new Integer32(truth(c.notifyExec())));
        putScript(v, oid(e, 22, i), c.notifyMaster());
        putScript(v, oid(e, 23, i), c.notifyBackup());
        putScript(v, oid(e, 24, i), c.notifyFault());
        putScript(v, oid(e, 25, i), c.notifyStop());
        putScript(v, oid(e, 26, i), c.notifyAny());
        // keepalived serves 0 (outside the enumeration) for a VRRPv2 instance, where accept mode does not apply
        v.put(oid(e, 27, i), new Integer32(s.version() == 2 ? 0 : truth(s.acceptMode())));
        v.put(oid(e, 28, i), new Integer32(truth(c.promoteSecondaries())));
        v.put(oid(e, 29, i), new Integer32(truth(false))); // linkbeat: the engine follows netlink link state only
        putScript(v, oid(e, 31, i), c.notifyMasterRxLowerPriority());
        v.put(oid(e, 33, i), new Integer32(truth(false))); // notify_deleted is not supported
        if (c.multicastGroup() != null) {
            v.put(oid(e, 34, i), new Integer32(inetType(c.multicastGroup())));
            v.put(oid(e, 35, i), inet(c.multicastGroup()));
        }
    }

    /** A notify script as keepalived shows it: every word in single quotes. */
    static String scriptText(String commandLine) {
        StringBuilder b = new StringBuilder();
        for (String word : commandLine.strip().split("\\s+")) {
            b.append(b.isEmpty() ? "" : " ").append('\'').append(word).append('\'');
        }
        return b.toString();
    }

    private static void putScript(TreeMap<OID, Variable> v, OID oid, String commandLine) {
        putIfSet(v, oid, commandLine == null ? null : scriptText(commandLine));
    }

    private static void putIfSet(TreeMap<OID, Variable> v, OID oid, String text) {
        if (text != null) { // keepalived leaves out a script that is not configured
            v.put(oid, new OctetString(text));
        }
    }

    /** Rows of one tracker table; returns the row index of each object by name. */
    private static Map<String, Integer> addTrackers(TreeMap<OID, Variable> v, List<TrackerSnapshot> all,
                                                    TrackerSnapshot.Kind kind, RowIndexes rows,
                                                    Map<String, Integer> iIdx, Map<String, InstanceSnapshot> instances,
                                                    VrrpDefinitions defs) {
        List<TrackerSnapshot> ts = all.stream().filter(t -> t.kind() == kind).toList();
        Map<String, Integer> idx = rows.update(ts.stream().map(TrackerSnapshot::name).toList());
        String table;
        String tracked;
        int nameCol = 2;
        int weightCol;
        int trackedWeightCol = 3;
        switch (kind) {
            case SCRIPT -> {
                table = MibOids.SCRIPT_ENTRY;
                tracked = MibOids.TRACKED_SCRIPT_ENTRY;
                weightCol = 5;
            }
            case FILE -> {
                table = MibOids.FILE_ENTRY;
                tracked = MibOids.TRACKED_FILE_ENTRY;
                weightCol = 5;
            }
            default -> {
                table = MibOids.PROCESS_ENTRY;
                tracked = MibOids.TRACKED_PROCESS_ENTRY;
                weightCol = 6;
            }
        }
        for (TrackerSnapshot t : ts) {
            int ti = idx.get(t.name());
            v.put(oid(table, nameCol, ti), new OctetString(t.name()));
            v.put(oid(table, weightCol, ti), new Integer32(t.weight()));
            switch (kind) {
                // vrrpScriptResult init(1) bad(2) good(3); vrrpFileResult is the value; vrrpProcessResult true/false
                case SCRIPT -> v.put(oid(table, 6, ti), new Integer32(t.up() ? 3 : 2));
                case FILE -> v.put(oid(table, 4, ti), new Integer32((int) t.value()));
                default -> v.put(oid(table, 14, ti), new Integer32(truth(t.up())));
            }
            ConfiguredVrrpTables.trackerDefinition(v, ti, t, defs);
            for (String inst : t.instances()) {
                Integer ii = iIdx.get(inst);
                // instances with configured settings get their own track_* rows (ConfiguredVrrpTables)
                InstanceSnapshot owner = instances.get(inst);
                if (ii != null && (owner == null || owner.settings() == null)) {
                    v.put(oid(tracked, nameCol, ii, ti), new OctetString(t.name()));
                    // the instance's own weight for the object (track_script { chk weight -10 }), else the object's
                    InstanceSnapshot.Tracked own = owner == null ? null : owner.trackers().stream()
                            .filter(k -> k.kind() == kind && k.name().equals(t.name())).findFirst().orElse(null);
                    v.put(oid(tracked, trackedWeightCol, ii, ti), new Integer32(own == null ? t.weight() : own.weight()));
                    v.put(oid(tracked, trackedWeightCol + 1, ii, ti), new Integer32(truth(own != null && own.reverse())));
                }
            }
        }
        return idx;
    }

    /** RFC 2787 rows: VRRPv2 instances with at least one IPv4 virtual address (as keepalived). */
    private static void addRfc2787(TreeMap<OID, Variable> v, Map<OID, Writable> w, List<InstanceSnapshot> instances,
                                   Context ctx) {
        v.put(oid(MibOids.VRRP_OPER, 1, 0), new Integer32(2));
        v.put(oid(MibOids.VRRP_OPER, 2, 0), new Integer32(truth(ctx.trapsEnabled())));
        long checksum = 0;
        long version = 0;
        long vrid = 0;
        v.put(oid(MibOids.VRRP_STATS, 1, 0), new Counter32(checksum));
        v.put(oid(MibOids.VRRP_STATS, 2, 0), new Counter32(version));
        v.put(oid(MibOids.VRRP_STATS, 3, 0), new Counter32(vrid));
        for (InstanceSnapshot s : sortedByRow(instances, ctx)) {
            List<InstanceSnapshot.VirtualAddress> v4 = s.virtualAddresses().stream()
                    .filter(a -> a.address() instanceof Inet4Address).toList();
            int ifIndex = ctx.ifIndex(s.interfaceName());
            if (s.version() != 2 || v4.isEmpty() || ifIndex <= 0) {
                continue;
            }
            OID row = new OID(new int[] {ifIndex, s.virtualRouterId()});
            String e = MibOids.VRRP_OPER_ENTRY;
            v.put(oid(e, 2).append(row), virtualMac(s.virtualRouterId(), false));
            v.put(oid(e, 3).append(row), new Integer32(rfcState(s.state())));
            v.put(oid(e, 4).append(row), new Integer32(s.state() == VrrpState.STOP ? 2 : 1));
            v.put(oid(e, MibOids.COL_OPER_PRIORITY).append(row), new Integer32(s.basePriority()));
            w.put(oid(e, MibOids.COL_OPER_PRIORITY).append(row), new Writable(s.name(), WritableKind.OPER_PRIORITY));
            v.put(oid(e, 6).append(row), new Integer32(v4.size()));
            v.put(oid(e, 7).append(row), ipv4(s.state() == VrrpState.MASTER ? s.primaryAddress() : s.masterAddress()));
            v.put(oid(e, 8).append(row), ipv4(s.primaryAddress()));
            // noAuthentication(1) simpleTextPassword(2) ipAuthenticationHeader(3)
            AuthType auth = s.settings() == null ? null : s.settings().authType();
            v.put(oid(e, 9).append(row), new Integer32(auth == null ? 1 : auth == AuthType.PASS ? 2 : 3));
            v.put(oid(e, 10).append(row), new OctetString());
            v.put(oid(e, 11).append(row), new Integer32(Math.max(1, s.advertIntervalCentis() / 100)));
            v.put(oid(e, 12).append(row), new Integer32(truth(s.preempt())));
            v.put(oid(e, 13).append(row), upTime(s, ctx));
            v.put(oid(e, 14).append(row), new Integer32(1));
            v.put(oid(e, 15).append(row), new Integer32(1));
            for (InstanceSnapshot.VirtualAddress a : v4) {
                OID arow = new OID(row).append(new OID(toInts(a.address().getAddress())));
                v.put(oid(MibOids.VRRP_ASSO_ENTRY, 2).append(arow), new Integer32(1));
            }
            VrrpStatistics.Snapshot st = s.statistics();
            String se = MibOids.VRRP_STATS_ENTRY;
            long[] counters = {st.becomeMaster(), st.advertsReceived(), st.advertIntervalErrors(), st.authFailures(),
                    st.ipTtlErrors(), st.priorityZeroReceived(), st.priorityZeroSent(), st.invalidTypeReceived(),
                    st.addressListErrors(), st.invalidAuthType(), st.authTypeMismatch(), st.packetLengthErrors()};
            for (int c = 0; c < counters.length; c++) {
                v.put(oid(se, c + 1).append(row), new Counter32(counters[c] & 0xffffffffL));
            }
        }
    }

    /** RFC 6527 rows: every instance with at least one virtual address (v2 too, as Debian's keepalived). */
    private static void addRfc6527(TreeMap<OID, Variable> v, Map<OID, Writable> w, List<InstanceSnapshot> instances,
                                   Context ctx) {
        String g = MibOids.VRRPV3_STATS;
        v.put(oid(g, 1, 0), new Counter64(0));
        v.put(oid(g, 2, 0), new Counter64(0));
        v.put(oid(g, 3, 0), new Counter64(0));
        v.put(oid(g, 4, 0), new TimeTicks(0));
        for (InstanceSnapshot s : sortedByRow(instances, ctx)) {
            int ifIndex = ctx.ifIndex(s.interfaceName());
            if (s.virtualAddresses().isEmpty() || ifIndex <= 0) {
                continue;
            }
            int type = inetType(s.virtualAddresses().get(0).address());
            List<InstanceSnapshot.VirtualAddress> same = s.virtualAddresses().stream()
                    .filter(a -> inetType(a.address()) == type).toList();
            OID row = new OID(new int[] {ifIndex, s.virtualRouterId(), type});
            String e = MibOids.VRRPV3_OPER_ENTRY;
            InetAddress master = s.state() == VrrpState.MASTER ? s.primaryAddress() : s.masterAddress();
            v.put(oid(e, 3).append(row), inet(master));
            v.put(oid(e, 4).append(row), inet(s.primaryAddress()));
            v.put(oid(e, 5).append(row), virtualMac(s.virtualRouterId(), type == 2));
            v.put(oid(e, 6).append(row), new Integer32(rfcState(s.state())));
            v.put(oid(e, MibOids.COL_V3_OPER_PRIORITY).append(row), new UnsignedInteger32(s.basePriority()));
            w.put(oid(e, MibOids.COL_V3_OPER_PRIORITY).append(row),
                    new Writable(s.name(), WritableKind.V3_OPER_PRIORITY));
            v.put(oid(e, 8).append(row), new Integer32(same.size()));
            v.put(oid(e, 9).append(row), new Integer32(s.advertIntervalCentis()));
            v.put(oid(e, 10).append(row), new Integer32(truth(s.preempt())));
            v.put(oid(e, 11).append(row), new Integer32(truth(s.acceptMode())));
            v.put(oid(e, 12).append(row), upTime(s, ctx));
            v.put(oid(e, 13).append(row), new Integer32(1));
            for (InstanceSnapshot.VirtualAddress a : same) {
                byte[] b = a.address().getAddress();
                OID arow = new OID(row).append(b.length).append(new OID(toInts(b)));
                v.put(oid(MibOids.VRRPV3_ASSO_ENTRY, 2).append(arow), new Integer32(1));
            }
            VrrpStatistics.Snapshot st = s.statistics();
            String se = MibOids.VRRPV3_STATS_ENTRY;
            v.put(oid(se, 1).append(row), new Counter32(st.becomeMaster() & 0xffffffffL));
            v.put(oid(se, 2).append(row), new Integer32(st.newMasterReason().mibValue()));
            v.put(oid(se, 3).append(row), new Counter64(st.advertsReceived()));
            v.put(oid(se, 4).append(row), new Counter64(st.advertIntervalErrors()));
            v.put(oid(se, 5).append(row), new Counter64(st.ipTtlErrors()));
            v.put(oid(se, 6).append(row), new Integer32(st.protocolErrorReason().mibValue()));
            v.put(oid(se, 7).append(row), new Counter64(st.priorityZeroReceived()));
            v.put(oid(se, 8).append(row), new Counter64(st.priorityZeroSent()));
            v.put(oid(se, 9).append(row), new Counter64(st.invalidTypeReceived()));
            v.put(oid(se, 10).append(row), new Counter64(st.addressListErrors()));
            v.put(oid(se, 11).append(row), new Counter64(st.packetLengthErrors()));
            v.put(oid(se, 12).append(row), ticksSince(ctx.agentStart(), s.statisticsDiscontinuity()));
            v.put(oid(se, 13).append(row), new UnsignedInteger32(ctx.refreshMillis()));
        }
    }

    private static List<InstanceSnapshot> sortedByRow(List<InstanceSnapshot> instances, Context ctx) {
        List<InstanceSnapshot> out = new ArrayList<>(instances);
        out.sort(Comparator.comparingInt(InstanceSnapshot::virtualRouterId));
        return out;
    }

    private static IpAddress ipv4(InetAddress a) {
        return a instanceof Inet4Address ? new IpAddress(a) : new IpAddress("0.0.0.0");
    }

    private static int[] toInts(byte[] b) {
        int[] out = new int[b.length];
        for (int i = 0; i < b.length; i++) {
            out[i] = b[i] & 0xff;
        }
        return out;
    }
}
