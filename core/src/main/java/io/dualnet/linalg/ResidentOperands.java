package io.dualnet.linalg;

import org.bytedeco.javacpp.DoublePointer;

import java.util.Map;
import java.util.WeakHashMap;

/**
 * Native copies of large matrices that many products read (the features {@code X} of a convex program, multiplied by
 * a few columns at every iteration of its solvers), so that {@link NativeLinearAlgebra} copies only the other operands.
 *
 * <p>A copy is taken by {@link #keep} (again at every call, so that it reflects the matrix at that moment) and is used
 * for every later product whose left operand has the same data array, until that array is garbage: the contract is
 * that a kept matrix is not modified between a {@code keep} and the products that follow it (as for the features of
 * an immutable problem, whose operators are made after it and call {@code keep} when they are made). At n = 12000,
 * d = 784, {@code X^T E} with 32 columns took 22.1 ms copying {@code X} each time and 11.8 ms with the copy kept
 * ({@code FeatureProductBenchmark}, docs/benchmarks.md).
 */
final class ResidentOperands {
    /** Entries at or above which a matrix is worth keeping (8 MB: below it a copy costs about a millisecond or less). */
    static final long MIN_ENTRIES = 1L << 20;

    /** Keyed by identity (arrays do not override {@code equals}); values never refer to their keys. */
    private static final Map<double[], DoublePointer> COPIES = new WeakHashMap<>();

    private ResidentOperands() {
    }

    /**
     * Copies the first {@code count} entries of {@code data} into its native copy (made on the first call), when
     * {@code count} is at least {@link #MIN_ENTRIES}.
     */
    static void keep(double[] data, int count) {
        if (count < MIN_ENTRIES) {
            return;
        }
        synchronized (COPIES) {
            DoublePointer copy = COPIES.get(data);
            if (copy == null) {
                // The whole array, so that the copy is never replaced (and never freed while a product reads it).
                copy = new DoublePointer(data.length);
                COPIES.put(data, copy);
            }
            copy.position(0).put(data, 0, count);
        }
    }

    /**
     * The native copy of {@code data} holding at least {@code count} entries, or {@code null} (at once, without the
     * lock, below {@link #MIN_ENTRIES}: every product asks).
     */
    static DoublePointer find(double[] data, long count) {
        if (count < MIN_ENTRIES) {
            return null;
        }
        synchronized (COPIES) {
            DoublePointer copy = COPIES.get(data);
            return copy != null && copy.capacity() >= count ? copy : null;
        }
    }

    /** Whether the first {@code count} entries of {@code data} have a native copy (for routing and tests). */
    static boolean kept(double[] data, long count) {
        return find(data, count) != null;
    }
}
