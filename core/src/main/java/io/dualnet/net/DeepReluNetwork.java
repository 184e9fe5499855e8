package io.dualnet.net;

import io.dualnet.data.InvalidInputException;
import io.dualnet.linalg.Linalg;
import io.dualnet.linalg.MatrixDimensionException;
import io.dualnet.linalg.Matrices;
import org.ejml.data.DMatrixRMaj;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;

/**
 * A standard (non-parallel) deep ReLU network with {@code L >= 1} layers and vector outputs, rows are samples
 * (paper 003 §4 and 002 §4.1; spec §3.1):
 *
 * <pre>
 *   A_0 = X,   A_l = ( A_{l-1} W_l + 1 b_l^T )_+   (l = 1..L-1),   f(X) = A_{L-1} W_L + 1 b_L^T,
 * </pre>
 *
 * with {@code W_l} of shape {@code m_{l-1} x m_l}, {@code m_0 = d} the input dimension and {@code m_L = K} the number
 * of outputs. Every bias {@code b_l} is optional (absent = zero and not a parameter). Products go through the routing
 * GEMM of {@link Linalg#get()}. An immutable value: weights are copied in and out.
 */
public final class DeepReluNetwork {
    private final List<DMatrixRMaj> weights;
    private final List<double[]> biases;

    /**
     * @param weights {@code W_1..W_L}, consecutive shapes chained ({@code W_l.numCols == W_{l+1}.numRows}), finite,
     *     non-empty list (copied)
     * @param biases {@code b_1..b_L}, each {@code null} (no bias in that layer) or of length {@code m_l}, finite; the
     *     list itself may be {@code null} for a bias-free network (copied)
     * @throws InvalidInputException naming {@code weights} or {@code biases} if shapes do not chain or a value is not
     *     finite
     */
    public DeepReluNetwork(List<DMatrixRMaj> weights, List<double[]> biases) {
        if (weights == null || weights.isEmpty()) {
            throw new InvalidInputException("weights", weights == null ? null : "[]", "at least one layer");
        }
        if (biases != null && biases.size() != weights.size()) {
            throw new InvalidInputException("biases", biases.size() + " entries",
                    weights.size() + " entries (one per layer, null for none)");
        }
        List<DMatrixRMaj> w = new ArrayList<>(weights.size());
        List<double[]> b = new ArrayList<>(weights.size());
        for (int l = 0; l < weights.size(); l++) {
            DMatrixRMaj wl = Matrices.requireFinite("weights[" + (l + 1) + "]", weights.get(l)).copy();
            if (l > 0 && wl.numRows != w.get(l - 1).numCols) {
                throw new MatrixDimensionException("weights[" + (l + 1) + "]", Matrices.shape(wl),
                        w.get(l - 1).numCols + " rows (the width of layer " + l + ")");
            }
            w.add(wl);
            double[] bl = biases == null ? null : biases.get(l);
            if (bl != null) {
                if (bl.length != wl.numCols) {
                    throw new InvalidInputException("biases[" + (l + 1) + "]", bl.length + " entries",
                            wl.numCols + " entries (the width of layer " + (l + 1) + ")");
                }
                for (double v : bl) {
                    InvalidInputException.requireFinite("biases[" + (l + 1) + "]", v);
                }
                bl = bl.clone();
            }
            b.add(bl);
        }
        this.weights = Collections.unmodifiableList(w);
        this.biases = Collections.unmodifiableList(b);
    }

    /** A bias-free network. */
    public static DeepReluNetwork withoutBiases(List<DMatrixRMaj> weights) {
        return new DeepReluNetwork(weights, null);
    }

    /** Number of layers {@code L}. */
    public int depth() {
        return weights.size();
    }

    /** Input dimension {@code d = m_0}. */
    public int inputDimension() {
        return weights.get(0).numRows;
    }

    /** Number of outputs {@code K = m_L}. */
    public int outputDimension() {
        return weights.get(weights.size() - 1).numCols;
    }

    /** Widths {@code m_0, m_1, ..., m_L} (length {@code L + 1}). */
    public int[] widths() {
        int[] m = new int[depth() + 1];
        m[0] = inputDimension();
        for (int l = 0; l < depth(); l++) {
            m[l + 1] = weights.get(l).numCols;
        }
        return m;
    }

    /** A copy of {@code W_l}, {@code l} in {@code 1..L}. */
    public DMatrixRMaj weight(int l) {
        return weightView(l).copy();
    }

    /** {@code W_l} without copying; callers must not modify it. */
    public DMatrixRMaj weightView(int l) {
        checkLayer(l);
        return weights.get(l - 1);
    }

