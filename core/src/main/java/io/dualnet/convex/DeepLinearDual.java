package io.dualnet.convex;

import io.dualnet.linalg.Linalg;
import io.dualnet.linalg.MatrixDimensionException;
import io.dualnet.linalg.Matrices;
import io.dualnet.linalg.PseudoInverse;
import io.dualnet.linalg.Svd;
import io.dualnet.net.DeepLinearProblem;
import io.dualnet.reg.Schatten;
import org.ejml.data.DMatrixRMaj;

/**
 * The convex dual (5) of problem (4) (Zhang, Shao, Salakhutdinov, Theorem 2), in the row convention:
 *
 * <pre>
 *   max_{Lambda}  D(Lambda) = 1/2 ||Y||_F^2 - 1/2 ||Ytilde - Lambda||_(d_min)^2
 *   s.t.          ||Lambda||_2 <= gamma,   range(Lambda) inside range(X),
 * </pre>
 *
 * where {@code Ytilde = P_X Y = X X^+ Y} (the paper's {@code Y X^+ X}, transposed), {@code ||A||_(k)^2} is the sum of the
 * {@code k} largest squared singular values (a convex function) and {@code Lambda} is {@code n x d_H}. The paper's
 * constraint {@code Row(Lambda) in Row(X)} becomes a column-space constraint in our convention.
 *
 * <p>Weak duality: for every feasible {@code Lambda} and all weights {@code W}, {@code D(Lambda) <= F(W)}, because
 * {@code F(W) >= 1/2||Y - Z||^2 + gamma||Z||_* >= 1/2||Y - Z||^2 + <Lambda, Z>} for {@code Z = X W_1..W_H} of rank
 * at most {@code d_min}, and minimizing the right side over such {@code Z} gives {@code D(Lambda)}. An immutable
 * value; no method modifies its arguments.
 */
public final class DeepLinearDual {
    private final DMatrixRMaj yTilde;
    private final double halfNormYSquared;
    private final PseudoInverse pinv;
    private final int k;
    private final double gamma;
    private final DMatrixRMaj y;

    private DeepLinearDual(DeepLinearProblem problem, PseudoInverse pinv) {
        this.y = problem.y();
        this.pinv = pinv;
        this.yTilde = pinv.project(y);
        this.halfNormYSquared = 0.5 * Matrices.frobeniusSquared(y);
        this.k = problem.dMin();
        this.gamma = problem.gamma();
    }

    /** The dual of {@code problem}, factoring {@code X} once. */
    public static DeepLinearDual of(DeepLinearProblem problem) {
        return new DeepLinearDual(problem, PseudoInverse.of(problem.x()));
    }

    /** The dual of {@code problem} with an already computed pseudo-inverse of its {@code X}. */
    public static DeepLinearDual of(DeepLinearProblem problem, PseudoInverse pinv) {
        return new DeepLinearDual(problem, pinv);
    }

    /** {@code Ytilde = P_X Y} (a copy). */
    public DMatrixRMaj yTilde() {
        return yTilde.copy();
    }

    /** The pseudo-inverse of {@code X} this dual was built with. */
    public PseudoInverse pseudoInverse() {
        return pinv;
    }

    /** {@code d_min}, the Ky-Fan order. */
    public int order() {
        return k;
    }

    /** The spectral-norm radius {@code gamma}. */
    public double gamma() {
        return gamma;
    }

    /** {@code 1/2 ||Y||_F^2}. */
    public double halfNormYSquared() {
        return halfNormYSquared;
    }

    /** {@code D(Lambda)} for any {@code Lambda} (feasible or not; see {@link #infeasibility}). */
    public double value(DMatrixRMaj lambda) {
        return halfNormYSquared - 0.5 * Schatten.kyFanSquared(Linalg.get().singularValues(residual(lambda)), k);
    }

    /** {@code Ytilde - Lambda}. */
    public DMatrixRMaj residual(DMatrixRMaj lambda) {
        checkShape(lambda);
        DMatrixRMaj r = yTilde.copy();
        for (int i = 0; i < r.getNumElements(); i++) {
            r.data[i] -= lambda.data[i];
        }
        return r;
    }

