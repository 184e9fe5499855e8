package io.dualnet.loss;

/**
 * Logistic loss {@code l(yhat, y) = sum_k log(1 + exp(-y_k yhat_k))} for labels in {@code {-1, +1}}. With
 * {@code s_k = y_k lambda_k} in {@code [0, 1]}: {@code -l*(-lambda) = -sum_k [s_k log s_k + (1 - s_k) log(1 - s_k)]}
 * (binary entropy, {@code 0 log 0 = 0}), {@code -infinity} outside.
 */
final class LogisticLoss implements Loss {

    @Override
    public String name() {
        return "logistic";
    }

    @Override
    public boolean classification() {
        return true;
    }

    @Override
    public void validateLabels(String parameter, double[] y) {
        Losses.validate(parameter, y, true);
    }

    @Override
    public double value(double[] yhat, double[] y) {
        Losses.requireSameLength("yhat", yhat, y);
        double s = 0;
        for (int k = 0; k < y.length; k++) {
            s += softplus(-y[k] * yhat[k]);
        }
        return s;
    }

    /** {@code log(1 + exp(t))} without overflow. */
    static double softplus(double t) {
        return t > 0 ? t + Math.log1p(Math.exp(-t)) : Math.log1p(Math.exp(t));
    }

    @Override
    public void gradient(double[] yhat, double[] y, double[] out) {
        Losses.requireSameLength("yhat", yhat, y);
        for (int k = 0; k < y.length; k++) {
            out[k] = -y[k] * sigmoid(-y[k] * yhat[k]);
        }
    }

    static double sigmoid(double t) {
        if (t >= 0) {
            return 1.0 / (1.0 + Math.exp(-t));
        }
        double e = Math.exp(t);
        return e / (1.0 + e);
    }

    @Override
    public void secondDerivative(double[] yhat, double[] y, double[] out) {
        Losses.requireSameLength("yhat", yhat, y);
        for (int k = 0; k < y.length; k++) {
            double s = sigmoid(-y[k] * yhat[k]);
            out[k] = s * (1 - s);
        }
    }

    @Override
    public double smoothness() {
        return 0.25;
    }

    @Override
    public double dualValue(double[] lambda, double[] y) {
        Losses.requireSameLength("lambda", lambda, y);
        double v = 0;
        for (int k = 0; k < y.length; k++) {
            double s = y[k] * lambda[k];
            if (!(s >= 0 && s <= 1)) {
                return Double.NEGATIVE_INFINITY;
            }
            v -= xlogx(s) + xlogx(1 - s);
        }
        return v;
    }

    private static double xlogx(double s) {
        return s <= 0 ? 0 : s * Math.log(s);
    }

    @Override
    public void dualPoint(double[] yhat, double[] y, double[] out) {
        Losses.requireSameLength("yhat", yhat, y);
        for (int k = 0; k < y.length; k++) {
            out[k] = y[k] * sigmoid(-y[k] * yhat[k]);
        }
    }

    @Override
    public void projectDual(double[] lambda, double[] y) {
        Losses.clipMargins(lambda, y);
    }

    @Override
    public String toString() {
        return name();
    }
}
