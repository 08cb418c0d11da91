package org.keepalived4j.vrrp;

/** VRRPv2 authentication (RFC 2338 §5.3.6, kept by keepalived); the wire code is the Auth Type field. */
public enum AuthType {
    NONE(0), PASS(1), AH(2);

    private final int code;

    AuthType(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }
}
