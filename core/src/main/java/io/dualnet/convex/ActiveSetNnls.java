package io.dualnet.convex;

import io.dualnet.linalg.SmallCholesky;

import java.util.Arrays;

/**
 * Lawson and Hanson's active-set method (1974, ch. 23) for the small non-negative least-squares problems of the
 * cone dual bounds, {@code min_{mu >= 0} ||c + B mu||_2} with {@code B} of shape {@code m x n} ({@code m = d'}
 * features, {@code n} samples): exact up to rounding in finitely many steps, so it polishes the bounds that the
 * batched projected gradient leaves above {@code beta} on small instances; in its Gram form, warm-started, it also
 * serves {@link ConeProjection}. Stateless; arguments are not modified.
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
        double scale = 0;
        for (double v : b) {
            scale = Math.max(scale, Math.abs(v));
        }
        double[][] h = new double[n][n];
        double[] q = new double[n];
        for (int j = 0; j < n; j++) {
            for (int l = 0; l <= j; l++) {
                double s = 0;
                for (int r = 0; r < m; r++) {
                    s += b[r * n + j] * b[r * n + l];
                }
                h[j][l] = s;
                h[l][j] = s;
            }
            double s = 0;
            for (int r = 0; r < m; r++) {
                s += b[r * n + j] * c[r];
            }
            q[j] = s;
        }
        return solveGram(h, q, new double[0], 1e-13 * Math.max(scale, Double.MIN_NORMAL) * (1 + norm(c)), false);
    }

    /**
     * {@code min_{mu >= 0} ½ mu^T H mu + q^T mu} by Lawson and Hanson's active set in Gram form, starting from the
     * passive set of {@code start > 0} (entries beyond its length start at zero); an entry enters when its
     * negative gradient exceeds {@code tol}. With {@code enterTogether} the entries beyond {@code start} enter at once
     * (meant for a few new candidates of full rank); else one at a time, Lawson and Hanson's rule. With
     * {@code H = B^T B} and {@code q = B^T c} this is {@code min_{mu >= 0} ½||c + B mu||²}.
     */
    static double[] solveGram(double[][] h, double[] q, double[] start, double tol, boolean enterTogether) {
        int m = q.length;
        double[] mu = Arrays.copyOf(start, m);
        boolean[] passive = new boolean[m];
        for (int a = 0; a < m; a++) {
            passive[a] = mu[a] > 0;
        }
        if (enterTogether && m > start.length) {
            // The candidates added since {@code start} enter together: the least-squares solution over them and the
            // old passive set, cut at zero, is a feasible start from which the one-at-a-time exchanges below only
            // correct the few that do not belong (instead of entering the new ones one Cholesky at a time).
            for (int j = start.length; j < m; j++) {
                passive[j] = true;
            }
            double[] z = passiveSolve(h, q, passive);
            for (int j = 0; j < m; j++) {
                mu[j] = passive[j] ? Math.max(0, z[j]) : 0;
                passive[j] = mu[j] > 0;
            }
        }
        for (int outer = 0; outer < 3 * m + 3; outer++) {
            // Inner loop: least squares on the passive set, stepping back to keep mu >= 0.
            for (int inner = 0; inner < 3 * m + 3; inner++) {
                double[] z = passiveSolve(h, q, passive);
                double alpha = 1;
                boolean feasible = true;
                for (int j = 0; j < m; j++) {
                    if (passive[j] && z[j] <= 0) {
                        feasible = false;
                        alpha = Math.min(alpha, mu[j] / (mu[j] - z[j]));
                    }
                }
                if (feasible) {
                    mu = z;
                    break;
                }
                for (int j = 0; j < m; j++) {
                    mu[j] += alpha * (z[j] - mu[j]);
                    if (passive[j] && mu[j] <= 0) {
                        passive[j] = false;
                        mu[j] = 0;
                    }
                }
            }
            int enter = -1;
            double best = tol;
            for (int j = 0; j < m; j++) {
                if (passive[j]) {
                    continue;
                }
                double w = -q[j];
                for (int l = 0; l < m; l++) {
                    w -= h[j][l] * mu[l];
                }
                if (w > best) {
                    best = w;
                    enter = j;
                }
            }
            if (enter < 0) {
                break;
            }
            passive[enter] = true;
        }
        return mu;
    }

    /** {@code argmin ½ z^T H z + q^T z} over the passive entries (others zero), lightly damped. */
    private static double[] passiveSolve(double[][] h, double[] q, boolean[] passive) {
        int m = q.length;
        int p = 0;
        int[] idx = new int[m];
        for (int j = 0; j < m; j++) {
            if (passive[j]) {
                idx[p++] = j;
            }
        }
        double[] z = new double[m];
        if (p == 0) {
            return z;
        }
        double[][] g = new double[p][p];
        double[] rhs = new double[p];
        double trace = 0;
        for (int a = 0; a < p; a++) {
            for (int b = 0; b < p; b++) {
                g[a][b] = h[idx[a]][idx[b]];
            }
            rhs[a] = -q[idx[a]];
            trace += g[a][a];
        }
        for (int a = 0; a < p; a++) {
            g[a][a] += 1e-14 * trace / p;
        }
        double[] sol = SmallCholesky.solve(g, rhs);
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
