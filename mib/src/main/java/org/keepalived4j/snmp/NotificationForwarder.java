package org.keepalived4j.snmp;

import static org.keepalived4j.snmp.MibOids.oid;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.keepalived4j.management.InstanceSnapshot;
import org.keepalived4j.management.ManagementEvent;
import org.keepalived4j.management.ManagementListener;
import org.keepalived4j.vrrp.RejectReason;
import org.keepalived4j.vrrp.StateChangeReason;
import org.keepalived4j.vrrp.VrrpState;
import org.snmp4j.smi.Integer32;
import org.snmp4j.smi.IpAddress;
import org.snmp4j.smi.OID;
import org.snmp4j.smi.OctetString;
import org.snmp4j.smi.VariableBinding;

/**
 * Turns management events into notifications, in event order, on the subscription's dispatcher thread (never the
 * VRRP thread). Every varbind names its row (keepalived sends vrrpInstanceName etc. without the instance index).
 * A per-source token bucket keeps a flapping instance from flooding the receivers; what it holds back is counted in
 * k4jNotificationsSuppressed.
 */
final class NotificationForwarder implements ManagementListener {
    private static final Logger LOG = LogManager.getLogger();

    /** Sends one notification: trap OID and varbinds (sysUpTime and snmpTrapOID are added by the originator). */
    interface Sender {
        void send(OID trap, List<VariableBinding> varbinds);
    }

    private final MibViewCache views;
    private final Sender sender;
    private final AuditTrail audit;
    private final int burst;
    private final double tokensPerNano;
    private final LongSupplier nanoClock;
    private final Map<String, double[]> buckets = new HashMap<>();
    /** Last known vrrpSyncGroupState by row index (the API has no group event; groups follow their members). */
    private final Map<Integer, Integer> groupStates = new HashMap<>();
    private final AtomicLong suppressed = new AtomicLong();
    private final AtomicLong dropped = new AtomicLong();

    NotificationForwarder(MibViewCache views, Sender sender, AuditTrail audit, int burst, int perMinute,
                          LongSupplier nanoClock) {
        this.views = views;
        this.sender = sender;
        this.audit = audit;
        this.burst = burst;
        this.tokensPerNano = perMinute / 60e9;
        this.nanoClock = nanoClock;
    }

    long suppressed() {
        return suppressed.get();
    }

    long dropped() {
        return dropped.get();
    }

    @Override
    public void eventsDropped(long count) {
        dropped.addAndGet(count);
        LOG.warn("SNMP notifications: {} management events lost (agent fell behind)", count);
    }

    @Override
    public void onEvent(ManagementEvent event) {
        try {
            if (event instanceof ManagementEvent.LiveSettingChanged c) {
                audit.add(c);
            }
            List<Notification> out = notifications(event);
            if (out.isEmpty()) {
                return;
            }
            if (!takeToken(event.source())) {
                suppressed.addAndGet(out.size());
                return;
            }
            for (Notification n : out) {
                sender.send(n.trap(), n.varbinds());
            }
        } catch (RuntimeException e) {
            LOG.warn("SNMP notification for {} failed: {}", event, e.toString());
        }
    }

    record Notification(OID trap, List<VariableBinding> varbinds) {
    }

