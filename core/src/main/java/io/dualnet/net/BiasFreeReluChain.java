package io.dualnet.net;

import io.dualnet.linalg.Linalg;
import io.dualnet.linalg.MatrixDimensionException;
import org.ejml.data.DMatrixRMaj;

import java.util.ArrayList;
import java.util.List;

/**
 * The standard bias-free ReLU network of Wang, Ergen and Pilanci (3) and Ergen and Pilanci (16), rows are samples:
 * {@code A_0 = X}, {@code A_l = (A_(l-1) W_l)_+} for {@code l < L}, {@code f(X) = A_(L-1) W_L}; its weight norms and
 * the gradient of {@code <G, f(X)>} with respect to every layer (backpropagation; the ReLU derivative at 0 is 0).
 *
 * <p>Stateless; the weights and data are never modified.
 */
public final class BiasFreeReluChain {
    private BiasFreeReluChain() {
    }

    /** {@code f(X)}. */
    public static DMatrixRMaj output(DMatrixRMaj x, List<DMatrixRMaj> weights) {
        List<DMatrixRMaj> a = activations(x, weights);
        return a.get(a.size() - 1);
    }

    /**
     * {@code A_0 = X, A_1, ..., A_(L-1), f(X)} ({@code L + 1} matrices).
     *
     * @throws MatrixDimensionException if consecutive shapes do not chain
     */
    public static List<DMatrixRMaj> activations(DMatrixRMaj x, List<DMatrixRMaj> weights) {
        List<DMatrixRMaj> out = new ArrayList<>(weights.size() + 1);
        DMatrixRMaj a = x;
        out.add(a);
        for (int l = 0; l < weights.size(); l++) {
            DMatrixRMaj w = weights.get(l);
            if (a.numCols != w.numRows) {
                throw new MatrixDimensionException("W" + (l + 1), w.numRows + "x" + w.numCols, a.numCols + " rows");
            }
            DMatrixRMaj z = Linalg.get().mult(a, false, w, false);
            if (l < weights.size() - 1) {
                for (int i = 0; i < z.data.length; i++) {
                    z.data[i] = Math.max(z.data[i], 0);
                }
            }
            out.add(z);
            a = z;
        }
        return out;
    }

    /**
     * Gradients of {@code <g, f(X)>} with respect to {@code W_1..W_L}, given the activations of
     * {@link #activations}.
     */
    public static List<DMatrixRMaj> gradient(List<DMatrixRMaj> activations, List<DMatrixRMaj> weights, DMatrixRMaj g) {
        int depth = weights.size();
        DMatrixRMaj[] grads = new DMatrixRMaj[depth];
        DMatrixRMaj delta = g;
        for (int l = depth - 1; l >= 0; l--) {
            grads[l] = Linalg.get().mult(activations.get(l), true, delta, false);
            if (l > 0) {
                DMatrixRMaj back = Linalg.get().mult(delta, false, weights.get(l), true);
                DMatrixRMaj act = activations.get(l);
                for (int i = 0; i < back.data.length; i++) {
                    if (!(act.data[i] > 0)) {
                        back.data[i] = 0;
                    }
                }
                delta = back;
            }
        }
        return List.of(grads);
    }

    /** {@code ||W||_F^2}. */
    public static double squaredNorm(DMatrixRMaj w) {
        double s = 0;
        for (int i = 0; i < w.getNumElements(); i++) {
            s += w.data[i] * w.data[i];
        }
        return s;
    }

    /** {@code 1/2 sum_l ||W_l||_F^2}. */
    public static double halfSquaredNorm(List<DMatrixRMaj> weights) {
        double s = 0;
        for (DMatrixRMaj w : weights) {
            s += squaredNorm(w);
        }
        return 0.5 * s;
    }
}
