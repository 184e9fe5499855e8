package io.dualnet.data;

import java.util.Arrays;
import java.util.Objects;
import org.ejml.data.DMatrixRMaj;

/**
 * A data set: inputs {@code x} ({@code n x d}, one sample per row) and targets {@code y} ({@code n} entries), both
 * finite and non-empty.
 *
 * <p>Data sets are large (Fashion-MNIST's training images are 60000&times;784 doubles, 376 MB), so the record keeps
 * the arrays it is given and its accessors return them without copying: treat them as read-only, and
 * {@link #copy()} before modifying.
 *
 * @param x inputs, {@code n x d}, at least 1&times;1, finite
 * @param y targets, one per row of {@code x}, finite
 */
public record LabeledData(DMatrixRMaj x, double[] y) {

    /**
     * Validates the shapes and values.
     *
     * @throws InvalidInputException naming {@code x} or {@code y} (with the first offending index) otherwise
     */
    public LabeledData {
        if (x == null) {
            throw new InvalidInputException("x", null, "a matrix");
        }
        if (y == null) {
            throw new InvalidInputException("y", null, "a vector of targets");
        }
        if (x.numRows < 1 || x.numCols < 1) {
            throw new InvalidInputException("x", "a " + x.numRows + "x" + x.numCols + " matrix",
                    "at least one sample (row) and one feature (column)");
        }
        if (y.length != x.numRows) {
            throw new InvalidInputException("y", y.length + " entries",
                    "one per sample (row) of x, which has " + x.numRows);
        }
        MatrixChecks.requireWritable(x, "x");
        for (int k = 0; k < y.length; k++) {
            InvalidInputException.requireFinite("y[" + k + "]", y[k]);
        }
    }

    /** Number of samples {@code n}. */
    public int samples() {
        return x.numRows;
    }

    /** Number of features {@code d}. */
    public int features() {
        return x.numCols;
    }

    /** A deep copy. */
    public LabeledData copy() {
        return new LabeledData(x.copy(), y.clone());
    }

    /**
     * The samples with the given indices, in that order (repetitions allowed), as a new data set.
     *
     * @param rows 0-based sample indices, at least one, each in {@code [0, n)}
     * @throws InvalidInputException naming the first bad index
     */
    public LabeledData rows(int[] rows) {
        Objects.requireNonNull(rows, "rows");
        if (rows.length == 0) {
            throw new InvalidInputException("rows", "[]", "at least one sample index");
        }
        int d = x.numCols;
        DMatrixRMaj sx = new DMatrixRMaj(rows.length, d);
        double[] sy = new double[rows.length];
        for (int i = 0; i < rows.length; i++) {
            int r = rows[i];
            if (r < 0 || r >= x.numRows) {
                throw new InvalidInputException("rows[" + i + "]", r, "a sample index in [0, " + x.numRows + ")");
            }
            System.arraycopy(x.data, r * d, sx.data, i * d, d);
            sy[i] = y[r];
        }
        return new LabeledData(sx, sy);
    }

    /**
     * Counts the labels {@code -1} and {@code +1}.
     *
     * @return {@code {count of -1, count of +1}}; other values are not counted
     */
    public int[] signCounts() {
        int[] c = new int[2];
        for (double v : y) {
            if (v == -1.0) {
                c[0]++;
            } else if (v == 1.0) {
                c[1]++;
            }
        }
        return c;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof LabeledData other && x.numRows == other.x.numRows && x.numCols == other.x.numCols
                && Arrays.equals(x.data, 0, x.getNumElements(), other.x.data, 0, other.x.getNumElements())
                && Arrays.equals(y, other.y);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(y) + x.numRows * 17 + x.numCols;
    }

    @Override
    public String toString() {
        return "LabeledData[" + x.numRows + "x" + x.numCols + "]";
    }
}
