package io.dualnet.opt;

import io.dualnet.linalg.Linalg;
import io.dualnet.linalg.Svd;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;

import java.util.ArrayList;
import java.util.List;

/**
 * The group-lasso interpolation problem {@code min sum_j ||w_j||_2  s.t.  sum_j a_j w_j^T = Y} (columns
 * {@code a_j in R^n}, rows {@code w_j in R^K}, {@code Y} {@code n x K}) and a dual point {@code Lambda} of
 * {@code max <Lambda, Y>  s.t.  ||Lambda^T a_j||_2 <= 1}: the vector-output ({@code K > 1}) analogue of
 * {@link L1Interpolation}, a second-order cone program. Solved by ADMM on {@code W = Z}, {@code W} in the affine set
 * {@code A W = Y} (projection through a thin SVD of {@code A}), {@code Z} by group soft-thresholding, with residual
 * balancing of the penalty. The penalized group lasso of {@code io.dualnet.solve.GroupFista} is not used: the upper
 * bound needs a point that interpolates exactly, which the projection gives at every iteration.
 *
 * <p>Certificate: the returned {@code Lambda} is the least-norm solution of {@code A^T Lambda = rho U} (the scaled
 * ADMM multiplier), divided by {@code max(1, max_j ||Lambda^T a_j||)}, so it is exactly dual feasible and
 * {@code <Lambda, Y> <= value}; iterations stop when {@code value - <Lambda, Y> <= tolerance * max(1, value)}. The
 * returned weights are then re-fitted on the support of {@code Z} (least-norm correction) when that stays feasible and
 * does not raise the value, so the solution is sparse in groups.
 *
 * <p>For small problems (tens to a few hundred rows and columns).
 */
public final class GroupInterpolation {
    /** Relative duality gap at which the iterations stop. */
    public static final double GAP_TOLERANCE = 1e-9;
    private static final int MAX_ITERATIONS = 40_000;
    private static final int CHECK_EVERY = 25;
    private static final double FEASIBILITY = 1e-10;

    /**
     * The solution.
     *
     * @param value {@code sum_j ||w_j||} of the returned weights ({@code +Inf} if {@code Y} is not in the span of the
     *     columns)
     * @param weights {@code m x K}, row {@code j} is {@code w_j}
     * @param lambda {@code n x K}, a dual feasible point
     * @param dual {@code <Lambda, Y>}, a lower bound on the optimal value
     * @param iterations ADMM iterations
     */
    public record Result(double value, DMatrixRMaj weights, DMatrixRMaj lambda, double dual, int iterations) {
    }

    private GroupInterpolation() {
    }

