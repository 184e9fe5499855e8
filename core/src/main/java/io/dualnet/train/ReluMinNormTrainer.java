package io.dualnet.train;

import io.dualnet.data.InvalidInputException;
import io.dualnet.linalg.Matrices;
import io.dualnet.net.DeepReluNetwork;
import org.ejml.data.DMatrixRMaj;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * Trains bias-free deep ReLU networks on the minimum-norm interpolation problems of Wang, Ergen and Pilanci:
 *
 * <pre>
 *   standard (17):         min 1/2 sum_l ||W_l||_F^2                 s.t.  f(X) = Y
 *   parallel (22), J >= 1: min (1/L) sum_j sum_l ||W_(l,j)||_F^L      s.t.  sum_j f_j(X) = Y
 * </pre>
 *
 * ({@code f} a bias-free {@link DeepReluNetwork}; {@link Regularizer#HALF_SQUARED} with {@code J > 1} is the
 * parallel network with plain weight decay (12)), by an augmented Lagrangian: Adam on
 * {@code R(W) + <Lambda, F - Y> + (rho/2) ||F - Y||_F^2} for {@code inner} full-batch steps, then
 * {@code Lambda += rho (F - Y)}, {@code rho *= 2} (capped), the step size halved every outer round. Scoped to the
 * small instances of the rank-one and parallel checks (full batch, {@code O(n)} per step).
 *
 * <p>Restart {@code r} draws its initial weights ({@code N(0, scale^2 / fan_in)}) from the {@code (r+1)}-th split of
 * {@code new SplittableRandom(seed)}; restarts run on {@link ParallelRestarts}, so results do not depend on the thread
 * count.
 */
public final class ReluMinNormTrainer {

    /** The regularizer {@code R}. */
    public enum Regularizer {
        /** {@code 1/2 sum_j sum_l ||W_(l,j)||_F^2}. */
        HALF_SQUARED,
        /** {@code (1/L) sum_j sum_l ||W_(l,j)||_F^L} (Wang et al. (22)). */
        LTH_POWER;

        /** Lower-case name. */
        public String label() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /**
     * Options (validated, naming the field).
     *
     * @param hidden hidden widths {@code m_1 .. m_(L-1)} of each branch ({@code L >= 2})
     * @param branches {@code J >= 1}
     * @param regularizer the regularizer
     * @param outer augmented-Lagrangian rounds, {@code >= 1}
     * @param inner Adam steps per round, {@code >= 1}
     * @param learningRate initial Adam step, {@code > 0}
     * @param initScale initial weight scale, {@code > 0}
     * @param restarts random starts, {@code >= 1}
     * @param seed base seed
     * @param threads worker threads, {@code >= 1}
     */
    public record Options(int[] hidden, int branches, Regularizer regularizer, int outer, int inner, double learningRate,
                          double initScale, int restarts, long seed, int threads) {
        /** Validates and copies. */
        public Options {
            if (hidden == null || hidden.length < 1) {
                throw new InvalidInputException("hidden", hidden == null ? "null" : "[]", "at least one hidden width (depth >= 2)");
            }
            hidden = hidden.clone();
            for (int m : hidden) {
                InvalidInputException.requireAtLeast("hidden width", m, 1);
            }
            InvalidInputException.requireAtLeast("branches", branches, 1);
            if (regularizer == null) {
                throw new InvalidInputException("regularizer", "null", "half_squared or lth_power");
            }
            InvalidInputException.requireAtLeast("outer", outer, 1);
            InvalidInputException.requireAtLeast("inner", inner, 1);
            InvalidInputException.requirePositive("learningRate", learningRate);
            InvalidInputException.requirePositive("initScale", initScale);
            InvalidInputException.requireAtLeast("restarts", restarts, 1);
            InvalidInputException.requireAtLeast("threads", threads, 1);
        }

        /** A standard network with the given hidden widths: 14 rounds of 400 steps, step 0.02, 8 restarts. */
        public static Options standard(int... hidden) {
            return new Options(hidden, 1, Regularizer.HALF_SQUARED, 14, 400, 0.02, 1.0, 8, 1, 1);
        }

        /** The same with other restarts, seed and threads. */
        public Options withRestarts(int restarts, long seed, int threads) {
            return new Options(hidden, branches, regularizer, outer, inner, learningRate, initScale, restarts, seed, threads);
        }

        /** The same with {@code J} branches and regularizer {@code r}. */
        public Options withBranches(int branches, Regularizer r) {
            return new Options(hidden, branches, r, outer, inner, learningRate, initScale, restarts, seed, threads);
        }

        /** The same with other round counts. */
        public Options withRounds(int outer, int inner) {
            return new Options(hidden, branches, regularizer, outer, inner, learningRate, initScale, restarts, seed, threads);
        }

        @Override
        public int[] hidden() {
            return hidden.clone();
        }
    }

    /**
     * The outcome.
     *
     * @param objective best regularizer value over the restarts whose relative residual is within
     *     {@link #FEASIBLE_RESIDUAL} (recomputed from the returned weights); {@code +Inf} if none
     * @param residual {@code ||sum_j f_j(X) - Y||_F / max(||Y||_F, 1)} of the best restart (of restart 0 if none is
     *     feasible)
     * @param restartObjectives per restart, its regularizer value
     * @param restartResiduals per restart, its relative residual
     * @param branches the best restart's branches, each {@code W_1 .. W_L}
     * @param seconds wall-clock seconds
     */
    public record Result(double objective, double residual, double[] restartObjectives, double[] restartResiduals,
                         List<List<DMatrixRMaj>> branches, double seconds) {
        /** Copies. */
        public Result {
            restartObjectives = restartObjectives.clone();
            restartResiduals = restartResiduals.clone();
            branches = List.copyOf(branches);
        }

        /** Number of restarts that reached the constraint. */
        public int feasibleRestarts() {
            int k = 0;
            for (double r : restartResiduals) {
                k += r <= FEASIBLE_RESIDUAL ? 1 : 0;
            }
            return k;
        }
    }

    /** Relative residual below which a trained network counts as interpolating. */
    public static final double FEASIBLE_RESIDUAL = 1e-6;
    private static final double RHO0 = 10;
    private static final double RHO_MAX = 1e5;

    private final Options options;

    /** A trainer with {@code options}. */
    public ReluMinNormTrainer(Options options) {
        this.options = options;
    }

    /** Trains on {@code (x, y)} ({@code n x d}, {@code n x K}). */
    public Result train(DMatrixRMaj x, DMatrixRMaj y) {
        if (x.numRows != y.numRows) {
            throw new InvalidInputException("y", y.numRows + " rows", x.numRows + " rows (one per sample)");
        }
        long start = System.nanoTime();
        SplittableRandom base = new SplittableRandom(options.seed());
        SplittableRandom[] rngs = new SplittableRandom[options.restarts()];
        for (int r = 0; r < rngs.length; r++) {
            rngs[r] = base.split();
        }
        List<List<List<DMatrixRMaj>>> runs = ParallelRestarts.run(options.restarts(), options.threads(),
                r -> restart(x, y, rngs[r]));
        double[] objectives = new double[runs.size()];
        double[] residuals = new double[runs.size()];
        int best = -1;
        for (int r = 0; r < runs.size(); r++) {
            objectives[r] = regularizer(runs.get(r));
            residuals[r] = residual(x, y, runs.get(r));
            if (residuals[r] <= FEASIBLE_RESIDUAL && (best < 0 || objectives[r] < objectives[best])) {
                best = r;
            }
        }
        int shown = best < 0 ? 0 : best;
        double seconds = (System.nanoTime() - start) * 1e-9;
        return new Result(best < 0 ? Double.POSITIVE_INFINITY : objectives[best], residuals[shown], objectives, residuals,
                runs.get(shown), seconds);
    }

    /** The regularizer of the options applied to {@code branches}. */
    public double regularizer(List<List<DMatrixRMaj>> branches) {
        double s = 0;
        for (List<DMatrixRMaj> b : branches) {
            for (DMatrixRMaj w : b) {
                double sq = Matrices.frobeniusSquared(w);
                s += options.regularizer() == Regularizer.HALF_SQUARED ? 0.5 * sq
                        : Math.pow(sq, 0.5 * b.size()) / b.size();
            }
        }
        return s;
    }

    /** {@code ||sum_j f_j(X) - Y||_F / max(||Y||_F, 1)}. */
    public static double residual(DMatrixRMaj x, DMatrixRMaj y, List<List<DMatrixRMaj>> branches) {
        DMatrixRMaj f = new DMatrixRMaj(y.numRows, y.numCols);
        for (List<DMatrixRMaj> b : branches) {
            DMatrixRMaj fb = DeepReluNetwork.withoutBiases(b).predict(x);
            for (int i = 0; i < f.data.length; i++) {
                f.data[i] += fb.data[i];
            }
        }
        double rr = 0;
        double yy = 0;
        for (int i = 0; i < f.data.length; i++) {
            rr += (f.data[i] - y.data[i]) * (f.data[i] - y.data[i]);
            yy += y.data[i] * y.data[i];
        }
        return Math.sqrt(rr) / Math.max(1, Math.sqrt(yy));
    }

    private List<List<DMatrixRMaj>> restart(DMatrixRMaj x, DMatrixRMaj y, SplittableRandom rng) {
        int[] hidden = options.hidden();
        int depth = hidden.length + 1;
        int[] widths = new int[depth + 1];
        widths[0] = x.numCols;
        System.arraycopy(hidden, 0, widths, 1, hidden.length);
        widths[depth] = y.numCols;
        int jb = options.branches();
        List<List<DMatrixRMaj>> w = new ArrayList<>(jb);
        List<List<double[]>> m1 = new ArrayList<>(jb);
        List<List<double[]>> m2 = new ArrayList<>(jb);
        for (int j = 0; j < jb; j++) {
            List<DMatrixRMaj> layers = new ArrayList<>(depth);
            List<double[]> a = new ArrayList<>(depth);
            List<double[]> b = new ArrayList<>(depth);
            for (int l = 0; l < depth; l++) {
                DMatrixRMaj m = new DMatrixRMaj(widths[l], widths[l + 1]);
                double s = options.initScale() / Math.sqrt(widths[l]);
                for (int i = 0; i < m.data.length; i++) {
                    m.data[i] = s * gaussian(rng);
                }
                layers.add(m);
                a.add(new double[m.data.length]);
                b.add(new double[m.data.length]);
            }
            w.add(layers);
            m1.add(a);
            m2.add(b);
        }
        List<double[]> noBiases = new ArrayList<>(java.util.Collections.nCopies(depth, (double[]) null));
        DMatrixRMaj lambda = new DMatrixRMaj(y.numRows, y.numCols);
        double rho = RHO0;
        double lr = options.learningRate();
        long step = 0;
        for (int round = 0; round < options.outer(); round++) {
            for (int it = 0; it < options.inner(); it++) {
                step++;
                // (rho/2)||F - (Y - Lambda/rho)||^2 has the gradient of the augmented Lagrangian's penalty part
                DMatrixRMaj shifted = new DMatrixRMaj(y.numRows, y.numCols);
                for (int i = 0; i < shifted.data.length; i++) {
                    shifted.data[i] = y.data[i] - lambda.data[i] / rho;
                }
                DMatrixRMaj[] outputs = new DMatrixRMaj[jb];
                DMatrixRMaj f = new DMatrixRMaj(y.numRows, y.numCols);
                if (jb > 1) {
                    for (int j = 0; j < jb; j++) {
                        outputs[j] = DeepReluNetwork.withoutBiases(w.get(j)).predict(x);
                        for (int i = 0; i < f.data.length; i++) {
                            f.data[i] += outputs[j].data[i];
                        }
                    }
                }
                boolean half = options.regularizer() == Regularizer.HALF_SQUARED;
                for (int j = 0; j < jb; j++) {
                    DMatrixRMaj target = shifted;
                    if (jb > 1) {
                        target = new DMatrixRMaj(y.numRows, y.numCols);
                        for (int i = 0; i < target.data.length; i++) {
                            target.data[i] = shifted.data[i] - (f.data[i] - outputs[j].data[i]);
                        }
                    }
                    List<DMatrixRMaj> grads = DeepReluGradient.evaluate(w.get(j), noBiases, x, target, rho,
                            half ? 1 : 0, false, true).gradW();
                    for (int l = 0; l < depth; l++) {
                        DMatrixRMaj wl = w.get(j).get(l);
                        double coef = half ? 0 : Math.pow(Matrices.frobeniusSquared(wl), 0.5 * (depth - 2));
                        adam(wl.data, grads.get(l).data, coef, m1.get(j).get(l), m2.get(j).get(l), lr, step);
                    }
                }
            }
            DMatrixRMaj f = new DMatrixRMaj(y.numRows, y.numCols);
            for (List<DMatrixRMaj> b : w) {
                DMatrixRMaj fb = DeepReluNetwork.withoutBiases(b).predict(x);
                for (int i = 0; i < f.data.length; i++) {
                    f.data[i] += fb.data[i];
                }
            }
            for (int i = 0; i < f.data.length; i++) {
                lambda.data[i] += rho * (f.data[i] - y.data[i]);
            }
            rho = Math.min(2 * rho, RHO_MAX);
            lr *= 0.7;
        }
        return w;
    }

    private static void adam(double[] w, double[] g, double coef, double[] m, double[] v, double lr, long step) {
        double b1 = 0.9;
        double b2 = 0.999;
        double c1 = 1 - Math.pow(b1, step);
        double c2 = 1 - Math.pow(b2, step);
        for (int i = 0; i < w.length; i++) {
            double gi = g[i] + coef * w[i];
            m[i] = b1 * m[i] + (1 - b1) * gi;
            v[i] = b2 * v[i] + (1 - b2) * gi * gi;
            w[i] -= lr * (m[i] / c1) / (Math.sqrt(v[i] / c2) + 1e-12);
        }
    }

    private static double gaussian(SplittableRandom rng) {
        double u = rng.nextDouble();
        double v = rng.nextDouble();
        return Math.sqrt(-2 * Math.log(1 - u)) * Math.cos(2 * Math.PI * v);
    }

    /** The options. */
    public Options options() {
        return options;
    }

    @Override
    public String toString() {
        return "ReluMinNormTrainer" + Arrays.toString(options.hidden());
    }
}
