package io.dualnet.train;

import io.dualnet.linalg.Linalg;
import io.dualnet.loss.Loss;
import org.ejml.data.DMatrixRMaj;

/**
 * Value and hand-written (sub)gradient of the two-layer ReLU objective on the rows of a design matrix {@code A}
 * ({@code n x d'}, with the bias column already appended when there is one):
 *
 * <pre>
 *   f(U, alpha) = s * l( (A U)_+ alpha , y ) + (beta/2) ( ||U||_F^2 + ||alpha||^2 ),
 * </pre>
 *
 * where {@code s} scales the loss (1 for the full objective, {@code n / b} for an unbiased mini-batch estimate). With
 * {@code Z = A U}, {@code H = max(Z, 0)}, {@code yhat = H alpha} and {@code g} a (sub)gradient of {@code l} at
 * {@code yhat}: {@code grad_alpha = s H^T g + beta alpha} and {@code grad_U = s A^T (1[Z > 0] o g alpha^T) + beta U};
 * the ReLU's derivative at 0 is taken as 0 (matching {@code TwoLayerReluNetwork.predict}) and the hinge loss's
 * subgradient at its kink is 0. Two GEMMs through {@link Linalg#get()}: {@code A U} and {@code A^T G}.
 */
final class ReluGradient {
    private ReluGradient() {
    }

    /**
     * The value and, if requested, the gradient.
     *
     * @param value the objective
     * @param gradU {@code d' x m}, or {@code null} if not requested
     * @param gradAlpha {@code m} entries, or {@code null} if not requested
     */
    record Evaluation(double value, DMatrixRMaj gradU, double[] gradAlpha) {
        /** Whether the value and every gradient entry (if any) are finite. */
        boolean finite() {
            if (!Double.isFinite(value)) {
                return false;
            }
            if (gradU != null) {
                for (double v : gradU.data) {
                    if (!Double.isFinite(v)) {
                        return false;
                    }
                }
                for (double v : gradAlpha) {
                    if (!Double.isFinite(v)) {
                        return false;
                    }
                }
            }
            return true;
        }
    }

    /**
     * Evaluates {@code f} at {@code (u, alpha)}.
     *
     * @param a design matrix {@code n x d'} (read only)
     * @param y targets, {@code n} entries
     * @param loss the loss
     * @param lossScale factor {@code s} on the loss
     * @param beta weight decay
     * @param u first layer {@code d' x m} (read only)
     * @param alpha second layer, {@code m} entries (read only)
     * @param gradient whether to compute the gradient
     */
    static Evaluation evaluate(DMatrixRMaj a, double[] y, Loss loss, double lossScale, double beta, DMatrixRMaj u,
            double[] alpha, boolean gradient) {
        int n = a.numRows;
        int m = alpha.length;
        DMatrixRMaj z = Linalg.get().mult(a, u);
        double[] zd = z.data;
        double[] yhat = new double[n];
        // branch-free: the signs of Z are coin flips that an if mispredicts; max() is 7x faster at n x m = 12M
        for (int k = 0; k < n; k++) {
            double s = 0;
            int row = k * m;
            for (int j = 0; j < m; j++) {
                s += Math.max(zd[row + j], 0.0) * alpha[j];
            }
            yhat[k] = s;
        }
        double norm = 0;
        for (double v : u.data) {
            norm += v * v;
        }
        for (double v : alpha) {
            norm += v * v;
        }
        double value = lossScale * loss.value(yhat, y) + 0.5 * beta * norm;
        if (!gradient) {
            return new Evaluation(value, null, null);
        }
        double[] g = new double[n];
        loss.gradient(yhat, y, g);
        double[] gradAlpha = new double[m];
        for (int k = 0; k < n; k++) {
            double gk = lossScale * g[k];
            int row = k * m;
            for (int j = 0; j < m; j++) {
                double h = zd[row + j];
                if (h > 0) {
                    gradAlpha[j] += h * gk;
                    zd[row + j] = gk * alpha[j];
                } else {
                    zd[row + j] = 0;
                }
            }
        }
        for (int j = 0; j < m; j++) {
            gradAlpha[j] += beta * alpha[j];
        }
        DMatrixRMaj gradU = Linalg.get().multTransA(a, z);
        double[] gu = gradU.data;
        double[] ud = u.data;
        for (int i = 0; i < gu.length; i++) {
            gu[i] += beta * ud[i];
        }
        return new Evaluation(value, gradU, gradAlpha);
    }
}
