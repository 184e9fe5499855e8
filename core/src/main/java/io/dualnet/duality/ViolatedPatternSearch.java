package io.dualnet.duality;

import io.dualnet.convex.ActivationPatterns;
import io.dualnet.convex.ConvexReluWeights;
import io.dualnet.convex.MaskKey;
import io.dualnet.convex.PatternOperator;
import io.dualnet.data.InvalidInputException;
import io.dualnet.linalg.Linalg;
import io.dualnet.linalg.Matrices;
import io.dualnet.loss.Loss;
import org.ejml.data.DMatrixRMaj;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.IntFunction;

/**
 * Search for the most violated dual constraints of the convex ReLU problem over <em>all</em> activation patterns
 * (spec §1.3), given a dual point {@code lambda}:
 *
 * <pre>
 *   gated:  max_D ||X^T D lambda||_2                 cone:  max_{||u|| <= 1} +-lambda^T (X u)_+
 * </pre>
 *
 * (the cone maximum over all patterns is the ReLU dual constraint (2) of paper 002). {@link #exact} checks every
 * pattern of an enumerated arrangement through {@link ReluCertificate#dualBound}. {@link #randomized} runs a seeded
 * fixed-point ascent {@code u <- +-X^T D(u) lambda / ||.||} (a power-iteration-like step that follows the gradient of
 * {@code lambda^T (X u)_+}) from many starts (Gaussian, and {@code +-X^T lambda}, {@code X^T lambda_+},
 * {@code X^T lambda_-}; even columns ascend the {@code +} constraint, odd ones the {@code -} one), all starts at once
 * with two GEMMs per step, and keeps every visited pattern. Its value is exact for the gated problem; for the cone
 * problem the ascent ranks patterns by the witness {@code +-lambda^T (X u)_+ / ||u||} (a lower bound, {@code u} inside
 * the pattern's cone) and the most promising ones are then scored by their NNLS upper bound
 * {@code min_{mu >= 0} ||X^T(+-D lambda + S mu)||}, which equals the cone maximum when the NNLS converges (exactly on
 * small instances). Nothing passed in is modified.
 */
public final class ViolatedPatternSearch {

    /**
     * Options of the randomized search.
     *
     * @param starts random starts (besides the four {@code lambda}-correlated ones), {@code >= 0}
     * @param ascentSteps fixed-point steps per start, {@code >= 0}
     * @param seed random seed
     * @param refinementIterations cone only: NNLS iterations bounding the most promising patterns' constraints,
     *                             {@code >= 0}
     */
    public record Options(int starts, int ascentSteps, long seed, int refinementIterations) {
        /** Validates every field. */
        public Options {
            InvalidInputException.requireAtLeast("starts", starts, 0);
            InvalidInputException.requireAtLeast("ascentSteps", ascentSteps, 0);
            InvalidInputException.requireAtLeast("refinementIterations", refinementIterations, 0);
        }

        /** 256 starts, 20 steps, seed 1, 500 NNLS iterations. */
        public static Options defaults() {
            return new Options(256, 20, 1L, 500);
        }

        /** These options with another seed. */
        public Options withSeed(long value) {
            return new Options(starts, ascentSteps, value, refinementIterations);
        }
    }

    /**
     * What a search found.
     *
     * @param patterns the violating patterns, most violated first, with generators (at most the requested number)
     * @param values their constraint values (gated: {@code ||X^T D lambda||}; cone: the NNLS bound), same order
     * @param maxValue the largest ascent value seen (gated: constraint value; cone: witness, a lower bound)
     * @param exhaustive whether every pattern of the arrangement was checked
     * @param searched number of distinct patterns evaluated
     */
    public record Result(ActivationPatterns patterns, double[] values, double maxValue, boolean exhaustive,
                         int searched) {
        /** Whether a violated constraint was found. */
        public boolean violated() {
            return values.length > 0;
        }
    }

    private ViolatedPatternSearch() {
    }

    /**
     * Checks every pattern of {@code all} (e.g. an enumerated arrangement) and returns the {@code limit} most
     * violated ones, those whose bound exceeds {@code beta (1 + rtol)}.
     */
    public static Result exact(DMatrixRMaj features, ActivationPatterns all, boolean gated, double[] lambda,
                               double beta, Loss loss, double[] y, double rtol, int limit,
                               ReluCertificate.Options options) {
        ReluDualBound bound = ReluCertificate.dualBound(features, all, gated, lambda, beta, loss, y, null, options);
        int p = all.count();
        double[] perPattern = new double[p];
        for (int j = 0; j < bound.bounds().length; j++) {
            int i = j < p ? j : j - p;
            perPattern[i] = Math.max(perPattern[i], bound.bounds()[j]);
        }
        Map<Integer, Double> found = new LinkedHashMap<>();
        for (int i = 0; i < p; i++) {
            if (perPattern[i] > beta * (1 + rtol)) {
                found.put(i, perPattern[i]);
            }
        }
        return collect(all.samples(), found, i -> all.mask(i), all::generator, bound.maxBound(), true, p, limit);
    }

