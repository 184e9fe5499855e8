package io.dualnet.closedform;

import io.dualnet.data.InvalidInputException;
import io.dualnet.linalg.Linalg;
import io.dualnet.reg.Schatten;
import org.ejml.data.DMatrixRMaj;

/**
 * The "stairs of duality gap" of Wang, Ergen, Pilanci, Appendix D, Proposition 9, eq (78), Figure 3: the partial duals
 * of the depth-{@code L} standard linear network, for {@code l = 0, ..., L-2},
 *
 * <pre>
 *   D^(l)(t) = t^{-(L-2)} ||X^+Y||_{S_{2/(l+2)}}            (rescaled, scale t)
 *   D^(l)    = min_t ((L-2)/2) t^2 + D^(l)(t) = (L/2) ||X^+Y||_{S_{2/(l+2)}}^{2/L}   (with the factor 1/2)
 * </pre>
 *
 * <p>{@code D^(0)} is the dual {@code D} and {@code D^(L-2)} the primal {@code P}; the sequence is non-decreasing, and
 * strictly increasing when {@code rank(X^+Y) >= 2} (eq (79)). All levels come from the singular values alone: one
 * singular-value computation of {@code X^+Y} (no singular vectors) and {@code O(r L)} arithmetic.
 *
 * <p>An immutable value.
 */
public final class Staircase {
    private final double[] sigma;
    private final int depth;

    private Staircase(double[] sigma, int depth) {
        this.sigma = sigma;
        this.depth = depth;
    }

    /**
     * From the singular values of {@code X^+Y} (not modified; any order; zeros and values below the rank tolerance
     * are dropped).
     *
     * @throws InvalidInputException for depth {@code < 2} or negative or non-finite values
     */
    public static Staircase fromSingularValues(double[] singularValues, int depth) {
        InvalidInputException.requireAtLeast("depth L", depth, 2);
        double[] s = singularValues.clone();
        for (int i = 0; i < s.length; i++) {
            InvalidInputException.requireNonNegative("singularValues[" + i + "]", s[i]);
        }
        java.util.Arrays.sort(s);
        for (int i = 0, j = s.length - 1; i < j; i++, j--) {
            double tmp = s[i];
            s[i] = s[j];
            s[j] = tmp;
        }
        int r = LinearTarget.rank(s, s.length);
        return new Staircase(java.util.Arrays.copyOf(s, r), depth);
    }

    /** From the end-to-end matrix {@code X^+Y} ({@code d x c}, not modified): one singular-value computation. */
    public static Staircase ofMinimumNormSolution(DMatrixRMaj pinvY, int depth) {
        io.dualnet.linalg.Matrices.requireFinite("X^+Y", pinvY);
        double[] s = Linalg.get().singularValues(pinvY);
        return fromSingularValues(s, depth);
    }

    /** From data {@code X} ({@code n x d}) and targets {@code Y} in range(X) (not modified). */
    public static Staircase of(DMatrixRMaj x, DMatrixRMaj y, int depth) {
        InvalidInputException.requireAtLeast("depth L", depth, 2);
        return ofMinimumNormSolution(LinearTarget.minimumNormSolution(x, y), depth);
    }

    /** Depth {@code L}. */
    public int depth() {
        return depth;
    }

    /** Number of levels, {@code L - 1} ({@code l = 0..L-2}). */
    public int levels() {
        return depth - 1;
    }

    /** {@code D^(l)(t) = t^{-(L-2)} ||X^+Y||_{S_{2/(l+2)}}} for {@code 0 <= l <= L-2}, {@code t > 0}. */
    public double rescaled(int l, double t) {
        requireLevel(l);
        InvalidInputException.requirePositive("t", t);
        return Math.pow(t, -(depth - 2)) * schatten(l);
    }

    /** {@code D^(l) = (L/2) ||X^+Y||_{S_{2/(l+2)}}^{2/L}}, optimized over {@code t} (with the factor 1/2). */
    public double optimized(int l) {
        requireLevel(l);
        return 0.5 * depth * Math.pow(schatten(l), 2.0 / depth);
    }

    /** The scale {@code t = ||X^+Y||_{S_{2/(l+2)}}^{1/L}} at which {@link #optimized(int)} is attained. */
    public double optimalScale(int l) {
        requireLevel(l);
        return Math.pow(schatten(l), 1.0 / depth);
    }

    /** All levels {@code D^(0)(t), ..., D^(L-2)(t)}. */
    public double[] rescaledValues(double t) {
        double[] out = new double[levels()];
        for (int l = 0; l < out.length; l++) {
            out[l] = rescaled(l, t);
        }
        return out;
    }

    /** All levels {@code D^(0), ..., D^(L-2)} optimized over {@code t}. */
    public double[] optimizedValues() {
        double[] out = new double[levels()];
        for (int l = 0; l < out.length; l++) {
            out[l] = optimized(l);
        }
        return out;
    }

    private double schatten(int l) {
        return sigma.length == 0 ? 0 : Schatten.norm(sigma, 2.0 / (l + 2));
    }

    private void requireLevel(int l) {
        if (l < 0 || l > depth - 2) {
            throw new InvalidInputException("level l", l, "0 <= l <= L-2 = " + (depth - 2));
        }
    }
}
