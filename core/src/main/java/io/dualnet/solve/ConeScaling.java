package io.dualnet.solve;

import org.ejml.data.DMatrixRMaj;

/**
 * The Nesterov-Todd scaling of {@code P} second-order cone blocks and the Jordan-algebra operations on them, for
 * {@link GatedPrimalDual} (paper 002 Appendix A; spec §1.3). A block is {@code x = (x_0, x_1)} in
 * {@code K = {||x_1|| <= x_0}}; the scalars {@code x_0} are a {@code P}-array, the vectors {@code x_1} the columns of a
 * {@code d x P} matrix. The Jordan product is {@code x o s = (x^T s, x_0 s_1 + s_0 x_1)}, its identity {@code e}, and
 * {@code J = diag(1, -I)}. For a primal block {@code x = (tau, u)} and a dual block {@code s = (sigma, z)} strictly
 * inside {@code K}, with {@code |x| = sqrt(x^T J x)},
 *
 * <pre>
 *   eta = sqrt(|s| / |x|),   gamma = sqrt((1 + x^T s / (|x| |s|)) / 2),
 *   w = (w_0, w_1) = (s / |s| + J x / |x|) / (2 gamma),
 *   W = eta H_w,  H_w = [[w_0, w_1^T], [w_1, I + w_1 w_1^T / (1 + w_0)]],  H_w^{-1} = J H_w J,
 *   W^2 = eta^2 (2 w w^T - J),  lambda = W x = W^{-1} s,
 * </pre>
 *
 * so that {@code W^{-2}} is {@code eta^{-2} (2 (J w) (J w)^T - J)}, whose {@code uu} part {@code eta^{-2} (I + 2 w_1
 * w_1^T)} is a scaled identity plus rank one. Holds {@code eta}, {@code w} and the scaled point {@code lambda} per
 * block, read by {@link GatedPrimalDual} ({@link #eta}, {@link #w0}, {@link #w1}; not to be modified there). Mutable;
 * not thread-safe.
 */
final class ConeScaling {
    private final int d;
    private final int p;
    /** {@code eta_j}. */
    final double[] eta;
    /** {@code w_{j0}}. */
    final double[] w0;
    /** {@code w_{j1}}, column {@code j}. */
    final DMatrixRMaj w1;
    private final double[] l0;
    private final DMatrixRMaj l1;

    /** Scaling of {@code p} blocks of vectors with {@code d} entries. */
    ConeScaling(int d, int p) {
        this.d = d;
        this.p = p;
        this.eta = new double[p];
        this.w0 = new double[p];
        this.w1 = new DMatrixRMaj(d, p);
        this.l0 = new double[p];
        this.l1 = new DMatrixRMaj(d, p);
    }

    /**
     * The NT scaling of every block at the primal point {@code x = (tau, u)} and the dual point {@code s = (sigma, z)}
     * (none modified), and the scaled point {@code lambda = W x}; false when a point has left its cone (the scaling is
     * then partly updated and must not be used).
     */
    boolean update(double[] tau, DMatrixRMaj u, double[] sigma, DMatrixRMaj z) {
        double[] uu = columnDots(u, u);
        double[] zz = columnDots(z, z);
        double[] uz = columnDots(u, z);
        for (int j = 0; j < p; j++) {
            double nu = Math.sqrt(uu[j]);
            double nz = Math.sqrt(zz[j]);
            double xJx = (tau[j] - nu) * (tau[j] + nu);
            double sJs = (sigma[j] - nz) * (sigma[j] + nz);
            if (!(xJx > 0) || !(sJs > 0)) {
                return false;
            }
            double xn = Math.sqrt(xJx);
            double sn = Math.sqrt(sJs);
            eta[j] = Math.sqrt(sn / xn);
            double xs = (tau[j] * sigma[j] + uz[j]) / (xn * sn);
            double gamma = Math.sqrt((1 + xs) / 2);
            w0[j] = (sigma[j] / sn + tau[j] / xn) / (2 * gamma);
        }
        for (int c = 0; c < d; c++) {
            for (int j = 0; j < p; j++) {
                int idx = c * p + j;
                double xn = Math.sqrt((tau[j] - Math.sqrt(uu[j])) * (tau[j] + Math.sqrt(uu[j])));
                double sn = Math.sqrt((sigma[j] - Math.sqrt(zz[j])) * (sigma[j] + Math.sqrt(zz[j])));
                double xs = (tau[j] * sigma[j] + uz[j]) / (xn * sn);
                double gamma = Math.sqrt((1 + xs) / 2);
                w1.data[idx] = (z.data[idx] / sn - u.data[idx] / xn) / (2 * gamma);
            }
        }
        applyW(tau, u, l0, l1, false);
        return true;
    }

