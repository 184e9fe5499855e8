package io.dualnet.solve;

import io.dualnet.linalg.SmallCholesky;
import io.dualnet.linalg.Vectors;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The Newton direction of {@link ReluInteriorPoint}: solves {@code (H + M^T W M) delta = -(g + M^T gamma)}, where
 * {@code H} is the block-diagonal barrier Hessian ({@code (d'+1)^2} per block, solved with {@code tau} eliminated),
 * {@code M} maps a block step to the predictions ({@code n x K(d'+1)}) and {@code W >= 0}, {@code gamma} are the
 * loss curvature and gradient per sample, by the Woodbury identity
 *
 * <pre>
 *   delta = u - Y W^{1/2} (I + W^{1/2} M Y W^{1/2})^{-1} W^{1/2} M u,   u = -H^{-1} (g + M^T gamma),  Y = H^{-1} M^T,
 * </pre>
 *
 * so the only dense system is {@code n x n}. Work arrays are reused between steps; not thread-safe.
 */
final class IpmNewton {
    private final int n;
    private final int d;
    private final int k;
    private final int q;
    final double[][] db;
    final double[] dtau;
    private final double[][] gradient;
    private final double[][] ys;
    private final double[] dr;

    IpmNewton(int n, int d, int k) {
        this.n = n;
        this.d = d;
        this.k = k;
        this.q = d + 1;
        this.db = new double[k][d];
        this.dtau = new double[k];
        this.gradient = new double[k][q];
        this.ys = new double[k][];
        this.dr = new double[n];
    }

    /** Builds and solves the Newton system at the method's current point. */
    void assemble(IpmPoint m, double[] w, double[] gamma) {
        double t = m.t();
        double[] xs = m.features().data;
        double[][] c = new double[n][n];
        double[] mu = new double[n];
        double[][] u = new double[k][];
        for (int j = 0; j < k; j++) {
            double[] b = m.block(j);
            double tau = m.tau(j);
            double nb = Vectors.norm(b);
            double delta = (tau - nb) * (tau + nb);
            double sum = tau * tau + nb * nb;
            double[] g = gradient[j];
            // Schur complement of the block Hessian after eliminating tau: S_b = A + V diag(1/g^2) V^T with
            // A = (2/delta)(I - bb^T/|b|^2) + 2/(tau^2 + |b|^2) bb^T/|b|^2 and V the constrained rows x_k. Solved by
            // Woodbury with the explicit A^{-1} = (delta/2)(I - bb^T/|b|^2) + ((tau^2 + |b|^2)/2) bb^T/|b|^2, which
            // stays accurate when active constraints (g -> 0) make S_b very ill-conditioned.
            BlockSolver solver = new BlockSolver(m, j, b, nb, delta, sum);
            for (int a = 0; a < d; a++) {
                g[a] = 2 * b[a] / delta;
            }
            g[d] = t * m.beta() - 2 * tau / delta;
            double[] rhs = new double[d];
            for (int i = 0; i < n; i++) {
                if (m.constrained(i)) {
                    double s = m.side(j, i);
                    double gi = s * m.rowDot(i, b);
                    for (int a = 0; a < d; a++) {
                        g[a] -= s * xs[i * d + a] / gi;
                    }
                }
                double cp = m.coupling(j, i);
                if (cp != 0) {
                    for (int a = 0; a < d; a++) {
                        rhs[a] += cp * xs[i * d + a] * gamma[i];
                    }
                }
            }
            // u = -H^{-1} (g + M^T gamma), tau eliminated (g: the barrier-only gradient).
            double rTau = -g[d];
            for (int a = 0; a < d; a++) {
                rhs[a] = -(rhs[a] + g[a]) + 2 * tau * b[a] / sum * rTau;
            }
            u[j] = withTau(solver.solve(rhs), b, tau, sum, delta, rTau);
            double[] y = new double[q * n];
            for (int i = 0; i < n; i++) {
                double cp = m.coupling(j, i);
                if (cp == 0) {
                    continue;
                }
                double[] col = new double[d];
                for (int a = 0; a < d; a++) {
                    col[a] = cp * xs[i * d + a];
                }
                double[] sol = withTau(solver.solve(col), b, tau, sum, delta, 0);
                for (int a = 0; a < q; a++) {
                    y[a * n + i] = sol[a];
                }
            }
            ys[j] = y;
            for (int i = 0; i < n; i++) {
                double cp = m.coupling(j, i);
                if (cp == 0) {
                    continue;
                }
                double mu0 = 0;
                for (int a = 0; a < d; a++) {
                    mu0 += cp * xs[i * d + a] * u[j][a];
                }
                mu[i] += mu0;
                for (int l = 0; l < n; l++) {
                    double v = 0;
                    for (int a = 0; a < d; a++) {
                        v += cp * xs[i * d + a] * y[a * n + l];
                    }
                    c[i][l] += v;
                }
            }
        }
        // Woodbury: delta = u - Y W^{1/2} (I + W^{1/2} M Y W^{1/2})^{-1} W^{1/2} M u.
        double[] sw = new double[n];
        for (int i = 0; i < n; i++) {
            sw[i] = Math.sqrt(Math.max(0, w[i]));
        }
        for (int i = 0; i < n; i++) {
            for (int l = 0; l < n; l++) {
                c[i][l] = sw[i] * c[i][l] * sw[l] + (i == l ? 1 : 0);
            }
            mu[i] *= sw[i];
        }
        SmallCholesky.factor(c);
        double[] z = SmallCholesky.solveFactored(c, mu);
        for (int i = 0; i < n; i++) {
            z[i] *= sw[i];
        }
        Arrays.fill(dr, 0);
        for (int j = 0; j < k; j++) {
            double[] y = ys[j];
            double[] step = u[j].clone();
            for (int a = 0; a < q; a++) {
                double s = 0;
                for (int i = 0; i < n; i++) {
                    s += y[a * n + i] * z[i];
                }
                step[a] -= s;
            }
            System.arraycopy(step, 0, db[j], 0, d);
            dtau[j] = step[d];
            for (int i = 0; i < n; i++) {
                double cp = m.coupling(j, i);
                if (cp != 0) {
                    dr[i] += cp * m.rowDot(i, db[j]);
                }
            }
        }
    }

    /** Solves with one block's {@code S_b = A + V diag(1/g^2) V^T} (see {@link #assemble}). */
    private static final class BlockSolver {
        private final int d;
        private final double[] unit;
        private final double delta;
        private final double sum;
        private final double[][] av;
        private final double[][] chol;

        BlockSolver(IpmPoint m, int j, double[] b, double nb, double delta, double sum) {
            double[] xs = m.features().data;
            this.d = b.length;
            this.delta = delta;
            this.sum = sum;
            this.unit = new double[d];
            for (int a = 0; a < d; a++) {
                unit[a] = nb == 0 ? 0 : b[a] / nb;
            }
            int n = m.features().numRows;
            List<double[]> cols = new ArrayList<>();
            List<Double> g2 = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                if (m.constrained(i)) {
                    double[] xi = new double[d];
                    System.arraycopy(xs, i * d, xi, 0, d);
                    double gi = m.side(j, i) * m.rowDot(i, b);
                    cols.add(applyInverse(xi));
                    g2.add(gi * gi);
                }
            }
            int c = cols.size();
            this.av = cols.toArray(new double[0][]);
            this.chol = new double[c][c];
            int r = 0;
            for (int i = 0; i < n; i++) {
                if (!m.constrained(i)) {
                    continue;
                }
                for (int l = 0; l < c; l++) {
                    double v = 0;
                    for (int a = 0; a < d; a++) {
                        v += xs[i * d + a] * av[l][a];
                    }
                    chol[r][l] = v + (r == l ? g2.get(r) : 0);
                }
                r++;
            }
            SmallCholesky.factor(chol);
            this.rows = new int[c];
            r = 0;
            for (int i = 0; i < n; i++) {
                if (m.constrained(i)) {
                    rows[r++] = i;
                }
            }
            this.xs = xs;
        }

        private final int[] rows;
        private final double[] xs;

        private double[] applyInverse(double[] v) {
            double along = Vectors.dot(unit, v);
            double[] out = new double[d];
            for (int a = 0; a < d; a++) {
                out[a] = 0.5 * delta * (v[a] - along * unit[a]) + 0.5 * sum * along * unit[a];
            }
            return out;
        }

        double[] solve(double[] rhs) {
            double[] base = applyInverse(rhs);
            if (av.length == 0) {
                return base;
            }
            double[] proj = new double[av.length];
            for (int l = 0; l < av.length; l++) {
                for (int a = 0; a < d; a++) {
                    proj[l] += xs[rows[l] * d + a] * base[a];
                }
            }
            double[] z = SmallCholesky.solveFactored(chol, proj);
            for (int l = 0; l < av.length; l++) {
                for (int a = 0; a < d; a++) {
                    base[a] -= av[l][a] * z[l];
                }
            }
            return base;
        }
    }

    /** Appends {@code delta tau = (r_tau delta^2 + 4 tau b^T delta b) / (2 (tau^2 + |b|^2))} to {@code db}. */
    private double[] withTau(double[] db, double[] b, double tau, double sum, double delta, double rTau) {
        double[] out = new double[q];
        System.arraycopy(db, 0, out, 0, d);
        out[d] = (rTau * delta * delta + 4 * tau * Vectors.dot(b, db)) / (2 * sum);
        return out;
    }

    /** The predictions' change {@code M delta} of the last direction. */
    double[] direction() {
        return dr;
    }

    /** {@code g . delta} for the barrier-only block gradients (the loss part is added by the caller). */
    double blockSlope() {
        double s = 0;
        for (int j = 0; j < k; j++) {
            for (int a = 0; a < d; a++) {
                s += gradient[j][a] * db[j][a];
            }
            s += gradient[j][d] * dtau[j];
        }
        return s;
    }
}
