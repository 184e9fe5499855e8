package io.dualnet.train;

import io.dualnet.data.InvalidInputException;
import io.dualnet.linalg.Linalg;
import io.dualnet.linalg.MatrixDimensionException;
import io.dualnet.linalg.Matrices;
import io.dualnet.net.DeepLinearWeights;
import org.ejml.data.DMatrixRMaj;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.SplittableRandom;

/**
 * Gradient training (Adam or GD, hand-written gradients) of deep <em>linear</em> networks, standard or parallel, on the
 * weight-decay and minimum-norm objectives of paper 002 (Wang, Ergen, Pilanci, ICLR 2023) and paper 003 (Ergen and
 * Pilanci). Rows are samples: {@code X} is {@code n x d}, {@code Y} is {@code n x c}.
 *
 * <p><b>Networks.</b> {@link Architecture#STANDARD}: {@code P = X W_1 ... W_L} with {@code W_l}
 * {@code m_{l-1} x m_l}, {@code m_0 = d}, {@code m_L = c}. {@link Architecture#PARALLEL} (002 (4)/(12)): {@code m}
 * branches, {@code P = sum_j X W_{1,j} ... W_{L,j}}, every branch with widths {@code d, m_1, ..., m_{L-2}, 1, c}. The
 * hidden widths {@code m_1..m_{L-1}} are an option; for the parallel network the last one must be 1.
 *
 * <p><b>Objectives</b> ({@link Objective}); {@code R_p(W) = sum_{j,l} ||W_{l,j}||_F^p / p}:
 * <ul>
 *   <li>{@link Objective#WEIGHT_DECAY}: {@code 1/2 ||P - Y||_F^2 + beta R_2(W)} (002 (27)/(31), 003 (2) with
 *       {@code beta} halved);</li>
 *   <li>{@link Objective#LTH_POWER}: {@code 1/2 ||P - Y||_F^2 + beta R_L(W)} (the penalized form of 002 (14));</li>
 *   <li>{@link Objective#MIN_NORM}: {@code min R_2(W) s.t. P = Y} (002 (5) standard, (12) parallel);</li>
 *   <li>{@link Objective#MIN_NORM_LTH_POWER}: {@code min R_L(W) s.t. P = Y} (002 (14)).</li>
 * </ul>
 * Known optima (002 §1.7 of the spec): standard min-norm {@code (L/2) sum_i sigma_i(X^+Y)^{2/L}}, above the dual
 * {@code (L/2)||X^+Y||_*^{2/L}} for {@code L >= 3} and rank {@code >= 2}; parallel with (14) and enough branches:
 * {@code ||X^+Y||_*}.
 *
 * <p><b>Minimum norm: augmented Lagrangian.</b> The constrained objectives are solved by the method of multipliers:
 * starting from {@code Lambda = 0}, {@code rho = penalty}, every {@code innerIterations} updates minimize
 * {@code R(W) + <Lambda, P - Y> + (rho/2)||P - Y||_F^2} in {@code W} by the chosen optimizer (Adam's step is invariant to
 * the scale of the gradient, so growing {@code rho} needs no step-size change), then set
 * {@code Lambda <- Lambda + rho (P - Y)} and {@code rho <- min(rho * penaltyGrowth, penaltyMax)}. Unlike the
 * small-{@code beta} limit of weight decay (whose value is off by {@code O(beta)} and whose conditioning degrades as
 * {@code beta -> 0}), the multiplier update drives the residual to zero at a bounded {@code rho}. A restart returns its
 * final iterate; its value is {@code R(W)} and its residual {@code ||P - Y||_F}. The best restart is the one with the
 * lowest {@code R} among those with residual {@code <= feasibilityTolerance * max(1, ||Y||_F)}, or, if none is, the one
 * with the smallest residual.
 *
 * <p>{@code W = 0} is a stationary point of every objective for {@code L >= 3} and a local minimizer of the augmented
 * Lagrangian; a start with a small {@code initScale} (below about 0.5 for the unit-scale instances of the tests) can
 * collapse into it and then ends infeasible with residual {@code ||Y||_F}, which the result reports.
 *
 * <p><b>Penalized objectives.</b> A restart keeps its lowest-objective iterate; the best restart has the lowest.
 *
 * <p><b>Learning rate.</b> Update {@code t} of {@code T} uses {@code learningRate * learningRateDecay^(t/T)}, a
 * geometric decay to {@code learningRate * learningRateDecay} (1 keeps it constant). Adam uses
 * {@link DeepLinearTrainer#ADAM_BETA1}, {@link DeepLinearTrainer#ADAM_BETA2}, {@link DeepLinearTrainer#ADAM_EPSILON}
 * with bias correction; GD is {@code W <- W - lr g}.
 *
 * <p><b>Initialization and determinism.</b> Every entry of a layer with {@code k} rows is i.i.d.
 * {@code N(0, initScale^2 / k)}. Restart {@code r} draws (standard: layers in order; parallel: branch by branch) from
 * the {@code (r+1)}-th {@link SplittableRandom#split()} of {@code new SplittableRandom(seed)}, made in order on the
 * calling thread, and runs single-threaded, so the result except wall-clock time is identical for any thread count.
 * Restarts run on a fixed pool of {@code threads} threads. A non-finite objective or gradient marks the restart
 * diverged (value {@code +Inf}); it is reported, never thrown.
 */
