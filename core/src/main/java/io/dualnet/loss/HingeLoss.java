package io.dualnet.loss;

/**
 * Hinge loss {@code l(yhat, y) = sum_k max(0, 1 - y_k yhat_k)} for labels in {@code {-1, +1}}. With
 * {@code s_k = y_k lambda_k}: {@code -l*(-lambda) = sum_k s_k} when every {@code s_k} is in {@code [0, 1]},
 * {@code -infinity} otherwise. Not smooth: solvers must use its prox or a smoothing.
 */
final class HingeLoss implements Loss {

    @Override
    public String name() {
        return "hinge";
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
            s += Math.max(0, 1 - y[k] * yhat[k]);
        }
        return s;
    }

    @Override
    public void gradient(double[] yhat, double[] y, double[] out) {
        Losses.requireSameLength("yhat", yhat, y);
        for (int k = 0; k < y.length; k++) {
            out[k] = y[k] * yhat[k] < 1 ? -y[k] : 0;
        }
    }

    @Override
    public void secondDerivative(double[] yhat, double[] y, double[] out) {
        Losses.requireSameLength("yhat", yhat, y);
        java.util.Arrays.fill(out, 0, y.length, 0.0);
    }

    @Override
    public double smoothness() {
        return Double.POSITIVE_INFINITY;
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
            v += s;
        }
        return v;
    }

    @Override
    public void dualPoint(double[] yhat, double[] y, double[] out) {
        Losses.requireSameLength("yhat", yhat, y);
        for (int k = 0; k < y.length; k++) {
            double m = y[k] * yhat[k];
            out[k] = m < 1 ? y[k] : (m > 1 ? 0 : 0.5 * y[k]);
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
