package io.dualnet.net;

import io.dualnet.data.InvalidInputException;
import io.dualnet.linalg.MatrixDimensionException;
import io.dualnet.linalg.Matrices;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;

import java.util.Objects;

/**
 * A two-layer network with scalar output, {@code f(x) = sum_j sigma(x^T u_j) alpha_j}, where {@code sigma} is the ReLU
 * {@code (t)_+} or, for a <em>gated</em> ReLU network, {@code sigma_j(t) = 1[x^T g_j >= 0] t} with fixed gate vectors
 * {@code g_j} (paper 002 Appendix A; spec §1.3).
 *
 * <p>{@code U} is {@code d' x m} (column {@code j} is neuron {@code u_j}), {@code alpha} has {@code m} entries;
 * {@code d' = d + 1} when {@code bias} is set (the last row of {@code U} multiplies a constant 1). Gates, when present,
 * are {@code d' x m} too. An immutable value: arrays are copied.
 */
public final class TwoLayerReluNetwork {
    private final DMatrixRMaj u;
    private final double[] alpha;
    private final boolean bias;
    private final DMatrixRMaj gates;

    /**
     * A ReLU network.
     *
     * @param u first layer {@code d' x m}, finite (copied)
     * @param alpha second layer, {@code m} entries, finite (copied)
     * @param bias whether the last row of {@code u} is a bias
     */
    public TwoLayerReluNetwork(DMatrixRMaj u, double[] alpha, boolean bias) {
        this(u, alpha, bias, null);
    }

    /**
     * A ReLU network ({@code gates == null}) or a gated ReLU network.
     *
     * @param u first layer {@code d' x m}, finite (copied)
     * @param alpha second layer, {@code m} entries, finite (copied)
     * @param bias whether the last row of {@code u} (and of {@code gates}) is a bias
     * @param gates gate vectors {@code d' x m}, or {@code null} for the ReLU (copied)
     */
    public TwoLayerReluNetwork(DMatrixRMaj u, double[] alpha, boolean bias, DMatrixRMaj gates) {
        Objects.requireNonNull(u, "u");
        Objects.requireNonNull(alpha, "alpha");
        Matrices.requireFinite("u", u);
        if (alpha.length != u.numCols) {
            throw new MatrixDimensionException("alpha", alpha.length + " entries",
                    "one per neuron (column of u), which is " + Matrices.shape(u));
        }
        for (int j = 0; j < alpha.length; j++) {
            InvalidInputException.requireFinite("alpha[" + j + "]", alpha[j]);
        }
        if (bias && u.numRows < 1) {
            throw new MatrixDimensionException("u", Matrices.shape(u), "at least one row (the bias)");
        }
        if (gates != null) {
            Matrices.requireFinite("gates", gates);
            if (gates.numRows != u.numRows || gates.numCols != u.numCols) {
                throw new MatrixDimensionException("gates", Matrices.shape(gates), "the shape of u, " + Matrices.shape(u));
            }
        }
        this.u = u.copy();
        this.alpha = alpha.clone();
        this.bias = bias;
        this.gates = gates == null ? null : gates.copy();
    }

    /** First layer {@code U}, {@code d' x m} (a copy). */
    public DMatrixRMaj firstLayer() {
        return u.copy();
    }

    /** Second layer {@code alpha} (a copy). */
    public double[] secondLayer() {
        return alpha.clone();
    }

    /** Gate vectors ({@code d' x m}, a copy), or {@code null} for a ReLU network. */
    public DMatrixRMaj gates() {
        return gates == null ? null : gates.copy();
    }

    /** Whether this is a gated ReLU network. */
    public boolean gated() {
        return gates != null;
    }

    /** Whether the last row of the first layer is a bias. */
    public boolean bias() {
        return bias;
    }

    /** Number of hidden neurons {@code m}. */
    public int neurons() {
        return alpha.length;
    }

    /** Input dimension {@code d} the network expects (without the bias). */
    public int inputDimension() {
        return bias ? u.numRows - 1 : u.numRows;
    }

    /** {@code ||U||_F^2 + ||alpha||^2}. */
    public double squaredNorm() {
        double s = 0;
        for (double v : u.data) {
            s += v * v;
        }
        for (double a : alpha) {
            s += a * a;
        }
        return s;
    }

    /**
     * Predictions on {@code x} ({@code n x d}): {@code sum_j sigma(x_k^T u_j) alpha_j} for every row {@code k}.
     *
     * @throws MatrixDimensionException when {@code x} has not {@link #inputDimension()} columns
     */
    public double[] predict(DMatrixRMaj x) {
        if (x.numCols != inputDimension()) {
            throw new MatrixDimensionException("x", Matrices.shape(x),
                    inputDimension() + " columns (the network's input dimension)");
        }
        int n = x.numRows;
        int d = x.numCols;
        int m = alpha.length;
        DMatrixRMaj w = bias ? dropLastRow(u) : u;
        DMatrixRMaj pre = new DMatrixRMaj(n, m);
        CommonOps_DDRM.mult(x, w, pre);
        DMatrixRMaj gate = null;
        if (gates != null) {
            gate = new DMatrixRMaj(n, m);
            CommonOps_DDRM.mult(x, bias ? dropLastRow(gates) : gates, gate);
        }
        double[] out = new double[n];
        for (int k = 0; k < n; k++) {
            double s = 0;
            int row = k * m;
            for (int j = 0; j < m; j++) {
                double z = pre.data[row + j] + (bias ? u.get(d, j) : 0);
                boolean on;
                if (gate == null) {
                    on = z > 0;
                } else {
                    on = gate.data[row + j] + (bias ? gates.get(d, j) : 0) >= 0;
                }
                if (on) {
                    s += z * alpha[j];
                }
            }
            out[k] = s;
        }
        return out;
    }

    private static DMatrixRMaj dropLastRow(DMatrixRMaj a) {
        DMatrixRMaj b = new DMatrixRMaj(a.numRows - 1, a.numCols);
        System.arraycopy(a.data, 0, b.data, 0, b.data.length);
        return b;
    }
}
