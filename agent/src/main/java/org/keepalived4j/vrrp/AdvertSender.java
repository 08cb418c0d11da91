package org.keepalived4j.vrrp;

import java.net.InetAddress;
import org.keepalived4j.codec.vrrp.VrrpAdvert;

/** Port to the wire: sends one advert of one instance (multicast or to each unicast peer, AH wrapping if set). */
@FunctionalInterface
public interface AdvertSender {
    /** Called on the loop thread; must not block. {@code source} is the instance's primary address. */
    void send(VrrpAdvert advert, InetAddress source);
}
