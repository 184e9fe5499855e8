package io.dualnet.bench;

import io.dualnet.convex.ActivationPatterns;
import io.dualnet.convex.ConvexReluWeights;
import io.dualnet.convex.PatternSampler;
import io.dualnet.convex.ReluConvexProblem;
import io.dualnet.data.FashionMnist;
import io.dualnet.data.LabeledData;
import io.dualnet.data.Standardizer;
import io.dualnet.linalg.Linalg;
import io.dualnet.loss.Losses;
import io.dualnet.net.TwoLayerReluNetwork;
import io.dualnet.net.TwoLayerReluProblem;
import io.dualnet.solve.ConeReluSolver;
import io.dualnet.solve.GatedReluSolver;
import io.dualnet.solve.Solution;
import io.dualnet.train.ReluAdamTrainer;
import io.dualnet.train.TrainingResult;

import java.util.Locale;

/**
 * The Fashion-MNIST benchmark of the two-layer ReLU convex reformulation: two classes (T-shirt vs shirt, up to
 * {@code n = 12000}, {@code d = 784}, pixels standardised), {@code P} seeded random patterns, squared loss, for each
 * {@code beta}:
 *
 * <ul>
 *   <li>the gated program by {@link GatedReluSolver}'s default route (the Schur-complement barrier method up to its
 *       sample limit) to relative gap {@code 1e-4};</li>
 *   <li>the same program by FISTA alone, given the same wall time;</li>
 *   <li>the cone program by the augmented Lagrangian, within an iteration budget;</li>
 *   <li>Adam on the ReLU network with {@code P} neurons (full batch, learning rate 1e-3) within a time budget,
 *       recording when it first reaches each convex objective.</li>
 * </ul>
 *
 * Prints a Markdown table. A plain timing program: the quantities are times to a target inside long runs, not
 * per-operation costs.
 *
 * <p>Run: {@code java -Xmx8g -cp "bench/target/dualnet-bench.jar:bench/target/lib/*"
 * io.dualnet.bench.ReluFashionBenchmark [n] [P] [adamSeconds] [coneIterations] [routes] [beta...]}, where
 * {@code routes} is a comma-separated subset of {@code gated,fista,cone,adam} (default all).
 */
public final class ReluFashionBenchmark {
    private static final double TARGET_RTOL = 1e-4;
    private static final int FISTA_PROBE_ITERATIONS = 20;

    private ReluFashionBenchmark() {
    }

