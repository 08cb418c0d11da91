/**
 * Kernel adapters of the VRRP engine's ports: {@link org.keepalived4j.vrrp.net.AdvertChannel} (raw sockets for
 * adverts, one per interface + family + multicast/unicast, read by the VRRP loop thread itself),
 * {@link org.keepalived4j.vrrp.net.NetlinkAddressActions} (VIPs over rtnetlink, gratuitous ARP / unsolicited NA on
 * packet sockets), {@link org.keepalived4j.vrrp.net.LinkWatcher} (link and primary-address loss as faults) and
 * {@link org.keepalived4j.vrrp.net.Vmac} (use_vmac macvlans). Every kernel call goes through
 * {@code org.keepalived4j.sys}. Sockets belong to the network namespace of the thread that opened them, so the
 * owner opens everything on one thread of the target namespace; threads it starts inherit that namespace.
 */
package org.keepalived4j.vrrp.net;
