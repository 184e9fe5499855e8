package io.dualnet.train;

import io.dualnet.linalg.Linalg;
import io.dualnet.net.DeepReluNetwork;
import org.ejml.data.DMatrixRMaj;

import java.util.ArrayList;
import java.util.List;

/**
 * Objective and gradient of a deep ReLU network ({@link DeepReluNetwork}) under the squared loss with weight decay,
 *
 * <pre>
 *   J = (s/2) ||f(X) - Y||_F^2 + (beta/2) ( sum_l ||W_l||_F^2 [+ sum_l ||b_l||^2] ),
 * </pre>
 *
 * where {@code s} scales a mini-batch's loss to an unbiased estimate of the full loss ({@code s = n / batch}). Two
 * GEMMs per layer through {@link Linalg#get()}: forward {@code A_{l-1} W_l}, backward {@code A_{l-1}^T G_l} and
 * {@code G_l W_l^T}. The ReLU's derivative at 0 is taken as 0. Parameters are mutable arrays owned by the trainer.
 */
final class DeepReluGradient {

    /** Objective parts and (optionally) gradients in the parameters' layout. */
    record Evaluation(double loss, double penalty, List<DMatrixRMaj> gradW, List<double[]> gradB) {
        double value() {
            return loss + penalty;
        }

        boolean finite() {
            return Double.isFinite(loss) && Double.isFinite(penalty);
        }
    }

    private DeepReluGradient() {
    }

    /**
     * @param w the weights {@code W_1..W_L} (not modified)
     * @param b the biases (entries {@code null} where absent; not modified)
     * @param x inputs {@code n x d}
     * @param y targets {@code n x K}
     * @param lossScale {@code s} above
     * @param beta weight decay {@code >= 0}
     * @param regularizeBiases whether biases enter the penalty
     * @param gradient whether to compute the gradient (else only the value)
     */
    static Evaluation evaluate(List<DMatrixRMaj> w, List<double[]> b, DMatrixRMaj x, DMatrixRMaj y,
            double lossScale, double beta, boolean regularizeBiases, boolean gradient) {
        int depth = w.size();
        Linalg la = Linalg.get();
        List<DMatrixRMaj> acts = new ArrayList<>(depth + 1);
        acts.add(x);
        DMatrixRMaj a = x;
        for (int l = 0; l < depth; l++) {
            DMatrixRMaj z = la.mult(a, false, w.get(l), false);
            DeepReluNetwork.addBias(z, b.get(l));
            if (l < depth - 1) {
                DeepReluNetwork.relu(z);
            }
            acts.add(z);
            a = z;
        }
        DMatrixRMaj out = acts.get(depth);
        DMatrixRMaj g = new DMatrixRMaj(out.numRows, out.numCols);
        double loss = 0;
        for (int i = 0; i < out.getNumElements(); i++) {
            double r = out.data[i] - y.data[i];
            loss += r * r;
            g.data[i] = lossScale * r;
        }
        loss *= 0.5 * lossScale;
        double penalty = 0;
        for (int l = 0; l < depth; l++) {
            penalty += sumSquares(w.get(l).data, w.get(l).getNumElements());
            if (regularizeBiases && b.get(l) != null) {
                penalty += sumSquares(b.get(l), b.get(l).length);
            }
        }
        penalty *= 0.5 * beta;
        if (!gradient) {
            return new Evaluation(loss, penalty, null, null);
        }
        List<DMatrixRMaj> gw = new ArrayList<>(depth);
        List<double[]> gb = new ArrayList<>(depth);
        for (int l = 0; l < depth; l++) {
            gw.add(null);
            gb.add(null);
        }
        for (int l = depth - 1; l >= 0; l--) {
            DMatrixRMaj gwl = la.mult(acts.get(l), true, g, false);
            DMatrixRMaj wl = w.get(l);
            if (beta != 0) {
                for (int i = 0; i < gwl.getNumElements(); i++) {
                    gwl.data[i] += beta * wl.data[i];
                }
            }
            gw.set(l, gwl);
            double[] bl = b.get(l);
            if (bl != null) {
                double[] gbl = new double[bl.length];
                int c = g.numCols;
                for (int i = 0, k = 0; i < g.numRows; i++) {
                    for (int j = 0; j < c; j++, k++) {
                        gbl[j] += g.data[k];
                    }
                }
                if (regularizeBiases && beta != 0) {
                    for (int j = 0; j < c; j++) {
                        gbl[j] += beta * bl[j];
                    }
                }
                gb.set(l, gbl);
            }
            if (l > 0) {
                DMatrixRMaj prev = la.mult(g, false, wl, true);
                DMatrixRMaj act = acts.get(l);
                for (int i = 0; i < prev.getNumElements(); i++) {
                    if (!(act.data[i] > 0)) {
                        prev.data[i] = 0;
                    }
                }
                g = prev;
            }
        }
        return new Evaluation(loss, penalty, gw, gb);
    }

    private static double sumSquares(double[] v, int len) {
        double s = 0;
        for (int i = 0; i < len; i++) {
            s += v[i] * v[i];
        }
        return s;
    }
}
