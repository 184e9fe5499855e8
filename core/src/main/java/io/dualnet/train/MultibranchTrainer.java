package io.dualnet.train;

import io.dualnet.data.InvalidInputException;
import io.dualnet.net.BranchArchitecture;
import io.dualnet.net.MlpBranch;
import io.dualnet.net.MultibranchNetwork;
import io.dualnet.reg.BranchRegularizer;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ForkJoinPool;
import java.util.stream.IntStream;

/**
 * Trains a multi-branch network {@code f = (1/I) sum_i f_i} (Zhang, Shao, Salakhutdinov, Section 3) by mini-batch
 * SGD (with momentum) or Adam on
 *
 * <pre>
 *   (1/n) sum_k loss(f(w; x_k), y_k) + weightDecay (1/I) sum_i h(w_(i)),
 * </pre>
 *
 * optionally under the constraints of problem (2): every parameter in {@code [-R, R]} (clipped after each update)
 * and the budget {@code (1/I) sum_i h(w_(i)) <= K}, enforced after each update by scaling all parameters (for
 * {@code h = ||w||^2} this is the Euclidean projection onto the budget ball; scaling never leaves the box), so every
 * iterate is feasible.
 *
 * <p><b>Initialization.</b> Each weight of layer {@code l} is {@code N(0, initScale^2 / d_{l-1})}, biases 0; restart
 * {@code r} uses the {@code (r+1)}-th split of {@code new SplittableRandom(seed)}, branches in order. <b>Threads.</b>
 * With at least as many restarts as threads, restarts run in parallel; otherwise restarts run one after the other
 * and the branches of each mini-batch are split over the threads. Per-branch results are summed in branch order, so
 * the result does not depend on the thread count. Divergence (non-finite objective) ends a restart; it is reported,
 * never thrown.
 */
public final class MultibranchTrainer {

    /** The update rule. */
    public enum Optimizer {
        /** Mini-batch SGD with heavy-ball momentum. */
        SGD,
        /** Adam ({@code beta1 = 0.9}, {@code beta2 = 0.999}, {@code eps = 1e-8}). */
        ADAM
    }

    /**
     * Options, validated on construction ({@link InvalidInputException} naming the field).
     *
     * @param optimizer SGD or Adam
     * @param learningRate step size, {@code > 0}
     * @param momentum SGD momentum in {@code [0, 1)} (ignored by Adam)
     * @param epochs passes over the data, {@code >= 1}
     * @param batchSize samples per update, {@code >= 1} (capped at {@code n})
     * @param weightDecay coefficient of the average regularizer in the objective, {@code >= 0}
     * @param budget {@code K}: keep {@code (1/I) sum h <= K}; NaN for none
     * @param boxRadius {@code R}: keep every parameter in {@code [-R, R]}; NaN for none
     * @param regularizer {@code h}
     * @param restarts random starts, {@code >= 1}
     * @param seed base seed
     * @param threads worker threads, {@code >= 1}
     * @param initScale initial weight scale, {@code > 0}
     */
    public record Options(Optimizer optimizer, double learningRate, double momentum, int epochs, int batchSize,
                          double weightDecay, double budget, double boxRadius, BranchRegularizer regularizer,
                          int restarts, long seed, int threads, double initScale) {
        /** Validates every field. */
        public Options {
            if (optimizer == null) {
                throw new InvalidInputException("optimizer", null, "sgd or adam");
            }
            InvalidInputException.requirePositive("learningRate", learningRate);
            if (!(momentum >= 0 && momentum < 1)) {
                throw new InvalidInputException("momentum", momentum, "a number in [0, 1)");
            }
            InvalidInputException.requireAtLeast("epochs", epochs, 1);
            InvalidInputException.requireAtLeast("batchSize", batchSize, 1);
            InvalidInputException.requireNonNegative("weightDecay", weightDecay);
            if (!Double.isNaN(budget)) {
                InvalidInputException.requireNonNegative("budget", budget);
            }
            if (!Double.isNaN(boxRadius)) {
                InvalidInputException.requirePositive("boxRadius", boxRadius);
            }
            if (regularizer == null) {
                throw new InvalidInputException("regularizer", null, "l2 or l1");
            }
            InvalidInputException.requireAtLeast("restarts", restarts, 1);
            InvalidInputException.requireAtLeast("threads", threads, 1);
            InvalidInputException.requirePositive("initScale", initScale);
        }

        /** Adam, learning rate 0.01, 200 epochs, batch 32, no weight decay, no constraints, 4 restarts, seed 1. */
        public static Options defaults() {
            return new Options(Optimizer.ADAM, 0.01, 0.9, 200, 32, 0, Double.NaN, Double.NaN,
                    BranchRegularizer.L2_SQUARED, 4, 1, 1, 1.0);
        }

        /** The optimizer named {@code sgd} or {@code adam}. */
        public static Optimizer optimizer(String name) {
            String key = name == null ? "" : name.trim().toLowerCase(Locale.ROOT);
            return switch (key) {
                case "sgd" -> Optimizer.SGD;
                case "adam" -> Optimizer.ADAM;
                default -> throw new InvalidInputException("--optimizer", name, "sgd or adam");
            };
        }
    }

