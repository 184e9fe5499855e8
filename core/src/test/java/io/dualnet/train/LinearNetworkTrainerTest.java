package io.dualnet.train;

import io.dualnet.data.InvalidInputException;
import io.dualnet.linalg.Linalg;
import io.dualnet.linalg.Matrices;
import io.dualnet.linalg.Svd;
import io.dualnet.train.LinearNetworkTrainer.Architecture;
import io.dualnet.train.LinearNetworkTrainer.Objective;
import io.dualnet.train.LinearNetworkTrainer.Options;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.Arrays;
import java.util.Random;
import java.util.function.Supplier;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Known optima of paper 002 §1.7 (spec table) and 003 §2.2.1 reached by {@link LinearNetworkTrainer}. */
class LinearNetworkTrainerTest {

    /** Relative distance allowed between a trained minimum-norm value and the closed form. */
    private static final double VALUE_RTOL = 1e-3;
    /** Residual ||P - Y||_F below which a minimum-norm restart counts as interpolating. */
    private static final double RESIDUAL_TOL = 1e-5;
    /** Absolute tolerance on singular values of W_1 after weight-decay training. */
    private static final double SINGULAR_VALUE_TOL = 2e-3;
    /** The table values are printed to 4 decimals. */
    private static final double TABLE_TOL = 1e-4;

    private static DMatrixRMaj diag(double... v) {
        DMatrixRMaj m = new DMatrixRMaj(v.length, v.length);
        for (int i = 0; i < v.length; i++) {
            m.set(i, i, v[i]);
        }
        return m;
    }

    private static int[] hidden(int depth, int width, boolean parallel) {
        int[] h = new int[depth - 1];
        Arrays.fill(h, width);
        if (parallel) {
            h[depth - 2] = 1;
        }
        return h;
    }

    static Stream<Arguments> standardTable() {
        // L, P_lin = (L/2) sum sigma^{2/L}, D = (L/2) ||Y||_*^{2/L}, for X = I_3, Y = diag(3,2,1).
        return Stream.of(Arguments.of(2, 6.0, 6.0), Arguments.of(3, 7.0012, 4.9529), Arguments.of(4, 8.2925, 4.8990));
    }

    @ParameterizedTest(name = "L={0}")
    @MethodSource("standardTable")
    void standardMinNormReachesPrimalClosedFormAndNeverTheDual(int depth, double primal, double dual) {
        double[] sigma = {3, 2, 1};
        double closedPrimal = 0;
        for (double s : sigma) {
            closedPrimal += Math.pow(s, 2.0 / depth);
        }
        closedPrimal *= depth / 2.0;
        double closedDual = depth / 2.0 * Math.pow(6.0, 2.0 / depth);
        assertThat(closedPrimal).isCloseTo(primal, org.assertj.core.api.Assertions.within(TABLE_TOL));
        assertThat(closedDual).isCloseTo(dual, org.assertj.core.api.Assertions.within(TABLE_TOL));

        LinearTrainingResult r = new LinearNetworkTrainer(Options.defaults(hidden(depth, 3, false)).withRestarts(3))
                .train(diag(1, 1, 1), diag(3, 2, 1));
        assertThat(r.constraintResidual()).isLessThanOrEqualTo(RESIDUAL_TOL);
        assertThat(Math.abs(r.bestObjective() - closedPrimal) / closedPrimal).isLessThanOrEqualTo(VALUE_RTOL);
        double[] values = r.restartObjectives();
        double[] residuals = r.restartResiduals();
        for (int k = 0; k < values.length; k++) {
            if (residuals[k] <= RESIDUAL_TOL) {
                assertThat(values[k]).as("restart %d", k).isGreaterThanOrEqualTo(closedDual * (1 - VALUE_RTOL));
                assertThat(values[k]).as("restart %d", k).isGreaterThanOrEqualTo(closedPrimal * (1 - VALUE_RTOL));
            }
        }
        // Prop. 2 minimizer: balanced layers, W_1 singular values sigma_i^{1/L}.
        double[] s1 = r.firstLayerSingularValues();
        for (int i = 0; i < sigma.length; i++) {
            assertThat(s1[i]).isCloseTo(Math.pow(sigma[i], 1.0 / depth),
                    org.assertj.core.api.Assertions.within(SINGULAR_VALUE_TOL));
        }
        for (int l = 1; l <= depth; l++) {
            assertThat(r.layer(0, l).rank()).isEqualTo(3);
            assertThat(r.layer(0, l).frobeniusNorm()).isCloseTo(Math.sqrt(2 * closedPrimal / depth),
                    org.assertj.core.api.Assertions.within(SINGULAR_VALUE_TOL));
        }
    }

