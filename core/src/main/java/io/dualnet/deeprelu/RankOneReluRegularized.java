package io.dualnet.deeprelu;

import io.dualnet.data.InvalidInputException;
import io.dualnet.linalg.Vectors;
import io.dualnet.net.DeepReluNetwork;
import org.ejml.data.DMatrixRMaj;

import java.util.List;

/**
 * The weight-decay-regularized bias-free deep ReLU network on rank-one data, scalar output (Ergen and Pilanci (2)
 * with the factors of their (17): squared loss {@code 1/2}, weight decay {@code beta/2}):
 *
 * <pre>
 *   J* = min 1/2 ||f(X) - y||^2 + (beta/2) sum_l ||W_l||_F^2,   X = c a0^T.
 * </pre>
 *
 * Every network outputs {@code f = c+ u + c- v} with {@code u = g(a0)}, {@code v = g(-a0)}, and the least
 * {@code 1/2 sum ||W||^2} that realizes {@code (u, v)} is {@link RankOneRelu}'s value {@code R(u, v)}:
 * {@code (L/2)((|u| + |v|)/||a0||)^{2/L}} when {@code uv >= 0}, {@code (L/2)((|u|/||a0||)^{2/L} + (|v|/||a0||)^{2/L})}
 * otherwise. Since {@code c+} and {@code c-} are orthogonal, {@code J* = 1/2 ||y_perp||^2 + min_(u,v)
 * [1/2 n+ (u - u^)^2 + 1/2 n- (v - v^)^2 + beta R(u, v)]} with {@code n+- = ||c+-||^2}, {@code u^ = c+^T y / n+},
 * {@code v^ = c-^T y / n-}: a two-variable problem, solved globally per sign pattern (opposite signs: two separable
 * one-dimensional problems solved through their stationarity equations; same signs: the inner problem at fixed
 * {@code |u| + |v| = S} is a clamped quadratic, the outer one-dimensional problem in {@code S} is searched on a grid
 * of {@link #GRID} points and refined by golden-section search). The minimizing {@code (u, v)} is then built as a network
 * by {@link RankOneRelu}, and its objective recomputed. The hard-threshold behaviour of {@code s^{2/L}} ({@code L >= 3})
 * makes the optimum jump to {@code 0} as {@code beta} grows.
 */
public final class RankOneReluRegularized {
    /** Grid points of the one-dimensional search in {@code S}. */
    public static final int GRID = 4000;

    /**
     * The result.
     *
     * @param objective {@code J*}
     * @param u the optimal output at {@code a0}
     * @param v the optimal output at {@code -a0}
     * @param network the minimum-norm network realizing {@code (u, v)}
     * @param networkObjective {@code 1/2 ||f(X) - y||^2 + (beta/2) sum ||W||^2} recomputed from the weights
     * @param certified whether {@code objective} is the global optimum: always true since {@code R(u, v)} is exact for
     *     every depth ({@link TwoPathReduction}); kept for callers
     */
    public record Solution(double objective, double u, double v, RankOneReluSolution network, double networkObjective,
                           boolean certified) {
    }

    private RankOneReluRegularized() {
    }

