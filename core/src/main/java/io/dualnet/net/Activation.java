package io.dualnet.net;

import io.dualnet.data.InvalidInputException;

import java.util.Locale;

/**
 * The element-wise non-linearities a branch of a multi-branch network may use (Zhang, Shao, Salakhutdinov, Section
 * 3: "arbitrary form of continuous element-wise non-linearity (and linearity)"). Every one is continuous and
 * non-decreasing, which is what the interval bounds of {@link MlpBranch#bounds} rely on.
 */
public enum Activation {
    /** {@code max(0, t)}; derivative 0 at {@code t = 0}. */
    RELU("relu"),
    /** {@code 1 / (1 + exp(-t))}. */
    SIGMOID("sigmoid"),
    /** {@code tanh(t)}. */
    TANH("tanh"),
    /** {@code t}. */
    LINEAR("linear");

    private final String label;

    Activation(String label) {
        this.label = label;
    }

    /** Lower-case name used in branch specifications and JSON ({@code relu}, {@code sigmoid}, {@code tanh}, {@code linear}). */
    public String label() {
        return label;
    }

    /** The activation at {@code t}. */
    public double apply(double t) {
        return switch (this) {
            case RELU -> t > 0 ? t : 0;
            case SIGMOID -> t >= 0 ? 1 / (1 + Math.exp(-t)) : Math.exp(t) / (1 + Math.exp(t));
            case TANH -> Math.tanh(t);
            case LINEAR -> t;
        };
    }

    /**
     * The derivative at pre-activation {@code t}, given the activation value {@code a = apply(t)} (which makes the
     * sigmoid and tanh derivatives free).
     */
    public double derivative(double t, double a) {
        return switch (this) {
            case RELU -> t > 0 ? 1 : 0;
            case SIGMOID -> a * (1 - a);
            case TANH -> 1 - a * a;
            case LINEAR -> 1;
        };
    }

    /**
     * The activation with the given label (case-insensitive).
     *
     * @throws InvalidInputException naming {@code parameter} for an unknown label
     */
    public static Activation named(String parameter, String label) {
        String key = label == null ? "" : label.trim().toLowerCase(Locale.ROOT);
        for (Activation a : values()) {
            if (a.label.equals(key)) {
                return a;
            }
        }
        throw new InvalidInputException(parameter, label, "one of relu, sigmoid, tanh, linear");
    }
}
