package org.keepalived4j.vrrp;

import java.net.InetAddress;
import org.keepalived4j.codec.vrrp.VrrpAdvert;

/**
 * A decoded advert plus what the IP layer said about it.
 *
 * @param advert the VRRP payload (checksum, length, version and type already verified by the codec)
 * @param source IP source address (the sender's primary address)
 * @param ttl IP TTL / IPv6 hop limit
 * @param ah outcome of the AH check
 * @param receivedAtNanos loop-clock time the packet was read from the socket: a backup's down timer runs from here,
 *        not from when the loop thread got round to it (keepalived's timer runs from its epoll wake-up)
 */
public record ReceivedAdvert(VrrpAdvert advert, InetAddress source, int ttl, AhVerdict ah, long receivedAtNanos) {
    public ReceivedAdvert {
        if (advert == null || source == null || ah == null) {
            throw new IllegalArgumentException("advert, source and AH verdict are required");
        }
    }

    public ReceivedAdvert(VrrpAdvert advert, InetAddress source, long receivedAtNanos) {
        this(advert, source, 255, AhVerdict.ABSENT, receivedAtNanos);
    }

    /** The same packet with another AH verdict (the loop's replay check). */
    public ReceivedAdvert withAh(AhVerdict verdict) {
        return new ReceivedAdvert(advert, source, ttl, verdict, receivedAtNanos);
    }
}
