package io.dualnet.solve;

import io.dualnet.linalg.SmallCholesky;
import io.dualnet.linalg.Vectors;
import org.ejml.data.DMatrixRMaj;

/**
 * An interior direction of a pattern's cone {@code {u : S X u >= 0}} ({@code S = diag(s)}, {@code s_k = +-1}, 0 for
 * rows without a constraint), far from its faces: the minimizer of
 *
 * <pre>
 *   f(u) = - sum_k log(s_k x_k^T u) + (m / 2) ||u||^2     (m the number of constrained rows),
 * </pre>
 *
 * by damped Newton from a strictly interior {@code g} ({@code d' x d'} systems). The start of
 * {@link ConePrimalDual} puts its blocks on these directions: a pattern's own generator can lie next to a face (the
 * first-layer weights of a fitted network place kinks at data points, so some {@code x_k^T g} are nearly 0), and the
 * centered multipliers {@code beta kappa / s} then blow up. Measured: a fitted 86-neuron network (planted teacher,
 * n = 200, d = 5) over its 86 patterns plus 200 sampled started with a mean complementarity of 5.9e7, and the first
 * step was 7.6e-10 long.
 */
final class ConeCenter {
    /** Newton iterations at most. */
    static final int MAX_NEWTON = 30;
    /** Stop once the Newton decrement squared is below this. */
    static final double DECREMENT = 1e-10;
    /** Margins below this fraction of {@code ||u|| max_k ||x_k||} enter the Hessian at it. */
    static final double FLOOR = 1e-3;
    /** Backtracking factor and sufficient-decrease constant of the line search. */
    private static final double SHRINK = 0.5;
    private static final double ARMIJO = 0.25;

    private ConeCenter() {
    }

    /**
     * The center's direction (unit norm), or {@code g / ||g||} when {@code g} is not strictly interior (or no row is
     * constrained).
     *
     * @param x features, {@code n x d'} row-major
     * @param signs {@code s_k} in {-1, 0, 1}, read as {@code signs[k * stride + offset]}
     * @param g a strictly interior point
     * @param maxRowNorm {@code max_k ||x_k||}, the scale of the Hessian's floor (taken once by the caller for all
     *     patterns)
     */
    static double[] direction(DMatrixRMaj x, double[] signs, int stride, int offset, double[] g, double maxRowNorm) {
        int n = x.numRows;
        int d = x.numCols;
        double[] u = g.clone();
        double m = 0;
        for (int k = 0; k < n; k++) {
            m += signs[k * stride + offset] != 0 ? 1 : 0;
        }
        double fu = value(x, signs, stride, offset, u, m);
        if (!(m > 0) || !Double.isFinite(fu)) {
            return unit(g);
        }
        for (int it = 0; it < MAX_NEWTON; it++) {
            // Margins below the floor enter the Hessian at the floor: at a near-face start (margins of 1e-11) the exact
            // Hessian's condition number passes 1e18 and its Cholesky factor is noise; floored, the step is still a
            // descent direction and moves off the faces by up to the floor per step.
            double floor = FLOOR * maxRowNorm * Vectors.norm(u);
            double[] grad = new double[d];
            double[][] hess = new double[d][d];
            for (int c = 0; c < d; c++) {
                grad[c] = m * u[c];
                hess[c][c] = m;
            }
            for (int k = 0; k < n; k++) {
                double s = signs[k * stride + offset];
                if (s == 0) {
                    continue;
                }
                double margin = s * dot(x, k, u);
                for (int a = 0; a < d; a++) {
                    double xa = x.data[k * d + a];
                    grad[a] -= s * xa / margin;
                    double floored = Math.max(margin, floor);
                    for (int b = 0; b <= a; b++) {
                        hess[a][b] += xa * x.data[k * d + b] / (floored * floored);
                    }
                }
            }
            for (int a = 0; a < d; a++) {
                for (int b = a + 1; b < d; b++) {
                    hess[a][b] = hess[b][a];
                }
            }
            // The Hessian is positive definite (m I plus a Gram matrix).
            double[] step = SmallCholesky.solve(hess, grad);
            double decrement = 0;
            for (int c = 0; c < d; c++) {
                decrement += grad[c] * step[c];
            }
            if (!(decrement > DECREMENT)) {
                break;
            }
            double t = 1;
            double[] next = new double[d];
            double fn = Double.POSITIVE_INFINITY;
            for (int back = 0; back < 60; back++) {
                for (int c = 0; c < d; c++) {
                    next[c] = u[c] - t * step[c];
                }
                fn = value(x, signs, stride, offset, next, m);
                if (fn <= fu - ARMIJO * t * decrement) {
                    break;
                }
                t *= SHRINK;
            }
            if (!(fn < fu)) {
                break;
            }
            u = next.clone();
            fu = fn;
        }
        return unit(u);
    }

    /** {@code f(u)}, {@code +infinity} outside the cone's interior. */
    private static double value(DMatrixRMaj x, double[] signs, int stride, int offset, double[] u, double m) {
        double f = 0;
        for (double v : u) {
            f += 0.5 * m * v * v;
        }
        for (int k = 0; k < x.numRows; k++) {
            double s = signs[k * stride + offset];
            if (s == 0) {
                continue;
            }
            double margin = s * dot(x, k, u);
            if (!(margin > 0)) {
                return Double.POSITIVE_INFINITY;
            }
            f -= Math.log(margin);
        }
        return f;
    }

    private static double dot(DMatrixRMaj x, int row, double[] u) {
        double s = 0;
        int d = x.numCols;
        for (int c = 0; c < d; c++) {
            s += x.data[row * d + c] * u[c];
        }
        return s;
    }

    private static double[] unit(double[] v) {
        double norm = Vectors.norm(v);
        double[] out = new double[v.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = norm > 0 ? v[i] / norm : 0;
        }
        return out;
    }
}