    @Test
    void parallelLthPowerClosesTheGapAtTheNuclearNorm() {
        for (int branches : new int[] {3, 5}) {
            Options o = Options.defaults(hidden(3, 3, true)).withRestarts(2)
                    .withArchitecture(Architecture.PARALLEL, branches).withObjective(Objective.MIN_NORM_LTH_POWER, 0);
            LinearTrainingResult r = new LinearNetworkTrainer(o).train(diag(1, 1, 1), diag(3, 2, 1));
            assertThat(r.constraintResidual()).isLessThanOrEqualTo(RESIDUAL_TOL);
            assertThat(Math.abs(r.bestObjective() - 6.0) / 6.0).as("m=%d", branches).isLessThanOrEqualTo(VALUE_RTOL);
            DMatrixRMaj product = r.parallelWeights().predict(diag(1, 1, 1));
            assertThat(Matrices.distance(product, diag(3, 2, 1))).isLessThanOrEqualTo(RESIDUAL_TOL);
        }
    }

    @Test
    void parallelWeightDecayMinNormKeepsTheStandardValue() {
        // 002 Prop. 3: with squared Frobenius norms the parallel value is still (L/2) sum sigma^{2/L} = 7.0012.
        Options o = Options.defaults(hidden(3, 3, true)).withRestarts(2).withArchitecture(Architecture.PARALLEL, 4);
        LinearTrainingResult r = new LinearNetworkTrainer(o).train(diag(1, 1, 1), diag(3, 2, 1));
        assertThat(r.constraintResidual()).isLessThanOrEqualTo(RESIDUAL_TOL);
        assertThat(Math.abs(r.bestObjective() - 7.0012) / 7.0012).isLessThanOrEqualTo(VALUE_RTOL);
    }

    @Test
    void identityDepthThreeHasAGap() {
        LinearTrainingResult r = new LinearNetworkTrainer(Options.defaults(2, 2).withRestarts(2))
                .train(diag(1, 1), diag(1, 1));
        double dual = 1.5 * Math.pow(2, 2.0 / 3);
        assertThat(r.constraintResidual()).isLessThanOrEqualTo(RESIDUAL_TOL);
        assertThat(Math.abs(r.bestObjective() - 3.0) / 3.0).isLessThanOrEqualTo(VALUE_RTOL);
        assertThat(r.bestObjective()).isGreaterThan(dual + 0.5);
    }

    @Test
    void twoLayerWeightDecaySoftThresholdsSingularValues() {
        // 003 §2.2.1 with X^T X = I: W = SVT_beta(X^T Y), so sigma_i(W_1) = sqrt((sigma_i(X^T Y) - beta)_+).
        Random rng = new Random(7);
        Svd q = Linalg.get().svd(Matrices.gaussian(8, 4, 1.0, rng));
        DMatrixRMaj x = q.u();
        DMatrixRMaj y = Matrices.gaussian(8, 3, 1.0, rng);
        double[] s = Linalg.get().singularValues(Linalg.get().multTransA(x, y));
        double beta = 0.5 * (s[1] + s[2]);
        Options o = Options.defaults(6).withRestarts(2).withObjective(Objective.WEIGHT_DECAY, beta)
                .withLearningRate(1e-2, 1e-3).withIterations(4000);
        LinearTrainingResult r = new LinearNetworkTrainer(o).train(x, y);
        double[] s1 = r.firstLayerSingularValues();
        for (int i = 0; i < 3; i++) {
            double expected = Math.sqrt(Math.max(0, s[i] - beta));
            assertThat(s1[i]).as("sigma_%d", i + 1).isCloseTo(expected,
                    org.assertj.core.api.Assertions.within(SINGULAR_VALUE_TOL));
        }
        assertThat(r.layer(0, 1).rank()).isEqualTo(2);
        assertThat(r.layer(0, 2).rank()).isEqualTo(2);
    }

