package io.dualnet.deeprelu;

import io.dualnet.data.InvalidInputException;
import io.dualnet.net.DeepReluNetwork;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/** 003 Theorem 4.2 and Proposition 4.1: the biased networks on rank-one data, against a known optimum and random networks. */
class RankOneReluBiasTest {
    private static final double TOL = 1e-8;

    private static DMatrixRMaj line(double... x) {
        DMatrixRMaj m = new DMatrixRMaj(x.length, 2);
        for (int i = 0; i < x.length; i++) {
            m.set(i, 0, 0.6 * x[i]);
            m.set(i, 1, 0.8 * x[i]);
        }
        return m;
    }

    @Test
    void absoluteValueOnThreePoints() {
        // y = |x| on x = (-1, 0, 1): two kinks at 0 with unit weights, V = 2; dual lambda = (1, -2, 1)
        DMatrixRMaj x = line(-1, 0, 1);
        DMatrixRMaj y = new DMatrixRMaj(new double[][] {{1}, {0}, {1}});
        RankOneReluBias.Solution s = RankOneReluBias.solve(x, y, 2, 1e-9);
        assertThat(s.primal()).isCloseTo(2, within(TOL));
        assertThat(s.dual()).isCloseTo(2, within(TOL));
        assertThat(s.fitResidual()).isLessThan(TOL);
        assertThat(s.networkObjective()).isCloseTo(s.primal(), within(TOL));
        for (int k : s.kinks()) {
            assertThat(s.z()[k]).isCloseTo(0, within(TOL));
        }
    }

    @Test
    void deepNetworksWithLastHiddenBias() {
        DMatrixRMaj x = line(0.2, 0.5, 1.0, 1.7, 2.0);
        DMatrixRMaj y = new DMatrixRMaj(new double[][] {{1}, {-0.5}, {0.3}, {2}, {1.1}});
        double v = RankOneReluBias.solve(x, y, 2, 1e-9).primal();
        for (int depth = 3; depth <= 5; depth++) {
            RankOneReluBias.Solution s = RankOneReluBias.solve(x, y, depth, 1e-9);
            assertThat(s.primal()).isCloseTo(depth / 2.0 * Math.pow(v, 2.0 / depth), within(TOL));
            assertThat(s.dual()).isCloseTo(s.primal(), within(TOL));
            assertThat(s.fitResidual()).isLessThan(1e-7);
            assertThat(s.networkObjective()).isCloseTo(s.primal(), within(1e-6));
        }
        assertThatThrownBy(() -> RankOneReluBias.solve(line(-1, 1, 2), new DMatrixRMaj(3, 1), 3, 1e-9))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("one sign");
    }

    @Test
    void randomBiasedNetworksNeverBeatTheClosedForm() {
        Random rng = new Random(5);
        for (int trial = 0; trial < 40; trial++) {
            int n = 3 + rng.nextInt(5);
            int depth = 2 + rng.nextInt(3);
            double[] xs = new double[n];
            for (int i = 0; i < n; i++) {
                xs[i] = depth == 2 ? rng.nextGaussian() : rng.nextDouble() * 2;
            }
            DMatrixRMaj x = line(xs);
            List<DMatrixRMaj> w = new ArrayList<>();
            List<double[]> b = new ArrayList<>();
            int prev = 2;
            for (int l = 1; l <= depth; l++) {
                int m = l == depth ? 1 : 1 + rng.nextInt(4);
                DMatrixRMaj wl = new DMatrixRMaj(prev, m);
                for (int i = 0; i < wl.data.length; i++) {
                    wl.data[i] = rng.nextGaussian();
                }
                w.add(wl);
                double[] bl = null;
                if (l == depth - 1) {
                    bl = new double[m];
                    for (int i = 0; i < m; i++) {
                        bl[i] = rng.nextGaussian();
                    }
                }
                b.add(bl);
                prev = m;
            }
            DeepReluNetwork net = new DeepReluNetwork(w, b);
            DMatrixRMaj y = net.predict(x);
            RankOneReluBias.Solution s = RankOneReluBias.solve(x, y, depth, 1e-9);
            assertThat(s.primal()).isLessThanOrEqualTo(0.5 * net.squaredNorm(false) + TOL);
            // compare the linear-program values V (P = (L/2) V^{2/L} amplifies rounding near V = 0)
            double vp = Math.pow(2 * s.primal() / depth, depth / 2.0);
            double vd = Math.pow(2 * s.dual() / depth, depth / 2.0);
            assertThat(vd).isCloseTo(vp, within(1e-7 * Math.max(1, vp)));
            assertThat(s.fitResidual()).isLessThan(1e-7);
            assertThat(Arrays.stream(s.kinks()).allMatch(k -> k >= 0 && k < n)).isTrue();
        }
    }
}
