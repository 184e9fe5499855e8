package io.dualnet.train;

import io.dualnet.data.InvalidInputException;
import io.dualnet.linalg.MatrixDimensionException;
import io.dualnet.linalg.Matrices;
import io.dualnet.net.DeepReluNetwork;
import org.ejml.data.DMatrixRMaj;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Random;

/**
 * Gradient training of a standard deep ReLU network ({@link DeepReluNetwork}, {@code L} layers, vector outputs,
 * optional biases) on the squared loss with weight decay, paper 003 (17) / spec §3.1:
 *
 * <pre>
 *   min_theta  (1/2) ||f_theta(X) - Y||_F^2 + (beta/2) ( sum_l ||W_l||_F^2  [+ sum_l ||b_l||^2] ),
 * </pre>
 *
 * the loss summed over samples (rows of {@code X}, {@code n x d}; targets {@code Y}, {@code n x K}; a scalar target
 * is {@code K = 1}). Biases enter the penalty only with {@link Options#regularizeBiases()}.
 *
 * <p><b>Updates.</b> One epoch is one pass over a seeded shuffle of the samples in mini-batches of
 * {@link Options#batchSize()} (the last one possibly smaller; 0 means one full batch per epoch). A mini-batch's loss
 * is scaled by {@code n / batch} so its gradient is unbiased for the full objective's. SGD with (heavy-ball) momentum
 * {@code mu}: {@code v <- mu v + g, theta <- theta - lr v} (PyTorch's convention; {@code mu = 0} is plain SGD); Adam
 * with {@link DeepLinearTrainer#ADAM_BETA1}, {@link DeepLinearTrainer#ADAM_BETA2}, {@link DeepLinearTrainer#ADAM_EPSILON}
 * and bias correction. Constant learning rate. Gradients: {@link DeepReluGradient} (GEMMs through
 * {@link io.dualnet.linalg.Linalg#get()}).
 *
 * <p><b>Initialization and determinism.</b> Restart {@code r} draws from {@code new Random(s_r)} with
 * {@code s_r = ReluAdamTrainer.restartSeed(seed, r)}: layer by layer, every entry of {@code W_l} i.i.d.
 * {@code N(0, initScale^2 / m_{l-1})} (row-major), then the bias {@code b_l} (if present) i.i.d. with the same
 * variance; the shuffles continue from the same generator. A warm start replaces restart 0's random start. Restarts run
 * in parallel on {@link Options#threads()} threads ({@link ParallelRestarts}); the result except wall-clock times does
 * not depend on the thread count.
 *
 * <p><b>Trace and listener.</b> The full objective is evaluated at epoch 0, every {@link Options#traceEvery()} epochs
 * and at the last epoch; each evaluation is a {@link DeepReluTrainingResult.TracePoint} and is passed, with a snapshot
 * of the network, to the optional {@link Listener} (for progress bars and per-epoch metrics such as test error or layer
 * ranks). A non-finite objective or gradient stops the restart and marks it diverged; it is reported, never thrown.
 * The returned network is the <em>final</em> iterate of the restart with the lowest final objective.
 */
public final class DeepReluTrainer {

    /** The update rule. */
    public enum Optimizer {
        /** SGD with heavy-ball momentum ({@code momentum = 0}: plain SGD; full batch: gradient descent). */
        SGD,
        /** Adam (Kingma and Ba) with bias correction. */
        ADAM
    }

    /** Receives every trace point; called from the restarts' pool threads, so it must be thread-safe. */
    @FunctionalInterface
    public interface Listener {
        /**
         * @param restart the restart's index
         * @param point the trace point
         * @param network a snapshot of the network at that point (immutable)
         */
        void onTrace(int restart, DeepReluTrainingResult.TracePoint point, DeepReluNetwork network);
    }

