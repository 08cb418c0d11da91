package org.keepalived4j.snmp;

import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.keepalived4j.management.Actor;
import org.keepalived4j.management.Command;
import org.keepalived4j.management.CommandResult;
import org.keepalived4j.management.ManagementApi;
import org.snmp4j.PDU;
import org.snmp4j.agent.DefaultMOScope;
import org.snmp4j.agent.MOQuery;
import org.snmp4j.agent.MOScope;
import org.snmp4j.agent.mo.GenericManagedObject;
import org.snmp4j.agent.request.SnmpRequest;
import org.snmp4j.agent.request.SubRequest;
import org.snmp4j.smi.Integer32;
import org.snmp4j.smi.Null;
import org.snmp4j.smi.OID;
import org.snmp4j.smi.UnsignedInteger32;
import org.snmp4j.smi.Variable;

/**
 * One registered MIB subtree (KEEPALIVED-MIB, VRRP-MIB, VRRPV3-MIB, KEEPALIVED4J-MIB) served from the cached
 * {@link MibView}: exact GET and GETNEXT on every object, SET of the writable priority/preempt objects through the
 * management API's commands (validated in the test phase, so a rejected value changes nothing). It must be a
 * {@link GenericManagedObject}: snmp4j-agent's request handlers only look up objects of that type.
 */
final class SnapshotSubtree implements GenericManagedObject {
    private static final Logger LOG = LogManager.getLogger();
    private static final long COMMAND_TIMEOUT_SECONDS = 5;

    private final DefaultMOScope scope;
    private final MibViewCache views;
    private final ManagementApi api;

    SnapshotSubtree(String base, MibViewCache views, ManagementApi api) {
        OID lower = new OID(base);
        this.scope = new DefaultMOScope(lower, true, new OID(lower).nextPeer(), false);
        this.views = views;
        this.api = api;
    }

    @Override
    public MOScope getScope() {
        return scope;
    }

    @Override
    public OID find(MOScope range) {
        MibView view = views.get();
        int slot = find(view, range, null);
        return slot < 0 ? null : view.oidAt(slot);
    }

    /** Slot in {@code view} of the first object in range (and accepted by {@code filter}), or -1. */
    private int find(MibView view, MOScope range, Function<OID, Boolean> filter) {
        for (int slot = view.slotAfter(range.getLowerBound(), range.isLowerIncluded()); slot < view.size(); slot++) {
            OID oid = view.oidAt(slot);
            if (!scope.covers(oid) || !range.covers(oid)) {
                return -1;
            }
            if (filter == null || Boolean.TRUE.equals(filter.apply(oid))) {
                return slot;
            }
        }
        return -1;
    }

    @Override
    public OID find(MOQuery query, Function<OID, Boolean> filter) {
        MibView view = views.get();
        int slot = find(view, query.getScope(), filter);
        return slot < 0 ? null : view.oidAt(slot);
    }

    @Override
    public void get(SubRequest<?> sub) {
        OID oid = sub.getVariableBinding().getOid();
        Variable v = views.get().get(oid);
        sub.getVariableBinding().setVariable(v != null ? v : Null.noSuchInstance);
        sub.completed();
    }

    @Override
    public boolean next(SubRequest<?> sub) {
        return next(sub, null);
    }

    @Override
    public boolean next(SubRequest<?> sub, Function<OID, Boolean> filter) {
        MibView view = views.get(); // one view for the lookup and the value, even if a newer one is published meanwhile
        int slot = find(view, sub.getQuery().getScope(), filter);
        if (slot < 0) {
            return false;
        }
        sub.getVariableBinding().setOid(view.oidAt(slot));
        sub.getVariableBinding().setVariable(view.valueAt(slot));
        sub.completed();
        return true;
    }

    @Override
    public void prepare(SubRequest<?> sub) {
        try {
            Object command = check(sub);
            if (command instanceof Integer error) {
                sub.getStatus().setErrorStatus(error);
            } else {
                sub.setUserObject(command);
            }
        } finally {
            sub.getStatus().setPhaseComplete(true);
        }
    }

