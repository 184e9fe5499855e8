package io.dualnet.experiment;

import io.dualnet.deeprelu.SplineInterpolant;
import io.dualnet.deeprelu.SplineKinks;
import io.dualnet.deeprelu.WhitenedClosedForm;
import io.dualnet.deeprelu.WhitenedSolution;
import io.dualnet.linalg.Linalg;
import io.dualnet.net.DeepReluNetwork;
import io.dualnet.train.DeepReluTrainer;
import io.dualnet.train.DeepReluTrainingResult;
import org.ejml.data.DMatrixRMaj;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * Paper 003 §4 experiments on deep ReLU networks, as pure cell functions: Figure 1 (1-D interpolation by linear
 * splines), Figure 3b (layer ranks on rank-one data) and Figure 4 (whitened Fashion-MNIST, closed form vs SGD).
 * Objective everywhere: {@code (1/2)||f(X) - Y||_F^2 + (beta/2) sum_l ||W_l||_F^2} (003 (17)).
 */
public final class Ergen003DeepRelu {
    /** Figure 1: the trained function is sampled at this many points for plotting. */
    public static final int PLOT_POINTS = 401;
    /** Figure 3b: a singular value counts toward the rank when above this fraction of the largest. */
    public static final double RANK_RTOL = 1e-3;

    private Ergen003DeepRelu() {
    }

    // ------------------------------------------------------------------ Figure 1

    /**
     * The 1-D data of Figure 1 (the paper gives none): {@code points} abscissae, evenly spaced on {@code [-1, 1]} and
     * jittered by up to 30% of the spacing, values i.i.d. {@code N(0, 1)}; seeded.
     */
    public static double[][] splineData(int points, long seed) {
        Random rng = new Random(seed);
        double h = 2.0 / (points - 1);
        double[] x = new double[points];
        double[] y = new double[points];
        for (int i = 0; i < points; i++) {
            double jitter = i == 0 || i == points - 1 ? 0 : 0.3 * h * (2 * rng.nextDouble() - 1);
            x[i] = -1 + i * h + jitter;
            y[i] = rng.nextGaussian();
        }
        return new double[][] {x, y};
    }

    /**
     * A Figure 1 network: {@code depth} layers of {@code width} units with biases, Adam on full batches.
     *
     * @param depth {@code L >= 2}
     * @param width hidden units per layer
     * @param points data points
     * @param beta weight decay (biases not penalized)
     * @param learningRate Adam step
     * @param epochs full-batch updates
     * @param restarts seeded restarts (the best final objective is kept)
     * @param dataSeed seed of {@link #splineData}
     * @param seed training seed
     */
    public record SplineCell(int depth, int width, int points, double beta, double learningRate, int epochs,
            int restarts, long dataSeed, long seed) implements GridCell {
        private static final long serialVersionUID = 1L;

        @Override
        public String key() {
            return String.format(Locale.ROOT, "spline-L%d-w%d-n%d-b%s-lr%s-e%d-r%d-ds%d-s%d", depth, width, points,
                    beta, learningRate, epochs, restarts, dataSeed, seed);
        }
    }

    /**
     * A Figure 1 result.
     *
     * @param depth {@code L}
     * @param x data abscissae
     * @param y data values
     * @param plotX where the network is sampled
     * @param plotF the network there
     * @param objective final training objective
     * @param kinks the kinks ({@link SplineKinks})
     * @param relativeDistances distance of each kink to the nearest data point over the smallest spacing
     * @param slopeChanges slope change at each kink
     * @param significantKinks kinks with a slope change at least 1% of the largest
     * @param maxRelativeDistance largest relative distance among significant kinks
     * @param nearDataShare share of the total slope change within 5% of the spacing of a data point
     * @param supDistance {@code max |f - spline|} on the data's hull
     * @param relativeSupDistance {@code supDistance / (max y - min y)}
     * @param seconds training time
     */
    public record SplineResult(int depth, double[] x, double[] y, double[] plotX, double[] plotF, double objective,
            double[] kinks, double[] relativeDistances, double[] slopeChanges, int significantKinks,
            double maxRelativeDistance, double nearDataShare, double supDistance, double relativeSupDistance,
            double seconds) {
    }

