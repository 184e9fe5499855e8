package io.dualnet.opt;

import io.dualnet.linalg.Linalg;
import io.dualnet.linalg.Svd;
import org.ejml.data.DMatrixRMaj;

import java.util.List;

/**
 * The weighted l1 interpolation problem {@code min sum_j cost_j |w_j|  s.t.  sum_j w_j a_j = y} (columns
 * {@code a_j}, costs {@code >= 0}) and a dual point {@code lambda} of {@code max lambda^T y  s.t.
 * |lambda^T a_j| <= cost_j}, by {@link DenseSimplex} on {@code w = w+ - w-}. The rows are first compressed to an
 * orthonormal basis of the span of {@code y} and the columns (SVD), so duplicate or rank-deficient data give a
 * non-degenerate program and the least-norm dual point within that span.
 *
 * <p>For small problems (tens to a few hundred rows).
 */
public final class L1Interpolation {
    private static final double BIG_M = 1e6;
    private static final int MAX_PIVOTS = 500_000;
    /** Relative singular-value threshold of the row compression. */
    public static final double RANK_TOLERANCE = 1e-10;

    /**
     * The solution.
     *
     * @param value the optimal value ({@code +Inf} if {@code y} is not in the span of the columns)
     * @param weights one weight per column
     * @param lambda a dual optimal point ({@code n} entries)
     */
    public record Result(double value, double[] weights, double[] lambda) {
    }

    private L1Interpolation() {
    }

    /** Solves for {@code columns} ({@code n} entries each), {@code costs} and {@code y}. */
    public static Result solve(List<double[]> columns, double[] costs, double[] y) {
        int n = y.length;
        int k = columns.size();
        DMatrixRMaj m = new DMatrixRMaj(n, k + 1);
        for (int i = 0; i < n; i++) {
            m.set(i, 0, y[i]);
        }
        for (int j = 0; j < k; j++) {
            double[] v = columns.get(j);
            for (int i = 0; i < n; i++) {
                m.set(i, j + 1, v[i]);
            }
        }
        Svd svd = Linalg.get().svd(m);
        if (svd.s().length == 0 || !(svd.s()[0] > 0)) {
            return new Result(0, new double[k], new double[n]);
        }
        int r = Math.max(1, svd.rank(RANK_TOLERANCE * svd.s()[0]));
        DMatrixRMaj q = new DMatrixRMaj(n, r);
        for (int i = 0; i < n; i++) {
            for (int c = 0; c < r; c++) {
                q.set(i, c, svd.u().get(i, c));
            }
        }
        double[] b = project(q, y);
        double[] sign = new double[r];
        for (int c = 0; c < r; c++) {
            sign[c] = b[c] < 0 ? -1 : 1;
            b[c] = Math.abs(b[c]);
        }
        DenseSimplex lp = new DenseSimplex(b);
        int[] basis = new int[r];
        for (int c = 0; c < r; c++) {
            double[] e = new double[r];
            e[c] = 1;
            basis[c] = lp.addColumn(e, BIG_M);
        }
        for (int j = 0; j < k; j++) {
            double[] plus = project(q, columns.get(j));
            double[] minus = new double[r];
            for (int c = 0; c < r; c++) {
                plus[c] *= sign[c];
                minus[c] = -plus[c];
            }
            lp.addColumn(plus, costs[j]);
            lp.addColumn(minus, costs[j]);
        }
        lp.setBasis(basis);
        lp.solve(MAX_PIVOTS);
        double[] p = lp.primal();
        double artificial = 0;
        for (int c = 0; c < r; c++) {
            artificial += p[c];
        }
        double[] w = new double[k];
        double value = 0;
        for (int j = 0; j < k; j++) {
            w[j] = p[r + 2 * j] - p[r + 2 * j + 1];
            value += costs[j] * Math.abs(w[j]);
        }
        double[] mu = new double[r];
        lp.duals(mu);
        double[] lambda = new double[n];
        for (int c = 0; c < r; c++) {
            for (int i = 0; i < n; i++) {
                lambda[i] += q.get(i, c) * sign[c] * mu[c];
            }
        }
        return new Result(artificial > 1e-9 * Math.max(1, value) ? Double.POSITIVE_INFINITY : value, w, lambda);
    }

    private static double[] project(DMatrixRMaj q, double[] v) {
        double[] out = new double[q.numCols];
        for (int i = 0; i < q.numRows; i++) {
            for (int c = 0; c < q.numCols; c++) {
                out[c] += q.get(i, c) * v[i];
            }
        }
        return out;
    }
}
