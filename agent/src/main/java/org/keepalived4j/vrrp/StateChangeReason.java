package org.keepalived4j.vrrp;

/** Why a router changed state. */
public enum StateChangeReason {
    /** Start-up into BACKUP (keepalived "Entering BACKUP STATE (init)"). */
    STARTUP,
    /** Priority 255 goes MASTER at once (RFC 5798 §6.4.1). */
    ADDRESS_OWNER,
    /** No advert accepted for Master_Down_Interval. */
    MASTER_DOWN,
    /** The master resigned (priority 0) and Skew_Time passed. */
    MASTER_RESIGNED,
    /** Lower-priority adverts were discarded (preempt) until the down timer expired. */
    PREEMPTION,
    /** As master, an advert with a higher priority arrived. */
    HIGHER_PRIORITY_ADVERT,
    /** As master, an advert with our priority from a higher primary address arrived. */
    EQUAL_PRIORITY_HIGHER_ADDRESS,
    /** A fault source (interface down, tracker) was raised. */
    FAULT,
    /** The last fault source was cleared. */
    FAULT_CLEARED,
    /** The instance was stopped (shutdown, or a reload that restarts it). */
    STOPPED,
    /** A reload removed the instance from the configuration (keepalived notifies FAULT for it, see VrrpNotifier). */
    REMOVED,
    /** An operator asked the master to resign for a while (management command). */
    RESIGNED,
    /** Its sync group moved it (another member changed state). */
    SYNC_GROUP
}
