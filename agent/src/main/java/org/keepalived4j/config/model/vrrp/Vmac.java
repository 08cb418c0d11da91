package org.keepalived4j.config.model.vrrp;

/**
 * {@code use_vmac}: the macvlan keepalived creates for the instance.
 *
 * @param interfaceName effective name (keepalived's default {@code vrrp.VRID})
 * @param macAddress effective MAC, lower case with colons (default 00:00:5e:00:01:VRID for IPv4,
 *     00:00:5e:00:02:VRID for IPv6)
 */
public record Vmac(String interfaceName, String macAddress) {}
