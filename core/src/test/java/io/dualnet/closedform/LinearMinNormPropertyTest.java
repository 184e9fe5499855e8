package io.dualnet.closedform;

import io.dualnet.data.InvalidInputException;
import io.dualnet.linalg.Matrices;
import io.dualnet.net.DeepLinearWeights;
import io.dualnet.net.ParallelLinearWeights;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Seeded random instances of the minimum-norm problems (5), (9), (12), (14). */
class LinearMinNormPropertyTest {
    private static final double FIT_ATOL = 1e-9;
    private static final double ATOL = 1e-10;
    private static final double RTOL = 1e-9;

    /** A random feasible instance: rank-deficient X (n x d), Y = X B with B of rank k. */
    private record Instance(DMatrixRMaj x, DMatrixRMaj y, int depth, int[] widths) {
    }

    private static Instance instance(int seed) {
        Random rng = new Random(seed);
        int n = 5 + rng.nextInt(5);
        int d = 3 + rng.nextInt(5);
        int c = 1 + rng.nextInt(4);
        int depth = 2 + rng.nextInt(5);
        DMatrixRMaj x = Matrices.gaussian(n, d, 1, rng);
        if (seed % 2 == 0) { // rank-deficient X: repeat a column
            for (int i = 0; i < n; i++) {
                x.set(i, d - 1, x.get(i, 0));
            }
        }
        int k = 1 + rng.nextInt(Math.min(d - 1, c));
        DMatrixRMaj b = CommonOps_DDRM.mult(Matrices.gaussian(d, k, 1, rng), Matrices.gaussian(k, c, 1, rng), null);
        DMatrixRMaj y = CommonOps_DDRM.mult(x, b, null);
        int[] widths = new int[depth - 1];
        for (int l = 0; l < widths.length; l++) {
            widths[l] = k + rng.nextInt(3);
        }
        return new Instance(x, y, depth, widths);
    }

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(ints = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12})
    void weightsInterpolateAndAttainTheClosedForm(int seed) {
        Instance in = instance(seed);
        LinearMinNorm m = new LinearMinNorm(in.x(), in.y(), in.widths());
        DeepLinearWeights w = m.weights();
        assertThat(w.widths()).startsWith(in.x().numCols);
        assertThat(Matrices.distance(w.predict(in.x()), in.y())).isLessThanOrEqualTo(FIT_ATOL);
        assertClose(halfSquaredNorm(w), m.primal());
        assertThat(m.dual()).isLessThanOrEqualTo(m.primal() + ATOL);
        // Same objective (14) for both architectures: the parallel network never does worse.
        assertThat(m.parallelValue()).isLessThanOrEqualTo(m.standardPowerValue() * (1 + RTOL));
        assertClose(m.standardPowerValue(), m.rescaledPrimal(1));
        assertThat(m.gapVanishes()).isEqualTo(m.rank() <= 1 || m.depth() == 2);
        if (!m.gapVanishes()) {
            assertThat(m.gap()).isGreaterThan(0);
        }
    }

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(ints = {1, 2, 3, 4, 5, 6, 7, 8})
    void rescaledWeightsAttainTheoremTwo(int seed) {
        Instance in = instance(seed);
        LinearMinNorm m = new LinearMinNorm(in.x(), in.y(), in.widths());
        int depth = m.depth();
        for (double t : new double[] {0.5, 1.0, m.optimalScale(), 3.0}) {
            DeepLinearWeights w = m.rescaledWeights(t);
            assertThat(Matrices.distance(w.predict(in.x()), in.y())).isLessThanOrEqualTo(FIT_ATOL);
            for (int l = 1; l <= depth - 2; l++) {
                assertThat(Math.sqrt(Matrices.frobeniusSquared(w.layer(l)))).isLessThanOrEqualTo(t * (1 + RTOL));
            }
            DMatrixRMaj penultimate = w.layer(depth - 1);
            for (int j = 0; j < penultimate.numCols; j++) {
                assertThat(columnNorm(penultimate, j)).isLessThanOrEqualTo(1 + RTOL);
            }
            assertClose(rowNormSum(w.layer(depth)), m.rescaledPrimal(t));
        }
        // P = min_t ((L-2)/2) t^2 + P_lin(t), attained at t*.
        double t = m.optimalScale();
        assertClose(0.5 * (depth - 2) * t * t + m.rescaledPrimal(t), m.primal());
        for (double f : new double[] {0.8, 0.95, 1.05, 1.3}) {
            assertThat(0.5 * (depth - 2) * t * t * f * f + m.rescaledPrimal(t * f))
                    .isGreaterThanOrEqualTo(m.primal() - ATOL);
        }
    }

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(ints = {1, 2, 3, 4, 5, 6, 7, 8})
    void parallelBranchesAttainBothObjectives(int seed) {
        Instance in = instance(seed);
        LinearMinNorm m = new LinearMinNorm(in.x(), in.y(), in.depth());
        ParallelLinearWeights p = m.parallelWeights();
        assertThat(p.branchCount()).isEqualTo(m.rank());
        assertThat(Matrices.distance(p.predict(in.x()), in.y())).isLessThanOrEqualTo(FIT_ATOL);
        assertClose(p.powerObjective(), m.parallelValue());
        assertClose(p.weightDecayObjective(), m.parallelWeightDecayValue());
        for (int j = 0; j < p.branchCount(); j++) {
            for (int l = 1; l <= p.depth(); l++) {
                assertClose(Math.sqrt(Matrices.frobeniusSquared(p.layer(j, l))),
                        Math.pow(m.singularValues()[j], 1.0 / p.depth()));
            }
        }
    }

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(ints = {1, 2, 3, 4, 5, 6, 7, 8})
    void randomFeasibleFactorizationsNeverBeatP(int seed) {
        Instance in = instance(seed);
        LinearMinNorm m = new LinearMinNorm(in.x(), in.y(), in.depth());
        Random rng = new Random(1000 + seed);
        DMatrixRMaj target = m.minimumNormSolution();
        int d = target.numRows;
        int c = target.numCols;
        for (int trial = 0; trial < 20; trial++) {
            // W_1 = (X^+Y + N) A_1^{-1}, W_l = A_{l-1} A_l^{-1}, W_L = A_{L-1}, with N in null(X): X W_1...W_L = Y.
            DMatrixRMaj nullPart = nullSpaceNoise(in.x(), d, c, rng, trial % 2 == 0 ? 0 : 0.3);
            List<DMatrixRMaj> a = new ArrayList<>();
            for (int l = 1; l < m.depth(); l++) {
                DMatrixRMaj al = Matrices.gaussian(c, c, 1, rng);
                for (int i = 0; i < c; i++) {
                    al.add(i, i, 3);
                }
                a.add(al);
            }
            List<DMatrixRMaj> layers = new ArrayList<>();
            DMatrixRMaj first = target.copy();
            CommonOps_DDRM.addEquals(first, nullPart);
            layers.add(CommonOps_DDRM.mult(first, inverse(a.get(0)), null));
            for (int l = 1; l < a.size(); l++) {
                layers.add(CommonOps_DDRM.mult(a.get(l - 1), inverse(a.get(l)), null));
            }
            layers.add(a.get(a.size() - 1));
            DeepLinearWeights w = new DeepLinearWeights(layers);
            assertThat(Matrices.distance(w.predict(in.x()), in.y())).isLessThanOrEqualTo(1e-7);
            assertThat(halfSquaredNorm(w)).isGreaterThanOrEqualTo(m.primal() * (1 - RTOL));
        }
    }

    @Test
    void rejectsInfeasibleTarget() {
        DMatrixRMaj x = new DMatrixRMaj(new double[][] {{1, 0}, {0, 1}, {0, 0}});
        DMatrixRMaj y = new DMatrixRMaj(new double[][] {{1}, {2}, {0.5}});
        assertThatThrownBy(() -> new LinearMinNorm(x, y, 3)).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("||Y - P_X Y||_F = 0.5").hasMessageContaining("Y in range(X)")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
    }

    @Test
    void rejectsNarrowWidths() {
        assertThatThrownBy(() -> new LinearMinNorm(CommonOps_DDRM.identity(3), CommonOps_DDRM.diag(3, 2, 1),
                new int[] {3, 2})).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("hiddenWidths[1]").hasMessageContaining("= 2")
                .hasMessageContaining("width >= rank(X^+Y) = 3");
    }

    @Test
    void rejectsShallowDepthAndNaN() {
        assertThatThrownBy(() -> new LinearMinNorm(CommonOps_DDRM.identity(2), CommonOps_DDRM.identity(2), 1))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("depth L");
        assertThatThrownBy(() -> new LinearMinNorm(CommonOps_DDRM.identity(2), CommonOps_DDRM.identity(2),
                new int[0])).isInstanceOf(InvalidInputException.class).hasMessageContaining("depth L");
        DMatrixRMaj y = CommonOps_DDRM.identity(2);
        y.set(1, 0, Double.NaN);
        assertThatThrownBy(() -> new LinearMinNorm(CommonOps_DDRM.identity(2), y, 3))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("Y[1,0]");
        assertThatThrownBy(() -> new LinearMinNorm(CommonOps_DDRM.identity(2), new DMatrixRMaj(3, 1), 3))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("rows");
    }

    private static DMatrixRMaj nullSpaceNoise(DMatrixRMaj x, int d, int c, Random rng, double scale) {
        DMatrixRMaj g = Matrices.gaussian(d, c, scale, rng);
        // g - X^+ X g lies in null(X).
        DMatrixRMaj xg = CommonOps_DDRM.mult(x, g, null);
        DMatrixRMaj back = io.dualnet.linalg.PseudoInverse.of(x).solve(xg);
        CommonOps_DDRM.subtractEquals(g, back);
        return g;
    }

    private static DMatrixRMaj inverse(DMatrixRMaj a) {
        DMatrixRMaj inv = a.copy();
        assertThat(CommonOps_DDRM.invert(inv)).isTrue();
        return inv;
    }

    static double halfSquaredNorm(DeepLinearWeights w) {
        double s = 0;
        for (DMatrixRMaj l : w.layers()) {
            s += Matrices.frobeniusSquared(l);
        }
        return 0.5 * s;
    }

    private static double columnNorm(DMatrixRMaj a, int j) {
        double s = 0;
        for (int i = 0; i < a.numRows; i++) {
            s += a.get(i, j) * a.get(i, j);
        }
        return Math.sqrt(s);
    }

    private static double rowNormSum(DMatrixRMaj a) {
        double sum = 0;
        for (int i = 0; i < a.numRows; i++) {
            double s = 0;
            for (int j = 0; j < a.numCols; j++) {
                s += a.get(i, j) * a.get(i, j);
            }
            sum += Math.sqrt(s);
        }
        return sum;
    }

    private static void assertClose(double actual, double expected) {
        assertThat(Math.abs(actual - expected)).isLessThanOrEqualTo(ATOL + RTOL * Math.abs(expected));
    }
}
