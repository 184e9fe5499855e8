package io.dualnet.train;

import io.dualnet.linalg.Linalg;
import io.dualnet.linalg.LinearAlgebra;
import io.dualnet.linalg.MatrixDimensionException;
import io.dualnet.linalg.Matrices;
import io.dualnet.linalg.Svd;
import io.dualnet.net.DeepLinearProblem;
import io.dualnet.net.DeepLinearWeights;
import org.ejml.data.DMatrixRMaj;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * Value and hand-written gradient of the objective (4) of a {@link DeepLinearProblem},
 *
 * <pre>
 *   F(W) = 1/2 ||Y - X W_1 ... W_H||_F^2 + (gamma/H) [ ||X W_1||_{S_H}^H + sum_{i=2..H} ||W_i||_{S_H}^H ].
 * </pre>
 *
 * <p>With {@code A_l = X W_1 ... W_{l-1}} (prefix products, {@code A_1 = X}), {@code R = A_{H+1} - Y} and
 * {@code B_l = W_{l+1} ... W_H} ({@code B_H = I}), the loss gradient is {@code A_l^T R B_l^T}. The factors
 * {@code D_l = R B_l^T} are accumulated backwards ({@code D_H = R}, {@code D_{l-1} = D_l W_l^T}), so every step costs
 * one forward and one backward sweep of products and no product is formed twice.
 *
 * <p>For the regularizer, {@code d/dA sum_i sigma_i(A)^H = H U diag(sigma^{H-1}) V^T} (thin SVD {@code A = U Sigma V^T};
 * smooth for {@code H >= 2}), so the layer-1 term contributes {@code gamma X^T U Sigma^{H-1} V^T} (SVD of
 * {@code X W_1}) and layer {@code i >= 2} contributes {@code gamma U_i Sigma_i^{H-1} V_i^T}. For {@code H = 2} these are
 * {@code gamma X^T X W_1} and {@code gamma W_i}, computed without any SVD. The layer-1 gradient is assembled as
 * {@code X^T (D_1 + gamma G)} with one product by {@code X^T}.
 *
 * <p>Thread-safe: holds only the immutable problem data; arguments are never modified and results are new matrices.
 */
public final class DeepLinearGradient {

    /**
     * The objective at one point and its gradient.
     *
     * @param objective {@code loss + regularizer}
     * @param loss {@code 1/2 ||Y - X W_1..W_H||_F^2}
     * @param regularizer the Schatten term
     * @param gradient {@code dF/dW_1, ..., dF/dW_H}, each shaped like its layer; freshly allocated and owned by the
     *     caller
     */
    public record Evaluation(double objective, double loss, double regularizer, List<DMatrixRMaj> gradient) {
        /** The gradient with respect to layer {@code l}, {@code 1 <= l <= H} (not a copy). */
        public DMatrixRMaj gradient(int l) {
            return gradient.get(l - 1);
        }

        /** Squared Frobenius norm of the whole gradient. */
        public double gradientNormSquared() {
            double s = 0;
            for (DMatrixRMaj g : gradient) {
                s += Matrices.frobeniusSquared(g);
            }
            return s;
        }
    }

    private final DeepLinearProblem problem;
    private final DMatrixRMaj x;
    private final DMatrixRMaj y;
    private final int[] widths;
    private final int depth;
    private final double gamma;

    /** @param problem the problem whose objective is differentiated */
    public DeepLinearGradient(DeepLinearProblem problem) {
        this.problem = Objects.requireNonNull(problem, "problem");
        this.x = problem.x();
        this.y = problem.y();
        this.widths = problem.widths();
        this.depth = problem.depth();
        this.gamma = problem.gamma();
    }

    /** The problem. */
    public DeepLinearProblem problem() {
        return problem;
    }

    /**
     * Objective and gradient at {@code w}.
     *
     * @throws MatrixDimensionException unless {@code w} has the problem's layer shapes
     */
    public Evaluation evaluate(DeepLinearWeights w) {
        problem.checkShapes(w);
        return evaluateLayers(w.layers());
    }

    /** Objective only (same arithmetic as {@link #evaluate}; cheaper than recomputing with the problem). */
    public double value(DeepLinearWeights w) {
        problem.checkShapes(w);
        return evaluateLayers(w.layers(), false).objective();
    }

    /**
     * Objective and gradient at raw layers {@code W_1..W_H}, which are read but not modified. Shapes are checked
     * cheaply; entries are not checked for finiteness (a non-finite input yields a non-finite objective).
     */
    Evaluation evaluateLayers(List<DMatrixRMaj> layers) {
        return evaluateLayers(layers, true);
    }

