package io.dualnet.deeprelu;

import io.dualnet.data.InvalidInputException;
import io.dualnet.linalg.Matrices;
import io.dualnet.net.DeepReluNetwork;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/** The spec's test vectors (§1.9) and the certificates recomputed from the returned weights. */
class RankOneReluReferenceTest {
    private static final double TOL = 1e-10;

    /** X = c a0^T with c = (1, -1), a0 = e1 in R^2. */
    private static DMatrixRMaj x() {
        return new DMatrixRMaj(new double[][] {{1, 0}, {-1, 0}});
    }

    @Test
    void oppositeSignsHaveAGapOfWangTheorem5() {
        RankOneReluSolution s = RankOneRelu.solve(x(), new DMatrixRMaj(new double[][] {{1}, {-1}}), RankOneRelu.Options.of(3));
        assertThat(s.target().signCase()).isEqualTo(RankOneTarget.SignCase.OPPOSITE);
        assertThat(s.primal()).isCloseTo(3.0, within(TOL));
        assertThat(s.dual()).isCloseTo(1.5 * Math.pow(2, 2.0 / 3), within(TOL));
        assertThat(String.format("%.3f", s.dual())).isEqualTo("2.381");
        assertThat(s.gap()).isGreaterThan(0.6);
        assertThat(s.status()).isEqualTo(RankOneReluSolution.Status.OPTIMAL);
        assertCertificates(s);
    }

    @Test
    void sameSignsHaveNoGap() {
        RankOneReluSolution s = RankOneRelu.solve(x(), new DMatrixRMaj(new double[][] {{1}, {1}}), RankOneRelu.Options.of(3));
        assertThat(s.target().signCase()).isEqualTo(RankOneTarget.SignCase.SAME);
        assertThat(s.primal()).isCloseTo(1.5 * Math.pow(2, 2.0 / 3), within(TOL));
        assertThat(s.gap()).isCloseTo(0, within(TOL));
        assertCertificates(s);
        assertThat(s.hiddenWidths()).containsExactly(2, 1);
    }

    @Test
    void issueFormulasForGeneralAlphaBetaAndScaledA0() {
        // c = (2, -1, 0.5), a0 = (0, 3, 4) (||a0|| = 5): y = alpha c+ + beta c-
        double[] c = {2, -1, 0.5};
        double[] a0 = {0, 3, 4};
        DMatrixRMaj x = new DMatrixRMaj(3, 3);
        for (int i = 0; i < 3; i++) {
            for (int j = 0; j < 3; j++) {
                x.set(i, j, c[i] * a0[j]);
            }
        }
        double alpha = 1.7;
        double beta = -0.4;
        DMatrixRMaj y = new DMatrixRMaj(new double[][] {{2 * alpha}, {1 * beta}, {0.5 * alpha}});
        for (int depth = 3; depth <= 4; depth++) {
            RankOneReluSolution s = RankOneRelu.solve(x, y, RankOneRelu.Options.of(depth));
            double k = (Math.abs(alpha) + Math.abs(beta)) / 5;
            assertThat(s.dual()).isCloseTo(depth / 2.0 * Math.pow(k, 2.0 / depth), within(TOL));
            if (depth == 3) {
                double a = Math.pow(Math.pow(Math.abs(alpha), 2.0 / 3) + Math.pow(Math.abs(beta), 2.0 / 3), 1.5) / 5;
                assertThat(s.primal()).isCloseTo(1.5 * Math.pow(a, 2.0 / 3), within(TOL));
            }
            assertCertificates(s);
            // same target with the sign of beta flipped: P = D
            DMatrixRMaj ys = new DMatrixRMaj(new double[][] {{2 * alpha}, {-1 * beta}, {0.5 * alpha}});
            RankOneReluSolution same = RankOneRelu.solve(x, ys, RankOneRelu.Options.of(depth));
            assertThat(same.primal()).isCloseTo(s.dual(), within(TOL));
            assertCertificates(same);
        }
    }

