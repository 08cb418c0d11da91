package org.keepalived4j.vrrp;

/** Why a received advert was dropped (each maps to a MIB counter, see {@link VrrpStatistics}). */
public enum RejectReason {
    IP_TTL("IP TTL/hop limit not accepted"),
    VERSION("VRRP version differs from ours"),
    INVALID_AUTH_TYPE("unknown authentication type"),
    AUTH_TYPE_MISMATCH("authentication type differs from ours"),
    AUTH_FAILURE("authentication failed"),
    ADVERT_INTERVAL("advertisement interval mismatch"),
    ADDRESS_LIST("virtual address list differs from ours"),
    INVALID_ADVERT("malformed advertisement"),
    /** check_unicast_src: keepalived logs it and counts nothing. */
    NOT_UNICAST_PEER("unicast source address not a unicast peer");

    private final String description;

    RejectReason(String description) {
        this.description = description;
    }

    public String description() {
        return description;
    }

    /** RFC 2787 vrrpTrapAuthErrorType for the authentication reasons, else null. */
    public String authErrorType() {
        return switch (this) {
            case INVALID_AUTH_TYPE -> "invalidAuthType";
            case AUTH_TYPE_MISMATCH -> "authTypeMismatch";
            case AUTH_FAILURE -> "authFailure";
            default -> null;
        };
    }
}