    /** The randomized search (see the class comment); returns the {@code limit} most violated patterns found. */
    public static Result randomized(DMatrixRMaj features, boolean gated, double[] lambda, double beta, double rtol,
                                    int limit, Options options) {
        int n = features.numRows;
        int d = features.numCols;
        int s = options.starts() + 4;
        DMatrixRMaj u = Matrices.gaussian(d, s, 1.0, new Random(options.seed()));
        double[][] seeds = {lambda, negate(lambda), positivePart(lambda, 1), positivePart(lambda, -1)};
        for (int c = 0; c < 4; c++) {
            DMatrixRMaj col = Linalg.get().multTransA(features, DMatrixRMaj.wrap(n, 1, seeds[c]));
            for (int r = 0; r < d; r++) {
                u.data[r * s + options.starts() + c] = col.data[r];
            }
        }
        DMatrixRMaj z = new DMatrixRMaj(n, s);
        DMatrixRMaj masked = new DMatrixRMaj(n, s);
        DMatrixRMaj grad = new DMatrixRMaj(d, s);
        Map<MaskKey, double[]> seen = new LinkedHashMap<>();
        Map<MaskKey, Double> values = new LinkedHashMap<>();
        double max = 0;
        for (int step = 0; step <= options.ascentSteps(); step++) {
            Linalg.get().multInto(features, false, u, false, z);
            for (int k = 0; k < n; k++) {
                for (int c = 0; c < s; c++) {
                    masked.data[k * s + c] = z.data[k * s + c] >= 0 ? lambda[k] : 0;
                }
            }
            Linalg.get().multInto(features, true, masked, false, grad);
            double[] gradNorms = ConvexReluWeights.blockNorms(grad);
            double[] uNorms = ConvexReluWeights.blockNorms(u);
            for (int c = 0; c < s; c++) {
                double value;
                double sign = 1;
                if (gated) {
                    value = gradNorms[c];
                } else {
                    double witness = 0;
                    for (int k = 0; k < n; k++) {
                        double t = z.data[k * s + c];
                        witness += t > 0 ? lambda[k] * t : 0;
                    }
                    witness /= Math.max(uNorms[c], Double.MIN_NORMAL);
                    sign = c % 2 == 0 ? 1 : -1;
                    value = sign * witness;
                }
                max = Math.max(max, value);
                long[] mask = new long[(n + 63) >>> 6];
                for (int k = 0; k < n; k++) {
                    if (z.data[k * s + c] >= 0) {
                        mask[k >>> 6] |= 1L << (k & 63);
                    }
                }
                MaskKey key = new MaskKey(mask);
                if (uNorms[c] > 0 && (!values.containsKey(key) || values.get(key) < value)) {
                    double[] g = new double[d];
                    for (int r = 0; r < d; r++) {
                        g[r] = u.data[r * s + c];
                    }
                    values.put(key, value);
                    seen.put(key, g);
                }
                double norm = Math.max(gradNorms[c], Double.MIN_NORMAL);
                for (int r = 0; r < d; r++) {
                    u.data[r * s + c] = sign * grad.data[r * s + c] / norm;
                }
            }
        }
        List<MaskKey> keys = new ArrayList<>(values.keySet());
        if (!gated && !keys.isEmpty()) {
            // Witnesses are lower bounds; score the most promising patterns by their NNLS upper bounds instead (equal
            // to the cone maximum when converged), so that small violations near the optimum are not missed.
            keys.sort((a, b) -> Double.compare(values.get(b), values.get(a)));
            keys = new ArrayList<>(keys.subList(0, Math.min(keys.size(), 4 * limit + 16)));
            List<long[]> masks = new ArrayList<>();
            for (MaskKey key : keys) {
                masks.add(key.bits());
            }
            ActivationPatterns candidates = ActivationPatterns.of(n, masks);
            double[] bounds = DualConstraintBounds.compute(new PatternOperator(features, candidates),
                    lambda, false, null, beta, options.refinementIterations());
            int p = candidates.count();
            List<MaskKey> kept = new ArrayList<>();
            for (int i = 0; i < p; i++) {
                MaskKey key = new MaskKey(candidates.mask(i));
                values.put(key, Math.max(bounds[i], bounds[p + i]));
                kept.add(key);
            }
            keys = kept;
        }
        Map<Integer, Double> found = new LinkedHashMap<>();
        for (int i = 0; i < keys.size(); i++) {
            if (values.get(keys.get(i)) > beta * (1 + rtol)) {
                found.put(i, values.get(keys.get(i)));
            }
        }
        List<MaskKey> order = keys;
        return collect(n, found, i -> order.get(i).bits(), i -> seen.get(order.get(i)), max, false, keys.size(),
                limit);
    }

    private static Result collect(int n, Map<Integer, Double> found, IntFunction<long[]> mask,
                                  IntFunction<double[]> generator, double max, boolean exhaustive,
                                  int searched, int limit) {
        List<Map.Entry<Integer, Double>> order = new ArrayList<>(found.entrySet());
        order.sort((a, b) -> Double.compare(b.getValue(), a.getValue()));
        int m = Math.min(limit, order.size());
        List<long[]> masks = new ArrayList<>(m);
        List<double[]> gens = new ArrayList<>(m);
        double[] vals = new double[m];
        for (int i = 0; i < m; i++) {
            masks.add(mask.apply(order.get(i).getKey()));
            gens.add(generator.apply(order.get(i).getKey()));
            vals[i] = order.get(i).getValue();
        }
        return new Result(ActivationPatterns.of(n, masks, gens), vals, max, exhaustive, searched);
    }

    private static double[] negate(double[] v) {
        double[] out = new double[v.length];
        for (int i = 0; i < v.length; i++) {
            out[i] = -v[i];
        }
        return out;
    }

    private static double[] positivePart(double[] v, double sign) {
        double[] out = new double[v.length];
        for (int i = 0; i < v.length; i++) {
            out[i] = Math.max(0, sign * v[i]);
        }
        return out;
    }

}