    /** The command a SET asks for, or the SNMP error status (Integer) that rejects it. */
    private Object check(SubRequest<?> sub) {
        OID oid = sub.getVariableBinding().getOid();
        MibView view = views.get();
        MibView.Writable target = view.writable(oid);
        if (target == null) {
            return view.get(oid) == null ? PDU.noCreation : PDU.notWritable;
        }
        Variable value = sub.getVariableBinding().getVariable();
        Command command;
        switch (target.kind()) {
            case BASE_PRIORITY, OPER_PRIORITY -> {
                if (!(value instanceof Integer32 i)) {
                    return PDU.wrongType;
                }
                if (i.getValue() < 1 || i.getValue() > 255) {
                    return PDU.wrongValue;
                }
                command = new Command.SetBasePriority(target.instance(), i.getValue());
            }
            case V3_OPER_PRIORITY -> {
                if (!(value instanceof UnsignedInteger32 u) || value instanceof org.snmp4j.smi.Counter32
                        || value instanceof org.snmp4j.smi.TimeTicks) {
                    return PDU.wrongType;
                }
                if (u.getValue() < 1 || u.getValue() > 255) {
                    return PDU.wrongValue;
                }
                command = new Command.SetBasePriority(target.instance(), (int) u.getValue());
            }
            default -> {
                if (!(value instanceof Integer32 i)) {
                    return PDU.wrongType;
                }
                // vrrpInstancePreempt preempt(1)/noPreempt(2); RFC PreemptMode is a TruthValue with the same numbers
                if (i.getValue() != 1 && i.getValue() != 2) {
                    return PDU.wrongValue;
                }
                command = new Command.SetPreempt(target.instance(), i.getValue() == 1);
            }
        }
        CommandResult result = api.validate(command);
        if (!result.ok()) {
            LOG.info("SNMP SET {} = {} rejected: {}", oid, value, result.message());
            return errorStatus(result.status());
        }
        return command;
    }

    @Override
    public void commit(SubRequest<?> sub) {
        try {
            if (!(sub.getUserObject() instanceof Command command)) {
                sub.getStatus().setErrorStatus(PDU.commitFailed);
                return;
            }
            CommandResult r = api.execute(command, actor(sub)).get(COMMAND_TIMEOUT_SECONDS, TimeUnit.SECONDS);
            if (!r.ok()) {
                LOG.warn("SNMP SET {} failed at commit: {}", sub.getVariableBinding().getOid(), r.message());
                sub.getStatus().setErrorStatus(PDU.commitFailed);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            sub.getStatus().setErrorStatus(PDU.commitFailed);
        } catch (Exception e) {
            LOG.warn("SNMP SET {} failed: {}", sub.getVariableBinding().getOid(), e.toString());
            sub.getStatus().setErrorStatus(PDU.commitFailed);
        } finally {
            views.refresh(); // the next request sees the written value
            sub.getStatus().setPhaseComplete(true);
        }
    }

    @Override
    public void undo(SubRequest<?> sub) {
        // a failed commit changed nothing (commands are all-or-nothing), so there is nothing to roll back
        sub.getStatus().setPhaseComplete(true);
    }

    @Override
    public void cleanup(SubRequest<?> sub) {
        sub.setUserObject(null);
        sub.getStatus().setPhaseComplete(true);
    }

    static int errorStatus(CommandResult.Status status) {
        return switch (status) {
            case WRONG_VALUE -> PDU.wrongValue;
            case INCONSISTENT -> PDU.inconsistentValue;
            case NO_SUCH_TARGET -> PDU.noCreation;
            default -> PDU.commitFailed;
        };
    }

    private static Actor actor(SubRequest<?> sub) {
        if (sub.getRequest() instanceof SnmpRequest r && r.getSecurityName() != null) {
            return Actor.snmp(r.getSecurityName().toString());
        }
        return Actor.snmp(null);
    }

    @Override
    public String toString() {
        return "SnapshotSubtree" + scope;
    }
}
