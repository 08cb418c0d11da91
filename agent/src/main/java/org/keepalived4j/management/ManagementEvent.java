package org.keepalived4j.management;

import java.net.InetAddress;
import java.time.Instant;
import org.keepalived4j.vrrp.RejectReason;
import org.keepalived4j.vrrp.StateChangeReason;
import org.keepalived4j.vrrp.VrrpState;

/**
 * Something that happened, delivered to {@link ManagementListener}s in order, off the VRRP thread. Every event carries
 * what the matching SNMP trap carries, so a JMX notification or trap can be built from the event alone.
 * {@code sequence} numbers all events of one daemon run 1, 2, 3...; a gap means the subscriber's queue overflowed.
 */
public sealed interface ManagementEvent {
    long sequence();

    Instant time();

    /** vrrp_instance (or tracker, for {@link TrackerChanged}) name. */
    String source();

    /** global_defs router_id of this daemon. */
    String routerId();

    /** KEEPALIVED-MIB vrrpInstanceStateChange / VRRP-MIB vrrpTrapNewMaster (when {@code to} is MASTER). */
    record StateChanged(long sequence, Instant time, String routerId, String source, int virtualRouterId,
                        VrrpState from, VrrpState to, StateChangeReason reason, VrrpState initialState,
                        int effectivePriority, long transitionCount) implements ManagementEvent {
    }

    /** The effective priority (base + tracker weights, or a live base-priority change) changed. */
    record EffectivePriorityChanged(long sequence, Instant time, String routerId, String source, int virtualRouterId,
                                    int oldPriority, int newPriority, int basePriority, VrrpState state)
            implements ManagementEvent {
    }

    /** A (possibly different) master is now known: this node on becoming master, or the one it follows. */
    record NewMaster(long sequence, Instant time, String routerId, String source, int virtualRouterId,
                     InetAddress master, int masterPriority, boolean self) implements ManagementEvent {
    }

    /**
     * An advert was rejected. {@code authErrorType} is RFC 2787's vrrpTrapAuthErrorType name for authentication
     * failures (vrrpTrapAuthFailure), else null (a VRRPv3-MIB protocol error).
     */
    record ProtocolError(long sequence, Instant time, String routerId, String source, int virtualRouterId,
                         RejectReason reason, String authErrorType, InetAddress sender) implements ManagementEvent {
    }

    /**
     * A configured tracked object changed state ({@code source} is its name); {@code value} as in
     * {@link TrackerSnapshot#value}.
     */
    record TrackerChanged(long sequence, Instant time, String routerId, String source, TrackerSnapshot.Kind kind,
                          boolean up, long value) implements ManagementEvent {
    }

    /**
     * The configuration was (re)loaded and the instances re-attached ({@code source} is the config file); front ends
     * re-sync their object lists (MBeans, SNMP rows) from the snapshots.
     */
    record ConfigurationLoaded(long sequence, Instant time, String routerId, String source,
                               java.util.List<String> instances) implements ManagementEvent {
        public ConfigurationLoaded {
            instances = java.util.List.copyOf(instances);
        }
    }

    /** A live value was set or dropped (audit); {@code newValue} null = the override was removed. */
    record LiveSettingChanged(long sequence, Instant time, String routerId, String source, String key,
                              String oldValue, String newValue, Actor actor) implements ManagementEvent {
    }
}