    List<Notification> notifications(ManagementEvent event) {
        List<Notification> out = new ArrayList<>();
        OctetString routerId = new OctetString(event.routerId());
        VariableBinding routerIdVb = new VariableBinding(new OID(MibOids.ROUTER_ID), routerId);
        if (event instanceof ManagementEvent.StateChanged s) {
            MibView view = viewKnowing(s.source());
            int i = view.instanceIndex(s.source());
            if (i == 0) {
                return out;
            }
            String e = MibOids.INSTANCE_ENTRY;
            out.add(new Notification(new OID(MibOids.INSTANCE_STATE_CHANGE), List.of(
                    new VariableBinding(oid(e, 2, i), new OctetString(s.source())),
                    new VariableBinding(oid(e, 4, i), new Integer32(MibView.keepalivedState(s.to()))),
                    new VariableBinding(oid(e, 5, i), new Integer32(MibView.keepalivedState(s.initialState()))),
                    routerIdVb)));
            if (s.to() == VrrpState.MASTER) {
                newMaster(view, s, out);
            }
            syncGroupChanges(routerIdVb, out);
        } else if (event instanceof ManagementEvent.ProtocolError p) {
            if (p.authErrorType() != null) {
                int type = switch (p.reason()) {
                    case INVALID_AUTH_TYPE -> 1;
                    case AUTH_TYPE_MISMATCH -> 2;
                    default -> 3;
                };
                IpAddress src = p.sender() instanceof java.net.Inet4Address a ? new IpAddress(a)
                        : new IpAddress("0.0.0.0");
                out.add(new Notification(new OID(MibOids.VRRP_TRAP_AUTH_FAILURE), List.of(
                        new VariableBinding(oid(MibOids.VRRP_TRAP_PACKET_SRC, 0), src),
                        new VariableBinding(oid(MibOids.VRRP_TRAP_AUTH_ERROR_TYPE, 0), new Integer32(type)))));
            } else if (p.reason() == RejectReason.IP_TTL || p.reason() == RejectReason.VERSION) {
                OID row = v3Row(viewKnowing(p.source()), p.source());
                if (row != null) {
                    out.add(new Notification(new OID(MibOids.VRRPV3_PROTO_ERROR), List.of(new VariableBinding(
                            oid(MibOids.VRRPV3_STATS_ENTRY, 6).append(row),
                            new Integer32(p.reason() == RejectReason.IP_TTL ? 1 : 2)))));
                }
            }
        } else if (event instanceof ManagementEvent.LiveSettingChanged c) {
            OID row = new OID(new int[] {(int) (c.sequence() & 0xffffffffL)});
            String a = MibOids.K4J_AUDIT_ENTRY;
            out.add(new Notification(new OID(MibOids.K4J_LIVE_SETTING_CHANGE), List.of(
                    new VariableBinding(oid(a, 3).append(row), new OctetString(c.actor().channel())),
                    new VariableBinding(oid(a, 4).append(row), new OctetString(c.actor().name())),
                    new VariableBinding(oid(a, 5).append(row), new OctetString(c.source())),
                    new VariableBinding(oid(a, 6).append(row), new OctetString(c.key())),
                    new VariableBinding(oid(a, 7).append(row), new OctetString(nz(c.oldValue()))),
                    new VariableBinding(oid(a, 8).append(row), new OctetString(nz(c.newValue()))),
                    routerIdVb)));
        }
        return out;
    }

    /** vrrpSyncGroupStateChange for every group whose state differs from the last one seen. */
    private void syncGroupChanges(VariableBinding routerIdVb, List<Notification> out) {
        if (groupStates.isEmpty() && !views.get().hasSyncGroups()) {
            // no group known and none in the published view (rebuilt within ms of a reload): a failover of many
            // ungrouped instances costs no view rebuild per event
            return;
        }
        MibView view = views.refresh();
        OID stateColumn = new OID(MibOids.SYNC_GROUP_ENTRY + ".3");
        Map<Integer, Integer> seen = new HashMap<>();
        for (Map.Entry<OID, org.snmp4j.smi.Variable> e
                : view.values().subMap(stateColumn, new OID(stateColumn).nextPeer()).entrySet()) {
            int index = e.getKey().last();
            int state = e.getValue().toInt();
            seen.put(index, state);
            Integer before = groupStates.get(index);
            if (before != null && before != state) {
                out.add(new Notification(new OID(MibOids.SYNC_GROUP_STATE_CHANGE), List.of(
                        new VariableBinding(oid(MibOids.SYNC_GROUP_ENTRY, 2, index),
                                view.get(oid(MibOids.SYNC_GROUP_ENTRY, 2, index))),
                        new VariableBinding(oid(MibOids.SYNC_GROUP_ENTRY, 3, index), new Integer32(state)),
                        routerIdVb)));
            }
        }
        groupStates.clear();
        groupStates.putAll(seen);
    }

