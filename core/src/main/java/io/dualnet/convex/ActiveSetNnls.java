package io.dualnet.convex;

import io.dualnet.linalg.SmallCholesky;

/**
 * Lawson and Hanson's active-set method (1974, ch. 23) for the small non-negative least-squares problems of the
 * cone dual bounds, {@code min_{mu >= 0} ||c + B mu||_2} with {@code B} of shape {@code m x n} ({@code m = d'}
 * features, {@code n} samples): exact up to rounding in finitely many steps, so it polishes the bounds that the
 * batched projected gradient leaves above {@code beta} on small instances. Stateless; arguments are not modified.
 */
final class ActiveSetNnls {
    private ActiveSetNnls() {
    }

    /**
     * The minimizer {@code mu >= 0}.
     *
     * @param b {@code m x n}, row-major ({@code b[r * n + j]})
     * @param m rows
     * @param n columns
     * @param c {@code m} entries
     */
    static double[] solve(double[] b, int m, int n, double[] c) {
        double[] mu = new double[n];
        boolean[] passive = new boolean[n];
        double scale = 0;
        for (double v : b) {
            scale = Math.max(scale, Math.abs(v));
        }
        double tol = 1e-13 * Math.max(scale, Double.MIN_NORMAL) * (1 + norm(c));
        for (int outer = 0; outer < 3 * n + 3; outer++) {
            double[] w = negativeGradient(b, m, n, c, mu);
            int enter = -1;
            double best = tol;
            for (int j = 0; j < n; j++) {
                if (!passive[j] && w[j] > best) {
                    best = w[j];
                    enter = j;
                }
            }
            if (enter < 0) {
                break;
            }
            passive[enter] = true;
            for (int inner = 0; inner < 3 * n + 3; inner++) {
                double[] z = leastSquares(b, m, n, c, passive);
                double alpha = 1;
                boolean feasible = true;
                for (int j = 0; j < n; j++) {
                    if (passive[j] && z[j] <= 0) {
                        feasible = false;
                        alpha = Math.min(alpha, mu[j] / (mu[j] - z[j]));
                    }
                }
                if (feasible) {
                    mu = z;
                    break;
                }
                for (int j = 0; j < n; j++) {
                    mu[j] += alpha * (z[j] - mu[j]);
                    if (passive[j] && mu[j] <= 0) {
                        passive[j] = false;
                        mu[j] = 0;
                    }
                }
            }
        }
        return mu;
    }

    /** {@code -B^T (c + B mu)}. */
    private static double[] negativeGradient(double[] b, int m, int n, double[] c, double[] mu) {
        double[] res = c.clone();
        for (int r = 0; r < m; r++) {
            for (int j = 0; j < n; j++) {
                res[r] += b[r * n + j] * mu[j];
            }
        }
        double[] w = new double[n];
        for (int r = 0; r < m; r++) {
            for (int j = 0; j < n; j++) {
                w[j] -= b[r * n + j] * res[r];
            }
        }
        return w;
    }

    /** {@code argmin ||c + B_P z||} over the passive columns (others zero), by damped normal equations. */
    private static double[] leastSquares(double[] b, int m, int n, double[] c, boolean[] passive) {
        int p = 0;
        int[] idx = new int[n];
        for (int j = 0; j < n; j++) {
            if (passive[j]) {
                idx[p++] = j;
            }
        }
        double[][] g = new double[p][p];
        double[] rhs = new double[p];
        double trace = 0;
        for (int a = 0; a < p; a++) {
            for (int e = 0; e < p; e++) {
                double s = 0;
                for (int r = 0; r < m; r++) {
                    s += b[r * n + idx[a]] * b[r * n + idx[e]];
                }
                g[a][e] = s;
            }
            trace += g[a][a];
            double s = 0;
            for (int r = 0; r < m; r++) {
                s -= b[r * n + idx[a]] * c[r];
            }
            rhs[a] = s;
        }
        for (int a = 0; a < p; a++) {
            g[a][a] += 1e-14 * trace / Math.max(1, p);
        }
        double[] sol = SmallCholesky.solve(g, rhs);
        double[] z = new double[n];
        for (int a = 0; a < p; a++) {
            z[idx[a]] = sol[a];
        }
        return z;
    }

    private static double norm(double[] v) {
        double s = 0;
        for (double t : v) {
            s += t * t;
        }
        return Math.sqrt(s);
    }
}