    /** Solves for {@code x} (rank-one), {@code y} ({@code n x 1}), {@code depth >= 2}, {@code beta > 0}. */
    public static Solution solve(DMatrixRMaj x, DMatrixRMaj y, int depth, double beta, double tolerance) {
        InvalidInputException.requireAtLeast("--depth", depth, 2);
        InvalidInputException.requirePositive("--beta", beta);
        RankOneData data = RankOneData.of(x, "--x");
        data.requireRankOne("--x", tolerance);
        if (y.numCols != 1 || y.numRows != x.numRows) {
            throw new InvalidInputException("--y", y.numRows + "x" + y.numCols + " matrix",
                    x.numRows + " x 1 (scalar output, one row per sample)");
        }
        double an = data.a0Norm();
        double[] cp = data.positivePart();
        double[] cm = data.negativePart();
        double np = Vectors.dot(cp, cp);
        double nm = Vectors.dot(cm, cm);
        double uh = np > 0 ? Vectors.dot(cp, y.data) / np : 0;
        double vh = nm > 0 ? Vectors.dot(cm, y.data) / nm : 0;
        double yy = Vectors.dot(y.data, y.data);
        double perp = 0.5 * Math.max(0, yy - np * uh * uh - nm * vh * vh);
        double k = beta * 0.5 * depth;
        double p = 2.0 / depth;
        double best = Double.POSITIVE_INFINITY;
        double bu = 0;
        double bv = 0;
        // opposite signs (or one of them zero): separable
        for (int su = -1; su <= 1; su += 2) {
            double s = oneDim(np, su * uh, k / Math.pow(an, p), p);
            double r = oneDim(nm, -su * vh, k / Math.pow(an, p), p);
            double val = 0.5 * np * (su * s - uh) * (su * s - uh) + 0.5 * nm * (-su * r - vh) * (-su * r - vh)
                    + k * (Math.pow(s / an, p) + Math.pow(r / an, p));
            if (val < best) {
                best = val;
                bu = su * s;
                bv = -su * r;
            }
        }
        // same signs
        for (int sg = -1; sg <= 1; sg += 2) {
            double a = sg * uh;
            double b = sg * vh;
            double smax = Math.max(a, 0) + Math.max(b, 0);
            if (smax <= 0) {
                continue;
            }
            double[] sr = new double[2];
            double bestS = 0;
            double bestVal = Double.POSITIVE_INFINITY;
            for (int i = 0; i <= GRID; i++) {
                double sv = smax * i / GRID;
                double val = same(sv, a, b, np, nm, k, an, p, sr);
                if (val < bestVal) {
                    bestVal = val;
                    bestS = sv;
                }
            }
            double lo = Math.max(0, bestS - smax / GRID);
            double hi = Math.min(smax, bestS + smax / GRID);
            double g = (Math.sqrt(5) - 1) / 2;
            for (int it = 0; it < 200; it++) {
                double m1 = hi - g * (hi - lo);
                double m2 = lo + g * (hi - lo);
                if (same(m1, a, b, np, nm, k, an, p, sr) <= same(m2, a, b, np, nm, k, an, p, sr)) {
                    hi = m2;
                } else {
                    lo = m1;
                }
            }
            double sv = 0.5 * (lo + hi);
            double val = same(sv, a, b, np, nm, k, an, p, sr);
            if (val < bestVal) {
                bestVal = val;
                bestS = sv;
            }
            same(bestS, a, b, np, nm, k, an, p, sr);
            if (bestVal < best) {
                best = bestVal;
                bu = sg * sr[0];
                bv = sg * sr[1];
            }
        }
        DMatrixRMaj target = new DMatrixRMaj(y.numRows, 1);
        for (int i = 0; i < y.numRows; i++) {
            target.data[i] = cp[i] * bu + cm[i] * bv;
        }
        RankOneReluSolution net = RankOneRelu.build(x, target, data, RankOneTarget.of(data, target),
                new RankOneRelu.Options(depth, 1, tolerance, false));
        List<DMatrixRMaj> w = net.weights();
        DMatrixRMaj f = DeepReluNetwork.withoutBiases(w).predict(x);
        double loss = 0;
        for (int i = 0; i < f.data.length; i++) {
            loss += (f.data[i] - y.data[i]) * (f.data[i] - y.data[i]);
        }
        double recomputed = 0.5 * loss + beta * net.networkObjective();
        return new Solution(perp + best, bu, bv, net, recomputed, true);
    }

    /** {@code argmin_(s >= 0) 1/2 n (s - a)^2 + kappa s^p}, {@code 0 < p <= 1}. */
    static double oneDim(double n, double a, double kappa, double p) {
        if (n <= 0 || a <= 0) {
            return 0;
        }
        if (p == 1) {
            return Math.max(0, a - kappa / n);
        }
        // h'(s) = n (s - a) + kappa p s^(p-1) is increasing beyond s* where h'' = 0
        double sStar = Math.pow(kappa * p * (1 - p) / n, 1 / (2 - p));
        double lo = Math.min(sStar, a);
        double hi = a;
        if (n * (lo - a) + kappa * p * Math.pow(lo, p - 1) >= 0) {
            return 0;
        }
        for (int it = 0; it < 200; it++) {
            double mid = 0.5 * (lo + hi);
            if (n * (mid - a) + kappa * p * Math.pow(mid, p - 1) < 0) {
                lo = mid;
            } else {
                hi = mid;
            }
        }
        double s = 0.5 * (lo + hi);
        double hs = 0.5 * n * (s - a) * (s - a) + kappa * Math.pow(s, p);
        double h0 = 0.5 * n * a * a;
        return hs < h0 ? s : 0;
    }

    private static double same(double sv, double a, double b, double np, double nm, double k, double an, double p,
                               double[] sr) {
        double s;
        if (np + nm == 0) {
            s = 0;
        } else if (np == 0) {
            s = 0;
        } else if (nm == 0) {
            s = sv;
        } else {
            s = Math.min(sv, Math.max(0, (np * a + nm * (sv - b)) / (np + nm)));
        }
        double r = sv - s;
        sr[0] = s;
        sr[1] = r;
        return 0.5 * np * (s - a) * (s - a) + 0.5 * nm * (r - b) * (r - b) + k * Math.pow(sv / an, p);
    }
}
