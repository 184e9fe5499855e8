package io.dualnet.data;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.ejml.data.DMatrixRMaj;

/**
 * Writes a matrix as CSV that {@link CsvMatrixReader} reads back exactly: no header, one row per line ending in
 * {@code \n}, values separated by {@code ,} and written with {@link Double#toString(double)} (the shortest decimal
 * that round-trips, so no precision is lost). The file is written atomically through {@link AtomicFiles}.
 */
public final class CsvMatrixWriter {
    private CsvMatrixWriter() {
    }

    /**
     * Writes {@code matrix} to {@code path}, replacing any existing file.
     *
     * @param path the target file (parent directories are created)
     * @param matrix the matrix: at least 1&times;1, every entry finite
     * @throws InvalidInputException naming {@code matrix} if it is empty or an entry is NaN or infinite (nothing is
     *     written)
     * @throws java.io.UncheckedIOException if the file cannot be written (the target is then untouched)
     */
    public static void write(Path path, DMatrixRMaj matrix) {
        MatrixChecks.requireWritable(matrix, "matrix");
        int rows = matrix.numRows;
        int cols = matrix.numCols;
        AtomicFiles.write(path, out -> {
            StringBuilder line = new StringBuilder(cols * 24);
            for (int i = 0; i < rows; i++) {
                line.setLength(0);
                for (int j = 0; j < cols; j++) {
                    if (j > 0) {
                        line.append(',');
                    }
                    line.append(matrix.data[i * cols + j]);
                }
                line.append('\n');
                out.write(line.toString().getBytes(StandardCharsets.US_ASCII));
            }
        });
    }
}
