package org.keepalived4j.vrrp.sync;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.keepalived4j.track.TrackTarget;
import org.keepalived4j.vrrp.StateChangeReason;
import org.keepalived4j.vrrp.VrrpEventListener;
import org.keepalived4j.vrrp.VrrpRouter;
import org.keepalived4j.vrrp.VrrpState;
import org.keepalived4j.vrrp.loop.EventLoop;

/**
 * One {@code vrrp_sync_group}, as keepalived 2.2.7's vrrp_sync.c runs it, observing its members' events and
 * commanding them on the loop thread:
 * <ul>
 *   <li>a member's own fault (tracker, interface) drags every member into FAULT (those that were MASTER leave it
 *       without a priority-0 advert); the group leaves FAULT, all members to BACKUP, when no member has a fault of
 *       its own any more;</li>
 *   <li>a member leaving MASTER for BACKUP takes the other masters with it;</li>
 *   <li>a BACKUP member whose down timer expires becomes MASTER only when every other member wants MASTER too
 *       ({@link org.keepalived4j.vrrp.MasterGate}); when it does, the others follow at once.</li>
 * </ul>
 * Faults of members must be raised through {@link #member(String)} so the group sees them even while the member
 * is already in FAULT. Register the coordinator last in each member's {@link ListenerChain}.
 */
public final class SyncGroupCoordinator implements VrrpEventListener {
    private static final Logger LOG = LogManager.getLogger(SyncGroupCoordinator.class);
    /** The fault source the group raises on its members. */
    public static final String GROUP_FAULT = "sync group";

    private final String name;
    private final EventLoop loop;
    private final Map<String, VrrpRouter> members = new LinkedHashMap<>();
    private final SyncGroupListener listener;
    /** Volatile: the management layer reads it from other threads. */
    private volatile VrrpState state = VrrpState.INIT;
    private boolean reacting;

    public SyncGroupCoordinator(String name, EventLoop loop, List<VrrpRouter> members, SyncGroupListener listener) {
        this.name = name;
        this.loop = loop;
        this.listener = listener;
        for (VrrpRouter r : members) {
            this.members.put(r.name(), r);
            r.setMasterGate(this::mayBecomeMaster);
        }
    }

    public String name() {
        return name;
    }

    /** The group state (keepalived's vgroup->state). */
    public VrrpState state() {
        return state;
    }

    public List<VrrpRouter> members() {
        return List.copyOf(members.values());
    }

    /** The handle trackers and the link monitor use for a member: faults go through the group. */
    public TrackTarget member(String instance) {
        VrrpRouter router = members.get(instance);
        if (router == null) {
            throw new IllegalArgumentException("no member " + instance + " in sync group " + name);
        }
        return new TrackTarget() {
            @Override
            public String name() {
                return instance;
            }

            @Override
            public void setPriorityAdjustment(int adjustment) {
                router.setPriorityAdjustment(adjustment);
            }

            @Override
            public void setFault(String source, boolean faulty) {
                ownFault(router, source, faulty);
            }
        };
    }

    /** Announces the group state (keepalived writes the group line before the members') and starts the members. */
    public void start() {
        if (!loop.inLoop()) {
            loop.execute(this::start);
            return;
        }
        announceStart();
        members.values().forEach(VrrpRouter::start);
    }

    /** The start-up part of {@link #start()} without starting the members (whoever owns them starts them next). */
    public void announceStart() {
        setState(anyOwnFault() ? VrrpState.FAULT : VrrpState.BACKUP);
        if (state == VrrpState.FAULT) {
            members.values().forEach(r -> r.setFault(GROUP_FAULT, true, false));
        }
    }

    /**
     * Reload, instead of {@link #announceStart()}: the group takes the state its running members are in (FAULT if
     * one has a fault of its own, MASTER if all are MASTER, else BACKUP) without a notification when
     * {@code previous} (the state of the group of that name before the reload, null if new) is the same, as
     * keepalived's set_previous_sync_group_states does.
     */
    public void resume(VrrpState previous) {
        if (!loop.inLoop()) {
            loop.execute(() -> resume(previous));
            return;
        }
        VrrpState now = anyOwnFault() ? VrrpState.FAULT : allMaster() ? VrrpState.MASTER : VrrpState.BACKUP;
        if (previous != null && previous == now) {
            state = now;
        } else {
            setState(now);
        }
        if (state == VrrpState.FAULT) {
            members.values().forEach(r -> r.setFault(GROUP_FAULT, true, false));
        }
    }

    /** Stops every member; the group reports STOP after them. */
    public void stop() {
        if (!loop.inLoop()) {
            loop.execute(this::stop);
            return;
        }
        members.values().forEach(VrrpRouter::stop);
    }