    @Test
    void vectorOutputsAndDeepNetworksAndWidths() {
        DMatrixRMaj x = x();
        DMatrixRMaj same = new DMatrixRMaj(new double[][] {{1, 2}, {0.5, 1}});
        DMatrixRMaj opposite = new DMatrixRMaj(new double[][] {{1, 2}, {-0.5, -1}});
        DMatrixRMaj general = new DMatrixRMaj(new double[][] {{1, 2}, {1, -1}});
        for (int depth = 2; depth <= 6; depth++) {
            RankOneReluSolution s = RankOneRelu.solve(x, same, new RankOneRelu.Options(depth, 3, 1e-9, false));
            assertThat(s.gap()).isCloseTo(0, within(TOL));
            assertCertificates(s);
            RankOneReluSolution o = RankOneRelu.solve(x, opposite, new RankOneRelu.Options(depth, 2, 1e-9, false));
            assertThat(o.target().signCase()).isEqualTo(RankOneTarget.SignCase.OPPOSITE);
            assertThat(o.status()).isEqualTo(RankOneReluSolution.Status.OPTIMAL);
            if (depth == 2) {
                assertThat(o.gap()).isCloseTo(0, within(TOL));
            } else {
                assertThat(o.gap()).isGreaterThan(0);
            }
            assertCertificates(o);
            RankOneReluSolution g = RankOneRelu.solve(x, general, RankOneRelu.Options.of(depth));
            assertThat(g.target().signCase()).isEqualTo(RankOneTarget.SignCase.GENERAL);
            assertThat(g.fitResidual()).isLessThan(TOL);
            assertThat(g.networkObjective()).isCloseTo(g.primal(), within(TOL));
            assertThat(g.primal()).isGreaterThanOrEqualTo(g.dual() - TOL);
            // alpha . beta < 0 here: the two-path network is optimal (Gram reduction); an acute angle is not certified
            assertThat(g.status()).isEqualTo(RankOneReluSolution.Status.OPTIMAL);
            RankOneReluSolution acute = RankOneRelu.solve(x, acute(), RankOneRelu.Options.of(depth));
            assertThat(acute.target().signCase()).isEqualTo(RankOneTarget.SignCase.GENERAL);
            assertThat(acute.status()).isEqualTo(depth == 2 ? RankOneReluSolution.Status.OPTIMAL
                    : RankOneReluSolution.Status.FEASIBLE);
        }
    }

    private static DMatrixRMaj acute() {
        return new DMatrixRMaj(new double[][] {{1, 2}, {1, 0.5}});
    }

    @Test
    void badInputIsOneMessage() {
        DMatrixRMaj notRankOne = new DMatrixRMaj(new double[][] {{1, 0}, {0, 0.31}});
        assertThatThrownBy(() -> RankOneRelu.solve(notRankOne, new DMatrixRMaj(new double[][] {{1}, {1}}),
                RankOneRelu.Options.of(3)))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("X is not rank-one: sigma_2/sigma_1 = 0.310 > tolerance 1.00e-09");
        DMatrixRMaj x = new DMatrixRMaj(new double[][] {{1, 0}, {2, 0}});
        assertThatThrownBy(() -> RankOneRelu.solve(x, new DMatrixRMaj(new double[][] {{1}, {1}}), RankOneRelu.Options.of(3)))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("--y").hasMessageContaining("cannot fit");
        RankOneReluSolution forced = RankOneRelu.solve(notRankOne, new DMatrixRMaj(new double[][] {{1}, {1}}),
                new RankOneRelu.Options(3, 1, 1e-9, true));
        assertThat(forced.status()).isEqualTo(RankOneReluSolution.Status.FORCED);
        assertThat(forced.primal()).isCloseTo(forced.networkObjective(), within(TOL));
        assertThat(forced.dual()).isNaN();
    }

    @Test
    void zeroTargetGivesTheZeroNetwork() {
        RankOneReluSolution s = RankOneRelu.solve(x(), new DMatrixRMaj(2, 1), RankOneRelu.Options.of(4));
        assertThat(s.primal()).isZero();
        assertThat(s.dual()).isZero();
        assertThat(s.fitResidual()).isZero();
    }

    /** The product of the returned weights reproduces Y, its norm equals P, the dual point reproduces D. */
    static void assertCertificates(RankOneReluSolution s) {
        assertThat(s.fitResidual()).isLessThan(TOL);
        assertThat(s.networkObjective()).isCloseTo(s.primal(), within(TOL * Math.max(1, s.primal())));
        assertThat(s.dualRecomputed()).isCloseTo(s.dual(), within(TOL * Math.max(1, s.dual())));
        assertThat(s.weights()).hasSize(s.depth());
        // balanced layers: every layer of a single path has the same norm
        if (s.target().signCase() == RankOneTarget.SignCase.SAME && s.depth() >= 3) {
            double first = Matrices.frobeniusSquared(s.weights().get(0));
            for (DMatrixRMaj w : s.weights()) {
                assertThat(Matrices.frobeniusSquared(w)).isCloseTo(first, within(TOL));
            }
        }
    }
}
