package io.dualnet.train;

import io.dualnet.data.InvalidInputException;
import io.dualnet.net.DeepLinearProblem;
import io.dualnet.net.DeepLinearWeights;
import org.ejml.data.DMatrixRMaj;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.OptionalDouble;
import java.util.SplittableRandom;

/**
 * The non-convex route: trains the deep linear network of a {@link DeepLinearProblem} by gradient descent or Adam on
 * the objective (4), from several random starts, and keeps the best.
 *
 * <p><b>Initialization.</b> Entry {@code (i, j)} of layer {@code W_l} ({@code d_{l-1} x d_l}) is i.i.d.
 * {@code N(0, initScale^2 / d_{l-1})} (fan-in scaling). Restart {@code r} draws from the {@code (r+1)}-th
 * {@link SplittableRandom#split()} of {@code new SplittableRandom(seed)}, made in index order on the calling thread, so
 * every restart, and so the whole result except wall-clock figures, is the same for any number of threads.
 *
 * <p><b>Stopping.</b> A restart stops after {@code maxIterations} updates, when its best objective so far fell by a
 * relative amount {@code <= relativeTolerance} over the last {@code window} updates (never, when the tolerance is 0), or
 * when the objective or gradient becomes non-finite: the restart then counts as diverged, with objective
 * {@code +Inf}. Non-convergence is reported, never thrown.
 *
 * <p><b>Optimizers.</b> {@link Optimizer#GD}: {@code W <- W - lr g}. {@link Optimizer#ADAM}: Kingma and Ba with
 * {@code beta1 = 0.9}, {@code beta2 = 0.999}, {@code eps = 1e-8} and bias correction.
 *
 * <p>Each restart keeps its lowest-objective iterate, which is what it returns.
 */
public final class DeepLinearTrainer {

    /** Adam's first-moment decay. */
    public static final double ADAM_BETA1 = 0.9;
    /** Adam's second-moment decay. */
    public static final double ADAM_BETA2 = 0.999;
    /** Adam's denominator guard. */
    public static final double ADAM_EPSILON = 1e-8;

    /** The update rule. */
    public enum Optimizer {
        /** Adam with the standard constants. */
        ADAM,
        /** Plain gradient descent with a constant step. */
        GD
    }