    /** Solves for {@code columns} ({@code n} entries each) and {@code y} ({@code n x K}). */
    public static Result solve(List<double[]> columns, DMatrixRMaj y) {
        int n = y.numRows;
        int k = y.numCols;
        int m = columns.size();
        DMatrixRMaj a = matrix(columns, n);
        double yNorm = Math.sqrt(squared(y));
        if (m == 0 || yNorm == 0) {
            boolean zero = yNorm == 0;
            return new Result(zero ? 0 : Double.POSITIVE_INFINITY, new DMatrixRMaj(m, k), new DMatrixRMaj(n, k), 0, 0);
        }
        Svd svd = Linalg.get().svd(a);
        int r = svd.s()[0] > 0 ? Math.max(1, svd.rank(L1Interpolation.RANK_TOLERANCE * svd.s()[0])) : 0;
        DMatrixRMaj uR = columnsOf(svd.u(), r);
        DMatrixRMaj vR = columnsOf(svd.v(), r);
        DMatrixRMaj uty = new DMatrixRMaj(r, k);
        CommonOps_DDRM.multTransA(uR, y, uty);
        DMatrixRMaj inRange = new DMatrixRMaj(n, k);
        CommonOps_DDRM.mult(uR, uty, inRange);
        if (Math.sqrt(distanceSquared(inRange, y)) > 1e-9 * Math.max(1, yNorm)) {
            return new Result(Double.POSITIVE_INFINITY, new DMatrixRMaj(m, k), new DMatrixRMaj(n, k), 0, 0);
        }
        // W0 = V_r S^-1 U_r^T Y: the least-norm interpolant; the affine set is W0 + null(A)
        DMatrixRMaj w0 = new DMatrixRMaj(m, k);
        DMatrixRMaj scaled = uty.copy();
        for (int c = 0; c < r; c++) {
            for (int j = 0; j < k; j++) {
                scaled.set(c, j, scaled.get(c, j) / svd.s()[c]);
            }
        }
        CommonOps_DDRM.mult(vR, scaled, w0);
        DMatrixRMaj z = w0.copy();
        DMatrixRMaj u = new DMatrixRMaj(m, k);
        DMatrixRMaj w = w0.copy();
        DMatrixRMaj t = new DMatrixRMaj(r, k);
        double rho = m / Math.max(groupSum(w0), 1e-300);
        Result best = null;
        int it = 0;
        while (it < MAX_ITERATIONS) {
            it++;
            // W = Proj(Z - U) = (Z - U) - V_r V_r^T (Z - U) + W0
            DMatrixRMaj d = z.copy();
            CommonOps_DDRM.subtractEquals(d, u);
            CommonOps_DDRM.multTransA(vR, d, t);
            CommonOps_DDRM.mult(vR, t, w);
            CommonOps_DDRM.scale(-1, w);
            CommonOps_DDRM.addEquals(w, d);
            CommonOps_DDRM.addEquals(w, w0);
            DMatrixRMaj previous = z;
            z = w.copy();
            CommonOps_DDRM.addEquals(z, u);
            shrink(z, 1 / rho);
            double primal = 0;
            double dualRes = 0;
            for (int i = 0; i < u.data.length; i++) {
                double e = w.data[i] - z.data[i];
                u.data[i] += e;
                primal += e * e;
                double s = z.data[i] - previous.data[i];
                dualRes += s * s;
            }
            primal = Math.sqrt(primal);
            dualRes = rho * Math.sqrt(dualRes);
            if (it % CHECK_EVERY == 0) {
                Result current = certificate(a, y, w, u, rho, uR, vR, svd.s(), r);
                if (best == null || current.value() - current.dual() < best.value() - best.dual()) {
                    best = new Result(current.value(), current.weights(), current.lambda(), current.dual(), it);
                }
                if (current.value() - current.dual() <= GAP_TOLERANCE * Math.max(1, current.value())) {
                    break;
                }
                if (primal > 10 * dualRes) {
                    rho *= 2;
                    CommonOps_DDRM.scale(0.5, u);
                } else if (dualRes > 10 * primal) {
                    rho /= 2;
                    CommonOps_DDRM.scale(2, u);
                }
            }
        }
        if (best == null) {
            best = certificate(a, y, w, u, rho, uR, vR, svd.s(), r);
        }
        DMatrixRMaj sparse = sparseRefit(a, y, z, best.weights());
        double sparseValue = groupSum(sparse);
        if (residual(a, sparse, y) <= FEASIBILITY * Math.max(1, yNorm) && sparseValue <= best.value()) {
            return new Result(sparseValue, sparse, best.lambda(), best.dual(), it);
        }
        return new Result(best.value(), best.weights(), best.lambda(), best.dual(), it);
    }

    /** The value of {@code w} and the scaled dual point from the multiplier {@code rho u}. */
    private static Result certificate(DMatrixRMaj a, DMatrixRMaj y, DMatrixRMaj w, DMatrixRMaj u, double rho,
                                      DMatrixRMaj uR, DMatrixRMaj vR, double[] s, int r) {
        int k = y.numCols;
        // least-norm Lambda with A^T Lambda = rho U: Lambda = U_r S^-1 V_r^T (rho U)
        DMatrixRMaj t = new DMatrixRMaj(r, k);
        CommonOps_DDRM.multTransA(vR, u, t);
        for (int c = 0; c < r; c++) {
            for (int j = 0; j < k; j++) {
                t.set(c, j, rho * t.get(c, j) / s[c]);
            }
        }
        DMatrixRMaj lambda = new DMatrixRMaj(y.numRows, k);
        CommonOps_DDRM.mult(uR, t, lambda);
        DMatrixRMaj g = new DMatrixRMaj(a.numCols, k);
        CommonOps_DDRM.multTransA(a, lambda, g);
        double worst = 0;
        for (int j = 0; j < g.numRows; j++) {
            worst = Math.max(worst, rowNorm(g, j));
        }
        CommonOps_DDRM.scale(1 / Math.max(1, worst), lambda);
        return new Result(groupSum(w), w.copy(), lambda, inner(lambda, y), 0);
    }

