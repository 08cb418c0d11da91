package org.keepalived4j.track;

/**
 * keepalived 2.2.7's arithmetic for one tracked object seen by one instance (vrrp_track.c), written as the
 * contribution of the object's current state rather than as keepalived's increments (the sums are equal):
 * <ul>
 *   <li>up/down objects, weight 0: FAULT when down (with reverse: when up);</li>
 *   <li>weight &gt; 0: adds weight × m while up; weight &lt; 0: adds weight × m while down (m = -1 with reverse);</li>
 *   <li>a script not yet run (INIT) adds nothing and, with weight 0, holds the instance in INIT;</li>
 *   <li>track_file: weight 0 → FAULT when the value is non-zero (reverse: when zero); else value × weight × m,
 *       FAULT at -254 or below, at most 253.</li>
 * </ul>
 */
public final class TrackWeight {
    /** keepalived's "tracked file now FAULT state" threshold. */
    static final long FILE_FAULT = -254;
    static final long FILE_MAX = 253;

    /** What one object does to one instance: a fault, an INIT hold, or a priority delta. */
    public record Contribution(boolean fault, boolean holdsInit, int delta) {
        static final Contribution NONE = new Contribution(false, false, 0);
        static final Contribution FAULT = new Contribution(true, false, 0);
        static final Contribution INIT_HOLD = new Contribution(false, true, 0);

        static Contribution delta(long delta) {
            return delta == 0 ? NONE : new Contribution(false, false, (int) delta);
        }
    }

    private TrackWeight() {}

    public static Contribution of(TrackSource source, int weight, boolean reverse) {
        int m = reverse ? -1 : 1;
        if (source.isFile()) {
            return ofFile(source.value(), weight, m);
        }
        TrackSource.Status status = source.status();
        if (weight == 0) {
            if (status == TrackSource.Status.INIT) {
                return Contribution.INIT_HOLD;
            }
            boolean up = status == TrackSource.Status.UP;
            return up != (m == 1) ? Contribution.FAULT : Contribution.NONE;
        }
        return switch (status) {
            case INIT -> Contribution.NONE;
            case UP -> weight > 0 ? Contribution.delta((long) weight * m) : Contribution.NONE;
            case DOWN -> weight < 0 ? Contribution.delta((long) weight * m) : Contribution.NONE;
        };
    }

    private static Contribution ofFile(long value, int weight, int m) {
        if (weight == 0) {
            return (value != 0) == (m == 1) ? Contribution.FAULT : Contribution.NONE;
        }
        long status;
        try {
            status = Math.multiplyExact(Math.multiplyExact(value, (long) weight), (long) m);
        } catch (ArithmeticException overflow) {
            status = (value < 0) == (weight * m < 0) ? Long.MAX_VALUE : Long.MIN_VALUE;
        }
        if (status <= FILE_FAULT) {
            return Contribution.FAULT;
        }
        return Contribution.delta(Math.min(status, FILE_MAX));
    }
}
