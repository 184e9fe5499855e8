package io.dualnet.train;

import io.dualnet.linalg.Linalg;
import io.dualnet.linalg.Vectors;
import io.dualnet.opt.GroupInterpolation;
import org.ejml.data.DMatrixRMaj;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * {@link ParallelReluColumns} for vector outputs {@code Y in R^(n x K)}, {@code K > 1} (Wang, Ergen, Pilanci,
 * Section 4.2, Theorems 6-7): each branch ends in one neuron with an output row {@code w_(L,j) in R^K},
 *
 * <pre>
 *   (23)  min sum_j ||w_(L,j)||_2  s.t.  sum_j v_j w_(L,j)^T = Y,        ||W_(l,j)||_F <= 1,
 *   (24)  max <Lambda, Y>          s.t.  ||Lambda^T v||_2 <= 1 for every v in A_L.
 * </pre>
 *
 * <p>The restricted problem over a dictionary is a group lasso ({@link GroupInterpolation}, which returns an exactly
 * interpolating last layer and an exactly dual feasible {@code Lambda} for the dictionary); the extreme-point search
 * maximizes {@code ||Lambda^T v||_2 = max_(||u|| = 1) (Lambda u)^T v} by alternating: for a random unit direction
 * {@code u}, projected gradient ascent of {@code (Lambda u)^T v(W)} (the scalar route's ascent), then
 * {@code u <- Lambda^T v / ||Lambda^T v||} and ascent again. Violators ({@code > 1 + tolerance}) enter the dictionary.
 *
 * <p>Lower bounds: the estimate {@code <Lambda, Y> / max(1, M^)} with {@code M^} the largest norm found (the
 * dictionary's included); the certified {@code <Lambda, Y> / (||X||_2 ||Lambda||_2)}, since every {@code v in A_L}
 * has {@code ||v|| <= ||X||_2} and {@code ||Lambda^T v|| <= ||Lambda||_2 ||v||}.
 *
 * <p>The first dictionary is the {@code initialBranches} random branches, extended by random branches (at most
 * {@code 4n} more) until {@code Y} lies in the span of the features; if it never does, the bracket has an infinite
 * upper bound and the trivial lower bound 0.
 */
final class ParallelReluVectorColumns {
    private static final double VIOLATION = 1e-7;
    private static final int ALTERNATIONS = 2;

    private final ParallelReluColumns.Options options;

    ParallelReluVectorColumns(ParallelReluColumns.Options options) {
        this.options = options;
    }

    /** The group-lasso restricted problem over {@code dictionary}. */
    static GroupInterpolation.Result restricted(DMatrixRMaj x, DMatrixRMaj y, List<List<DMatrixRMaj>> dictionary) {
        List<double[]> features = new ArrayList<>(dictionary.size());
        for (List<DMatrixRMaj> b : dictionary) {
            features.add(ParallelReluColumns.feature(x, b));
        }
        return GroupInterpolation.solve(features, y);
    }

    ParallelReluBracket solve(DMatrixRMaj x, DMatrixRMaj y) {
        int n = x.numRows;
        int k = y.numCols;
        SplittableRandom rng = new SplittableRandom(options.seed());
        int[] hidden = options.hidden();
        List<List<DMatrixRMaj>> dictionary = new ArrayList<>();
        for (int j = 0; j < options.initialBranches(); j++) {
            dictionary.add(ParallelReluColumns.randomBranch(hidden, x.numCols, rng));
        }
        GroupInterpolation.Result gl = restricted(x, y, dictionary);
        for (int extra = 0; Double.isInfinite(gl.value()) && extra < 4 * n; extra += n) {
            for (int j = 0; j < n; j++) {
                dictionary.add(ParallelReluColumns.randomBranch(hidden, x.numCols, rng));
            }
            gl = restricted(x, y, dictionary);
        }
        if (Double.isInfinite(gl.value())) {
            return new ParallelReluBracket(gl.value(), 0, 0, 0, Double.NaN, new double[n * k], List.of(),
                    new double[0], List.of(new ParallelReluBracket.Round(dictionary.size(), gl.value(), 0, 0)), false,
                    k);
        }
        ColumnGeneration.Outcome<GroupInterpolation.Result> cg = new ColumnGeneration<GroupInterpolation.Result>(
                d -> restricted(x, y, d), r -> search(x, r.lambda(), dictionary, rng), GroupInterpolation.Result::value,
                GroupInterpolation.Result::dual).run(dictionary, gl, options.rounds());
        return bracket(x, y, dictionary, cg.restricted(), cg.oracleMax(), cg.rounds(), cg.converged());
    }

    /**
     * The search for branches with {@code ||Lambda^T v||_2 > 1}: alternating ascents from random starts; the maximum
     * includes the dictionary's own branches.
     */
    private ColumnGeneration.Search search(DMatrixRMaj x, DMatrixRMaj lambda, List<List<DMatrixRMaj>> dictionary,
                                           SplittableRandom rng) {
        int k = lambda.numCols;
        int[] hidden = options.hidden();
        double oracleMax = dictionaryMax(x, lambda, dictionary);
        List<List<DMatrixRMaj>> found = new ArrayList<>();
        for (int start = 0; start < 2 * options.starts(); start++) {
            List<DMatrixRMaj> w = ParallelReluColumns.randomBranch(hidden, x.numCols, rng);
            double[] u = new double[k];
            for (int c = 0; c < k; c++) {
                u[c] = gaussian(rng);
            }
            for (int a = 0; a < ALTERNATIONS; a++) {
                w = ParallelReluColumns.ascend(x, times(lambda, u), 1, w, options.steps());
                double[] g = transposeTimes(lambda, ParallelReluColumns.feature(x, w));
                double gn = Vectors.norm(g);
                if (gn == 0) {
                    break;
                }
                for (int c = 0; c < k; c++) {
                    u[c] = g[c] / gn;
                }
            }
            double[] g = transposeTimes(lambda, ParallelReluColumns.feature(x, w));
            double v = Vectors.norm(g);
            oracleMax = Math.max(oracleMax, v);
            if (v > 1 + VIOLATION) {
                found.add(w);
            }
        }
        return new ColumnGeneration.Search(found, oracleMax);
    }

    private static ParallelReluBracket bracket(DMatrixRMaj x, DMatrixRMaj y, List<List<DMatrixRMaj>> dictionary,
                                               GroupInterpolation.Result gl, double oracleMax,
                                               List<ParallelReluBracket.Round> rounds, boolean converged) {
        int n = x.numRows;
        int k = y.numCols;
        List<List<DMatrixRMaj>> branches = new ArrayList<>();
        List<double[]> rows = new ArrayList<>();
        DMatrixRMaj fit = new DMatrixRMaj(n, k);
        double upper = 0;
        for (int j = 0; j < dictionary.size(); j++) {
            double[] row = new double[k];
            double norm = 0;
            for (int c = 0; c < k; c++) {
                row[c] = gl.weights().get(j, c);
                norm += row[c] * row[c];
            }
            if (norm > 0) {
                branches.add(dictionary.get(j));
                rows.add(row);
                upper += Math.sqrt(norm);
                double[] v = ParallelReluColumns.feature(x, dictionary.get(j));
                for (int i = 0; i < n; i++) {
                    for (int c = 0; c < k; c++) {
                        fit.data[i * k + c] += v[i] * row[c];
                    }
                }
            }
        }
        double rr = 0;
        double yy = 0;
        for (int i = 0; i < fit.data.length; i++) {
            rr += (fit.data[i] - y.data[i]) * (fit.data[i] - y.data[i]);
            yy += y.data[i] * y.data[i];
        }
        double[] last = new double[rows.size() * k];
        for (int j = 0; j < rows.size(); j++) {
            System.arraycopy(rows.get(j), 0, last, j * k, k);
        }
        DMatrixRMaj lambda = gl.lambda();
        double dual = GroupInterpolation.inner(lambda, y);
        double bound = spectralNorm(x) * spectralNorm(lambda);
        double lowerCertified = bound > 0 ? Math.max(0, dual / bound) : 0;
        return new ParallelReluBracket(upper, lowerCertified, dual / Math.max(1, oracleMax), oracleMax,
                Math.sqrt(rr) / Math.max(1, Math.sqrt(yy)), lambda.data, branches, last, rounds, converged, k);
    }

    private static double dictionaryMax(DMatrixRMaj x, DMatrixRMaj lambda, List<List<DMatrixRMaj>> dictionary) {
        double m = 0;
        for (List<DMatrixRMaj> b : dictionary) {
            double[] g = transposeTimes(lambda, ParallelReluColumns.feature(x, b));
            m = Math.max(m, Vectors.norm(g));
        }
        return m;
    }

    private static double[] times(DMatrixRMaj lambda, double[] u) {
        double[] out = new double[lambda.numRows];
        for (int i = 0; i < lambda.numRows; i++) {
            for (int c = 0; c < lambda.numCols; c++) {
                out[i] += lambda.get(i, c) * u[c];
            }
        }
        return out;
    }

    static double[] transposeTimes(DMatrixRMaj lambda, double[] v) {
        double[] out = new double[lambda.numCols];
        for (int i = 0; i < lambda.numRows; i++) {
            for (int c = 0; c < lambda.numCols; c++) {
                out[c] += lambda.get(i, c) * v[i];
            }
        }
        return out;
    }

    private static double spectralNorm(DMatrixRMaj a) {
        double s = 0;
        for (double sv : Linalg.get().singularValues(a)) {
            s = Math.max(s, sv);
        }
        return s;
    }

    private static double gaussian(SplittableRandom rng) {
        double u = rng.nextDouble();
        double v = rng.nextDouble();
        return Math.sqrt(-2 * Math.log(1 - u)) * Math.cos(2 * Math.PI * v);
    }
}
