package io.dualnet.train;

import io.dualnet.linalg.Linalg;
import io.dualnet.linalg.LinearAlgebra;
import io.dualnet.linalg.Matrices;
import org.ejml.data.DMatrixRMaj;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Value and hand-written gradient of the generic objective behind {@link LinearNetworkTrainer}: for a sum of linear
 * chains ("branches"; the standard network is one branch) with prediction {@code P = sum_j X W_{1,j} ... W_{L,j}},
 *
 * <pre>
 *   F(W) = (a/2) ||P - T||_F^2 + c * sum_{j,l} ||W_{l,j}||_F^p / p,
 * </pre>
 *
 * with loss weight {@code a}, target {@code T}, regularizer weight {@code c} and power {@code p >= 2} ({@code p = 2}:
 * weight decay, {@code p = L}: the L-th-power regularizer of paper 002 (14)). The augmented Lagrangian
 * {@code R(W) + <Lambda, P - Y> + (rho/2)||P - Y||^2} is this {@code F} with {@code a = rho}, {@code c = 1},
 * {@code T = Y - Lambda/rho}, up to the constant {@code -||Lambda||^2/(2 rho)}.
 *
 * <p>Gradient: with {@code A_l = X W_1 ... W_{l-1}} and {@code D_L = a (P - T)}, {@code D_{l-1} = D_l W_l^T}, layer
 * {@code l} gets {@code A_l^T D_l + c ||W_l||_F^{p-2} W_l}.
 *
 * <p>Thread-safe: holds only {@code X} and {@code p}; never modifies its arguments.
 */
final class LinearNetworkGradient {

    /**
     * One evaluation.
     *
     * @param value {@code F(W)}
     * @param loss {@code 1/2 ||P - T||_F^2} (without the weight {@code a})
     * @param regularizer {@code sum ||W||_F^p / p} (without the weight {@code c})
     * @param prediction {@code P}
     * @param gradient per branch, per layer, {@code dF/dW_{l,j}}; empty when not requested
     */
    record Evaluation(double value, double loss, double regularizer, DMatrixRMaj prediction,
            List<List<DMatrixRMaj>> gradient) {
        double gradientNormSquared() {
            double s = 0;
            for (List<DMatrixRMaj> b : gradient) {
                for (DMatrixRMaj g : b) {
                    s += Matrices.frobeniusSquared(g);
                }
            }
            return s;
        }
    }

    private final DMatrixRMaj x;
    private final int power;

    /**
     * @param x the data, {@code n x d}
     * @param power the regularizer power {@code p >= 2}
     */
    LinearNetworkGradient(DMatrixRMaj x, int power) {
        this.x = Objects.requireNonNull(x, "x");
        if (power < 2) {
            throw new IllegalArgumentException("power must be >= 2, got " + power);
        }
        this.power = power;
    }

    int power() {
        return power;
    }

    /** {@code sum_{j,l} ||W_{l,j}||_F^p / p}. */
    double regularizer(List<List<DMatrixRMaj>> branches) {
        double s = 0;
        for (List<DMatrixRMaj> b : branches) {
            for (DMatrixRMaj w : b) {
                s += powInt(Math.sqrt(Matrices.frobeniusSquared(w)), power) / power;
            }
        }
        return s;
    }

    /** The prediction {@code sum_j X W_{1,j} ... W_{L,j}}. */
    DMatrixRMaj predict(List<List<DMatrixRMaj>> branches) {
        LinearAlgebra la = Linalg.get();
        DMatrixRMaj sum = null;
        for (List<DMatrixRMaj> b : branches) {
            DMatrixRMaj p = x;
            for (DMatrixRMaj w : b) {
                p = la.mult(p, w);
            }
            sum = sum == null ? p : addScaled(sum, 1, p);
        }
        return sum;
    }

    /** {@code F}, and its gradient when {@code withGradient}. */
    Evaluation evaluate(List<List<DMatrixRMaj>> branches, DMatrixRMaj target, double lossWeight, double regWeight,
            boolean withGradient) {
        LinearAlgebra la = Linalg.get();
        int m = branches.size();
        DMatrixRMaj[][] prefix = new DMatrixRMaj[m][];
        DMatrixRMaj pred = null;
        for (int j = 0; j < m; j++) {
            List<DMatrixRMaj> b = branches.get(j);
            int depth = b.size();
            prefix[j] = new DMatrixRMaj[depth + 1];
            prefix[j][0] = x;
            for (int l = 1; l <= depth; l++) {
                prefix[j][l] = la.mult(prefix[j][l - 1], b.get(l - 1));
            }
            pred = pred == null ? prefix[j][depth].copy() : addScaled(pred, 1, prefix[j][depth]);
        }
        DMatrixRMaj r = pred.copy();
        addScaled(r, -1, target);
        double loss = 0.5 * Matrices.frobeniusSquared(r);
        double reg = 0;
        double[][] norms = new double[m][];
        for (int j = 0; j < m; j++) {
            List<DMatrixRMaj> b = branches.get(j);
            norms[j] = new double[b.size()];
            for (int l = 0; l < b.size(); l++) {
                double nf = Math.sqrt(Matrices.frobeniusSquared(b.get(l)));
                norms[j][l] = nf;
                reg += powInt(nf, power) / power;
            }
        }
        double value = lossWeight * loss + regWeight * reg;
        if (!withGradient) {
            return new Evaluation(value, loss, reg, pred, List.of());
        }
        for (int i = 0; i < r.getNumElements(); i++) {
            r.data[i] *= lossWeight;
        }
        List<List<DMatrixRMaj>> grads = new ArrayList<>(m);
        for (int j = 0; j < m; j++) {
            List<DMatrixRMaj> b = branches.get(j);
            int depth = b.size();
            DMatrixRMaj[] g = new DMatrixRMaj[depth];
            DMatrixRMaj d = r;
            for (int l = depth; l >= 1; l--) {
                DMatrixRMaj wl = b.get(l - 1);
                DMatrixRMaj gl = la.multTransA(prefix[j][l - 1], d);
                double scale = regWeight * powInt(norms[j][l - 1], power - 2);
                if (scale != 0) {
                    addScaled(gl, scale, wl);
                }
                g[l - 1] = gl;
                if (l > 1) {
                    d = la.multTransB(d, wl);
                }
            }
            grads.add(List.of(g));
        }
        return new Evaluation(value, loss, reg, pred, grads);
    }

    /** {@code v^k} for integer {@code k >= 0}. */
    static double powInt(double v, int k) {
        double p = 1;
        for (int i = 0; i < k; i++) {
            p *= v;
        }
        return p;
    }

    /** {@code a += alpha b} in place; returns {@code a}. */
    static DMatrixRMaj addScaled(DMatrixRMaj a, double alpha, DMatrixRMaj b) {
        int size = a.getNumElements();
        for (int i = 0; i < size; i++) {
            a.data[i] += alpha * b.data[i];
        }
        return a;
    }
}
