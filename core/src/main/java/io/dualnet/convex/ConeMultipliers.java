package io.dualnet.convex;

import io.dualnet.data.InvalidInputException;
import io.dualnet.linalg.MatrixDimensionException;
import org.ejml.data.DMatrixRMaj;

/**
 * Multipliers {@code mu >= 0} of the cone ReLU program's constraints (spec §1.3): an {@code n x 2P} row-major table
 * (entry {@code (k, j)} belongs to sample {@code k} and block {@code j}), stored as doubles or, to halve the memory of
 * large instances, as floats (0.96 GB instead of 1.92 GB at {@code n = 60000}, {@code P = 2000}). Any {@code mu >= 0}
 * gives a valid bound on the dual constraints, so float rounding (relative {@code 6e-8}, signs kept) changes only how
 * good a start the multipliers are, never the validity of a certificate built from them.
 *
 * <p>Readers and writers move whole rows or column chunks, so no caller needs an {@code n x 2P} double copy. Mutable
 * through {@link #writeRow} and {@link #setColumns} only; not thread-safe.
 */
public final class ConeMultipliers {
    private final int rows;
    private final int columns;
    private final double[] doubles;
    private final float[] floats;
    private final boolean keepsRefined;

    private ConeMultipliers(int rows, int columns, double[] doubles, float[] floats, boolean keepsRefined) {
        this.rows = rows;
        this.columns = columns;
        this.doubles = doubles;
        this.floats = floats;
        this.keepsRefined = keepsRefined;
    }

    /**
     * Zero multipliers.
     *
     * @param rows samples {@code n >= 0}
     * @param columns blocks {@code 2P >= 0}
     * @param single store floats (else doubles)
     * @throws InvalidInputException when {@code rows * columns} does not fit one Java array
     */
    public static ConeMultipliers zeros(int rows, int columns, boolean single) {
        InvalidInputException.requireAtLeast("rows", rows, 0);
        InvalidInputException.requireAtLeast("columns", columns, 0);
        long size = (long) rows * columns;
        if (size > Integer.MAX_VALUE - 8) {
            throw new InvalidInputException("multipliers", rows + "x" + columns,
                    "at most " + (Integer.MAX_VALUE - 8) + " entries");
        }
        return single ? new ConeMultipliers(rows, columns, null, new float[(int) size], false)
                : new ConeMultipliers(rows, columns, new double[(int) size], null, false);
    }

    /** A view of {@code m} (its array is shared, not copied: writes go to {@code m}), or {@code null} for null. */
    public static ConeMultipliers view(DMatrixRMaj m) {
        return m == null ? null : new ConeMultipliers(m.numRows, m.numCols, m.data, null, false);
    }

    /**
     * A view of {@code m} (not {@code null}) into which a certificate writes back the multipliers its refinement
     * found ({@link #keepsRefined()}), so that the next certificate near the same dual point starts from them: the
     * working-set route keeps one such table across its rounds. Plain {@link #view}s are only read.
     */
    public static ConeMultipliers updating(DMatrixRMaj m) {
        return new ConeMultipliers(m.numRows, m.numCols, m.data, null, true);
    }

    /** Whether refined multipliers are written back into this table (see {@link #updating}). */
    public boolean keepsRefined() {
        return keepsRefined;
    }

    /** Samples {@code n}. */
    public int rows() {
        return rows;
    }

    /** Blocks {@code 2P}. */
    public int columns() {
        return columns;
    }

    /** Whether the entries are stored as floats. */
    public boolean single() {
        return floats != null;
    }

    /** Copies row {@code k} into {@code out} ({@code columns()} entries; only {@code out} is modified). */
    public void readRow(int k, double[] out) {
        int from = k * columns;
        if (floats == null) {
            System.arraycopy(doubles, from, out, 0, columns);
            return;
        }
        for (int j = 0; j < columns; j++) {
            out[j] = floats[from + j];
        }
    }

    /** Stores {@code values} ({@code columns()} entries, not modified) as row {@code k}. */
    public void writeRow(int k, double[] values) {
        int from = k * columns;
        if (floats == null) {
            System.arraycopy(values, 0, doubles, from, columns);
            return;
        }
        for (int j = 0; j < columns; j++) {
            floats[from + j] = (float) values[j];
        }
    }

    /** The columns {@code cols} as a new {@code n x cols.length} double matrix (one chunk of the table). */
    public DMatrixRMaj columns(int[] cols) {
        int c = cols.length;
        DMatrixRMaj out = new DMatrixRMaj(rows, c);
        for (int r = 0; r < rows; r++) {
            int row = r * columns;
            for (int j = 0; j < c; j++) {
                out.data[r * c + j] = floats == null ? doubles[row + cols[j]] : floats[row + cols[j]];
            }
        }
        return out;
    }

    /** Stores {@code chunk} ({@code n x cols.length}, not modified) as the columns {@code cols}. */
    public void setColumns(int[] cols, DMatrixRMaj chunk) {
        int c = cols.length;
        if (chunk.numRows != rows || chunk.numCols != c) {
            throw new MatrixDimensionException("chunk", chunk.numRows + "x" + chunk.numCols, rows + "x" + c);
        }
        for (int j : cols) {
            if (j < 0 || j >= columns) {
                throw new MatrixDimensionException("cols", "column " + j, "columns 0.." + (columns - 1));
            }
        }
        for (int r = 0; r < rows; r++) {
            int row = r * columns;
            for (int j = 0; j < c; j++) {
                if (floats == null) {
                    doubles[row + cols[j]] = chunk.data[r * c + j];
                } else {
                    floats[row + cols[j]] = (float) chunk.data[r * c + j];
                }
            }
        }
    }

    /** Stores {@code chunk} ({@code n x c}, not modified) as columns {@code from .. from + c - 1}. */
    public void setColumns(int from, DMatrixRMaj chunk) {
        int c = chunk.numCols;
        if (chunk.numRows != rows || from < 0 || from + c > columns) {
            throw new MatrixDimensionException("chunk", chunk.numRows + "x" + c,
                    rows + " rows and at most " + (columns - Math.max(0, from)) + " columns from column " + from);
        }
        for (int r = 0; r < rows; r++) {
            int row = r * columns + from;
            for (int j = 0; j < c; j++) {
                if (floats == null) {
                    doubles[row + j] = chunk.data[r * c + j];
                } else {
                    floats[row + j] = (float) chunk.data[r * c + j];
                }
            }
        }
    }
}
