package io.dualnet.train;

import io.dualnet.data.InvalidInputException;

import java.util.Locale;

/**
 * The losses a multi-branch network is trained with (Zhang, Shao, Salakhutdinov: the tau-hinge loss (1) of the
 * theory, the hinge, the multi-class hinge of their published code ({@code multi_margin_loss}) and the cross-entropy
 * of their VGG experiment). Per sample, with network output {@code o} and label {@code y}:
 * <ul>
 *   <li>{@code tau-hinge}: {@code max(0, 1 - y o / tau)}, {@code y in {-1, +1}}, one output;</li>
 *   <li>{@code hinge}: the tau-hinge with {@code tau = 1};</li>
 *   <li>{@code multiclass-hinge}: {@code (1/C) sum_{j != y} max(0, 1 - o_y + o_j)}, {@code y in {0..C-1}};</li>
 *   <li>{@code cross-entropy}: {@code -log softmax(o)_y}, {@code y in {0..C-1}}.</li>
 * </ul>
 * The training loss is the mean over samples. Immutable.
 *
 * @param kind the loss
 * @param tau the margin parameter of {@code tau-hinge} ({@code 1} for the others), {@code > 0}
 */
public record MultibranchLoss(Kind kind, double tau) {

    /** The loss functions. */
    public enum Kind {
        /** {@code max(0, 1 - y o / tau)}. */
        TAU_HINGE("tau-hinge"),
        /** {@code max(0, 1 - y o)}. */
        HINGE("hinge"),
        /** Multi-class hinge (Crammer-Singer style, averaged over classes as in PyTorch's multi_margin_loss). */
        MULTICLASS_HINGE("multiclass-hinge"),
        /** Softmax cross-entropy. */
        CROSS_ENTROPY("cross-entropy");

        private final String label;

        Kind(String label) {
            this.label = label;
        }

        /** The name used on the command line and in JSON. */
        public String label() {
            return label;
        }
    }

    /** Validates every field. */
    public MultibranchLoss {
        if (kind == null) {
            throw new InvalidInputException("loss", null, "one of tau-hinge, hinge, multiclass-hinge, cross-entropy");
        }
        InvalidInputException.requirePositive("tau", tau);
    }

    /**
     * The loss called {@code name} (case-insensitive), with {@code tau} for {@code tau-hinge}.
     *
     * @throws InvalidInputException naming {@code --loss} for an unknown name
     */
    public static MultibranchLoss named(String name, double tau) {
        String key = name == null ? "" : name.trim().toLowerCase(Locale.ROOT);
        for (Kind k : Kind.values()) {
            if (k.label.equals(key)) {
                return new MultibranchLoss(k, k == Kind.TAU_HINGE ? tau : 1);
            }
        }
        throw new InvalidInputException("--loss", name, "one of tau-hinge, hinge, multiclass-hinge, cross-entropy");
    }

    /** Whether the loss is for two classes with labels {@code -1, +1} and one output. */
    public boolean binary() {
        return kind == Kind.TAU_HINGE || kind == Kind.HINGE;
    }

    /**
     * Checks the labels and the network's output dimension.
     *
     * @throws InvalidInputException naming {@code --y} or {@code --branch}
     */
    public void validate(double[] y, int outputs) {
        if (binary()) {
            if (outputs != 1) {
                throw new InvalidInputException("--branch", outputs + " outputs", "one output for the " + kind.label);
            }
            for (int k = 0; k < y.length; k++) {
                if (y[k] != 1 && y[k] != -1) {
                    throw new InvalidInputException("--y[" + k + "]", y[k], "a label in {-1, +1} for the " + kind.label);
                }
            }
            return;
        }
        if (outputs < 2) {
            throw new InvalidInputException("--branch", outputs + " outputs", "at least two (one per class) for the "
                    + kind.label);
        }
        for (int k = 0; k < y.length; k++) {
            if (y[k] != Math.rint(y[k]) || y[k] < 0 || y[k] >= outputs) {
                throw new InvalidInputException("--y[" + k + "]", y[k], "a class index in 0.." + (outputs - 1));
            }
        }
    }

    /** The loss of one sample with output {@code o} and label {@code y}. */
    public double value(double[] o, double y) {
        return switch (kind) {
            case TAU_HINGE, HINGE -> Math.max(0, 1 - y * o[0] / tau);
            case MULTICLASS_HINGE -> {
                int c = (int) y;
                double s = 0;
                for (int j = 0; j < o.length; j++) {
                    if (j != c) {
                        s += Math.max(0, 1 - o[c] + o[j]);
                    }
                }
                yield s / o.length;
            }
            case CROSS_ENTROPY -> logSumExp(o) - o[(int) y];
        };
    }

    /** Writes {@code scale * d loss / d o} of one sample into {@code out} (a subgradient at the hinge kinks: 0). */
    public void gradient(double[] o, double y, double scale, double[] out) {
        java.util.Arrays.fill(out, 0);
        switch (kind) {
            case TAU_HINGE, HINGE -> {
                if (1 - y * o[0] / tau > 0) {
                    out[0] = -scale * y / tau;
                }
            }
            case MULTICLASS_HINGE -> {
                int c = (int) y;
                for (int j = 0; j < o.length; j++) {
                    if (j != c && 1 - o[c] + o[j] > 0) {
                        out[j] += scale / o.length;
                        out[c] -= scale / o.length;
                    }
                }
            }
            case CROSS_ENTROPY -> {
                double lse = logSumExp(o);
                for (int j = 0; j < o.length; j++) {
                    out[j] = scale * Math.exp(o[j] - lse);
                }
                out[(int) y] -= scale;
            }
        }
    }

    /** {@code log sum_j exp(o_j)}, computed without overflow. */
    private static double logSumExp(double[] o) {
        double max = Double.NEGATIVE_INFINITY;
        for (double v : o) {
            max = Math.max(max, v);
        }
        double z = 0;
        for (double v : o) {
            z += Math.exp(v - max);
        }
        return max + Math.log(z);
    }

    /** Whether output {@code o} classifies label {@code y} correctly (sign, or arg-max). */
    public boolean correct(double[] o, double y) {
        if (binary()) {
            return o[0] * y > 0;
        }
        int best = 0;
        for (int j = 1; j < o.length; j++) {
            if (o[j] > o[best]) {
                best = j;
            }
        }
        return best == (int) y;
    }
}
