package org.keepalived4j.codec;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class InternetChecksumTest {
    @Test
    void rfc1071Example() {
        // RFC 1071 §3: the sum of 0001 f203 f4f5 f6f7 is ddf2 (after end-around carry)
        byte[] data = {0x00, 0x01, (byte) 0xf2, 0x03, (byte) 0xf4, (byte) 0xf5, (byte) 0xf6, (byte) 0xf7};
        int sum = InternetChecksum.add(0, data, 0, data.length);
        assertThat(InternetChecksum.finish(sum)).isEqualTo(~0xddf2 & 0xffff);
    }

    @Test
    void oddLengthIsPaddedWithZero() {
        byte[] odd = {0x12, 0x34, 0x56};
        byte[] padded = {0x12, 0x34, 0x56, 0x00};
        assertThat(InternetChecksum.finish(InternetChecksum.add(0, odd, 0, 3)))
                .isEqualTo(InternetChecksum.finish(InternetChecksum.add(0, padded, 0, 4)));
    }

    @Test
    void dataWithItsChecksumVerifies() {
        byte[] data = new byte[1000];
        for (int i = 0; i < data.length; i++) {
            data[i] = (byte) (i * 37 + 11);
        }
        data[10] = 0;
        data[11] = 0;
        int c = InternetChecksum.finish(InternetChecksum.add(0, data, 0, data.length));
        data[10] = (byte) (c >>> 8);
        data[11] = (byte) c;
        assertThat(InternetChecksum.verifies(InternetChecksum.add(0, data, 0, data.length))).isTrue();
        data[500] ^= 0x04;
        assertThat(InternetChecksum.verifies(InternetChecksum.add(0, data, 0, data.length))).isFalse();
    }

    @Test
    void piecewiseSumEqualsWholeSum() {
        byte[] data = {1, 2, 3, 4, (byte) 0xff, (byte) 0xfe, 7, 8, 9, 10};
        int whole = InternetChecksum.add(0, data, 0, data.length);
        int pieces = InternetChecksum.add(InternetChecksum.add(0, data, 0, 4), data, 4, 6);
        assertThat(InternetChecksum.finish(pieces)).isEqualTo(InternetChecksum.finish(whole));
        int asInts = InternetChecksum.addWord(InternetChecksum.addInt(0, 0x01020304), 0xfffe);
        assertThat(InternetChecksum.finish(asInts))
                .isEqualTo(InternetChecksum.finish(InternetChecksum.add(0, data, 0, 6)));
    }
}