    /** Whether layer {@code l} (1..L) has a bias. */
    public boolean hasBias(int l) {
        checkLayer(l);
        return biases.get(l - 1) != null;
    }

    /** A copy of {@code b_l}, or {@code null} when layer {@code l} has no bias. */
    public double[] bias(int l) {
        checkLayer(l);
        double[] b = biases.get(l - 1);
        return b == null ? null : b.clone();
    }

    /** Per-layer bias flags, index {@code l - 1}. */
    public boolean[] biasFlags() {
        boolean[] f = new boolean[depth()];
        for (int l = 0; l < f.length; l++) {
            f[l] = biases.get(l) != null;
        }
        return f;
    }

    /** Copies of all weights {@code W_1..W_L}. */
    public List<DMatrixRMaj> weights() {
        List<DMatrixRMaj> out = new ArrayList<>(weights.size());
        for (DMatrixRMaj w : weights) {
            out.add(w.copy());
        }
        return out;
    }

    /** Copies of all biases (entries {@code null} where absent). */
    public List<double[]> biases() {
        List<double[]> out = new ArrayList<>(biases.size());
        for (double[] b : biases) {
            out.add(b == null ? null : b.clone());
        }
        return out;
    }

    /** Number of trainable parameters (weights and present biases). */
    public long parameterCount() {
        long c = 0;
        for (int l = 0; l < depth(); l++) {
            c += weights.get(l).getNumElements();
            c += biases.get(l) == null ? 0 : biases.get(l).length;
        }
        return c;
    }

    /**
     * {@code sum_l ||W_l||_F^2}, plus {@code sum_l ||b_l||^2} when {@code includeBiases}: the weight-decay penalty
     * without its factor {@code beta/2}.
     */
    public double squaredNorm(boolean includeBiases) {
        double s = 0;
        for (int l = 0; l < depth(); l++) {
            s += Matrices.frobeniusSquared(weights.get(l));
            double[] b = biases.get(l);
            if (includeBiases && b != null) {
                for (double v : b) {
                    s += v * v;
                }
            }
        }
        return s;
    }

    /** The outputs {@code f(X)} ({@code n x K}) for inputs {@code X} ({@code n x d}, rows are samples). */
    public DMatrixRMaj predict(DMatrixRMaj x) {
        List<DMatrixRMaj> a = activations(x);
        return a.get(a.size() - 1);
    }

    /**
     * All layer outputs for inputs {@code X}: index 0 is {@code X} itself (not copied), index {@code l} in
     * {@code 1..L-1} is the post-ReLU activation {@code A_l}, index {@code L} is the network output (no ReLU).
     *
     * @throws MatrixDimensionException naming {@code x} if it does not have {@code d} columns
     */
    public List<DMatrixRMaj> activations(DMatrixRMaj x) {
        if (x.numCols != inputDimension()) {
            throw new MatrixDimensionException("x", Matrices.shape(x), "n x " + inputDimension());
        }
        List<DMatrixRMaj> out = new ArrayList<>(depth() + 1);
        out.add(x);
        DMatrixRMaj a = x;
        for (int l = 0; l < depth(); l++) {
            DMatrixRMaj z = Linalg.get().mult(a, false, weights.get(l), false);
            addBias(z, biases.get(l));
            if (l < depth() - 1) {
                relu(z);
            }
            out.add(z);
            a = z;
        }
        return out;
    }

    /** Adds {@code 1 b^T} to {@code z} in place ({@code b == null}: nothing). */
    public static void addBias(DMatrixRMaj z, double[] b) {
        if (b == null) {
            return;
        }
        int c = z.numCols;
        double[] d = z.data;
        for (int i = 0, k = 0; i < z.numRows; i++) {
            for (int j = 0; j < c; j++, k++) {
                d[k] += b[j];
            }
        }
    }

    /** Replaces every entry of {@code z} by its positive part, in place. */
    public static void relu(DMatrixRMaj z) {
        double[] d = z.data;
        int len = z.getNumElements();
        for (int i = 0; i < len; i++) {
            if (!(d[i] > 0)) {
                d[i] = 0;
            }
        }
    }

    private void checkLayer(int l) {
        if (l < 1 || l > depth()) {
            throw new InvalidInputException("l", l, "a layer index in 1.." + depth());
        }
    }

    @Override
    public String toString() {
        return "DeepReluNetwork" + Arrays.toString(widths()) + " biases " + Arrays.toString(biasFlags());
    }
}
