package io.dualnet.data;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.Locale;
import org.ejml.data.DMatrixRMaj;

/**
 * Reads the IDX files of MNIST and Fashion-MNIST: image files (magic number {@code 0x00000803}: unsigned bytes, three
 * big-endian dimensions {@code n, rows, cols}) and label files ({@code 0x00000801}: unsigned bytes, one dimension
 * {@code n}), plain or gzip-compressed (recognised by the gzip magic bytes {@code 1f 8b}, whatever the file name).
 *
 * <p>Images come back as an {@code n x (rows*cols)} matrix, one image per row in row-major pixel order, with the raw
 * pixel values {@code 0..255} as doubles (scale them yourself, e.g. {@link FashionMnist} divides by 255); labels as
 * {@code int}s {@code 0..255}. Every method can stop after the first {@code maxItems} items, which reads (and for a
 * gzip file decompresses) only the beginning of the file. Bytes after the last item are ignored.
 *
 * <p>Rejected with a one-line {@link DataFormatException} naming the parameter, the file and what was expected: a
 * wrong magic number (another element type or number of dimensions, or no IDX file at all), a zero dimension, data
 * shorter than the header says, and corrupt or truncated gzip data. A missing or unreadable file is an
 * {@link InvalidInputException}.
 */
public final class IdxReader {
    /** Magic number of an image file: unsigned bytes ({@code 0x08}), 3 dimensions. */
    public static final int IMAGES_MAGIC = 0x00000803;
    /** Magic number of a label file: unsigned bytes ({@code 0x08}), 1 dimension. */
    public static final int LABELS_MAGIC = 0x00000801;

    private static final int UNSIGNED_BYTE = 0x08;

    private IdxReader() {
    }

    /**
     * Reads every image of an IDX image file.
     *
     * @param path the file ({@code .gz} or not)
     * @param parameter the name of the parameter that named the file, used in error messages (e.g. {@code --images})
     * @return {@code n x (rows*cols)}, raw pixel values
     * @throws InvalidInputException if the file is missing or unreadable, or (as {@link DataFormatException}) not a
     *     complete IDX image file
     */
    public static DMatrixRMaj readImages(Path path, String parameter) {
        return readImages(path, parameter, Integer.MAX_VALUE);
    }

    /**
     * Reads the first {@code min(maxItems, n)} images of an IDX image file.
     *
     * @param maxItems the most images to read, {@code >= 1}
     * @see #readImages(Path, String)
     */
    public static DMatrixRMaj readImages(Path path, String parameter, int maxItems) {
        InvalidInputException.requireAtLeast("maxItems", maxItems, 1);
        return readImageItems(path, parameter, null, maxItems);
    }

    /**
     * Reads the images with the given indices.
     *
     * @param items 0-based item indices, strictly increasing, each below the file's item count; row {@code i} of the
     *     result is image {@code items[i]}
     */
    static DMatrixRMaj readImages(Path path, String parameter, int[] items) {
        for (int i = 0; i < items.length; i++) {
            if (items[i] < 0 || i > 0 && items[i] <= items[i - 1]) {
                throw new InvalidInputException("items[" + i + "]", items[i],
                        "a strictly increasing list of item indices >= 0");
            }
        }
        if (items.length == 0) {
            throw new InvalidInputException("items", "[]", "at least one item index");
        }
        return readImageItems(path, parameter, items, items[items.length - 1] + 1);
    }

    /**
     * Reads every label of an IDX label file.
     *
     * @param path the file ({@code .gz} or not)
     * @param parameter the name of the parameter that named the file, used in error messages (e.g. {@code --labels})
     * @return the labels, {@code 0..255}
     * @throws InvalidInputException if the file is missing or unreadable, or (as {@link DataFormatException}) not a
     *     complete IDX label file
     */
    public static int[] readLabels(Path path, String parameter) {
        return readLabels(path, parameter, Integer.MAX_VALUE);
    }

    /**
     * Reads the first {@code min(maxItems, n)} labels of an IDX label file.
     *
     * @param maxItems the most labels to read, {@code >= 1}
     * @see #readLabels(Path, String)
     */
    public static int[] readLabels(Path path, String parameter, int maxItems) {
        InvalidInputException.requireAtLeast("maxItems", maxItems, 1);
        FileErrors.requireReadableFile(path, parameter);
        try (InputStream in = CompressedFiles.open(path)) {
            int[] dims = readHeader(in, path, parameter, LABELS_MAGIC, "labels", 1);
            int count = Math.min(dims[0], maxItems);
            byte[] bytes = in.readNBytes(count);
            if (bytes.length < count) {
                throw truncated(path, parameter, dims, bytes.length);
            }
            int[] labels = new int[count];
            for (int i = 0; i < count; i++) {
                labels[i] = bytes[i] & 0xFF;
            }
            if (count == dims[0]) {
                CompressedFiles.drain(in);
            }
            return labels;
        } catch (IOException e) {
            throw CompressedFiles.readError(path, parameter, e);
        }
    }

