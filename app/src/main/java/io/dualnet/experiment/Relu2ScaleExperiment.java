package io.dualnet.experiment;

import io.dualnet.convex.ActivationPatterns;
import io.dualnet.convex.ConvexReluWeights;
import io.dualnet.convex.PatternSampler;
import io.dualnet.convex.ReluConvexProblem;
import io.dualnet.convex.ReluNetworkMapping;
import io.dualnet.loss.Losses;
import io.dualnet.net.TwoLayerReluNetwork;
import io.dualnet.net.TwoLayerReluProblem;
import io.dualnet.solve.ConeReluSolver;
import io.dualnet.solve.GatedReluSolver;
import io.dualnet.solve.ReluCuttingPlanes;
import io.dualnet.solve.Solution;
import io.dualnet.train.ReluAdamTrainer;
import io.dualnet.train.TrainingResult;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Two-layer ReLU problems beyond enumeration (squared loss): the cone program over {@code patterns} seeded random
 * patterns (paper 002 Appendix A), the same with cutting planes (randomized search over all patterns), the gated
 * relaxation with cutting planes, and Adam on the non-convex objective with as many neurons as patterns. Data: a
 * planted 10-dimensional teacher ({@code fashion = false}) or two Fashion-MNIST classes (T-shirt vs shirt, pixels
 * standardised, tested on the package's t10k images).
 *
 * <p>The gated dual point, when the search finds no violated constraint, is feasible for the ReLU network's dual too
 * (its constraint {@code ||X^T D lambda|| <= beta} over every pattern is stronger), so its value is a lower bound on
 * the non-convex objective, relative to the patterns searched.
 *
 * <p>Grid {@code relu2-scale}: {@link #grid(List)}, one cell per instance, each computed by {@link #run(Cell)}.
 */
public final class Relu2ScaleExperiment {

    private Relu2ScaleExperiment() {
    }

    /** The grid of {@code cells}. */
    public static Grid<Cell, Result> grid(List<Cell> cells) {
        return Grid.of("relu2-scale", cells, Relu2ScaleExperiment::run, Result.class);
    }

    /**
     * One instance.
     *
     * @param fashion Fashion-MNIST (else the planted teacher)
     * @param samples training samples
     * @param dimension input dimension of the planted teacher (ignored for Fashion-MNIST)
     * @param beta weight decay
     * @param patterns initial random patterns
     * @param coneIterations iteration budget of the cone solver
     * @param cuts cutting-plane rounds
     * @param adamIterations Adam iterations (one restart, full batch)
     * @param seed seed of the data, the patterns and Adam
     */
    public record Cell(boolean fashion, int samples, int dimension, double beta, int patterns, int coneIterations,
                       int cuts, int adamIterations, long seed) implements GridCell {
        private static final long serialVersionUID = 1L;

        /** Stable, filename-safe key. */
        public String key() {
            return String.format(Locale.ROOT, "%s-n%d-d%d-b%s-p%d-c%d-k%d-a%d-s%d", fashion ? "fashion" : "teacher",
                    samples, dimension, Double.toString(beta).replace('.', 'p'), patterns, coneIterations, cuts,
                    adamIterations, seed);
        }
    }

    /**
     * The outcome.
     *
     * @param cell the cell
     * @param conePrimal cone program over the random patterns: objective of the returned (ReLU) network
     * @param coneDual its dual bound (relative to those patterns)
     * @param coneStatus its status
     * @param coneSeconds its time
     * @param cutPrimal cone program after cutting planes: network objective
     * @param cutDual its dual bound
     * @param cutPatterns patterns after the cutting planes
     * @param cutSeconds its time
     * @param gatedPrimal gated relaxation with cutting planes: objective
     * @param gatedDual its dual bound (a lower bound on the ReLU objective when no violated pattern remains)
     * @param gatedPatterns its final patterns
     * @param gatedSeconds its time
     * @param gatedTrace {@code [seconds, primal, dual]} of gated FISTA solves with growing iteration budgets (the initial
     *                   patterns, no cuts), for objective-vs-time plots
     * @param interiorPointTrace {@code [seconds, primal, dual]} after every iteration of {@link GatedReluSolver}'s
     *                           default route on the initial patterns (the interior-point route where it applies;
     *                           empty when FISTA ran instead), for objective-vs-time plots
     * @param adamObjective Adam's best objective
     * @param adamTrace {@code [seconds, objective]} of Adam's trace
     * @param coneTestAccuracy test accuracy of the cutting-plane cone network (NaN without test data)
     * @param gatedTestAccuracy test accuracy of the gated network
     * @param adamTestAccuracy test accuracy of Adam's network
     */
    public record Result(Cell cell, double conePrimal, double coneDual, String coneStatus, double coneSeconds,
                         double cutPrimal, double cutDual, int cutPatterns, double cutSeconds, double gatedPrimal,
                         double gatedDual, int gatedPatterns, double gatedSeconds, double[][] gatedTrace,
                         double[][] interiorPointTrace, double adamObjective, double[][] adamTrace, double coneTestAccuracy,
                         double gatedTestAccuracy, double adamTestAccuracy) {
    }

    /** Computes one cell (a pure function of the cell). */
    public static Result run(Cell c) {
        Relu2Data data = Relu2Data.of(c.fashion(), c.samples(), c.dimension(), false, c.seed());
        TwoLayerReluProblem problem = data.problem(Losses.SQUARED, c.beta(), false);
        ActivationPatterns initial = PatternSampler.gaussian(problem.featuresView(), c.patterns(), c.seed());
        ConeReluSolver cone = new ConeReluSolver(ConeReluSolver.Options.defaults().withRelativeTolerance(1e-6)
                .withMaxIterations(c.coneIterations()));
        GatedReluSolver gated = new GatedReluSolver(GatedReluSolver.Options.defaults().withRelativeTolerance(1e-6));

        long t0 = System.nanoTime();
        ReluConvexProblem convex = new ReluConvexProblem(problem, initial, false);
        Solution<ConvexReluWeights, double[]> plain = cone.solve(convex);
        double coneSeconds = seconds(t0);
        double conePrimal = problem.objective(ReluNetworkMapping.toNetwork(convex, plain.primalPoint()));

        ReluCuttingPlanes.Options cp = cuts(c);
        long t1 = System.nanoTime();
        ReluCuttingPlanes.Result cut = new ReluCuttingPlanes(cp).solve(problem, initial, false, null, cone::solve);
        double cutSeconds = seconds(t1);
        TwoLayerReluNetwork cutNet = ReluNetworkMapping.toNetwork(cut.convex(), cut.solution().primalPoint());

        // The first solve of the cutting planes is the default gated route on the initial patterns: its progress
        // reports (second-order route only) are the interior-point trace.
        List<double[]> interiorPoint = new ArrayList<>();
        boolean[] first = {true};
        long t2 = System.nanoTime();
        ReluCuttingPlanes.Result g = new ReluCuttingPlanes(cp).solve(problem, initial, true, null, (cv, warm) -> {
            if (!first[0]) {
                return gated.solve(cv, warm);
            }
            first[0] = false;
            long t = System.nanoTime();
            return gated.solve(cv, warm, (method, iteration, primal, dual) -> {
                if (!method.equals("gated-fista")) {
                    interiorPoint.add(new double[] {seconds(t), primal, dual});
                }
            });
        });
        double gatedSeconds = seconds(t2);
        TwoLayerReluNetwork gatedNet = ReluNetworkMapping.toNetwork(g.convex(), g.solution().primalPoint());

        double[][] gatedTrace = gatedTrace(problem, initial);
        double[][] interiorPointTrace = interiorPoint.toArray(new double[0][]);

        TrainingResult<TwoLayerReluNetwork, ReluAdamTrainer.Options> adam =
                new ReluAdamTrainer(ReluAdamTrainer.Options.defaults(c.patterns())
                .withIterations(c.adamIterations()).withLearningRate(1e-2).withSeed(c.seed())
                .withTraceEvery(Math.max(1, c.adamIterations() / 100))).train(problem);
        List<TrainingResult.TracePoint> tr = adam.bestTrace();
        double[][] adamTrace = new double[tr.size()][];
        for (int i = 0; i < tr.size(); i++) {
            adamTrace[i] = new double[] {tr.get(i).seconds(), tr.get(i).objective()};
        }
        return new Result(c, conePrimal, plain.dual(), plain.status().label(), coneSeconds,
                problem.objective(cutNet), cut.solution().dual(), cut.convex().patterns().count(), cutSeconds,
                g.solution().primal(), g.solution().dual(), g.convex().patterns().count(), gatedSeconds, gatedTrace,
                interiorPointTrace, adam.objective(), adamTrace, data.testAccuracy(cutNet), data.testAccuracy(gatedNet),
                data.testAccuracy(adam.best()));
    }

    private static ReluCuttingPlanes.Options cuts(Cell c) {
        return ReluCuttingPlanes.Options.defaults().with(c.cuts(), 1e-6, c.seed());
    }

    /**
     * Gated FISTA solves (no interior-point route) from scratch with budgets 1, 2, 4, ... iterations until optimal:
     * objective and bound vs time.
     */
    private static double[][] gatedTrace(TwoLayerReluProblem problem, ActivationPatterns patterns) {
        ReluConvexProblem convex = new ReluConvexProblem(problem, patterns, true);
        List<double[]> rows = new ArrayList<>();
        for (int budget = 1; budget <= 1 << 14; budget *= 2) {
            long t = System.nanoTime();
            Solution<ConvexReluWeights, double[]> s = new GatedReluSolver(GatedReluSolver.Options.defaults()
                    .withRelativeTolerance(1e-6).withMaxIterations(budget).withInteriorPointWork(0)
                    .withNewtonSampleLimit(0)).solve(convex);
            rows.add(new double[] {seconds(t), s.primal(), s.dual()});
            if (s.status() == io.dualnet.solve.Status.OPTIMAL) {
                break;
            }
        }
        return rows.toArray(new double[0][]);
    }

    private static double seconds(long start) {
        return (System.nanoTime() - start) / 1e9;
    }
}