public final class LinearNetworkTrainer {

    /** The update rule. */
    public enum Optimizer {
        /** Adam (Kingma and Ba) with bias correction. */
        ADAM,
        /** Plain gradient descent. */
        GD
    }

    /** Standard chain or parallel sum of scalar-bottleneck chains. */
    public enum Architecture {
        /** One chain {@code X W_1 ... W_L}. */
        STANDARD,
        /** {@code branches} chains whose last hidden width is 1, summed (002 (4)). */
        PARALLEL
    }

    /** The training objective (see the class comment). */
    public enum Objective {
        /** {@code 1/2||P-Y||^2 + (beta/2) sum ||W||_F^2}. */
        WEIGHT_DECAY(false, false),
        /** {@code 1/2||P-Y||^2 + (beta/L) sum ||W||_F^L} (002 (14), penalized). */
        LTH_POWER(false, true),
        /** {@code min 1/2 sum ||W||_F^2 s.t. P = Y} (002 (5), (12)). */
        MIN_NORM(true, false),
        /** {@code min (1/L) sum ||W||_F^L s.t. P = Y} (002 (14)). */
        MIN_NORM_LTH_POWER(true, true);

        private final boolean constrained;
        private final boolean lthPower;

        Objective(boolean constrained, boolean lthPower) {
            this.constrained = constrained;
            this.lthPower = lthPower;
        }

        /** Whether this is an interpolation-constrained (minimum-norm) problem. */
        public boolean constrained() {
            return constrained;
        }

        /** The regularizer power {@code p} for depth {@code L}: 2 or {@code L}. */
        public int power(int depth) {
            return lthPower ? depth : 2;
        }
    }