    private final Options options;

    /** @param options validated options */
    public MultibranchTrainer(Options options) {
        this.options = options;
    }

    /**
     * Trains {@code branches} branches cycling through {@code types} on {@code (x, y)}.
     *
     * @throws InvalidInputException on inconsistent data, labels or architectures
     */
    public MultibranchTrainingResult train(List<BranchArchitecture> types, int branches, double[][] x, double[] y,
            MultibranchLoss loss) {
        long start = System.nanoTime();
        List<BranchArchitecture> archs = MultibranchNetwork.roundRobin(types, branches);
        if (x == null || x.length == 0 || y == null || y.length != x.length) {
            throw new InvalidInputException("--y", y == null ? null : y.length + " labels",
                    (x == null ? 0 : x.length) + " labels (one per sample)");
        }
        for (int k = 0; k < x.length; k++) {
            if (x[k].length != archs.get(0).inputDim()) {
                throw new InvalidInputException("--branch", archs.get(0).spec(), "input dimension " + x[k].length
                        + " (the data's)");
            }
        }
        MultibranchNetwork probe = new MultibranchNetwork(archs, zeros(archs));
        loss.validate(y, probe.outputDim());
        SplittableRandom root = new SplittableRandom(options.seed());
        SplittableRandom[] rngs = new SplittableRandom[options.restarts()];
        for (int r = 0; r < rngs.length; r++) {
            rngs[r] = root.split();
        }
        boolean parallelRestarts = options.restarts() >= options.threads();
        int inner = parallelRestarts ? 1 : options.threads();
        List<Run> runs;
        if (parallelRestarts) {
            runs = ParallelRestarts.run(options.restarts(), options.threads(),
                    r -> new Restart(probe, x, y, loss, rngs[r], 1).run());
        } else {
            runs = new java.util.ArrayList<>();
            for (int r = 0; r < options.restarts(); r++) {
                runs.add(new Restart(probe, x, y, loss, rngs[r], inner).run());
            }
        }
        int best = 0;
        double[] objectives = new double[runs.size()];
        double[] history = new double[options.epochs()];
        Arrays.fill(history, Double.POSITIVE_INFINITY);
        long updates = 0;
        for (int r = 0; r < runs.size(); r++) {
            objectives[r] = runs.get(r).objective;
            if (objectives[r] < objectives[best]) {
                best = r;
            }
            updates = Math.max(updates, runs.get(r).updates);
            for (int e = 0; e < history.length; e++) {
                history[e] = Math.min(history[e], runs.get(r).history[e]);
            }
        }
        MultibranchNetwork network = new MultibranchNetwork(archs, runs.get(best).parameters);
        double[] measured = evaluate(network, x, y, loss);
        return new MultibranchTrainingResult(network, measured[0] + options.weightDecay() * measured[2], measured[0],
                measured[2], measured[1], objectives, best, options.epochs(), updates, history,
                (System.nanoTime() - start) * 1e-9);
    }

