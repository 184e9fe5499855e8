package io.dualnet.data;

import io.dualnet.loss.Loss;
import java.util.Objects;

/**
 * Evaluation metrics of a scalar-output model's predictions {@code yhat} against targets {@code y} (same length, at
 * least one sample). Predictions are not validated: a non-finite prediction makes {@link #meanSquaredError} and the
 * losses non-finite and counts as wrong in {@link #accuracy}.
 */
public final class Metrics {
    private Metrics() {
    }

    /**
     * The share of samples whose prediction has the sign of its label: {@code y_k * yhat_k > 0}. A prediction of
     * exactly 0 counts as wrong for either label, so that a model that outputs 0 everywhere scores 0, not the share
     * of one class.
     *
     * @param yhat predictions
     * @param y labels in {@code {-1, +1}}
     * @return a number in {@code [0, 1]}
     * @throws InvalidInputException naming {@code yhat} or {@code y[k]} on a length mismatch or a label not in
     *     {@code {-1, +1}}
     */
    public static double accuracy(double[] yhat, double[] y) {
        requireSameLength(yhat, y);
        int correct = 0;
        for (int k = 0; k < y.length; k++) {
            if (y[k] != 1.0 && y[k] != -1.0) {
                throw new InvalidInputException("y[" + k + "]", y[k], "a label in {-1, +1}");
            }
            if (y[k] * yhat[k] > 0) {
                correct++;
            }
        }
        return (double) correct / y.length;
    }

    /**
     * Whether every label is {@code -1} or {@code +1} (so that {@link #accuracy} applies, also to a regression loss
     * fitted to two classes, as the squared loss on Fashion-MNIST's pairs).
     */
    public static boolean signLabels(double[] y) {
        for (double v : y) {
            if (v != 1.0 && v != -1.0) {
                return false;
            }
        }
        return y.length > 0;
    }

    /**
     * {@code loss.value(yhat, y)}: the loss summed over samples, as in the training objective.
     *
     * @throws InvalidInputException on a length mismatch or labels invalid for {@code loss}
     */
    public static double loss(Loss loss, double[] yhat, double[] y) {
        Objects.requireNonNull(loss, "loss");
        requireSameLength(yhat, y);
        loss.validateLabels("y", y);
        return loss.value(yhat, y);
    }

    /** {@link #loss} divided by the number of samples. */
    public static double meanLoss(Loss loss, double[] yhat, double[] y) {
        return loss(loss, yhat, y) / y.length;
    }

    /**
     * {@code (1/n) sum_k (yhat_k - y_k)^2}.
     *
     * @throws InvalidInputException on a length mismatch
     */
    public static double meanSquaredError(double[] yhat, double[] y) {
        requireSameLength(yhat, y);
        double s = 0;
        for (int k = 0; k < y.length; k++) {
            double t = yhat[k] - y[k];
            s += t * t;
        }
        return s / y.length;
    }

    private static void requireSameLength(double[] yhat, double[] y) {
        Objects.requireNonNull(yhat, "yhat");
        Objects.requireNonNull(y, "y");
        if (y.length == 0) {
            throw new InvalidInputException("y", "0 entries", "at least one sample");
        }
        if (yhat.length != y.length) {
            throw new InvalidInputException("yhat", yhat.length + " entries", y.length + " entries (one per sample)");
        }
    }
}