    /**
     * Training options, validated on construction ({@link InvalidInputException} naming the field).
     *
     * @param optimizer ADAM or GD, non-null
     * @param learningRate initial step, finite {@code > 0}
     * @param learningRateDecay final step as a fraction of the initial one, in {@code (0, 1]}
     * @param iterations updates per restart, {@code >= 1}
     * @param restarts random starts, {@code >= 1}
     * @param seed base seed
     * @param threads pool size, {@code >= 1}
     * @param initScale initial entries have standard deviation {@code initScale / sqrt(rows)}, finite {@code > 0}
     * @param architecture STANDARD or PARALLEL, non-null
     * @param branches number of branches {@code m}: {@code >= 1} for PARALLEL, exactly 1 for STANDARD
     * @param objective non-null
     * @param beta regularization weight, finite {@code > 0} for the penalized objectives, finite {@code >= 0} (unused)
     *     for the constrained ones
     * @param hiddenWidths {@code m_1..m_{L-1}}, at least one entry, each {@code >= 1}; for PARALLEL the last is 1
     * @param penalty initial augmented-Lagrangian penalty {@code rho}, finite {@code > 0}
     * @param penaltyGrowth factor applied to {@code rho} at each multiplier update, finite {@code >= 1}
     * @param penaltyMax cap on {@code rho}, finite {@code >= penalty}
     * @param innerIterations updates between multiplier updates, {@code >= 1}
     * @param feasibilityTolerance a constrained restart counts as feasible when {@code ||P-Y||_F <=} this
     *     {@code * max(1, ||Y||_F)}; finite {@code > 0}
     * @param rankTolerance layer ranks count singular values above this times the largest singular value of any layer;
     *     finite {@code > 0}
     * @param historyEvery history sampling period in updates, {@code >= 1}
     */
    public record Options(
            Optimizer optimizer,
            double learningRate,
            double learningRateDecay,
            int iterations,
            int restarts,
            long seed,
            int threads,
            double initScale,
            Architecture architecture,
            int branches,
            Objective objective,
            double beta,
            int[] hiddenWidths,
            double penalty,
            double penaltyGrowth,
            double penaltyMax,
            int innerIterations,
            double feasibilityTolerance,
            double rankTolerance,
            int historyEvery) {

        /** Validates every field; copies {@code hiddenWidths}. */
        public Options {
            if (optimizer == null) {
                throw new InvalidInputException("optimizer", null, "one of " + Arrays.toString(Optimizer.values()));
            }
            InvalidInputException.requirePositive("learningRate", learningRate);
            if (!(learningRateDecay > 0 && learningRateDecay <= 1)) {
                throw new InvalidInputException("learningRateDecay", learningRateDecay, "a number in (0, 1]");
            }
            InvalidInputException.requireAtLeast("iterations", iterations, 1);
            InvalidInputException.requireAtLeast("restarts", restarts, 1);
            InvalidInputException.requireAtLeast("threads", threads, 1);
            InvalidInputException.requirePositive("initScale", initScale);
            if (architecture == null) {
                throw new InvalidInputException("architecture", null,
                        "one of " + Arrays.toString(Architecture.values()));
            }
            if (architecture == Architecture.STANDARD && branches != 1) {
                throw new InvalidInputException("branches", branches, "1 for the STANDARD architecture");
            }
            InvalidInputException.requireAtLeast("branches", branches, 1);
            if (objective == null) {
                throw new InvalidInputException("objective", null, "one of " + Arrays.toString(Objective.values()));
            }
            if (objective.constrained()) {
                InvalidInputException.requireNonNegative("beta", beta);
            } else {
                InvalidInputException.requirePositive("beta", beta);
            }
            if (hiddenWidths == null || hiddenWidths.length == 0) {
                throw new InvalidInputException("hiddenWidths", hiddenWidths == null ? null : "[]",
                        "at least one hidden width (depth L >= 2)");
            }
            hiddenWidths = hiddenWidths.clone();
            for (int i = 0; i < hiddenWidths.length; i++) {
                InvalidInputException.requireAtLeast("hiddenWidths[" + i + "]", hiddenWidths[i], 1);
            }
            if (architecture == Architecture.PARALLEL && hiddenWidths[hiddenWidths.length - 1] != 1) {
                throw new InvalidInputException("hiddenWidths[" + (hiddenWidths.length - 1) + "]",
                        hiddenWidths[hiddenWidths.length - 1], "1 (the PARALLEL branches end in a scalar unit)");
            }
            InvalidInputException.requirePositive("penalty", penalty);
            if (!Double.isFinite(penaltyGrowth) || penaltyGrowth < 1) {
                throw new InvalidInputException("penaltyGrowth", penaltyGrowth, "a finite number >= 1");
            }
            if (!Double.isFinite(penaltyMax) || penaltyMax < penalty) {
                throw new InvalidInputException("penaltyMax", penaltyMax, "a finite number >= penalty = " + penalty);
            }
            InvalidInputException.requireAtLeast("innerIterations", innerIterations, 1);
            InvalidInputException.requirePositive("feasibilityTolerance", feasibilityTolerance);
            InvalidInputException.requirePositive("rankTolerance", rankTolerance);
            InvalidInputException.requireAtLeast("historyEvery", historyEvery, 1);
        }

        /**
         * Adam, learning rate {@code 1e-2} decaying to {@code 1e-4}, 8000 updates, 4 restarts, seed 0, one thread, init
         * scale 1, STANDARD, MIN_NORM, beta 0, the given hidden widths, penalty 10 doubling every 100 updates up to
         * 100, feasibility tolerance {@code 1e-5}, rank tolerance {@code 1e-3}, history every 10 updates. These reach
         * the known optima of 002 §1.7 ({@code X = I_3}, {@code Y = diag(3,2,1)}, {@code L <= 4}) to about
         * {@code 1e-7} relative; a large {@code penaltyMax} slows Adam down on ill-conditioned {@code X}.
         */
        public static Options defaults(int... hiddenWidths) {
            return new Options(Optimizer.ADAM, 1e-2, 1e-2, 8000, 4, 0L, 1, 1.0, Architecture.STANDARD, 1,
                    Objective.MIN_NORM, 0.0, hiddenWidths, 10.0, 2.0, 100.0, 100, 1e-5, 1e-3, 10);
        }

        /** Depth {@code L = hiddenWidths.length + 1}. */
        public int depth() {
            return hiddenWidths.length + 1;
        }

        @Override
        public int[] hiddenWidths() {
            return hiddenWidths.clone();
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Options p && optimizer == p.optimizer && learningRate == p.learningRate
                    && learningRateDecay == p.learningRateDecay && iterations == p.iterations
                    && restarts == p.restarts && seed == p.seed && threads == p.threads && initScale == p.initScale
                    && architecture == p.architecture && branches == p.branches && objective == p.objective
                    && beta == p.beta && Arrays.equals(hiddenWidths, p.hiddenWidths) && penalty == p.penalty
                    && penaltyGrowth == p.penaltyGrowth && penaltyMax == p.penaltyMax
                    && innerIterations == p.innerIterations && feasibilityTolerance == p.feasibilityTolerance
                    && rankTolerance == p.rankTolerance && historyEvery == p.historyEvery;
        }

        @Override
        public int hashCode() {
            return Objects.hash(optimizer, learningRate, iterations, restarts, seed, architecture, branches, objective,
                    beta, Arrays.hashCode(hiddenWidths));
        }

        @Override
        public String toString() {
            return "Options[optimizer=" + optimizer + ", learningRate=" + learningRate + ", learningRateDecay="
                    + learningRateDecay + ", iterations=" + iterations + ", restarts=" + restarts + ", seed=" + seed
                    + ", threads=" + threads + ", initScale=" + initScale + ", architecture=" + architecture
                    + ", branches=" + branches + ", objective=" + objective + ", beta=" + beta + ", hiddenWidths="
                    + Arrays.toString(hiddenWidths) + ", penalty=" + penalty + ", penaltyGrowth=" + penaltyGrowth
                    + ", penaltyMax=" + penaltyMax + ", innerIterations=" + innerIterations
                    + ", feasibilityTolerance=" + feasibilityTolerance + ", rankTolerance=" + rankTolerance
                    + ", historyEvery=" + historyEvery + "]";
        }

        public Options withOptimizer(Optimizer v) {
            return new Options(v, learningRate, learningRateDecay, iterations, restarts, seed, threads, initScale,
                    architecture, branches, objective, beta, hiddenWidths, penalty, penaltyGrowth, penaltyMax,
                    innerIterations, feasibilityTolerance, rankTolerance, historyEvery);
        }

        /** Initial learning rate and the fraction it decays to. */
        public Options withLearningRate(double lr, double decay) {
            return new Options(optimizer, lr, decay, iterations, restarts, seed, threads, initScale, architecture,
                    branches, objective, beta, hiddenWidths, penalty, penaltyGrowth, penaltyMax, innerIterations,
                    feasibilityTolerance, rankTolerance, historyEvery);
        }

        public Options withIterations(int v) {
            return new Options(optimizer, learningRate, learningRateDecay, v, restarts, seed, threads, initScale,
                    architecture, branches, objective, beta, hiddenWidths, penalty, penaltyGrowth, penaltyMax,
                    innerIterations, feasibilityTolerance, rankTolerance, historyEvery);
        }

        public Options withRestarts(int v) {
            return new Options(optimizer, learningRate, learningRateDecay, iterations, v, seed, threads, initScale,
                    architecture, branches, objective, beta, hiddenWidths, penalty, penaltyGrowth, penaltyMax,
                    innerIterations, feasibilityTolerance, rankTolerance, historyEvery);
        }

        public Options withSeed(long v) {
            return new Options(optimizer, learningRate, learningRateDecay, iterations, restarts, v, threads, initScale,
                    architecture, branches, objective, beta, hiddenWidths, penalty, penaltyGrowth, penaltyMax,
                    innerIterations, feasibilityTolerance, rankTolerance, historyEvery);
        }

        public Options withThreads(int v) {
            return new Options(optimizer, learningRate, learningRateDecay, iterations, restarts, seed, v, initScale,
                    architecture, branches, objective, beta, hiddenWidths, penalty, penaltyGrowth, penaltyMax,
                    innerIterations, feasibilityTolerance, rankTolerance, historyEvery);
        }

        public Options withInitScale(double v) {
            return new Options(optimizer, learningRate, learningRateDecay, iterations, restarts, seed, threads, v,
                    architecture, branches, objective, beta, hiddenWidths, penalty, penaltyGrowth, penaltyMax,
                    innerIterations, feasibilityTolerance, rankTolerance, historyEvery);
        }

        /** STANDARD (then {@code branches} must be 1) or PARALLEL with {@code branches} branches. */
        public Options withArchitecture(Architecture a, int m) {
            return new Options(optimizer, learningRate, learningRateDecay, iterations, restarts, seed, threads,
                    initScale, a, m, objective, beta, hiddenWidths, penalty, penaltyGrowth, penaltyMax,
                    innerIterations, feasibilityTolerance, rankTolerance, historyEvery);
        }

        /** Objective and its regularization weight ({@code beta} is unused by the constrained objectives). */
        public Options withObjective(Objective o, double b) {
            return new Options(optimizer, learningRate, learningRateDecay, iterations, restarts, seed, threads,
                    initScale, architecture, branches, o, b, hiddenWidths, penalty, penaltyGrowth, penaltyMax,
                    innerIterations, feasibilityTolerance, rankTolerance, historyEvery);
        }

        public Options withHiddenWidths(int... v) {
            return new Options(optimizer, learningRate, learningRateDecay, iterations, restarts, seed, threads,
                    initScale, architecture, branches, objective, beta, v, penalty, penaltyGrowth, penaltyMax,
                    innerIterations, feasibilityTolerance, rankTolerance, historyEvery);
        }

        /** The augmented-Lagrangian schedule. */
        public Options withPenalty(double rho0, double growth, double max, int inner) {
            return new Options(optimizer, learningRate, learningRateDecay, iterations, restarts, seed, threads,
                    initScale, architecture, branches, objective, beta, hiddenWidths, rho0, growth, max, inner,
                    feasibilityTolerance, rankTolerance, historyEvery);
        }

        public Options withFeasibilityTolerance(double v) {
            return new Options(optimizer, learningRate, learningRateDecay, iterations, restarts, seed, threads,
                    initScale, architecture, branches, objective, beta, hiddenWidths, penalty, penaltyGrowth,
                    penaltyMax, innerIterations, v, rankTolerance, historyEvery);
        }

        public Options withRankTolerance(double v) {
            return new Options(optimizer, learningRate, learningRateDecay, iterations, restarts, seed, threads,
                    initScale, architecture, branches, objective, beta, hiddenWidths, penalty, penaltyGrowth,
                    penaltyMax, innerIterations, feasibilityTolerance, v, historyEvery);
        }

        public Options withHistoryEvery(int v) {
            return new Options(optimizer, learningRate, learningRateDecay, iterations, restarts, seed, threads,
                    initScale, architecture, branches, objective, beta, hiddenWidths, penalty, penaltyGrowth,
                    penaltyMax, innerIterations, feasibilityTolerance, rankTolerance, v);
        }
    }

