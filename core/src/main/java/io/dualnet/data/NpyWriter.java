package io.dualnet.data;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.ejml.data.DMatrixRMaj;

/**
 * Writes a matrix as a NumPy {@code .npy} file: format version 1.0, dtype {@code <f8}, C order, shape
 * {@code (rows, cols)}. The header is laid out byte for byte as {@code numpy.save} does (NumPy 1.24+): the dict, 21
 * minus the digits of {@code rows} spaces of growth room, then spaces and a final {@code \n} so that the data starts
 * at a multiple of 64 bytes. The file is written atomically through {@link AtomicFiles}.
 */
public final class NpyWriter {
    /** Data alignment of the header, as in NumPy's {@code ARRAY_ALIGN}. */
    static final int ALIGN = 64;

    /** Spare header room NumPy leaves for growing the first axis ({@code GROWTH_AXIS_MAX_DIGITS}). */
    static final int GROWTH_DIGITS = 21;

    private static final int CHUNK_DOUBLES = 8192;

    private NpyWriter() {
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
        byte[] header = header(matrix.numRows, matrix.numCols);
        int count = matrix.numRows * matrix.numCols;
        AtomicFiles.write(path, out -> {
            out.write(header);
            ByteBuffer buf = ByteBuffer.allocate(CHUNK_DOUBLES * Double.BYTES).order(ByteOrder.LITTLE_ENDIAN);
            for (int k = 0; k < count; k += CHUNK_DOUBLES) {
                int n = Math.min(CHUNK_DOUBLES, count - k);
                buf.clear();
                buf.asDoubleBuffer().put(matrix.data, k, n);
                out.write(buf.array(), 0, n * Double.BYTES);
            }
        });
    }

    /** The complete version 1.0 header (magic, version, length, padded dict) for a rows&times;cols {@code <f8}. */
    static byte[] header(int rows, int cols) {
        String dict = "{'descr': '<f8', 'fortran_order': False, 'shape': (" + rows + ", " + cols + "), }";
        dict += " ".repeat(Math.max(0, GROWTH_DIGITS - Integer.toString(rows).length()));
        int prefix = NpyReader.MAGIC.length + 2 + 2;
        int length = dict.length() + 1;
        int pad = ALIGN - (prefix + length) % ALIGN;
        String padded = dict + " ".repeat(pad) + "\n";
        byte[] text = padded.getBytes(StandardCharsets.ISO_8859_1);
        ByteBuffer out = ByteBuffer.allocate(prefix + text.length).order(ByteOrder.LITTLE_ENDIAN);
        out.put(NpyReader.MAGIC).put((byte) 1).put((byte) 0).putShort((short) text.length).put(text);
        return out.array();
    }
}
