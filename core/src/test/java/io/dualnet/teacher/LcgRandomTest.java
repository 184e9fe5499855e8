package io.dualnet.teacher;

import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/** The unsynchronized generator against {@link java.util.Random}: the same numbers, draw for draw. */
class LcgRandomTest {

    @Test
    void drawsTheNumbersOfJavaUtilRandom() {
        for (long seed : new long[] {0, 1, -7, StudentSgd.mix(42, 15), Long.MAX_VALUE}) {
            Random expected = new Random(seed);
            LcgRandom actual = new LcgRandom(seed);
            for (int i = 0; i < 5_000; i++) {
                switch (i % 5) {
                    case 0 -> assertThat(actual.nextInt(1000)).isEqualTo(expected.nextInt(1000));
                    case 1 -> assertThat(actual.nextInt(1 << 10)).isEqualTo(expected.nextInt(1 << 10));
                    case 2 -> assertThat(actual.nextInt(i + 1)).isEqualTo(expected.nextInt(i + 1));
                    case 3 -> assertThat(actual.nextDouble()).isEqualTo(expected.nextDouble());
                    default -> assertThat(actual.nextGaussian()).isEqualTo(expected.nextGaussian());
                }
            }
            assertThat(actual.nextInt(Integer.MAX_VALUE)).isEqualTo(expected.nextInt(Integer.MAX_VALUE));
        }
    }
}
