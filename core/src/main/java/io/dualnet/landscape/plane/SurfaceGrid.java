package io.dualnet.landscape.plane;

import io.dualnet.data.InvalidInputException;

/**
 * The {@code G x G} grid of plane coordinates: {@code alpha, beta in linspace(-R, R, G)} (numpy's linspace:
 * {@code -R + 2 R i / (G - 1)}; the single point {@code 0} when {@code G = 1}).
 *
 * @param size {@code G}, in {@code [1, MAX_SIZE]}
 * @param range {@code R}, finite and {@code > 0}
 */
public record SurfaceGrid(int size, double range) {

    /** Largest {@code G} ({@code G^2} must index an array). */
    public static final int MAX_SIZE = 46_340;

    /** Validates both fields. */
    public SurfaceGrid {
        if (size < 1 || size > MAX_SIZE) {
            throw new InvalidInputException("--grid", size, "an integer in [1, " + MAX_SIZE + "]");
        }
        if (!(range > 0) || Double.isInfinite(range)) {
            throw new InvalidInputException("--range", range, "a finite number > 0");
        }
    }

    /** Coordinate {@code i} of {@code linspace(-R, R, G)}. */
    public double coordinate(int i) {
        return size == 1 ? 0 : -range + 2 * range * i / (size - 1);
    }

    /** All {@code G} coordinates. */
    public double[] coordinates() {
        double[] c = new double[size];
        for (int i = 0; i < size; i++) {
            c[i] = coordinate(i);
        }
        return c;
    }

    /** Number of points {@code G^2}. */
    public long points() {
        return (long) size * size;
    }
}
