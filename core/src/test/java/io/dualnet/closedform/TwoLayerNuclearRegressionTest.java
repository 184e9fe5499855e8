package io.dualnet.closedform;

import io.dualnet.linalg.Linalg;
import io.dualnet.linalg.Matrices;
import io.dualnet.linalg.Svd;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/** Ergen and Pilanci §2.2.1: {@code min 1/2 ||XW - Y||^2 + beta ||W||_*}. */
class TwoLayerNuclearRegressionTest {
    private static final double ATOL = 1e-8;
    private static final double RTOL = 1e-7;

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(ints = {1, 2, 3, 4})
    void proximalGradientMatchesExactSolutionForOrthonormalX(int seed) {
        Random rng = new Random(seed);
        int n = 10;
        int d = 5;
        int c = 4;
        DMatrixRMaj x = WhitenedWeightDecayTest.orthonormalColumns(n, d, rng);
        DMatrixRMaj y = Matrices.gaussian(n, c, 1, rng);
        double[] thresholds = NuclearNormRegression.rankThresholds(x, y);
        int previousRank = Integer.MAX_VALUE;
        for (double beta : new double[] {0.05, 0.5 * (thresholds[1] + thresholds[2]), 0.5 * (thresholds[0]
                + thresholds[1]), 1.01 * thresholds[0]}) {
            NuclearNormRegression.Result exact = NuclearNormRegression.solveOrthonormal(x, y, beta);
            NuclearNormRegression.Result apg = NuclearNormRegression.solve(x, y, beta);
            assertThat(Math.abs(exact.gap())).isLessThanOrEqualTo(ATOL);
            assertThat(apg.converged()).isTrue();
            assertThat(Math.abs(apg.primal() - exact.primal())).isLessThanOrEqualTo(ATOL + RTOL * exact.primal());
            assertThat(Matrices.distance(apg.w(), exact.w())).isLessThanOrEqualTo(1e-4);
            assertThat(exact.rank()).isEqualTo(NuclearNormRegression.rankAt(thresholds, beta));
            assertThat(exact.rank()).isLessThanOrEqualTo(previousRank);
            previousRank = exact.rank();
            for (int i = 0; i < exact.singularValues().length; i++) {
                assertThat(Math.abs(exact.singularValues()[i] - Math.max(0, thresholds[i] - beta)))
                        .isLessThanOrEqualTo(ATOL);
            }
        }
        assertThat(previousRank).isZero();
        double[] betas = {0.1, 0.7, 1.3, 2.0};
        double[][] path = NuclearNormRegression.singularValuePath(x, y, betas);
        for (int k = 0; k < betas.length; k++) {
            for (int i = 0; i < thresholds.length; i++) {
                assertThat(Math.abs(path[k][i] - Math.max(0, thresholds[i] - betas[k]))).isLessThanOrEqualTo(ATOL);
            }
        }
    }

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(ints = {1, 2, 3, 4})
    void generalXIsCertifiedAndNeuronsMatchTheDual(int seed) {
        Random rng = new Random(seed);
        int n = 12;
        int d = 5;
        int c = 3;
        DMatrixRMaj x = Matrices.gaussian(n, d, 1, rng);
        DMatrixRMaj y = Matrices.gaussian(n, c, 1, rng);
        double[] top = Linalg.get().singularValues(Linalg.get().multTransA(x, y));
        double beta = 0.4 * top[0];
        NuclearNormRegression.Result r = NuclearNormRegression.solve(x, y, beta);
        assertThat(r.converged()).isTrue();
        assertThat(r.gap()).isBetween(-ATOL, 1e-9 * Math.max(1, r.primal()) + ATOL);
        // Remark 2.1: the top rank(W) right singular vectors of Lambda^T X, at singular value beta, span range(U_W).
        Svd dual = Linalg.get().svd(Linalg.get().multTransA(r.lambda(), x));
        int k = r.rank();
        assertThat(k).isGreaterThanOrEqualTo(1);
        for (int i = 0; i < k; i++) {
            assertThat(Math.abs(dual.s()[i] - beta)).isLessThanOrEqualTo(1e-4 * beta);
        }
        DMatrixRMaj vDual = Matrices.leadingColumns(dual.v(), k);
        DMatrixRMaj overlap = CommonOps_DDRM.mult(CommonOps_DDRM.transpose(r.neurons(), null), vDual, null);
        double[] cosines = Linalg.get().singularValues(overlap);
        for (double cos : cosines) {
            assertThat(cos).isGreaterThan(1 - 1e-4);
        }
        // Perturbations never beat the solution.
        for (int trial = 0; trial < 10; trial++) {
            DMatrixRMaj other = r.w().copy();
            CommonOps_DDRM.addEquals(other, Matrices.gaussian(d, c, 0.01, rng));
            double[] sv = Linalg.get().singularValues(other);
            DMatrixRMaj res = CommonOps_DDRM.mult(x, other, null);
            CommonOps_DDRM.subtractEquals(res, y);
            assertThat(0.5 * Matrices.frobeniusSquared(res) + beta * io.dualnet.reg.Schatten.nuclear(sv))
                    .isGreaterThanOrEqualTo(r.primal() - ATOL);
        }
    }
}
