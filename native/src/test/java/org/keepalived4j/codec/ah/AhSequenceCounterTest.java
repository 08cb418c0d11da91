package org.keepalived4j.codec.ah;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class AhSequenceCounterTest {
    @Test
    void firstAdvertCarriesOneThenIncrements() {
        AhSequenceCounter c = new AhSequenceCounter();
        assertThat(c.nextForSend()).isEqualTo(1); // as captured from keepalived: 1, 2, 3
        assertThat(c.nextForSend()).isEqualTo(2);
        assertThat(c.nextForSend()).isEqualTo(3);
    }

    @Test
    void stopsAndCyclesAtTheTop() {
        AhSequenceCounter c = new AhSequenceCounter();
        c.restore(0xFFFFFFFDL, false);
        assertThat(c.nextForSend()).isEqualTo(0xFFFFFFFEL);
        assertThat(c.cycled()).isFalse();
        assertThat(c.nextForSend()).isEqualTo(0xFFFFFFFEL);
        assertThat(c.cycled()).isTrue();
        c.onBecomingMaster();
        assertThat(c.cycled()).isFalse();
        assertThat(c.nextForSend()).isEqualTo(1);
    }

    @Test
    void receiverAcceptsOnlyStrictlyGreater() {
        AhSequenceCounter c = new AhSequenceCounter();
        assertThat(c.acceptReceived(5, true)).isTrue();
        assertThat(c.acceptReceived(5, true)).isFalse(); // replay
        assertThat(c.acceptReceived(4, true)).isFalse();
        assertThat(c.acceptReceived(6, true)).isTrue();
        assertThat(c.current()).isEqualTo(6);
        c.moveBeyond(10);
        assertThat(c.nextForSend()).isEqualTo(12);
    }

    @Test
    void backupAcceptingClearsTheCycledMark() {
        AhSequenceCounter c = new AhSequenceCounter();
        c.restore(7, true);
        assertThat(c.acceptReceived(8, false)).isTrue();
        assertThat(c.cycled()).isTrue();
        assertThat(c.acceptReceived(9, true)).isTrue();
        assertThat(c.cycled()).isFalse();
    }
}
