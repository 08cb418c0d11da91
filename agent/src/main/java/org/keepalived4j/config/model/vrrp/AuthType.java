package org.keepalived4j.config.model.vrrp;

/** VRRPv2 authentication: simple password or IPsec AH (RFC 2338). Not allowed with version 3. */
public enum AuthType {
    PASS,
    AH
}
