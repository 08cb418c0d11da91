/**
 * The VRRP engine: one {@link org.keepalived4j.vrrp.VrrpRouter} per vrrp_instance runs the RFC 3768 / RFC 5798
 * state machine as keepalived 2.2.7 does, on a single {@link org.keepalived4j.vrrp.loop.EventLoop} thread.
 * It talks to the outside only through ports: {@link org.keepalived4j.vrrp.AdvertSender} (wire),
 * {@link org.keepalived4j.vrrp.VirtualAddressActions} (VIPs, GARP/NA) and
 * {@link org.keepalived4j.vrrp.VrrpEventListener} (management); received adverts come in through
 * {@link org.keepalived4j.vrrp.VrrpDispatcher}. No JMX/SNMP/socket code lives here.
 */
package org.keepalived4j.vrrp;
