package io.dualnet.train;

import io.dualnet.deeprelu.RankOneData;
import io.dualnet.deeprelu.RankOneTarget;
import io.dualnet.net.DeepReluNetwork;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** Column generation for the parallel deep ReLU problem (23): exact on rank-one data, a consistent bracket elsewhere. */
class ParallelReluColumnsTest {
    private static final double TOL = 1e-7;

    @Test
    void rankOneDataReachesTheExactValue() {
        // X = c a0^T, c = (1, -2, 0.5, -1), a0 = (1, 2)/sqrt(5) * 2: (23) has value (||alpha|| + ||beta||)/||a0||
        DMatrixRMaj x = rankOneExample();
        DMatrixRMaj y = new DMatrixRMaj(new double[][] {{1.5}, {-2 * -0.7}, {0.75}, {-1 * -0.7}});
        RankOneData data = RankOneData.of(x, "x");
        RankOneTarget t = RankOneTarget.of(data, y);
        double exact = (t.alphaNorm() + t.betaNorm()) / data.a0Norm();
        for (int depth = 2; depth <= 4; depth++) {
            int[] hidden = new int[depth - 2];
            java.util.Arrays.fill(hidden, 2);
            ParallelReluBracket b = new ParallelReluColumns(new ParallelReluColumns.Options(hidden, 4, 6, 4, 150, 5))
                    .solve(x, y);
            assertThat(b.upper()).isCloseTo(exact, within(1e-6));
            assertThat(b.lowerEstimate()).isCloseTo(exact, within(1e-6));
            assertThat(b.lowerCertified()).isLessThanOrEqualTo(exact + TOL);
            assertThat(b.fitResidual()).isLessThan(TOL);
            assertThat(b.activeBranches()).isLessThanOrEqualTo(4);
            assertCertificate(x, y, b);
        }
    }

    @Test
    void bracketIsConsistentAndTrainedNetworksStayAbove() {
        Random rng = new Random(11);
        int n = 5;
        DMatrixRMaj x = new DMatrixRMaj(n, 3);
        DMatrixRMaj y = new DMatrixRMaj(n, 1);
        for (int i = 0; i < x.data.length; i++) {
            x.data[i] = rng.nextGaussian();
        }
        for (int i = 0; i < n; i++) {
            y.data[i] = rng.nextGaussian();
        }
        ParallelReluBracket b = new ParallelReluColumns(new ParallelReluColumns.Options(new int[] {3}, 8, 12, 6, 200, 2))
                .solve(x, y);
        assertThat(b.upper()).isFinite();
        assertThat(b.lowerCertified()).isLessThanOrEqualTo(b.lowerEstimate() + TOL);
        assertThat(b.lowerEstimate()).isLessThanOrEqualTo(b.upper() + TOL);
        assertThat(b.fitResidual()).isLessThan(TOL);
        assertThat(b.activeBranches()).isLessThanOrEqualTo(n);
        assertCertificate(x, y, b);
        for (int r = 1; r < b.rounds().size(); r++) {
            assertThat(b.rounds().get(r).upper()).isLessThanOrEqualTo(b.rounds().get(r - 1).upper() + TOL);
        }
        ReluMinNormTrainer.Options o = new ReluMinNormTrainer.Options(new int[] {3, 1}, 6,
                ReluMinNormTrainer.Regularizer.LTH_POWER, 12, 300, 0.02, 1.0, 2, 4, 1);
        ReluMinNormTrainer.Result trained = new ReluMinNormTrainer(o).train(x, y);
        // any interpolating parallel network is feasible for (22) = (23): never below a certified lower bound
        if (trained.feasibleRestarts() > 0) {
            assertThat(trained.objective()).isGreaterThanOrEqualTo(b.lowerCertified() - TOL);
        }
    }

    /** {@code X = c a0^T} with {@code c = (1, -2, 0.5, -1)}, {@code a0 = (0.8, 1.6)}. */
    static DMatrixRMaj rankOneExample() {
        double[] c = {1, -2, 0.5, -1};
        double[] a0 = {0.8, 1.6};
        DMatrixRMaj x = new DMatrixRMaj(4, 2);
        for (int i = 0; i < 4; i++) {
            for (int j = 0; j < 2; j++) {
                x.set(i, j, c[i] * a0[j]);
            }
        }
        return x;
    }

    /** Recomputes sum_j v_j w_j = y and sum |w_j| = upper from the returned branches; every layer has unit norm. */
    private static void assertCertificate(DMatrixRMaj x, DMatrixRMaj y, ParallelReluBracket b) {
        double[] fit = new double[x.numRows];
        double l1 = 0;
        for (int j = 0; j < b.activeBranches(); j++) {
            List<DMatrixRMaj> w = new ArrayList<>(b.branches().get(j));
            for (DMatrixRMaj wl : w) {
                assertThat(io.dualnet.linalg.Matrices.frobeniusSquared(wl)).isCloseTo(1, within(1e-9));
            }
            w.add(new DMatrixRMaj(new double[][] {{b.lastLayer()[j]}}));
            DMatrixRMaj f = DeepReluNetwork.withoutBiases(w).predict(x);
            for (int i = 0; i < fit.length; i++) {
                fit[i] += f.data[i];
            }
            l1 += Math.abs(b.lastLayer()[j]);
        }
        for (int i = 0; i < fit.length; i++) {
            assertThat(fit[i]).isCloseTo(y.data[i], within(1e-7));
        }
        assertThat(l1).isCloseTo(b.upper(), within(1e-7));
    }
}
