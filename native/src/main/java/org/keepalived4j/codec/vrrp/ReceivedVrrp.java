package org.keepalived4j.codec.vrrp;

import java.net.InetAddress;
import org.keepalived4j.codec.ah.AhHeader;
import org.keepalived4j.codec.ip.Ipv4Header;

/**
 * A well-formed received advertisement with what the engine needs to validate it against its configuration.
 *
 * @param advert the VRRP fields
 * @param source IP source (IPv4 header, or the IPv6 source from recvmsg)
 * @param destination IP destination
 * @param ttl IPv4 TTL or IPv6 hop limit (must be 255 unless unicast)
 * @param ipv4Header the IPv4 header, null for IPv6
 * @param ah the AH header when the packet came as protocol 51, else null; verify it with
 *           {@link org.keepalived4j.codec.ah.IpsecAh#verify}
 * @param checksum which v3 checksum variant matched; null for v2, or for IPv6 when the kernel verified it
 */
public record ReceivedVrrp(VrrpAdvert advert, InetAddress source, InetAddress destination, int ttl,
                           Ipv4Header ipv4Header, AhHeader ah, V3Checksum checksum) {
}
