package io.dualnet.solve;

import io.dualnet.linalg.SmallCholesky;

import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Reduced rank extrapolation (RRE; Sidi, "Vector Extrapolation Methods with Applications", SIAM 2017, ch. 1) of a
 * sequence of equally spaced iterates {@code x_0, ..., x_m} of a method that converges linearly: with the differences
 * {@code Δ_i = x_{i+1} - x_i}, the weights {@code γ} minimize {@code ||Σ γ_i Δ_i||} subject to {@code Σ γ_i = 1}, and
 * the estimate of the limit is {@code Σ γ_i x_{i+1}}. When the error is a sum of at most {@code m - 1} geometric
 * modes ({@code x_i - x* = Σ c_k r_k^i e_k}, as in the linear tail of a fixed-point iteration) the estimate is the
 * limit: the weights are then the coefficients of a polynomial of degree {@code m - 1} that vanishes at every ratio
 * {@code r_k} and is 1 at 1.
 *
 * <p>Used only where the estimate is checked before it is trusted: the working-set ADMM
 * ({@link ConeWorkingSet}) offers the extrapolated residual as a candidate dual point, which its certificate scales into
 * the feasible set, so a poor estimate costs one certificate evaluation and is dropped. Mutable, not thread-safe.
 */
final class IterateExtrapolation {
    /** Tikhonov shift of the difference Gram matrix relative to its mean diagonal (the differences become collinear). */
    static final double GRAM_SHIFT = 1e-12;

    private final int capacity;
    private final Deque<double[]> iterates = new ArrayDeque<>();

    /**
     * An empty sequence keeping the last {@code capacity} iterates.
     *
     * @param capacity iterates kept, {@code >= 3} (two differences are the fewest that extrapolate)
     */
    IterateExtrapolation(int capacity) {
        if (capacity < 3) {
            throw new IllegalArgumentException("capacity must be at least 3, got " + capacity);
        }
        this.capacity = capacity;
    }

    /** Appends an iterate (copied); the oldest is dropped beyond the capacity. All iterates must have one length. */
    void add(double[] x) {
        if (!iterates.isEmpty() && iterates.peekLast().length != x.length) {
            throw new IllegalArgumentException("iterate length " + x.length + " differs from "
                    + iterates.peekLast().length);
        }
        iterates.addLast(x.clone());
        if (iterates.size() > capacity) {
            iterates.removeFirst();
        }
    }

    /** Forgets every iterate (the iteration map changed: a new working set or penalty). */
    void clear() {
        iterates.clear();
    }

    /** Iterates kept. */
    int size() {
        return iterates.size();
    }

    /**
     * The RRE estimate of the limit from the kept iterates, or {@code null} with fewer than three, when the
     * differences vanish (the sequence has converged: nothing to extrapolate) or when the weights overflow (the
     * caller's candidate weights must be finite).
     */
    double[] estimate() {
        int m = iterates.size() - 1;
        if (m < 2) {
            return null;
        }
        double[][] x = iterates.toArray(new double[0][]);
        int len = x[0].length;
        double[][] delta = new double[m][len];
        for (int i = 0; i < m; i++) {
            for (int c = 0; c < len; c++) {
                delta[i][c] = x[i + 1][c] - x[i][c];
            }
        }
        double[][] gram = new double[m][m];
        double trace = 0;
        for (int i = 0; i < m; i++) {
            for (int j = 0; j <= i; j++) {
                double sum = 0;
                for (int c = 0; c < len; c++) {
                    sum += delta[i][c] * delta[j][c];
                }
                gram[i][j] = sum;
                gram[j][i] = sum;
            }
            trace += gram[i][i];
        }
        if (!(trace > 0) || !Double.isFinite(trace)) {
            return null;
        }
        double shift = GRAM_SHIFT * trace / m;
        for (int i = 0; i < m; i++) {
            gram[i][i] += shift;
        }
        double[] ones = new double[m];
        java.util.Arrays.fill(ones, 1);
        double[] g = SmallCholesky.solve(gram, ones);
        double total = 0;
        for (double value : g) {
            total += value;
        }
        if (!(Math.abs(total) > 0) || !Double.isFinite(total)) {
            return null;
        }
        double[] out = new double[len];
        for (int i = 0; i < m; i++) {
            double weight = g[i] / total;
            for (int c = 0; c < len; c++) {
                out[c] += weight * x[i + 1][c];
            }
        }
        for (double value : out) {
            if (!Double.isFinite(value)) {
                return null;
            }
        }
        return out;
    }
}
