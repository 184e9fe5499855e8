package io.dualnet.deeprelu;

import io.dualnet.data.InvalidInputException;
import io.dualnet.linalg.Matrices;
import io.dualnet.net.DeepReluNetwork;
import io.dualnet.train.DeepReluTrainer;
import io.dualnet.train.DeepReluTrainingResult;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.data.Offset.offset;

class WhitenedClosedFormTest {
    private static final double TOLERANCE = 1e-9;
    private static final double STATIONARY = 1e-8;

    /** n = 6 whitened points in d = 9, one-hot labels of 3 classes (2 each). */
    static DMatrixRMaj whitened(int n, int d, long seed) {
        return Whitening.fit(Matrices.gaussian(n, d, 1, new Random(seed))).apply(
                Matrices.gaussian(n, d, 1, new Random(seed)));
    }

    static DMatrixRMaj oneHot(int n, int k) {
        DMatrixRMaj y = new DMatrixRMaj(n, k);
        for (int i = 0; i < n; i++) {
            y.set(i, i % k, 1);
        }
        return y;
    }

    @ParameterizedTest
    @ValueSource(ints = {2, 3, 5})
    void minimumNormNetworkInterpolatesWithTheClosedFormValue(int depth) {
        DMatrixRMaj x = whitened(6, 9, 1);
        DMatrixRMaj y = oneHot(6, 3);
        y.set(4, 1, 2); // class 1 has norm sqrt(5), classes 0 and 2 norm sqrt(2)
        WhitenedSolution s = WhitenedClosedForm.solve(x, y, WhitenedClosedForm.Options.of(depth, 4, 0));
        assertThat(s.residual()).isLessThan(TOLERANCE);
        double expected = 0.5 * depth * (2 * Math.pow(2, 1.0 / depth) + Math.pow(5, 1.0 / depth));
        assertThat(s.objective()).isCloseTo(expected, offset(TOLERANCE));
        assertThat(s.objective()).isCloseTo(0.5 * s.network().squaredNorm(false), offset(TOLERANCE));
        double bound = 0.5 * depth * Math.pow(2 * Math.sqrt(2) + Math.sqrt(5), 2.0 / depth);
        assertThat(s.lowerBound()).isCloseTo(bound, offset(TOLERANCE));
        assertThat(s.status()).isEqualTo(depth == 2 ? "certified" : "bounded");
        // Thm 4.3's uniform layout is feasible and never better.
        WhitenedSolution paper = WhitenedClosedForm.solve(x, y, WhitenedClosedForm.Options.of(depth, 4, 0)
                .withVariant(WhitenedClosedForm.Variant.PAPER));
        assertThat(paper.residual()).isLessThan(TOLERANCE);
        assertThat(paper.objective()).isGreaterThanOrEqualTo(s.objective() - TOLERANCE);
    }

    @Test
    void oneClassIsCertifiedOptimal() {
        DMatrixRMaj x = whitened(5, 7, 2);
        DMatrixRMaj y = new DMatrixRMaj(5, 1);
        y.set(0, 0, 1);
        y.set(3, 0, 2);
        WhitenedSolution s = WhitenedClosedForm.solve(x, y, WhitenedClosedForm.Options.of(4, 3, 0));
        assertThat(s.gap()).isLessThan(1e-12);
        assertThat(s.status()).isEqualTo("certified");
        WhitenedSolution r = WhitenedClosedForm.solve(x, y, WhitenedClosedForm.Options.of(4, 3, 0.3));
        // the rigorous grid bound is within 1e-6 (relative) of the true minimum, which the network attains
        assertThat(r.gap()).isBetween(0.0, 1e-6 * r.objective());
        assertThat(r.status()).isEqualTo("certified");
    }

    @ParameterizedTest
    @ValueSource(ints = {2, 3, 4})
    void regularizedBalancedNetworkIsStationaryForWeightDecay(int depth) {
        // exactly whitened rows (a coordinate embedding), so that the ReLU sees exact zeros off each path's support
        DMatrixRMaj x = new DMatrixRMaj(6, 9);
        for (int i = 0; i < 6; i++) {
            x.set(i, (2 * i + 1) % 9, 1);
        }
        DMatrixRMaj y = oneHot(6, 3);
        y.set(0, 0, -1.5); // a column with both signs: two paths
        double beta = 0.2;
        WhitenedSolution s = WhitenedClosedForm.solve(x, y, WhitenedClosedForm.Options.of(depth, 5, beta));
        assertThat(s.paths()).isEqualTo(4);
        assertThat(s.objective()).isCloseTo(DeepReluTrainer.objective(s.network(), x, y, beta, false),
                offset(TOLERANCE));
        assertThat(DeepReluTrainer.gradientNorm(s.network(), x, y, beta, false)).isLessThan(STATIONARY);
        assertThat(s.lowerBound()).isLessThanOrEqualTo(s.objective() + TOLERANCE);
        // each path gain minimizes the scalar problem (1/2)(a - rho)^2 + (beta L / 2) rho^{2/L} (grid check)
        for (int r = 0; r < s.paths(); r++) {
            double a = s.pathNorms()[r];
            double best = Double.POSITIVE_INFINITY;
            for (int k = 0; k <= 20000; k++) {
                double rho = a * k / 20000.0;
                best = Math.min(best, 0.5 * (a - rho) * (a - rho) + 0.5 * beta * depth * Math.pow(rho, 2.0 / depth));
            }
            double g = s.pathGains()[r];
            assertThat(0.5 * (a - g) * (a - g) + 0.5 * beta * depth * Math.pow(g, 2.0 / depth))
                    .isLessThanOrEqualTo(best + 1e-9);
        }
    }

