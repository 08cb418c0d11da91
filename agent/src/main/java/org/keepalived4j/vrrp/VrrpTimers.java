package org.keepalived4j.vrrp;

/**
 * RFC timer formulas in keepalived's integer microseconds ({@code VRRP_TIMER_SKEW} in include/vrrp.h), so that
 * our timers expire on the same microsecond as keepalived's.
 */
public final class VrrpTimers {
    private VrrpTimers() {
    }

    /** Advert interval in µs from the centisecond value (v2 values are multiples of 100). */
    public static long intervalMicros(int centis) {
        return centis * 10_000L;
    }

    /**
     * Skew_Time in µs: v3 {@code (256 - prio) * centis * 625 / 16} (= (256-prio) * Master_Adver_Interval / 256),
     * v2 {@code (256 - prio) * 10^6 / 256} (independent of the interval, RFC 3768 §6.1).
     */
    public static long skewMicros(int version, int priority, int masterAdverIntervalCentis) {
        long weight = 256L - priority;
        return version == 3 ? weight * masterAdverIntervalCentis * 625 / 16 : weight * 1_000_000L / 256;
    }

    /** Master_Down_Interval in µs: down_timer_adverts × Master_Adver_Interval + Skew_Time. */
    public static long masterDownMicros(int version, int priority, int masterAdverIntervalCentis, int downTimerAdverts) {
        return downTimerAdverts * intervalMicros(masterAdverIntervalCentis)
                + skewMicros(version, priority, masterAdverIntervalCentis);
    }
}