    private final Options options;

    /** @param options validated options */
    public LinearNetworkTrainer(Options options) {
        this.options = Objects.requireNonNull(options, "options");
    }

    /** The options. */
    public Options options() {
        return options;
    }

    /**
     * The objective of {@link #options()} at the given branches (standard: one branch): for the penalized objectives
     * {@code 1/2||P-Y||^2 + beta R_p}, for the constrained ones {@code R_p} alone (the residual is not included).
     */
    public double objective(DMatrixRMaj x, DMatrixRMaj y, List<DeepLinearWeights> branches) {
        checkData(x, y);
        List<List<DMatrixRMaj>> raw = new ArrayList<>();
        for (DeepLinearWeights b : branches) {
            raw.add(b.layers());
        }
        checkShapes(raw, x.numCols, y.numCols);
        LinearNetworkGradient g = new LinearNetworkGradient(x, options.objective().power(options.depth()));
        LinearNetworkGradient.Evaluation e = g.evaluate(raw, y, 1, options.beta(), false);
        return options.objective().constrained() ? e.regularizer() : e.value();
    }

    /**
     * Trains from {@code restarts} seeded starts on a fixed pool and returns the best.
     *
     * @param x data, {@code n x d}, finite
     * @param y targets, {@code n x c}, finite
     * @throws IllegalStateException if the calling thread is interrupted (the flag is restored)
     */
    public LinearTrainingResult train(DMatrixRMaj x, DMatrixRMaj y) {
        checkData(x, y);
        long start = System.nanoTime();
        int d = x.numCols;
        int c = y.numCols;
        LinearNetworkGradient gradient = new LinearNetworkGradient(x, options.objective().power(options.depth()));
        int restarts = options.restarts();
        SplittableRandom root = new SplittableRandom(options.seed());
        List<List<List<DMatrixRMaj>>> inits = new ArrayList<>(restarts);
        for (int r = 0; r < restarts; r++) {
            inits.add(initialBranches(d, c, root.split()));
        }
        Outcome[] outcomes = ParallelRestarts.run(restarts, options.threads(),
                r -> runRestart(gradient, y, inits.get(r))).toArray(new Outcome[0]);
        return assemble(gradient, y, inits.get(0), outcomes, start);
    }


