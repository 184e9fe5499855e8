package io.dualnet.data;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.ejml.data.DMatrixRMaj;

/**
 * Reads a matrix from a NumPy {@code .npy} file (format versions 1.0, 2.0 and 3.0).
 *
 * <p>Supported: the dtypes listed in {@link NpyDtype} (notably {@code <f8}; {@code f4} and integer types are
 * converted to {@code double}; bool {@code |b1} is read as 0/1), either byte order, C or Fortran
 * ({@code 'fortran_order': True}, column-major) layout, 2-D arrays read as rows&times;cols and 1-D arrays of length
 * n read as an n&times;1 column. Bytes after the data are ignored, as NumPy does.
 *
 * <p>Rejected with a one-line {@link DataFormatException} naming the parameter, the file and what was expected: a
 * missing magic string, another format version, a malformed header, other dtypes (complex, object, strings,
 * structured...), 0-D, empty or more than 2-D arrays, data shorter than the shape says (checked against the file's
 * length before anything is allocated; a shape that does not fit in the free heap is rejected too, see
 * {@link InputLimits}), and NaN or infinite values (named by their 0-based NumPy index), since DualNet's inputs and
 * weights are always finite.
 */
public final class NpyReader {
    /** The six bytes every {@code .npy} file starts with. */
    static final byte[] MAGIC = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y'};

    /** Longest header accepted; real headers are about a hundred bytes. */
    static final int MAX_HEADER_BYTES = 1 << 20;

    private static final int CHUNK_BYTES = 1 << 16;
    private static final String NPY_FILE = "a NumPy .npy file (starting with \\x93NUMPY)";

    private NpyReader() {
    }

    /**
     * Reads the {@code .npy} file at {@code path}.
     *
     * @param path the file
     * @param parameter the name of the parameter that named the file, used in error messages (e.g. {@code --x})
     * @return the array as a matrix (a 1-D array of length n as n&times;1)
     * @throws InvalidInputException if the file is missing or unreadable, or (as {@link DataFormatException}) if it
     *     is not a supported, complete {@code .npy} file of finite values
     */
    public static DMatrixRMaj read(Path path, String parameter) {
        FileErrors.requireReadableFile(path, parameter);
        try (InputStream in = new BufferedInputStream(Files.newInputStream(path), CHUNK_BYTES)) {
            long[] dataStart = new long[1];
            NpyHeader header = readHeader(in, path, parameter, dataStart);
            String declared = "shape " + NpyHeader.render(header.shape()) + " of '" + header.dtype().descr() + "'";
            InputLimits.requireFileHolds(parameter, path, declared, (long) header.count() * header.dtype().size(),
                    dataStart[0], Files.size(path));
            InputLimits.requireAllocatable(parameter, path, declared, header.count());
            return readData(in, header, path, parameter);
        } catch (IOException e) {
            throw FileErrors.cannotRead(path, parameter, e);
        }
    }

    private static NpyHeader readHeader(InputStream in, Path path, String parameter, long[] dataStart)
            throws IOException {
        byte[] prefix = in.readNBytes(MAGIC.length + 2);
        for (int i = 0; i < MAGIC.length; i++) {
            if (i >= prefix.length || prefix[i] != MAGIC[i]) {
                throw new DataFormatException(parameter, path, "no .npy magic string", NPY_FILE);
            }
        }
        if (prefix.length < MAGIC.length + 2) {
            throw new DataFormatException(parameter, path, "truncated header", NPY_FILE);
        }
        int major = prefix[6] & 0xFF;
        int minor = prefix[7] & 0xFF;
        if (major < 1 || major > 3 || minor != 0) {
            throw new DataFormatException(parameter, path, "format version " + major + "." + minor,
                    "a .npy file of format version 1.0, 2.0 or 3.0");
        }
        int lengthBytes = major == 1 ? 2 : 4;
        byte[] lengthField = in.readNBytes(lengthBytes);
        if (lengthField.length < lengthBytes) {
            throw new DataFormatException(parameter, path, "truncated header", NPY_FILE);
        }
        long headerLength = 0;
        for (int i = lengthBytes - 1; i >= 0; i--) {
            headerLength = headerLength << 8 | (lengthField[i] & 0xFF);
        }
        if (headerLength > MAX_HEADER_BYTES) {
            throw new DataFormatException(parameter, path, "header length " + headerLength,
                    "a header of at most " + MAX_HEADER_BYTES + " bytes");
        }
        byte[] headerBytes = in.readNBytes((int) headerLength);
        if (headerBytes.length < headerLength) {
            throw new DataFormatException(parameter, path, "truncated header: " + headerBytes.length + " of "
                    + headerLength + " bytes", "a complete .npy file");
        }
        dataStart[0] = MAGIC.length + 2L + lengthBytes + headerLength;
        String text = new String(headerBytes, major == 3 ? StandardCharsets.UTF_8 : StandardCharsets.ISO_8859_1);
        return NpyHeader.parse(text, path, parameter);
    }

    private static DMatrixRMaj readData(InputStream in, NpyHeader header, Path path, String parameter)
            throws IOException {
        NpyDtype dtype = header.dtype();
        int rows = header.rows();
        int cols = header.cols();
        int count = header.count();
        int size = dtype.size();
        DMatrixRMaj m = new DMatrixRMaj(rows, cols);
        byte[] chunk = new byte[CHUNK_BYTES];
        ByteBuffer buf = ByteBuffer.wrap(chunk).order(dtype.order());
        int k = 0;
        while (k < count) {
            int want = (int) Math.min((long) (count - k) * size, CHUNK_BYTES);
            int got = in.readNBytes(chunk, 0, want);
            if (got < want) {
                long found = (long) k * size + got;
                throw new DataFormatException(parameter, path, "truncated data: shape "
                        + NpyHeader.render(header.shape()) + " of '" + dtype.descr() + "' needs "
                        + (long) count * size + " data bytes, the file has " + found, "a complete .npy file");
            }
            for (int pos = 0; pos < got; pos += size, k++) {
                double v = dtype.get(buf, pos);
                int i = header.fortranOrder() ? k % rows : k / cols;
                int j = header.fortranOrder() ? k / rows : k % cols;
                if (!Double.isFinite(v)) {
                    String index = header.shape().size() == 1 ? "[" + i + "]" : "[" + i + ", " + j + "]";
                    throw new DataFormatException(parameter, path, "element " + index + " = " + v,
                            "finite values only (NaN and infinity are not allowed)");
                }
                m.data[i * cols + j] = v;
            }
        }
        return m;
    }
}