    /** Records the current group states, so the first change after start is reported. */
    void primeSyncGroups() {
        syncGroupChanges(new VariableBinding(new OID(MibOids.ROUTER_ID)), new ArrayList<>());
    }

    /** vrrpTrapNewMaster (RFC 2787 rows only) then vrrpv3NewMaster, keepalived's order. */
    private void newMaster(MibView view, ManagementEvent.StateChanged s, List<Notification> out) {
        InstanceSnapshot inst = view.instance(s.source());
        if (inst == null) {
            return;
        }
        for (Map.Entry<OID, org.snmp4j.smi.Variable> e
                : view.values().subMap(new OID(MibOids.VRRP_OPER_ENTRY + ".7"), new OID(MibOids.VRRP_OPER_ENTRY + ".8"))
                .entrySet()) {
            OID o = e.getKey();
            int vrid = o.get(o.size() - 1);
            if (vrid == inst.virtualRouterId() && o.get(o.size() - 2) == ifIndexOf(view, inst)) {
                IpAddress own = inst.primaryAddress() instanceof java.net.Inet4Address a ? new IpAddress(a)
                        : new IpAddress("0.0.0.0");
                out.add(new Notification(new OID(MibOids.VRRP_TRAP_NEW_MASTER),
                        List.of(new VariableBinding(new OID(o), own))));
            }
        }
        OID row = v3Row(view, s.source());
        if (row != null) {
            out.add(new Notification(new OID(MibOids.VRRPV3_NEW_MASTER), List.of(
                    new VariableBinding(oid(MibOids.VRRPV3_OPER_ENTRY, 3).append(row), MibView.inet(inst.primaryAddress())),
                    new VariableBinding(oid(MibOids.VRRPV3_STATS_ENTRY, 2).append(row),
                            new Integer32(newMasterReason(s.reason()))))));
        }
    }

    /** RFC 6527 vrrpv3StatisticsNewMasterReason for why we became master. */
    static int newMasterReason(StateChangeReason r) {
        if (r == null) {
            return 0;
        }
        return switch (r) {
            case PREEMPTION -> 2;
            case MASTER_DOWN, MASTER_RESIGNED -> 3;
            default -> 1;
        };
    }

    private static int ifIndexOf(MibView view, InstanceSnapshot inst) {
        OID row = v3Row(view, inst.name());
        return row == null ? -1 : row.get(0);
    }

    /** The instance's VRRPV3-MIB row index (ifIndex.vrid.addrType), null when it has no row. */
    private static OID v3Row(MibView view, String instance) {
        InstanceSnapshot inst = view.instance(instance);
        if (inst == null) {
            return null;
        }
        OID prefix = new OID(MibOids.VRRPV3_OPER_ENTRY + ".6");
        for (OID o : view.values().subMap(prefix, new OID(prefix).nextPeer()).keySet()) {
            if (o.size() == prefix.size() + 3 && o.get(prefix.size() + 1) == inst.virtualRouterId()
                    && view.instanceIndex(instance) != 0 && sameInterface(view, inst, o.get(prefix.size()))) {
                return new OID(o.getValue(), prefix.size(), 3);
            }
        }
        return null;
    }

    private static boolean sameInterface(MibView view, InstanceSnapshot inst, int ifIndex) {
        // two instances with one VRID on different interfaces differ by ifIndex; the view knows which is which
        Integer known = view.ifIndexOf(inst.name());
        return known == null || known == ifIndex;
    }

    private MibView viewKnowing(String instance) {
        MibView v = views.get();
        if (v.instance(instance) == null) {
            v = views.refresh();
        }
        return v;
    }

    private synchronized boolean takeToken(String source) {
        long now = nanoClock.getAsLong();
        double[] b = buckets.computeIfAbsent(source, k -> new double[] {burst, now});
        b[0] = Math.min(burst, b[0] + (now - (long) b[1]) * tokensPerNano);
        b[1] = now;
        if (b[0] >= 1) {
            b[0] -= 1;
            return true;
        }
        return false;
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }
}
