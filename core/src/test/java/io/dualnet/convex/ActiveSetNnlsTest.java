package io.dualnet.convex;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link ActiveSetNnls} in Gram form meets the optimality conditions of {@code min_{mu >= 0} ½||c + B mu||²},
 * recomputed from the returned point: {@code mu >= 0}, gradient {@code g = B^T (c + B mu) >= 0} and {@code g_j = 0}
 * where {@code mu_j > 0}; cold, warm-started and with the new entries entering together, with more columns than rows
 * (a rank-deficient Gram matrix, as in the cone projections of {@code d'} features and many samples).
 */
class ActiveSetNnlsTest {
    /** Optimality residual relative to {@code ||B||_max (||c|| + ||B mu||)}. */
    private static final double KKT_RTOL = 1e-9;

    @ParameterizedTest(name = "rows {0}, columns {1}, warm {2}, together {3}")
    @CsvSource({"20, 12, false, false", "20, 12, true, true", "15, 60, false, false", "15, 60, true, true",
        "40, 300, true, true", "40, 300, false, true"})
    void theResultMeetsTheOptimalityConditions(int rows, int columns, boolean warm, boolean together) {
        Random rng = new Random(rows * 31L + columns);
        double[][] b = new double[rows][columns];
        double[] c = new double[rows];
        for (int r = 0; r < rows; r++) {
            c[r] = rng.nextGaussian();
            for (int j = 0; j < columns; j++) {
                b[r][j] = rng.nextGaussian();
            }
        }
        double[][] h = new double[columns][columns];
        double[] q = new double[columns];
        for (int j = 0; j < columns; j++) {
            for (int l = 0; l < columns; l++) {
                for (int r = 0; r < rows; r++) {
                    h[j][l] += b[r][j] * b[r][l];
                }
            }
            for (int r = 0; r < rows; r++) {
                q[j] += b[r][j] * c[r];
            }
        }
        double[] start = new double[0];
        if (warm) {
            // The solution over the first half of the columns, as a constraint-generation round leaves it.
            int half = columns / 2;
            double[][] hh = new double[half][half];
            for (int j = 0; j < half; j++) {
                System.arraycopy(h[j], 0, hh[j], 0, half);
            }
            start = ActiveSetNnls.solveGram(hh, java.util.Arrays.copyOf(q, half), new double[0], 1e-14, false);
        }
        double[] mu = ActiveSetNnls.solveGram(h, q, start, 1e-14, together);
        double[] residual = c.clone();
        double scale = 0;
        for (int r = 0; r < rows; r++) {
            for (int j = 0; j < columns; j++) {
                residual[r] += b[r][j] * mu[j];
                scale = Math.max(scale, Math.abs(b[r][j]));
            }
        }
        double size = scale * (norm(c) + norm(residual) + 1);
        for (int j = 0; j < columns; j++) {
            double g = 0;
            for (int r = 0; r < rows; r++) {
                g += b[r][j] * residual[r];
            }
            assertThat(mu[j]).as("mu[%d]", j).isGreaterThanOrEqualTo(0);
            assertThat(g).as("gradient %d", j).isGreaterThanOrEqualTo(-KKT_RTOL * size);
            if (mu[j] > 0) {
                assertThat(Math.abs(g)).as("gradient %d of a positive entry", j).isLessThanOrEqualTo(KKT_RTOL * size);
            }
        }
    }

    private static double norm(double[] v) {
        double s = 0;
        for (double t : v) {
            s += t * t;
        }
        return Math.sqrt(s);
    }
}
