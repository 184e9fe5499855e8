package io.dualnet.net;

import io.dualnet.data.InvalidInputException;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The architecture of one branch {@code f_i} of a multi-branch network (Zhang, Shao, Salakhutdinov, Section 3,
 * Figure 2): a fully connected network {@code d_0 -> d_1 -> ... -> d_L} whose hidden layers apply one element-wise
 * {@link Activation} and whose output layer is linear,
 *
 * <pre>
 *   f_i(w; x) = W_L psi(W_{L-1} ... psi(W_1 x + b_1) ... + b_{L-1}) + b_L,
 * </pre>
 *
 * with biases only when {@code bias} is set (the paper's branches have none). The parameter vector {@code w} stacks,
 * layer by layer, the weight matrix {@code W_l} ({@code d_l x d_{l-1}}, row-major) and then {@code b_l}.
 *
 * <p>Specification syntax (CLI, JSON): {@code d0-d1-...-dL[:activation][:bias]}, e.g. {@code 1-1-1-1:tanh} (three
 * scalar weights, {@code f = w3 tanh(w2 tanh(w1 x))}) or {@code 2-4-1:relu:bias}. The activation defaults to
 * {@code relu}.
 *
 * @param layers the widths {@code d_0, ..., d_L}, at least two, each {@code >= 1}
 * @param activation the hidden-layer non-linearity
 * @param bias whether every layer has a bias vector
 */
public record BranchArchitecture(List<Integer> layers, Activation activation, boolean bias) {

    /** Largest width accepted per layer. */
    public static final int MAX_WIDTH = 4096;

    /** Validates every field and copies the widths. */
    public BranchArchitecture {
        if (layers == null || layers.size() < 2) {
            throw new InvalidInputException("layers", layers, "at least two widths (input and output)");
        }
        for (int l = 0; l < layers.size(); l++) {
            Integer w = layers.get(l);
            if (w == null || w < 1 || w > MAX_WIDTH) {
                throw new InvalidInputException("layers[" + l + "]", w, "an integer in [1, " + MAX_WIDTH + "]");
            }
        }
        if (activation == null) {
            throw new InvalidInputException("activation", null, "one of relu, sigmoid, tanh, linear");
        }
        layers = List.copyOf(layers);
    }

    /** A branch with widths {@code d0, d1, ..., dL}. */
    public static BranchArchitecture of(Activation activation, boolean bias, int... widths) {
        List<Integer> list = new ArrayList<>(widths.length);
        for (int w : widths) {
            list.add(w);
        }
        return new BranchArchitecture(list, activation, bias);
    }

    /**
     * Parses {@code d0-d1-...-dL[:activation][:bias]}.
     *
     * @param parameter the option name to blame in the error message (e.g. {@code --branch})
     * @throws InvalidInputException naming {@code parameter} when the text is malformed
     */
    public static BranchArchitecture parse(String parameter, String spec) {
        String expected = "a branch d0-d1-...-dL[:activation][:bias], e.g. 1-1-1-1:tanh or 2-4-1:relu:bias";
        if (spec == null || spec.isBlank()) {
            throw new InvalidInputException(parameter, spec, expected);
        }
        String[] parts = spec.trim().toLowerCase(Locale.ROOT).split(":");
        String[] widthText = parts[0].split("-");
        if (widthText.length < 2 || parts.length > 3) {
            throw new InvalidInputException(parameter, spec, expected);
        }
        List<Integer> widths = new ArrayList<>();
        for (String w : widthText) {
            try {
                widths.add(Integer.parseInt(w.trim()));
            } catch (NumberFormatException e) {
                throw new InvalidInputException(parameter, spec, expected);
            }
        }
        Activation activation = Activation.RELU;
        boolean bias = false;
        for (int i = 1; i < parts.length; i++) {
            if (parts[i].equals("bias")) {
                bias = true;
            } else if (i == 1) {
                activation = Activation.named(parameter, parts[i]);
            } else {
                throw new InvalidInputException(parameter, spec, expected);
            }
        }
        try {
            return new BranchArchitecture(widths, activation, bias);
        } catch (InvalidInputException e) {
            throw new InvalidInputException(parameter, spec, expected + " (" + e.getMessage() + ")");
        }
    }

    /** Input dimension {@code d_0}. */
    public int inputDim() {
        return layers.get(0);
    }

    /** Output dimension {@code d_L}. */
    public int outputDim() {
        return layers.get(layers.size() - 1);
    }

    /** Number of weight layers {@code L}. */
    public int depth() {
        return layers.size() - 1;
    }

    /** The number of parameters {@code p_i = dim w_(i)}. */
    public int parameterCount() {
        long count = 0;
        for (int l = 1; l < layers.size(); l++) {
            count += (long) layers.get(l) * layers.get(l - 1) + (bias ? layers.get(l) : 0);
        }
        if (count > Integer.MAX_VALUE / 8) {
            throw new InvalidInputException("layers", layers, "at most " + Integer.MAX_VALUE / 8 + " parameters");
        }
        return (int) count;
    }

    /** The specification text, e.g. {@code 1-1-1-1:tanh} (parsed back by {@link #parse}). */
    public String spec() {
        StringBuilder sb = new StringBuilder();
        for (int l = 0; l < layers.size(); l++) {
            sb.append(l == 0 ? "" : "-").append(layers.get(l));
        }
        sb.append(':').append(activation.label());
        if (bias) {
            sb.append(":bias");
        }
        return sb.toString();
    }

    @Override
    public String toString() {
        return spec();
    }
}
