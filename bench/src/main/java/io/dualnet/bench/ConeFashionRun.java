package io.dualnet.bench;

import io.dualnet.convex.ActivationPatterns;
import io.dualnet.convex.ConvexReluWeights;
import io.dualnet.convex.PatternSampler;
import io.dualnet.convex.ReluConvexProblem;
import io.dualnet.convex.ReluNetworkMapping;
import io.dualnet.data.LabeledData;
import io.dualnet.data.Metrics;
import io.dualnet.data.TrainTestSplit;
import io.dualnet.linalg.Linalg;
import io.dualnet.loss.Losses;
import io.dualnet.net.TwoLayerReluNetwork;
import io.dualnet.net.TwoLayerReluProblem;
import io.dualnet.solve.ConeReluSolver;
import io.dualnet.solve.ReluCuttingPlanes;
import io.dualnet.solve.Solution;

import java.util.Locale;

/**
 * The ReLU network's cone program (paper 002 Appendix A) on Fashion-MNIST T-shirt vs shirt at the issue's size
 * ({@code n} training images, {@code d = 784} standardised pixels, no bias, squared loss, {@code P} seeded Gaussian
 * patterns as {@code relu2 fit --patterns P --seed 1}), for each {@code beta = r * beta_max}
 * ({@code beta_max = max_i ||X^T D_i y||}, the smallest {@code beta} with the zero network optimal): the default
 * {@link ConeReluSolver} route (the working-set ADMM at this size) with a listener printing every progress report with
 * its wall time, then the certified objective, the mapped ReLU network's objective, train and test accuracy (the
 * pair's 2000 t10k images, standardised with the training statistics) and the peak heap (sampled every 100 ms and
 * after every collection).
 *
 * <p>A plain timing program (times to a certificate inside long runs, not per-operation costs). Run:
 * {@code java -Xmx4g -cp "bench/target/dualnet-bench.jar:bench/target/lib/*" io.dualnet.bench.ConeFashionRun
 * [--cuts=K] n P tolerance maxIterations r...}; with {@code --cuts=K} the solve is {@code relu2 fit --cuts K}'s:
 * {@link ReluCuttingPlanes} adds the patterns its randomized search finds violated and re-solves warm-started, at most
 * {@code K} times (certificate relative to the patterns searched); {@code --cold} re-solves from zero instead.
 */
public final class ConeFashionRun {
    private ConeFashionRun() {
    }

    /** Entry point. */
    public static void main(String[] arguments) throws InterruptedException {
        int cuts = 0;
        String[] args = arguments;
        boolean cold = false;
        while (args.length > 0 && args[0].startsWith("--")) {
            if (args[0].startsWith("--cuts=")) {
                cuts = Integer.parseInt(args[0].substring("--cuts=".length()));
            } else if (args[0].equals("--cold")) {
                cold = true;
            } else {
                throw new IllegalArgumentException("unknown option " + args[0] + " (expected --cuts=K or --cold)");
            }
            args = java.util.Arrays.copyOfRange(args, 1, args.length);
        }
        boolean coldSolves = cold;
        int n = Integer.parseInt(args[0]);
        int p = Integer.parseInt(args[1]);
        double tolerance = Double.parseDouble(args[2]);
        int maxIterations = Integer.parseInt(args[3]);
        TrainTestSplit pair = TrainTestSplit.fashionPair(n);
        LabeledData train = pair.train();
        LabeledData test = pair.test();
        System.out.printf(Locale.ROOT, "backend %s, n = %d, d = %d, P = %d, tolerance %g, budget %d iterations, "
                        + "heap limit %.2f GB%n", Linalg.get().name(), train.samples(), train.features(), p, tolerance,
                maxIterations, Runtime.getRuntime().maxMemory() / 1e9);
        for (int a = 4; a < args.length; a++) {
            double r = Double.parseDouble(args[a]);
            TwoLayerReluProblem unit = new TwoLayerReluProblem(train.x(), train.y(), Losses.SQUARED, 1, false);
            ActivationPatterns patterns = PatternSampler.gaussian(unit.featuresView(), p, 1);
            ReluConvexProblem probe = new ReluConvexProblem(unit, patterns, false);
            double betaMax = 0;
            double[] bounds = ConvexReluWeights.blockNorms(probe.operator().adjoint(unit.yView()));
            for (double b : bounds) {
                betaMax = Math.max(betaMax, b);
            }
            double beta = r * betaMax;
            TwoLayerReluProblem problem = new TwoLayerReluProblem(train.x(), train.y(), Losses.SQUARED, beta, false);
            ReluConvexProblem convex = new ReluConvexProblem(problem, patterns, false);
            System.out.printf(Locale.ROOT, "beta = %.6g = %g beta_max (beta_max = %.6g)%n", beta, r, betaMax);
            HeapMonitor monitor = new HeapMonitor(Thread.currentThread());
            monitor.start();
            ConeReluSolver cone = new ConeReluSolver(ConeReluSolver.Options.defaults()
                    .withRelativeTolerance(tolerance).withMaxIterations(maxIterations));
            ProgressPrinter listener = new ProgressPrinter();
            Solution<ConvexReluWeights, double[]> s;
            if (cuts == 0) {
                s = cone.solve(convex, null, listener);
            } else {
                ReluCuttingPlanes.Result cut = new ReluCuttingPlanes(ReluCuttingPlanes.Options.defaults()
                        .with(cuts, tolerance, 1)).solve(problem, patterns, false, null, (cv, warm) -> {
                            System.out.printf(Locale.ROOT, "  %8.1f s  solve on %d patterns%n",
                                    listener.seconds(), cv.patterns().count());
                            return cone.solve(cv, coldSolves ? null : warm, listener);
                        });
                s = cut.solution();
                convex = cut.convex();
                System.out.printf(Locale.ROOT, "cutting planes: %d rounds, %d patterns added (%s)%n", cut.rounds(),
                        cut.patternsAdded(), cut.scope());
            }
            monitor.finish();
            TwoLayerReluNetwork network = ReluNetworkMapping.toNetwork(convex, s.primalPoint());
            System.out.printf(Locale.ROOT, "RESULT r %g beta %.6g method %s status %s iterations %d seconds %.1f "
                            + "primal %.10g dual %.10g relgap %.3e network_objective %.10g neurons %d train_acc %.4f "
                            + "test_acc %.4f peak_heap_gb %.2f peak_live_gb %.2f%n", r, beta, s.method(),
                    s.status().label(), s.iterations(), s.seconds(), s.primal(), s.dual(), s.relativeGap(),
                    problem.objective(network), network.neurons(),
                    Metrics.accuracy(network.predict(train.x()), train.y()),
                    Metrics.accuracy(network.predict(test.x()), test.y()), monitor.peakUsed() / 1e9,
                    monitor.peakAfterGc() / 1e9);
            System.out.flush();
        }
    }
}
