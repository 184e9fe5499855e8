package io.dualnet.deeprelu;

import io.dualnet.linalg.Matrices;
import io.dualnet.net.DeepReluNetwork;
import io.dualnet.train.ReluMinNormTrainer;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * Weak duality and optimality against random feasible networks, and seeded training reaching P (not D) in the
 * opposite-sign case.
 */
class RankOneReluPropertyTest {
    private static final double TOL = 1e-9;
    /** Relative agreement between trained networks and the closed form. */
    private static final double TRAINED_TOL = 2e-3;

    @Test
    void randomFeasibleNetworksNeverBeatTheClosedForm() {
        Random rng = new Random(7);
        for (int trial = 0; trial < 60; trial++) {
            int n = 2 + rng.nextInt(5);
            int d = 1 + rng.nextInt(3);
            int depth = 2 + rng.nextInt(3);
            int k = 1 + rng.nextInt(2);
            double[] c = new double[n];
            for (int i = 0; i < n; i++) {
                c[i] = rng.nextGaussian();
            }
            double[] a0 = new double[d];
            for (int j = 0; j < d; j++) {
                a0[j] = rng.nextGaussian();
            }
            DMatrixRMaj x = new DMatrixRMaj(n, d);
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < d; j++) {
                    x.set(i, j, c[i] * a0[j]);
                }
            }
            List<DMatrixRMaj> w = RandomNetworks.gaussianLayers(rng, d, depth, k, 1, 4);
            DMatrixRMaj y = DeepReluNetwork.withoutBiases(w).predict(x);
            RankOneReluSolution s = RankOneRelu.solve(x, y, RankOneRelu.Options.of(depth));
            double random = 0.5 * DeepReluNetwork.withoutBiases(w).squaredNorm(false);
            assertThat(s.dual()).isLessThanOrEqualTo(s.primal() + TOL);
            assertThat(s.fitResidual()).isLessThan(1e-9);
            if (s.status() == RankOneReluSolution.Status.OPTIMAL) {
                assertThat(s.primal()).isLessThanOrEqualTo(random + TOL);
            }
            assertThat(s.dual()).isLessThanOrEqualTo(random + TOL);
        }
    }

    @Test
    void trainedStandardNetworksReachPNotD() {
        DMatrixRMaj x = new DMatrixRMaj(new double[][] {{1, 0}, {-1, 0}});
        DMatrixRMaj opposite = new DMatrixRMaj(new double[][] {{1}, {-1}});
        DMatrixRMaj same = new DMatrixRMaj(new double[][] {{1}, {1}});
        ReluMinNormTrainer t = new ReluMinNormTrainer(ReluMinNormTrainer.Options.standard(4, 4).withRestarts(6, 3, 2));
        ReluMinNormTrainer.Result ro = t.train(x, opposite);
        ReluMinNormTrainer.Result rs = t.train(x, same);
        RankOneReluSolution so = RankOneRelu.solve(x, opposite, RankOneRelu.Options.of(3));
        RankOneReluSolution ss = RankOneRelu.solve(x, same, RankOneRelu.Options.of(3));
        assertThat(ro.objective()).isCloseTo(so.primal(), within(TRAINED_TOL * so.primal()));
        assertThat(ro.objective()).isGreaterThan(so.dual() + 0.5);
        assertThat(rs.objective()).isCloseTo(ss.primal(), within(TRAINED_TOL * ss.primal()));
        assertThat(ro.feasibleRestarts()).isGreaterThanOrEqualTo(3);
        for (int r = 0; r < ro.restartObjectives().length; r++) {
            if (ro.restartResiduals()[r] <= ReluMinNormTrainer.FEASIBLE_RESIDUAL) {
                // no interpolating restart goes below P: the dual value D is out of reach
                assertThat(ro.restartObjectives()[r]).isGreaterThan(so.primal() * (1 - TRAINED_TOL));
            }
        }
    }

    @Test
    void deepTrainedNetworksReachTheTwoPathValueForOppositeSigns() {
        // L >= 5: the middle layers could in principle be shared by the two signs; the Gram reduction says they are not
        DMatrixRMaj x = new DMatrixRMaj(new double[][] {{1, 0}, {-1, 0}});
        DMatrixRMaj opposite = new DMatrixRMaj(new double[][] {{1}, {-0.5}});
        for (int depth = 5; depth <= 6; depth++) {
            int[] hidden = new int[depth - 1];
            java.util.Arrays.fill(hidden, 8);
            // initial scale 1.5: with scale 1 most deep restarts lose every activation at one of the inputs
            ReluMinNormTrainer.Result r = new ReluMinNormTrainer(new ReluMinNormTrainer.Options(hidden, 1,
                    ReluMinNormTrainer.Regularizer.HALF_SQUARED, 14, 400, 0.02, 1.5, 12, 17 + depth, 2))
                    .train(x, opposite);
            RankOneReluSolution s = RankOneRelu.solve(x, opposite, RankOneRelu.Options.of(depth));
            assertThat(s.status()).isEqualTo(RankOneReluSolution.Status.OPTIMAL);
            assertThat(r.feasibleRestarts()).isGreaterThanOrEqualTo(3);
            assertThat(r.objective()).as("L = %d", depth).isCloseTo(s.primal(), within(TRAINED_TOL * s.primal()));
            for (int k = 0; k < r.restartObjectives().length; k++) {
                if (r.restartResiduals()[k] <= ReluMinNormTrainer.FEASIBLE_RESIDUAL) {
                    assertThat(r.restartObjectives()[k]).isGreaterThan(s.primal() * (1 - TRAINED_TOL));
                }
            }
        }
    }
}
