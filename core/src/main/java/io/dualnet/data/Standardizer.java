package io.dualnet.data;

import java.util.Objects;
import org.ejml.data.DMatrixRMaj;

/**
 * Per-feature standardization {@code (x - mean) / std}, fitted on training data and applied unchanged to training
 * and test data, so that nothing about the test data leaks into the model.
 *
 * <p>{@code std} is the population standard deviation (divided by {@code n}, as scikit-learn's
 * {@code StandardScaler}). A feature counts as <em>constant</em> when its standard deviation is at most
 * {@value #CONSTANT_TOLERANCE} times the magnitude of its mean (for a zero mean: exactly zero), i.e. when it differs
 * from its mean by rounding only; such a feature is centred but not scaled (its scale is 1), so it becomes 0 on the
 * training data instead of rounding noise blown up to {@code +-1}, and stays finite on test data. Fashion-MNIST's
 * border pixels, 0 in every image of some classes, are such features. An immutable value.
 */
public final class Standardizer {
    /** Relative standard deviation at or below which a feature counts as constant. */
    public static final double CONSTANT_TOLERANCE = 1e-12;

    private final double[] mean;
    private final double[] scale;
    private final boolean[] constant;

    private Standardizer(double[] mean, double[] scale, boolean[] constant) {
        this.mean = mean;
        this.scale = scale;
        this.constant = constant;
    }

    /**
     * Fits means and scales to the columns of {@code x}.
     *
     * @param x training inputs, {@code n x d}, at least 1&times;1, finite
     * @throws InvalidInputException naming {@code x} if it is empty or not finite
     */
    public static Standardizer fit(DMatrixRMaj x) {
        Objects.requireNonNull(x, "x");
        MatrixChecks.requireWritable(x, "x");
        int n = x.numRows;
        int d = x.numCols;
        double[] mean = new double[d];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < d; j++) {
                mean[j] += x.data[i * d + j];
            }
        }
        for (int j = 0; j < d; j++) {
            mean[j] /= n;
        }
        double[] var = new double[d];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < d; j++) {
                double t = x.data[i * d + j] - mean[j];
                var[j] += t * t;
            }
        }
        double[] scale = new double[d];
        boolean[] constant = new boolean[d];
        for (int j = 0; j < d; j++) {
            double std = Math.sqrt(var[j] / n);
            constant[j] = std <= CONSTANT_TOLERANCE * Math.abs(mean[j]);
            scale[j] = constant[j] ? 1 : std;
        }
        return new Standardizer(mean, scale, constant);
    }

    /**
     * A standardizer with given means and divisors, as {@link #means()} and {@link #scales()} returned them (e.g.
     * read back from a saved model). It knows only the divisors: {@link #constant()} is {@code false} for every
     * feature.
     *
     * @param mean per-feature means, at least one, finite
     * @param scale per-feature divisors, as many, finite and positive
     * @throws InvalidInputException naming {@code mean} or {@code scale} when a length or an entry is not as stated
     */
    public static Standardizer of(double[] mean, double[] scale) {
        Objects.requireNonNull(mean, "mean");
        Objects.requireNonNull(scale, "scale");
        if (mean.length == 0) {
            throw new InvalidInputException("mean", "0 entries", "at least one feature");
        }
        if (scale.length != mean.length) {
            throw new InvalidInputException("scale", scale.length + " entries", mean.length + ", one per mean");
        }
        for (int j = 0; j < mean.length; j++) {
            if (!Double.isFinite(mean[j])) {
                throw new InvalidInputException("mean[" + j + "]", mean[j], "a finite number");
            }
            if (!(scale[j] > 0 && Double.isFinite(scale[j]))) {
                throw new InvalidInputException("scale[" + j + "]", scale[j], "a finite positive number");
            }
        }
        return new Standardizer(mean.clone(), scale.clone(), new boolean[mean.length]);
    }

    /**
     * Fits to {@code data.x()}; the same as {@code fit(data.x())}.
     *
     * @see #fit(DMatrixRMaj)
     */
    public static Standardizer fit(LabeledData data) {
        return fit(data.x());
    }

    /** Number of features {@code d}. */
    public int features() {
        return mean.length;
    }

    /** Per-feature means (a copy). */
    public double[] means() {
        return mean.clone();
    }

    /** Per-feature divisors: the standard deviation, or 1 for a constant feature (a copy). */
    public double[] scales() {
        return scale.clone();
    }

    /**
     * Per feature, whether it was constant on the fitted data (and so is centred only); {@code false} throughout for
     * a standardizer made by {@link #of}.
     */
    public boolean[] constant() {
        return constant.clone();
    }

    /**
     * Standardizes {@code x} with the fitted means and scales.
     *
     * @param x inputs, {@code n x d} with the fitted {@code d}, finite
     * @return a new matrix
     * @throws InvalidInputException naming {@code x} if its column count differs or it is not finite
     */
    public DMatrixRMaj apply(DMatrixRMaj x) {
        Objects.requireNonNull(x, "x");
        MatrixChecks.requireWritable(x, "x");
        int d = mean.length;
        if (x.numCols != d) {
            throw new InvalidInputException("x", "a " + x.numRows + "x" + x.numCols + " matrix",
                    d + " columns, as the data the standardizer was fitted on");
        }
        DMatrixRMaj out = new DMatrixRMaj(x.numRows, d);
        for (int i = 0; i < x.numRows; i++) {
            for (int j = 0; j < d; j++) {
                out.data[i * d + j] = (x.data[i * d + j] - mean[j]) / scale[j];
            }
        }
        return out;
    }

    /** {@code data} with standardized inputs and the same targets. */
    public LabeledData apply(LabeledData data) {
        return new LabeledData(apply(data.x()), data.y().clone());
    }
}
