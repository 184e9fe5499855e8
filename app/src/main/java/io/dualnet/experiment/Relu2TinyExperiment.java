package io.dualnet.experiment;

import io.dualnet.convex.ActivationPatterns;
import io.dualnet.convex.ArrangementEnumerator;
import io.dualnet.convex.ConvexReluWeights;
import io.dualnet.convex.ReluConvexProblem;
import io.dualnet.convex.ReluNetworkMapping;
import io.dualnet.duality.ReluCertificate;
import io.dualnet.loss.Loss;
import io.dualnet.net.TwoLayerReluNetwork;
import io.dualnet.net.TwoLayerReluProblem;
import io.dualnet.solve.ConeReluSolver;
import io.dualnet.solve.Solution;
import io.dualnet.train.ReluAdamTrainer;
import io.dualnet.train.TrainingResult;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Tiny two-layer ReLU instances where every activation pattern is enumerated: the certified convex optimum (cone
 * program over all arrangement cells, paper 002 Appendix A) against the best of many seeded Adam restarts on the
 * non-convex objective. The certificate is recomputed here from the returned weights and dual point, and the mapped
 * network's predictions are compared with the convex model's.
 *
 * <p>Grid {@code relu2-tiny}: {@link #grid(List)}, one cell per instance, each computed by {@link #run(Cell)}.
 */
public final class Relu2TinyExperiment {

    private Relu2TinyExperiment() {
    }

    /** The grid of {@code cells}. */
    public static Grid<Cell, Result> grid(List<Cell> cells) {
        return Grid.of("relu2-tiny", cells, Relu2TinyExperiment::run, Result.class);
    }

    /**
     * One instance: a planted-teacher data set with a bias, solved exactly and by Adam.
     *
     * @param seed data and training seed
     * @param loss loss name
     * @param samples {@code n}
     * @param dimension {@code d} (a bias column is appended)
     * @param beta weight decay
     * @param restarts Adam restarts
     * @param iterations Adam iterations per restart
     * @param neurons Adam's hidden width
     */
    public record Cell(long seed, String loss, int samples, int dimension, double beta, int restarts, int iterations,
                       int neurons) implements GridCell {
        private static final long serialVersionUID = 1L;

        /** Stable, filename-safe key. */
        public String key() {
            return String.format(Locale.ROOT, "tiny-%s-n%d-d%d-b%s-s%d-r%d-i%d-m%d", loss, samples, dimension,
                    Double.toString(beta).replace('.', 'p'), seed, restarts, iterations, neurons);
        }
    }

    /**
     * The outcome of one instance.
     *
     * @param cell the cell
     * @param primal convex objective of the returned weights (recomputed)
     * @param dual dual value of the returned dual point (recomputed)
     * @param relativeGap {@code (primal - dual) / max(|primal|, |dual|)}
     * @param patterns number of arrangement cells (all enumerated)
     * @param neurons neurons of the mapped network
     * @param networkObjective non-convex objective of the mapped network
     * @param predictionError largest |mapped network prediction - convex model prediction|
     * @param adamBest best Adam restart's objective
     * @param adamMedian median restart objective
     * @param adamWorst worst restart objective
     * @param adamHits restarts within {@link #HIT_RTOL} of the certified optimum
     * @param convexSeconds time of the certified route
     * @param adamSeconds time of all Adam restarts
     */
    public record Result(Cell cell, double primal, double dual, double relativeGap, int patterns, int neurons,
                         double networkObjective, double predictionError, double adamBest, double adamMedian,
                         double adamWorst, int adamHits, double convexSeconds, double adamSeconds) {
    }

    /** A restart "finds" the optimum when within this relative excess. */
    public static final double HIT_RTOL = 1e-4;

    /** Computes one cell (a pure function of the cell). */
    public static Result run(Cell cell) {
        Loss loss = Loss.named(cell.loss());
        Relu2Data d = Relu2Data.of(false, cell.samples(), cell.dimension(), loss.classification(), cell.seed());
        TwoLayerReluProblem problem = d.problem(loss, cell.beta(), true);
        long t0 = System.nanoTime();
        ActivationPatterns all = ArrangementEnumerator.enumerate(problem.featuresView(),
                ArrangementEnumerator.DEFAULT_LIMIT);
        ReluConvexProblem convex = new ReluConvexProblem(problem, all, false);
        Solution<ConvexReluWeights, double[]> s = new ConeReluSolver(ConeReluSolver.Options.defaults()
                .withRelativeTolerance(1e-10)).solve(convex);
        double convexSeconds = (System.nanoTime() - t0) / 1e9;
        ReluCertificate check = ReluCertificate.evaluate(convex, s.primalPoint(), s.dualPoint(), null,
                ReluCertificate.Options.defaults());
        TwoLayerReluNetwork network = ReluNetworkMapping.toNetwork(convex, s.primalPoint());
        double[] viaNetwork = network.predict(d.train().x());
        double[] viaConvex = convex.predict(s.primalPoint());
        double err = 0;
        for (int k = 0; k < viaNetwork.length; k++) {
            err = Math.max(err, Math.abs(viaNetwork[k] - viaConvex[k]));
        }
        long t1 = System.nanoTime();
        TrainingResult<TwoLayerReluNetwork, ReluAdamTrainer.Options> adam =
                new ReluAdamTrainer(ReluAdamTrainer.Options.defaults(cell.neurons())
                .withRestarts(cell.restarts()).withIterations(cell.iterations()).withLearningRate(0.01)
                .withSeed(cell.seed()).withTraceEvery(cell.iterations())).train(problem);
        double adamSeconds = (System.nanoTime() - t1) / 1e9;
        double[] objectives = adam.restartObjectives().clone();
        Arrays.sort(objectives);
        double primal = check.certificate().primal();
        int hits = 0;
        for (double o : objectives) {
            if (o <= primal + HIT_RTOL * Math.abs(primal)) {
                hits++;
            }
        }
        return new Result(cell, primal, check.certificate().dual(), check.certificate().relativeGap(), all.count(),
                network.neurons(), problem.objective(network), err, objectives[0],
                objectives[objectives.length / 2], objectives[objectives.length - 1], hits, convexSeconds,
                adamSeconds);
    }
}
