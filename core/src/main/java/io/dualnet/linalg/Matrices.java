package io.dualnet.linalg;

import io.dualnet.data.InputLimits;
import io.dualnet.data.InvalidInputException;
import org.ejml.data.DMatrixRMaj;

import java.util.Random;

/** Small helpers on {@link DMatrixRMaj} that EJML does not name the way DualNet needs them. */
public final class Matrices {
    private Matrices() {
    }

    /** {@code "rows x cols"}, for messages. */
    public static String shape(DMatrixRMaj a) {
        return a.numRows + "x" + a.numCols;
    }

    /** Throws {@link InvalidInputException} naming {@code parameter} and the first non-finite entry. */
    public static DMatrixRMaj requireFinite(String parameter, DMatrixRMaj a) {
        double[] d = a.data;
        int size = a.getNumElements();
        for (int i = 0; i < size; i++) {
            if (!Double.isFinite(d[i])) {
                int row = i / Math.max(1, a.numCols);
                int col = i % Math.max(1, a.numCols);
                throw new InvalidInputException(parameter + "[" + row + "," + col + "]", d[i],
                        "a finite number (NaN and Inf are not allowed)");
            }
        }
        return a;
    }

    /**
     * Throws unless every entry of the data matrix {@code a} is finite and of magnitude at most
     * {@link InputLimits#MAX_MAGNITUDE} (larger values overflow in Gram matrices, norms and SVDs); the readers apply
     * the same limit, so a file and a matrix passed to the library are rejected alike.
     *
     * @throws InvalidInputException naming {@code parameter} and the first offending entry
     */
    public static DMatrixRMaj requireData(String parameter, DMatrixRMaj a) {
        requireFinite(parameter, a);
        double[] d = a.data;
        int size = a.getNumElements();
        for (int i = 0; i < size; i++) {
            if (Math.abs(d[i]) > InputLimits.MAX_MAGNITUDE) {
                int row = i / Math.max(1, a.numCols);
                int col = i % Math.max(1, a.numCols);
                throw new InvalidInputException(parameter + "[" + row + "," + col + "]", d[i],
                        InputLimits.magnitudeExpected());
            }
        }
        return a;
    }

    /** Throws unless {@code a} has at least one row and one column. */
    public static DMatrixRMaj requireNonEmpty(String parameter, DMatrixRMaj a) {
        if (a.numRows == 0 || a.numCols == 0) {
            throw new MatrixDimensionException(parameter, shape(a), "at least one row and one column");
        }
        return a;
    }

    /** Squared Frobenius norm. */
    public static double frobeniusSquared(DMatrixRMaj a) {
        double s = 0;
        double[] d = a.data;
        int size = a.getNumElements();
        for (int i = 0; i < size; i++) {
            s += d[i] * d[i];
        }
        return s;
    }

    /** Frobenius norm of {@code a - b}. */
    public static double distance(DMatrixRMaj a, DMatrixRMaj b) {
        if (a.numRows != b.numRows || a.numCols != b.numCols) {
            throw new MatrixDimensionException("b", shape(b), "the shape of a, " + shape(a));
        }
        double s = 0;
        int size = a.getNumElements();
        for (int i = 0; i < size; i++) {
            double t = a.data[i] - b.data[i];
            s += t * t;
        }
        return Math.sqrt(s);
    }

    /** True when {@code a} is exactly the identity matrix. */
    public static boolean isIdentity(DMatrixRMaj a) {
        if (a.numRows != a.numCols) {
            return false;
        }
        int n = a.numRows;
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                if (a.unsafe_get(i, j) != (i == j ? 1.0 : 0.0)) {
                    return false;
                }
            }
        }
        return true;
    }

    /** {@code U diag(s) V^T} using the first {@code k} columns of {@code U} and {@code V}. */
    public static DMatrixRMaj compose(DMatrixRMaj u, double[] s, DMatrixRMaj v, int k) {
        DMatrixRMaj us = scaleColumns(leadingColumns(u, k), s);
        return Linalg.get().multTransB(us, leadingColumns(v, k));
    }

    /** The first {@code k} columns of {@code a} (a copy). */
    public static DMatrixRMaj leadingColumns(DMatrixRMaj a, int k) {
        if (k > a.numCols || k < 0) {
            throw new MatrixDimensionException("k", String.valueOf(k), "0 <= k <= " + a.numCols);
        }
        DMatrixRMaj out = new DMatrixRMaj(a.numRows, k);
        for (int i = 0; i < a.numRows; i++) {
            System.arraycopy(a.data, i * a.numCols, out.data, i * k, k);
        }
        return out;
    }

    /** {@code a diag(s)} for the first {@code a.numCols} entries of {@code s} (a copy). */
    public static DMatrixRMaj scaleColumns(DMatrixRMaj a, double[] s) {
        DMatrixRMaj out = a.copy();
        for (int i = 0; i < a.numRows; i++) {
            for (int j = 0; j < a.numCols; j++) {
                out.unsafe_set(i, j, a.unsafe_get(i, j) * s[j]);
            }
        }
        return out;
    }

    /** {@code diag(s) a} for the first {@code a.numRows} entries of {@code s} (a copy). */
    public static DMatrixRMaj scaleRows(double[] s, DMatrixRMaj a) {
        DMatrixRMaj out = a.copy();
        for (int i = 0; i < a.numRows; i++) {
            for (int j = 0; j < a.numCols; j++) {
                out.unsafe_set(i, j, a.unsafe_get(i, j) * s[i]);
            }
        }
        return out;
    }

    /** A {@code rows x cols} matrix whose top-left block is {@code block} and the rest zero. */
    public static DMatrixRMaj padded(DMatrixRMaj block, int rows, int cols) {
        if (block.numRows > rows || block.numCols > cols) {
            throw new MatrixDimensionException("block", shape(block), "at most " + rows + "x" + cols);
        }
        DMatrixRMaj out = new DMatrixRMaj(rows, cols);
        for (int i = 0; i < block.numRows; i++) {
            System.arraycopy(block.data, i * block.numCols, out.data, i * cols, block.numCols);
        }
        return out;
    }

    /** A {@code rows x cols} matrix of i.i.d. {@code N(0, scale^2)} entries from {@code rng}. */
    public static DMatrixRMaj gaussian(int rows, int cols, double scale, Random rng) {
        DMatrixRMaj out = new DMatrixRMaj(rows, cols);
        for (int i = 0; i < out.data.length; i++) {
            out.data[i] = scale * rng.nextGaussian();
        }
        return out;
    }
}
