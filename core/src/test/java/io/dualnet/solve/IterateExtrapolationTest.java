package io.dualnet.solve;

import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class IterateExtrapolationTest {
    /** Agreement of the estimate with the limit when the error has no more modes than the differences kept. */
    private static final double EXACT = 1e-9;
    /**
     * The same with three close ratios: the weights come from the normal equations of nearly collinear differences
     * (condition number squared), which leaves about this much (relative).
     */
    private static final double EXTRAPOLATED = 1e-6;

    @Test
    void removesOneGeometricModeFewerThanItKeepsDifferences() {
        // x_k = x* + sum_m c_m r_m^k e_m with three modes (one negative ratio: an oscillating mode, as over-relaxed
        // ADMM has): the last five iterates (four differences, a polynomial of degree three through the ratios) give x*
        // up to rounding, where the last iterate is still far off; four iterates do not.
        Random random = new Random(7);
        int len = 40;
        double[] limit = random.doubles(len).toArray();
        double[][] modes = new double[3][];
        for (int m = 0; m < 3; m++) {
            modes[m] = random.doubles(len, -1, 1).toArray();
        }
        double[] ratios = {0.95, 0.8, -0.6};
        IterateExtrapolation rre = new IterateExtrapolation(5);
        IterateExtrapolation short4 = new IterateExtrapolation(4);
        double[] last = null;
        for (int k = 0; k < 10; k++) {
            last = new double[len];
            for (int c = 0; c < len; c++) {
                last[c] = limit[c];
                for (int m = 0; m < 3; m++) {
                    last[c] += Math.pow(ratios[m], k) * modes[m][c];
                }
            }
            rre.add(last);
            short4.add(last);
        }
        assertThat(rre.size()).isEqualTo(5);
        assertThat(distance(short4.estimate(), limit)).isGreaterThan(1e3 * EXTRAPOLATED * norm(limit));
        double[] estimate = rre.estimate();
        assertThat(distance(estimate, limit)).isLessThan(EXTRAPOLATED * norm(limit));
        assertThat(distance(last, limit)).isGreaterThan(0.1 * norm(limit));
    }

    @Test
    void aSingleModeNeedsThreeIterates() {
        IterateExtrapolation rre = new IterateExtrapolation(5);
        double[] limit = {1, -2, 3};
        double[] mode = {0.5, 0.25, -1};
        for (int k = 0; k < 3; k++) {
            assertThat(rre.estimate()).isNull();
            double[] x = new double[3];
            for (int c = 0; c < 3; c++) {
                x[c] = limit[c] + Math.pow(0.9, k) * mode[c];
            }
            rre.add(x);
        }
        assertThat(distance(rre.estimate(), limit)).isLessThan(EXACT);
    }

    @Test
    void aConvergedSequenceAndAClearedOneGiveNoEstimate() {
        IterateExtrapolation rre = new IterateExtrapolation(3);
        for (int k = 0; k < 3; k++) {
            rre.add(new double[]{1, 2});
        }
        assertThat(rre.estimate()).isNull();
        rre.clear();
        assertThat(rre.size()).isZero();
        assertThat(rre.estimate()).isNull();
    }

    @Test
    void theAddedIterateIsCopied() {
        IterateExtrapolation rre = new IterateExtrapolation(3);
        double[] x = {0, 0};
        rre.add(x);
        x[0] = 1;
        rre.add(x);
        x[0] = 1.5;
        rre.add(x);
        // 0, 1, 1.5: ratio 0.5, limit 2 (the second coordinate is constant at 0).
        assertThat(distance(rre.estimate(), new double[]{2, 0})).isLessThan(EXACT);
    }

    @Test
    void badArgumentsAreNamed() {
        assertThatThrownBy(() -> new IterateExtrapolation(2)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("capacity").hasMessageContaining("2");
        IterateExtrapolation rre = new IterateExtrapolation(3);
        rre.add(new double[2]);
        assertThatThrownBy(() -> rre.add(new double[3])).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("3").hasMessageContaining("2");
    }

    private static double distance(double[] a, double[] b) {
        double sum = 0;
        for (int i = 0; i < a.length; i++) {
            sum += (a[i] - b[i]) * (a[i] - b[i]);
        }
        return Math.sqrt(sum);
    }

    private static double norm(double[] a) {
        return distance(a, new double[a.length]);
    }
}
