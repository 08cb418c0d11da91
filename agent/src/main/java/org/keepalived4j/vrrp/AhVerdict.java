package org.keepalived4j.vrrp;

/** Result of the IPsec-AH check done by the receive path (ICV, SPI, sequence) before the engine sees the advert. */
public enum AhVerdict {
    /** The packet carried no AH header. */
    ABSENT,
    VALID,
    INVALID
}
