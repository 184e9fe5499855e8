package io.dualnet.deeprelu;

import io.dualnet.data.InvalidInputException;
import io.dualnet.linalg.Linalg;
import io.dualnet.linalg.SymmetricEigen;
import io.dualnet.linalg.Vectors;
import org.ejml.data.DMatrixRMaj;

import java.util.Locale;

/**
 * A rank-one factorization {@code X ~ c a0^T} of a data matrix (rows are samples), from the top singular pair, with
 * the measured deviation from rank one {@code sigma_2(X) / sigma_1(X)} (Ergen and Pilanci, Section 4; Wang, Ergen and
 * Pilanci, Theorem 5).
 *
 * <p>Normalization: {@code ||a0|| = 1} (so {@code c = X a0 = sigma_1 u_1}) and the entry of {@code c} of largest
 * magnitude is positive (ties: the first). The closed forms are invariant under {@code (c, a0) -> (g c, a0 / g)}
 * for {@code g != 0}, so this choice loses nothing. {@code sigma_2} is computed as the spectral norm of the residual
 * {@code X - c a0^T} (its Gram matrix, so a residual of rounding size gives a deviation of rounding size, not its
 * square root).
 *
 * @param c the sample coefficients ({@code n} entries)
 * @param a0 the unit direction ({@code d} entries)
 * @param sigma1 {@code sigma_1(X)}
 * @param sigma2 {@code sigma_2(X)} (0 when {@code min(n, d) = 1})
 */
public record RankOneData(double[] c, double[] a0, double sigma1, double sigma2) {

    /** Default tolerance on {@code sigma_2 / sigma_1}. */
    public static final double DEFAULT_TOLERANCE = 1e-9;

    /** Validates and copies. */
    public RankOneData {
        c = c.clone();
        a0 = a0.clone();
        InvalidInputException.requirePositive("sigma1", sigma1);
        InvalidInputException.requireNonNegative("sigma2", sigma2);
    }

    /**
     * Factorizes {@code x}.
     *
     * @throws InvalidInputException naming {@code parameter} if {@code x} is empty, not finite or zero
     */
    public static RankOneData of(DMatrixRMaj x, String parameter) {
        int n = x.numRows;
        int d = x.numCols;
        if (n == 0 || d == 0) {
            throw new InvalidInputException(parameter, n + "x" + d + " matrix", "at least one sample and one feature");
        }
        for (int i = 0; i < x.getNumElements(); i++) {
            if (!Double.isFinite(x.data[i])) {
                throw new InvalidInputException(parameter, "a matrix with a non-finite entry", "finite numbers");
            }
        }
        DMatrixRMaj gram = gram(x);
        double[] v = topEigenvector(gram);
        double[] c = new double[n];
        for (int i = 0; i < n; i++) {
            double s = 0;
            for (int j = 0; j < d; j++) {
                s += x.data[i * d + j] * v[j];
            }
            c[i] = s;
        }
        int big = 0;
        for (int i = 1; i < n; i++) {
            if (Math.abs(c[i]) > Math.abs(c[big])) {
                big = i;
            }
        }
        if (c[big] < 0) {
            for (int i = 0; i < n; i++) {
                c[i] = -c[i];
            }
            for (int j = 0; j < d; j++) {
                v[j] = -v[j];
            }
        }
        double sigma1 = Vectors.norm(c);
        if (!(sigma1 > 0)) {
            throw new InvalidInputException(parameter, "the zero matrix", "data with at least one non-zero entry");
        }
        DMatrixRMaj residual = new DMatrixRMaj(n, d);
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < d; j++) {
                residual.data[i * d + j] = x.data[i * d + j] - c[i] * v[j];
            }
        }
        DMatrixRMaj rg = gram(residual);
        double sigma2 = Math.sqrt(Math.max(0, topEigenvalue(rg)));
        return new RankOneData(c, v, sigma1, sigma2);
    }

    /** {@code sigma_2 / sigma_1}. */
    public double deviation() {
        return sigma2 / sigma1;
    }

    /** Number of samples. */
    public int samples() {
        return c.length;
    }

    /** {@code ||a0||} (1 with the normalization of {@link #of}). */
    public double a0Norm() {
        return Vectors.norm(a0);
    }

    /** {@code max(c, 0)}. */
    public double[] positivePart() {
        double[] p = new double[c.length];
        for (int i = 0; i < c.length; i++) {
            p[i] = Math.max(c[i], 0);
        }
        return p;
    }

    /** {@code max(-c, 0)}. */
    public double[] negativePart() {
        double[] p = new double[c.length];
        for (int i = 0; i < c.length; i++) {
            p[i] = Math.max(-c[i], 0);
        }
        return p;
    }

    /**
     * Throws unless {@code sigma_2 / sigma_1 <= tolerance}: "X is not rank-one: sigma_2/sigma_1 = 0.31 > tolerance
     * 1e-9".
     */
    public void requireRankOne(String parameter, double tolerance) {
        if (!(deviation() <= tolerance)) {
            throw new InvalidInputException(parameter,
                    String.format(Locale.ROOT, "X is not rank-one: sigma_2/sigma_1 = %.3g > tolerance %.3g", deviation(),
                            tolerance),
                    "a rank-one matrix X = c a0^T (or --force to build the network from the top singular pair)");
        }
    }

    /**
     * {@code A^T A} by rank-one updates row by row: for the tall, thin matrices here ({@code d} small) this plain loop
     * takes a few milliseconds at {@code n = 10^4} and avoids the native call's copies.
     */
    private static DMatrixRMaj gram(DMatrixRMaj a) {
        int n = a.numRows;
        int d = a.numCols;
        double[] g = new double[d * d];
        double[] v = a.data;
        for (int i = 0; i < n; i++) {
            int off = i * d;
            for (int j = 0; j < d; j++) {
                double aj = v[off + j];
                if (aj == 0) {
                    continue;
                }
                int row = j * d;
                for (int k = j; k < d; k++) {
                    g[row + k] += aj * v[off + k];
                }
            }
        }
        for (int j = 0; j < d; j++) {
            for (int k = 0; k < j; k++) {
                g[j * d + k] = g[k * d + j];
            }
        }
        return new DMatrixRMaj(d, d, true, g);
    }

    private static double[] topEigenvector(DMatrixRMaj gram) {
        SymmetricEigen e = Linalg.get().eigSymmetric(gram);
        int top = top(e.values());
        double[] v = new double[gram.numRows];
        for (int j = 0; j < v.length; j++) {
            v[j] = e.vectors().get(j, top);
        }
        double nv = Vectors.norm(v);
        for (int j = 0; j < v.length; j++) {
            v[j] /= nv;
        }
        return v;
    }

    private static double topEigenvalue(DMatrixRMaj gram) {
        double[] values = Linalg.get().eigSymmetric(gram).values();
        return values[top(values)];
    }

    private static int top(double[] values) {
        int top = 0;
        for (int i = 1; i < values.length; i++) {
            if (values[i] > values[top]) {
                top = i;
            }
        }
        return top;
    }
}
