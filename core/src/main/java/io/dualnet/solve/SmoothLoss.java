package io.dualnet.solve;

import io.dualnet.loss.Loss;

/**
 * The smooth surrogate a first-order solver minimizes in place of a loss: the loss itself when it is smooth (squared,
 * logistic), and for the hinge loss its Moreau envelope (Huber smoothing) with parameter {@code mu},
 *
 * <pre>
 *   h_mu(t) = 0 (t <= 0),  t^2 / (2 mu) (0 < t <= mu),  t - mu/2 (t > mu),   t = 1 - y yhat,
 * </pre>
 *
 * so that {@code h_mu <= hinge <= h_mu + mu/2} per sample, the gradient is {@code 1/mu}-Lipschitz and
 * {@code -h_mu*(-lambda) = sum_k s_k - (mu/2) s_k^2} with {@code s_k = y_k lambda_k in [0, 1]}. The smoothing is
 * decreased by continuation; certificates are always computed on the true loss. Mutable (the smoothing), not shared.
 */
final class SmoothLoss {
    private final Loss loss;
    private final boolean smoothed;
    private double mu;

    /** @param initialSmoothing {@code mu} for the hinge loss (ignored for smooth losses) */
    SmoothLoss(Loss loss, double initialSmoothing) {
        this.loss = loss;
        this.smoothed = Double.isInfinite(loss.smoothness());
        this.mu = smoothed ? initialSmoothing : 0;
    }

    /** Whether the loss is replaced by a smoothing (hinge). */
    boolean smoothed() {
        return smoothed;
    }

    /** The smoothing parameter {@code mu} (0 for smooth losses). */
    double smoothing() {
        return mu;
    }

    /** Multiplies {@code mu} by {@code factor < 1} (continuation); no effect on smooth losses. */
    void tighten(double factor) {
        mu *= factor;
    }

    /** Lipschitz constant of the surrogate's gradient per sample. */
    double lipschitz() {
        return smoothed ? 1 / mu : loss.smoothness();
    }

    /** The surrogate's value at predictions {@code r}. */
    double value(double[] r, double[] y) {
        if (!smoothed) {
            return loss.value(r, y);
        }
        double s = 0;
        for (int k = 0; k < r.length; k++) {
            double t = 1 - y[k] * r[k];
            s += t <= 0 ? 0 : t <= mu ? t * t / (2 * mu) : t - mu / 2;
        }
        return s;
    }

    /** The surrogate's gradient at {@code r}, into {@code out}; {@code -out} is in the loss's conjugate domain. */
    void gradient(double[] r, double[] y, double[] out) {
        if (!smoothed) {
            loss.gradient(r, y, out);
            return;
        }
        for (int k = 0; k < r.length; k++) {
            double t = 1 - y[k] * r[k];
            out[k] = -y[k] * Math.min(1, Math.max(0, t / mu));
        }
    }

    /** {@code -l_mu*(-lambda)}: the surrogate's dual objective. */
    double dualValue(double[] lambda, double[] y) {
        double v = loss.dualValue(lambda, y);
        if (smoothed) {
            for (double l : lambda) {
                v -= 0.5 * mu * l * l;
            }
        }
        return v;
    }
}