    private static void checkData(DMatrixRMaj x, DMatrixRMaj y) {
        Objects.requireNonNull(x, "x");
        Objects.requireNonNull(y, "y");
        Matrices.requireNonEmpty("x", x);
        Matrices.requireNonEmpty("y", y);
        Matrices.requireData("x", x);
        Matrices.requireData("y", y);
        if (x.numRows != y.numRows) {
            throw new MatrixDimensionException("y", Matrices.shape(y), x.numRows + " rows (one per sample of x)");
        }
    }

    private void checkShapes(List<List<DMatrixRMaj>> branches, int d, int c) {
        int[] widths = widths(d, c);
        if (branches.size() != options.branches()) {
            throw new InvalidInputException("branches", branches.size(), options.branches() + " branches");
        }
        for (int j = 0; j < branches.size(); j++) {
            List<DMatrixRMaj> b = branches.get(j);
            if (b.size() != widths.length - 1) {
                throw new MatrixDimensionException("branch " + j, b.size() + " layers", (widths.length - 1) + " layers");
            }
            for (int l = 1; l < widths.length; l++) {
                DMatrixRMaj w = b.get(l - 1);
                if (w.numRows != widths[l - 1] || w.numCols != widths[l]) {
                    throw new MatrixDimensionException("W_" + l + " of branch " + j, Matrices.shape(w),
                            widths[l - 1] + "x" + widths[l]);
                }
            }
        }
    }

