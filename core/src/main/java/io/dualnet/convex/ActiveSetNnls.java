package io.dualnet.convex;

import io.dualnet.linalg.UpdatedCholesky;
import io.dualnet.linalg.Vectors;

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
        return solveGram(h, q, new double[0], 1e-13 * Math.max(scale, Double.MIN_NORMAL) * (1 + Vectors.norm(c)),
                false);
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
        Passive passive = new Passive(h, q);
        for (int a = 0; a < m; a++) {
            if (mu[a] > 0) {
                passive.add(a);
            }
        }
        if (enterTogether && m > start.length) {
            // The candidates added since {@code start} enter together: the least-squares solution over them and the
            // old passive set, cut at zero, is a feasible start from which the one-at-a-time exchanges below only
            // correct the few that do not belong (instead of entering the new ones one exchange at a time).
            for (int j = start.length; j < m; j++) {
                if (!passive.contains(j)) {
                    passive.add(j);
                }
            }
            double[] z = passive.solve();
            for (int j = 0; j < m; j++) {
                mu[j] = passive.contains(j) ? Math.max(0, z[j]) : 0;
            }
            passive.dropZeros(mu);
        }
        for (int outer = 0; outer < 3 * m + 3; outer++) {
            // Inner loop: least squares on the passive set, stepping back to keep mu >= 0.
            for (int inner = 0; inner < 3 * m + 3; inner++) {
                double[] z = passive.solve();
                double alpha = 1;
                boolean feasible = true;
                for (int j = 0; j < m; j++) {
                    if (passive.contains(j) && z[j] <= 0) {
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
                }
                // Entries stepped to zero (or rounded below it) leave the passive set at zero.
                passive.dropZeros(mu);
            }
            int enter = -1;
            double best = tol;
            for (int j = 0; j < m; j++) {
                if (passive.contains(j)) {
                    continue;
                }
                double w = -q[j];
                double[] hj = h[j];
                for (int l = 0; l < m; l++) {
                    w -= hj[l] * mu[l];
                }
                if (w > best) {
                    best = w;
                    enter = j;
                }
            }
            if (enter < 0) {
                break;
            }
            passive.add(enter);
        }
        return mu;
    }

    /**
     * The passive set in the order its entries entered, with the Cholesky factor of its Gram block kept up to date
     * ({@link UpdatedCholesky}: {@code O(p^2)} per entry or exit where a new factorization costs {@code O(p^3)}),
     * lightly damped by {@code 1e-14} times the mean diagonal of {@code H}.
     */
    private static final class Passive {
        private final double[][] h;
        private final double[] q;
        private final double damping;
        private final boolean[] member;
        private final UpdatedCholesky factor = new UpdatedCholesky();
        private int[] order;
        private int size;

        Passive(double[][] h, double[] q) {
            this.h = h;
            this.q = q;
            int m = q.length;
            double trace = 0;
            for (int j = 0; j < m; j++) {
                trace += h[j][j];
            }
            this.damping = 1e-14 * trace / Math.max(m, 1);
            this.member = new boolean[m];
            this.order = new int[Math.min(m, 16)];
        }

        boolean contains(int j) {
            return member[j];
        }

        void add(int j) {
            double[] cross = new double[size];
            double[] hj = h[j];
            for (int a = 0; a < size; a++) {
                cross[a] = hj[order[a]];
            }
            factor.append(cross, hj[j] + damping);
            if (size == order.length) {
                order = Arrays.copyOf(order, Math.max(16, 2 * size));
            }
            order[size++] = j;
            member[j] = true;
        }

        /** Removes the entries whose {@code mu} is zero, the latest first (earlier positions stay valid). */
        void dropZeros(double[] mu) {
            for (int a = size - 1; a >= 0; a--) {
                int j = order[a];
                if (mu[j] <= 0) {
                    factor.remove(a);
                    System.arraycopy(order, a + 1, order, a, size - a - 1);
                    size--;
                    member[j] = false;
                    mu[j] = 0;
                }
            }
        }

        /** {@code argmin ½ z^T H z + q^T z} over the passive entries (others zero). */
        double[] solve() {
            double[] rhs = new double[size];
            for (int a = 0; a < size; a++) {
                rhs[a] = -q[order[a]];
            }
            factor.solveInPlace(rhs);
            double[] z = new double[q.length];
            for (int a = 0; a < size; a++) {
                z[order[a]] = rhs[a];
            }
            return z;
        }
    }
}
