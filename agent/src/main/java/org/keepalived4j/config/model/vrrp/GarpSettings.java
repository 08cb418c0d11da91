package org.keepalived4j.config.model.vrrp;

import java.time.Duration;

/**
 * Gratuitous ARP / unsolicited NA timing of one instance: the instance's own garp_* values, else
 * the global vrrp_garp_* values, else keepalived's defaults.
 *
 * @param masterRefresh {@link Duration#ZERO} = no periodic refresh
 */
public record GarpSettings(
        Duration masterDelay,
        int masterRepeat,
        Duration masterRefresh,
        int masterRefreshRepeat,
        Duration lowerPrioDelay,
        int lowerPrioRepeat) {}
