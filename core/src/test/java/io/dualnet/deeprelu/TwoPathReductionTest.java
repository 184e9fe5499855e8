package io.dualnet.deeprelu;

import io.dualnet.data.InvalidInputException;
import io.dualnet.linalg.Vectors;
import io.dualnet.net.DeepReluNetwork;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/**
 * The two-sample reduction of the opposite-sign rank-one problem: the closed form attains the reduced cost, a brute-force
 * search over the reduced variables never goes below it (and reaches it), and every random network costs at least its
 * reduced cost, which is at least the closed form.
 */
class TwoPathReductionTest {
    private static final double TOL = 1e-9;
    /** How close the brute-force search must come to the closed form (relative). */
    private static final double SEARCH_RTOL = 1e-6;

    @Test
    void balancedSeparatePathsAttainTheTwoPathValue() {
        for (int depth = 2; depth <= 8; depth++) {
            double a = 1.7;
            double b = 0.4;
            int m = depth - 1;
            double[] x = new double[m];
            double[] y = new double[m];
            for (int l = 0; l < m; l++) {
                x[l] = Math.pow(a, (l + 1.0) / depth);
                y[l] = Math.pow(b, (l + 1.0) / depth);
            }
            double cost = TwoPathReduction.cost(x, y, new double[m], a, b, -1);
            assertThat(cost).isCloseTo(RankOneRelu.twoPathValue(depth, a, b), within(TOL));
        }
    }

    @Test
    void bruteForceOverTheReducedVariablesFindsNothingBelowTheClosedForm() {
        Random rng = new Random(11);
        for (int depth = 3; depth <= 8; depth++) {
            for (double cos : new double[] {-1, -0.4, 0}) {
                double a = 0.2 + 2 * rng.nextDouble();
                double b = 0.2 + 2 * rng.nextDouble();
                double p = RankOneRelu.twoPathValue(depth, a, b);
                double found = TwoPathReduction.searchMinimum(depth, a, b, cos, 12, 100 + depth);
                assertThat(found).as("L = %d, cos = %s", depth, cos).isGreaterThanOrEqualTo(p - TOL * p);
                assertThat(found).as("L = %d, cos = %s", depth, cos).isLessThanOrEqualTo(p * (1 + SEARCH_RTOL));
            }
        }
    }

    @Test
    void twoOrthonormalInputsWithOrthogonalTargetsNeedTwoPaths() {
        // whitened data with one sample per class, K = 2: 003 Thm 4.3's path network is optimal
        for (int depth = 2; depth <= 6; depth++) {
            double p = RankOneRelu.twoPathValue(depth, 1, Math.sqrt(2));
            double found = TwoPathReduction.searchMinimum(depth, 1, Math.sqrt(2), 0, 12, 40 + depth, true);
            assertThat(found).isGreaterThanOrEqualTo(p - TOL * p);
            assertThat(found).isLessThanOrEqualTo(p * (1 + SEARCH_RTOL));
        }
    }

    @Test
    void sameSignOutputsShareOnePathAndApproachTheDualValue() {
        for (int depth = 3; depth <= 6; depth++) {
            double a = 1;
            double b = 0.5;
            double found = TwoPathReduction.searchMinimum(depth, a, b, 1, 6, 5);
            double d = RankOneRelu.dualValue(depth, a + b);
            assertThat(found).isGreaterThanOrEqualTo(d - TOL);
            assertThat(found).isLessThan(RankOneRelu.twoPathValue(depth, a, b) - 1e-3);
            assertThat(found).isLessThan(d * 1.02);
        }
    }

    @Test
    void everyNetworkCostsAtLeastItsReducedCostAndTheClosedForm() {
        Random rng = new Random(3);
        int checked = 0;
        for (int trial = 0; trial < 4000 && checked < 300; trial++) {
            int depth = 2 + rng.nextInt(6);
            int d = 1 + rng.nextInt(3);
            int k = 1 + rng.nextInt(2);
            double[] a0 = new double[d];
            for (int j = 0; j < d; j++) {
                a0[j] = rng.nextGaussian();
            }
            List<DMatrixRMaj> w = RandomNetworks.gaussianLayers(rng, d, depth, k, 2, 4);
            DMatrixRMaj x = new DMatrixRMaj(new double[][] {a0, Arrays.stream(a0).map(v -> -v).toArray()});
            DMatrixRMaj f = DeepReluNetwork.withoutBiases(w).predict(x);
            double[] alpha = Arrays.copyOfRange(f.data, 0, k);
            double[] beta = Arrays.copyOfRange(f.data, k, 2 * k);
            double an = Vectors.norm(a0);
            double a = Vectors.norm(alpha) / an;
            double b = Vectors.norm(beta) / an;
            double reduced = TwoPathReduction.gramCost(w, a0);
            if (Double.isNaN(reduced) || a == 0 || b == 0) {
                continue;
            }
            double cost = 0.5 * DeepReluNetwork.withoutBiases(w).squaredNorm(false);
            assertThat(reduced).isLessThanOrEqualTo(cost * (1 + TOL));
            assertThat(reduced).isGreaterThanOrEqualTo(RankOneRelu.dualValue(depth, a + b) * (1 - TOL));
            if (Vectors.dot(alpha, beta) <= 0) {
                assertThat(reduced).isGreaterThanOrEqualTo(RankOneRelu.twoPathValue(depth, a, b) * (1 - TOL));
                checked++;
            }
        }
        assertThat(checked).isGreaterThan(100);
    }

    @Test
    void badReducedVariablesAreRejected() {
        assertThatThrownBy(() -> TwoPathReduction.cost(new double[] {1, 1}, new double[] {1, 1}, new double[] {0.5, 0},
                1, 1, -1)).isInstanceOf(InvalidInputException.class).hasMessageContaining("c[0]");
        assertThatThrownBy(() -> TwoPathReduction.cost(new double[] {1}, new double[] {1, 1}, new double[] {0}, 1, 1,
                -1)).isInstanceOf(InvalidInputException.class);
        assertThat(TwoPathReduction.cost(new double[] {1, 1}, new double[] {1, 1}, new double[] {0, 1}, 1, 1, -1))
                .isInfinite();
    }
}