    private int[] widths(int d, int c) {
        int[] h = options.hiddenWidths();
        int[] widths = new int[h.length + 2];
        widths[0] = d;
        System.arraycopy(h, 0, widths, 1, h.length);
        widths[h.length + 1] = c;
        return widths;
    }

    private List<List<DMatrixRMaj>> initialBranches(int d, int c, SplittableRandom rng) {
        int[] widths = widths(d, c);
        List<List<DMatrixRMaj>> branches = new ArrayList<>(options.branches());
        for (int j = 0; j < options.branches(); j++) {
            List<DMatrixRMaj> layers = new ArrayList<>(widths.length - 1);
            for (int l = 1; l < widths.length; l++) {
                DMatrixRMaj w = new DMatrixRMaj(widths[l - 1], widths[l]);
                double sd = options.initScale() / Math.sqrt(widths[l - 1]);
                for (int i = 0; i < w.data.length; i++) {
                    w.data[i] = sd * rng.nextGaussian();
                }
                layers.add(w);
            }
            branches.add(layers);
        }
        return branches;
    }

    /** What one restart returns. */
    private record Outcome(List<List<DMatrixRMaj>> weights, double value, double residual, int iterations,
            boolean diverged, double[] history, double[] residualHistory) {
    }

    private Outcome runRestart(LinearNetworkGradient gradient, DMatrixRMaj y, List<List<DMatrixRMaj>> init) {
        int total = options.iterations();
        int every = options.historyEvery();
        boolean adam = options.optimizer() == Optimizer.ADAM;
        boolean constrained = options.objective().constrained();
        double beta = options.beta();
        double lr0 = options.learningRate();
        double logDecay = Math.log(options.learningRateDecay());
        List<List<DMatrixRMaj>> w = deepCopy(init);
        List<List<DMatrixRMaj>> m = adam ? zerosLike(w) : null;
        List<List<DMatrixRMaj>> v = adam ? zerosLike(w) : null;
        double b1 = DeepLinearTrainer.ADAM_BETA1;
        double b2 = DeepLinearTrainer.ADAM_BETA2;
        double eps = DeepLinearTrainer.ADAM_EPSILON;
        double b1Power = 1;
        double b2Power = 1;

        double rho = options.penalty();
        DMatrixRMaj lambda = new DMatrixRMaj(y.numRows, y.numCols);
        DMatrixRMaj target = y;

        int samples = total / every + 1;
        double[] history = new double[samples];
        double[] residualHistory = new double[samples];
        double best = Double.POSITIVE_INFINITY;
        double bestResidual = Double.NaN;
        List<List<DMatrixRMaj>> bestW = deepCopy(init);
        boolean diverged = false;
        int t = 0;
        while (true) {
            if (Thread.currentThread().isInterrupted()) {
                break;
            }
            if (constrained && t > 0 && t % options.innerIterations() == 0) {
                DMatrixRMaj pred = gradient.predict(w);
                for (int i = 0; i < lambda.data.length; i++) {
                    lambda.data[i] += rho * (pred.data[i] - y.data[i]);
                }
                rho = Math.min(rho * options.penaltyGrowth(), options.penaltyMax());
                target = y.copy();
                LinearNetworkGradient.addScaled(target, -1 / rho, lambda);
            }
            LinearNetworkGradient.Evaluation e = constrained
                    ? gradient.evaluate(w, target, rho, 1, t < total)
                    : gradient.evaluate(w, y, 1, beta, t < total);
            if (!Double.isFinite(e.value()) || (t < total && !Double.isFinite(e.gradientNormSquared()))) {
                diverged = true;
                break;
            }
            double residual = Matrices.distance(e.prediction(), y);
            double value;
            if (constrained) {
                value = e.regularizer();
                best = value;
                bestResidual = residual;
            } else {
                value = e.value();
                if (value < best) {
                    best = value;
                    bestResidual = residual;
                    copyInto(w, bestW);
                }
            }
            if (t % every == 0) {
                history[t / every] = constrained ? value : best;
                residualHistory[t / every] = constrained ? residual : bestResidual;
            }
            if (t == total) {
                break;
            }
            double lr = lr0 * Math.exp(logDecay * t / total);
            if (adam) {
                b1Power *= b1;
                b2Power *= b2;
                double c1 = 1 - b1Power;
                double c2 = 1 - b2Power;
                for (int j = 0; j < w.size(); j++) {
                    for (int l = 0; l < w.get(j).size(); l++) {
                        double[] wd = w.get(j).get(l).data;
                        double[] gd = e.gradient().get(j).get(l).data;
                        double[] md = m.get(j).get(l).data;
                        double[] vd = v.get(j).get(l).data;
                        for (int i = 0; i < wd.length; i++) {
                            double g = gd[i];
                            md[i] = b1 * md[i] + (1 - b1) * g;
                            vd[i] = b2 * vd[i] + (1 - b2) * g * g;
                            wd[i] -= lr * (md[i] / c1) / (Math.sqrt(vd[i] / c2) + eps);
                        }
                    }
                }
            } else {
                for (int j = 0; j < w.size(); j++) {
                    for (int l = 0; l < w.get(j).size(); l++) {
                        LinearNetworkGradient.addScaled(w.get(j).get(l), -lr, e.gradient().get(j).get(l));
                    }
                }
            }
            t++;
        }
        if (diverged) {
            Arrays.fill(history, Double.POSITIVE_INFINITY);
            Arrays.fill(residualHistory, Double.NaN);
            return new Outcome(deepCopy(init), Double.POSITIVE_INFINITY, Double.NaN, t, true, history,
                    residualHistory);
        }
        Arrays.fill(history, Math.min(samples, t / every + 1), samples, history[Math.min(samples - 1, t / every)]);
        Arrays.fill(residualHistory, Math.min(samples, t / every + 1), samples,
                residualHistory[Math.min(samples - 1, t / every)]);
        return new Outcome(constrained ? w : bestW, best, bestResidual, t, false, history, residualHistory);
    }

