package io.dualnet.linalg;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The blocked triangular sweeps against the plain row-at-a-time ones, for orders that leave every remainder of the
 * groups of four, and the solve's residual; the strict upper triangle of the factor is never read.
 */
class CholeskySweepsTest {
    /** Agreement with the plain sweeps (the sums are taken in another order). */
    private static final double AGREEMENT_RTOL = 1e-12;
    /** Residual {@code ||L L^T x - b||_inf} relative to {@code ||b||_inf}. */
    private static final double RESIDUAL_RTOL = 1e-11;

    @ParameterizedTest(name = "order {0}")
    @ValueSource(ints = {1, 2, 3, 4, 5, 6, 7, 8, 9, 13, 64, 101})
    void theBlockedSweepsSolveTheSystemAsThePlainOnesDo(int n) {
        Random rng = new Random(n);
        double[] l = new double[n * n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < i; j++) {
                l[i * n + j] = rng.nextGaussian() / Math.sqrt(n);
            }
            l[i * n + i] = 1 + rng.nextDouble();
            for (int j = i + 1; j < n; j++) {
                l[i * n + j] = Double.NaN; // the strict upper triangle must not be read
            }
        }
        double[] b = new double[n];
        for (int i = 0; i < n; i++) {
            b[i] = rng.nextGaussian();
        }
        double[] blocked = b.clone();
        CholeskySweeps.solve(l, n, blocked);
        double[] plain = plainSolve(l, n, b);
        double scale = 0;
        for (double v : plain) {
            scale = Math.max(scale, Math.abs(v));
        }
        for (int i = 0; i < n; i++) {
            assertThat(blocked[i]).as("x[%d]", i).isCloseTo(plain[i],
                    org.assertj.core.data.Offset.offset(AGREEMENT_RTOL * scale));
        }
        // L L^T x = b.
        double[] t = new double[n];
        for (int i = 0; i < n; i++) {
            for (int k = i; k < n; k++) {
                t[i] += l[k * n + i] * blocked[k];
            }
        }
        double worst = 0;
        double bNorm = 0;
        for (int i = 0; i < n; i++) {
            double s = 0;
            for (int k = 0; k <= i; k++) {
                s += l[i * n + k] * t[k];
            }
            worst = Math.max(worst, Math.abs(s - b[i]));
            bNorm = Math.max(bNorm, Math.abs(b[i]));
        }
        assertThat(worst).isLessThanOrEqualTo(RESIDUAL_RTOL * bNorm);
    }

    private static double[] plainSolve(double[] l, int n, double[] b) {
        double[] x = b.clone();
        for (int i = 0; i < n; i++) {
            double s = x[i];
            for (int k = 0; k < i; k++) {
                s -= l[i * n + k] * x[k];
            }
            x[i] = s / l[i * n + i];
        }
        for (int i = n - 1; i >= 0; i--) {
            double s = x[i];
            for (int k = i + 1; k < n; k++) {
                s -= l[k * n + i] * x[k];
            }
            x[i] = s / l[i * n + i];
        }
        return x;
    }
}
