package io.dualnet.solve;

import io.dualnet.convex.PatternOperator;
import io.dualnet.convex.ReluConvexProblem;
import io.dualnet.linalg.Vectors;
import io.dualnet.loss.Loss;
import org.ejml.data.DMatrixRMaj;

/**
 * The data and current point of {@link ReluInteriorPoint}: blocks {@code b_j}, their epigraph variables
 * {@code tau_j >= ||b_j||}, the hinge epigraph {@code e}, the barrier parameter {@code t}, and the evaluations the
 * Newton steps need (predictions, objective, the {@code 1/t}-scaled barrier, the largest feasible step). Mutable; not
 * thread-safe.
 */
final class IpmPoint {
    private final ReluConvexProblem convex;
    private final PatternOperator op;
    private final DMatrixRMaj x;
    final double[] y;
    final Loss loss;
    final boolean hinge;
    final int n;
    final int d;
    final int k;
    private final int p;
    private final boolean[] zeroRow;
    private final double beta;
    double t;
    double[][] b;
    double[] tau;
    double[] e;

    IpmPoint(ReluConvexProblem convex) {
        this.convex = convex;
        this.op = convex.operator();
        this.x = convex.problem().featuresView();
        this.y = convex.problem().yView();
        this.loss = convex.loss();
        this.hinge = Double.isInfinite(loss.smoothness());
        this.n = x.numRows;
        this.d = x.numCols;
        this.k = convex.blockCount();
        this.p = convex.patterns().count();
        this.beta = convex.beta();
        this.zeroRow = new boolean[n];
        for (int r = 0; r < n; r++) {
            boolean zero = true;
            for (int c = 0; c < d; c++) {
                zero &= x.data[r * d + c] == 0;
            }
            zeroRow[r] = zero;
        }
    }

    /** Starts at {@code 0.1} times the unit generators; false when they are not strictly inside their cones. */
    boolean start() {
        b = new double[k][];
        tau = new double[k];
        for (int j = 0; j < k; j++) {
            double[] g = convex.patterns().generator(j < p ? j : j - p);
            double norm = Vectors.norm(g);
            b[j] = new double[d];
            for (int c = 0; c < d; c++) {
                b[j][c] = 0.1 * g[c] / norm;
            }
            tau[j] = 0.2;
        }
        double[] r = predictions(b);
        if (hinge) {
            e = new double[n];
            for (int i = 0; i < n; i++) {
                e[i] = Math.max(0, 1 - y[i] * r[i]) + 1;
            }
        }
        t = 1;
        if (!Double.isFinite(barrier(b, tau, e))) {
            return false;
        }
        t = nu() / Math.max(1, Math.abs(objective(r, tau, e)));
        return true;
    }

    /** The barrier parameter {@code nu}: the central-path gap is {@code nu / t}. */
    double nu() {
        int rows = 0;
        for (boolean z : zeroRow) {
            rows += z ? 0 : 1;
        }
        return 2.0 * k + (convex.gated() ? 0 : (double) k * rows) + (hinge ? 2.0 * n : 0);
    }

    /** The largest step in {@code (0, 1]} keeping the constraints (and epigraph) strictly feasible, times 0.99. */
    double maxStep(IpmNewton s, double[] de, double[] r) {
        double step = 1;
        for (int j = 0; j < k; j++) {
            for (int i = 0; i < n; i++) {
                if (constrained(i)) {
                    double g = side(j, i) * rowDot(i, b[j]);
                    double dg = side(j, i) * rowDot(i, s.db[j]);
                    if (dg < 0) {
                        step = Math.min(step, 0.99 * g / -dg);
                    }
                }
            }
        }
        if (hinge) {
            double[] dr = s.direction();
            for (int i = 0; i < n; i++) {
                double c = e[i] - 1 + y[i] * r[i];
                double dc = de[i] + y[i] * dr[i];
                if (de[i] < 0) {
                    step = Math.min(step, 0.99 * e[i] / -de[i]);
                }
                if (dc < 0) {
                    step = Math.min(step, 0.99 * c / -dc);
                }
            }
        }
        return step;
    }

    /** The barrier parameter {@code t}. */
    double t() {
        return t;
    }

    /** Weight decay. */
    double beta() {
        return beta;
    }

    /** Block {@code j} (a view). */
    double[] block(int j) {
        return b[j];
    }

    /** Epigraph variable of block {@code j}. */
    double tau(int j) {
        return tau[j];
    }

    /** Whether sample {@code row} carries a cone constraint (cone problem, non-zero row). */
    boolean constrained(int row) {
        return !convex.gated() && !zeroRow[row];
    }

    /** {@code +-1} when sample {@code row} is in the pattern of block {@code j}, with the block's sign; else 0. */
    double coupling(int j, int row) {
        return op.active(row, j < p ? j : j - p) ? (j < p ? 1 : -1) : 0;
    }

    /** {@code (2D_j - I)_row}. */
    double side(int j, int row) {
        return op.active(row, j < p ? j : j - p) ? 1 : -1;
    }

    /** The features. */
    DMatrixRMaj features() {
        return x;
    }

    double[] predictions(double[][] blocks) {
        double[] r = new double[n];
        for (int j = 0; j < k; j++) {
            for (int i = 0; i < n; i++) {
                double c = coupling(j, i);
                if (c != 0) {
                    r[i] += c * rowDot(i, blocks[j]);
                }
            }
        }
        return r;
    }

    /** {@code x_row^T v}. */
    double rowDot(int row, double[] v) {
        double s = 0;
        for (int c = 0; c < d; c++) {
            s += x.data[row * d + c] * v[c];
        }
        return s;
    }

    double objective(double[] r, double[] tauValues, double[] eValues) {
        double s = 0;
        for (double v : tauValues) {
            s += beta * v;
        }
        if (hinge) {
            for (double v : eValues) {
                s += v;
            }
            return s;
        }
        return s + loss.value(r, y);
    }

    double barrier(double[][] blocks, double[] tauValues, double[] eValues) {
        double[] r = predictions(blocks);
        double f = 0;
        for (int j = 0; j < k; j++) {
            double delta = tauValues[j] * tauValues[j] - Vectors.dot(blocks[j], blocks[j]);
            if (!(delta > 0) || !(tauValues[j] > 0)) {
                return Double.POSITIVE_INFINITY;
            }
            f -= Math.log(delta);
            for (int i = 0; i < n; i++) {
                if (constrained(i)) {
                    double g = side(j, i) * rowDot(i, blocks[j]);
                    if (!(g > 0)) {
                        return Double.POSITIVE_INFINITY;
                    }
                    f -= Math.log(g);
                }
            }
        }
        if (hinge) {
            for (int i = 0; i < n; i++) {
                double a = eValues[i];
                double c = eValues[i] - 1 + y[i] * r[i];
                if (!(a > 0) || !(c > 0)) {
                    return Double.POSITIVE_INFINITY;
                }
                f -= Math.log(a) + Math.log(c);
            }
        }
        f = objective(r, tauValues, eValues) + f / t;
        return Double.isNaN(f) ? Double.POSITIVE_INFINITY : f;
    }
}