    /**
     * Value, supergradient and primal recovery at {@code Lambda} from one SVD of {@code Ytilde - Lambda}: the
     * supergradient of {@code D} is {@code [Ytilde - Lambda]_k}, the best rank-{@code k} approximation, which is also
     * the primal point {@code Z} recovered by Theorem 2.
     */
    public Evaluation evaluate(DMatrixRMaj lambda) {
        Svd svd = Linalg.get().svd(residual(lambda));
        int kk = Math.min(k, svd.s().length);
        double[] top = java.util.Arrays.copyOf(svd.s(), kk);
        double value = halfNormYSquared - 0.5 * Schatten.kyFanSquared(top, kk);
        return new Evaluation(value, svd, kk);
    }

    /** {@code max(0, ||Lambda||_2 - gamma)} plus the distance of {@code Lambda}'s columns from range(X). */
    public double infeasibility(DMatrixRMaj lambda) {
        checkShape(lambda);
        double[] s = Linalg.get().singularValues(lambda);
        double spectral = s.length == 0 ? 0 : s[0];
        return Math.max(0, spectral - gamma) + pinv.distanceFromRange(lambda);
    }

    /** Euclidean projection onto the feasible set: {@code P_X Lambda} with singular values clipped at gamma. */
    public DMatrixRMaj project(DMatrixRMaj lambda) {
        checkShape(lambda);
        DMatrixRMaj p = pinv.project(lambda);
        Svd svd = Linalg.get().svd(p);
        double[] s = svd.s();
        if (s.length == 0 || s[0] <= gamma) {
            return p;
        }
        double[] clipped = new double[s.length];
        for (int i = 0; i < s.length; i++) {
            clipped[i] = Math.min(s[i], gamma);
        }
        return Matrices.compose(svd.u(), clipped, svd.v(), s.length);
    }

    /** A feasible point from any {@code Lambda}: {@code P_X Lambda} scaled down to spectral norm at most gamma. */
    public DMatrixRMaj scaleToFeasible(DMatrixRMaj lambda) {
        checkShape(lambda);
        DMatrixRMaj p = pinv.project(lambda);
        double[] s = Linalg.get().singularValues(p);
        double spectral = s.length == 0 ? 0 : s[0];
        if (spectral > gamma) {
            double scale = gamma / spectral;
            for (int i = 0; i < p.getNumElements(); i++) {
                p.data[i] *= scale;
            }
        }
        return p;
    }

    /**
     * The value {@code 1/2||Y - Z||_F^2 + gamma ||Z||_*} of the convex form (6) of problem (4), which equals the
     * objective of the balanced factorization of {@code Z} when {@code rank(Z) <= d_min} and range(Z) is in range(X).
     */
    public double convexPrimalValue(DMatrixRMaj z, double nuclearNormOfZ) {
        checkShape(z);
        return 0.5 * Math.pow(Matrices.distance(y, z), 2) + gamma * nuclearNormOfZ;
    }

    private void checkShape(DMatrixRMaj m) {
        if (m.numRows != yTilde.numRows || m.numCols != yTilde.numCols) {
            throw new MatrixDimensionException("lambda", Matrices.shape(m), "the shape of Y, " + Matrices.shape(yTilde));
        }
    }

    /**
     * One evaluation of the dual.
     *
     * @param value {@code D(Lambda)}
     * @param svd the SVD of {@code Ytilde - Lambda}
     * @param order the Ky-Fan order actually used, {@code min(d_min, min(n, d_H))}
     */
    public record Evaluation(double value, Svd svd, int order) {

        /** The supergradient {@code [Ytilde - Lambda]_k}, which is also the recovered primal point {@code Z}. */
        public DMatrixRMaj truncated() {
            return Matrices.compose(svd.u(), svd.s(), svd.v(), order);
        }

        /** {@code ||[Ytilde - Lambda]_k||_*}. */
        public double truncatedNuclearNorm() {
            double sum = 0;
            for (int i = 0; i < order; i++) {
                sum += svd.s()[i];
            }
            return sum;
        }
    }
}