    /** {@code {mean loss, accuracy, average regularizer}} of {@code network} on the data. */
    double[] evaluate(MultibranchNetwork network, double[][] x, double[] y, MultibranchLoss loss) {
        double[][] out = network.predict(x);
        double l = 0;
        int correct = 0;
        for (int k = 0; k < x.length; k++) {
            l += loss.value(out[k], y[k]);
            correct += loss.correct(out[k], y[k]) ? 1 : 0;
        }
        return new double[] {l / x.length, (double) correct / x.length,
            network.averageRegularizer(options.regularizer())};
    }

    private static double[][] zeros(List<BranchArchitecture> archs) {
        double[][] w = new double[archs.size()][];
        for (int i = 0; i < w.length; i++) {
            w[i] = new double[archs.get(i).parameterCount()];
        }
        return w;
    }

    /** What one restart returns. */
    private record Run(double[][] parameters, double objective, long updates, double[] history) {
    }

    /** One restart: its parameters, optimizer state and (optionally) a pool for the branches. */
    private final class Restart {
        private final MultibranchNetwork shape;
        private final double[][] x;
        private final double[] y;
        private final MultibranchLoss loss;
        private final SplittableRandom rng;
        private final int threads;
        private final int branches;
        private final int outputs;
        private final double[][] w;
        private final double[][] m;
        private final double[][] v;
        private final double[][] grad;
        private final double[][][] branchOut;

        Restart(MultibranchNetwork shape, double[][] x, double[] y, MultibranchLoss loss, SplittableRandom rng,
                int threads) {
            this.shape = shape;
            this.x = x;
            this.y = y;
            this.loss = loss;
            this.rng = rng;
            this.threads = threads;
            this.branches = shape.branches();
            this.outputs = shape.outputDim();
            this.w = new double[branches][];
            this.m = new double[branches][];
            this.v = new double[branches][];
            this.grad = new double[branches][];
            this.branchOut = new double[branches][][];
            for (int i = 0; i < branches; i++) {
                w[i] = init(shape.architecture(i));
                m[i] = new double[w[i].length];
                v[i] = new double[w[i].length];
                grad[i] = new double[w[i].length];
            }
            project();
        }

        private double[] init(BranchArchitecture a) {
            double[] p = new double[a.parameterCount()];
            int offset = 0;
            for (int l = 1; l < a.layers().size(); l++) {
                int in = a.layers().get(l - 1);
                int out = a.layers().get(l);
                double sd = options.initScale() / Math.sqrt(in);
                for (int j = 0; j < in * out; j++) {
                    p[offset++] = sd * rng.nextGaussian();
                }
                offset += a.bias() ? out : 0;
            }
            return p;
        }

        Run run() {
            int n = x.length;
            int batch = Math.min(options.batchSize(), n);
            int[] order = IntStream.range(0, n).toArray();
            double[] history = new double[options.epochs()];
            double best = Double.POSITIVE_INFINITY;
            double[][] bestW = copy(w);
            long updates = 0;
            double b1 = 1;
            double b2 = 1;
            ForkJoinPool pool = threads > 1 ? new ForkJoinPool(threads) : null;
            try {
                for (int epoch = 0; epoch < options.epochs(); epoch++) {
                    for (int i = n - 1; i > 0; i--) {
                        int j = rng.nextInt(i + 1);
                        int t = order[i];
                        order[i] = order[j];
                        order[j] = t;
                    }
                    for (int from = 0; from < n; from += batch) {
                        int to = Math.min(n, from + batch);
                        gradient(order, from, to, pool);
                        b1 *= 0.9;
                        b2 *= 0.999;
                        step(b1, b2);
                        project();
                        updates++;
                    }
                    double objective = objective();
                    if (!Double.isFinite(objective)) {
                        Arrays.fill(history, epoch, history.length, best);
                        break;
                    }
                    if (objective < best) {
                        best = objective;
                        bestW = copy(w);
                    }
                    history[epoch] = best;
                }
            } finally {
                if (pool != null) {
                    pool.shutdownNow();
                }
            }
            return new Run(bestW, best, updates, history);
        }

