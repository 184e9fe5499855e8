package io.dualnet.loss;

import io.dualnet.data.InvalidInputException;

import java.util.Locale;

/** The built-in losses by name. */
public final class Losses {
    /** {@code 1/2 ||yhat - y||^2}. */
    public static final Loss SQUARED = new SquaredLoss();
    /** {@code sum log(1 + exp(-y yhat))}, labels in {@code {-1, +1}}. */
    public static final Loss LOGISTIC = new LogisticLoss();
    /** {@code sum max(0, 1 - y yhat)}, labels in {@code {-1, +1}}. */
    public static final Loss HINGE = new HingeLoss();

    private Losses() {
    }

    /**
     * The loss called {@code name} ({@code squared}, {@code logistic} or {@code hinge}, case-insensitive).
     *
     * @throws InvalidInputException naming {@code loss} for any other name
     */
    public static Loss named(String name) {
        String key = name == null ? "" : name.trim().toLowerCase(Locale.ROOT);
        return switch (key) {
            case "squared" -> SQUARED;
            case "logistic" -> LOGISTIC;
            case "hinge" -> HINGE;
            default -> throw new InvalidInputException("loss", name, "one of squared, logistic, hinge");
        };
    }

    /** Clips {@code y_k lambda_k} into {@code [0, 1]} in place: the dual domain of the classification losses. */
    static void clipMargins(double[] lambda, double[] y) {
        for (int k = 0; k < y.length; k++) {
            double s = Math.min(1, Math.max(0, y[k] * lambda[k]));
            lambda[k] = y[k] * s;
        }
    }

    static void requireSameLength(String parameter, double[] a, double[] b) {
        if (a.length != b.length) {
            throw new InvalidInputException(parameter, a.length + " entries", b.length + " entries (one per sample)");
        }
    }

    static void validate(String parameter, double[] y, boolean classification) {
        for (int k = 0; k < y.length; k++) {
            double v = y[k];
            if (!Double.isFinite(v)) {
                throw new InvalidInputException(parameter + "[" + k + "]", v, "a finite number");
            }
            if (classification && v != 1.0 && v != -1.0) {
                throw new InvalidInputException(parameter + "[" + k + "]", v,
                        "a label in {-1, +1} for a classification loss");
            }
        }
    }
}
