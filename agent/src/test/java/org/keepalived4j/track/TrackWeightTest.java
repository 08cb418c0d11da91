package org.keepalived4j.track;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.keepalived4j.track.TrackSource.Kind;
import org.keepalived4j.track.TrackSource.Status;
import org.keepalived4j.track.TrackWeight.Contribution;

/** keepalived 2.2.7 vrrp_track.c rules, one case per rule of keepalived.conf(5). */
class TrackWeightTest {
    private static Contribution binary(Status status, int weight, boolean reverse) {
        return TrackWeight.of(TrackSource.binary(Kind.SCRIPT, "chk", status), weight, reverse);
    }

    private static Contribution file(long value, int weight, boolean reverse) {
        return TrackWeight.of(TrackSource.file("tf", value), weight, reverse);
    }

    @Test
    void weightZeroFaultsWhenDownAndReverseWhenUp() {
        assertThat(binary(Status.DOWN, 0, false).fault()).isTrue();
        assertThat(binary(Status.UP, 0, false).fault()).isFalse();
        assertThat(binary(Status.UP, 0, true).fault()).isTrue();
        assertThat(binary(Status.DOWN, 0, true).fault()).isFalse();
        assertThat(binary(Status.INIT, 0, false).holdsInit()).isTrue();
    }

    @Test
    void positiveWeightAddsWhileUpNegativeSubtractsWhileDown() {
        assertThat(binary(Status.UP, 20, false).delta()).isEqualTo(20);
        assertThat(binary(Status.DOWN, 20, false).delta()).isZero();
        assertThat(binary(Status.UP, -20, false).delta()).isZero();
        assertThat(binary(Status.DOWN, -20, false).delta()).isEqualTo(-20);
        // reverse flips the direction: +20 reverse subtracts while up, -20 reverse adds while down
        assertThat(binary(Status.UP, 20, true).delta()).isEqualTo(-20);
        assertThat(binary(Status.DOWN, -20, true).delta()).isEqualTo(20);
        assertThat(binary(Status.INIT, 20, false).delta()).isZero();
        assertThat(binary(Status.DOWN, -20, false).fault()).isFalse();
    }

    @Test
    void trackFileValueTimesWeightFaultsAtMinus254AndCapsAt253() {
        assertThat(file(3, 10, false).delta()).isEqualTo(30);
        assertThat(file(3, 10, true).delta()).isEqualTo(-30);
        assertThat(file(-25, 10, false).delta()).isEqualTo(-250);
        assertThat(file(-25, 10, false).fault()).isFalse();
        assertThat(file(-26, 10, false).fault()).isTrue();
        assertThat(file(100, 10, false).delta()).isEqualTo(253);
        assertThat(file(Long.MAX_VALUE, 10, true).fault()).isTrue();
        // weight 0: non-zero is a failure (reverse: zero is)
        assertThat(file(1, 0, false).fault()).isTrue();
        assertThat(file(0, 0, false).fault()).isFalse();
        assertThat(file(0, 0, true).fault()).isTrue();
        assertThat(file(7, 0, true).fault()).isFalse();
    }

    @Test
    void fileValueParsesLikeStrtol() {
        assertThat(FileTracker.parseLeadingLong("  42\n")).isEqualTo(42);
        assertThat(FileTracker.parseLeadingLong("-7xyz")).isEqualTo(-7);
        assertThat(FileTracker.parseLeadingLong("abc")).isZero();
        assertThat(FileTracker.parseLeadingLong("")).isZero();
    }
}
