package org.keepalived4j.vrrp;

/** Why a gratuitous ARP / unsolicited NA burst is sent. */
public enum AnnounceReason {
    BECOME_MASTER, MASTER_DELAYED, MASTER_REFRESH, LOWER_PRIORITY_ADVERT, LOWER_PRIORITY_DELAYED,
    /** An operator asked for it (management sendGarp). */
    ADMIN_REQUEST,
    /** A reload added VIPs to a MASTER: one burst for all of them, as keepalived's reload does. */
    RELOAD
}
