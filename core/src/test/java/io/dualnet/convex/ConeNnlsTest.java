package io.dualnet.convex;

import io.dualnet.linalg.Linalg;
import io.dualnet.linalg.Matrices;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The batched cone NNLS at a size where its iterations run in single precision: the returned vectors are, in double,
 * exactly {@code c_j + X^T S_j mu_j} for the returned multipliers (so a bound built on them is valid), the multipliers
 * are non-negative, and the minimization makes progress from zero.
 */
class ConeNnlsTest {
    /** Agreement of a returned vector with its recomputation, relative to the sum of absolute terms. */
    private static final double EXACT_RTOL = 1e-12;
    /** Float rounding allowed when comparing against the start's norms. */
    private static final double FLOAT_RTOL = 1e-5;
    private static final int N = 2048;
    private static final int D = 512;

    @Test
    void theReturnedVectorsAreExactForTheReturnedMultipliers() {
        Random rng = new Random(3);
        DMatrixRMaj x = Matrices.gaussian(N, D, 1.0, rng);
        PatternOperator op = new PatternOperator(x, PatternSampler.gaussian(x, 3, 3L));
        assertThat(op.singleProducts().single()).as("single precision at this size, when native").isEqualTo(
                Linalg.nativeBackend() != null);
        int p = 3;
        int[] blocks = {0, 1, 2, 3, 4, 5};
        double[] lambda = new double[N];
        for (int k = 0; k < N; k++) {
            lambda[k] = rng.nextGaussian();
        }
        DMatrixRMaj offsets = new DMatrixRMaj(D, blocks.length);
        DMatrixRMaj side = new DMatrixRMaj(N, blocks.length);
        DMatrixRMaj masked = new DMatrixRMaj(N, blocks.length);
        for (int k = 0; k < N; k++) {
            for (int j = 0; j < blocks.length; j++) {
                boolean on = op.active(k, blocks[j] % p);
                side.set(k, j, on ? 1 : -1);
                masked.set(k, j, on ? (blocks[j] < p ? lambda[k] : -lambda[k]) : 0);
            }
        }
        Linalg.get().multInto(x, true, masked, false, offsets);
        double[] start = ConvexReluWeights.blockNorms(offsets);
        DMatrixRMaj mu = new DMatrixRMaj(N, blocks.length);
        double lipschitz = 1.01 * op.featureNormSquaredEstimate(30, 17L);
        DMatrixRMaj best = ConeNnls.minimize(op, blocks, offsets, mu, 40, Double.NEGATIVE_INFINITY, lipschitz);
        // Recomputed here in double, entry by entry, with the sum of absolute terms as the scale.
        for (int j = 0; j < blocks.length; j++) {
            for (int f = 0; f < D; f++) {
                double v = offsets.get(f, j);
                double scale = Math.abs(v);
                for (int k = 0; k < N; k++) {
                    assertThat(mu.get(k, j)).isGreaterThanOrEqualTo(0);
                    double t = x.get(k, f) * side.get(k, j) * mu.get(k, j);
                    v += t;
                    scale += Math.abs(t);
                }
                assertThat(best.get(f, j)).isCloseTo(v, org.assertj.core.data.Offset.offset(EXACT_RTOL * scale));
            }
        }
        double[] end = ConvexReluWeights.blockNorms(best);
        double before = 0;
        double after = 0;
        for (int j = 0; j < blocks.length; j++) {
            assertThat(end[j]).as("block %d", j).isLessThanOrEqualTo(start[j] * (1 + FLOAT_RTOL));
            before += start[j];
            after += end[j];
        }
        assertThat(after).as("progress from zero multipliers").isLessThan(0.9 * before);
    }
}
