package org.keepalived4j.management;

import java.net.InetAddress;
import java.time.Instant;
import java.util.List;
import org.keepalived4j.vrrp.StateChangeReason;
import org.keepalived4j.vrrp.VrrpState;
import org.keepalived4j.vrrp.VrrpStatistics;

/**
 * One vrrp_instance as the management layer sees it at one moment; immutable.
 *
 * @param name vrrp_instance name
 * @param virtualRouterId VRID 1..255
 * @param interfaceName interface the instance runs on ("" when not known)
 * @param version VRRP version 2 or 3
 * @param state current state
 * @param initialState configured {@code state}
 * @param configuredPriority priority from the configuration file
 * @param basePriority priority in force (configuration, or a live value from the overlay)
 * @param effectivePriority base priority plus tracker weights, as sent in adverts
 * @param addressOwner priority 255 (owns the virtual addresses)
 * @param preempt live preempt setting (false = nopreempt)
 * @param advertIntervalCentis configured advert interval in centiseconds
 * @param primaryAddress our advert source address
 * @param masterAddress master we follow, or ourselves as master; null when unknown
 * @param masterPriority priority the master advertises (0 when unknown)
 * @param virtualAddresses the VIPs, each with whether this node has it installed now
 * @param lastTransition time of the last state change; null before the first
 * @param lastTransitionReason why; null before the first
 * @param transitionCount state changes since the daemon started
 * @param resignedUntil end of a {@code resign} command still in force, else null
 * @param statistics every VRRP-MIB / VRRPv3-MIB counter
 * @param statisticsDiscontinuity when the counters last restarted from zero (start or resetStatistics)
 * @param overrides live values kept in the overlay for this instance
 * @param acceptMode a non-owner master accepts packets to its VIPs (keepalived's default unless no_accept/strict)
 * @param trackers the configured objects this instance tracks (own and its sync group's), with this instance's
 *     weights and each object's current health; empty when the engine runs without tracking
 * @param settings configured settings from the configuration model; null when not known
 */
public record InstanceSnapshot(String name, int virtualRouterId, String interfaceName, int version, VrrpState state,
                               VrrpState initialState, int configuredPriority, int basePriority,
                               int effectivePriority, boolean addressOwner, boolean preempt, int advertIntervalCentis,
                               InetAddress primaryAddress, InetAddress masterAddress, int masterPriority,
                               List<VirtualAddress> virtualAddresses, Instant lastTransition,
                               StateChangeReason lastTransitionReason, long transitionCount, Instant resignedUntil,
                               VrrpStatistics.Snapshot statistics, Instant statisticsDiscontinuity,
                               List<LiveOverride> overrides, boolean acceptMode, List<Tracked> trackers,
                               InstanceSettings settings) {
    public InstanceSnapshot {
        virtualAddresses = List.copyOf(virtualAddresses);
        overrides = List.copyOf(overrides);
        trackers = List.copyOf(trackers);
    }

    /** As the canonical constructor, with no trackers and no configured settings (sources without a model). */
    public InstanceSnapshot(String name, int virtualRouterId, String interfaceName, int version, VrrpState state,
                            VrrpState initialState, int configuredPriority, int basePriority,
                            int effectivePriority, boolean addressOwner, boolean preempt, int advertIntervalCentis,
                            InetAddress primaryAddress, InetAddress masterAddress, int masterPriority,
                            List<VirtualAddress> virtualAddresses, Instant lastTransition,
                            StateChangeReason lastTransitionReason, long transitionCount, Instant resignedUntil,
                            VrrpStatistics.Snapshot statistics, Instant statisticsDiscontinuity,
                            List<LiveOverride> overrides, boolean acceptMode) {
        this(name, virtualRouterId, interfaceName, version, state, initialState, configuredPriority, basePriority,
                effectivePriority, addressOwner, preempt, advertIntervalCentis, primaryAddress, masterAddress,
                masterPriority, virtualAddresses, lastTransition, lastTransitionReason, transitionCount,
                resignedUntil, statistics, statisticsDiscontinuity, overrides, acceptMode, List.of(), null);
    }

    /**
     * One tracked object as this instance sees it.
     *
     * @param weight this instance's weight for it (0: failure puts the instance into FAULT)
     * @param reverse the instance tracks it with {@code reverse}
     * @param up the object's health now (see {@link TrackerSnapshot#up})
     */
    public record Tracked(TrackerSnapshot.Kind kind, String name, int weight, boolean reverse, boolean up) {
    }

    /** One virtual address and whether this node has it installed. */
    public record VirtualAddress(InetAddress address, boolean installed) {
    }
}
