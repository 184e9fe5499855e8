package io.dualnet.net;

import io.dualnet.data.InvalidInputException;

import java.util.Objects;

/**
 * Evaluates one branch {@code f_i(w; x)} of a multi-branch network ({@link BranchArchitecture}): its output, the
 * gradient of a linear functional of the output with respect to the parameters (backpropagation), and guaranteed
 * interval bounds of the output over a box of parameters (interval arithmetic, valid because every
 * {@link Activation} is non-decreasing).
 *
 * <p>Stateless and thread-safe; every method takes a {@link Workspace} (one per thread) for its intermediate values.
 * Parameter vectors use the layout of {@link BranchArchitecture}. Arguments are never modified except the named
 * output arrays and the workspace.
 */
public final class MlpBranch {
    private final BranchArchitecture architecture;
    private final Activation activation;
    private final int[] widths;
    private final int[] weightOffset;
    private final int[] biasOffset;
    private final int parameters;

    /** An evaluator for {@code architecture}. */
    public MlpBranch(BranchArchitecture architecture) {
        this.architecture = Objects.requireNonNull(architecture, "architecture");
        this.activation = architecture.activation();
        int layers = architecture.layers().size();
        this.widths = new int[layers];
        for (int l = 0; l < layers; l++) {
            widths[l] = architecture.layers().get(l);
        }
        this.weightOffset = new int[layers];
        this.biasOffset = new int[layers];
        int offset = 0;
        for (int l = 1; l < layers; l++) {
            weightOffset[l] = offset;
            offset += widths[l] * widths[l - 1];
            biasOffset[l] = architecture.bias() ? offset : -1;
            offset += architecture.bias() ? widths[l] : 0;
        }
        this.parameters = offset;
    }

    /** The architecture. */
    public BranchArchitecture architecture() {
        return architecture;
    }

    /** Number of parameters {@code p}. */
    public int parameterCount() {
        return parameters;
    }

    /** Scratch arrays for one thread. */
    public Workspace workspace() {
        return new Workspace(widths);
    }

    /** Intermediate values of one evaluation (per layer pre-activations, activations, back-propagated errors). */
    public static final class Workspace {
        final double[][] pre;
        final double[][] act;
        final double[][] delta;
        final double[][] lo;
        final double[][] hi;
        final double[] out;

        Workspace(int[] widths) {
            out = new double[widths[widths.length - 1]];
            int layers = widths.length;
            pre = new double[layers][];
            act = new double[layers][];
            delta = new double[layers][];
            lo = new double[layers][];
            hi = new double[layers][];
            for (int l = 0; l < layers; l++) {
                pre[l] = new double[widths[l]];
                act[l] = new double[widths[l]];
                delta[l] = new double[widths[l]];
                lo[l] = new double[widths[l]];
                hi[l] = new double[widths[l]];
            }
        }
    }

    /**
     * Computes {@code f(w; x)} into {@code out} ({@code d_L} entries) and keeps the intermediate values in {@code ws}
     * for {@link #backward}.
     */
    public void forward(double[] w, double[] x, Workspace ws, double[] out) {
        check("w", w.length, parameters);
        check("x", x.length, widths[0]);
        System.arraycopy(x, 0, ws.act[0], 0, widths[0]);
        int last = widths.length - 1;
        for (int l = 1; l <= last; l++) {
            double[] in = ws.act[l - 1];
            double[] z = ws.pre[l];
            int nIn = widths[l - 1];
            int wo = weightOffset[l];
            for (int i = 0; i < widths[l]; i++) {
                double s = biasOffset[l] >= 0 ? w[biasOffset[l] + i] : 0;
                int row = wo + i * nIn;
                for (int j = 0; j < nIn; j++) {
                    s += w[row + j] * in[j];
                }
                z[i] = s;
                ws.act[l][i] = l == last ? s : activation.apply(s);
            }
        }
        System.arraycopy(ws.act[last], 0, out, 0, widths[last]);
    }

