package io.dualnet.train;

import io.dualnet.data.InvalidInputException;
import io.dualnet.linalg.MatrixDimensionException;
import io.dualnet.linalg.Matrices;
import io.dualnet.net.TwoLayerReluNetwork;
import io.dualnet.net.TwoLayerReluProblem;
import org.ejml.data.DMatrixRMaj;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Random;

/**
 * The non-convex baseline: gradient training (Adam or SGD, hand-written gradients) of a two-layer ReLU network
 * {@code f(x) = sum_j (x^T u_j)_+ alpha_j} with {@code m} neurons on a {@link TwoLayerReluProblem},
 *
 * <pre>
 *   min_{U, alpha}  l( (X U)_+ alpha , y ) + (beta/2) ( ||U||_F^2 + ||alpha||^2 ),
 * </pre>
 *
 * the loss summed over samples, {@code X} the problem's {@link TwoLayerReluProblem#featuresView() features} (with
 * a column of ones for a bias). This is the objective {@link TwoLayerReluProblem#objective} computes and whose global
 * optimum the convex reformulation certifies, so the two are directly comparable.
 *
 * <p><b>Gradients.</b> See {@link ReluGradient}: two GEMMs per update through {@link io.dualnet.linalg.Linalg#get()}
 * ({@code X U} and {@code X^T G}); the ReLU's derivative at 0 and the hinge loss's subgradient at its kink are 0.
 * With a batch size {@code b < n}, each update uses the next {@code b} samples of a per-epoch seeded shuffle and the
 * unbiased estimate {@code (n/b) l_batch + (beta/2)||.||^2} of the objective.
 *
 * <p><b>Updates.</b> Adam: {@link DeepLinearTrainer#ADAM_BETA1}, {@link DeepLinearTrainer#ADAM_BETA2},
 * {@link DeepLinearTrainer#ADAM_EPSILON} with bias correction; SGD: {@code w <- w - lr g}. The learning rate is
 * constant. A restart performs {@code iterations} updates, or fewer if its own wall clock passes
 * {@code timeBudgetSeconds} (checked before every update) or the thread is interrupted.
 *
 * <p><b>What a restart returns.</b> Its lowest-objective iterate among those whose full objective it evaluated:
 * with full batches every iterate (the forward pass of an update gives the objective for free), with mini-batches
 * the trace points (every {@code traceEvery} updates) and the final iterate. Trace points (seconds, updates, full
 * objective) are recorded at updates {@code 0, traceEvery, 2 traceEvery, ...} and at the final iterate, and passed to
 * the optional {@link Listener} as they happen.
 *
 * <p><b>Initialization and determinism.</b> Restart {@code r} draws from {@code new Random(s_r)}, where {@code s_r}
 * is a fixed SplitMix64 mix of {@code seed} and {@code r} (both algorithms fixed by their specifications, so the same
 * on every JVM): every entry of {@code U} ({@code d' x m}) i.i.d. {@code N(0, initScale^2 / d')}, row by row, then
 * every {@code alpha_j} i.i.d. {@code N(0, initScale^2 / m)}; mini-batch shuffles continue from the same generator. A
 * warm start replaces restart 0's random start. Each restart runs on one pool thread, so without a time budget the
 * result except wall-clock times is identical for any thread count. A non-finite objective or gradient marks the
 * restart diverged (objective {@code +Inf}); it is reported, never thrown.
 */
public final class ReluAdamTrainer {

    /** The update rule. */
    public enum Optimizer {
        /** Adam (Kingma and Ba) with bias correction. */
        ADAM,
        /** Plain (stochastic) gradient descent; full-batch gradient descent with {@code batchSize = 0}. */
        SGD
    }

    /** Receives trace points while training runs; called from the restarts' pool threads, so it must be thread-safe. */
    @FunctionalInterface
    public interface Listener {
        /**
         * @param restart the restart's index
         * @param point the new trace point
         */
        void onTrace(int restart, TrainingResult.TracePoint point);
    }

