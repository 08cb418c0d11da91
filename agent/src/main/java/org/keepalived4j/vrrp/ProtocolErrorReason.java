package org.keepalived4j.vrrp;

/** VRRPv3-MIB vrrpv3StatisticsProtoErrReason (values are the MIB's): the last protocol error seen. */
public enum ProtocolErrorReason {
    NO_ERROR(0), IP_TTL_ERROR(1), VERSION_ERROR(2), CHECKSUM_ERROR(3), VRID_ERROR(4);

    private final int mibValue;

    ProtocolErrorReason(int mibValue) {
        this.mibValue = mibValue;
    }

    public int mibValue() {
        return mibValue;
    }
}
