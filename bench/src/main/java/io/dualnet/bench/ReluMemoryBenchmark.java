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
import io.dualnet.solve.Solution;
import org.ejml.data.DMatrixRMaj;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;

/**
 * The memory check of the cone-constrained ReLU solver (issue 5: "at n = 60 000, P = 2 000 the solver runs within a
 * 4 GB heap"): all {@code n} Fashion-MNIST training images (classes 0-4 labelled -1, 5-9 labelled +1, pixels
 * standardised, a bias column: {@code d' = 785}), {@code P} seeded Gaussian patterns, squared loss, and
 * {@link ConeReluSolver} (augmented Lagrangian, interior point off) for a small iteration budget followed, as in
 * every solve, by the final certificate (repair into the cone with 100 projection iterations, dual bound; the NNLS
 * refinement iterations are an argument, default 0, since they only sharpen the bound). {@code beta} is set so that
 * {@code active} patterns have {@code ||X^T D_i y|| > beta} (they pass the first step's threshold from zero): the
 * solver's memory and work per iteration do not depend on {@code beta} (every buffer and GEMM spans all {@code 2P}
 * blocks), but the final repair runs 100 NNLS iterations over every nonzero block that violates its cone, in column
 * chunks of about 17 at {@code n = 60000} whose GEMMs take about 0.35 s each here, so thousands of nonzero blocks
 * would make it last hours; on this data the norms are concentrated (1998 of 2000 patterns are above
 * {@code beta_max / 2}), hence a count rather than a fraction of {@code beta_max}.
 *
 * <p>Prints, for the solve alone: the largest heap in use sampled every 100 ms, the largest heap left after a
 * garbage collection (the live data: what a smaller {@code -Xmx} would have to hold), the largest committed heap, and
 * the process's peak resident memory (Linux {@code VmHWM}: heap plus native memory, e.g. copies made for native
 * BLAS calls). Times are split by sampling the solver thread's stack: setup (power iterations, buffers) until it is
 * first seen in a FISTA step, iterations until it is first seen repairing the iterate (the final certificate; budgets
 * below 50 have no earlier check), the certificate after that; seconds per iteration are the iterations' share over
 * the budget. A plain timing program: one run, no warm-up (each iteration is seconds of GEMMs).
 *
 * <p>Run with the heap under test: {@code java -Xmx4g -cp "bench/target/dualnet-bench.jar:bench/target/lib/*"
 * io.dualnet.bench.ReluMemoryBenchmark [n=60000] [P=2000] [iterations=4] [active=20] [refinement=0]}
 */
public final class ReluMemoryBenchmark {
    private static final int LAST_NEGATIVE_CLASS = 4;
    private static final double GIB = 1024.0 * 1024 * 1024;

    private ReluMemoryBenchmark() {
    }

    /** Entry point. */
    public static void main(String[] args) throws InterruptedException {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 60000;
        int p = args.length > 1 ? Integer.parseInt(args[1]) : 2000;
        int iterations = args.length > 2 ? Integer.parseInt(args[2]) : 4;
        int active = args.length > 3 ? Integer.parseInt(args[3]) : 20;
        int refinement = args.length > 4 ? Integer.parseInt(args[4]) : 0;
        long t0 = System.nanoTime();
        TwoLayerReluProblem data = problem(n, 1);
        double loadSeconds = (System.nanoTime() - t0) * 1e-9;
        t0 = System.nanoTime();
        ActivationPatterns patterns = PatternSampler.gaussian(data.featuresView(), p, 1L);
        double[] norms = ConvexReluWeights.blockNorms(new ReluConvexProblem(data, patterns, false).operator()
                .adjoint(data.yView()));
        Arrays.sort(norms);
        int m = norms.length;
        double beta = active >= m ? norms[0] / 2 : (norms[m - 1 - active] + norms[m - active]) / 2;
        TwoLayerReluProblem problem = data.withBeta(beta);
        data = null;
        ReluConvexProblem convex = new ReluConvexProblem(problem, patterns, false);
        double patternSeconds = (System.nanoTime() - t0) * 1e-9;
        System.out.printf(Locale.ROOT, "backend %s, max heap %.2f GiB, n = %d, d' = %d, P = %d (n 2P = %.3g entries),"
                        + " budget %d iterations, beta = %.6g (%d patterns above it at zero, beta_max = %.6g),"
                        + " refinement %d%n", Linalg.get().name(), Runtime.getRuntime().maxMemory() / GIB,
                problem.samples(), problem.featureCount(), patterns.count(), 2.0 * problem.samples() * patterns.count(),
                iterations, beta, Math.min(active, m), norms[m - 1], refinement);
        System.out.printf(Locale.ROOT, "data %.1f s, patterns %.1f s%n", loadSeconds, patternSeconds);
        ConeReluSolver solver = new ConeReluSolver(new ConeReluSolver.Options(iterations, 1e-6, 10, 0.1, 0.1, 10, 1,
                5_000, refinement, 0, 0));
        System.gc();
        HeapMonitor monitor = new HeapMonitor(Thread.currentThread(), "io.dualnet.solve.GroupFista.step",
                "io.dualnet.convex.ReluConvexProblem.repair");
        monitor.start();
        long start = System.nanoTime();
        Solution<ConvexReluWeights, double[]> s = solver.solve(convex);
        double total = (System.nanoTime() - start) * 1e-9;
        monitor.finish();
        double fistaAt = monitor.secondsUntilFirst(0, start);
        double repairAt = monitor.secondsUntilFirst(1, start);
        System.out.printf(Locale.ROOT, "status %s after %d iterations: primal %.6g, dual %.6g, relative gap %.3g, %.0f nonzero blocks%n",
                s.status().label(), s.iterations(), s.primal(), s.dual(), s.relativeGap(), s.residuals().get("nonzero_blocks"));
        System.out.printf(Locale.ROOT, "solve %.1f s: setup %.1f s, iterations %.1f s (%.1f s per iteration), "
                        + "certificate %.1f s%n", total, fistaAt, repairAt - fistaAt,
                (repairAt - fistaAt) / s.iterations(), total - repairAt);
        System.out.printf(Locale.ROOT, "heap during the solve: peak in use %.2f GiB (sampled), peak after GC %.2f GiB,"
                        + " peak committed %.2f GiB; peak resident memory of the process %s%n",
                monitor.peakUsed() / GIB, monitor.peakAfterGc() / GIB, monitor.peakCommitted() / GIB, residentPeak());
    }

    /** All training images, classes 0-4 against 5-9, standardised, with a bias column; intermediates are dropped. */
    private static TwoLayerReluProblem problem(int n, double beta) {
        FashionMnist mnist = new FashionMnist();
        int[] labels = mnist.labels(FashionMnist.Split.TRAIN, n);
        double[] y = new double[labels.length];
        for (int k = 0; k < y.length; k++) {
            y[k] = labels[k] > LAST_NEGATIVE_CLASS ? 1 : -1;
        }
        DMatrixRMaj images = mnist.images(FashionMnist.Split.TRAIN, n);
        LabeledData data = Standardizer.fit(images).apply(new LabeledData(images, y));
        return new TwoLayerReluProblem(data.x(), data.y(), Losses.SQUARED, beta, true);
    }

    /** Peak resident memory from {@code /proc/self/status}, or "n/a". */
    private static String residentPeak() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmHWM:")) {
                    String[] parts = line.trim().split("\\s+");
                    return String.format(Locale.ROOT, "%.2f GiB", Long.parseLong(parts[1]) * 1024 / GIB);
                }
            }
        } catch (IOException | RuntimeException e) {
            return "n/a";
        }
        return "n/a";
    }
}