    /**
     * Training options, validated on construction ({@link InvalidInputException} naming the field).
     *
     * @param optimizer ADAM or SGD, non-null
     * @param neurons hidden neurons {@code m}, {@code >= 1}
     * @param learningRate step size, finite {@code > 0}
     * @param iterations parameter updates per restart, {@code >= 1}
     * @param batchSize samples per update, {@code >= 0}; 0 (or {@code >= n}) means full batch
     * @param restarts random starts, {@code >= 1}
     * @param threads pool size, {@code >= 1}
     * @param seed base seed
     * @param initScale initial entries have standard deviation {@code initScale / sqrt(fan-in)}, finite {@code > 0}
     * @param timeBudgetSeconds wall-clock budget of each restart in seconds, finite {@code >= 0}; 0 means none
     * @param traceEvery trace period in updates, {@code >= 1}
     */
    public record Options(
            Optimizer optimizer,
            int neurons,
            double learningRate,
            int iterations,
            int batchSize,
            int restarts,
            int threads,
            long seed,
            double initScale,
            double timeBudgetSeconds,
            int traceEvery) {

        /** Validates every field. */
        public Options {
            if (optimizer == null) {
                throw new InvalidInputException("optimizer", null, "one of " + Arrays.toString(Optimizer.values()));
            }
            InvalidInputException.requireAtLeast("neurons", neurons, 1);
            InvalidInputException.requirePositive("learningRate", learningRate);
            InvalidInputException.requireAtLeast("iterations", iterations, 1);
            InvalidInputException.requireAtLeast("batchSize", batchSize, 0);
            InvalidInputException.requireAtLeast("restarts", restarts, 1);
            InvalidInputException.requireAtLeast("threads", threads, 1);
            InvalidInputException.requirePositive("initScale", initScale);
            InvalidInputException.requireNonNegative("timeBudgetSeconds", timeBudgetSeconds);
            InvalidInputException.requireAtLeast("traceEvery", traceEvery, 1);
        }

        /**
         * Adam with learning rate {@code 1e-3}, the given number of neurons, 1000 full-batch updates, one restart on
         * one thread, seed 0, init scale 1, no time budget, a trace point every 10 updates.
         */
        public static Options defaults(int neurons) {
            return new Options(Optimizer.ADAM, neurons, 1e-3, 1000, 0, 1, 1, 0L, 1.0, 0.0, 10);
        }

        public Options withOptimizer(Optimizer v) {
            return new Options(v, neurons, learningRate, iterations, batchSize, restarts, threads, seed, initScale,
                    timeBudgetSeconds, traceEvery);
        }

        public Options withNeurons(int v) {
            return new Options(optimizer, v, learningRate, iterations, batchSize, restarts, threads, seed, initScale,
                    timeBudgetSeconds, traceEvery);
        }

        public Options withLearningRate(double v) {
            return new Options(optimizer, neurons, v, iterations, batchSize, restarts, threads, seed, initScale,
                    timeBudgetSeconds, traceEvery);
        }

        public Options withIterations(int v) {
            return new Options(optimizer, neurons, learningRate, v, batchSize, restarts, threads, seed, initScale,
                    timeBudgetSeconds, traceEvery);
        }

        /** Samples per update; 0 for full batch. */
        public Options withBatchSize(int v) {
            return new Options(optimizer, neurons, learningRate, iterations, v, restarts, threads, seed, initScale,
                    timeBudgetSeconds, traceEvery);
        }

        public Options withRestarts(int v) {
            return new Options(optimizer, neurons, learningRate, iterations, batchSize, v, threads, seed, initScale,
                    timeBudgetSeconds, traceEvery);
        }

        public Options withThreads(int v) {
            return new Options(optimizer, neurons, learningRate, iterations, batchSize, restarts, v, seed, initScale,
                    timeBudgetSeconds, traceEvery);
        }

        public Options withSeed(long v) {
            return new Options(optimizer, neurons, learningRate, iterations, batchSize, restarts, threads, v,
                    initScale, timeBudgetSeconds, traceEvery);
        }

        public Options withInitScale(double v) {
            return new Options(optimizer, neurons, learningRate, iterations, batchSize, restarts, threads, seed, v,
                    timeBudgetSeconds, traceEvery);
        }

        /** Wall-clock budget of each restart in seconds; 0 for none. */
        public Options withTimeBudgetSeconds(double v) {
            return new Options(optimizer, neurons, learningRate, iterations, batchSize, restarts, threads, seed,
                    initScale, v, traceEvery);
        }

        public Options withTraceEvery(int v) {
            return new Options(optimizer, neurons, learningRate, iterations, batchSize, restarts, threads, seed,
                    initScale, timeBudgetSeconds, v);
        }
    }

