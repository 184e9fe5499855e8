package io.dualnet.train;

import io.dualnet.linalg.Matrices;
import io.dualnet.loss.Losses;
import io.dualnet.net.DeepLinearProblem;
import io.dualnet.net.DeepLinearWeights;
import io.dualnet.net.TwoLayerReluNetwork;
import io.dualnet.net.TwoLayerReluProblem;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The one result type of the restarted trainers (deep linear and two-layer ReLU). */
class TrainingResultTest {

    private static TrainingResult.TracePoint point(int iteration, double objective, double best) {
        return new TrainingResult.TracePoint(0.001 * iteration, iteration, objective, best);
    }

    /**
     * Restart 0 runs 30 updates (points every 10), restart 1 stops early after 12 updates with final objective 2.5,
     * restart 2 diverges after reaching 0.1 (it counts nowhere).
     */
    private static TrainingResult<String, String> threeRestarts() {
        List<List<TrainingResult.TracePoint>> traces = List.of(
                List.of(point(0, 9, 9), point(10, 6, 6), point(20, 7, 6), point(30, 4, 4)),
                List.of(point(0, 8, 8), point(10, 3, 3)),
                List.of(point(0, 5, 5), point(10, 0.1, 0.1)));
        return TrainingResult.withoutTarget("weights", 2.5, 1, new double[] {4, 2.5, Double.POSITIVE_INFINITY},
                new int[] {30, 12, 15}, new boolean[] {false, false, true}, traces, 1.0, "options");
    }

    @Test
    void bestAtTakesEachLiveRestartsRunningBestAndTheFinalValueOnceStopped() {
        TrainingResult<String, String> r = threeRestarts();
        assertThat(r.bestAt(0)).isEqualTo(8);
        assertThat(r.bestAt(9)).isEqualTo(8);
        assertThat(r.bestAt(10)).isEqualTo(3);
        assertThat(r.bestAt(12)).isEqualTo(2.5);       // restart 1 has stopped: its final objective
        assertThat(r.bestAt(1000)).isEqualTo(2.5);
        assertThat(r.bestSoFar(10, 4)).containsExactly(8, 3, 2.5, 2.5);
    }

    @Test
    void withoutTargetSaysNotReachedEverywhereAndCountsRestarts() {
        TrainingResult<String, String> r = threeRestarts();
        assertThat(r.targetReached()).isFalse();
        assertThat(r.targetIteration()).isEqualTo(-1);
        assertThat(r.targetSeconds()).isNaN();
        assertThat(r.restartTargetIterations()).containsOnly(-1);
        assertThat(r.restartTargetSeconds()).containsOnly(Double.NaN);
        assertThat(r.restarts()).isEqualTo(3);
        assertThat(r.divergedCount()).isEqualTo(1);
        assertThat(r.allDiverged()).isFalse();
        assertThat(r.totalIterations()).isEqualTo(57);
        assertThat(r.bestTrace()).hasSize(2);
    }

    @Test
    void arraysAndListsAreCopiedInAndOut() {
        double[] objectives = {1, 2};
        List<TrainingResult.TracePoint> trace = new ArrayList<>(List.of(point(0, 1, 1)));
        TrainingResult<String, String> r = TrainingResult.withoutTarget("w", 1, 0, objectives, new int[] {1, 1},
                new boolean[] {false, false}, List.of(trace, List.of()), 0, "o");
        objectives[0] = 7;
        trace.add(point(1, 0, 0));
        r.restartObjectives()[0] = 9;
        assertThat(r.restartObjectives()).containsExactly(1, 2);
        assertThat(r.traces().get(0)).hasSize(1);
        assertThatThrownBy(() -> r.traces().get(0).add(point(2, 0, 0)))
                .isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void perRestartArraysOfDifferentLengthsAreRejected() {
        assertThatThrownBy(() -> TrainingResult.withoutTarget("w", 1, 0, new double[] {1, 2}, new int[] {1},
                new boolean[] {false, false}, List.of(List.of(), List.of()), 0, "o"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    /** Both trainers return the one type, with a trace whose running best never increases and ends at the result. */
    @Test
    void bothTrainersFillTheSameShape() {
        Random rng = new Random(3);
        DMatrixRMaj x = Matrices.gaussian(20, 3, 1.0, rng);
        double[] y = new double[20];
        for (int k = 0; k < y.length; k++) {
            y[k] = Math.abs(x.get(k, 0)) - 0.3;
        }
        TrainingResult<TwoLayerReluNetwork, ReluAdamTrainer.Options> relu = new ReluAdamTrainer(
                ReluAdamTrainer.Options.defaults(4).withRestarts(2).withIterations(200).withTraceEvery(10)
                        .withSeed(5)).train(new TwoLayerReluProblem(x, y, Losses.SQUARED, 0.1, true));
        DeepLinearProblem linear = new DeepLinearProblem(Matrices.gaussian(20, 3, 1.0, rng),
                Matrices.gaussian(20, 2, 1.0, rng), new int[] {4}, 0.1);
        TrainingResult<DeepLinearWeights, DeepLinearTrainer.Options> deep = new DeepLinearTrainer(
                DeepLinearTrainer.Options.defaults().withRestarts(2).withMaxIterations(200)).train(linear);
        for (TrainingResult<?, ?> r : List.of(relu, deep)) {
            assertThat(r.restarts()).isEqualTo(2);
            for (int k = 0; k < r.restarts(); k++) {
                List<TrainingResult.TracePoint> t = r.traces().get(k);
                assertThat(t).isNotEmpty();
                for (int i = 1; i < t.size(); i++) {
                    assertThat(t.get(i).best()).isLessThanOrEqualTo(t.get(i - 1).best());
                    assertThat(t.get(i).best()).isLessThanOrEqualTo(t.get(i).objective());
                    assertThat(t.get(i).iteration()).isGreaterThan(t.get(i - 1).iteration());
                }
                assertThat(t.get(t.size() - 1).best()).isGreaterThanOrEqualTo(r.restartObjectives()[k]);
            }
            assertThat(r.bestAt(Long.MAX_VALUE)).isEqualTo(r.restartObjectives()[r.bestRestart()]);
        }
    }
}
