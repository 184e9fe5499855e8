package io.dualnet.data;

import java.nio.file.Path;
import java.util.Locale;
import org.ejml.data.DMatrixRMaj;

/**
 * The one bounded-allocation rule of the readers, and the largest magnitude accepted in data.
 *
 * <p>A reader never trusts a size its input declares: before allocating an array of {@code count} doubles it calls
 * {@link #requireAllocatable}, which checks the count against what one Java array can hold and against the heap that
 * is still free, and names how much memory the input needs. Readers whose data must be present in the file
 * ({@code .npy}) also call {@link #requireFileHolds} before allocating, so a tiny file declaring a huge shape is
 * rejected without allocating anything.
 *
 * <p>Values: data entries of magnitude above {@link #MAX_MAGNITUDE} are rejected by {@link MatrixFiles#readData},
 * {@link LibsvmReader} and the problems' constructors ({@code Matrices.requireData}); the plain matrix readers
 * accept every finite value, so that what the writers write reads back bit for bit. Finite
 * values near {@code 1e308} overflow as soon as they are squared or summed (Gram matrices, norms, SVDs), and no data
 * set has entries of that size; rescaling such data is the user's job, and the message says so.
 */
public final class InputLimits {
    /** Largest accepted magnitude of a value read from a file: squares and sums of 10^8 squares stay finite. */
    public static final double MAX_MAGNITUDE = 1e100;

    /** Memory kept free beside an allocation (for the computation that uses the data). */
    private static final double HEADROOM = 0.9;

    private InputLimits() {
    }

    /**
     * Throws unless {@code count} doubles fit in one array and in the free heap.
     *
     * @param parameter the parameter that named the input (e.g. {@code --x})
     * @param file the input file, or {@code null} for a generated input
     * @param what the declared size, for the message (e.g. {@code shape (40000, 40000)})
     * @param count the number of doubles to allocate
     * @throws InvalidInputException ({@link DataFormatException} for a file) naming the size and the memory needed
     */
    public static void requireAllocatable(String parameter, Path file, String what, long count) {
        if (count > CsvMatrixReader.MAX_ENTRIES) {
            throw error(parameter, file, what + " (" + count + " values)",
                    "at most " + CsvMatrixReader.MAX_ENTRIES + " values (the largest Java array)");
        }
        long needed = count * Double.BYTES;
        long free = freeHeapBytes();
        if (needed > free * HEADROOM) {
            throw error(parameter, file, what + " needs " + bytes(needed) + " of memory",
                    "an input that fits in the " + bytes(free) + " of free Java heap (raise the heap with -Xmx, "
                            + "e.g. DUALNET_JAVA_OPTS=-Xmx16g, or use less data)");
        }
    }

    /**
     * Throws unless the file has the {@code needed} data bytes its header declares, from offset {@code dataStart}.
     *
     * @param what the declared size, for the message
     */
    static void requireFileHolds(String parameter, Path file, String what, long needed, long dataStart,
            long fileBytes) {
        long available = Math.max(0, fileBytes - dataStart);
        if (needed > available) {
            throw new DataFormatException(parameter, file, "truncated data: " + what + " needs " + needed
                    + " data bytes, the file has " + available, "a complete .npy file");
        }
    }

    /**
     * Throws unless {@code |value| <= MAX_MAGNITUDE} (the value is finite: readers check that first).
     *
     * @param where where the value is, e.g. {@code line 3, token 2: "1:1e308"}
     */
    static void requireMagnitude(String parameter, Path file, String where, double value) {
        if (Math.abs(value) > MAX_MAGNITUDE) {
            throw new DataFormatException(parameter, file, where, magnitudeExpected());
        }
    }

    /**
     * Throws unless every entry of {@code m}, read from {@code file}, has magnitude at most {@link #MAX_MAGNITUDE}.
     *
     * @throws DataFormatException naming {@code parameter}, the file and the first offending element (0-based)
     */
    public static DMatrixRMaj requireMagnitudes(String parameter, Path file, DMatrixRMaj m) {
        int n = m.getNumElements();
        for (int k = 0; k < n; k++) {
            double v = m.data[k];
            if (Math.abs(v) > MAX_MAGNITUDE) {
                requireMagnitude(parameter, file, "element [" + k / m.numCols + ", " + k % m.numCols + "] = " + v, v);
            }
        }
        return m;
    }

    /** What a too-large value is told to be, for messages. */
    public static String magnitudeExpected() {
        return "values of magnitude at most " + String.format(Locale.ROOT, "%.0e", MAX_MAGNITUDE)
                + " (larger ones overflow when squared; rescale the data)";
    }

    /** Heap bytes that can still be allocated. */
    static long freeHeapBytes() {
        Runtime rt = Runtime.getRuntime();
        return rt.maxMemory() - (rt.totalMemory() - rt.freeMemory());
    }

    /** A byte count for people: {@code 12.8 GB}, {@code 512 MB}, {@code 3 kB}. */
    public static String bytes(long n) {
        if (n >= 1_000_000_000L) {
            return String.format(Locale.ROOT, "%.1f GB", n / 1e9);
        }
        if (n >= 1_000_000L) {
            return String.format(Locale.ROOT, "%.0f MB", n / 1e6);
        }
        return String.format(Locale.ROOT, "%.0f kB", Math.max(1, n / 1e3));
    }

    private static InvalidInputException error(String parameter, Path file, String where, String expected) {
        return file == null ? new InvalidInputException(parameter, where, expected)
                : new DataFormatException(parameter, file, where, expected);
    }
}