    /**
     * Training options, validated on construction ({@link InvalidInputException} naming the field).
     *
     * @param optimizer {@link Optimizer#ADAM} or {@link Optimizer#GD}, non-null
     * @param learningRate step size, finite {@code > 0}
     * @param maxIterations updates per restart, {@code >= 1}
     * @param restarts number of random starts, {@code >= 1}
     * @param seed base seed (see the class comment)
     * @param relativeTolerance stop a restart when its best objective decreased by a relative amount {@code <=} this over
     *     the last {@code window} updates; finite {@code >= 0}, {@code 0} disables
     * @param window the window of the tolerance test, in updates, {@code >= 1}
     * @param initScale standard deviation of the initial entries times {@code sqrt(fan-in)}, finite {@code > 0}
     * @param threads size of the fixed thread pool that runs the restarts, {@code >= 1}
     * @param target an objective value to reach (typically a certified optimum), finite if present; empty for none
     * @param targetRelativeTolerance the target counts as reached once the objective is
     *     {@code <= target + targetRelativeTolerance * |target|} ({@code = target (1 + rtol)} for {@code target >= 0});
     *     finite {@code >= 0}
     * @param historyEvery sampling period of the result's trace points ({@link TrainingResult#traces()},
     *     {@link TrainingResult#bestSoFar}), in updates, {@code >= 1}
     */
    public record Options(
            Optimizer optimizer,
            double learningRate,
            int maxIterations,
            int restarts,
            long seed,
            double relativeTolerance,
            int window,
            double initScale,
            int threads,
            OptionalDouble target,
            double targetRelativeTolerance,
            int historyEvery) {

        /** Validates every field. */
        public Options {
            if (optimizer == null) {
                throw new InvalidInputException("optimizer", null, "one of " + Arrays.toString(Optimizer.values()));
            }
            InvalidInputException.requirePositive("learningRate", learningRate);
            InvalidInputException.requireAtLeast("maxIterations", maxIterations, 1);
            InvalidInputException.requireAtLeast("restarts", restarts, 1);
            InvalidInputException.requireNonNegative("relativeTolerance", relativeTolerance);
            InvalidInputException.requireAtLeast("window", window, 1);
            InvalidInputException.requirePositive("initScale", initScale);
            InvalidInputException.requireAtLeast("threads", threads, 1);
            if (target == null) {
                throw new InvalidInputException("target", null, "a present or empty OptionalDouble");
            }
            if (target.isPresent()) {
                InvalidInputException.requireFinite("target", target.getAsDouble());
            }
            InvalidInputException.requireNonNegative("targetRelativeTolerance", targetRelativeTolerance);
            InvalidInputException.requireAtLeast("historyEvery", historyEvery, 1);
        }

        /**
         * Adam, learning rate {@code 1e-2}, 5000 updates, 4 restarts, seed 0, relative tolerance {@code 1e-10} over 100
         * updates, init scale 1, one thread, no target (target tolerance {@code 1e-6}), history every 10 updates.
         */
        public static Options defaults() {
            return new Options(Optimizer.ADAM, 1e-2, 5000, 4, 0L, 1e-10, 100, 1.0, 1, OptionalDouble.empty(), 1e-6,
                    10);
        }

        public Options withOptimizer(Optimizer v) {
            return new Options(v, learningRate, maxIterations, restarts, seed, relativeTolerance, window, initScale,
                    threads, target, targetRelativeTolerance, historyEvery);
        }

        public Options withLearningRate(double v) {
            return new Options(optimizer, v, maxIterations, restarts, seed, relativeTolerance, window, initScale,
                    threads, target, targetRelativeTolerance, historyEvery);
        }

        public Options withMaxIterations(int v) {
            return new Options(optimizer, learningRate, v, restarts, seed, relativeTolerance, window, initScale,
                    threads, target, targetRelativeTolerance, historyEvery);
        }

        public Options withRestarts(int v) {
            return new Options(optimizer, learningRate, maxIterations, v, seed, relativeTolerance, window, initScale,
                    threads, target, targetRelativeTolerance, historyEvery);
        }

        public Options withSeed(long v) {
            return new Options(optimizer, learningRate, maxIterations, restarts, v, relativeTolerance, window, initScale,
                    threads, target, targetRelativeTolerance, historyEvery);
        }

        /** Tolerance and window of the stopping test together. */
        public Options withRelativeTolerance(double tolerance, int windowUpdates) {
            return new Options(optimizer, learningRate, maxIterations, restarts, seed, tolerance, windowUpdates,
                    initScale, threads, target, targetRelativeTolerance, historyEvery);
        }

        public Options withInitScale(double v) {
            return new Options(optimizer, learningRate, maxIterations, restarts, seed, relativeTolerance, window, v,
                    threads, target, targetRelativeTolerance, historyEvery);
        }

        public Options withThreads(int v) {
            return new Options(optimizer, learningRate, maxIterations, restarts, seed, relativeTolerance, window,
                    initScale, v, target, targetRelativeTolerance, historyEvery);
        }

        /** A target value and the relative tolerance within which it counts as reached. */
        public Options withTarget(double value, double relativeTol) {
            return new Options(optimizer, learningRate, maxIterations, restarts, seed, relativeTolerance, window,
                    initScale, threads, OptionalDouble.of(value), relativeTol, historyEvery);
        }

        /** No target. */
        public Options withoutTarget() {
            return new Options(optimizer, learningRate, maxIterations, restarts, seed, relativeTolerance, window,
                    initScale, threads, OptionalDouble.empty(), targetRelativeTolerance, historyEvery);
        }

        public Options withHistoryEvery(int v) {
            return new Options(optimizer, learningRate, maxIterations, restarts, seed, relativeTolerance, window,
                    initScale, threads, target, targetRelativeTolerance, v);
        }

        /** The objective level at or below which the target counts as reached; {@code -Inf} without a target. */
        public double targetThreshold() {
            if (target.isEmpty()) {
                return Double.NEGATIVE_INFINITY;
            }
            double t = target.getAsDouble();
            return t + targetRelativeTolerance * Math.abs(t);
        }
    }

    private final Options options;

    /** @param options validated training options */
    public DeepLinearTrainer(Options options) {
        this.options = Objects.requireNonNull(options, "options");
    }

    /** The options. */
    public Options options() {
        return options;
    }

    /** The initial weights of restart {@code r} (as {@link #train} draws them), for reproducing one restart. */
    public DeepLinearWeights initialWeights(DeepLinearProblem problem, int restart) {
        if (restart < 0 || restart >= options.restarts()) {
            throw new InvalidInputException("restart", restart, "an index in [0, " + options.restarts() + ")");
        }
        return new DeepLinearWeights(initialLayers(problem.widths(), restartRngs(restart + 1)[restart]));
    }

