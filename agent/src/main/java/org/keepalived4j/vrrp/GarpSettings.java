package org.keepalived4j.vrrp;

import java.time.Duration;

/**
 * Gratuitous ARP / unsolicited NA cadence of one instance (keepalived's garp_* keywords, already resolved against
 * global defaults). A zero duration disables the corresponding delayed or periodic burst.
 *
 * @param masterDelay second burst after becoming master (garp_master_delay, default 5 s)
 * @param masterRepeat messages per burst on becoming master (garp_master_repeat, default 5)
 * @param masterRefresh period of refresh bursts while master (garp_master_refresh, default off)
 * @param masterRefreshRepeat messages per refresh burst (garp_master_refresh_repeat, default 1)
 * @param lowerPrioDelay second burst after a lower-priority advert seen as master (garp_lower_prio_delay)
 * @param lowerPrioRepeat messages per burst on a lower-priority advert (garp_lower_prio_repeat, 0 = none)
 */
public record GarpSettings(Duration masterDelay, int masterRepeat, Duration masterRefresh, int masterRefreshRepeat,
                           Duration lowerPrioDelay, int lowerPrioRepeat) {
    public GarpSettings {
        requireNonNegative(masterDelay, "garp master delay");
        requireNonNegative(masterRefresh, "garp master refresh");
        requireNonNegative(lowerPrioDelay, "garp lower prio delay");
        if (masterRepeat < 0 || masterRefreshRepeat < 0 || lowerPrioRepeat < 0) {
            throw new IllegalArgumentException("garp repeat counts must be >= 0");
        }
    }

    /** keepalived 2.2.7 defaults (lower-prio values default to the master values there). */
    public static GarpSettings defaults() {
        return new GarpSettings(Duration.ofSeconds(5), 5, Duration.ZERO, 1, Duration.ofSeconds(5), 5);
    }

    private static void requireNonNegative(Duration d, String what) {
        if (d == null || d.isNegative()) {
            throw new IllegalArgumentException(what + " must be >= 0");
        }
    }
}
