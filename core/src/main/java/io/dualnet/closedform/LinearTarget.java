package io.dualnet.closedform;

import io.dualnet.data.InvalidInputException;
import io.dualnet.linalg.Linalg;
import io.dualnet.linalg.MatrixDimensionException;
import io.dualnet.linalg.Matrices;
import io.dualnet.linalg.PseudoInverse;
import io.dualnet.linalg.Svd;
import org.ejml.data.DMatrixRMaj;

import java.util.Locale;

/**
 * The validated data of a minimum-norm interpolation problem {@code X W = Y} and the SVD of its minimum-norm end-to-end
 * matrix {@code X^+ Y = U diag(sigma) V^T}, truncated at the numerical rank. Shared by the closed forms of this
 * package; the inputs are copied and never modified.
 */
final class LinearTarget {
    /** Y counts as in range(X) when {@code ||Y - P_X Y||_F <= FEASIBILITY_RTOL * max(1, ||Y||_F)}. */
    static final double FEASIBILITY_RTOL = 1e-9;
    /** Singular values of {@code X^+ Y} at most {@code RANK_RTOL * sigma_max} (or the LAPACK default) count as zero. */
    static final double RANK_RTOL = 1e-10;

    private final DMatrixRMaj x;
    private final DMatrixRMaj pinvY;
    private final DMatrixRMaj u;
    private final double[] sigma;
    private final DMatrixRMaj v;

    private LinearTarget(DMatrixRMaj x, DMatrixRMaj pinvY, Svd svd) {
        this.x = x;
        this.pinvY = pinvY;
        int r = rank(svd);
        this.sigma = new double[r];
        System.arraycopy(svd.s(), 0, sigma, 0, r);
        this.u = Matrices.leadingColumns(svd.u(), r);
        this.v = Matrices.leadingColumns(svd.v(), r);
    }

    /** Validates {@code x} ({@code n x d}) and {@code y} ({@code n x c}) and factors {@code X^+ Y}. */
    static LinearTarget of(DMatrixRMaj x, DMatrixRMaj y) {
        DMatrixRMaj pinvY = minimumNormSolution(x, y);
        return new LinearTarget(x.copy(), pinvY, Linalg.get().svd(pinvY));
    }

    /**
     * Validates {@code x} and {@code y} and returns {@code X^+ Y}.
     *
     * @throws InvalidInputException for non-finite or empty data, mismatched rows, or {@code Y} outside range(X)
     */
    static DMatrixRMaj minimumNormSolution(DMatrixRMaj x, DMatrixRMaj y) {
        requireData(x, y);
        PseudoInverse pinv = PseudoInverse.of(x);
        double residual = pinv.distanceFromRange(y);
        double normY = Math.sqrt(Matrices.frobeniusSquared(y));
        double tol = FEASIBILITY_RTOL * Math.max(1, normY);
        if (residual > tol) {
            throw new InvalidInputException("Y", String.format(Locale.ROOT, "a target with ||Y - P_X Y||_F = %.3g",
                    residual), String.format(Locale.ROOT, "Y in range(X) so that X W = Y is feasible "
                    + "(||Y - P_X Y||_F <= %.3g)", tol));
        }
        return pinv.solve(y);
    }

    /** Throws unless {@code x} and {@code y} are non-empty, finite and have the same number of rows. */
    static void requireData(DMatrixRMaj x, DMatrixRMaj y) {
        Matrices.requireNonEmpty("X", x);
        Matrices.requireNonEmpty("Y", y);
        Matrices.requireData("X", x);
        Matrices.requireData("Y", y);
        if (x.numRows != y.numRows) {
            throw new MatrixDimensionException("Y", Matrices.shape(y),
                    "as many rows (samples) as X, which is " + Matrices.shape(x));
        }
    }

    /** Numerical rank: singular values above {@code max(default LAPACK tolerance, RANK_RTOL * sigma_max)}. */
    static int rank(Svd svd) {
        double smax = svd.s().length == 0 ? 0 : svd.s()[0];
        return svd.rank(Math.max(svd.defaultTolerance(), RANK_RTOL * smax));
    }

    /** Number of rank-tolerance-surviving singular values of the non-increasing {@code s}. */
    static int rank(double[] s, int maxDim) {
        double smax = s.length == 0 ? 0 : s[0];
        double tol = Math.max(maxDim * Math.ulp(1.0) * smax, RANK_RTOL * smax);
        int r = 0;
        while (r < s.length && s[r] > tol) {
            r++;
        }
        return r;
    }

    DMatrixRMaj x() {
        return x;
    }

    /** {@code X^+ Y} ({@code d x c}); callers must not modify it. */
    DMatrixRMaj pinvY() {
        return pinvY;
    }

    /** Left singular vectors of {@code X^+ Y}, {@code d x r}; callers must not modify it. */
    DMatrixRMaj u() {
        return u;
    }

    /** The {@code r} non-zero singular values, non-increasing; callers must not modify it. */
    double[] sigma() {
        return sigma;
    }

    /** Right singular vectors of {@code X^+ Y}, {@code c x r}; callers must not modify it. */
    DMatrixRMaj v() {
        return v;
    }

    int rank() {
        return sigma.length;
    }
}