    private Evaluation evaluateLayers(List<DMatrixRMaj> layers, boolean withGradient) {
        checkLayerShapes(layers);
        LinearAlgebra la = Linalg.get();
        int h = depth;

        // Forward sweep: prefix[l] = A_{l+1} = X W_1 .. W_l, prefix[0] = X.
        DMatrixRMaj[] prefix = new DMatrixRMaj[h + 1];
        prefix[0] = x;
        for (int l = 1; l <= h; l++) {
            prefix[l] = la.mult(prefix[l - 1], layers.get(l - 1));
        }
        DMatrixRMaj r = prefix[h].copy();
        subtractInPlace(r, y);
        double loss = 0.5 * Matrices.frobeniusSquared(r);

        // Regularizer value and its "direction" G_l (the derivative of (1/H) sum sigma^H, times 1): for layer 1 with
        // respect to X W_1, for layers >= 2 with respect to W_l.
        DMatrixRMaj[] regGrad = withGradient ? new DMatrixRMaj[h] : null;
        double regSum = 0;
        if (gamma > 0) {
            for (int l = 1; l <= h; l++) {
                DMatrixRMaj a = l == 1 ? prefix[1] : layers.get(l - 1);
                if (h == 2) {
                    regSum += Matrices.frobeniusSquared(a);
                    if (withGradient) {
                        regGrad[l - 1] = a;
                    }
                } else if (withGradient) {
                    Svd svd = la.svd(a);
                    double[] s = svd.s();
                    double[] sPow = new double[s.length];
                    for (int i = 0; i < s.length; i++) {
                        double si = Math.max(s[i], 0);
                        double p = powInt(si, h - 1);
                        sPow[i] = p;
                        regSum += p * si;
                    }
                    regGrad[l - 1] = Matrices.compose(svd.u(), sPow, svd.v(), s.length);
                } else {
                    for (double si : la.singularValues(a)) {
                        regSum += powInt(Math.max(si, 0), h);
                    }
                }
            }
        }
        double regularizer = gamma / h * regSum;
        double objective = loss + regularizer;
        if (!withGradient) {
            return new Evaluation(objective, loss, regularizer, List.of());
        }

        // Backward sweep: d = D_l = R B_l^T, starting from D_H = R.
        DMatrixRMaj[] grads = new DMatrixRMaj[h];
        DMatrixRMaj d = r;
        for (int l = h; l >= 1; l--) {
            DMatrixRMaj wl = layers.get(l - 1);
            if (l == 1) {
                DMatrixRMaj inner = d;
                if (gamma > 0) {
                    inner = d.copy();
                    addScaledInPlace(inner, gamma, regGrad[0]);
                }
                grads[0] = la.multTransA(x, inner);
            } else {
                DMatrixRMaj g = la.multTransA(prefix[l - 1], d);
                if (gamma > 0) {
                    addScaledInPlace(g, gamma, regGrad[l - 1]);
                }
                grads[l - 1] = g;
                d = la.multTransB(d, wl);
            }
        }
        return new Evaluation(objective, loss, regularizer, List.copyOf(Arrays.asList(grads)));
    }

    private void checkLayerShapes(List<DMatrixRMaj> layers) {
        if (layers.size() != depth) {
            throw new MatrixDimensionException("weights", layers.size() + " layers", depth + " layers (depth H)");
        }
        for (int l = 1; l <= depth; l++) {
            DMatrixRMaj w = layers.get(l - 1);
            if (w.numRows != widths[l - 1] || w.numCols != widths[l]) {
                throw new MatrixDimensionException("W_" + l, Matrices.shape(w), widths[l - 1] + "x" + widths[l]);
            }
        }
    }

    /** {@code v^k} for small integer {@code k >= 1} by repeated multiplication (exact for {@code k = 1, 2}). */
    static double powInt(double v, int k) {
        double p = v;
        for (int i = 1; i < k; i++) {
            p *= v;
        }
        return p;
    }

    private static void subtractInPlace(DMatrixRMaj a, DMatrixRMaj b) {
        int size = a.getNumElements();
        for (int i = 0; i < size; i++) {
            a.data[i] -= b.data[i];
        }
    }

    private static void addScaledInPlace(DMatrixRMaj a, double alpha, DMatrixRMaj b) {
        int size = a.getNumElements();
        for (int i = 0; i < size; i++) {
            a.data[i] += alpha * b.data[i];
        }
    }

    /** A defensive copy of a list of layers, for callers that will update them in place. */
    static List<DMatrixRMaj> copyLayers(List<DMatrixRMaj> layers) {
        List<DMatrixRMaj> out = new ArrayList<>(layers.size());
        for (DMatrixRMaj w : layers) {
            out.add(w.copy());
        }
        return out;
    }
}
