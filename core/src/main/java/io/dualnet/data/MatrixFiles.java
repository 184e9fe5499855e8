package io.dualnet.data;

import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import org.ejml.data.DMatrixRMaj;

/**
 * Reads and writes matrix files, choosing the format by file extension (case-insensitive): {@code .csv} and
 * {@code .txt} are CSV ({@link CsvMatrixReader}, {@link CsvMatrixWriter}), {@code .npy} is NumPy
 * ({@link NpyReader}, {@link NpyWriter}).
 */
public final class MatrixFiles {
    /** The accepted extensions, for error messages. */
    static final String ACCEPTED = "a file name ending in .csv, .txt (comma-separated numbers) or .npy (NumPy array)";

    private MatrixFiles() {
    }

    /** The file formats. */
    private enum Format {
        CSV, NPY
    }

    /**
     * Reads a matrix from {@code path}.
     *
     * @param path the file
     * @param parameter the name of the parameter that named the file, used in error messages (e.g. {@code --x})
     * @return the matrix
     * @throws InvalidInputException if the extension is not accepted, the file is missing or unreadable, or (as
     *     {@link DataFormatException}) its content is invalid
     */
    public static DMatrixRMaj read(Path path, String parameter) {
        return switch (format(path, parameter)) {
            case CSV -> CsvMatrixReader.read(path, parameter);
            case NPY -> NpyReader.read(path, parameter);
        };
    }

    /**
     * Reads a data matrix (inputs, targets, weights to certify) from {@code path}: {@link #read(Path, String)}, then
     * every entry must have magnitude at most {@link InputLimits#MAX_MAGNITUDE} (larger finite values overflow when
     * squared; the message names the element, the value and the limit).
     *
     * @throws InvalidInputException as {@link #read(Path, String)}, or a {@link DataFormatException} naming the
     *     first entry that is too large
     */
    public static DMatrixRMaj readData(Path path, String parameter) {
        return InputLimits.requireMagnitudes(parameter, path, read(path, parameter));
    }

    /**
     * Reads a vector (e.g. targets {@code y}) from {@code path}: a matrix file with one column or one row, as
     * {@link #readData(Path, String)} reads it.
     *
     * @param path the file
     * @param parameter the name of the parameter that named the file, used in error messages (e.g. {@code --y})
     * @return the entries, in order
     * @throws InvalidInputException as {@link #read(Path, String)}, or naming {@code parameter} and the file's shape
     *     if it has more than one row and more than one column
     */
    public static double[] readVector(Path path, String parameter) {
        DMatrixRMaj m = readData(path, parameter);
        if (m.numRows != 1 && m.numCols != 1) {
            throw new InvalidInputException(parameter, path + " (a " + m.numRows + "x" + m.numCols + " matrix)",
                    "a vector: one column (n x 1, one value per line) or one row (1 x n)");
        }
        return toVector(m, parameter);
    }

    /**
     * The entries of an {@code n x 1} or {@code 1 x n} matrix, in order.
     *
     * @param parameter the name of the matrix, used in error messages
     * @throws InvalidInputException naming {@code parameter} and the shape otherwise
     */
    public static double[] toVector(DMatrixRMaj m, String parameter) {
        if (m.numRows != 1 && m.numCols != 1 || m.getNumElements() == 0) {
            throw new InvalidInputException(parameter, "a " + m.numRows + "x" + m.numCols + " matrix",
                    "a vector: an n x 1 or 1 x n matrix with n >= 1");
        }
        return Arrays.copyOf(m.data, m.getNumElements());
    }

    /**
     * Writes {@code matrix} to {@code path} atomically, replacing any existing file.
     *
     * @param path the target file (parent directories are created)
     * @param matrix the matrix: at least 1&times;1, every entry finite
     * @param parameter the name of the parameter that named the file, used in error messages (e.g. {@code --out})
     * @throws InvalidInputException naming {@code parameter} if the extension is not accepted or the file cannot
     *     be written (the target is then untouched), or naming {@code matrix} if it is empty or not finite
     */
    public static void write(Path path, DMatrixRMaj matrix, String parameter) {
        Format format = format(path, parameter);
        try {
            switch (format) {
                case CSV -> CsvMatrixWriter.write(path, matrix);
                case NPY -> NpyWriter.write(path, matrix);
                default -> throw new IllegalStateException(format.name());
            }
        } catch (UncheckedIOException e) {
            throw FileErrors.cannotWrite(path, parameter, e);
        }
    }

    /**
     * Writes {@code matrix} to {@code path}; the same as {@link #write(Path, DMatrixRMaj, String)} with the
     * parameter name {@code path}.
     *
     * @param path the target file
     * @param matrix the matrix: at least 1&times;1, every entry finite
     */
    public static void write(Path path, DMatrixRMaj matrix) {
        write(path, matrix, "path");
    }

    private static Format format(Path path, String parameter) {
        Path name = path.getFileName();
        String file = name == null ? "" : name.toString().toLowerCase(Locale.ROOT);
        if (file.endsWith(".csv") || file.endsWith(".txt")) {
            return Format.CSV;
        }
        if (file.endsWith(".npy")) {
            return Format.NPY;
        }
        throw new InvalidInputException(parameter, path, ACCEPTED);
    }
}