    private final Options options;

    /** @param options validated options */
    public ReluAdamTrainer(Options options) {
        this.options = Objects.requireNonNull(options, "options");
    }

    /** The options. */
    public Options options() {
        return options;
    }

    /**
     * Trains from {@code restarts} seeded random starts.
     *
     * @throws IllegalStateException if the calling thread is interrupted (the flag is restored)
     */
    public TrainingResult<TwoLayerReluNetwork, Options> train(TwoLayerReluProblem problem) {
        return train(problem, null, null);
    }

    /**
     * Trains from {@code restarts} starts: restart 0 from {@code warmStart} if given, the others (or all) from seeded
     * random starts.
     *
     * @param problem the problem
     * @param warmStart a ReLU (not gated) network with {@code neurons} neurons, the problem's input dimension and bias
     *     setting, or {@code null}
     * @param listener receives trace points as they happen (from pool threads), or {@code null}
     * @throws InvalidInputException naming {@code warmStart} if it does not fit the problem and options
     * @throws IllegalStateException if the calling thread is interrupted (the flag is restored)
     */
    public TrainingResult<TwoLayerReluNetwork, Options> train(TwoLayerReluProblem problem,
            TwoLayerReluNetwork warmStart, Listener listener) {
        Objects.requireNonNull(problem, "problem");
        if (warmStart != null) {
            checkWarmStart(problem, warmStart);
        }
        long start = System.nanoTime();
        Outcome[] outcomes = ParallelRestarts.run(options.restarts(), options.threads(),
                r -> runRestart(problem, r, r == 0 ? warmStart : null, listener)).toArray(new Outcome[0]);
        int best = -1;
        for (int r = 0; r < outcomes.length; r++) {
            if (!outcomes[r].diverged && (best < 0 || outcomes[r].value < outcomes[best].value)) {
                best = r;
            }
        }
        TwoLayerReluNetwork network = best >= 0 ? outcomes[best].network : outcomes[0].start;
        double objective = best >= 0 ? problem.objective(network) : Double.POSITIVE_INFINITY;
        double[] values = new double[outcomes.length];
        int[] iterations = new int[outcomes.length];
        boolean[] diverged = new boolean[outcomes.length];
        List<List<TrainingResult.TracePoint>> traces = new ArrayList<>(outcomes.length);
        for (int r = 0; r < outcomes.length; r++) {
            values[r] = outcomes[r].value;
            iterations[r] = outcomes[r].iterations;
            diverged[r] = outcomes[r].diverged;
            traces.add(outcomes[r].trace);
        }
        return TrainingResult.withoutTarget(network, objective, best, values, iterations, diverged, traces,
                (System.nanoTime() - start) * 1e-9, options);
    }

    /**
     * The random starting network of restart {@code r} (what restart {@code r} starts from without a warm start).
     *
     * @param problem the problem (for the input dimension and bias)
     * @param r restart index, {@code >= 0}
     */
    public TwoLayerReluNetwork initialNetwork(TwoLayerReluProblem problem, int r) {
        InvalidInputException.requireAtLeast("r", r, 0);
        return randomNetwork(problem, new Random(restartSeed(options.seed(), r)));
    }