    /** Reads images {@code 0..limit-1} (capped at the file's count), keeping those in {@code items} (all if null). */
    private static DMatrixRMaj readImageItems(Path path, String parameter, int[] items, int limit) {
        FileErrors.requireReadableFile(path, parameter);
        try (InputStream in = CompressedFiles.open(path)) {
            int[] dims = readHeader(in, path, parameter, IMAGES_MAGIC, "images", 3);
            int n = dims[0];
            int pixels = dims[1] * dims[2];
            int read = Math.min(n, limit);
            if (items != null && limit > n) {
                throw new InvalidInputException("items[" + (items.length - 1) + "]", items[items.length - 1],
                        "an index below the " + n + " images of " + path);
            }
            int keep = items == null ? read : items.length;
            InputLimits.requireAllocatable(parameter, path, keep + " images of " + pixels + " pixels",
                    (long) keep * pixels);
            DMatrixRMaj m = new DMatrixRMaj(keep, pixels);
            byte[] row = new byte[pixels];
            int next = 0;
            for (int i = 0; i < read; i++) {
                int got = in.readNBytes(row, 0, pixels);
                if (got < pixels) {
                    throw truncated(path, parameter, dims, (long) i * pixels + got);
                }
                if (items != null && items[next] != i) {
                    continue;
                }
                int offset = next * pixels;
                for (int p = 0; p < pixels; p++) {
                    m.data[offset + p] = row[p] & 0xFF;
                }
                next++;
            }
            if (read == n) {
                CompressedFiles.drain(in);
            }
            return m;
        } catch (IOException e) {
            throw CompressedFiles.readError(path, parameter, e);
        }
    }

    /** Reads and checks the magic number and the dimensions; returns the dimensions. */
    private static int[] readHeader(InputStream in, Path path, String parameter, int magic, String kind, int ndim)
            throws IOException {
        String expected = "an IDX " + kind + " file (magic number " + hex(magic) + ": unsigned bytes, " + ndim
                + (ndim == 1 ? " dimension" : " dimensions") + "), plain or gzip-compressed";
        byte[] head = in.readNBytes(4);
        if (head.length < 4) {
            throw new DataFormatException(parameter, path, "only " + head.length + " bytes", expected);
        }
        int found = readInt(head, 0);
        if (found != magic) {
            String what = head[0] != 0 || head[1] != 0 ? "magic number " + hex(found) + " (not an IDX file)"
                    : (head[2] & 0xFF) != UNSIGNED_BYTE ? "magic number " + hex(found) + " (element type "
                            + String.format(Locale.ROOT, "0x%02X", head[2] & 0xFF) + ")"
                    : "magic number " + hex(found) + " (" + (head[3] & 0xFF) + " dimensions)";
            throw new DataFormatException(parameter, path, what, expected);
        }
        byte[] dimBytes = in.readNBytes(4 * ndim);
        if (dimBytes.length < 4 * ndim) {
            throw new DataFormatException(parameter, path, "truncated header", expected);
        }
        int[] dims = new int[ndim];
        for (int k = 0; k < ndim; k++) {
            dims[k] = readInt(dimBytes, 4 * k);
            if (dims[k] < 1) {
                throw new DataFormatException(parameter, path, "dimension " + k + " = " + Integer.toUnsignedString(
                        dims[k]), "dimensions between 1 and " + Integer.MAX_VALUE);
            }
        }
        if (ndim == 3 && (long) dims[1] * dims[2] > CsvMatrixReader.MAX_ENTRIES) {
            throw new DataFormatException(parameter, path, "images of " + dims[1] + "x" + dims[2] + " pixels",
                    "at most " + CsvMatrixReader.MAX_ENTRIES + " pixels per image");
        }
        return dims;
    }

    private static DataFormatException truncated(Path path, String parameter, int[] dims, long dataBytes) {
        StringBuilder shape = new StringBuilder();
        long size = 1;
        for (int i = 0; i < dims.length; i++) {
            shape.append(i == 0 ? "" : "x").append(dims[i]);
            size *= dims[i];
        }
        return new DataFormatException(parameter, path, "truncated data: the header says " + shape + " = " + size
                + " bytes, the file has " + dataBytes + " before it ends", "a complete IDX file");
    }

    private static int readInt(byte[] b, int at) {
        return (b[at] & 0xFF) << 24 | (b[at + 1] & 0xFF) << 16 | (b[at + 2] & 0xFF) << 8 | (b[at + 3] & 0xFF);
    }

    private static String hex(int v) {
        return String.format(Locale.ROOT, "0x%08X", v);
    }
}
