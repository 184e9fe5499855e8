package io.dualnet.opt;

import io.dualnet.data.InvalidInputException;

import java.util.ArrayList;
import java.util.List;

/**
 * A small revised simplex method for {@code min c.x  s.t.  A x = b, x >= 0} with few rows (tens) and columns that can
 * be added between solves (column generation). The basis inverse is kept explicitly and refactored every
 * {@link #REFACTOR_EVERY} pivots; pricing is Dantzig's rule, switching to Bland's rule (which cannot cycle) after
 * {@link #DEGENERATE_LIMIT} degenerate pivots in a row.
 *
 * <p>The caller supplies a feasible starting basis. Not thread-safe.
 */
public final class DenseSimplex {
    /** Pivots between refactorizations of the basis inverse. */
    public static final int REFACTOR_EVERY = 40;
    /** Degenerate pivots in a row before switching to Bland's rule. */
    public static final int DEGENERATE_LIMIT = 50;
    private static final double PIVOT_TOL = 1e-11;

    /** How {@link #solve} ended. */
    public enum Outcome {
        /** No column has a negative reduced cost (within the tolerance). */
        OPTIMAL,
        /** A column with negative reduced cost has no positive entry in its direction. */
        UNBOUNDED,
        /** The pivot budget ran out. */
        MAX_PIVOTS
    }

    private final int m;
    private final double[] b;
    private final List<double[]> columns = new ArrayList<>();
    private final List<Double> costs = new ArrayList<>();
    private int[] basis;
    private double[][] inverse;
    private double[] xb;
    private int pivots;

    /** A problem with right-hand side {@code b} (copied). */
    public DenseSimplex(double[] b) {
        this.m = b.length;
        InvalidInputException.requireAtLeast("rows", m, 1);
        this.b = b.clone();
    }

    /** Adds a column {@code a} ({@code m} entries, copied) with cost {@code cost}; returns its index. */
    public int addColumn(double[] a, double cost) {
        if (a.length != m) {
            throw new InvalidInputException("column", a.length + " entries", m + " entries (one per row)");
        }
        columns.add(a.clone());
        costs.add(cost);
        return columns.size() - 1;
    }

    /** Number of columns. */
    public int size() {
        return columns.size();
    }

    /**
     * Sets the basis ({@code m} column indices) and factorizes it.
     *
     * @throws InvalidInputException if the basis is singular or infeasible ({@code B^-1 b} has a negative entry)
     */
    public void setBasis(int[] columnsInBasis) {
        if (columnsInBasis.length != m) {
            throw new InvalidInputException("basis", columnsInBasis.length + " columns", m + " columns");
        }
        basis = columnsInBasis.clone();
        refactor();
        for (int i = 0; i < m; i++) {
            if (xb[i] < -1e-9) {
                throw new InvalidInputException("basis", "x_B[" + i + "] = " + xb[i], "a feasible basis");
            }
        }
    }

    /** Pivots until optimal, unbounded, or {@code maxPivots} pivots (total over all calls) are used. */
    public Outcome solve(int maxPivots) {
        int degenerate = 0;
        double[] y = new double[m];
        double[] d = new double[m];
        while (true) {
            duals(y);
            int entering = -1;
            double best = 0;
            boolean bland = degenerate >= DEGENERATE_LIMIT;
            for (int j = 0; j < columns.size(); j++) {
                double rc = reducedCost(j, y);
                double tol = 1e-12 * (1 + Math.abs(costs.get(j)));
                if (rc < -tol && (entering < 0 || !bland && rc < best)) {
                    entering = j;
                    best = rc;
                    if (bland) {
                        break;
                    }
                }
            }
            if (entering < 0) {
                return Outcome.OPTIMAL;
            }
            if (pivots >= maxPivots) {
                return Outcome.MAX_PIVOTS;
            }
            double[] a = columns.get(entering);
            for (int i = 0; i < m; i++) {
                double s = 0;
                for (int k = 0; k < m; k++) {
                    s += inverse[i][k] * a[k];
                }
                d[i] = s;
            }
            int leave = -1;
            double ratio = Double.POSITIVE_INFINITY;
            for (int i = 0; i < m; i++) {
                if (d[i] > PIVOT_TOL) {
                    double r = Math.max(0, xb[i]) / d[i];
                    if (r < ratio - 1e-15 || r <= ratio + 1e-15 && leave >= 0 && basis[i] < basis[leave]) {
                        ratio = r;
                        leave = i;
                    }
                }
            }
            if (leave < 0) {
                return Outcome.UNBOUNDED;
            }
            degenerate = ratio <= 1e-14 ? degenerate + 1 : 0;
            pivot(leave, entering, d);
        }
    }