    private void checkWarmStart(TwoLayerReluProblem problem, TwoLayerReluNetwork w) {
        if (w.gated()) {
            throw new InvalidInputException("warmStart", "a gated ReLU network", "a ReLU network (without gates)");
        }
        if (w.bias() != problem.bias()) {
            throw new InvalidInputException("warmStart", "a network " + (w.bias() ? "with" : "without") + " bias",
                    "a network " + (problem.bias() ? "with" : "without") + " bias, as the problem");
        }
        if (w.inputDimension() != problem.inputDimension() || w.neurons() != options.neurons()) {
            throw new MatrixDimensionException("warmStart", Matrices.shape(w.firstLayer()) + " first-layer",
                    problem.featureCount() + "x" + options.neurons() + " (features x neurons)");
        }
    }

    /** The seed of restart {@code r}: SplitMix64's finalizer applied to {@code seed + (r + 1) * golden gamma}. */
    static long restartSeed(long seed, int r) {
        long z = seed + (r + 1) * 0x9E3779B97F4A7C15L;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    private TwoLayerReluNetwork randomNetwork(TwoLayerReluProblem problem, Random rng) {
        DMatrixRMaj u = new DMatrixRMaj(problem.featureCount(), options.neurons());
        double su = options.initScale() / Math.sqrt(u.numRows);
        for (int i = 0; i < u.data.length; i++) {
            u.data[i] = su * rng.nextGaussian();
        }
        double[] alpha = new double[options.neurons()];
        double sa = options.initScale() / Math.sqrt(alpha.length);
        for (int j = 0; j < alpha.length; j++) {
            alpha[j] = sa * rng.nextGaussian();
        }
        return new TwoLayerReluNetwork(u, alpha, problem.bias());
    }

    /** What one restart returns. */
    private record Outcome(TwoLayerReluNetwork start, TwoLayerReluNetwork network, double value, int iterations,
            boolean diverged, List<TrainingResult.TracePoint> trace) {
    }

    private Outcome runRestart(TwoLayerReluProblem problem, int r, TwoLayerReluNetwork warmStart, Listener listener) {
        long start = System.nanoTime();
        DMatrixRMaj a = problem.featuresView();
        double[] y = problem.yView();
        int n = a.numRows;
        int m = options.neurons();
        Random rng = new Random(restartSeed(options.seed(), r));
        TwoLayerReluNetwork initial = warmStart != null ? warmStart : randomNetwork(problem, rng);
        DMatrixRMaj u = initial.firstLayer();
        double[] alpha = initial.secondLayer();
        boolean fullBatch = options.batchSize() == 0 || options.batchSize() >= n;
        MiniBatches batches = fullBatch ? null : new MiniBatches(a, y, options.batchSize(), rng);
        Updater updater = new Updater(u.data, alpha);
        double budgetNanos = options.timeBudgetSeconds() * 1e9;
        int total = options.iterations();
        int every = options.traceEvery();
        List<TrainingResult.TracePoint> trace = new ArrayList<>(Math.min(total / every, 1 << 12) + 2);
        double best = Double.POSITIVE_INFINITY;
        DMatrixRMaj bestU = u.copy();
        double[] bestAlpha = alpha.clone();
        int t = 0;
        while (true) {
            boolean last = t == total || Thread.currentThread().isInterrupted()
                    || budgetNanos > 0 && System.nanoTime() - start >= budgetNanos;
            boolean traced = last || t % every == 0;
            ReluGradient.Evaluation step = null;
            if (fullBatch || traced) {
                ReluGradient.Evaluation e = ReluGradient.evaluate(a, y, problem.loss(), 1, problem.beta(), u, alpha,
                        fullBatch && !last);
                if (!e.finite()) {
                    return new Outcome(initial, initial, Double.POSITIVE_INFINITY, t, true, trace);
                }
                if (e.value() < best) {
                    best = e.value();
                    System.arraycopy(u.data, 0, bestU.data, 0, u.data.length);
                    System.arraycopy(alpha, 0, bestAlpha, 0, m);
                }
                if (traced) {
                    TrainingResult.TracePoint p = new TrainingResult.TracePoint(
                            (System.nanoTime() - start) * 1e-9, t, e.value(), best);
                    trace.add(p);
                    if (listener != null) {
                        listener.onTrace(r, p);
                    }
                }
                step = e;
            }
            if (last) {
                break;
            }
            if (!fullBatch) {
                batches.next();
                step = ReluGradient.evaluate(batches.x, batches.y, problem.loss(), (double) n / batches.y.length,
                        problem.beta(), u, alpha, true);
                if (!step.finite()) {
                    return new Outcome(initial, initial, Double.POSITIVE_INFINITY, t, true, trace);
                }
            }
            updater.step(step.gradU().data, step.gradAlpha());
            t++;
        }
        return new Outcome(initial, new TwoLayerReluNetwork(bestU, bestAlpha, problem.bias()), best, t, false, trace);
    }

    /** Adam or SGD state for the two parameter arrays, updated in place. */
    private final class Updater {
        private final double[] u;
        private final double[] alpha;
        private final double[] mu;
        private final double[] vu;
        private final double[] ma;
        private final double[] va;
        private double b1Power = 1;
        private double b2Power = 1;

        Updater(double[] u, double[] alpha) {
            this.u = u;
            this.alpha = alpha;
            boolean adam = options.optimizer() == Optimizer.ADAM;
            mu = adam ? new double[u.length] : null;
            vu = adam ? new double[u.length] : null;
            ma = adam ? new double[alpha.length] : null;
            va = adam ? new double[alpha.length] : null;
        }

        void step(double[] gu, double[] ga) {
            double lr = options.learningRate();
            if (mu == null) {
                for (int i = 0; i < u.length; i++) {
                    u[i] -= lr * gu[i];
                }
                for (int j = 0; j < alpha.length; j++) {
                    alpha[j] -= lr * ga[j];
                }
                return;
            }
            b1Power *= DeepLinearTrainer.ADAM_BETA1;
            b2Power *= DeepLinearTrainer.ADAM_BETA2;
            adam(u, gu, mu, vu, lr);
            adam(alpha, ga, ma, va, lr);
        }

        private void adam(double[] w, double[] g, double[] m, double[] v, double lr) {
            double b1 = DeepLinearTrainer.ADAM_BETA1;
            double b2 = DeepLinearTrainer.ADAM_BETA2;
            double c1 = 1 - b1Power;
            double c2 = 1 - b2Power;
            for (int i = 0; i < w.length; i++) {
                double gi = g[i];
                m[i] = b1 * m[i] + (1 - b1) * gi;
                v[i] = b2 * v[i] + (1 - b2) * gi * gi;
                w[i] -= lr * (m[i] / c1) / (Math.sqrt(v[i] / c2) + DeepLinearTrainer.ADAM_EPSILON);
            }
        }
    }

    /** Consecutive mini-batches of a per-epoch seeded shuffle of the samples. */
    private static final class MiniBatches {
        private final DMatrixRMaj all;
        private final double[] allY;
        private final Random rng;
        private final int[] order;
        private final DMatrixRMaj x;
        private final double[] y;
        private int position;

        MiniBatches(DMatrixRMaj all, double[] allY, int size, Random rng) {
            this.all = all;
            this.allY = allY;
            this.rng = rng;
            this.order = new int[all.numRows];
            for (int i = 0; i < order.length; i++) {
                order[i] = i;
            }
            this.x = new DMatrixRMaj(size, all.numCols);
            this.y = new double[size];
            this.position = order.length;
        }

        /** Fills {@code x} and {@code y} with the next batch, reshuffling when fewer than a batch remain. */
        void next() {
            if (position + y.length > order.length) {
                for (int i = order.length - 1; i > 0; i--) {
                    int j = rng.nextInt(i + 1);
                    int tmp = order[i];
                    order[i] = order[j];
                    order[j] = tmp;
                }
                position = 0;
            }
            int d = all.numCols;
            for (int b = 0; b < y.length; b++) {
                int k = order[position++];
                System.arraycopy(all.data, k * d, x.data, b * d, d);
                y[b] = allY[k];
            }
        }
    }
}
