package io.dualnet.solve;

import io.dualnet.net.TwoLayerReluNetwork;
import io.dualnet.net.TwoLayerReluProblem;
import org.ejml.data.DMatrixRMaj;

import java.util.Random;

/**
 * Plain full-batch gradient descent on the non-convex two-layer ReLU objective with the squared loss,
 * {@code 1/2 ||sum_j (X u_j)_+ alpha_j - y||^2 + (beta/2) sum_j (||u_j||^2 + alpha_j^2)}, from seeded random starts
 * (test support: an independent route to compare the convex optimum against).
 */
final class NonconvexGradientDescent {
    private NonconvexGradientDescent() {
    }

    /** The best network of {@code restarts} seeded runs of {@code steps} steps of size {@code step}. */
    static TwoLayerReluNetwork best(TwoLayerReluProblem problem, int neurons, int restarts, int steps, double step,
                                    long seed) {
        DMatrixRMaj x = problem.featuresView();
        double[] y = problem.yView();
        int n = x.numRows;
        int d = x.numCols;
        double beta = problem.beta();
        TwoLayerReluNetwork best = null;
        double bestValue = Double.POSITIVE_INFINITY;
        Random rng = new Random(seed);
        for (int r = 0; r < restarts; r++) {
            double[][] u = new double[neurons][d];
            double[] alpha = new double[neurons];
            for (int j = 0; j < neurons; j++) {
                for (int c = 0; c < d; c++) {
                    u[j][c] = 0.5 * rng.nextGaussian();
                }
                alpha[j] = 0.5 * rng.nextGaussian();
            }
            for (int t = 0; t < steps; t++) {
                double[][] z = new double[n][neurons];
                double[] res = new double[n];
                for (int k = 0; k < n; k++) {
                    double s = 0;
                    for (int j = 0; j < neurons; j++) {
                        double v = 0;
                        for (int c = 0; c < d; c++) {
                            v += x.data[k * d + c] * u[j][c];
                        }
                        z[k][j] = v;
                        s += Math.max(0, v) * alpha[j];
                    }
                    res[k] = s - y[k];
                }
                for (int j = 0; j < neurons; j++) {
                    double ga = beta * alpha[j];
                    double[] gu = new double[d];
                    for (int c = 0; c < d; c++) {
                        gu[c] = beta * u[j][c];
                    }
                    for (int k = 0; k < n; k++) {
                        if (z[k][j] > 0) {
                            ga += res[k] * z[k][j];
                            for (int c = 0; c < d; c++) {
                                gu[c] += res[k] * alpha[j] * x.data[k * d + c];
                            }
                        }
                    }
                    alpha[j] -= step * ga;
                    for (int c = 0; c < d; c++) {
                        u[j][c] -= step * gu[c];
                    }
                }
            }
            DMatrixRMaj um = new DMatrixRMaj(d, neurons);
            for (int j = 0; j < neurons; j++) {
                for (int c = 0; c < d; c++) {
                    um.set(c, j, u[j][c]);
                }
            }
            TwoLayerReluNetwork net = new TwoLayerReluNetwork(um, alpha, problem.bias());
            double value = problem.objective(net);
            if (value < bestValue) {
                bestValue = value;
                best = net;
            }
        }
        return best;
    }
}