    /**
     * Runs all restarts on a fixed pool of {@code threads} threads and returns the best.
     *
     * @throws IllegalStateException if the calling thread is interrupted (the interrupt flag is restored)
     */
    public TrainingResult<DeepLinearWeights, Options> train(DeepLinearProblem problem) {
        Objects.requireNonNull(problem, "problem");
        long start = System.nanoTime();
        DeepLinearGradient gradient = new DeepLinearGradient(problem);
        int restarts = options.restarts();
        int[] widths = problem.widths();
        SplittableRandom[] rngs = restartRngs(restarts);
        List<List<DMatrixRMaj>> inits = new ArrayList<>(restarts);
        for (int r = 0; r < restarts; r++) {
            inits.add(initialLayers(widths, rngs[r]));
        }

        RestartOutcome[] outcomes = ParallelRestarts.run(restarts, options.threads(),
                r -> runRestart(gradient, inits.get(r), start)).toArray(new RestartOutcome[0]);
        return assemble(problem, inits.get(0), outcomes, start);
    }

    private TrainingResult<DeepLinearWeights, Options> assemble(DeepLinearProblem problem, List<DMatrixRMaj> fallback,
            RestartOutcome[] outcomes, long start) {
        int restarts = outcomes.length;
        double[] objectives = new double[restarts];
        int[] iterations = new int[restarts];
        boolean[] diverged = new boolean[restarts];
        int[] targetIterations = new int[restarts];
        double[] targetSeconds = new double[restarts];
        int best = -1;
        long targetIteration = -1;
        long spentBefore = 0;
        double firstTargetSeconds = Double.NaN;
        List<List<TrainingResult.TracePoint>> traces = new ArrayList<>(restarts);
        for (int r = 0; r < restarts; r++) {
            RestartOutcome o = outcomes[r];
            objectives[r] = o.diverged ? Double.POSITIVE_INFINITY : o.bestObjective;
            iterations[r] = o.iterations;
            diverged[r] = o.diverged;
            targetIterations[r] = o.targetIteration;
            targetSeconds[r] = o.targetSeconds;
            traces.add(o.trace);
            if (!o.diverged && (best < 0 || objectives[r] < objectives[best])) {
                best = r;
            }
            if (o.targetIteration >= 0) {
                if (targetIteration < 0) {
                    targetIteration = spentBefore + o.targetIteration;
                }
                double reachedAt = o.startSeconds + o.targetSeconds;
                if (Double.isNaN(firstTargetSeconds) || reachedAt < firstTargetSeconds) {
                    firstTargetSeconds = reachedAt;
                }
            }
            spentBefore += o.iterations;
        }
        DeepLinearWeights bestWeights = new DeepLinearWeights(best >= 0 ? outcomes[best].bestLayers : fallback);
        double bestObjective = problem.objective(bestWeights);
        double wall = (System.nanoTime() - start) * 1e-9;
        return new TrainingResult<>(bestWeights, bestObjective, best, objectives, iterations, diverged,
                targetIteration, firstTargetSeconds, targetIterations, targetSeconds, traces, wall, options);
    }

    /** Everything one restart reports. */
    private record RestartOutcome(List<DMatrixRMaj> bestLayers, double bestObjective, int iterations, boolean diverged,
            int targetIteration, double targetSeconds, double startSeconds, List<TrainingResult.TracePoint> trace) {
    }

