package org.keepalived4j.vrrp;

import java.net.InetAddress;
import org.keepalived4j.codec.vrrp.VrrpAdvert;

/** Port to the wire: sends one advert of one instance (multicast or to each unicast peer, AH wrapping if set). */
@FunctionalInterface
public interface AdvertSender {
    /**
     * Sends at once (a transition's advert, an answer: takeover time shows on the wire). Called on the loop thread;
     * must not block. {@code source} is the instance's primary address.
     */
    void send(VrrpAdvert advert, InetAddress source);

    /**
     * A master's periodic advert: may wait until the loop's turn ends and leave with the other instances' (one
     * system call, one burst at the backups). Loop thread.
     */
    default void sendPeriodic(VrrpAdvert advert, InetAddress source) {
        send(advert, source);
    }
}