    /** Trains and measures one Figure 1 network. */
    public static SplineResult spline(SplineCell c) {
        double[][] data = splineData(c.points(), c.dataSeed());
        int[] hidden = new int[c.depth() - 1];
        Arrays.fill(hidden, c.width());
        DeepReluTrainer.Options o = DeepReluTrainer.Options.defaults(hidden).withBiases(true, true)
                .withAdam(c.learningRate()).withBeta(c.beta(), false).withEpochs(c.epochs())
                .withTraceEvery(c.epochs()).withRestarts(c.restarts(), 1).withSeed(c.seed());
        DMatrixRMaj x = DeepReluTrainer.column(data[0]);
        DeepReluTrainingResult r = new DeepReluTrainer(o).train(x, DeepReluTrainer.column(data[1]), null, null);
        return measureSpline(c.depth(), data, r.network(), r.objective(), r.seconds());
    }

    /** Measures a trained 1-D network against the data's linear spline. */
    public static SplineResult measureSpline(int depth, double[][] data, DeepReluNetwork net, double objective,
            double seconds) {
        SplineInterpolant s = new SplineInterpolant(data[0], data[1]);
        SplineKinks.Result k = SplineKinks.measure(net, s, 0.25);
        double[] px = new double[PLOT_POINTS];
        for (int i = 0; i < px.length; i++) {
            px[i] = k.windowLow() + (k.windowHigh() - k.windowLow()) * i / (px.length - 1);
        }
        return new SplineResult(depth, data[0], data[1], px, SplineKinks.evaluate(net, px), objective, k.kinks(),
                k.relativeDistances(), k.slopeChanges(), k.significantKinks(), k.maxRelativeDistance(),
                k.nearDataShare(), k.supDistance(), k.relativeSupDistance(), seconds);
    }

    // ------------------------------------------------------------------ Figure 3b

    /**
     * Figure 3b: a 5-layer ReLU network 10-50-40-30-20-1 (no biases) on rank-one data {@code X = c a0^T},
     * {@code c >= 0}, target {@code y = c}; SGD with momentum on full batches with weight decay.
     *
     * @param n samples
     * @param beta weight decay
     * @param learningRate SGD step
     * @param momentum SGD momentum
     * @param epochs full-batch updates
     * @param traceEvery epochs between rank measurements
     * @param seed seed of the data and the initialization
     */
    public record RanksCell(int n, double beta, double learningRate, double momentum, int epochs, int traceEvery,
            long seed) implements GridCell {
        private static final long serialVersionUID = 1L;
        /** Hidden widths 50, 40, 30, 20 (input 10, output 1). */
        public static final int[] HIDDEN = {50, 40, 30, 20};
        /** Input dimension. */
        public static final int D = 10;

        @Override
        public String key() {
            return String.format(Locale.ROOT, "ranks-n%d-b%s-lr%s-m%s-e%d-t%d-s%d", n, beta, learningRate, momentum,
                    epochs, traceEvery, seed);
        }
    }

    /**
     * @param epochs trace epochs
     * @param ranks {@code ranks[l][t]}: numerical rank of {@code W_{l+1}} at trace point {@code t}
     * @param ratios {@code ratios[l][t]}: {@code sigma_2 / sigma_1} of {@code W_{l+1}}
     * @param objective training objective per trace point
     * @param rankOneDeviation {@code sigma_2(X)/sigma_1(X)} of the data
     */
    public record RanksResult(int[] epochs, int[][] ranks, double[][] ratios, double[] objective,
            double rankOneDeviation) {
    }

