package org.keepalived4j.codec.ip;

/**
 * The IP ID keepalived puts on its adverts: a per-instance 16-bit counter incremented before each advert,
 * skipping 0 on wrap (with IP_HDRINCL the kernel would replace an ID of 0 with its own). The first advert
 * carries ID 1. Not thread-safe; one per VRRP instance.
 */
public final class Ipv4IdSequence {
    private int last;

    /** Starts so that the next ID is 1, as keepalived does. */
    public Ipv4IdSequence() {
        this(0);
    }

    /** Starts after {@code last} (e.g. to continue a captured sequence). */
    public Ipv4IdSequence(int last) {
        this.last = last & 0xffff;
    }

    public int next() {
        last = (last + 1) & 0xffff;
        if (last == 0) {
            last = 1;
        }
        return last;
    }
}
