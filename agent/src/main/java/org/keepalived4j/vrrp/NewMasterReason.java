package org.keepalived4j.vrrp;

/** VRRPv3-MIB vrrpv3StatisticsNewMasterReason (values are the MIB's). */
public enum NewMasterReason {
    NOT_MASTER(0), PRIORITY(1), PREEMPTED(2), MASTER_NO_RESPONSE(3);

    private final int mibValue;

    NewMasterReason(int mibValue) {
        this.mibValue = mibValue;
    }

    public int mibValue() {
        return mibValue;
    }
}