    @Test
    void resultDoesNotDependOnThreadCount() {
        Random rng = new Random(3);
        DMatrixRMaj x = Matrices.gaussian(6, 4, 1.0, rng);
        DMatrixRMaj y = Matrices.gaussian(6, 2, 1.0, rng);
        Options o = Options.defaults(3, 1).withArchitecture(Architecture.PARALLEL, 3)
                .withObjective(Objective.LTH_POWER, 0.1).withIterations(300).withRestarts(3).withSeed(42);
        LinearTrainingResult one = new LinearNetworkTrainer(o.withThreads(1)).train(x, y);
        LinearTrainingResult three = new LinearNetworkTrainer(o.withThreads(3)).train(x, y);
        assertThat(three.restartObjectives()).containsExactly(one.restartObjectives());
        assertThat(three.history()).containsExactly(one.history());
        assertThat(three.bestObjective()).isEqualTo(one.bestObjective());
        for (int j = 0; j < 3; j++) {
            for (int l = 1; l <= 3; l++) {
                assertThat(three.branches().get(j).layer(l).data).containsExactly(one.branches().get(j).layer(l).data);
            }
        }
    }

    @Test
    void divergenceIsAStatus() {
        Options o = Options.defaults(3, 3).withOptimizer(LinearNetworkTrainer.Optimizer.GD)
                .withObjective(Objective.WEIGHT_DECAY, 0.1).withLearningRate(10, 1).withIterations(200).withRestarts(2);
        LinearTrainingResult r = new LinearNetworkTrainer(o).train(diag(1, 1, 1), diag(3, 2, 1));
        assertThat(r.allDiverged()).isTrue();
        assertThat(r.bestObjective()).isEqualTo(Double.POSITIVE_INFINITY);
    }

    static Stream<Arguments> invalid() {
        Options ok = Options.defaults(3, 3);
        return Stream.of(
                Arguments.of("optimizer", (Supplier<Options>) () -> ok.withOptimizer(null)),
                Arguments.of("learningRate", (Supplier<Options>) () -> ok.withLearningRate(0, 1)),
                Arguments.of("learningRateDecay", (Supplier<Options>) () -> ok.withLearningRate(1e-2, 2)),
                Arguments.of("iterations", (Supplier<Options>) () -> ok.withIterations(0)),
                Arguments.of("restarts", (Supplier<Options>) () -> ok.withRestarts(0)),
                Arguments.of("threads", (Supplier<Options>) () -> ok.withThreads(0)),
                Arguments.of("initScale", (Supplier<Options>) () -> ok.withInitScale(Double.NaN)),
                Arguments.of("architecture", (Supplier<Options>) () -> ok.withArchitecture(null, 1)),
                Arguments.of("branches", (Supplier<Options>) () -> ok.withArchitecture(Architecture.STANDARD, 2)),
                Arguments.of("objective", (Supplier<Options>) () -> ok.withObjective(null, 0)),
                Arguments.of("beta", (Supplier<Options>) () -> ok.withObjective(Objective.WEIGHT_DECAY, 0)),
                Arguments.of("hiddenWidths", (Supplier<Options>) () -> ok.withHiddenWidths()),
                Arguments.of("hiddenWidths[1]", (Supplier<Options>) () -> ok.withHiddenWidths(3, 0)),
                Arguments.of("hiddenWidths[1]",
                        (Supplier<Options>) () -> ok.withArchitecture(Architecture.PARALLEL, 3)),
                Arguments.of("penalty", (Supplier<Options>) () -> ok.withPenalty(-1, 2, 100, 100)),
                Arguments.of("penaltyGrowth", (Supplier<Options>) () -> ok.withPenalty(1, 0.5, 100, 100)),
                Arguments.of("penaltyMax", (Supplier<Options>) () -> ok.withPenalty(10, 2, 1, 100)),
                Arguments.of("innerIterations", (Supplier<Options>) () -> ok.withPenalty(1, 2, 100, 0)),
                Arguments.of("feasibilityTolerance", (Supplier<Options>) () -> ok.withFeasibilityTolerance(0)),
                Arguments.of("rankTolerance", (Supplier<Options>) () -> ok.withRankTolerance(-1)),
                Arguments.of("historyEvery", (Supplier<Options>) () -> ok.withHistoryEvery(0)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalid")
    void validationNamesTheField(String field, Supplier<Options> make) {
        assertThatThrownBy(make::get).isInstanceOf(InvalidInputException.class)
                .hasMessageStartingWith("invalid " + field + " =")
                .satisfies(e -> assertThat(((InvalidInputException) e).parameter()).isEqualTo(field));
    }
}
