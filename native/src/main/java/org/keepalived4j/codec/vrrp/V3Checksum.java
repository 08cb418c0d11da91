package org.keepalived4j.codec.vrrp;

/**
 * How the VRRPv3 checksum covers a pseudo-header (RFC 5798 §5.2.8). VRRPv2 ignores this: its checksum covers
 * the VRRP message only.
 */
public enum V3Checksum {
    /**
     * The pseudo-header of the actual source and destination (IPv4: keepalived 2.2.7's default, FRR, Wireshark;
     * IPv6: always, RFC 2460 §8.1).
     */
    PSEUDO_HEADER,
    /**
     * IPv4 pseudo-header with destination 224.0.0.18 even for unicast: keepalived ≤ 1.3.6, which 2.2.7
     * auto-detects ({@code old_unicast_checksum}).
     */
    PSEUDO_HEADER_MULTICAST_DESTINATION,
    /** No pseudo-header (IPv4 per RFC 9568, Cisco/Juniper; keepalived's later {@code v3_checksum_as_v2}). */
    NO_PSEUDO_HEADER,
    /** IPv6 only: write 0 and let the kernel fill it ({@code IPV6_CHECKSUM}), as keepalived does. */
    LEFT_TO_KERNEL
}
