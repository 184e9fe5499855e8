package io.dualnet.loss;

/**
 * Squared loss {@code l(yhat, y) = 1/2 ||yhat - y||_2^2}, with {@code -l*(-lambda) = lambda^T y - 1/2 ||lambda||^2}
 * (paper 002, (1)-(2)).
 */
final class SquaredLoss implements Loss {

    @Override
    public String name() {
        return "squared";
    }

    @Override
    public boolean classification() {
        return false;
    }

    @Override
    public void validateLabels(String parameter, double[] y) {
        Losses.validate(parameter, y, false);
    }

    @Override
    public double value(double[] yhat, double[] y) {
        Losses.requireSameLength("yhat", yhat, y);
        double s = 0;
        for (int k = 0; k < y.length; k++) {
            double r = yhat[k] - y[k];
            s += r * r;
        }
        return 0.5 * s;
    }

    @Override
    public void gradient(double[] yhat, double[] y, double[] out) {
        Losses.requireSameLength("yhat", yhat, y);
        for (int k = 0; k < y.length; k++) {
            out[k] = yhat[k] - y[k];
        }
    }

    @Override
    public void secondDerivative(double[] yhat, double[] y, double[] out) {
        Losses.requireSameLength("yhat", yhat, y);
        java.util.Arrays.fill(out, 0, y.length, 1.0);
    }

    @Override
    public double smoothness() {
        return 1.0;
    }

    @Override
    public double dualValue(double[] lambda, double[] y) {
        Losses.requireSameLength("lambda", lambda, y);
        double s = 0;
        for (int k = 0; k < y.length; k++) {
            s += lambda[k] * y[k] - 0.5 * lambda[k] * lambda[k];
        }
        return s;
    }

    @Override
    public void dualPoint(double[] yhat, double[] y, double[] out) {
        Losses.requireSameLength("yhat", yhat, y);
        for (int k = 0; k < y.length; k++) {
            out[k] = y[k] - yhat[k];
        }
    }

    @Override
    public void projectDual(double[] lambda, double[] y) {
        // no constraint
    }

    @Override
    public String toString() {
        return name();
    }
}