    /**
     * Training options, validated on construction ({@link InvalidInputException} naming the field).
     *
     * @param hiddenWidths widths {@code m_1..m_{L-1}} of the hidden layers, each {@code >= 1} (copied; may be empty
     *     for a linear model {@code L = 1})
     * @param hiddenBiases whether every hidden layer has a bias
     * @param outputBias whether the output layer has a bias
     * @param optimizer SGD (with momentum) or ADAM, non-null
     * @param learningRate step size, finite {@code > 0}
     * @param momentum SGD momentum in {@code [0, 1)} (ignored by Adam)
     * @param epochs passes over the data per restart, {@code >= 1}
     * @param batchSize samples per update, {@code >= 0}; 0 (or {@code >= n}) means full batch
     * @param beta weight decay, finite {@code >= 0}
     * @param regularizeBiases whether biases are in the penalty
     * @param restarts random starts, {@code >= 1}
     * @param threads pool size, {@code >= 1}
     * @param seed base seed
     * @param initScale initial entries have standard deviation {@code initScale / sqrt(fan-in)}, finite {@code > 0}
     * @param traceEvery trace period in epochs, {@code >= 1}
     */
    public record Options(
            int[] hiddenWidths,
            boolean hiddenBiases,
            boolean outputBias,
            Optimizer optimizer,
            double learningRate,
            double momentum,
            int epochs,
            int batchSize,
            double beta,
            boolean regularizeBiases,
            int restarts,
            int threads,
            long seed,
            double initScale,
            int traceEvery) {

        /** Validates every field and copies {@code hiddenWidths}. */
        public Options {
            if (hiddenWidths == null) {
                throw new InvalidInputException("hiddenWidths", null, "an array of widths >= 1 (may be empty)");
            }
            hiddenWidths = hiddenWidths.clone();
            for (int m : hiddenWidths) {
                InvalidInputException.requireAtLeast("hiddenWidths", m, 1);
            }
            if (optimizer == null) {
                throw new InvalidInputException("optimizer", null, "one of " + Arrays.toString(Optimizer.values()));
            }
            InvalidInputException.requirePositive("learningRate", learningRate);
            if (!(momentum >= 0 && momentum < 1)) {
                throw new InvalidInputException("momentum", momentum, "a number in [0, 1)");
            }
            InvalidInputException.requireAtLeast("epochs", epochs, 1);
            InvalidInputException.requireAtLeast("batchSize", batchSize, 0);
            InvalidInputException.requireNonNegative("beta", beta);
            InvalidInputException.requireAtLeast("restarts", restarts, 1);
            InvalidInputException.requireAtLeast("threads", threads, 1);
            InvalidInputException.requirePositive("initScale", initScale);
            InvalidInputException.requireAtLeast("traceEvery", traceEvery, 1);
        }

        /**
         * The given hidden widths, no biases, SGD with learning rate {@code 1e-3} and momentum 0.9, 100 full-batch
         * epochs, {@code beta = 0}, one restart on one thread, seed 0, He initialization ({@code initScale =
         * sqrt 2}), a trace point every epoch.
         */
        public static Options defaults(int... hiddenWidths) {
            return new Options(hiddenWidths, false, false, Optimizer.SGD, 1e-3, 0.9, 100, 0, 0.0, false, 1, 1, 0L,
                    Math.sqrt(2), 1);
        }

        /** Number of layers {@code L = hiddenWidths.length + 1}. */
        public int depth() {
            return hiddenWidths.length + 1;
        }

        @Override
        public int[] hiddenWidths() {
            return hiddenWidths.clone();
        }

        /** Biases in hidden layers and/or the output layer. */
        public Options withBiases(boolean hidden, boolean output) {
            return new Options(hiddenWidths, hidden, output, optimizer, learningRate, momentum, epochs, batchSize,
                    beta, regularizeBiases, restarts, threads, seed, initScale, traceEvery);
        }

        /** SGD with the given momentum. */
        public Options withSgd(double lr, double mu) {
            return new Options(hiddenWidths, hiddenBiases, outputBias, Optimizer.SGD, lr, mu, epochs, batchSize,
                    beta, regularizeBiases, restarts, threads, seed, initScale, traceEvery);
        }

        /** Adam with the given learning rate. */
        public Options withAdam(double lr) {
            return new Options(hiddenWidths, hiddenBiases, outputBias, Optimizer.ADAM, lr, momentum, epochs,
                    batchSize, beta, regularizeBiases, restarts, threads, seed, initScale, traceEvery);
        }

        public Options withEpochs(int v) {
            return new Options(hiddenWidths, hiddenBiases, outputBias, optimizer, learningRate, momentum, v,
                    batchSize, beta, regularizeBiases, restarts, threads, seed, initScale, traceEvery);
        }

        /** Samples per update; 0 for full batch. */
        public Options withBatchSize(int v) {
            return new Options(hiddenWidths, hiddenBiases, outputBias, optimizer, learningRate, momentum, epochs, v,
                    beta, regularizeBiases, restarts, threads, seed, initScale, traceEvery);
        }

        /** Weight decay {@code beta}; {@code includeBiases} puts biases in the penalty too. */
        public Options withBeta(double v, boolean includeBiases) {
            return new Options(hiddenWidths, hiddenBiases, outputBias, optimizer, learningRate, momentum, epochs,
                    batchSize, v, includeBiases, restarts, threads, seed, initScale, traceEvery);
        }

        /** Restarts and the thread pool that runs them. */
        public Options withRestarts(int count, int poolThreads) {
            return new Options(hiddenWidths, hiddenBiases, outputBias, optimizer, learningRate, momentum, epochs,
                    batchSize, beta, regularizeBiases, count, poolThreads, seed, initScale, traceEvery);
        }

        public Options withSeed(long v) {
            return new Options(hiddenWidths, hiddenBiases, outputBias, optimizer, learningRate, momentum, epochs,
                    batchSize, beta, regularizeBiases, restarts, threads, v, initScale, traceEvery);
        }

        public Options withInitScale(double v) {
            return new Options(hiddenWidths, hiddenBiases, outputBias, optimizer, learningRate, momentum, epochs,
                    batchSize, beta, regularizeBiases, restarts, threads, seed, v, traceEvery);
        }

        public Options withTraceEvery(int v) {
            return new Options(hiddenWidths, hiddenBiases, outputBias, optimizer, learningRate, momentum, epochs,
                    batchSize, beta, regularizeBiases, restarts, threads, seed, initScale, v);
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Options p && Arrays.equals(hiddenWidths, p.hiddenWidths)
                    && hiddenBiases == p.hiddenBiases && outputBias == p.outputBias && optimizer == p.optimizer
                    && Double.compare(learningRate, p.learningRate) == 0 && Double.compare(momentum, p.momentum) == 0
                    && epochs == p.epochs && batchSize == p.batchSize && Double.compare(beta, p.beta) == 0
                    && regularizeBiases == p.regularizeBiases && restarts == p.restarts && threads == p.threads
                    && seed == p.seed && Double.compare(initScale, p.initScale) == 0 && traceEvery == p.traceEvery;
        }

        @Override
        public int hashCode() {
            return Objects.hash(Arrays.hashCode(hiddenWidths), optimizer, learningRate, epochs, batchSize, beta, seed);
        }

        @Override
        public String toString() {
            return "Options[hiddenWidths=" + Arrays.toString(hiddenWidths) + ", hiddenBiases=" + hiddenBiases
                    + ", outputBias=" + outputBias + ", optimizer=" + optimizer + ", learningRate=" + learningRate
                    + ", momentum=" + momentum + ", epochs=" + epochs + ", batchSize=" + batchSize + ", beta=" + beta
                    + ", regularizeBiases=" + regularizeBiases + ", restarts=" + restarts + ", threads=" + threads
                    + ", seed=" + seed + ", initScale=" + initScale + ", traceEvery=" + traceEvery + "]";
        }
    }

