package io.dualnet.deeprelu;

import io.dualnet.data.InvalidInputException;
import io.dualnet.linalg.Matrices;
import org.ejml.data.DMatrixRMaj;

import java.util.Random;

/**
 * Seeded dense whitened data ({@code X X^T = I_n}, rows orthonormal) at sizes where a Gram check is expensive: the
 * first {@code n} rows of the orthogonal Kronecker product {@code Q_a (x) Q_b} of two seeded {@code m x m} orthogonal
 * factors ({@code d = m^2}), each the Gaussian matrix whitened by {@link Whitening}. Built in {@code O(n d)} without
 * ever forming a Gram matrix; used by the whitened closed-form tests and benchmark (003 Thm 4.3/4.4).
 */
public final class WhitenedInstances {
    private WhitenedInstances() {
    }

    /** The first {@code n} rows of {@code Q_a (x) Q_b} with factors from seeds {@code seed} and {@code seed + 1}. */
    public static DMatrixRMaj kroneckerRows(int n, int m, long seed) {
        InvalidInputException.requireAtLeast("m", m, 1);
        if (n < 0 || n > (long) m * m) {
            throw new InvalidInputException("n", n, "an integer in [0, m^2 = " + (long) m * m + "]");
        }
        DMatrixRMaj a = whitenedSquare(m, seed);
        DMatrixRMaj b = whitenedSquare(m, seed + 1);
        int d = m * m;
        DMatrixRMaj out = new DMatrixRMaj(n, d);
        for (int i = 0; i < n; i++) {
            int ia = i / m;
            int ib = i % m;
            for (int ja = 0; ja < m; ja++) {
                double s = a.get(ia, ja);
                for (int jb = 0; jb < m; jb++) {
                    out.data[i * d + ja * m + jb] = s * b.get(ib, jb);
                }
            }
        }
        return out;
    }

    private static DMatrixRMaj whitenedSquare(int m, long seed) {
        DMatrixRMaj g = Matrices.gaussian(m, m, 1, new Random(seed));
        return Whitening.fit(g).apply(g);
    }
}