    private LinearTrainingResult assemble(LinearNetworkGradient gradient, DMatrixRMaj y,
            List<List<DMatrixRMaj>> fallback, Outcome[] outcomes, long start) {
        int restarts = outcomes.length;
        boolean constrained = options.objective().constrained();
        double feasible = options.feasibilityTolerance() * Math.max(1, Math.sqrt(Matrices.frobeniusSquared(y)));
        double[] values = new double[restarts];
        double[] residuals = new double[restarts];
        int[] iterations = new int[restarts];
        boolean[] diverged = new boolean[restarts];
        long total = 0;
        int best = -1;
        boolean bestFeasible = false;
        for (int r = 0; r < restarts; r++) {
            Outcome o = outcomes[r];
            values[r] = o.value;
            residuals[r] = o.residual;
            iterations[r] = o.iterations;
            diverged[r] = o.diverged;
            total += o.iterations;
            if (o.diverged) {
                continue;
            }
            if (!constrained) {
                if (best < 0 || o.value < values[best]) {
                    best = r;
                }
            } else {
                boolean f = o.residual <= feasible;
                if (best < 0 || (f && !bestFeasible) || (f && o.value < values[best])
                        || (!f && !bestFeasible && o.residual < residuals[best])) {
                    best = r;
                    bestFeasible = f;
                }
            }
        }
        List<List<DMatrixRMaj>> w = best >= 0 ? outcomes[best].weights : fallback;
        LinearNetworkGradient.Evaluation e = gradient.evaluate(w, y, 1, options.beta(), false);
        double bestValue = best < 0 ? Double.POSITIVE_INFINITY : constrained ? e.regularizer() : e.value();
        double residual = Math.sqrt(2 * e.loss());
        double[] history;
        double[] residualHistory;
        if (constrained) {
            Outcome src = outcomes[Math.max(best, 0)];
            history = src.history.clone();
            residualHistory = src.residualHistory.clone();
        } else {
            int samples = outcomes[0].history.length;
            history = new double[samples];
            residualHistory = new double[samples];
            Arrays.fill(history, Double.POSITIVE_INFINITY);
            Arrays.fill(residualHistory, Double.NaN);
            for (Outcome o : outcomes) {
                if (o.diverged) {
                    continue;
                }
                for (int k = 0; k < samples; k++) {
                    if (o.history[k] < history[k]) {
                        history[k] = o.history[k];
                        residualHistory[k] = o.residualHistory[k];
                    }
                }
            }
        }
        List<DeepLinearWeights> branches = new ArrayList<>(w.size());
        for (List<DMatrixRMaj> b : w) {
            branches.add(new DeepLinearWeights(b));
        }
        Diagnostics diag = diagnostics(w);
        double wall = (System.nanoTime() - start) * 1e-9;
        return new LinearTrainingResult(options, branches, bestValue, e.loss(), e.regularizer(), residual, best,
                values, residuals, iterations, diverged, total, options.historyEvery(), history, residualHistory,
                diag.layers, diag.firstLayerSingularValues, wall);
    }

