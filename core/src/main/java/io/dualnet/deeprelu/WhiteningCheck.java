package io.dualnet.deeprelu;

import org.ejml.data.DMatrixRMaj;

import java.util.SplittableRandom;

/**
 * The whitening test {@code ||X X^T - I_n|| <= tolerance} of {@link WhitenedClosedForm}, at the cost of the passes
 * over {@code X} the construction makes anyway.
 *
 * <ul>
 * <li><b>Exact</b> when {@code n^2 d <= }{@link #EXACT_WORK}: {@code ||X X^T - I||_F} from the Gram matrix (an upper
 * bound of the spectral norm, as before).</li>
 * <li><b>Randomized</b> otherwise: {@link #PROBES} seeded Gaussian probes {@code z_j ~ N(0, I_n)} ride along the
 * construction's two passes ({@code X^T Z} beside {@code X^T u_r}, then {@code X (X^T Z)} beside the first layer's
 * pre-activations), giving {@code E z_j = X X^T z_j - z_j} with {@code E = X X^T - I}. The test uses
 * {@code est = max_j ||E z_j|| / }{@link #THETA}. <em>Bound:</em> {@code ||E z||^2 >= lambda_1^2 g^2} with
 * {@code g = <z, v_1> ~ N(0, 1)} ({@code v_1} a top eigenvector of {@code E}), and {@code P(|g| < theta) <=
 * theta sqrt(2/pi)}; the probes are independent of the data, so {@code P(est < ||E||_2) <= (theta sqrt(2/pi))^k}
 * = {@link #failureProbability()} ({@code 2.7e-18} for {@code k = 16}, {@code theta = 0.1}; the inflation
 * {@code 1/theta = 10} keeps the test clear of its own rounding, {@code ||E z||} of about {@code 2e-13 ||z||} for
 * exactly whitened {@code n = d = 10^4}; 16 probes also route {@code X^T Z} to native BLAS, see {@code Linalg}). Whitened data are never rejected for a false reason
 * ({@code ||E z_j|| <= ||E||_2 ||z_j||} up to rounding); data that are not whitened are accepted, and the lower bound
 * that uses {@code ||X||_2^2 <= 1 + est} can fail, with at most that probability.</li>
 * </ul>
 * The column deviation {@code ||X^T X - I_d||_F} follows from the identity {@code ||X^T X - I_d||_F^2 =
 * ||E||_F^2 + d - n} (both sides expand to {@code ||X X^T||_F^2 - 2 ||X||_F^2 + d}); the randomized route estimates
 * {@code ||E||_F^2} by {@code mean_j ||E z_j||^2} (unbiased).
 */
final class WhiteningCheck {
    /** Largest {@code n^2 d} (multiply-adds of the Gram matrix) for which the test is exact. */
    static final double EXACT_WORK = 1 << 27;
    /** Gaussian probes of the randomized test (16: the GEMMs with {@code X} go to native BLAS). */
    static final int PROBES = 16;
    /** Inflation {@code 1/theta} of the randomized bound. */
    static final double THETA = 0.1;
    /** Seed of the probes (fixed: the test is reproducible; the bound holds because it does not depend on X). */
    static final long SEED = 0x5EEDL;

    private final int n;
    private final int d;
    private final DMatrixRMaj probes;
    private double deviation = Double.NaN;
    private double columnDeviation = Double.NaN;

    private WhiteningCheck(int n, int d, DMatrixRMaj probes) {
        this.n = n;
        this.d = d;
        this.probes = probes;
    }

    /** The route for an {@code n x d} input. */
    static WhiteningCheck plan(int n, int d) {
        if ((double) n * n * d <= EXACT_WORK) {
            return new WhiteningCheck(n, d, null);
        }
        SplittableRandom rng = new SplittableRandom(SEED);
        DMatrixRMaj z = new DMatrixRMaj(n, PROBES);
        for (int i = 0; i < z.data.length; i++) {
            double g;
            do {
                g = gaussian(rng);
            } while (g == 0);
            z.data[i] = g;
        }
        return new WhiteningCheck(n, d, z);
    }

    /** The probes {@code Z} ({@code n x k}), or {@code null} for the exact route. */
    DMatrixRMaj probes() {
        return probes;
    }

    /**
     * Measures: exact route from {@code x}'s Gram matrix; randomized route from columns {@code offset..offset+k-1} of
     * {@code second} ({@code = X X^T Z}).
     */
    void measure(DMatrixRMaj x, DMatrixRMaj second, int offset) {
        if (probes == null) {
            double fro = Whitening.rowDeviation(x);
            deviation = fro;
            columnDeviation = Math.sqrt(Math.max(0, fro * fro + d - n));
            return;
        }
        int q = second.numCols;
        double worst = 0;
        double mean = 0;
        for (int j = 0; j < PROBES; j++) {
            double s = 0;
            for (int i = 0; i < n; i++) {
                double r = second.data[i * q + offset + j] - probes.data[i * PROBES + j];
                s += r * r;
            }
            worst = Math.max(worst, Math.sqrt(s));
            mean += s / PROBES;
        }
        deviation = worst / THETA;
        columnDeviation = Math.sqrt(Math.max(0, mean + d - n));
    }

    /** The measured deviation: {@code ||E||_F} (exact) or the randomized upper bound of {@code ||E||_2}. */
    double deviation() {
        return deviation;
    }

    /** {@code ||X^T X - I_d||_F} (exact route) or its estimate (randomized route). */
    double columnDeviation() {
        return columnDeviation;
    }

    /** {@code exact} or {@code randomized}. */
    String route() {
        return probes == null ? "exact" : "randomized";
    }

    /** 0 (exact) or {@code (theta sqrt(2/pi))^k}, the chance that the randomized bound is below {@code ||E||_2}. */
    double failureProbability() {
        return probes == null ? 0 : Math.pow(THETA * Math.sqrt(2 / Math.PI), PROBES);
    }

    /** The measured quantity's name in messages. */
    String normName() {
        return probes == null ? "||X X^T - I||" : "||X X^T - I|| (randomized bound, " + PROBES + " probes)";
    }

    /** A standard normal deviate (Box-Muller; {@link SplittableRandom} has none in Java 17). */
    private static double gaussian(SplittableRandom rng) {
        double u = 1 - rng.nextDouble();
        double v = rng.nextDouble();
        return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
    }
}