    /** Trains the Figure 3b network, recording layer ranks. */
    public static RanksResult ranks(RanksCell c) {
        Random rng = new Random(c.seed());
        double[] cv = new double[c.n()];
        double[] a0 = new double[RanksCell.D];
        for (int i = 0; i < cv.length; i++) {
            cv[i] = Math.abs(rng.nextGaussian());
        }
        for (int j = 0; j < a0.length; j++) {
            a0[j] = rng.nextGaussian() / Math.sqrt(RanksCell.D);
        }
        DMatrixRMaj x = new DMatrixRMaj(c.n(), RanksCell.D);
        for (int i = 0; i < c.n(); i++) {
            for (int j = 0; j < RanksCell.D; j++) {
                x.set(i, j, cv[i] * a0[j]);
            }
        }
        DeepReluTrainer.Options o = DeepReluTrainer.Options.defaults(RanksCell.HIDDEN)
                .withSgd(c.learningRate(), c.momentum()).withBeta(c.beta(), false).withEpochs(c.epochs())
                .withTraceEvery(c.traceEvery()).withSeed(c.seed());
        int layers = RanksCell.HIDDEN.length + 1;
        List<int[]> ranks = new ArrayList<>();
        List<double[]> ratios = new ArrayList<>();
        List<Integer> epochs = new ArrayList<>();
        List<Double> objective = new ArrayList<>();
        new DeepReluTrainer(o).train(x, DeepReluTrainer.column(cv), null, (r, p, net) -> {
            int[] rk = new int[layers];
            double[] ra = new double[layers];
            for (int l = 1; l <= layers; l++) {
                double[] s = Linalg.get().singularValues(net.weightView(l));
                int count = 0;
                for (double v : s) {
                    count += v > RANK_RTOL * s[0] ? 1 : 0;
                }
                rk[l - 1] = count;
                ra[l - 1] = s.length > 1 && s[0] > 0 ? s[1] / s[0] : 0;
            }
            ranks.add(rk);
            ratios.add(ra);
            epochs.add(p.epoch());
            objective.add(p.objective());
        });
        int t = epochs.size();
        int[][] rk = new int[layers][t];
        double[][] ra = new double[layers][t];
        for (int i = 0; i < t; i++) {
            for (int l = 0; l < layers; l++) {
                rk[l][i] = ranks.get(i)[l];
                ra[l][i] = ratios.get(i)[l];
            }
        }
        double[] sx = Linalg.get().singularValues(x);
        return new RanksResult(epochs.stream().mapToInt(Integer::intValue).toArray(), rk, ra,
                objective.stream().mapToDouble(Double::doubleValue).toArray(), sx.length > 1 ? sx[1] / sx[0] : 0);
    }

    // ------------------------------------------------------------------ Figure 4

    /**
     * Figure 4 for one depth: SGD with momentum on whitened Fashion-MNIST vs the closed form.
     *
     * @param data the data set
     * @param depth {@code L}
     * @param width units per hidden layer
     * @param beta weight decay of the objective (17)
     * @param learningRate SGD step
     * @param momentum SGD momentum
     * @param batchSize mini-batch size
     * @param epochs epochs
     * @param seed initialization and shuffling seed
     */
    public record WhitenedCell(Ergen003FashionWhitened data, int depth, int width, double beta, double learningRate,
            double momentum, int batchSize, int epochs, long seed) implements GridCell {
        private static final long serialVersionUID = 1L;

        @Override
        public String key() {
            return String.format(Locale.ROOT, "whitened-%s-L%d-w%d-b%s-lr%s-m%s-bs%d-e%d-s%d", data.key(), depth,
                    width, beta, learningRate, momentum, batchSize, epochs, seed);
        }
    }

