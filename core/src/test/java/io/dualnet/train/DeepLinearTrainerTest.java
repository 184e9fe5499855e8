package io.dualnet.train;

import io.dualnet.data.InvalidInputException;
import io.dualnet.linalg.Linalg;
import io.dualnet.linalg.Matrices;
import io.dualnet.net.DeepLinearProblem;
import io.dualnet.net.DeepLinearWeights;
import io.dualnet.train.DeepLinearTrainer.Optimizer;
import io.dualnet.train.DeepLinearTrainer.Options;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.Arrays;
import java.util.List;
import java.util.OptionalDouble;
import java.util.Random;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class DeepLinearTrainerTest {

    /** How far (relative) below the closed-form optimum rounding may put a trained objective. */
    private static final double BELOW_OPTIMUM_TOLERANCE = 1e-12;
    /** How close (relative) to the optimum Adam must get on the small identity-input problems. */
    private static final double OPTIMUM_GAP = 1e-4;
    private static final double GAMMA = 0.1;

    /** X = I (8x8), Y seeded Gaussian 8x8, all hidden widths 3. */
    private static DeepLinearProblem identityProblem(int depth) {
        DMatrixRMaj x = new DMatrixRMaj(8, 8);
        for (int i = 0; i < 8; i++) {
            x.set(i, i, 1);
        }
        DMatrixRMaj y = Matrices.gaussian(8, 8, 1.0, new Random(42));
        int[] hidden = new int[depth - 1];
        Arrays.fill(hidden, 3);
        return new DeepLinearProblem(x, y, hidden, GAMMA);
    }

    /** P* = 1/2 ||Y||^2 - 1/2 sum_{i <= d_min} ((sigma_i(Y) - gamma)_+)^2, the global optimum when X = I. */
    private static double identityOptimum(DeepLinearProblem p) {
        DMatrixRMaj y = p.y();
        double[] s = Linalg.get().singularValues(y);
        double value = 0.5 * Matrices.frobeniusSquared(y);
        for (int i = 0; i < Math.min(p.dMin(), s.length); i++) {
            double t = Math.max(s[i] - p.gamma(), 0);
            value -= 0.5 * t * t;
        }
        return value;
    }

    private static DeepLinearProblem randomProblem() {
        Random rng = new Random(3);
        return new DeepLinearProblem(Matrices.gaussian(12, 6, 1.0, rng), Matrices.gaussian(12, 4, 1.0, rng),
                new int[] {3, 3}, 0.2);
    }

    private static Options fast() {
        return Options.defaults().withMaxIterations(300).withRestarts(2).withRelativeTolerance(0, 1)
                .withHistoryEvery(1);
    }

    @ParameterizedTest
    @ValueSource(strings = {"ADAM", "GD"})
    void objectiveDecreases(String optimizer) {
        DeepLinearProblem p = randomProblem();
        Options o = fast().withOptimizer(Optimizer.valueOf(optimizer))
                .withLearningRate(optimizer.equals("GD") ? 1e-3 : 1e-2).withRestarts(1);
        DeepLinearTrainer trainer = new DeepLinearTrainer(o);
        double initial = p.objective(trainer.initialWeights(p, 0));

        TrainingResult<DeepLinearWeights, Options> r = trainer.train(p);

        assertThat(r.diverged()).containsExactly(false);
        assertThat(history(r)[0]).isCloseTo(initial, within(1e-9 * initial));
        assertThat(r.objective()).isLessThan(0.8 * initial);
        assertThat(r.objective()).isEqualTo(p.objective(r.best()));
        assertThat(r.restartIterations()).containsExactly(300);
        assertThat(r.totalIterations()).isEqualTo(300);
        double[] h = history(r);
        assertThat(h).hasSize(301);
        for (int j = 1; j < h.length; j++) {
            assertThat(h[j]).isLessThanOrEqualTo(h[j - 1]);
        }
        assertThat(h[h.length - 1]).isLessThan(h[0]);
    }

    @ParameterizedTest(name = "H={0}")
    @ValueSource(ints = {2, 3})
    void neverBeatsAndReachesTheKnownOptimum(int depth) {
        DeepLinearProblem p = identityProblem(depth);
        double optimum = identityOptimum(p);
        Options o = Options.defaults().withLearningRate(1e-2).withMaxIterations(1500).withRestarts(2)
                .withRelativeTolerance(1e-13, 50);

        TrainingResult<DeepLinearWeights, Options> r = new DeepLinearTrainer(o).train(p);

        double floor = optimum * (1 - BELOW_OPTIMUM_TOLERANCE);
        assertThat(r.objective()).isGreaterThanOrEqualTo(floor);
        for (double v : r.restartObjectives()) {
            assertThat(v).isGreaterThanOrEqualTo(floor);
        }
        for (double v : history(r)) {
            assertThat(v).isGreaterThanOrEqualTo(floor);
        }
        assertThat((r.objective() - optimum) / optimum).isLessThanOrEqualTo(OPTIMUM_GAP);
        assertThat(r.objective()).isEqualTo(p.objective(r.best()));
        assertThat(r.restartObjectives()[r.bestRestart()])
                .isCloseTo(r.objective(), within(1e-9 * optimum));
    }

    @Test
    void resultDoesNotDependOnThreadCount() {
        DeepLinearProblem p = randomProblem();
        Options o = fast().withRestarts(3).withRelativeTolerance(1e-6, 20).withMaxIterations(200);

        TrainingResult<DeepLinearWeights, Options> one = new DeepLinearTrainer(o.withThreads(1)).train(p);
        TrainingResult<DeepLinearWeights, Options> two = new DeepLinearTrainer(o.withThreads(2)).train(p);

        assertThat(two.objective()).isEqualTo(one.objective());
        assertThat(two.bestRestart()).isEqualTo(one.bestRestart());
        assertThat(two.restartObjectives()).containsExactly(one.restartObjectives());
        assertThat(two.restartIterations()).containsExactly(one.restartIterations());
        assertThat(history(two)).containsExactly(history(one));
        for (int l = 1; l <= p.depth(); l++) {
            assertThat(two.best().layer(l).data).containsExactly(one.best().layer(l).data);
        }
        // Restarts really start from different points.
        assertThat(one.restartObjectives()[0]).isNotEqualTo(one.restartObjectives()[1]);
    }

    @Test
    void initialWeightsAreSeededPerRestart() {
        DeepLinearProblem p = randomProblem();
        DeepLinearTrainer a = new DeepLinearTrainer(fast().withRestarts(3));
        DeepLinearTrainer b = new DeepLinearTrainer(fast().withRestarts(5).withThreads(2));
        DeepLinearWeights w1 = a.initialWeights(p, 1);
        assertThat(b.initialWeights(p, 1).layer(1).data).containsExactly(w1.layer(1).data);
        assertThat(a.initialWeights(p, 0).layer(1).data).isNotEqualTo(w1.layer(1).data);
        assertThat(new DeepLinearTrainer(fast().withSeed(1)).initialWeights(p, 1).layer(1).data)
                .isNotEqualTo(w1.layer(1).data);
        assertThatThrownBy(() -> a.initialWeights(p, 3)).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("restart");
    }

    static Stream<Arguments> invalidOptions() {
        Options d = Options.defaults();
        return Stream.of(
                Arguments.of("optimizer", (Executable) () -> d.withOptimizer(null)),
                Arguments.of("learningRate", (Executable) () -> d.withLearningRate(0)),
                Arguments.of("learningRate", (Executable) () -> d.withLearningRate(Double.NaN)),
                Arguments.of("maxIterations", (Executable) () -> d.withMaxIterations(0)),
                Arguments.of("restarts", (Executable) () -> d.withRestarts(0)),
                Arguments.of("relativeTolerance", (Executable) () -> d.withRelativeTolerance(-1e-3, 10)),
                Arguments.of("window", (Executable) () -> d.withRelativeTolerance(1e-3, 0)),
                Arguments.of("initScale", (Executable) () -> d.withInitScale(0)),
                Arguments.of("threads", (Executable) () -> d.withThreads(0)),
                Arguments.of("target", (Executable) () -> d.withTarget(Double.POSITIVE_INFINITY, 1e-6)),
                Arguments.of("target", (Executable) () -> new Options(Optimizer.GD, 1, 1, 1, 0, 0, 1, 1, 1, null, 0,
                        1)),
                Arguments.of("targetRelativeTolerance", (Executable) () -> d.withTarget(1.0, -1)),
                Arguments.of("historyEvery", (Executable) () -> d.withHistoryEvery(0)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalidOptions")
    void invalidOptionsNameTheField(String field, Executable construct) {
        assertThatThrownBy(construct::execute).isInstanceOfSatisfying(InvalidInputException.class, e -> {
            assertThat(e.parameter()).isEqualTo(field);
            assertThat(e.getMessage()).contains(field);
        });
    }

    @Test
    void targetBookkeeping() {
        DeepLinearProblem p = identityProblem(2);
        double optimum = identityOptimum(p);
        double rtol = 1e-6;
        Options o = Options.defaults().withLearningRate(1e-2).withMaxIterations(1200).withRestarts(3)
                .withRelativeTolerance(0, 1).withHistoryEvery(1).withTarget(optimum, rtol).withThreads(2);

        TrainingResult<DeepLinearWeights, Options> r = new DeepLinearTrainer(o).train(p);

        assertThat(r.targetReached()).isTrue();
        int[] its = r.restartTargetIterations();
        double[] secs = r.restartTargetSeconds();
        int first = 0;
        while (its[first] < 0) {
            first++;
        }
        long spent = 0;
        for (int q = 0; q < first; q++) {
            spent += r.restartIterations()[q];
        }
        assertThat(r.targetIteration()).isEqualTo(spent + its[first]);
        double threshold = o.targetThreshold();
        assertThat(threshold).isCloseTo(optimum * (1 + rtol), within(1e-14 * optimum));
        for (int q = 0; q < its.length; q++) {
            if (its[q] >= 0) {
                assertThat(its[q]).isBetween(1, r.restartIterations()[q]);
                assertThat(secs[q]).isBetween(0.0, r.wallSeconds());
            } else {
                assertThat(secs[q]).isNaN();
            }
        }
        assertThat(r.targetSeconds()).isBetween(0.0, r.wallSeconds());

        // With one restart and history every update, the history crosses the threshold exactly at targetIteration.
        TrainingResult<DeepLinearWeights, Options> single =
                new DeepLinearTrainer(o.withRestarts(1).withThreads(1)).train(p);
        assertThat(single.targetReached()).isTrue();
        int t = (int) single.targetIteration();
        assertThat(history(single)[t]).isLessThanOrEqualTo(threshold);
        assertThat(history(single)[t - 1]).isGreaterThan(threshold);

        // An unreachable target (half the optimum) and no target at all.
        TrainingResult<DeepLinearWeights, Options> unreachable =
                new DeepLinearTrainer(o.withTarget(0.5 * optimum, rtol).withMaxIterations(50))
                .train(p);
        TrainingResult<DeepLinearWeights, Options> none =
                new DeepLinearTrainer(o.withoutTarget().withMaxIterations(50)).train(p);
        for (TrainingResult<?, ?> u : List.of(unreachable, none)) {
            assertThat(u.targetReached()).isFalse();
            assertThat(u.targetIteration()).isEqualTo(-1);
            assertThat(u.targetSeconds()).isNaN();
            assertThat(u.restartTargetIterations()).containsOnly(-1);
        }
        assertThat(none.options().target()).isEqualTo(OptionalDouble.empty());
    }

    @Test
    void divergenceIsReportedNotThrown() {
        DeepLinearProblem p = randomProblem();
        DeepLinearTrainer trainer = new DeepLinearTrainer(fast().withOptimizer(Optimizer.GD).withLearningRate(10)
                .withMaxIterations(2000));

        TrainingResult<DeepLinearWeights, Options> r = trainer.train(p);

        assertThat(r.diverged()).containsOnly(true);
        assertThat(r.allDiverged()).isTrue();
        assertThat(r.restartObjectives()).containsOnly(Double.POSITIVE_INFINITY);
        assertThat(Arrays.stream(r.restartIterations()).max().orElseThrow()).isLessThan(2000);
        assertThat(r.bestRestart()).isEqualTo(-1);
        assertThat(history(r)).containsOnly(Double.POSITIVE_INFINITY);
        DeepLinearWeights init = trainer.initialWeights(p, 0);
        assertThat(r.best().layer(1).data).containsExactly(init.layer(1).data);
        assertThat(r.objective()).isEqualTo(p.objective(init));
    }

    @Test
    void toleranceStopsEarly() {
        DeepLinearProblem p = identityProblem(2);
        TrainingResult<DeepLinearWeights, Options> r =
                new DeepLinearTrainer(Options.defaults().withLearningRate(1e-2).withMaxIterations(20000)
                .withRestarts(1).withRelativeTolerance(1e-8, 20).withHistoryEvery(100)).train(p);
        int its = r.restartIterations()[0];
        assertThat(its).isLessThan(20000).isGreaterThan(20);
        double[] h = history(r);
        assertThat(h).hasSize(201);
        assertThat(h[h.length - 1]).isEqualTo(r.restartObjectives()[0]);
        assertThat(h[its / 100 + 1]).isEqualTo(h[h.length - 1]);
    }

    /** The best-so-far curve at the history period of the options, over the whole iteration budget. */
    private static double[] history(TrainingResult<DeepLinearWeights, Options> r) {
        int every = r.options().historyEvery();
        return r.bestSoFar(every, r.options().maxIterations() / every + 1);
    }
}
