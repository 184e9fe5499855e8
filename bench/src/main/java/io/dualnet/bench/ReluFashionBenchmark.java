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
import io.dualnet.net.TwoLayerReluProblem;
import io.dualnet.solve.ConeReluSolver;
import io.dualnet.solve.GatedReluSolver;
import io.dualnet.solve.Solution;
import io.dualnet.train.ReluAdamTrainer;
import io.dualnet.train.ReluTrainingResult;

import java.util.Locale;

/**
 * The Fashion-MNIST benchmark of the two-layer ReLU convex reformulation: two classes (T-shirt vs shirt,
 * {@code n = 12000}, {@code d = 784}, pixels standardised), {@code P} seeded random patterns, squared loss, for each
 * {@code beta}: the gated solver (FISTA) and the cone solver (augmented Lagrangian) to relative gap {@code 1e-4}, and
 * Adam on the ReLU network with {@code P} neurons (full batch, learning rate 1e-3) within a time budget, recording when
 * it first reaches the convex objective. Prints a Markdown table. A plain timing program: the quantities are times to
 * a target inside long runs, not per-operation costs.
 *
 * <p>Run: {@code java -Xmx8g -cp "bench/target/dualnet-bench.jar:bench/target/lib/*"
 * io.dualnet.bench.ReluFashionBenchmark [n] [P] [adamSeconds] [beta...]}
 */
public final class ReluFashionBenchmark {
    private static final double TARGET_RTOL = 1e-4;

    private ReluFashionBenchmark() {
    }

    /** Entry point. */
    public static void main(String[] args) {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 12000;
        int p = args.length > 1 ? Integer.parseInt(args[1]) : 1000;
        double adamSeconds = args.length > 2 ? Double.parseDouble(args[2]) : 1800;
        double[] betas = args.length > 3 ? java.util.Arrays.stream(args, 3, args.length)
                .mapToDouble(Double::parseDouble).toArray() : new double[] {1e-3, 1e-2};
        LabeledData train = new FashionMnist().binary(FashionMnist.Split.TRAIN, FashionMnist.DEFAULT_CLASS_A,
                FashionMnist.DEFAULT_CLASS_B, n);
        train = Standardizer.fit(train.x()).apply(train);
        System.out.printf(Locale.ROOT, "backend %s, n = %d, d = %d, P = %d, Adam budget %.0f s%n%n",
                Linalg.get().name(), train.samples(), train.features(), p, adamSeconds);
        System.out.println("| beta | solver | patterns | iterations | seconds | primal | dual | relative gap | status "
                + "| Adam reaches primal after s | x convex |");
        System.out.println("|---:|---|---:|---:|---:|---:|---:|---:|---|---:|---:|");
        for (double beta : betas) {
            TwoLayerReluProblem problem = new TwoLayerReluProblem(train.x(), train.y(), Losses.SQUARED, beta, false);
            ActivationPatterns patterns = PatternSampler.gaussian(problem.featuresView(), p, 1);
            Solution<ConvexReluWeights, double[]> gated = new GatedReluSolver(GatedReluSolver.Options.defaults()
                    .withRelativeTolerance(TARGET_RTOL).withMaxIterations(20000))
                    .solve(new ReluConvexProblem(problem, patterns, true));
            row(beta, "gated FISTA", patterns.count(), gated, Double.NaN);
            Solution<ConvexReluWeights, double[]> cone = new ConeReluSolver(ConeReluSolver.Options.defaults()
                    .withRelativeTolerance(TARGET_RTOL).withMaxIterations(5000))
                    .solve(new ReluConvexProblem(problem, patterns, false));
            double target = cone.primal();
            ReluTrainingResult adam = new ReluAdamTrainer(ReluAdamTrainer.Options.defaults(p)
                    .withIterations(Integer.MAX_VALUE / 2).withLearningRate(1e-3).withTimeBudgetSeconds(adamSeconds)
                    .withTraceEvery(5)).train(problem);
            double reached = Double.NaN;
            for (ReluTrainingResult.TracePoint t : adam.bestTrace()) {
                if (t.objective() <= target) {
                    reached = t.seconds();
                    break;
                }
            }
            row(beta, "cone AL", patterns.count(), cone, reached);
            System.out.printf(Locale.ROOT, "| %g | Adam (m = %d) | - | %d | %.1f | %.6g | - | - | best | - | - |%n",
                    beta, p, adam.totalIterations(), adam.wallSeconds(), adam.objective());
        }
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