    /**
     * @param depth {@code L}
     * @param epochs trace epochs (0 = initialization)
     * @param trainObjective SGD's training objective per epoch
     * @param testError SGD's test error per epoch: mean over test points of {@code ||f(x) - y||^2}
     * @param testAccuracy SGD's test accuracy per epoch (argmax of the outputs)
     * @param theoryObjective the closed form's objective (17) (balanced, same beta)
     * @param theoryLowerBound the lower bound on (17) ({@link WhitenedClosedForm})
     * @param theoryTestError the closed form's test error
     * @param theoryTestAccuracy the closed form's test accuracy
     * @param minNormObjective the Thm 4.3 minimum-norm network's objective (17)
     * @param minNormTestAccuracy its test accuracy
     * @param whiteningDeviation {@code ||X X^T - I||_2} of the training inputs
     * @param explainedVariance pixel variance kept by the principal directions
     * @param seconds SGD's training time
     */
    public record WhitenedResult(int depth, int[] epochs, double[] trainObjective, double[] testError,
            double[] testAccuracy, double theoryObjective, double theoryLowerBound, double theoryTestError,
            double theoryTestAccuracy, double minNormObjective, double minNormTestAccuracy, double whiteningDeviation,
            double explainedVariance, double seconds) {
    }

    /** Runs one Figure 4 depth. */
    public static WhitenedResult whitened(WhitenedCell c) {
        Ergen003FashionWhitened.Built b = c.data().build();
        WhitenedSolution theory = WhitenedClosedForm.solve(b.x(), b.y(),
                WhitenedClosedForm.Options.of(c.depth(), c.width(), c.beta()));
        WhitenedSolution minNorm = WhitenedClosedForm.solve(b.x(), b.y(),
                WhitenedClosedForm.Options.of(c.depth(), c.width(), 0));
        int[] hidden = new int[c.depth() - 1];
        Arrays.fill(hidden, c.width());
        DeepReluTrainer.Options o = DeepReluTrainer.Options.defaults(hidden).withSgd(c.learningRate(), c.momentum())
                .withBatchSize(c.batchSize()).withBeta(c.beta(), false).withEpochs(c.epochs()).withSeed(c.seed());
        List<Integer> epochs = new ArrayList<>();
        List<double[]> rows = new ArrayList<>();
        DeepReluTrainingResult r = new DeepReluTrainer(o).train(b.x(), b.y(), null, (rs, p, net) -> {
            epochs.add(p.epoch());
            rows.add(new double[] {p.objective(), testError(net, b), testAccuracy(net, b)});
        });
        int t = rows.size();
        double[][] cols = new double[3][t];
        for (int i = 0; i < t; i++) {
            for (int k = 0; k < 3; k++) {
                cols[k][i] = rows.get(i)[k];
            }
        }
        double minNormObjective = DeepReluTrainer.objective(minNorm.network(), b.x(), b.y(), c.beta(), false);
        return new WhitenedResult(c.depth(), epochs.stream().mapToInt(Integer::intValue).toArray(), cols[0], cols[1],
                cols[2], theory.objective(), theory.lowerBound(), testError(theory.network(), b),
                testAccuracy(theory.network(), b), minNormObjective, testAccuracy(minNorm.network(), b),
                theory.whiteningDeviation(), b.explainedVariance(), r.seconds());
    }

    /** Mean over test points of {@code ||f(x) - y||^2}. */
    public static double testError(DeepReluNetwork net, Ergen003FashionWhitened.Built b) {
        DMatrixRMaj f = net.predict(b.xTest());
        double s = 0;
        for (int i = 0; i < f.getNumElements(); i++) {
            double r = f.data[i] - b.yTest().data[i];
            s += r * r;
        }
        return s / f.numRows;
    }

    /** Share of test points whose largest output is their class. */
    public static double testAccuracy(DeepReluNetwork net, Ergen003FashionWhitened.Built b) {
        DMatrixRMaj f = net.predict(b.xTest());
        int correct = 0;
        for (int i = 0; i < f.numRows; i++) {
            int best = 0;
            for (int j = 1; j < f.numCols; j++) {
                if (f.get(i, j) > f.get(i, best)) {
                    best = j;
                }
            }
            correct += best == b.testLabels()[i] ? 1 : 0;
        }
        return (double) correct / f.numRows;
    }
}