    private final Options options;

    /** @param options validated options */
    public DeepReluTrainer(Options options) {
        this.options = Objects.requireNonNull(options, "options");
    }

    /** The options. */
    public Options options() {
        return options;
    }

    /** Trains on inputs {@code x} ({@code n x d}) and scalar targets {@code y} ({@code n}), from random starts. */
    public DeepReluTrainingResult train(DMatrixRMaj x, double[] y) {
        return train(x, column(y), null, null);
    }

    /**
     * Trains from {@code restarts} starts: restart 0 from {@code warmStart} if given, the others (or all) from seeded
     * random starts.
     *
     * @param x inputs {@code n x d}, finite, rows are samples
     * @param y targets {@code n x K}, finite
     * @param warmStart a network with the options' architecture for inputs of width {@code d} and {@code K} outputs,
     *     or {@code null}
     * @param listener receives trace points with network snapshots (from pool threads), or {@code null}
     * @throws InvalidInputException naming {@code x}, {@code y} or {@code warmStart} when they do not fit
     * @throws IllegalStateException if the calling thread is interrupted (the flag is restored)
     */
    public DeepReluTrainingResult train(DMatrixRMaj x, DMatrixRMaj y, DeepReluNetwork warmStart, Listener listener) {
        Matrices.requireNonEmpty("x", Matrices.requireFinite("x", x));
        Matrices.requireNonEmpty("y", Matrices.requireFinite("y", y));
        if (y.numRows != x.numRows) {
            throw new MatrixDimensionException("y", Matrices.shape(y), x.numRows + " x K (one row per sample of x)");
        }
        if (warmStart != null) {
            checkWarmStart(warmStart, x.numCols, y.numCols);
        }
        long start = System.nanoTime();
        List<Outcome> outcomes = ParallelRestarts.run(options.restarts(), options.threads(),
                r -> runRestart(x, y, r, r == 0 ? warmStart : null, listener));
        int best = -1;
        double[] finals = new double[outcomes.size()];
        boolean[] diverged = new boolean[outcomes.size()];
        List<List<DeepReluTrainingResult.TracePoint>> traces = new ArrayList<>(outcomes.size());
        for (int r = 0; r < outcomes.size(); r++) {
            Outcome o = outcomes.get(r);
            finals[r] = o.diverged ? Double.POSITIVE_INFINITY : o.value;
            diverged[r] = o.diverged;
            traces.add(List.copyOf(o.trace));
            if (!o.diverged && (best < 0 || o.value < finals[best])) {
                best = r;
            }
        }
        DeepReluNetwork network = best >= 0 ? outcomes.get(best).network : outcomes.get(0).network;
        double objective = best >= 0 ? finals[best] : Double.POSITIVE_INFINITY;
        return new DeepReluTrainingResult(network, objective, best, finals, diverged, List.copyOf(traces),
                (System.nanoTime() - start) * 1e-9, options);
    }

