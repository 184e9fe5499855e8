package io.dualnet.train;

import io.dualnet.data.InvalidInputException;
import io.dualnet.linalg.Linalg;
import io.dualnet.linalg.Matrices;
import io.dualnet.loss.Loss;
import io.dualnet.loss.Losses;
import io.dualnet.net.TwoLayerReluNetwork;
import io.dualnet.net.TwoLayerReluProblem;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.List;
import java.util.Random;
import java.util.concurrent.ConcurrentLinkedQueue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ReluAdamTrainerTest {
    /** Relative gap allowed between the trained and the known optimal objective. */
    private static final double OPTIMUM_RTOL = 1e-9;
    private static final double OPTIMUM_ATOL = 1e-12;
    /** Allowed increase between consecutive trace points of small-step full-batch gradient descent. */
    private static final double MONOTONE_ATOL = 1e-12;

    private static boolean close(double a, double b, double atol, double rtol) {
        return Math.abs(a - b) <= atol + rtol * Math.abs(b);
    }

    /** A random problem: Gaussian inputs, targets valid for {@code loss}. */
    private static TwoLayerReluProblem randomProblem(int n, int d, Loss loss, double beta, boolean bias, long seed) {
        Random rng = new Random(seed);
        DMatrixRMaj x = Matrices.gaussian(n, d, 1.0, rng);
        double[] y = new double[n];
        for (int k = 0; k < n; k++) {
            y[k] = loss.classification() ? (x.get(k, 0) * x.get(k, 1) > 0 ? 1 : -1) : Math.abs(x.get(k, 0)) - 0.5;
        }
        return new TwoLayerReluProblem(x, y, loss, beta, bias);
    }

    /**
     * Squared loss, {@code X} with orthonormal rows, {@code y >= 0}: since {@code ||(Xu)_+|| <= ||u||} and
     * {@code (beta/2)(||u||^2 + a^2) >= beta ||u|| |a|}, the objective is at least
     * {@code min_p 1/2||p - y||^2 + beta ||p|| = beta ||y|| - beta^2/2} (for {@code ||y|| > beta}), attained by the
     * single neuron {@code u = s X^T y/||y||}, {@code alpha = s}, {@code s^2 = ||y|| - beta}.
     */
    @Test
    void reachesTheKnownOptimumOfARealizableInstance() {
        Random rng = new Random(1);
        int n = 5;
        int d = 8;
        DMatrixRMaj q = Linalg.get().svd(Matrices.gaussian(d, n, 1.0, rng)).u();
        DMatrixRMaj x = new DMatrixRMaj(n, d);
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < d; j++) {
                x.set(i, j, q.get(j, i));
            }
        }
        double[] y = new double[n];
        double norm = 0;
        for (int k = 0; k < n; k++) {
            y[k] = 0.5 + rng.nextDouble();
            norm += y[k] * y[k];
        }
        norm = Math.sqrt(norm);
        double beta = 0.1;
        double optimum = beta * norm - beta * beta / 2;
        TwoLayerReluProblem problem = new TwoLayerReluProblem(x, y, Losses.SQUARED, beta, false);
        ReluAdamTrainer.Options options = ReluAdamTrainer.Options.defaults(4).withLearningRate(1e-2)
                .withIterations(2000).withRestarts(4).withThreads(2);
        TrainingResult<TwoLayerReluNetwork, ReluAdamTrainer.Options> r = new ReluAdamTrainer(options).train(problem);
        assertThat(r.divergedCount()).isZero();
        assertThat(close(r.objective(), optimum, OPTIMUM_ATOL, OPTIMUM_RTOL))
                .as("objective %s, optimum %s", r.objective(), optimum).isTrue();
        assertThat(r.objective()).isGreaterThanOrEqualTo(optimum - OPTIMUM_ATOL);
        for (double v : r.restartObjectives()) {
            assertThat(v).isGreaterThanOrEqualTo(optimum - OPTIMUM_ATOL);
        }
    }

    @ParameterizedTest(name = "{0} bias={1}")
    @CsvSource({"squared, false", "logistic, true", "hinge, true"})
    void smallStepGradientDescentDecreasesTheObjective(String loss, boolean bias) {
        TwoLayerReluProblem problem = randomProblem(30, 4, Loss.named(loss), 0.05, bias, 21);
        ReluAdamTrainer.Options options = ReluAdamTrainer.Options.defaults(6)
                .withOptimizer(ReluAdamTrainer.Optimizer.SGD).withLearningRate(2e-3).withIterations(300)
                .withTraceEvery(5);
        TrainingResult<TwoLayerReluNetwork, ReluAdamTrainer.Options> r = new ReluAdamTrainer(options).train(problem);
        List<TrainingResult.TracePoint> trace = r.bestTrace();
        assertThat(trace).hasSize(300 / 5 + 1);
        for (int i = 1; i < trace.size(); i++) {
            assertThat(trace.get(i).iteration()).isEqualTo(5 * i);
            assertThat(trace.get(i).objective()).isLessThanOrEqualTo(trace.get(i - 1).objective() + MONOTONE_ATOL);
            assertThat(trace.get(i).seconds()).isGreaterThanOrEqualTo(trace.get(i - 1).seconds());
        }
        assertThat(trace.get(trace.size() - 1).objective()).isLessThan(0.9 * trace.get(0).objective());
        assertThat(r.objective()).isEqualTo(problem.objective(r.best()));
        assertThat(close(r.objective(), trace.get(trace.size() - 1).objective(), 1e-12, 1e-9)).isTrue();
    }

    @Test
    void adamAndMiniBatchesDecreaseTheObjective() {
        TwoLayerReluProblem problem = randomProblem(64, 5, Losses.LOGISTIC, 0.01, true, 8);
        ReluAdamTrainer.Options options = ReluAdamTrainer.Options.defaults(8).withLearningRate(1e-2)
                .withIterations(400).withBatchSize(16).withTraceEvery(50);
        TrainingResult<TwoLayerReluNetwork, ReluAdamTrainer.Options> r = new ReluAdamTrainer(options).train(problem);
        List<TrainingResult.TracePoint> trace = r.bestTrace();
        assertThat(trace).extracting(TrainingResult.TracePoint::iteration)
                .containsExactly(0, 50, 100, 150, 200, 250, 300, 350, 400);
        assertThat(r.objective()).isLessThan(0.5 * trace.get(0).objective());
        assertThat(r.restartIterations()).containsExactly(400);
    }

    @ParameterizedTest(name = "batch={0} neurons={1}")
    @CsvSource({"0, 5", "7, 5", "0, 24"})
    void resultDoesNotDependOnTheThreadCount(int batch, int neurons) {
        TwoLayerReluProblem problem = randomProblem(40, 20, Losses.HINGE, 0.1, true, 33);
        ReluAdamTrainer.Options options = ReluAdamTrainer.Options.defaults(neurons).withLearningRate(1e-2)
                .withIterations(60).withBatchSize(batch).withRestarts(5).withSeed(77).withTraceEvery(7);
        TrainingResult<TwoLayerReluNetwork, ReluAdamTrainer.Options> one =
                new ReluAdamTrainer(options.withThreads(1)).train(problem);
        TrainingResult<TwoLayerReluNetwork, ReluAdamTrainer.Options> three =
                new ReluAdamTrainer(options.withThreads(3)).train(problem);
        assertThat(three.restartObjectives()).containsExactly(one.restartObjectives());
        assertThat(three.bestRestart()).isEqualTo(one.bestRestart());
        assertThat(three.objective()).isEqualTo(one.objective());
        assertThat(three.best().firstLayer().data).containsExactly(one.best().firstLayer().data);
        assertThat(three.best().secondLayer()).containsExactly(one.best().secondLayer());
        for (int r = 0; r < options.restarts(); r++) {
            assertThat(three.traces().get(r)).extracting(TrainingResult.TracePoint::objective)
                    .containsExactlyElementsOf(one.traces().get(r).stream()
                            .map(TrainingResult.TracePoint::objective).toList());
        }
        TrainingResult<TwoLayerReluNetwork, ReluAdamTrainer.Options> otherSeed =
                new ReluAdamTrainer(options.withSeed(78)).train(problem);
        assertThat(otherSeed.restartObjectives()).isNotEqualTo(one.restartObjectives());
    }

    @Test
    void restartsStartFromTheirSeededInitialNetworks() {
        TwoLayerReluProblem problem = randomProblem(10, 3, Losses.SQUARED, 0.1, true, 4);
        ReluAdamTrainer trainer = new ReluAdamTrainer(ReluAdamTrainer.Options.defaults(3).withRestarts(3)
                .withIterations(5));
        TrainingResult<TwoLayerReluNetwork, ReluAdamTrainer.Options> r = trainer.train(problem);
        for (int i = 0; i < 3; i++) {
            assertThat(r.traces().get(i).get(0).objective())
                    .isCloseTo(problem.objective(trainer.initialNetwork(problem, i)),
                            org.assertj.core.api.Assertions.within(1e-12));
        }
        assertThat(trainer.initialNetwork(problem, 0).firstLayer().numRows).isEqualTo(4);
    }

    @Test
    void warmStartContinuesFromTheGivenNetwork() {
        TwoLayerReluProblem problem = randomProblem(20, 3, Losses.SQUARED, 0.1, false, 5);
        ReluAdamTrainer.Options options = ReluAdamTrainer.Options.defaults(4).withLearningRate(1e-2)
                .withIterations(200);
        ReluAdamTrainer trainer = new ReluAdamTrainer(options);
        TrainingResult<TwoLayerReluNetwork, ReluAdamTrainer.Options> first = trainer.train(problem);
        ConcurrentLinkedQueue<TrainingResult.TracePoint> seen = new ConcurrentLinkedQueue<>();
        TrainingResult<TwoLayerReluNetwork, ReluAdamTrainer.Options> second =
                trainer.train(problem, first.best(), (restart, p) -> seen.add(p));
        double start = second.bestTrace().get(0).objective();
        assertThat(close(start, first.objective(), 1e-12, 1e-12)).as("%s vs %s", start, first.objective()).isTrue();
        assertThat(second.objective()).isLessThanOrEqualTo(first.objective());
        assertThat(seen).containsExactlyElementsOf(second.bestTrace());

        TwoLayerReluNetwork wrongWidth = new TwoLayerReluNetwork(new DMatrixRMaj(3, 2), new double[2], false);
        assertThatThrownBy(() -> trainer.train(problem, wrongWidth, null))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage("invalid warmStart = a 3x2 first-layer matrix: expected 3x4 (features x neurons)");
        TwoLayerReluNetwork withBias = new TwoLayerReluNetwork(new DMatrixRMaj(4, 4), new double[4], true);
        assertThatThrownBy(() -> trainer.train(problem, withBias, null))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("without bias, as the problem");
        TwoLayerReluNetwork gated = new TwoLayerReluNetwork(new DMatrixRMaj(3, 4), new double[4], false,
                new DMatrixRMaj(3, 4));
        assertThatThrownBy(() -> trainer.train(problem, gated, null))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("gated");
    }

    @Test
    void divergenceIsReportedNotThrown() {
        TwoLayerReluProblem problem = randomProblem(20, 3, Losses.SQUARED, 0.1, false, 6);
        ReluAdamTrainer.Options options = ReluAdamTrainer.Options.defaults(4)
                .withOptimizer(ReluAdamTrainer.Optimizer.SGD).withLearningRate(1e3).withIterations(200)
                .withRestarts(2).withInitScale(3);
        TrainingResult<TwoLayerReluNetwork, ReluAdamTrainer.Options> r = new ReluAdamTrainer(options).train(problem);
        assertThat(r.diverged()).containsExactly(true, true);
        assertThat(r.allDiverged()).isTrue();
        assertThat(r.bestRestart()).isEqualTo(-1);
        assertThat(r.objective()).isEqualTo(Double.POSITIVE_INFINITY);
        assertThat(r.restartObjectives()).containsOnly(Double.POSITIVE_INFINITY);
        assertThat(r.restartIterations()[0]).isLessThan(200);
        assertThat(r.best().firstLayer().data)
                .containsExactly(new ReluAdamTrainer(options).initialNetwork(problem, 0).firstLayer().data);
    }

    @Test
    void timeBudgetStopsEachRestart() {
        TwoLayerReluProblem problem = randomProblem(200, 10, Losses.SQUARED, 0.1, true, 7);
        double budget = 0.05;
        ReluAdamTrainer.Options options = ReluAdamTrainer.Options.defaults(20).withIterations(Integer.MAX_VALUE)
                .withTimeBudgetSeconds(budget).withTraceEvery(1000);
        TrainingResult<TwoLayerReluNetwork, ReluAdamTrainer.Options> r = new ReluAdamTrainer(options).train(problem);
        assertThat(r.restartIterations()[0]).isPositive().isLessThan(Integer.MAX_VALUE);
        List<TrainingResult.TracePoint> trace = r.bestTrace();
        TrainingResult.TracePoint last = trace.get(trace.size() - 1);
        assertThat(last.iteration()).isEqualTo(r.restartIterations()[0]);
        assertThat(last.seconds()).isGreaterThanOrEqualTo(budget);
    }

    @Test
    void optionsAreValidated() {
        ReluAdamTrainer.Options ok = ReluAdamTrainer.Options.defaults(3);
        assertThat(ok.batchSize()).isZero();
        assertThat(ok.timeBudgetSeconds()).isZero();
        assertThatThrownBy(() -> ok.withNeurons(0)).isInstanceOf(InvalidInputException.class)
                .hasMessage("invalid neurons = 0: expected an integer >= 1");
        assertThatThrownBy(() -> ok.withLearningRate(Double.NaN)).isInstanceOf(InvalidInputException.class)
                .hasMessage("invalid learningRate = NaN: expected a finite number > 0");
        assertThatThrownBy(() -> ok.withBatchSize(-1)).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("batchSize");
        assertThatThrownBy(() -> ok.withTimeBudgetSeconds(-1)).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("timeBudgetSeconds");
        assertThatThrownBy(() -> ok.withOptimizer(null)).isInstanceOf(InvalidInputException.class)
                .hasMessage("invalid optimizer = null: expected one of [ADAM, SGD]");
        assertThatThrownBy(() -> ok.withTraceEvery(0)).isInstanceOf(InvalidInputException.class);
        assertThatThrownBy(() -> ok.withRestarts(0)).isInstanceOf(InvalidInputException.class);
        assertThatThrownBy(() -> ok.withThreads(0)).isInstanceOf(InvalidInputException.class);
        assertThatThrownBy(() -> ok.withIterations(0)).isInstanceOf(InvalidInputException.class);
        assertThatThrownBy(() -> ok.withInitScale(0)).isInstanceOf(InvalidInputException.class);
    }
}