    /**
     * {@code (o0, o1) = W (a0, a1)} per block, or {@code W^{-1} (a0, a1)} when {@code inverse} ({@code o0, o1}
     * modified), with {@code W = eta H_w}, {@code H_w = [[w0, w1^T], [w1, I + w1 w1^T / (1 + w0)]]},
     * {@code H_w^{-1} = J H_w J}.
     */
    void applyW(double[] a0, DMatrixRMaj a1, double[] o0, DMatrixRMaj o1, boolean inverse) {
        double sign = inverse ? -1 : 1;
        double[] wa = columnDots(w1, a1);
        for (int j = 0; j < p; j++) {
            double f = inverse ? 1 / eta[j] : eta[j];
            o0[j] = f * (w0[j] * a0[j] + sign * wa[j]);
        }
        for (int c = 0; c < d; c++) {
            for (int j = 0; j < p; j++) {
                int idx = c * p + j;
                double f = inverse ? 1 / eta[j] : eta[j];
                o1.data[idx] = f * (sign * a0[j] * w1.data[idx] + a1.data[idx]
                        + wa[j] * w1.data[idx] / (1 + w0[j]));
            }
        }
    }

    /**
     * {@code xi = factor * (lambda o lambda) = factor (||lambda||^2, 2 lambda_0 lambda_1)} per block ({@code xi}
     * modified).
     */
    void jordanSquare(double[] xi0, DMatrixRMaj xi1, double factor) {
        double[] ll = columnDots(l1, l1);
        for (int j = 0; j < p; j++) {
            xi0[j] = factor * (l0[j] * l0[j] + ll[j]);
        }
        for (int c = 0; c < d; c++) {
            for (int j = 0; j < p; j++) {
                int idx = c * p + j;
                xi1.data[idx] = factor * 2 * l0[j] * l1.data[idx];
            }
        }
    }

    /**
     * {@code v = lambda \ xi}, the solution of {@code lambda o v = xi} per block ({@code v} modified):
     * {@code v_0 = (lambda_0 xi_0 - lambda_1^T xi_1) / (lambda_0^2 - ||lambda_1||^2)},
     * {@code v_1 = (xi_1 - v_0 lambda_1) / lambda_0}.
     */
    void arrowSolve(double[] xi0, DMatrixRMaj xi1, double[] v0, DMatrixRMaj v1) {
        double[] lx = columnDots(l1, xi1);
        double[] ll = columnDots(l1, l1);
        for (int j = 0; j < p; j++) {
            v0[j] = (l0[j] * xi0[j] - lx[j]) / ((l0[j] - Math.sqrt(ll[j])) * (l0[j] + Math.sqrt(ll[j])));
        }
        for (int c = 0; c < d; c++) {
            for (int j = 0; j < p; j++) {
                int idx = c * p + j;
                v1.data[idx] = (xi1.data[idx] - v0[j] * l1.data[idx]) / l0[j];
            }
        }
    }

    /**
     * The largest {@code a} keeping {@code t + a dt} in the cone in every block ({@code +inf} when none leaves it):
     * the first positive root of {@code (t0 + a dt0)^2 - ||t1 + a dt1||^2}, and {@code t0 + a dt0 >= 0}.
     */
    double coneStep(double[] t0, DMatrixRMaj t1, double[] dt0, DMatrixRMaj dt1) {
        double[] vv = columnDots(t1, t1);
        double[] vd = columnDots(t1, dt1);
        double[] dd = columnDots(dt1, dt1);
        double a = Double.POSITIVE_INFINITY;
        for (int j = 0; j < p; j++) {
            double c = (t0[j] - Math.sqrt(vv[j])) * (t0[j] + Math.sqrt(vv[j]));
            a = Math.min(a, blockStep(t0[j], dt0[j], c, vd[j], dd[j]));
        }
        return a;
    }