    @Test
    void theorem44WithTheSignFixedClosesTheRescaledGapAndAsPrintedDoesNot() {
        DMatrixRMaj x = whitened(6, 9, 4);
        // column 0 has both signs, column 1 is a path weaker than beta
        DMatrixRMaj y = new DMatrixRMaj(new double[][] {{1, 0}, {-1.2, 0}, {0, 0.05}, {0.8, 0}, {0, 0}, {0, 0}});
        double beta = 0.3;
        WhitenedClosedForm.Options o = WhitenedClosedForm.Options.of(3, 4, beta);
        WhitenedSolution fixed = WhitenedClosedForm.solve(x, y, o.withVariant(WhitenedClosedForm.Variant.PAPER));
        assertThat(fixed.rescaledPrimal()).isCloseTo(fixed.rescaledDual(), offset(TOLERANCE));
        WhitenedSolution printed = WhitenedClosedForm.solve(x, y,
                o.withVariant(WhitenedClosedForm.Variant.PAPER_AS_PRINTED));
        assertThat(printed.rescaledPrimal()).isGreaterThan(fixed.rescaledPrimal() + 0.5);
        assertThat(printed.loss()).isGreaterThan(fixed.loss() + 0.5);
        WhitenedSolution balanced = WhitenedClosedForm.solve(x, y, o);
        assertThat(balanced.objective()).isLessThanOrEqualTo(fixed.objective() + TOLERANCE);
    }

    @Test
    void rowsNotColumnsMustBeOrthonormal() {
        // X^T X = I_d with n > d (orthonormal columns): the construction cannot interpolate.
        DMatrixRMaj g = Matrices.gaussian(8, 3, 1, new Random(5));
        DMatrixRMaj cols = Whitening.fit(transpose(g)).apply(transpose(g));
        DMatrixRMaj xc = transpose(cols);
        assertThat(Whitening.columnDeviation(xc)).isLessThan(TOLERANCE);
        DMatrixRMaj y = oneHot(8, 2);
        WhitenedSolution forced = WhitenedClosedForm.solve(xc, y,
                WhitenedClosedForm.Options.of(3, 4, 0).withForce(true));
        assertThat(forced.status()).isEqualTo("forced");
        assertThat(forced.residual()).isGreaterThan(0.5);
        assertThatThrownBy(() -> WhitenedClosedForm.solve(xc, y, WhitenedClosedForm.Options.of(3, 4, 0)))
                .isInstanceOf(WhitenedAssumptionException.class)
                .hasMessageStartingWith("X is not whitened: ||X X^T - I|| = ")
                .hasMessageEndingWith("> tolerance 1e-9");
    }

    @Test
    void badInputIsNamed() {
        DMatrixRMaj x = whitened(4, 6, 6);
        DMatrixRMaj y = oneHot(4, 2);
        y.set(0, 1, 1);
        assertThatThrownBy(() -> WhitenedClosedForm.solve(x, y, WhitenedClosedForm.Options.of(3, 4, 0)))
                .hasMessageStartingWith("Y does not have orthogonal columns: max |cos(y_i, y_j)| = 0.408 > tolerance 1e-9");
        assertThatThrownBy(() -> WhitenedClosedForm.solve(x, oneHot(4, 2), WhitenedClosedForm.Options.of(3, 1, 0)))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("hiddenWidth");
        assertThatThrownBy(() -> WhitenedClosedForm.Options.of(1, 4, 0)).hasMessageContaining("depth");
        assertThat(WhitenedAssumptionException.compact(0.31)).isEqualTo("0.31");
        assertThat(WhitenedAssumptionException.compact(2500)).isEqualTo("2.5e3");
    }

    @Test
    void trainedNetworksRespectTheLowerBoundAndDoNotBeatTheClosedForm() {
        DMatrixRMaj x = whitened(6, 8, 7);
        DMatrixRMaj y = oneHot(6, 2);
        double beta = 0.1;
        WhitenedSolution s = WhitenedClosedForm.solve(x, y, WhitenedClosedForm.Options.of(3, 6, beta));
        DeepReluTrainingResult t = new DeepReluTrainer(DeepReluTrainer.Options.defaults(6, 6).withAdam(1e-2)
                .withBeta(beta, false).withEpochs(3000).withRestarts(4, 2).withSeed(11).withTraceEvery(3000))
                .train(x, y, null, null);
        for (double v : t.finalObjectives()) {
            assertThat(v).isGreaterThanOrEqualTo(s.lowerBound());
        }
        assertThat(t.objective()).isGreaterThanOrEqualTo(s.objective() - 1e-6);
    }

    private static DMatrixRMaj transpose(DMatrixRMaj a) {
        DMatrixRMaj t = new DMatrixRMaj(a.numCols, a.numRows);
        org.ejml.dense.row.CommonOps_DDRM.transpose(a, t);
        return t;
    }
}