    private RestartOutcome runRestart(DeepLinearGradient gradient, List<DMatrixRMaj> init, long trainStart) {
        long restartStart = System.nanoTime();
        double startSeconds = (restartStart - trainStart) * 1e-9;
        int maxIterations = options.maxIterations();
        int every = options.historyEvery();
        int window = options.window();
        double relTol = options.relativeTolerance();
        double lr = options.learningRate();
        boolean adam = options.optimizer() == Optimizer.ADAM;
        boolean hasTarget = options.target().isPresent();
        double threshold = options.targetThreshold();

        List<DMatrixRMaj> w = DeepLinearGradient.copyLayers(init);
        List<DMatrixRMaj> m = adam ? zerosLike(w) : null;
        List<DMatrixRMaj> v = adam ? zerosLike(w) : null;
        double beta1Power = 1;
        double beta2Power = 1;

        List<TrainingResult.TracePoint> trace = new ArrayList<>(Math.min(maxIterations / every, 1 << 12) + 1);
        double[] ring = new double[window + 1];
        double best = Double.POSITIVE_INFINITY;
        List<DMatrixRMaj> bestLayers = DeepLinearGradient.copyLayers(init);
        boolean diverged = false;
        int targetIteration = -1;
        double targetSeconds = Double.NaN;
        int t = 0;
        while (true) {
            if (Thread.currentThread().isInterrupted()) {
                break;
            }
            DeepLinearGradient.Evaluation e = gradient.evaluateLayers(w);
            double f = e.objective();
            if (!Double.isFinite(f) || !Double.isFinite(e.gradientNormSquared())) {
                diverged = true;
                break;
            }
            if (f < best) {
                best = f;
                copyInto(w, bestLayers);
            }
            if (hasTarget && targetIteration < 0 && f <= threshold) {
                targetIteration = t;
                targetSeconds = (System.nanoTime() - restartStart) * 1e-9;
            }
            if (t % every == 0) {
                trace.add(new TrainingResult.TracePoint((System.nanoTime() - restartStart) * 1e-9, t, f, best));
            }
            ring[t % (window + 1)] = best;
            if (t == maxIterations) {
                break;
            }
            if (relTol > 0 && t >= window) {
                double old = ring[(t - window) % (window + 1)];
                if (old - best <= relTol * Math.abs(old)) {
                    break;
                }
            }
            // Update t -> t + 1.
            if (adam) {
                beta1Power *= ADAM_BETA1;
                beta2Power *= ADAM_BETA2;
                double c1 = 1 - beta1Power;
                double c2 = 1 - beta2Power;
                for (int l = 0; l < w.size(); l++) {
                    double[] wd = w.get(l).data;
                    double[] gd = e.gradient().get(l).data;
                    double[] md = m.get(l).data;
                    double[] vd = v.get(l).data;
                    for (int i = 0; i < wd.length; i++) {
                        double g = gd[i];
                        md[i] = ADAM_BETA1 * md[i] + (1 - ADAM_BETA1) * g;
                        vd[i] = ADAM_BETA2 * vd[i] + (1 - ADAM_BETA2) * g * g;
                        wd[i] -= lr * (md[i] / c1) / (Math.sqrt(vd[i] / c2) + ADAM_EPSILON);
                    }
                }
            } else {
                for (int l = 0; l < w.size(); l++) {
                    double[] wd = w.get(l).data;
                    double[] gd = e.gradient().get(l).data;
                    for (int i = 0; i < wd.length; i++) {
                        wd[i] -= lr * gd[i];
                    }
                }
            }
            t++;
        }
        return new RestartOutcome(bestLayers, diverged ? Double.POSITIVE_INFINITY : best, t, diverged,
                targetIteration, targetSeconds, startSeconds, trace);
    }

    /** The first {@code count} children of {@code new SplittableRandom(seed)}, split in order. */
    private SplittableRandom[] restartRngs(int count) {
        SplittableRandom root = new SplittableRandom(options.seed());
        SplittableRandom[] out = new SplittableRandom[count];
        for (int r = 0; r < count; r++) {
            out[r] = root.split();
        }
        return out;
    }

    private List<DMatrixRMaj> initialLayers(int[] widths, SplittableRandom rng) {
        List<DMatrixRMaj> layers = new ArrayList<>(widths.length - 1);
        for (int l = 1; l < widths.length; l++) {
            DMatrixRMaj w = new DMatrixRMaj(widths[l - 1], widths[l]);
            double sd = options.initScale() / Math.sqrt(widths[l - 1]);
            for (int i = 0; i < w.data.length; i++) {
                w.data[i] = sd * rng.nextGaussian();
            }
            layers.add(w);
        }
        return layers;
    }

    private static List<DMatrixRMaj> zerosLike(List<DMatrixRMaj> layers) {
        List<DMatrixRMaj> out = new ArrayList<>(layers.size());
        for (DMatrixRMaj w : layers) {
            out.add(new DMatrixRMaj(w.numRows, w.numCols));
        }
        return out;
    }

    private static void copyInto(List<DMatrixRMaj> from, List<DMatrixRMaj> to) {
        for (int l = 0; l < from.size(); l++) {
            System.arraycopy(from.get(l).data, 0, to.get(l).data, 0, from.get(l).getNumElements());
        }
    }
}
