package io.dualnet.convex;

import io.dualnet.data.InvalidInputException;
import io.dualnet.linalg.MatrixDimensionException;
import io.dualnet.loss.Losses;
import io.dualnet.net.ReluInstances;
import io.dualnet.net.TwoLayerReluProblem;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/** Objective, predictions, constraint violation and repair of the convex ReLU program against direct formulas. */
class ReluConvexProblemTest {

    /** Agreement of chunked evaluation with the direct formula. */
    private static final double ATOL = 1e-12;

    private static final TwoLayerReluProblem PROBLEM = ReluInstances.problem(9, 2, Losses.SQUARED, 0.3, true, 2L);

    private static ReluConvexProblem cone() {
        return new ReluConvexProblem(PROBLEM, ArrangementEnumerator.enumerate(PROBLEM.featuresView(), 1000), false);
    }

    /** {@code sum_i D_i X (v_i - w_i)} computed entry by entry. */
    private static double[] direct(ReluConvexProblem convex, ConvexReluWeights w) {
        DMatrixRMaj x = PROBLEM.featuresView();
        int p = convex.patterns().count();
        double[] out = new double[x.numRows];
        for (int j = 0; j < w.blockCount(); j++) {
            double[] b = w.block(j);
            for (int k = 0; k < x.numRows; k++) {
                if (convex.patterns().active(j < p ? j : j - p, k)) {
                    double z = 0;
                    for (int c = 0; c < b.length; c++) {
                        z += x.get(k, c) * b[c];
                    }
                    out[k] += j < p ? z : -z;
                }
            }
        }
        return out;
    }

    @Test
    void objectiveIsLossPlusBetaTimesTheGroupNorm() {
        ReluConvexProblem convex = cone();
        Random rng = new Random(1);
        DMatrixRMaj b = new DMatrixRMaj(3, convex.blockCount());
        for (int i = 0; i < b.data.length; i++) {
            b.data[i] = rng.nextGaussian();
        }
        ConvexReluWeights w = ConvexReluWeights.ofBlocks(b, false);
        double[] r = direct(convex, w);
        assertThat(ReluInstances.maxAbsDifference(convex.predict(w), r)).isLessThanOrEqualTo(ATOL);
        double norms = 0;
        for (double t : w.blockNorms()) {
            norms += t;
        }
        assertThat(convex.objective(w)).isCloseTo(Losses.SQUARED.value(r, PROBLEM.yView()) + 0.3 * norms,
                within(ATOL * 100));
        assertThat(convex.constraintViolation(w)).isPositive();
    }

    @Test
    void repairMakesEveryBlockFeasibleAndKeepsFeasibleBlocks() {
        ReluConvexProblem convex = cone();
        Random rng = new Random(7);
        int k = convex.blockCount();
        DMatrixRMaj b = new DMatrixRMaj(3, k);
        int p = convex.patterns().count();
        for (int j = 0; j < k; j++) {
            double[] g = convex.patterns().generator(j < p ? j : j - p);
            for (int r = 0; r < 3; r++) {
                b.data[r * k + j] = g[r] + (j % 3 == 0 ? 0.5 * rng.nextGaussian() : 0);
            }
        }
        ConvexReluWeights w = ConvexReluWeights.ofBlocks(b, false);
        ConvexReluWeights fixed = convex.repair(w);
        assertThat(convex.constraintViolation(fixed)).isLessThanOrEqualTo(ATOL);
        for (int j = 0; j < k; j++) {
            if (j % 3 != 0) {
                assertThat(fixed.block(j)).containsExactly(w.block(j));
            }
        }
        ReluConvexProblem noGenerators = convex.withPatterns(ActivationPatterns.of(9, List.of(convex.patterns().mask(0))));
        DMatrixRMaj one = new DMatrixRMaj(3, 2);
        one.set(0, 0, 1);
        one.set(1, 0, -1);
        ConvexReluWeights bad = ConvexReluWeights.ofBlocks(one, false);
        // Without generators the violated block is projected onto its cone exactly: the result is feasible and no
        // farther from the block than zero, the feasible point the generator step would fall back on.
        assertThat(noGenerators.constraintViolation(bad)).isPositive();
        ConvexReluWeights projected = noGenerators.repair(bad);
        assertThat(noGenerators.constraintViolation(projected)).isLessThanOrEqualTo(ATOL);
        double moved = 0;
        for (int r = 0; r < 3; r++) {
            moved += Math.pow(projected.block(0)[r] - bad.block(0)[r], 2);
        }
        assertThat(Math.sqrt(moved)).isLessThanOrEqualTo(Math.sqrt(2) + ATOL);
    }