        /** Fills {@code grad} with the mini-batch gradient of the objective. */
        private void gradient(int[] order, int from, int to, ForkJoinPool pool) {
            int count = to - from;
            forEachBranch(pool, i -> {
                MlpBranch e = shape.evaluator(i);
                MlpBranch.Workspace ws = e.workspace();
                if (branchOut[i] == null || branchOut[i].length < count) {
                    branchOut[i] = new double[x.length][outputs];
                }
                for (int s = 0; s < count; s++) {
                    e.forward(w[i], x[order[from + s]], ws, branchOut[i][s]);
                }
            });
            double[][] dOut = new double[count][outputs];
            double[] mean = new double[outputs];
            for (int s = 0; s < count; s++) {
                Arrays.fill(mean, 0);
                for (int i = 0; i < branches; i++) {
                    for (int j = 0; j < outputs; j++) {
                        mean[j] += branchOut[i][s][j];
                    }
                }
                for (int j = 0; j < outputs; j++) {
                    mean[j] /= branches;
                }
                loss.gradient(mean, y[order[from + s]], 1.0 / (count * branches), dOut[s]);
            }
            forEachBranch(pool, i -> {
                MlpBranch e = shape.evaluator(i);
                MlpBranch.Workspace ws = e.workspace();
                Arrays.fill(grad[i], 0);
                double[] o = new double[outputs];
                for (int s = 0; s < count; s++) {
                    e.forward(w[i], x[order[from + s]], ws, o);
                    e.backward(w[i], ws, dOut[s], grad[i]);
                }
                if (options.weightDecay() > 0) {
                    options.regularizer().addGradient(w[i], options.weightDecay() / branches, grad[i]);
                }
            });
        }

        private void forEachBranch(ForkJoinPool pool, java.util.function.IntConsumer body) {
            if (pool == null) {
                for (int i = 0; i < branches; i++) {
                    body.accept(i);
                }
                return;
            }
            try {
                pool.submit(() -> IntStream.range(0, branches).parallel().forEach(body)).get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("training interrupted", e);
            } catch (ExecutionException e) {
                throw e.getCause() instanceof RuntimeException re ? re : new IllegalStateException(e.getCause());
            }
        }

        private void step(double b1, double b2) {
            double lr = options.learningRate();
            for (int i = 0; i < branches; i++) {
                double[] wi = w[i];
                double[] gi = grad[i];
                double[] mi = m[i];
                double[] vi = v[i];
                for (int j = 0; j < wi.length; j++) {
                    if (options.optimizer() == Optimizer.ADAM) {
                        mi[j] = 0.9 * mi[j] + 0.1 * gi[j];
                        vi[j] = 0.999 * vi[j] + 0.001 * gi[j] * gi[j];
                        wi[j] -= lr * (mi[j] / (1 - b1)) / (Math.sqrt(vi[j] / (1 - b2)) + 1e-8);
                    } else {
                        mi[j] = options.momentum() * mi[j] + gi[j];
                        wi[j] -= lr * mi[j];
                    }
                }
            }
        }

        /** Clips to the box, then scales into the budget. */
        private void project() {
            double r = options.boxRadius();
            double h = 0;
            for (double[] wi : w) {
                if (!Double.isNaN(r)) {
                    for (int j = 0; j < wi.length; j++) {
                        wi[j] = Math.max(-r, Math.min(r, wi[j]));
                    }
                }
                h += options.regularizer().value(wi);
            }
            h /= branches;
            double k = options.budget();
            if (!Double.isNaN(k) && h > k) {
                double scale = (options.regularizer() == BranchRegularizer.L2_SQUARED ? Math.sqrt(k / h) : k / h)
                        * (1 - 1e-12);
                for (double[] wi : w) {
                    for (int j = 0; j < wi.length; j++) {
                        wi[j] *= scale;
                    }
                }
            }
        }

        private double objective() {
            double[] e = evaluate(new MultibranchNetwork(shapeArchs(), w), x, y, loss);
            return e[0] + options.weightDecay() * e[2];
        }

        private List<BranchArchitecture> shapeArchs() {
            return IntStream.range(0, branches).mapToObj(shape::architecture).toList();
        }
    }

    private static double[][] copy(double[][] a) {
        double[][] c = new double[a.length][];
        for (int i = 0; i < a.length; i++) {
            c[i] = a[i].clone();
        }
        return c;
    }
}
