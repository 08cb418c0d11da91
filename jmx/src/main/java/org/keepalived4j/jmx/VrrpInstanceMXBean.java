package org.keepalived4j.jmx;

import java.util.Date;

/**
 * One vrrp_instance: {@code keepalived4j:type=VrrpInstance,name=<instance>}. Every attribute is an open type so
 * jconsole and generic clients need none of our classes. Counters are VRRP-MIB / VRRPv3-MIB's. Writes and operations
 * are validated; a refused one throws IllegalArgumentException (bad value) or IllegalStateException (not possible
 * now) with the reason.
 */
public interface VrrpInstanceMXBean {
    String getName();

    int getVirtualRouterId();

    String getInterface();

    int getVersion();

    /** INIT, BACKUP, MASTER, FAULT or STOP. */
    String getState();

    String getInitialState();

    int getConfiguredPriority();

    /** Live base priority 1..254 (255 only for the address owner); kept across reloads. */
    int getBasePriority();

    void setBasePriority(int priority);

    int getEffectivePriority();

    boolean isAddressOwner();

    boolean isPreempt();

    void setPreempt(boolean preempt);

    int getAdvertIntervalMillis();

    String getPrimaryAddress();

    /** "" when unknown. */
    String getMasterAddress();

    int getMasterPriority();

    String[] getVirtualAddresses();

    /** The VIPs this node has installed now. */
    String[] getInstalledVirtualAddresses();

    /** null before the first transition. */
    Date getLastTransition();

    String getLastTransitionReason();

    long getTransitionCount();

    /** End of a resign still in force, else null. */
    Date getResignedUntil();

    /** Live overrides: "key=value (file: x) by who at time". */
    String[] getLiveOverrides();

    /**
     * The objects this instance tracks, one per entry: "KIND name weight W[ reverse] up|down", e.g.
     * "SCRIPT chk_http weight -20 down" (KIND: SCRIPT, FILE, PROCESS, INTERFACE).
     */
    String[] getTrackers();

    Date getStatisticsDiscontinuity();

    long getBecomeMaster();

    long getReleaseMaster();

    long getAdvertisementsReceived();

    long getAdvertisementsSent();

    long getAdvertIntervalErrors();

    long getAuthFailures();

    long getIpTtlErrors();

    long getPriorityZeroReceived();

    long getPriorityZeroSent();

    long getInvalidTypeReceived();

    long getAddressListErrors();

    long getInvalidAuthType();

    long getAuthTypeMismatch();

    long getPacketLengthErrors();

    String getProtocolErrorReason();

    String getNewMasterReason();

    /** Give up mastership and do not take over for {@code seconds} (1..86400). */
    String resign(int seconds);

    /** Gratuitous ARP / unsolicited NA burst now (MASTER only). */
    String sendGarp();

    String resetStatistics();
}