    @Test
    void repairKeepsABlockWhoseViolationIsRounding() {
        // A neuron whose hyperplane passes through sample 0, which the pattern counts as active while the block's
        // margin there is -1e-15 (rounding: a trained network's side assignment and a GEMM can disagree in sign). The
        // block is in its cone up to rounding and must come back unchanged; it used to be projected or dropped.
        DMatrixRMaj x = PROBLEM.featuresView();
        double[] u = {x.get(0, 1), -x.get(0, 0), 0};
        u[2] = -1e-15 / x.get(0, 2);
        long[] mask = ActivationPatterns.fromGates(x, new DMatrixRMaj(3, 1, true, u)).mask(0);
        mask[0] |= 1L;
        ReluConvexProblem convex = new ReluConvexProblem(PROBLEM,
                ActivationPatterns.of(x.numRows, List.of(mask), List.of(u.clone())), false);
        DMatrixRMaj b = new DMatrixRMaj(3, convex.blockCount());
        for (int r = 0; r < 3; r++) {
            b.set(r, 0, u[r]);
        }
        ConvexReluWeights w = ConvexReluWeights.ofBlocks(b, false);
        assertThat(convex.constraintViolation(w)).isPositive().isLessThanOrEqualTo(ATOL);
        assertThat(convex.repair(w).block(0)).containsExactly(w.block(0));
    }

    @Test
    void aNearlyFeasibleBlockIsProjectedExactlyNotShiftedOrDropped() {
        TwoLayerReluProblem problem = ReluInstances.problem(200, 6, Losses.SQUARED, 0.3, false, 4L);
        Random rng = new Random(9);
        DMatrixRMaj gates = new DMatrixRMaj(6, 3);
        for (int i = 0; i < gates.data.length; i++) {
            gates.data[i] = rng.nextGaussian();
        }
        ReluConvexProblem convex = new ReluConvexProblem(problem,
                ActivationPatterns.fromGates(problem.featuresView(), gates), false);
        int p = convex.patterns().count();
        int k = convex.blockCount();
        DMatrixRMaj b = new DMatrixRMaj(6, k);
        for (int j = 0; j < k; j++) {
            double[] g = convex.patterns().generator(j < p ? j : j - p);
            for (int r = 0; r < 6; r++) {
                b.data[r * k + j] = g[r] + 0.05 * rng.nextGaussian();
            }
        }
        ConvexReluWeights w = ConvexReluWeights.ofBlocks(b, false);
        assertThat(convex.constraintViolation(w)).isPositive();
        ConvexReluWeights fixed = convex.repair(w, 0);
        assertThat(convex.constraintViolation(fixed)).isLessThanOrEqualTo(ATOL);
        for (int j = 0; j < k; j++) {
            double[] exact = ConeProjection.project(convex.operator(), j < p ? j : j - p, w.block(j), 100, 200);
            assertThat(fixed.block(j)).containsExactly(exact, within(1e-9));
            assertThat(fixed.blockNorms()[j]).isPositive();
        }
    }

    @Test
    void gatedProblemsHaveNoConstraints() {
        ReluConvexProblem gated = cone().withPatterns(cone().patterns());
        ReluConvexProblem g = new ReluConvexProblem(PROBLEM, gated.patterns(), true);
        ConvexReluWeights w = ReluInstances.randomFeasible(g, new Random(3));
        assertThat(g.constraintViolation(w)).isZero();
        assertThat(g.repair(w)).isSameAs(w);
        assertThat(g.blockCount()).isEqualTo(g.patterns().count());
    }

    @Test
    void badInputNamesTheParameter() {
        ReluConvexProblem convex = cone();
        assertThatThrownBy(() -> new ReluConvexProblem(PROBLEM, ActivationPatterns.of(9, List.of()), false))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("patterns");
        ActivationPatterns other = ArrangementEnumerator.enumerate(ReluInstances.problem(5, 2, Losses.SQUARED, 1,
                true, 1L).featuresView(), 100);
        assertThatThrownBy(() -> new ReluConvexProblem(PROBLEM, other, false))
                .isInstanceOf(MatrixDimensionException.class).hasMessageContaining("patterns");
        assertThatThrownBy(() -> convex.objective(ConvexReluWeights.zeros(3, 2, false)))
                .isInstanceOf(MatrixDimensionException.class).hasMessageContaining("weights");
        assertThatThrownBy(() -> convex.objective(ConvexReluWeights.zeros(3, convex.patterns().count(), true)))
                .isInstanceOf(MatrixDimensionException.class).hasMessageContaining("weights");
        assertThatThrownBy(() -> ConvexReluWeights.zeros(3, 0, true))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("patterns");
    }
}
