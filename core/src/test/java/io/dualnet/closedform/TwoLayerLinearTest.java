package io.dualnet.closedform;

import io.dualnet.data.InvalidInputException;
import io.dualnet.linalg.Linalg;
import io.dualnet.linalg.Matrices;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Ergen and Pilanci §2: min-norm and regularized two-layer linear networks, scalar and vector output. */
class TwoLayerLinearTest {
    private static final double ATOL = 1e-9;
    private static final double RTOL = 1e-9;

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(ints = {1, 2, 3, 4, 5, 6})
    void minNormScalarIsPseudoInverseNormWithStrongDuality(int seed) {
        Random rng = new Random(seed);
        int n = 4 + rng.nextInt(4);
        int d = 2 + rng.nextInt(8); // both over- and under-determined
        DMatrixRMaj x = Matrices.gaussian(n, d, 1, rng);
        DMatrixRMaj y = CommonOps_DDRM.mult(x, Matrices.gaussian(d, 1, 1, rng), null); // planted, Prop 2.1
        TwoLayerLinear.MinNormScalar s = TwoLayerLinear.minNormScalar(x, y);
        DMatrixRMaj pinvY = io.dualnet.linalg.PseudoInverse.of(x).solve(y);
        assertClose(s.value(), Math.sqrt(Matrices.frobeniusSquared(pinvY)));
        assertClose(Math.sqrt(Matrices.frobeniusSquared(s.neuron())), 1);
        // X (neuron * value) = y, and the dual point is feasible with value P*.
        DMatrixRMaj fit = CommonOps_DDRM.mult(x, s.neuron(), null);
        CommonOps_DDRM.scale(s.value(), fit);
        assertThat(Matrices.distance(fit, y)).isLessThanOrEqualTo(ATOL * (1 + s.value()));
        assertThat(norm(Linalg.get().multTransA(x, s.dualPoint()))).isLessThanOrEqualTo(1 + RTOL);
        assertClose(inner(s.dualPoint(), y), s.value());
    }

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(ints = {1, 2, 3, 4, 5, 6})
    void minNormVectorIsNuclearNormWithStrongDuality(int seed) {
        Random rng = new Random(seed);
        int n = 6 + rng.nextInt(4);
        int d = 3 + rng.nextInt(4);
        int c = 2 + rng.nextInt(3);
        DMatrixRMaj x = Matrices.gaussian(n, d, 1, rng);
        DMatrixRMaj y = CommonOps_DDRM.mult(x, Matrices.gaussian(d, c, 1, rng), null);
        TwoLayerLinear.MinNormVector v = TwoLayerLinear.minNormVector(x, y);
        DMatrixRMaj fit = CommonOps_DDRM.mult(CommonOps_DDRM.mult(x, v.neurons(), null), v.outputWeights(), null);
        assertThat(Matrices.distance(fit, y)).isLessThanOrEqualTo(ATOL * (1 + norm(y)));
        for (int j = 0; j < v.neurons().numCols; j++) {
            assertClose(norm(CommonOps_DDRM.extractColumn(v.neurons(), j, null)), 1);
        }
        double rowSum = 0;
        for (int j = 0; j < v.outputWeights().numRows; j++) {
            rowSum += norm(CommonOps_DDRM.extractRow(v.outputWeights(), j, null));
        }
        assertClose(rowSum, v.value());
        assertClose(v.value(), new LinearMinNorm(x, y, 2).nuclearNorm());
        double[] dualSpectrum = Linalg.get().singularValues(Linalg.get().multTransA(x, v.dualPoint()));
        assertThat(dualSpectrum[0]).isLessThanOrEqualTo(1 + RTOL);
        assertClose(inner(v.dualPoint(), y), v.value());
    }

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(ints = {1, 2, 3, 4, 5, 6, 7, 8})
    void regularizedScalarHasZeroGapAndBeatsPerturbations(int seed) {
        Random rng = new Random(seed);
        int n = 5 + rng.nextInt(6);
        int d = 2 + rng.nextInt(8);
        DMatrixRMaj x = Matrices.gaussian(n, d, 1, rng);
        DMatrixRMaj y = Matrices.gaussian(n, 1, 1, rng);
        double normXty = norm(Linalg.get().multTransA(x, y));
        for (double fraction : new double[] {0.01, 0.3, 0.9, 1.5}) {
            double beta = fraction * normXty;
            TwoLayerLinear.RegularizedScalar r = TwoLayerLinear.regularizedScalar(x, y, beta);
            assertThat(r.gap()).isBetween(-ATOL, ATOL * (1 + r.primal()));
            assertThat(norm(Linalg.get().multTransA(x, r.lambda()))).isLessThanOrEqualTo(beta * (1 + RTOL));
            assertThat(r.dualInfeasibility()).isLessThanOrEqualTo(ATOL * (1 + beta));
            if (fraction >= 1) {
                assertThat(norm(r.w())).isZero();
            } else {
                assertClose(r.mu(), beta / norm(r.w()));
            }
            for (int trial = 0; trial < 10; trial++) {
                DMatrixRMaj other = r.w().copy();
                CommonOps_DDRM.addEquals(other, Matrices.gaussian(d, 1, 0.01, rng));
                DMatrixRMaj res = CommonOps_DDRM.mult(x, other, null);
                CommonOps_DDRM.subtractEquals(res, y);
                assertThat(0.5 * Matrices.frobeniusSquared(res) + beta * norm(other))
                        .isGreaterThanOrEqualTo(r.primal() - ATOL);
            }
        }
    }

    @Test
    void rejectsBadInput() {
        DMatrixRMaj x = CommonOps_DDRM.identity(3);
        assertThatThrownBy(() -> TwoLayerLinear.minNormScalar(x, CommonOps_DDRM.identity(3)))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("one column");
        DMatrixRMaj thin = new DMatrixRMaj(new double[][] {{1}, {0}, {0}});
        assertThatThrownBy(() -> TwoLayerLinear.minNormScalar(thin, new DMatrixRMaj(new double[][] {{1}, {1}, {0}})))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("range(X)");
        assertThatThrownBy(() -> TwoLayerLinear.regularizedScalar(x, new DMatrixRMaj(3, 1), 0))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("beta");
        DMatrixRMaj bad = new DMatrixRMaj(3, 1);
        bad.set(2, 0, Double.NaN);
        assertThatThrownBy(() -> TwoLayerLinear.regularizedScalar(x, bad, 1))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("Y[2,0]");
    }

    /** {@code tr(A^T B)}. */
    private static double inner(DMatrixRMaj a, DMatrixRMaj b) {
        double s = 0;
        for (int i = 0; i < a.getNumElements(); i++) {
            s += a.data[i] * b.data[i];
        }
        return s;
    }

    static double norm(DMatrixRMaj a) {
        return Math.sqrt(Matrices.frobeniusSquared(a));
    }

    private static void assertClose(double actual, double expected) {
        assertThat(Math.abs(actual - expected)).isLessThanOrEqualTo(ATOL + RTOL * Math.abs(expected));
    }
}
