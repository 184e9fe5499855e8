package io.dualnet.deeprelu;

import io.dualnet.data.InvalidInputException;
import io.dualnet.linalg.Vectors;
import org.ejml.data.DMatrixRMaj;

import java.util.Locale;

/**
 * The target of a bias-free ReLU network on rank-one data {@code X = c a0^T}, written as
 * {@code Y = c+ alpha^T + c- beta^T} with {@code c+ = max(c, 0)}, {@code c- = max(-c, 0)} (Wang, Ergen and Pilanci,
 * proof of Theorem 5; spec §1.9). Every such network computes {@code f(c_i a0) = |c_i| g(sign(c_i) a0)}, so its output
 * has this form, with {@code alpha = g(a0)} and {@code beta = g(-a0)}; any other target cannot be fitted.
 *
 * <p>The sign case: {@link SignCase#SAME} when {@code beta = k alpha} with {@code k >= 0} (or one of them is zero),
 * {@link SignCase#OPPOSITE} when {@code beta = -k alpha} with {@code k > 0} (for scalar outputs: {@code alpha beta < 0}),
 * and {@link SignCase#GENERAL} otherwise (vector outputs in different directions).
 *
 * @param alpha the output at {@code a0} ({@code K} entries)
 * @param beta the output at {@code -a0} ({@code K} entries)
 * @param residual {@code ||Y - c+ alpha^T - c- beta^T||_F / ||Y||_F} (0 for {@code Y = 0})
 * @param signCase the sign case
 */
public record RankOneTarget(double[] alpha, double[] beta, double residual, SignCase signCase) {

    /** Relative tolerance deciding that {@code alpha} and {@code beta} are parallel. */
    public static final double COLLINEAR_TOLERANCE = 1e-9;

    /** Whether the parts of the target on {@code c+} and {@code c-} point the same way. */
    public enum SignCase {
        /** {@code beta = k alpha}, {@code k >= 0}: one path fits both parts; zero duality gap. */
        SAME,
        /** {@code beta = -k alpha}, {@code k > 0}: the parts need separate paths; a duality gap. */
        OPPOSITE,
        /** Vector outputs in different directions (no closed form in the papers). */
        GENERAL;

        /** Lower-case name for JSON. */
        public String label() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** Copies. */
    public RankOneTarget {
        alpha = alpha.clone();
        beta = beta.clone();
    }

    /** Projects {@code y} ({@code n x K}) onto {@code span(c+, c-)} column by column. */
    public static RankOneTarget of(RankOneData data, DMatrixRMaj y) {
        int n = data.samples();
        if (y.numRows != n) {
            throw new InvalidInputException("--y", y.numRows + " rows", n + " rows (one per sample of X)");
        }
        int k = y.numCols;
        if (k == 0) {
            throw new InvalidInputException("--y", "0 columns", "at least one output column");
        }
        double[] cp = data.positivePart();
        double[] cm = data.negativePart();
        double np = Vectors.dot(cp, cp);
        double nm = Vectors.dot(cm, cm);
        double[] alpha = new double[k];
        double[] beta = new double[k];
        double yy = 0;
        for (int j = 0; j < k; j++) {
            double sp = 0;
            double sm = 0;
            for (int i = 0; i < n; i++) {
                double v = y.data[i * k + j];
                if (!Double.isFinite(v)) {
                    throw new InvalidInputException("--y", "a matrix with a non-finite entry", "finite numbers");
                }
                sp += cp[i] * v;
                sm += cm[i] * v;
                yy += v * v;
            }
            alpha[j] = np > 0 ? sp / np : 0;
            beta[j] = nm > 0 ? sm / nm : 0;
        }
        double rr = 0;
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < k; j++) {
                double r = y.data[i * k + j] - cp[i] * alpha[j] - cm[i] * beta[j];
                rr += r * r;
            }
        }
        double residual = yy > 0 ? Math.sqrt(rr / yy) : 0;
        return new RankOneTarget(alpha, beta, residual, classify(alpha, beta));
    }

    /** {@code ||alpha||}. */
    public double alphaNorm() {
        return Vectors.norm(alpha);
    }

    /** {@code ||beta||}. */
    public double betaNorm() {
        return Vectors.norm(beta);
    }

    /** Number of outputs {@code K}. */
    public int outputs() {
        return alpha.length;
    }

    /**
     * Throws unless the target has the fittable form within {@code tolerance}: "Y is not of the form alpha c+ + beta
     * c-".
     */
    public void requireFittable(String parameter, double tolerance) {
        if (!(residual <= tolerance)) {
            throw new InvalidInputException(parameter,
                    String.format(Locale.ROOT, "a target with ||Y - (c+ alpha^T + c- beta^T)|| / ||Y|| = %.3g > tolerance %.3g",
                            residual, tolerance),
                    "Y = c+ alpha^T + c- beta^T with c+ = max(c, 0), c- = max(-c, 0) for X = c a0^T: a bias-free ReLU "
                            + "network outputs |c_i| g(sign(c_i) a0) and cannot fit anything else");
        }
    }

    private static SignCase classify(double[] alpha, double[] beta) {
        double a = Vectors.norm(alpha);
        double b = Vectors.norm(beta);
        if (a == 0 || b == 0) {
            return SignCase.SAME;
        }
        double same = 0;
        double opposite = 0;
        for (int j = 0; j < alpha.length; j++) {
            double u = alpha[j] / a;
            double v = beta[j] / b;
            same += (u - v) * (u - v);
            opposite += (u + v) * (u + v);
        }
        if (Math.sqrt(same) <= COLLINEAR_TOLERANCE) {
            return SignCase.SAME;
        }
        if (Math.sqrt(opposite) <= COLLINEAR_TOLERANCE) {
            return SignCase.OPPOSITE;
        }
        return SignCase.GENERAL;
    }
}