    private void ownFault(VrrpRouter router, String source, boolean faulty) {
        if (!loop.inLoop()) {
            loop.execute(() -> ownFault(router, source, faulty));
            return;
        }
        router.setFault(source, faulty);
        reevaluateFaults(router);
    }

    private boolean hasOwnFault(VrrpRouter r) {
        return r.faultSources().stream().anyMatch(s -> !s.equals(GROUP_FAULT));
    }

    private boolean anyOwnFault() {
        return members.values().stream().anyMatch(this::hasOwnFault);
    }

    /** keepalived down_instance()/try_up_instance() with num_member_fault. */
    private void reevaluateFaults(VrrpRouter changed) {
        if (reacting) {
            return;
        }
        reacting = true;
        try {
            boolean faulty = anyOwnFault();
            if (faulty && state != VrrpState.FAULT) {
                LOG.info("VRRP_Group({}) Syncing instances to FAULT state", name);
                members.values().forEach(r -> r.setFault(GROUP_FAULT, true, false));
                setState(VrrpState.FAULT);
            } else if (!faulty && state == VrrpState.FAULT) {
                LOG.info("VRRP_Group({}) Leaving FAULT state, syncing instances to BACKUP state", name);
                List<VrrpRouter> order = new ArrayList<>();
                order.add(changed);
                members.values().stream().filter(r -> r != changed).forEach(order::add);
                order.forEach(r -> r.setFault(GROUP_FAULT, false, false));
                setState(members.values().stream().allMatch(r -> r.state() == VrrpState.MASTER)
                        ? VrrpState.MASTER : VrrpState.BACKUP);
            }
        } finally {
            reacting = false;
        }
    }

    /** keepalived vrrp_sync_can_goto_master(). */
    private boolean mayBecomeMaster(VrrpRouter router) {
        if (state == VrrpState.MASTER) {
            return true;
        }
        return members.values().stream().filter(r -> r != router).allMatch(VrrpRouter::wantsMaster);
    }

    @Override
    public void stateChanged(VrrpRouter router, VrrpState from, VrrpState to, StateChangeReason reason) {
        if (members.get(router.name()) != router) {
            return;
        }
        switch (to) {
            case FAULT -> reevaluateFaults(router); // a fault raised on the router directly
            case MASTER -> syncMaster(router);
            case BACKUP -> {
                if (from == VrrpState.MASTER) {
                    syncBackup(router);
                }
            }
            case STOP -> {
                if (members.values().stream().allMatch(r -> r.state() == VrrpState.STOP || r.state() == VrrpState.INIT)) {
                    setState(VrrpState.STOP);
                }
            }
            default -> { }
        }
    }

    /** keepalived vrrp_sync_master(). */
    private void syncMaster(VrrpRouter router) {
        if (state == VrrpState.MASTER || state == VrrpState.FAULT || reacting) {
            return; // nothing to do, or the outer call (sync / fault clearing) announces the group
        }
        if (allMaster()) {
            setState(VrrpState.MASTER);
            return;
        }
        if (!mayBecomeMaster(router)) {
            return;
        }
        LOG.info("VRRP_Group({}) Syncing instances to MASTER state", name);
        reacting = true;
        try {
            members.values().stream().filter(r -> r != router && r.state() == VrrpState.BACKUP)
                    .forEach(VrrpRouter::syncToMaster);
        } finally {
            reacting = false;
        }
        if (allMaster()) {
            setState(VrrpState.MASTER);
        }
    }

    /** keepalived vrrp_sync_backup(). */
    private void syncBackup(VrrpRouter router) {
        if (state == VrrpState.BACKUP || state == VrrpState.FAULT || reacting) {
            return;
        }
        LOG.info("VRRP_Group({}) Syncing instances to BACKUP state", name);
        reacting = true;
        try {
            members.values().stream().filter(r -> r != router && r.state() == VrrpState.MASTER)
                    .forEach(VrrpRouter::syncToBackup);
        } finally {
            reacting = false;
        }
        setState(VrrpState.BACKUP);
    }

    private boolean allMaster() {
        return members.values().stream().allMatch(r -> r.state() == VrrpState.MASTER);
    }

    private void setState(VrrpState next) {
        VrrpState from = state;
        if (from == next) {
            return;
        }
        state = next;
        LOG.info("VRRP_Group({}) Entering {} STATE", name, next);
        try {
            listener.groupStateChanged(this, from, next);
        } catch (RuntimeException e) {
            LOG.error("VRRP_Group({}) listener failed: {}", name, e.toString(), e);
        }
    }

    @Override
    public String toString() {
        return "SyncGroup[" + name + ", " + state + ", " + members.keySet() + "]";
    }
}