    /**
     * {@code sum_j (x_j + a dx_j)^T (s_j + a ds_j)} over the blocks, for primal {@code x = (t, v)}, dual
     * {@code s = (s0, s1)} and their steps (none modified): the complementarity after a trial step.
     */
    double productsAfterStep(double a, double[] t, DMatrixRMaj v, double[] s0, DMatrixRMaj s1, double[] dt,
                             DMatrixRMaj dv, double[] ds0, DMatrixRMaj ds1) {
        double[] ta = new double[p];
        double[] sa = new double[p];
        DMatrixRMaj va = new DMatrixRMaj(d, p);
        DMatrixRMaj za = new DMatrixRMaj(d, p);
        for (int j = 0; j < p; j++) {
            ta[j] = t[j] + a * dt[j];
            sa[j] = s0[j] + a * ds0[j];
        }
        for (int i = 0; i < v.data.length; i++) {
            va.data[i] = v.data[i] + a * dv.data[i];
            za.data[i] = s1.data[i] + a * ds1.data[i];
        }
        double sum = 0;
        for (double e : blockProducts(ta, va, sa, za)) {
            sum += e;
        }
        return sum;
    }

    /** {@code x_j^T s_j} per block for {@code x = (t, v)}, {@code s = (s0, s1)} (none modified). */
    double[] blockProducts(double[] t, DMatrixRMaj v, double[] s0, DMatrixRMaj s1) {
        double[] out = columnDots(v, s1);
        for (int j = 0; j < p; j++) {
            out[j] += t[j] * s0[j];
        }
        return out;
    }

    /**
     * Mehrotra's corrector right-hand side in the scaled space, {@code xi = -lambda o lambda - (W dx) o (W^{-1} ds)
     * + target e}, from the affine step {@code (dx, ds)} (not modified; {@code xi} modified).
     */
    void corrector(double[] xi0, DMatrixRMaj xi1, double[] dx0, DMatrixRMaj dx1, double[] ds0, DMatrixRMaj ds1,
                   double target) {
        jordanSquare(xi0, xi1, -1);
        double[] a0 = new double[p];
        DMatrixRMaj a1 = new DMatrixRMaj(d, p);
        double[] b0 = new double[p];
        DMatrixRMaj b1 = new DMatrixRMaj(d, p);
        applyW(dx0, dx1, a0, a1, false);
        applyW(ds0, ds1, b0, b1, true);
        double[] dots = columnDots(a1, b1);
        for (int j = 0; j < p; j++) {
            xi0[j] -= a0[j] * b0[j] + dots[j] - target;
        }
        for (int c = 0; c < d; c++) {
            for (int j = 0; j < p; j++) {
                int idx = c * p + j;
                xi1.data[idx] -= b0[j] * a1.data[idx] + a0[j] * b1.data[idx];
            }
        }
    }

    /** Column dot products of two {@code d x P} matrices. */
    static double[] columnDots(DMatrixRMaj a, DMatrixRMaj b) {
        int p = a.numCols;
        double[] out = new double[p];
        for (int row = 0; row < a.numRows; row++) {
            int off = row * p;
            for (int j = 0; j < p; j++) {
                out[j] += a.data[off + j] * b.data[off + j];
            }
        }
        return out;
    }

    /**
     * The largest {@code a} keeping one block {@code (t_0, t_1) + a (dt_0, dt_1)} in the cone ({@code +inf} when it
     * never leaves): the first positive root of {@code (t0 + a dt0)^2 - ||t1 + a dt1||^2}, and {@code t0 + a dt0 >= 0},
     * from {@code c = t0^2 - ||t1||^2 > 0}, {@code vd = t1 . dt1} and {@code dd = ||dt1||^2}.
     */
    static double blockStep(double t0, double dt0, double c, double vd, double dd) {
        double a = GatedInteriorPoint.firstPositiveRoot(dt0 * dt0 - dd, 2 * (t0 * dt0 - vd), c);
        return dt0 < 0 ? Math.min(a, -t0 / dt0) : a;
    }
}