    /** {@code f(w; x)} for a branch with one output. */
    public double forwardScalar(double[] w, double[] x, Workspace ws) {
        if (widths[widths.length - 1] != 1) {
            throw new InvalidInputException("branch", architecture.spec(), "a branch with one output");
        }
        forward(w, x, ws, ws.out);
        return ws.out[0];
    }

    /**
     * Adds {@code d (dOut . f(w; x)) / dw} to {@code grad}; {@link #forward} must have just been called on the same
     * {@code w} and {@code ws} (the input {@code x} is taken from the workspace).
     *
     * @param dOut the weights of the outputs ({@code d_L} entries), e.g. the loss gradient with respect to them
     * @param grad accumulator, {@code p} entries (modified)
     */
    public void backward(double[] w, Workspace ws, double[] dOut, double[] grad) {
        check("grad", grad.length, parameters);
        int last = widths.length - 1;
        System.arraycopy(dOut, 0, ws.delta[last], 0, widths[last]);
        for (int l = last; l >= 1; l--) {
            double[] d = ws.delta[l];
            double[] in = ws.act[l - 1];
            int nIn = widths[l - 1];
            int wo = weightOffset[l];
            for (int i = 0; i < widths[l]; i++) {
                double di = d[i];
                if (di == 0) {
                    continue;
                }
                int row = wo + i * nIn;
                for (int j = 0; j < nIn; j++) {
                    grad[row + j] += di * in[j];
                }
                if (biasOffset[l] >= 0) {
                    grad[biasOffset[l] + i] += di;
                }
            }
            if (l > 1) {
                double[] prev = ws.delta[l - 1];
                for (int j = 0; j < nIn; j++) {
                    double s = 0;
                    for (int i = 0; i < widths[l]; i++) {
                        s += w[wo + i * nIn + j] * d[i];
                    }
                    prev[j] = s * activation.derivative(ws.pre[l - 1][j], ws.act[l - 1][j]);
                }
            }
        }
    }

    /**
     * Guaranteed bounds {@code outLo <= f(w; x) <= outHi} for every {@code w} with {@code wLo <= w <= wHi}
     * (entry-wise), by interval arithmetic layer by layer.
     */
    public void bounds(double[] wLo, double[] wHi, double[] x, Workspace ws, double[] outLo, double[] outHi) {
        check("wLo", wLo.length, parameters);
        check("wHi", wHi.length, parameters);
        check("x", x.length, widths[0]);
        System.arraycopy(x, 0, ws.lo[0], 0, widths[0]);
        System.arraycopy(x, 0, ws.hi[0], 0, widths[0]);
        int last = widths.length - 1;
        for (int l = 1; l <= last; l++) {
            int nIn = widths[l - 1];
            int wo = weightOffset[l];
            double[] aLo = ws.lo[l - 1];
            double[] aHi = ws.hi[l - 1];
            for (int i = 0; i < widths[l]; i++) {
                double sLo = biasOffset[l] >= 0 ? wLo[biasOffset[l] + i] : 0;
                double sHi = biasOffset[l] >= 0 ? wHi[biasOffset[l] + i] : 0;
                int row = wo + i * nIn;
                for (int j = 0; j < nIn; j++) {
                    double p1 = wLo[row + j] * aLo[j];
                    double p2 = wLo[row + j] * aHi[j];
                    double p3 = wHi[row + j] * aLo[j];
                    double p4 = wHi[row + j] * aHi[j];
                    sLo += Math.min(Math.min(p1, p2), Math.min(p3, p4));
                    sHi += Math.max(Math.max(p1, p2), Math.max(p3, p4));
                }
                ws.lo[l][i] = l == last ? sLo : activation.apply(sLo);
                ws.hi[l][i] = l == last ? sHi : activation.apply(sHi);
            }
        }
        System.arraycopy(ws.lo[last], 0, outLo, 0, widths[last]);
        System.arraycopy(ws.hi[last], 0, outHi, 0, widths[last]);
    }

    private static void check(String name, int length, int expected) {
        if (length != expected) {
            throw new InvalidInputException(name, length + " entries", expected + " entries");
        }
    }
}