    /**
     * The full objective {@code (1/2)||f(X) - Y||_F^2 + (beta/2)(sum ||W_l||_F^2 [+ sum ||b_l||^2])} of
     * {@code network} with this trainer's {@code beta} and bias setting: the quantity training minimizes.
     */
    public double objective(DeepReluNetwork network, DMatrixRMaj x, DMatrixRMaj y) {
        return objective(network, x, y, options.beta(), options.regularizeBiases());
    }

    /** The objective above for any {@code beta >= 0} and bias setting. */
    public static double objective(DeepReluNetwork network, DMatrixRMaj x, DMatrixRMaj y, double beta,
            boolean regularizeBiases) {
        DMatrixRMaj f = network.predict(x);
        if (f.numRows != y.numRows || f.numCols != y.numCols) {
            throw new MatrixDimensionException("y", Matrices.shape(y), Matrices.shape(f) + " (the network's outputs)");
        }
        double loss = 0;
        for (int i = 0; i < f.getNumElements(); i++) {
            double r = f.data[i] - y.data[i];
            loss += r * r;
        }
        return 0.5 * loss + 0.5 * beta * network.squaredNorm(regularizeBiases);
    }

    /**
     * The random starting network of restart {@code r} for inputs of width {@code d} and {@code k} outputs.
     */
    public DeepReluNetwork initialNetwork(int d, int k, int r) {
        InvalidInputException.requireAtLeast("d", d, 1);
        InvalidInputException.requireAtLeast("k", k, 1);
        InvalidInputException.requireAtLeast("r", r, 0);
        Parameters p = randomParameters(d, k, new Random(ReluAdamTrainer.restartSeed(options.seed(), r)));
        return new DeepReluNetwork(p.w, p.b);
    }

