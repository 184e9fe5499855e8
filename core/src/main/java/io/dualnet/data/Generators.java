package io.dualnet.data;

import java.util.Random;
import org.ejml.data.DMatrixRMaj;

/**
 * Seeded matrix generators for experiments and tests.
 *
 * <p>Random entries come from {@link java.util.Random}, whose algorithms (the 48-bit linear congruential generator
 * and the polar method of {@link Random#nextGaussian()} with {@link StrictMath}) are fixed by the Java
 * specification, so a seed gives the same matrix on every run and every conforming JVM. ({@code SplittableRandom}
 * is not used: its {@code nextGaussian} comes from {@code RandomGenerator}, whose algorithm is not specified.)
 */
public final class Generators {
    private Generators() {
    }

    /**
     * A rows&times;cols matrix of independent standard normal N(0, 1) entries, filled row by row with successive
     * {@code new Random(seed).nextGaussian()} values.
     *
     * @param rows number of rows, at least 1
     * @param cols number of columns, at least 1
     * @param seed the seed
     * @return the matrix
     * @throws InvalidInputException if {@code rows} or {@code cols} is less than 1
     */
    public static DMatrixRMaj gaussian(int rows, int cols, long seed) {
        InvalidInputException.requireAtLeast("rows", rows, 1);
        InvalidInputException.requireAtLeast("cols", cols, 1);
        requireEntries("rows x cols", rows, cols);
        Random random = new Random(seed);
        DMatrixRMaj m = new DMatrixRMaj(rows, cols);
        for (int k = 0; k < m.data.length; k++) {
            m.data[k] = random.nextGaussian();
        }
        return m;
    }

    /** Throws unless a {@code rows x cols} matrix fits in one array and in the free heap ({@link InputLimits}). */
    static void requireEntries(String parameter, int rows, int cols) {
        InputLimits.requireAllocatable(parameter, null, rows + " x " + cols, (long) rows * cols);
    }

    /**
     * The n&times;n identity matrix.
     *
     * @param n the size, at least 1
     * @return the identity
     * @throws InvalidInputException if {@code n} is less than 1
     */
    public static DMatrixRMaj identity(int n) {
        InvalidInputException.requireAtLeast("n", n, 1);
        DMatrixRMaj m = new DMatrixRMaj(n, n);
        for (int i = 0; i < n; i++) {
            m.data[i * n + i] = 1.0;
        }
        return m;
    }
}
