package io.dualnet.opt;

import io.dualnet.data.InvalidInputException;

import java.util.Objects;

/**
 * Maximizes a concave, possibly non-smooth function of a few variables by the central-cut ellipsoid method
 * (bisection in one dimension), given an oracle for its value and one supergradient.
 *
 * <p>Certified bracket: every evaluated value is a lower bound on the maximum; if a maximizer lies in the initial
 * ball, {@code f(s_k) + sqrt(g_k' P_k g_k)} is an upper bound at every iteration ({@code P_k} the ellipsoid's
 * matrix), since every cut keeps the maximizers. The method stops when the bracket is narrower than the tolerance,
 * after {@code maxIterations}, or when the ellipsoid degenerates numerically; non-convergence is reported in
 * {@link Result#converged()}, never thrown. Stateless.
 */
public final class EllipsoidMaximizer {
    private EllipsoidMaximizer() {
    }

    /** The function to maximize. */
    @FunctionalInterface
    public interface ConcaveOracle {
        /**
         * Returns {@code f(s)} and writes a supergradient {@code g} ({@code f(t) <= f(s) + g . (t - s)} for all
         * {@code t}) into {@code supergradient}. Must not modify {@code s}.
         */
        double evaluate(double[] s, double[] supergradient);
    }

    /**
     * The outcome.
     *
     * @param point the best point found
     * @param lowerBound {@code f(point)}, a lower bound on the maximum
     * @param upperBound an upper bound on the maximum (valid when a maximizer lies in the initial ball)
     * @param iterations oracle calls
     * @param converged whether {@code upperBound - lowerBound <= tolerance}
     */
    public record Result(double[] point, double lowerBound, double upperBound, int iterations, boolean converged) {
    }

    /**
     * @param f the concave function
     * @param center center of the initial ball (not modified)
     * @param radius radius of a ball around {@code center} containing a maximizer, {@code > 0}
     * @param tolerance stop when {@code upper - lower <= tolerance}, {@code >= 0}
     * @param maxIterations oracle budget, {@code >= 1}
     */
    public static Result maximize(ConcaveOracle f, double[] center, double radius, double tolerance,
            int maxIterations) {
        Objects.requireNonNull(f, "f");
        InvalidInputException.requirePositive("radius", radius);
        InvalidInputException.requireNonNegative("tolerance", tolerance);
        InvalidInputException.requireAtLeast("maxIterations", maxIterations, 1);
        int n = center.length;
        InvalidInputException.requireAtLeast("dimension", n, 1);
        return n == 1 ? bisect(f, center[0], radius, tolerance, maxIterations)
                : ellipsoid(f, center, radius, tolerance, maxIterations);
    }

    private static Result bisect(ConcaveOracle f, double center, double radius, double tol, int maxIterations) {
        double lo = center - radius;
        double hi = center + radius;
        double[] s = new double[1];
        double[] g = new double[1];
        double best = Double.NEGATIVE_INFINITY;
        double bestPoint = center;
        double upper = Double.POSITIVE_INFINITY;
        int it = 0;
        while (it < maxIterations) {
            s[0] = 0.5 * (lo + hi);
            double v = f.evaluate(s, g);
            it++;
            if (v > best) {
                best = v;
                bestPoint = s[0];
            }
            upper = Math.min(upper, v + Math.abs(g[0]) * 0.5 * (hi - lo));
            if (g[0] == 0 || upper - best <= tol || hi - lo <= Math.ulp(Math.abs(s[0])) * 4) {
                if (g[0] == 0) {
                    upper = Math.min(upper, v);
                }
                break;
            }
            if (g[0] > 0) {
                lo = s[0];
            } else {
                hi = s[0];
            }
        }
        return new Result(new double[] {bestPoint}, best, Math.max(upper, best), it, upper - best <= tol);
    }

    private static Result ellipsoid(ConcaveOracle f, double[] center, double radius, double tol, int maxIterations) {
        int n = center.length;
        double[] s = center.clone();
        double[][] p = new double[n][n];
        for (int i = 0; i < n; i++) {
            p[i][i] = radius * radius;
        }
        double[] g = new double[n];
        double[] pg = new double[n];
        double best = Double.NEGATIVE_INFINITY;
        double[] bestPoint = s.clone();
        double upper = Double.POSITIVE_INFINITY;
        double scale = (double) n * n / ((double) n * n - 1);
        int it = 0;
        while (it < maxIterations) {
            java.util.Arrays.fill(g, 0);
            double v = f.evaluate(s, g);
            it++;
            if (v > best) {
                best = v;
                bestPoint = s.clone();
            }
            double gpg = 0;
            for (int i = 0; i < n; i++) {
                double t = 0;
                for (int j = 0; j < n; j++) {
                    t += p[i][j] * g[j];
                }
                pg[i] = t;
                gpg += g[i] * t;
            }
            if (!(gpg > 0)) {
                // Zero supergradient (s is a maximizer) or a degenerate ellipsoid.
                if (isZero(g)) {
                    upper = Math.min(upper, v);
                }
                break;
            }
            double width = Math.sqrt(gpg);
            upper = Math.min(upper, v + width);
            if (upper - best <= tol) {
                break;
            }
            for (int i = 0; i < n; i++) {
                s[i] += pg[i] / (width * (n + 1));
            }
            double c = 2.0 / ((n + 1) * gpg);
            for (int i = 0; i < n; i++) {
                for (int j = 0; j <= i; j++) {
                    double v2 = scale * (p[i][j] - c * pg[i] * pg[j]);
                    p[i][j] = v2;
                    p[j][i] = v2;
                }
            }
        }
        return new Result(bestPoint, best, Math.max(upper, best), it, upper - best <= tol);
    }

    private static boolean isZero(double[] g) {
        for (double v : g) {
            if (v != 0) {
                return false;
            }
        }
        return true;
    }
}