    /** An {@code n x 1} column holding {@code y}. */
    public static DMatrixRMaj column(double[] y) {
        DMatrixRMaj c = new DMatrixRMaj(y.length, 1);
        System.arraycopy(y, 0, c.data, 0, y.length);
        return c;
    }

    private int[] widths(int d, int k) {
        int[] h = options.hiddenWidths();
        int[] m = new int[h.length + 2];
        m[0] = d;
        System.arraycopy(h, 0, m, 1, h.length);
        m[m.length - 1] = k;
        return m;
    }

    private boolean hasBias(int layer) {
        return layer == options.depth() ? options.outputBias() : options.hiddenBiases();
    }

    private void checkWarmStart(DeepReluNetwork w, int d, int k) {
        int[] expected = widths(d, k);
        if (!Arrays.equals(w.widths(), expected)) {
            throw new InvalidInputException("warmStart", "widths " + Arrays.toString(w.widths()),
                    "widths " + Arrays.toString(expected));
        }
        for (int l = 1; l <= w.depth(); l++) {
            if (w.hasBias(l) != hasBias(l)) {
                throw new InvalidInputException("warmStart", "layer " + l + (w.hasBias(l) ? " with" : " without")
                        + " bias", "a bias exactly where the options put one");
            }
        }
    }

    /** Mutable parameters. */
    private record Parameters(List<DMatrixRMaj> w, List<double[]> b) {
        DeepReluNetwork snapshot() {
            return new DeepReluNetwork(w, b);
        }
    }

    private Parameters randomParameters(int d, int k, Random rng) {
        int[] m = widths(d, k);
        List<DMatrixRMaj> w = new ArrayList<>();
        List<double[]> b = new ArrayList<>();
        for (int l = 1; l < m.length; l++) {
            double s = options.initScale() / Math.sqrt(m[l - 1]);
            w.add(Matrices.gaussian(m[l - 1], m[l], s, rng));
            double[] bl = null;
            if (hasBias(l)) {
                bl = new double[m[l]];
                for (int j = 0; j < bl.length; j++) {
                    bl[j] = s * rng.nextGaussian();
                }
            }
            b.add(bl);
        }
        return new Parameters(w, b);
    }

    /** What one restart returns. */
    private record Outcome(DeepReluNetwork network, double value, boolean diverged,
            List<DeepReluTrainingResult.TracePoint> trace) {
    }

    private Outcome runRestart(DMatrixRMaj x, DMatrixRMaj y, int r, DeepReluNetwork warm, Listener listener) {
        long start = System.nanoTime();
        Random rng = new Random(ReluAdamTrainer.restartSeed(options.seed(), r));
        Parameters p = warm != null ? new Parameters(warm.weights(), warm.biases())
                : randomParameters(x.numCols, y.numCols, rng);
        int n = x.numRows;
        int batch = options.batchSize() == 0 || options.batchSize() >= n ? n : options.batchSize();
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        Updater updater = new Updater(p);
        List<DeepReluTrainingResult.TracePoint> trace = new ArrayList<>();
        long updates = 0;
        double value = Double.NaN;
        for (int epoch = 0; epoch <= options.epochs(); epoch++) {
            if (epoch > 0) {
                if (batch < n) {
                    shuffle(order, rng);
                }
                for (int from = 0; from < n; from += batch) {
                    int size = Math.min(batch, n - from);
                    DMatrixRMaj bx = batch == n ? x : rows(x, order, from, size);
                    DMatrixRMaj by = batch == n ? y : rows(y, order, from, size);
                    DeepReluGradient.Evaluation e = DeepReluGradient.evaluate(p.w, p.b, bx, by, (double) n / size,
                            options.beta(), options.regularizeBiases(), true);
                    if (!e.finite() || !updater.step(e)) {
                        return new Outcome(p.snapshot(), Double.POSITIVE_INFINITY, true, trace);
                    }
                    updates++;
                }
            }
            boolean last = epoch == options.epochs();
            if (epoch % options.traceEvery() == 0 || last) {
                DeepReluGradient.Evaluation e = DeepReluGradient.evaluate(p.w, p.b, x, y, 1, options.beta(),
                        options.regularizeBiases(), false);
                if (!e.finite()) {
                    return new Outcome(p.snapshot(), Double.POSITIVE_INFINITY, true, trace);
                }
                value = e.value();
                DeepReluTrainingResult.TracePoint tp = new DeepReluTrainingResult.TracePoint(epoch, updates,
                        (System.nanoTime() - start) * 1e-9, e.loss(), e.penalty());
                trace.add(tp);
                if (listener != null) {
                    listener.onTrace(r, tp, p.snapshot());
                }
            }
            if (Thread.currentThread().isInterrupted()) {
                break;
            }
        }
        return new Outcome(p.snapshot(), value, false, trace);
    }

