package io.dualnet.linalg;

/**
 * Dense vector helpers on {@code double[]} shared by the solvers: the dot product and the Euclidean norm, summed in index
 * order (so results do not depend on which caller computes them).
 */
public final class Vectors {
    private Vectors() {
    }

    /**
     * {@code sum_i a_i b_i}.
     *
     * @throws MatrixDimensionException naming {@code b} when the lengths differ
     */
    public static double dot(double[] a, double[] b) {
        if (a.length != b.length) {
            throw new MatrixDimensionException("b", b.length + " entries", a.length + " entries (the length of a)");
        }
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += a[i] * b[i];
        }
        return s;
    }

    /** {@code sqrt(sum_i v_i^2)}. */
    public static double norm(double[] v) {
        double s = 0;
        for (double e : v) {
            s += e * e;
        }
        return Math.sqrt(s);
    }
}
