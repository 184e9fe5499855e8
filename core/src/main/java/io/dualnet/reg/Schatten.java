package io.dualnet.reg;

import io.dualnet.data.InvalidInputException;
import io.dualnet.linalg.Linalg;
import org.ejml.data.DMatrixRMaj;

/**
 * Schatten and Ky-Fan functions of a matrix, computed from its singular values {@code sigma_i}.
 *
 * <ul>
 *   <li>{@code ||A||_{S_p} = (sum_i sigma_i^p)^{1/p}} (a quasi-norm for {@code 0 < p < 1}); {@code S_1} is the nuclear
 *       norm, {@code S_2} the Frobenius norm;</li>
 *   <li>{@code ||A||_{S_p}^p = sum_i sigma_i^p}, the power sum used by the regularizers of Zhang et al. (4) and
 *       Wang et al. (42);</li>
 *   <li>{@code ||A||_(k)^2 = sum_{i <= k} sigma_i^2}, the squared Ky-Fan 2-k norm of Zhang et al. (5).</li>
 * </ul>
 */
public final class Schatten {
    private Schatten() {
    }

    /** {@code sum_i sigma_i^p} for singular values {@code s} and {@code p > 0}. */
    public static double powerSum(double[] s, double p) {
        InvalidInputException.requirePositive("p", p);
        double sum = 0;
        for (double v : s) {
            if (v > 0) {
                sum += p == 1 ? v : p == 2 ? v * v : Math.pow(v, p);
            }
        }
        return sum;
    }

    /** {@code ||A||_{S_p}^p} of a matrix. */
    public static double powerSum(DMatrixRMaj a, double p) {
        return powerSum(Linalg.get().singularValues(a), p);
    }

    /** {@code ||A||_{S_p}} from singular values. */
    public static double norm(double[] s, double p) {
        return Math.pow(powerSum(s, p), 1.0 / p);
    }

    /** Nuclear norm {@code sum_i sigma_i}. */
    public static double nuclear(double[] s) {
        return powerSum(s, 1);
    }

    /** {@code sum_{i<=k} sigma_i^2} for singular values sorted non-increasingly. */
    public static double kyFanSquared(double[] s, int k) {
        double sum = 0;
        for (int i = 0; i < Math.min(k, s.length); i++) {
            sum += s[i] * s[i];
        }
        return sum;
    }
}