    /** {@code z} on its non-zero groups plus the least-norm correction of the residual there; else {@code w}. */
    private static DMatrixRMaj sparseRefit(DMatrixRMaj a, DMatrixRMaj y, DMatrixRMaj z, DMatrixRMaj w) {
        List<Integer> support = new ArrayList<>();
        for (int j = 0; j < z.numRows; j++) {
            if (rowNorm(z, j) > 0) {
                support.add(j);
            }
        }
        if (support.isEmpty()) {
            return w.copy();
        }
        DMatrixRMaj as = new DMatrixRMaj(a.numRows, support.size());
        DMatrixRMaj zs = new DMatrixRMaj(support.size(), z.numCols);
        for (int c = 0; c < support.size(); c++) {
            for (int i = 0; i < a.numRows; i++) {
                as.set(i, c, a.get(i, support.get(c)));
            }
            for (int j = 0; j < z.numCols; j++) {
                zs.set(c, j, z.get(support.get(c), j));
            }
        }
        DMatrixRMaj res = y.copy();
        DMatrixRMaj fit = new DMatrixRMaj(a.numRows, z.numCols);
        CommonOps_DDRM.mult(as, zs, fit);
        CommonOps_DDRM.subtractEquals(res, fit);
        Svd svd = Linalg.get().svd(as);
        int r = svd.s()[0] > 0 ? Math.max(1, svd.rank(L1Interpolation.RANK_TOLERANCE * svd.s()[0])) : 0;
        DMatrixRMaj t = new DMatrixRMaj(r, z.numCols);
        CommonOps_DDRM.multTransA(columnsOf(svd.u(), r), res, t);
        for (int c = 0; c < r; c++) {
            for (int j = 0; j < z.numCols; j++) {
                t.set(c, j, t.get(c, j) / svd.s()[c]);
            }
        }
        DMatrixRMaj corr = new DMatrixRMaj(support.size(), z.numCols);
        CommonOps_DDRM.mult(columnsOf(svd.v(), r), t, corr);
        DMatrixRMaj out = new DMatrixRMaj(z.numRows, z.numCols);
        for (int c = 0; c < support.size(); c++) {
            for (int j = 0; j < z.numCols; j++) {
                out.set(support.get(c), j, zs.get(c, j) + corr.get(c, j));
            }
        }
        return out;
    }

    /** {@code ||A W - Y||_F}. */
    public static double residual(DMatrixRMaj a, DMatrixRMaj w, DMatrixRMaj y) {
        DMatrixRMaj f = new DMatrixRMaj(y.numRows, y.numCols);
        CommonOps_DDRM.mult(a, w, f);
        return Math.sqrt(distanceSquared(f, y));
    }

    /** The {@code n x m} matrix with {@code columns}. */
    public static DMatrixRMaj matrix(List<double[]> columns, int n) {
        DMatrixRMaj a = new DMatrixRMaj(n, columns.size());
        for (int j = 0; j < columns.size(); j++) {
            double[] v = columns.get(j);
            for (int i = 0; i < n; i++) {
                a.set(i, j, v[i]);
            }
        }
        return a;
    }

    /** {@code sum_j ||row_j(w)||_2}. */
    public static double groupSum(DMatrixRMaj w) {
        double s = 0;
        for (int j = 0; j < w.numRows; j++) {
            s += rowNorm(w, j);
        }
        return s;
    }

    private static void shrink(DMatrixRMaj z, double threshold) {
        for (int j = 0; j < z.numRows; j++) {
            double nrm = rowNorm(z, j);
            double f = nrm > threshold ? 1 - threshold / nrm : 0;
            for (int c = 0; c < z.numCols; c++) {
                z.set(j, c, f * z.get(j, c));
            }
        }
    }

    private static double rowNorm(DMatrixRMaj w, int j) {
        double s = 0;
        for (int c = 0; c < w.numCols; c++) {
            s += w.get(j, c) * w.get(j, c);
        }
        return Math.sqrt(s);
    }

    private static DMatrixRMaj columnsOf(DMatrixRMaj q, int r) {
        DMatrixRMaj out = new DMatrixRMaj(q.numRows, r);
        for (int i = 0; i < q.numRows; i++) {
            for (int c = 0; c < r; c++) {
                out.set(i, c, q.get(i, c));
            }
        }
        return out;
    }

    private static double squared(DMatrixRMaj a) {
        return inner(a, a);
    }

    /** {@code <A, B> = tr(A^T B)} for equal shapes. */
    public static double inner(DMatrixRMaj a, DMatrixRMaj b) {
        double s = 0;
        for (int i = 0; i < a.data.length; i++) {
            s += a.data[i] * b.data[i];
        }
        return s;
    }

    private static double distanceSquared(DMatrixRMaj a, DMatrixRMaj b) {
        double s = 0;
        for (int i = 0; i < a.data.length; i++) {
            s += (a.data[i] - b.data[i]) * (a.data[i] - b.data[i]);
        }
        return s;
    }
}
