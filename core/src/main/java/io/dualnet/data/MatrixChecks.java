package io.dualnet.data;

import org.ejml.data.DMatrixRMaj;

/** Shared checks on matrices handed to the writers. */
final class MatrixChecks {
    private MatrixChecks() {
    }

    /**
     * Throws unless {@code m} has at least one row and one column and every entry is finite, which is what the
     * readers accept back.
     *
     * @throws InvalidInputException naming {@code parameter}, and the first offending element (0-based indices)
     */
    static void requireWritable(DMatrixRMaj m, String parameter) {
        if (m.numRows < 1 || m.numCols < 1) {
            throw new InvalidInputException(parameter, "a " + m.numRows + "x" + m.numCols + " matrix",
                    "a matrix with at least one row and one column");
        }
        int n = m.numRows * m.numCols;
        for (int k = 0; k < n; k++) {
            double v = m.data[k];
            if (!Double.isFinite(v)) {
                throw new InvalidInputException(parameter, "a " + m.numRows + "x" + m.numCols + " matrix with element ["
                        + k / m.numCols + ", " + k % m.numCols + "] = " + v, "finite values only");
            }
        }
    }
}
