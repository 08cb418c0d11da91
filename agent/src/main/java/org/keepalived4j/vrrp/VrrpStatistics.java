package org.keepalived4j.vrrp;

/**
 * Per-router counters: the columns of VRRP-MIB vrrpRouterStatsTable (RFC 2787) and VRRPv3-MIB
 * vrrpv3StatisticsTable (RFC 6527), plus sent adverts and releases. Written only by the loop thread (single writer,
 * volatile for readers on other threads); {@link #snapshot()} gives an immutable copy.
 */
public final class VrrpStatistics {
    private volatile long becomeMaster;
    private volatile long releaseMaster;
    private volatile long advertsReceived;
    private volatile long advertsSent;
    private volatile long advertIntervalErrors;
    private volatile long authFailures;
    private volatile long ipTtlErrors;
    private volatile long priorityZeroReceived;
    private volatile long priorityZeroSent;
    private volatile long invalidTypeReceived;
    private volatile long addressListErrors;
    private volatile long invalidAuthType;
    private volatile long authTypeMismatch;
    private volatile long packetLengthErrors;
    private volatile ProtocolErrorReason protocolErrorReason = ProtocolErrorReason.NO_ERROR;
    private volatile NewMasterReason newMasterReason = NewMasterReason.NOT_MASTER;

    /**
     * @param becomeMaster vrrpStatsBecomeMaster / vrrpv3StatisticsMasterTransitions
     * @param releaseMaster times we left MASTER (keepalived release_master)
     * @param advertsReceived vrrpStatsAdvertiseRcvd / vrrpv3StatisticsRcvdAdvertisements
     * @param advertsSent adverts we sent (keepalived advert_sent)
     * @param advertIntervalErrors vrrpStatsAdvertiseIntervalErrors / vrrpv3StatisticsAdvIntervalErrors
     * @param authFailures vrrpStatsAuthFailures
     * @param ipTtlErrors vrrpStatsIpTtlErrors / vrrpv3StatisticsIpTtlErrors
     * @param priorityZeroReceived vrrpStatsPriorityZeroPktsRcvd / vrrpv3StatisticsRcvdPriZeroPackets
     * @param priorityZeroSent vrrpStatsPriorityZeroPktsSent / vrrpv3StatisticsSentPriZeroPackets
     * @param invalidTypeReceived vrrpStatsInvalidTypePktsRcvd / vrrpv3StatisticsRcvdInvalidTypePackets
     * @param addressListErrors vrrpStatsAddressListErrors / vrrpv3StatisticsAddressListErrors
     * @param invalidAuthType vrrpStatsInvalidAuthType
     * @param authTypeMismatch vrrpStatsAuthTypeMismatch
     * @param packetLengthErrors vrrpStatsPacketLengthErrors / vrrpv3StatisticsPacketLengthErrors
     * @param protocolErrorReason vrrpv3StatisticsProtoErrReason
     * @param newMasterReason vrrpv3StatisticsNewMasterReason
     */
    public record Snapshot(long becomeMaster, long releaseMaster, long advertsReceived, long advertsSent,
                           long advertIntervalErrors, long authFailures, long ipTtlErrors, long priorityZeroReceived,
                           long priorityZeroSent, long invalidTypeReceived, long addressListErrors,
                           long invalidAuthType, long authTypeMismatch, long packetLengthErrors,
                           ProtocolErrorReason protocolErrorReason, NewMasterReason newMasterReason) {
    }

    public Snapshot snapshot() {
        return new Snapshot(becomeMaster, releaseMaster, advertsReceived, advertsSent, advertIntervalErrors,
                authFailures, ipTtlErrors, priorityZeroReceived, priorityZeroSent, invalidTypeReceived,
                addressListErrors, invalidAuthType, authTypeMismatch, packetLengthErrors, protocolErrorReason,
                newMasterReason);
    }

    /** Zeroes every counter and the protocol error reason (management resetStatistics); the new-master reason stays. */
    void reset() {
        becomeMaster = 0;
        releaseMaster = 0;
        advertsReceived = 0;
        advertsSent = 0;
        advertIntervalErrors = 0;
        authFailures = 0;
        ipTtlErrors = 0;
        priorityZeroReceived = 0;
        priorityZeroSent = 0;
        invalidTypeReceived = 0;
        addressListErrors = 0;
        invalidAuthType = 0;
        authTypeMismatch = 0;
        packetLengthErrors = 0;
        protocolErrorReason = ProtocolErrorReason.NO_ERROR;
    }

    void becameMaster(NewMasterReason reason) {
        becomeMaster = becomeMaster + 1;
        newMasterReason = reason;
    }

    void releasedMaster() {
        releaseMaster = releaseMaster + 1;
        newMasterReason = NewMasterReason.NOT_MASTER;
    }

    void advertReceived() {
        advertsReceived = advertsReceived + 1;
    }

    void advertSent(int priority) {
        advertsSent = advertsSent + 1;
        if (priority == 0) {
            priorityZeroSent = priorityZeroSent + 1;
        }
    }

    void priorityZeroReceived() {
        priorityZeroReceived = priorityZeroReceived + 1;
    }

    void protocolError(ProtocolErrorReason reason) {
        protocolErrorReason = reason;
    }

    void rejected(RejectReason reason) {
        switch (reason) {
            case IP_TTL -> {
                ipTtlErrors = ipTtlErrors + 1;
                protocolErrorReason = ProtocolErrorReason.IP_TTL_ERROR;
            }
            case VERSION -> protocolErrorReason = ProtocolErrorReason.VERSION_ERROR;
            case INVALID_AUTH_TYPE -> invalidAuthType = invalidAuthType + 1;
            case AUTH_TYPE_MISMATCH -> authTypeMismatch = authTypeMismatch + 1;
            case AUTH_FAILURE -> authFailures = authFailures + 1;
            case ADVERT_INTERVAL -> advertIntervalErrors = advertIntervalErrors + 1;
            case ADDRESS_LIST -> addressListErrors = addressListErrors + 1;
            case INVALID_ADVERT -> packetLengthErrors = packetLengthErrors + 1;
            case NOT_UNICAST_PEER -> {
                // no MIB counter: keepalived only logs it
            }
        }
    }

    void malformed(MalformedKind kind) {
        switch (kind) {
            case INVALID_TYPE -> invalidTypeReceived = invalidTypeReceived + 1;
            case PACKET_LENGTH -> packetLengthErrors = packetLengthErrors + 1;
            case CHECKSUM -> protocolErrorReason = ProtocolErrorReason.CHECKSUM_ERROR;
            case VERSION -> protocolErrorReason = ProtocolErrorReason.VERSION_ERROR;
        }
    }
}
