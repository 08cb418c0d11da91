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
 */
public record ReceivedAdvert(VrrpAdvert advert, InetAddress source, int ttl, AhVerdict ah) {
    public ReceivedAdvert {
        if (advert == null || source == null || ah == null) {
            throw new IllegalArgumentException("advert, source and AH verdict are required");
        }
    }

    public ReceivedAdvert(VrrpAdvert advert, InetAddress source) {
        this(advert, source, 255, AhVerdict.ABSENT);
    }
}