    private void pivot(int leave, int entering, double[] d) {
        double p = d[leave];
        double[] rowLeave = inverse[leave];
        for (int k = 0; k < m; k++) {
            rowLeave[k] /= p;
        }
        double xl = xb[leave] / p;
        for (int i = 0; i < m; i++) {
            if (i != leave && d[i] != 0) {
                double f = d[i];
                double[] row = inverse[i];
                for (int k = 0; k < m; k++) {
                    row[k] -= f * rowLeave[k];
                }
                xb[i] -= f * xl;
            }
        }
        xb[leave] = xl;
        basis[leave] = entering;
        pivots++;
        if (pivots % REFACTOR_EVERY == 0) {
            refactor();
        }
    }

    /** Recomputes {@code B^-1} (Gauss-Jordan with partial pivoting) and {@code x_B = B^-1 b}. */
    private void refactor() {
        double[][] a = new double[m][2 * m];
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < m; j++) {
                a[i][j] = columns.get(basis[j])[i];
            }
            a[i][m + i] = 1;
        }
        for (int c = 0; c < m; c++) {
            int piv = c;
            for (int r = c + 1; r < m; r++) {
                if (Math.abs(a[r][c]) > Math.abs(a[piv][c])) {
                    piv = r;
                }
            }
            if (Math.abs(a[piv][c]) < 1e-14) {
                throw new InvalidInputException("basis", "singular", "linearly independent basis columns");
            }
            double[] tmp = a[c];
            a[c] = a[piv];
            a[piv] = tmp;
            double p = a[c][c];
            for (int k = 0; k < 2 * m; k++) {
                a[c][k] /= p;
            }
            for (int r = 0; r < m; r++) {
                if (r != c && a[r][c] != 0) {
                    double f = a[r][c];
                    for (int k = 0; k < 2 * m; k++) {
                        a[r][k] -= f * a[c][k];
                    }
                }
            }
        }
        inverse = new double[m][m];
        xb = new double[m];
        for (int i = 0; i < m; i++) {
            System.arraycopy(a[i], m, inverse[i], 0, m);
            double s = 0;
            for (int k = 0; k < m; k++) {
                s += inverse[i][k] * b[k];
            }
            xb[i] = s;
        }
    }

    /** The simplex multipliers {@code y = c_B B^-1}, written into {@code out} ({@code m} entries). */
    public void duals(double[] out) {
        for (int k = 0; k < m; k++) {
            double s = 0;
            for (int i = 0; i < m; i++) {
                s += costs.get(basis[i]) * inverse[i][k];
            }
            out[k] = s;
        }
    }

    /** {@code c_j - y . a_j}. */
    public double reducedCost(int column, double[] y) {
        double[] a = columns.get(column);
        double s = costs.get(column);
        for (int k = 0; k < m; k++) {
            s -= y[k] * a[k];
        }
        return s;
    }

    /** The current value of every column (0 for non-basic ones). */
    public double[] primal() {
        double[] x = new double[columns.size()];
        for (int i = 0; i < m; i++) {
            x[basis[i]] = Math.max(0, xb[i]);
        }
        return x;
    }

    /** The objective {@code c . x} of the current basic solution. */
    public double objective() {
        double s = 0;
        for (int i = 0; i < m; i++) {
            s += costs.get(basis[i]) * Math.max(0, xb[i]);
        }
        return s;
    }

    /** Pivots done so far. */
    public int pivots() {
        return pivots;
    }
}
