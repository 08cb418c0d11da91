package org.keepalived4j.codec.vrrp;

/**
 * Why a received packet is not a well-formed VRRP advertisement. Each reason names the VRRP-MIB (RFC 2787)
 * and VRRPv3-MIB (RFC 6527) statistics counter it feeds, so the engine counts every drop exactly once.
 * Checks that need the local configuration (VRID, TTL unless unicast, auth type mismatch, password, address
 * list, interval) are the engine's.
 */
public enum VrrpDecodeError {
    /** Fewer bytes than the IPv4 header. */
    IP_TRUNCATED(StatsCounter.PACKET_LENGTH),
    /** IP version not 4 or IHL below 5. The kernel never delivers these; counted nowhere. */
    IP_HEADER_INVALID(StatsCounter.NONE),
    /** IPv4 header checksum wrong. The kernel drops these before us; counted nowhere. */
    IP_HEADER_CHECKSUM(StatsCounter.NONE),
    /** IPv4 total length differs from the received length (keepalived: "ip_tot_len mismatch"). */
    IP_TOTAL_LENGTH_MISMATCH(StatsCounter.PACKET_LENGTH),
    /** IP protocol neither 112 (VRRP) nor 51 (AH). */
    NOT_VRRP(StatsCounter.NONE),
    /** Protocol 51 but fewer than 24 bytes of AH. */
    AH_TRUNCATED(StatsCounter.PACKET_LENGTH),
    /** AH next header not 112 or payload length not 4. */
    AH_MALFORMED(StatsCounter.AUTH_FAILURE),
    /** Fewer than the 8 bytes of the fixed VRRP header. */
    VRRP_TRUNCATED(StatsCounter.PACKET_LENGTH),
    /** Version neither 2 nor 3. */
    BAD_VERSION(StatsCounter.VERSION),
    /** Type not 1 (ADVERTISEMENT). */
    BAD_TYPE(StatsCounter.INVALID_TYPE),
    /** VRRP length does not match the address count (plus 8 auth bytes for v2 over IPv4). */
    ADDRESS_COUNT_LENGTH_MISMATCH(StatsCounter.PACKET_LENGTH),
    /** v2 auth type not 0, 1 or 2. */
    BAD_AUTH_TYPE(StatsCounter.INVALID_AUTH_TYPE),
    /** VRRP checksum wrong (v3: with every accepted pseudo-header variant). */
    BAD_CHECKSUM(StatsCounter.CHECKSUM);

    private final StatsCounter counter;

    VrrpDecodeError(StatsCounter counter) {
        this.counter = counter;
    }

    public StatsCounter counter() {
        return counter;
    }

    /** The MIB statistics counters a decode failure can feed. */
    public enum StatsCounter {
        PACKET_LENGTH("vrrpStatsPacketLengthErrors", "vrrpv3StatisticsPacketLengthErrors"),
        CHECKSUM("vrrpStatsChecksumErrors", "vrrpv3StatisticsChecksumErrors"),
        VERSION("vrrpStatsVersionErrors", "vrrpv3StatisticsVersionErrors"),
        INVALID_TYPE("vrrpStatsInvalidTypePktsRcvd", "vrrpv3StatisticsInvalidTypePktsRcvd"),
        INVALID_AUTH_TYPE("vrrpStatsInvalidAuthType", null),
        AUTH_FAILURE("vrrpStatsAuthFailures", null),
        /** Dropped without counting (not VRRP, or the kernel would have dropped it). */
        NONE(null, null);

        private final String vrrpMib;
        private final String vrrpv3Mib;

        StatsCounter(String vrrpMib, String vrrpv3Mib) {
            this.vrrpMib = vrrpMib;
            this.vrrpv3Mib = vrrpv3Mib;
        }

        /** The VRRP-MIB (RFC 2787) object, or null if that MIB has none. */
        public String vrrpMibObject() {
            return vrrpMib;
        }

        /** The VRRPv3-MIB (RFC 6527) object, or null if that MIB has none. */
        public String vrrpv3MibObject() {
            return vrrpv3Mib;
        }
    }
}
