package io.dualnet.linalg;

import java.util.Arrays;

/**
 * The Cholesky factor {@code L} of a symmetric positive definite matrix {@code A} that grows by one row and column at
 * a time and loses any of them, each in {@code O(p^2)} for order {@code p} instead of the {@code O(p^3)} of a new
 * factorization (Golub and Van Loan, "Matrix Computations", §6.5.4: a deleted column's row is removed from {@code L}
 * and the staircase it leaves is rotated back to lower triangular by Givens rotations on pairs of columns, which keep
 * {@code L L^T}). Meant for active-set methods whose passive set changes by a few entries per step. A pivot that
 * rounding makes non-positive is replaced by a tiny positive one, as in {@link SmallCholesky}. Mutable, not
 * thread-safe.
 */
public final class UpdatedCholesky {
    private double[][] l = new double[0][];
    private int size;

    /** An empty factor (order 0). */
    public UpdatedCholesky() {
    }

    /** The current order {@code p}. */
    public int size() {
        return size;
    }

    /**
     * Appends a last row and column to {@code A}: {@code cross[a] = A_{new, a}} for the {@code p} current ones,
     * {@code diagonal = A_{new, new}}.
     *
     * @throws MatrixDimensionException naming {@code cross} when it has fewer than {@code p} entries
     */
    public void append(double[] cross, double diagonal) {
        if (cross.length < size) {
            throw new MatrixDimensionException("cross", cross.length + " entries", "at least " + size);
        }
        if (size == l.length) {
            l = Arrays.copyOf(l, Math.max(8, 2 * size));
        }
        // The new row r solves L r = cross; its diagonal entry is what is left of the diagonal.
        double[] row = Arrays.copyOf(cross, size + 1);
        forwardInPlace(row);
        double squares = 0;
        for (int i = 0; i < size; i++) {
            squares += row[i] * row[i];
        }
        row[size] = Math.sqrt(Math.max(diagonal - squares, 1e-300));
        l[size++] = row;
    }

    /**
     * Removes row and column {@code position} of {@code A} (the later ones move up by one).
     *
     * @throws IndexOutOfBoundsException when {@code position} is not in {@code [0, p)}
     */
    public void remove(int position) {
        if (position < 0 || position >= size) {
            throw new IndexOutOfBoundsException("position " + position + " of a factor of order " + size);
        }
        // Rows below move up; row i (was i + 1) has one entry above its diagonal, at column i + 1.
        for (int i = position; i < size - 1; i++) {
            l[i] = l[i + 1];
        }
        size--;
        l[size] = null;
        for (int i = position; i < size; i++) {
            double a = l[i][i];
            double b = l[i][i + 1];
            double r = Math.hypot(a, b);
            double c = r == 0 ? 1 : a / r;
            double s = r == 0 ? 0 : b / r;
            // Rotate columns i and i + 1 of rows i.. so that row i's entry at i + 1 vanishes (its diagonal becomes
            // r >= 0; the next row's, which this may make negative, is set by the next rotation).
            l[i][i] = r;
            for (int k = i + 1; k < size; k++) {
                double x = l[k][i];
                double y = l[k][i + 1];
                l[k][i] = c * x + s * y;
                l[k][i + 1] = -s * x + c * y;
            }
            // Row i keeps its old length: the entry at i + 1 is now zero and is never read again (rows are only read
            // up to their diagonal), so no row is reallocated.
            l[i][i + 1] = 0;
        }
    }

    /**
     * Solves {@code A z = b} for the first {@code p} entries of {@code b}, in place.
     *
     * @throws MatrixDimensionException naming {@code b} when it has fewer than {@code p} entries
     */
    public void solveInPlace(double[] b) {
        if (b.length < size) {
            throw new MatrixDimensionException("b", b.length + " entries", "at least " + size);
        }
        forwardInPlace(b);
        for (int i = size - 1; i >= 0; i--) {
            double s = b[i] / l[i][i];
            b[i] = s;
            for (int j = 0; j < i; j++) {
                b[j] -= l[i][j] * s;
            }
        }
    }

    /** {@code b := L^{-1} b} on the first {@code p} entries. */
    private void forwardInPlace(double[] b) {
        for (int i = 0; i < size; i++) {
            double s = b[i];
            double[] li = l[i];
            for (int j = 0; j < i; j++) {
                s -= li[j] * b[j];
            }
            b[i] = s / li[i];
        }
    }
}