    private static void shuffle(int[] order, Random rng) {
        for (int i = order.length - 1; i > 0; i--) {
            int j = rng.nextInt(i + 1);
            int tmp = order[i];
            order[i] = order[j];
            order[j] = tmp;
        }
    }

    private static DMatrixRMaj rows(DMatrixRMaj a, int[] order, int from, int size) {
        DMatrixRMaj out = new DMatrixRMaj(size, a.numCols);
        int c = a.numCols;
        for (int i = 0; i < size; i++) {
            System.arraycopy(a.data, order[from + i] * c, out.data, i * c, c);
        }
        return out;
    }

    /** SGD-with-momentum or Adam state for every parameter array, updated in place. */
    private final class Updater {
        private final List<double[]> params = new ArrayList<>();
        private final List<double[]> first = new ArrayList<>();
        private final List<double[]> second = new ArrayList<>();
        private double b1Power = 1;
        private double b2Power = 1;

        Updater(Parameters p) {
            for (int l = 0; l < p.w.size(); l++) {
                add(p.w.get(l).data);
                if (p.b.get(l) != null) {
                    add(p.b.get(l));
                }
            }
        }

        private void add(double[] a) {
            params.add(a);
            first.add(new double[a.length]);
            second.add(options.optimizer() == Optimizer.ADAM ? new double[a.length] : null);
        }

        /** Applies one update; false when a gradient entry is not finite. */
        boolean step(DeepReluGradient.Evaluation e) {
            List<double[]> grads = new ArrayList<>(params.size());
            for (int l = 0; l < e.gradW().size(); l++) {
                grads.add(e.gradW().get(l).data);
                if (e.gradB().get(l) != null) {
                    grads.add(e.gradB().get(l));
                }
            }
            for (double[] g : grads) {
                for (double v : g) {
                    if (!Double.isFinite(v)) {
                        return false;
                    }
                }
            }
            double lr = options.learningRate();
            if (options.optimizer() == Optimizer.SGD) {
                double mu = options.momentum();
                for (int k = 0; k < params.size(); k++) {
                    double[] w = params.get(k);
                    double[] g = grads.get(k);
                    double[] v = first.get(k);
                    for (int i = 0; i < w.length; i++) {
                        v[i] = mu * v[i] + g[i];
                        w[i] -= lr * v[i];
                    }
                }
                return true;
            }
            double b1 = DeepLinearTrainer.ADAM_BETA1;
            double b2 = DeepLinearTrainer.ADAM_BETA2;
            b1Power *= b1;
            b2Power *= b2;
            double c1 = 1 - b1Power;
            double c2 = 1 - b2Power;
            for (int k = 0; k < params.size(); k++) {
                double[] w = params.get(k);
                double[] g = grads.get(k);
                double[] m = first.get(k);
                double[] v = second.get(k);
                for (int i = 0; i < w.length; i++) {
                    m[i] = b1 * m[i] + (1 - b1) * g[i];
                    v[i] = b2 * v[i] + (1 - b2) * g[i] * g[i];
                    w[i] -= lr * (m[i] / c1) / (Math.sqrt(v[i] / c2) + DeepLinearTrainer.ADAM_EPSILON);
                }
            }
            return true;
        }
    }
}
