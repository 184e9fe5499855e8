package io.dualnet.deeprelu;

import io.dualnet.train.DeepReluTrainer;
import io.dualnet.train.DeepReluTrainingResult;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** The regularized rank-one problem: against a brute-force grid, its own network, and seeded weight-decay training. */
class RankOneReluRegularizedTest {
    private static final double TOL = 1e-9;
    /** Relative agreement of Adam with weight decay and the closed form. */
    private static final double TRAINED_RTOL = 2e-3;

    private static DMatrixRMaj x() {
        return new DMatrixRMaj(new double[][] {{1, 0}, {-1, 0}, {0.5, 0}});
    }

    @Test
    void beatsEveryPointOfADenseGridAndItsNetworkReproducesTheValue() {
        Random rng = new Random(3);
        for (int trial = 0; trial < 12; trial++) {
            DMatrixRMaj y = new DMatrixRMaj(new double[][] {{2 * rng.nextGaussian()}, {2 * rng.nextGaussian()},
                {rng.nextGaussian()}});
            int depth = 2 + trial % 3;
            double beta = 0.05 + rng.nextDouble();
            RankOneReluRegularized.Solution s = RankOneReluRegularized.solve(x(), y, depth, beta, 1e-9);
            assertThat(s.networkObjective()).isCloseTo(s.objective(), within(1e-9 * Math.max(1, s.objective())));
            // brute force over (u, v): f = c+ u + c- v, cost R(u, v)
            double best = Double.POSITIVE_INFINITY;
            for (int i = -300; i <= 300; i++) {
                for (int j = -300; j <= 300; j++) {
                    double u = i * 0.02;
                    double v = j * 0.02;
                    double loss = 0.5 * (Math.pow(u - y.get(0, 0), 2) + Math.pow(v - y.get(1, 0), 2)
                            + Math.pow(0.5 * u - y.get(2, 0), 2));
                    double r = u * v >= 0 ? RankOneRelu.dualValue(depth, Math.abs(u) + Math.abs(v))
                            : RankOneRelu.twoPathValue(depth, Math.abs(u), Math.abs(v));
                    best = Math.min(best, loss + beta * r);
                }
            }
            assertThat(s.objective()).isLessThanOrEqualTo(best + TOL);
            assertThat(s.objective()).isGreaterThan(best - 0.05);
        }
    }

    @Test
    void weightDecayTrainingReachesTheClosedForm() {
        DMatrixRMaj y = new DMatrixRMaj(new double[][] {{1}, {-1}, {0.5}});
        double beta = 0.1;
        RankOneReluRegularized.Solution s = RankOneReluRegularized.solve(x(), y, 3, beta, 1e-9);
        DeepReluTrainingResult t = new DeepReluTrainer(DeepReluTrainer.Options.defaults(4, 4).withAdam(0.01)
                .withEpochs(6000).withBeta(beta, false).withRestarts(6, 2).withSeed(5)).train(x(), y.data);
        assertThat(t.objective()).isGreaterThan(s.objective() - TOL);
        assertThat(t.objective()).isCloseTo(s.objective(), within(TRAINED_RTOL * s.objective()));
    }
}
