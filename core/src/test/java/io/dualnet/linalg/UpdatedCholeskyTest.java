package io.dualnet.linalg;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The updated factor after random sequences of appends and removals solves the system of the rows and columns it
 * holds, as a new factorization of that submatrix does.
 */
class UpdatedCholeskyTest {
    /** Residual {@code ||A_S z - b||_inf} relative to {@code ||A_S||_inf ||z||_inf + ||b||_inf}. */
    private static final double RESIDUAL_RTOL = 1e-12;

    @Test
    void afterAppendsAndRemovalsItSolvesTheSystemOfTheRowsItHolds() {
        Random rng = new Random(7);
        int m = 60;
        int d = 90;
        double[][] g = new double[m][d];
        for (double[] row : g) {
            for (int r = 0; r < d; r++) {
                row[r] = rng.nextGaussian();
            }
        }
        double[][] a = new double[m][m];
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < m; j++) {
                for (int r = 0; r < d; r++) {
                    a[i][j] += g[i][r] * g[j][r];
                }
            }
        }
        UpdatedCholesky factor = new UpdatedCholesky();
        List<Integer> held = new ArrayList<>();
        List<Integer> outside = new ArrayList<>();
        for (int j = 0; j < m; j++) {
            outside.add(j);
        }
        for (int step = 0; step < 400; step++) {
            boolean append = held.isEmpty() || (!outside.isEmpty() && rng.nextDouble() < 0.55);
            if (append) {
                int j = outside.remove(rng.nextInt(outside.size()));
                double[] cross = new double[held.size()];
                for (int p = 0; p < held.size(); p++) {
                    cross[p] = a[j][held.get(p)];
                }
                factor.append(cross, a[j][j]);
                held.add(j);
            } else {
                int p = rng.nextInt(held.size());
                factor.remove(p);
                outside.add(held.remove(p));
            }
            assertThat(factor.size()).isEqualTo(held.size());
            if (step % 10 == 0) {
                assertSolves(factor, a, held, rng);
            }
        }
        assertSolves(factor, a, held, rng);
    }

    @Test
    void removingTheFirstAndTheLastLeavesTheMiddle() {
        UpdatedCholesky factor = new UpdatedCholesky();
        double[][] a = {{4, 1, 0.5}, {1, 3, 0.2}, {0.5, 0.2, 2}};
        factor.append(new double[0], a[0][0]);
        factor.append(new double[] {a[1][0]}, a[1][1]);
        factor.append(new double[] {a[2][0], a[2][1]}, a[2][2]);
        factor.remove(0);
        factor.remove(1);
        double[] b = {6};
        factor.solveInPlace(b);
        assertThat(b[0]).isCloseTo(2, org.assertj.core.data.Offset.offset(1e-15));
    }

    @Test
    void badArgumentsAreNamed() {
        UpdatedCholesky factor = new UpdatedCholesky();
        factor.append(new double[0], 1);
        factor.append(new double[] {0.5}, 1);
        assertThatThrownBy(() -> factor.append(new double[1], 1)).isInstanceOf(MatrixDimensionException.class)
                .hasMessageContaining("cross");
        assertThatThrownBy(() -> factor.solveInPlace(new double[1])).isInstanceOf(MatrixDimensionException.class)
                .hasMessageContaining("b");
        assertThatThrownBy(() -> factor.remove(2)).isInstanceOf(IndexOutOfBoundsException.class);
    }

    private static void assertSolves(UpdatedCholesky factor, double[][] a, List<Integer> held, Random rng) {
        int p = held.size();
        double[] b = new double[p];
        for (int i = 0; i < p; i++) {
            b[i] = rng.nextGaussian();
        }
        double[] z = b.clone();
        factor.solveInPlace(z);
        double worst = 0;
        double aNorm = 0;
        double zNorm = 0;
        double bNorm = 0;
        for (int i = 0; i < p; i++) {
            double s = -b[i];
            double row = 0;
            for (int j = 0; j < p; j++) {
                s += a[held.get(i)][held.get(j)] * z[j];
                row += Math.abs(a[held.get(i)][held.get(j)]);
            }
            worst = Math.max(worst, Math.abs(s));
            aNorm = Math.max(aNorm, row);
            zNorm = Math.max(zNorm, Math.abs(z[i]));
            bNorm = Math.max(bNorm, Math.abs(b[i]));
        }
        assertThat(worst).as("residual at order %d", p).isLessThanOrEqualTo(RESIDUAL_RTOL * (aNorm * zNorm + bNorm));
    }
}
