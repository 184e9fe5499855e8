package io.dualnet.bench;

import io.dualnet.closedform.DeepLinearClosedForm;
import io.dualnet.data.PaperInstances;
import io.dualnet.linalg.Matrices;
import io.dualnet.net.DeepLinearProblem;
import io.dualnet.net.DeepLinearWeights;
import io.dualnet.solve.DeepLinearDualSolver;
import io.dualnet.solve.Solution;
import io.dualnet.train.DeepLinearTrainer;
import io.dualnet.train.TrainingResult;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;

import java.util.Arrays;
import java.util.Locale;
import java.util.Random;

/**
 * Times the three routes to the optimum of problem (4) on A.2-shaped instances ({@code X = I_n}, Gaussian {@code Y},
 * {@code H = 3}, widths {@code (20, 20)}, {@code gamma = 0.05}) and prints a Markdown table: the certified closed form
 * (median of repeated runs after warm-up), the iterative dual solver to relative gap 1e-8 (iterations and median
 * time), and the gradient route (Adam, learning rate 0.03, one restart, one thread) until its objective first comes
 * within 1e-6 and within 1e-9 relative of the certified optimum. A plain timing program rather than JMH because the gradient route's
 * time to a target is measured inside the trainer ({@link TrainingResult#targetSeconds()}).
 *
 * <p>Run: {@code java -cp "bench/target/dualnet-bench.jar:bench/target/lib/*" io.dualnet.bench.DeepLinearRouteComparison}
 */
public final class DeepLinearRouteComparison {
    private static final int REPEATS = 15;
    private static final double[] TARGET_RTOLS = {1e-6, 1e-9};

    private DeepLinearRouteComparison() {
    }

    /** Entry point; arguments: optional sizes (default 100 300). */
    public static void main(String[] args) {
        int[] sizes = args.length == 0 ? new int[] {100, 300} : Arrays.stream(args).mapToInt(Integer::parseInt).toArray();
        System.out.println("| n | certified (closed form), ms | dual solver: iterations | dual solver, ms "
                + "| Adam to 1e-6: iterations | ms | x certified | Adam to 1e-9: iterations | ms | x certified |");
        System.out.println("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        warmUp();
        for (int n : sizes) {
            DMatrixRMaj y = n == PaperInstances.ZHANG_A2_SIZE ? PaperInstances.zhangA2(1)[1]
                    : Matrices.gaussian(n, n, 1, new Random(1));
            DeepLinearProblem problem = new DeepLinearProblem(CommonOps_DDRM.identity(n), y, new int[] {20, 20}, 0.05);
            double[] closed = new double[REPEATS];
            double[] dual = new double[REPEATS];
            Solution<DeepLinearWeights, DMatrixRMaj> reference = null;
            int iterations = 0;
            for (int r = -3; r < REPEATS; r++) {
                long t0 = System.nanoTime();
                reference = DeepLinearClosedForm.solve(problem);
                long t1 = System.nanoTime();
                Solution<DeepLinearWeights, DMatrixRMaj> it =
                        new DeepLinearDualSolver(new DeepLinearDualSolver.Options(500, 1e-8, 1.0)).solve(problem);
                long t2 = System.nanoTime();
                iterations = it.iterations();
                if (r >= 0) {
                    closed[r] = (t1 - t0) / 1e6;
                    dual[r] = (t2 - t1) / 1e6;
                }
            }
            double optimum = reference.primal();
            double closedMs = median(closed);
            StringBuilder row = new StringBuilder(String.format(Locale.ROOT, "| %d | %.2f | %d | %.2f |", n,
                    closedMs, iterations, median(dual)));
            for (double rtol : TARGET_RTOLS) {
                DeepLinearTrainer.Options options = DeepLinearTrainer.Options.defaults().withLearningRate(0.03)
                        .withMaxIterations(20000).withRestarts(1).withSeed(1).withThreads(1)
                        .withRelativeTolerance(0, 100).withTarget(optimum, rtol);
                TrainingResult<DeepLinearWeights, DeepLinearTrainer.Options> trained =
                        new DeepLinearTrainer(options).train(problem);
                if (trained.targetReached()) {
                    double ms = trained.targetSeconds() * 1e3;
                    row.append(String.format(Locale.ROOT, " %d | %.0f | %.0fx |", trained.targetIteration(), ms,
                            ms / closedMs));
                } else {
                    row.append(" not reached in 20000 | - | - |");
                }
            }
            System.out.println(row);
        }
    }

    /** JIT warm-up of the trainer and solvers on a small instance, so the first measured size is not penalized. */
    private static void warmUp() {
        DeepLinearProblem small = new DeepLinearProblem(CommonOps_DDRM.identity(60),
                Matrices.gaussian(60, 60, 1, new Random(9)), new int[] {20, 20}, 0.05);
        new DeepLinearTrainer(DeepLinearTrainer.Options.defaults().withMaxIterations(1500).withRestarts(1)
                .withThreads(1)).train(small);
        for (int i = 0; i < 20; i++) {
            DeepLinearClosedForm.solve(small);
        }
    }

    private static double median(double[] values) {
        double[] c = values.clone();
        Arrays.sort(c);
        return c[c.length / 2];
    }
}
