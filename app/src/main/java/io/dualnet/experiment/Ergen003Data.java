package io.dualnet.experiment;

import io.dualnet.data.Generators;
import io.dualnet.data.InvalidInputException;
import io.dualnet.linalg.Linalg;
import io.dualnet.linalg.Matrices;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;

import java.io.Serializable;
import java.util.Locale;

/**
 * Synthetic regression data of the paper-003 linear experiments (Figures 2, 3, 5), generated from a seed.
 *
 * <p>{@code X} ({@code n x d}): i.i.d. {@code N(0,1)} entries ({@link Generators#gaussian}, seed {@code seed}), columns
 * centred, so zero mean and identity population covariance. With {@code whiten}, {@code X} is replaced by the left
 * singular vectors of the centred matrix: still zero-mean, and {@code X^T X = I_d}. Teacher
 * {@code W_t = U diag(c, c-1, ..., 1) V^T} ({@code d x c}) with {@code U}, {@code V} the singular vectors of Gaussian
 * matrices (seeds {@code seed+1}, {@code seed+2}): a random teacher with a prescribed, well-separated spectrum.
 * {@code Y = X W_t + noise * E} with {@code E} i.i.d. {@code N(0,1)} (seed {@code seed+3}).
 *
 * @param n samples
 * @param d input dimension
 * @param c outputs
 * @param noise standard deviation of the label noise, {@code >= 0}
 * @param whiten whether {@code X} is whitened to orthonormal columns
 * @param seed the seed
 */
public record Ergen003Data(int n, int d, int c, double noise, boolean whiten, long seed) implements Serializable {
    private static final long serialVersionUID = 1L;

    /** Validates the sizes. */
    public Ergen003Data {
        InvalidInputException.requireAtLeast("d", d, 1);
        InvalidInputException.requireAtLeast("n", n, d + 1);
        InvalidInputException.requireAtLeast("c", c, 1);
        InvalidInputException.requireNonNegative("noise", noise);
    }

    /** Key fragment. */
    public String key() {
        return String.format(Locale.ROOT, "n%d-d%d-c%d-e%s-%s-s%d", n, d, c, Ergen003Linear.num(noise),
                whiten ? "w" : "r", seed);
    }

    /** {@code {X, Y}}. */
    public DMatrixRMaj[] build() {
        Linalg la = Linalg.get();
        DMatrixRMaj x = Generators.gaussian(n, d, seed);
        for (int j = 0; j < d; j++) {
            double mean = 0;
            for (int i = 0; i < n; i++) {
                mean += x.unsafe_get(i, j);
            }
            mean /= n;
            for (int i = 0; i < n; i++) {
                x.unsafe_set(i, j, x.unsafe_get(i, j) - mean);
            }
        }
        if (whiten) {
            x = la.svd(x).u().copy();
        }
        DMatrixRMaj u = la.svd(Generators.gaussian(d, c, seed + 1)).u();
        DMatrixRMaj v = la.svd(Generators.gaussian(c, c, seed + 2)).u();
        double[] spectrum = new double[c];
        for (int i = 0; i < c; i++) {
            spectrum[i] = c - i;
        }
        DMatrixRMaj teacher = Matrices.compose(u, spectrum, v, c);
        DMatrixRMaj y = la.mult(x, teacher);
        CommonOps_DDRM.addEquals(y, noise, Generators.gaussian(n, c, seed + 3));
        return new DMatrixRMaj[] {x, y};
    }
}