    /** Entry point. */
    public static void main(String[] args) {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 12000;
        int p = args.length > 1 ? Integer.parseInt(args[1]) : 1000;
        double adamSeconds = args.length > 2 ? Double.parseDouble(args[2]) : 1800;
        int coneIterations = args.length > 3 ? Integer.parseInt(args[3]) : 5000;
        java.util.Set<String> routes = java.util.Set.of((args.length > 4 ? args[4] : "gated,fista,cone,adam")
                .split(","));
        double[] betas = args.length > 5 ? java.util.Arrays.stream(args, 5, args.length)
                .mapToDouble(Double::parseDouble).toArray() : new double[] {1e-3, 1e-2};
        LabeledData train = new FashionMnist().binary(FashionMnist.Split.TRAIN, FashionMnist.DEFAULT_CLASS_A,
                FashionMnist.DEFAULT_CLASS_B, n);
        train = Standardizer.fit(train.x()).apply(train);
        System.out.printf(Locale.ROOT, "backend %s, n = %d, d = %d, P = %d, Adam budget %.0f s, cone budget %d "
                + "iterations%n%n", Linalg.get().name(), train.samples(), train.features(), p, adamSeconds,
                coneIterations);
        System.out.println("| beta | solver | patterns | iterations | seconds | primal | dual | relative gap | status "
                + "| Adam reaches primal after s | x convex |");
        System.out.println("|---:|---|---:|---:|---:|---:|---:|---:|---|---:|---:|");
        for (double beta : betas) {
            TwoLayerReluProblem problem = new TwoLayerReluProblem(train.x(), train.y(), Losses.SQUARED, beta, false);
            ActivationPatterns patterns = PatternSampler.gaussian(problem.featuresView(), p, 1);
            ReluConvexProblem gatedProblem = new ReluConvexProblem(problem, patterns, true);
            GatedReluSolver.Options gatedOptions = GatedReluSolver.Options.defaults()
                    .withRelativeTolerance(TARGET_RTOL).withMaxIterations(20000);
            Solution<ConvexReluWeights, double[]> gated = routes.contains("gated")
                    ? new GatedReluSolver(gatedOptions).solve(gatedProblem) : null;
            Solution<ConvexReluWeights, double[]> fista = null;
            if (routes.contains("fista")) {
                GatedReluSolver.Options fistaOnly = gatedOptions.withInteriorPointWork(0).withNewtonSampleLimit(0);
                int iterations = 20000;
                if (gated != null) {
                    Solution<ConvexReluWeights, double[]> probe = new GatedReluSolver(fistaOnly
                            .withMaxIterations(FISTA_PROBE_ITERATIONS)).solve(gatedProblem);
                    iterations = (int) Math.max(FISTA_PROBE_ITERATIONS,
                            gated.seconds() / probe.seconds() * FISTA_PROBE_ITERATIONS);
                }
                fista = new GatedReluSolver(fistaOnly.withMaxIterations(iterations)).solve(gatedProblem);
            }
            Solution<ConvexReluWeights, double[]> cone = routes.contains("cone") ? new ConeReluSolver(
                    ConeReluSolver.Options.defaults().withRelativeTolerance(TARGET_RTOL)
                            .withMaxIterations(coneIterations)).solve(new ReluConvexProblem(problem, patterns, false))
                    : null;
            TrainingResult<TwoLayerReluNetwork, ReluAdamTrainer.Options> adam = routes.contains("adam")
                    ? new ReluAdamTrainer(ReluAdamTrainer.Options.defaults(p).withIterations(Integer.MAX_VALUE / 2)
                    .withLearningRate(1e-3)
                    .withTimeBudgetSeconds(adamSeconds).withTraceEvery(5)).train(problem) : null;
            if (gated != null) {
                row(beta, "gated, " + gated.method(), patterns.count(), gated, reached(adam, gated.primal()));
            }
            if (fista != null) {
                row(beta, "gated, FISTA alone" + (gated != null ? " (same time)" : ""), patterns.count(), fista,
                        reached(adam, fista.primal()));
            }
            if (cone != null) {
                row(beta, "cone AL", patterns.count(), cone, reached(adam, cone.primal()));
            }
            if (adam != null) {
                System.out.printf(Locale.ROOT, "| %g | Adam (m = %d) | - | %d | %.1f | %.6g | - | - | best | - | - |%n",
                        beta, p, adam.totalIterations(), adam.wallSeconds(), adam.objective());
            }
        }
    }

    /**
     * Seconds after which Adam's best objective was first at most {@code target}, or NaN when it never was (or Adam was
     * not run).
     */
    private static double reached(TrainingResult<?, ?> adam, double target) {
        if (adam == null) {
            return Double.NaN;
        }
        for (TrainingResult.TracePoint t : adam.bestTrace()) {
            if (t.objective() <= target) {
                return t.seconds();
            }
        }
        return Double.NaN;
    }

    private static void row(double beta, String name, int patterns, Solution<ConvexReluWeights, double[]> s,
                            double adamReached) {
        System.out.printf(Locale.ROOT, "| %g | %s | %d | %d | %.1f | %.8g | %.8g | %.2e | %s | %s | %s |%n", beta,
                name, patterns, s.iterations(), s.seconds(), s.primal(), s.dual(), s.relativeGap(),
                s.status().label(), Double.isNaN(adamReached) ? "never" : String.format(Locale.ROOT, "%.1f",
                        adamReached), Double.isNaN(adamReached) ? "-" : String.format(Locale.ROOT, "%.1f",
                        adamReached / s.seconds()));
        System.out.flush();
    }
}
