package io.dualnet.train;

import io.dualnet.data.InvalidInputException;
import io.dualnet.linalg.Linalg;
import io.dualnet.linalg.Matrices;
import io.dualnet.linalg.Vectors;
import io.dualnet.net.DeepReluNetwork;
import io.dualnet.opt.L1Interpolation;
import org.ejml.data.DMatrixRMaj;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Theorem 7 of Wang, Ergen and Pilanci as an algorithm: the parallel deep ReLU problem (23),
 *
 * <pre>
 *   min sum_j |w_(L,j)|  s.t.  sum_j v_j w_(L,j) = y,   v_j = ((X W_(1,j))_+ ... W_(L-1,j))_+,  ||W_(l,j)||_F <= 1,
 * </pre>
 *
 * (scalar output, {@code m_(L-1) = 1} per branch), solved by column generation: the restricted problem over a
 * dictionary of branches is a linear program ({@link L1Interpolation}; its dual is (24) with the constraint
 * {@code |lambda^T v| <= 1} imposed on the dictionary only); the branches of Theorem 7's set (25),
 * {@code argmax |lambda^T v|}, are searched by projected gradient ascent on the unit Frobenius spheres from seeded
 * random starts and added while they violate the constraint. The last layer is then the restricted problem's
 * solution (a basic solution: at most {@code n} branches, within Theorem 6's bound). The ascent is local, so the
 * returned network is an upper bound on {@code P = D}; {@link ParallelReluBracket} also carries a certified (loose)
 * and an estimated lower bound.
 *
 * <p>For small instances ({@code n} up to a few tens): dense simplex, full-batch gradients.
 */
public final class ParallelReluColumns {
    private static final double VIOLATION = 1e-7;

    /**
     * Options.
     *
     * @param hidden widths {@code m_1 .. m_(L-2)} of each branch (empty for {@code L = 2}); {@code m_(L-1) = 1}
     * @param initialBranches random branches in the first dictionary, {@code >= 0}
     * @param rounds column-generation rounds, {@code >= 1}
     * @param starts ascent starts per sign and round, {@code >= 1}
     * @param steps ascent steps per start, {@code >= 1}
     * @param seed seed
     */
    public record Options(int[] hidden, int initialBranches, int rounds, int starts, int steps, long seed) {
        /** Validates and copies. */
        public Options {
            hidden = hidden.clone();
            for (int m : hidden) {
                InvalidInputException.requireAtLeast("hidden width", m, 1);
            }
            if (initialBranches < 0) {
                throw new InvalidInputException("initialBranches", initialBranches, "an integer >= 0");
            }
            InvalidInputException.requireAtLeast("rounds", rounds, 1);
            InvalidInputException.requireAtLeast("starts", starts, 1);
            InvalidInputException.requireAtLeast("steps", steps, 1);
        }

        @Override
        public int[] hidden() {
            return hidden.clone();
        }

        /** Depth {@code L}. */
        public int depth() {
            return hidden.length + 2;
        }
    }

    private final Options options;

    /** A solver with {@code options}. */
    public ParallelReluColumns(Options options) {
        this.options = options;
    }

    /**
     * Bounds (23) for {@code x} ({@code n x d}) and {@code y} ({@code n x K}); for {@code K > 1} the route of
     * {@link ParallelReluVectorColumns} (group lasso, {@code ||Lambda^T v||_2} search).
     */
    public ParallelReluBracket solve(DMatrixRMaj x, DMatrixRMaj y) {
        int n = x.numRows;
        if (y.numRows != n || y.numCols < 1) {
            throw new InvalidInputException("--y", Matrices.shape(y), n + " x K (one target row per sample)");
        }
        if (y.numCols > 1) {
            return new ParallelReluVectorColumns(options).solve(x, y);
        }
        SplittableRandom rng = new SplittableRandom(options.seed());
        List<List<DMatrixRMaj>> dictionary = new ArrayList<>();
        for (int k = 0; k < options.initialBranches(); k++) {
            dictionary.add(randomBranch(x.numCols, rng));
        }
        ColumnGeneration.Outcome<Restricted> cg = new ColumnGeneration<Restricted>(d -> restricted(x, y, d),
                r -> search(x, r.lambda(), rng), Restricted::value, r -> Vectors.dot(r.lambda(), y.data))
                .run(dictionary, restricted(x, y, dictionary), options.rounds());
        Restricted lp = cg.restricted();
        double oracleMax = cg.oracleMax();
        List<List<DMatrixRMaj>> branches = new ArrayList<>();
        List<Double> weights = new ArrayList<>();
        double[] fit = new double[n];
        for (int k = 0; k < dictionary.size(); k++) {
            double w = lp.weights()[k];
            if (w != 0) {
                branches.add(dictionary.get(k));
                weights.add(w);
                double[] v = feature(x, dictionary.get(k));
                for (int i = 0; i < n; i++) {
                    fit[i] += v[i] * w;
                }
            }
        }
        double rr = 0;
        double yy = 0;
        for (int i = 0; i < n; i++) {
            rr += (fit[i] - y.data[i]) * (fit[i] - y.data[i]);
            yy += y.data[i] * y.data[i];
        }
        double residual = Math.sqrt(rr) / Math.max(1, Math.sqrt(yy));
        double[] lambda = lp.lambda();
        double lowerEstimate = Vectors.dot(lambda, y.data) / Math.max(1, oracleMax);
        double xNorm = 0;
        for (double sv : Linalg.get().singularValues(x)) {
            xNorm = Math.max(xNorm, sv);
        }
        double lp2 = 0;
        double ln2 = 0;
        for (double l : lambda) {
            lp2 += l > 0 ? l * l : 0;
            ln2 += l < 0 ? l * l : 0;
        }
        double bound = xNorm * Math.sqrt(Math.max(lp2, ln2));
        double lowerCertified = bound > 0 ? Math.max(0, Vectors.dot(lambda, y.data) / bound) : 0;
        double[] last = weights.stream().mapToDouble(Double::doubleValue).toArray();
        return new ParallelReluBracket(lp.value(), lowerCertified, lowerEstimate, oracleMax, residual, lambda, branches,
                last, cg.rounds(), cg.converged(), 1);
    }

    /** Theorem 7's search for branches with {@code |lambda^T v| > 1}: ascents from random starts, both signs. */
    private ColumnGeneration.Search search(DMatrixRMaj x, double[] lambda, SplittableRandom rng) {
        List<List<DMatrixRMaj>> found = new ArrayList<>();
        double oracleMax = 0;
        for (double s : new double[] {1, -1}) {
            for (int start = 0; start < options.starts(); start++) {
                List<DMatrixRMaj> w = ascend(x, lambda, s, randomBranch(x.numCols, rng), options.steps());
                double v = s * Vectors.dot(lambda, feature(x, w));
                oracleMax = Math.max(oracleMax, v);
                if (v > 1 + VIOLATION) {
                    found.add(w);
                }
            }
        }
        return new ColumnGeneration.Search(found, oracleMax);
    }

    /**
     * The restricted problem over a fixed dictionary.
     *
     * @param value {@code min sum_j |w_j| s.t. sum_j v_j w_j = y} ({@code +Inf} if infeasible)
     * @param weights the optimal {@code w_j}, one per dictionary branch (a basic solution; rows of {@code K} for
     *     vector outputs)
     * @param lambda a dual optimal point in the span of {@code y} and the features (the duals differ by vectors
     *     orthogonal to every feature; this choice keeps the extreme-point search meaningful)
     */
    public record Restricted(double value, double[] weights, double[] lambda) {
    }

    /**
     * Solves the restricted linear program over {@code dictionary} (branches {@code W_1..W_(L-1)}; the features are
     * used at their norms). The rows are first compressed to an orthonormal basis of the span of {@code y} and the
     * features, so rank-deficient data (e.g. rank-one {@code X}) gives a non-degenerate problem and a bounded dual.
     */
    public static Restricted restricted(DMatrixRMaj x, DMatrixRMaj y, List<List<DMatrixRMaj>> dictionary) {
        List<double[]> features = new ArrayList<>(dictionary.size());
        for (List<DMatrixRMaj> b : dictionary) {
            features.add(feature(x, b));
        }
        double[] costs = new double[features.size()];
        java.util.Arrays.fill(costs, 1);
        L1Interpolation.Result r = L1Interpolation.solve(features, costs, y.data);
        return new Restricted(r.value(), r.weights(), r.lambda());
    }

    /**
     * Theorem 7's last step for given branches (e.g. trained ones, each {@code W_1 .. W_L} with a {@code 1 x 1} last
     * layer): every hidden layer scaled to unit Frobenius norm, then the last layer re-solved by
     * {@link #restricted} (for {@code K > 1} the group lasso, weights and dual point row-major {@code m x K} and
     * {@code n x K}): a network feasible for (23) whose value bounds {@code P} from above.
     */
    public static Restricted refitLastLayer(DMatrixRMaj x, DMatrixRMaj y, List<List<DMatrixRMaj>> branches) {
        List<List<DMatrixRMaj>> dictionary = new ArrayList<>(branches.size());
        for (List<DMatrixRMaj> b : branches) {
            List<DMatrixRMaj> hidden = new ArrayList<>(b.size() - 1);
            for (int l = 0; l < b.size() - 1; l++) {
                DMatrixRMaj w = b.get(l).copy();
                normalize(w);
                hidden.add(w);
            }
            dictionary.add(hidden);
        }
        if (y.numCols > 1) {
            io.dualnet.opt.GroupInterpolation.Result g = ParallelReluVectorColumns.restricted(x, y, dictionary);
            return new Restricted(g.value(), g.weights().data, g.lambda().data);
        }
        return restricted(x, y, dictionary);
    }

    /** {@code v = ((X W_1)_+ ... W_(L-1))_+}. */
    static double[] feature(DMatrixRMaj x, List<DMatrixRMaj> branch) {
        return withIdentity(branch).predict(x).data.clone();
    }

    private static DeepReluNetwork withIdentity(List<DMatrixRMaj> branch) {
        List<DMatrixRMaj> w = new ArrayList<>(branch);
        w.add(new DMatrixRMaj(new double[][] {{1}}));
        return DeepReluNetwork.withoutBiases(w);
    }

    /** Projected gradient ascent of {@code s lambda^T v(W)} on the unit Frobenius spheres. */
    static List<DMatrixRMaj> ascend(DMatrixRMaj x, double[] lambda, double s, List<DMatrixRMaj> start, int steps) {
        List<DMatrixRMaj> w = start;
        List<DMatrixRMaj> best = w;
        double bestValue = s * Vectors.dot(lambda, feature(x, w));
        int layers = w.size();
        List<double[]> noBiases = new ArrayList<>(Collections.nCopies(layers + 1, (double[]) null));
        for (int step = 0; step < steps; step++) {
            List<DMatrixRMaj> full = new ArrayList<>(w);
            full.add(new DMatrixRMaj(new double[][] {{1}}));
            double[] f = feature(x, w);
            DMatrixRMaj target = new DMatrixRMaj(f.length, 1);
            for (int i = 0; i < f.length; i++) {
                target.data[i] = f[i] - s * lambda[i];
            }
            // the squared loss's gradient at target = f - s lambda is the gradient of s lambda^T f
            List<DMatrixRMaj> g = DeepReluGradient.evaluate(full, noBiases, x, target, 1, 0, false, true).gradW();
            double eta = 0.5 * Math.pow(0.02, (double) step / steps);
            List<DMatrixRMaj> next = new ArrayList<>(layers);
            for (int l = 0; l < layers; l++) {
                DMatrixRMaj gl = g.get(l);
                double gn = Math.sqrt(Matrices.frobeniusSquared(gl));
                DMatrixRMaj wl = w.get(l).copy();
                if (gn > 0) {
                    for (int i = 0; i < wl.data.length; i++) {
                        wl.data[i] += eta * gl.data[i] / gn;
                    }
                }
                normalize(wl);
                next.add(wl);
            }
            w = next;
            double value = s * Vectors.dot(lambda, feature(x, w));
            if (value > bestValue) {
                bestValue = value;
                best = w;
            }
        }
        return best;
    }

    private List<DMatrixRMaj> randomBranch(int d, SplittableRandom rng) {
        return randomBranch(options.hidden(), d, rng);
    }

    /** A branch {@code W_1 .. W_(L-1)} with Gaussian entries, each layer scaled to unit Frobenius norm. */
    static List<DMatrixRMaj> randomBranch(int[] hidden, int d, SplittableRandom rng) {
        List<DMatrixRMaj> w = new ArrayList<>(hidden.length + 1);
        int prev = d;
        for (int l = 0; l <= hidden.length; l++) {
            int m = l < hidden.length ? hidden[l] : 1;
            DMatrixRMaj wl = new DMatrixRMaj(prev, m);
            for (int i = 0; i < wl.data.length; i++) {
                double u = rng.nextDouble();
                double v = rng.nextDouble();
                wl.data[i] = Math.sqrt(-2 * Math.log(1 - u)) * Math.cos(2 * Math.PI * v);
            }
            normalize(wl);
            w.add(wl);
            prev = m;
        }
        return w;
    }

    static void normalize(DMatrixRMaj w) {
        double nrm = Math.sqrt(Matrices.frobeniusSquared(w));
        if (nrm > 0) {
            for (int i = 0; i < w.data.length; i++) {
                w.data[i] /= nrm;
            }
        }
    }
}
