package io.dualnet.data;

import java.util.Locale;
import java.util.Random;

/**
 * Small built-in classification data sets for the multi-branch experiments (rows are samples; labels in
 * {@code {-1, +1}} for binary sets, class indices {@code 0..C-1} for multi-class sets). Random sets use
 * {@link java.util.Random} (fixed by the Java specification), so a seed gives the same data everywhere.
 *
 * @param x inputs, {@code n x d}
 * @param y labels
 * @param classes number of classes ({@code 2} for binary sets, labels {@code -1, +1})
 */
public record ClassificationInstances(double[][] x, double[] y, int classes) {

    /** Names accepted by {@link #named}. */
    public static final String NAMES = "threshold1d, noisy1d, blobs";

    /**
     * {@code threshold1d}: {@code n} evenly spaced points {@code x_k = -1 + 2k/(n-1)} on {@code [-1, 1]}, label
     * {@code +1} when {@code x > 0.2}, else {@code -1}. Odd branches (tanh, linear, no bias) cannot fit the offset, so
     * the value functions are non-trivial.
     */
    public static ClassificationInstances threshold1d(int n) {
        InvalidInputException.requireAtLeast("n", n, 2);
        double[][] x = new double[n][1];
        double[] y = new double[n];
        for (int k = 0; k < n; k++) {
            x[k][0] = -1 + 2.0 * k / (n - 1);
            y[k] = x[k][0] > 0.2 ? 1 : -1;
        }
        return new ClassificationInstances(x, y, 2);
    }

    /** {@code noisy1d}: {@code n} uniform points on {@code [-1, 1]}, label {@code sign(x - 0.2)} flipped with probability 0.1. */
    public static ClassificationInstances noisy1d(int n, long seed) {
        InvalidInputException.requireAtLeast("n", n, 2);
        Random random = new Random(seed);
        double[][] x = new double[n][1];
        double[] y = new double[n];
        for (int k = 0; k < n; k++) {
            x[k][0] = 2 * random.nextDouble() - 1;
            y[k] = (x[k][0] > 0.2) ^ (random.nextDouble() < 0.1) ? 1 : -1;
        }
        return new ClassificationInstances(x, y, 2);
    }

    /**
     * {@code blobs}: {@code n} points in the plane from {@code classes} Gaussian blobs (standard deviation 0.5) centred
     * on the unit circle, labels {@code 0..classes-1} (for {@code classes = 2}: {@code -1, +1}).
     */
    public static ClassificationInstances blobs(int n, int classes, long seed) {
        InvalidInputException.requireAtLeast("n", n, 2);
        InvalidInputException.requireAtLeast("classes", classes, 2);
        Random random = new Random(seed);
        double[][] x = new double[n][2];
        double[] y = new double[n];
        for (int k = 0; k < n; k++) {
            int c = k % classes;
            double angle = 2 * Math.PI * c / classes;
            x[k][0] = Math.cos(angle) + 0.5 * random.nextGaussian();
            x[k][1] = Math.sin(angle) + 0.5 * random.nextGaussian();
            y[k] = classes == 2 ? 2 * c - 1 : c;
        }
        return new ClassificationInstances(x, y, classes);
    }

    /**
     * The set called {@code name}.
     *
     * @throws InvalidInputException naming {@code --generate} for an unknown name
     */
    public static ClassificationInstances named(String name, int n, int classes, long seed) {
        return switch (name == null ? "" : name.trim().toLowerCase(Locale.ROOT)) {
            case "threshold1d" -> threshold1d(n);
            case "noisy1d" -> noisy1d(n, seed);
            case "blobs" -> blobs(n, classes, seed);
            default -> throw new InvalidInputException("--generate", name, "one of " + NAMES);
        };
    }
}