    private record Diagnostics(List<LinearTrainingResult.LayerDiagnostics> layers, double[] firstLayerSingularValues) {
    }

    private Diagnostics diagnostics(List<List<DMatrixRMaj>> w) {
        double[][][] sv = new double[w.size()][][];
        double largest = 0;
        for (int j = 0; j < w.size(); j++) {
            sv[j] = new double[w.get(j).size()][];
            for (int l = 0; l < w.get(j).size(); l++) {
                sv[j][l] = Linalg.get().singularValues(w.get(j).get(l));
                largest = Math.max(largest, sv[j][l].length == 0 ? 0 : sv[j][l][0]);
            }
        }
        double tol = options.rankTolerance() * largest;
        List<LinearTrainingResult.LayerDiagnostics> layers = new ArrayList<>();
        for (int j = 0; j < w.size(); j++) {
            for (int l = 0; l < w.get(j).size(); l++) {
                double[] s = sv[j][l];
                int rank = 0;
                while (rank < s.length && s[rank] > tol) {
                    rank++;
                }
                layers.add(new LinearTrainingResult.LayerDiagnostics(j, l + 1, rank, s.length == 0 ? 0 : s[0],
                        Math.sqrt(Matrices.frobeniusSquared(w.get(j).get(l)))));
            }
        }
        DMatrixRMaj first;
        if (w.size() == 1) {
            first = w.get(0).get(0);
        } else {
            int d = w.get(0).get(0).numRows;
            int k = w.get(0).get(0).numCols;
            first = new DMatrixRMaj(d, k * w.size());
            for (int j = 0; j < w.size(); j++) {
                DMatrixRMaj wj = w.get(j).get(0);
                for (int i = 0; i < d; i++) {
                    for (int a = 0; a < k; a++) {
                        first.unsafe_set(i, j * k + a, wj.unsafe_get(i, a));
                    }
                }
            }
        }
        return new Diagnostics(layers, Linalg.get().singularValues(first));
    }

    private static List<List<DMatrixRMaj>> deepCopy(List<List<DMatrixRMaj>> w) {
        List<List<DMatrixRMaj>> out = new ArrayList<>(w.size());
        for (List<DMatrixRMaj> b : w) {
            List<DMatrixRMaj> c = new ArrayList<>(b.size());
            for (DMatrixRMaj a : b) {
                c.add(a.copy());
            }
            out.add(c);
        }
        return out;
    }

    private static List<List<DMatrixRMaj>> zerosLike(List<List<DMatrixRMaj>> w) {
        List<List<DMatrixRMaj>> out = new ArrayList<>(w.size());
        for (List<DMatrixRMaj> b : w) {
            List<DMatrixRMaj> c = new ArrayList<>(b.size());
            for (DMatrixRMaj a : b) {
                c.add(new DMatrixRMaj(a.numRows, a.numCols));
            }
            out.add(c);
        }
        return out;
    }

    private static void copyInto(List<List<DMatrixRMaj>> from, List<List<DMatrixRMaj>> to) {
        for (int j = 0; j < from.size(); j++) {
            for (int l = 0; l < from.get(j).size(); l++) {
                DMatrixRMaj a = from.get(j).get(l);
                System.arraycopy(a.data, 0, to.get(j).get(l).data, 0, a.getNumElements());
            }
        }
    }
}
