package org.keepalived4j.snmp;

import org.snmp4j.smi.OID;

/** OIDs of the objects served, from mib/mibs. Every accessor returns a fresh OID (OID.append mutates). */
public final class MibOids {
    private MibOids() {
    }

    /** KEEPALIVED-MIB keepalived. */
    public static final String KEEPALIVED = "1.3.6.1.4.1.9586.100.5";
    public static final String GLOBAL = KEEPALIVED + ".1";
    public static final String VRRP = KEEPALIVED + ".2";
    public static final String SYNC_GROUP_ENTRY = VRRP + ".1.1";
    public static final String SYNC_GROUP_MEMBER_ENTRY = VRRP + ".2.1";
    public static final String INSTANCE_ENTRY = VRRP + ".3.1";
    public static final String ADDRESS_ENTRY = VRRP + ".6.1";
    public static final String SCRIPT_ENTRY = VRRP + ".9.1";
    public static final String FILE_ENTRY = VRRP + ".13.1";
    public static final String PROCESS_ENTRY = VRRP + ".21.1";
    public static final String TRACKED_SCRIPT_ENTRY = VRRP + ".5.1";
    public static final String TRACKED_FILE_ENTRY = VRRP + ".12.1";
    public static final String TRACKED_PROCESS_ENTRY = VRRP + ".20.1";
    public static final String TRACKED_INTERFACE_ENTRY = VRRP + ".4.1";
    public static final String ROUTE_ENTRY = VRRP + ".7.1";
    public static final String ROUTE_NEXT_HOP_ENTRY = VRRP + ".11.1";
    public static final String RULE_ENTRY = VRRP + ".8.1";
    public static final String SYNC_TRACKED_INTERFACE_ENTRY = VRRP + ".14.1";
    public static final String SYNC_TRACKED_SCRIPT_ENTRY = VRRP + ".15.1";
    public static final String SYNC_TRACKED_FILE_ENTRY = VRRP + ".16.1";
    public static final String TRAPS = VRRP + ".10.0";
    public static final String SYNC_GROUP_STATE_CHANGE = TRAPS + ".1";
    public static final String INSTANCE_STATE_CHANGE = TRAPS + ".2";
    public static final String ROUTER_ID = GLOBAL + ".2.0";
    public static final int COL_INSTANCE_BASE_PRIORITY = 7;
    public static final int COL_INSTANCE_PREEMPT = 13;

    /** RFC 2787 VRRP-MIB vrrpMIB. */
    public static final String VRRP_MIB = "1.3.6.1.2.1.68";
    public static final String VRRP_OPER = VRRP_MIB + ".1";
    public static final String VRRP_OPER_ENTRY = VRRP_OPER + ".3.1";
    public static final String VRRP_ASSO_ENTRY = VRRP_OPER + ".4.1";
    public static final String VRRP_STATS = VRRP_MIB + ".2";
    public static final String VRRP_STATS_ENTRY = VRRP_STATS + ".4.1";
    public static final String VRRP_TRAP_NEW_MASTER = VRRP_MIB + ".0.1";
    public static final String VRRP_TRAP_AUTH_FAILURE = VRRP_MIB + ".0.2";
    public static final String VRRP_TRAP_PACKET_SRC = VRRP_OPER + ".5";
    public static final String VRRP_TRAP_AUTH_ERROR_TYPE = VRRP_OPER + ".6";
    public static final int COL_OPER_PRIORITY = 5;

    /** RFC 6527 VRRPV3-MIB vrrpv3MIB. */
    public static final String VRRPV3_MIB = "1.3.6.1.2.1.207";
    public static final String VRRPV3_OPER_ENTRY = VRRPV3_MIB + ".1.1.1.1";
    public static final String VRRPV3_ASSO_ENTRY = VRRPV3_MIB + ".1.1.2.1";
    public static final String VRRPV3_STATS = VRRPV3_MIB + ".1.2";
    public static final String VRRPV3_STATS_ENTRY = VRRPV3_STATS + ".5.1";
    public static final String VRRPV3_NEW_MASTER = VRRPV3_MIB + ".0.1";
    public static final String VRRPV3_PROTO_ERROR = VRRPV3_MIB + ".0.2";
    public static final int COL_V3_OPER_PRIORITY = 7;

    /** KEEPALIVED4J-MIB keepalived4jMIB (provisional root). */
    public static final String K4J = "1.3.6.1.3.4242";
    public static final String K4J_INSTANCE_ENTRY = K4J + ".1.1.1";
    public static final String K4J_AUDIT_ENTRY = K4J + ".1.2.1";
    public static final String K4J_EVENTS_DROPPED = K4J + ".1.3.0";
    public static final String K4J_SUPPRESSED = K4J + ".1.4.0";
    public static final String K4J_LIVE_SETTING_CHANGE = K4J + ".0.1";

    public static OID oid(String base, int... subs) {
        OID o = new OID(base);
        for (int s : subs) {
            o.append(s);
        }
        return o;
    }

    public static OID oid(String base, OID suffix) {
        return new OID(base).append(suffix);
    }
}
