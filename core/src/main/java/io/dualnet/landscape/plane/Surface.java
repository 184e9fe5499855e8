package io.dualnet.landscape.plane;

/**
 * A loss surface on a {@link SurfaceGrid}: {@code loss[j][i]} is the mean loss at
 * {@code (alpha_i, beta_j)}, row {@code j} fixed {@code beta}.
 *
 * @param alphas the {@code alpha} coordinates
 * @param betas the {@code beta} coordinates
 * @param loss the values, {@code betas.length} rows of {@code alphas.length}
 * @param seconds wall-clock time of the evaluation
 */
public record Surface(double[] alphas, double[] betas, double[][] loss, double seconds) {

    /** The smallest value. */
    public double min() {
        double m = Double.POSITIVE_INFINITY;
        for (double[] row : loss) {
            for (double v : row) {
                m = Math.min(m, v);
            }
        }
        return m;
    }

    /** The largest value. */
    public double max() {
        double m = Double.NEGATIVE_INFINITY;
        for (double[] row : loss) {
            for (double v : row) {
                m = Math.max(m, v);
            }
        }
        return m;
    }
}
