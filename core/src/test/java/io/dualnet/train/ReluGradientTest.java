package io.dualnet.train;

import io.dualnet.linalg.Matrices;
import io.dualnet.loss.Loss;
import io.dualnet.net.TwoLayerReluNetwork;
import io.dualnet.net.TwoLayerReluProblem;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Central finite differences of {@link TwoLayerReluProblem#objective} (an independent implementation of the
 * objective) against {@link ReluGradient}, for every loss with and without bias, on problems small enough to stay
 * away from the ReLU's and the hinge's kinks at the sampled points.
 */
class ReluGradientTest {
    /** Central-difference step. */
    private static final double FD_STEP = 1e-6;
    /** Absolute part of the allowed gap between a finite difference and the analytic entry. */
    private static final double FD_ATOL = 1e-6;
    /** Relative part of that gap. */
    private static final double FD_RTOL = 1e-6;
    /** Allowed relative gap between the two implementations of the objective value. */
    private static final double VALUE_RTOL = 1e-12;
    private static final double BETA = 0.3;

    static Stream<Arguments> cases() {
        List<Arguments> out = new ArrayList<>();
        long seed = 500;
        for (String loss : new String[] {"squared", "logistic", "hinge"}) {
            for (boolean bias : new boolean[] {false, true}) {
                out.add(Arguments.of(loss, bias, seed++));
            }
        }
        return out.stream();
    }

    private static boolean close(double a, double b, double atol, double rtol) {
        return Math.abs(a - b) <= atol + rtol * Math.abs(b);
    }

    @ParameterizedTest(name = "{0} bias={1}")
    @MethodSource("cases")
    void gradientMatchesCentralDifferencesOfTheProblemObjective(String lossName, boolean bias, long seed) {
        Random rng = new Random(seed);
        int n = 9;
        int d = 4;
        int m = 5;
        Loss loss = Loss.named(lossName);
        DMatrixRMaj x = Matrices.gaussian(n, d, 1.0, rng);
        double[] y = new double[n];
        for (int k = 0; k < n; k++) {
            y[k] = loss.classification() ? (rng.nextBoolean() ? 1 : -1) : rng.nextGaussian();
        }
        TwoLayerReluProblem problem = new TwoLayerReluProblem(x, y, loss, BETA, bias);
        DMatrixRMaj u = Matrices.gaussian(problem.featureCount(), m, 0.8, rng);
        double[] alpha = new double[m];
        for (int j = 0; j < m; j++) {
            alpha[j] = 0.8 * rng.nextGaussian();
        }
        ReluGradient.Evaluation e = ReluGradient.evaluate(problem.featuresView(), y, loss, 1, BETA, u, alpha, true);
        double reference = problem.objective(new TwoLayerReluNetwork(u, alpha, bias));
        assertThat(close(e.value(), reference, 0, VALUE_RTOL)).as("value %s vs %s", e.value(), reference).isTrue();
        assertThat(e.finite()).isTrue();

        for (int i = 0; i < u.getNumElements(); i++) {
            double orig = u.data[i];
            u.data[i] = orig + FD_STEP;
            double plus = problem.objective(new TwoLayerReluNetwork(u, alpha, bias));
            u.data[i] = orig - FD_STEP;
            double minus = problem.objective(new TwoLayerReluNetwork(u, alpha, bias));
            u.data[i] = orig;
            double fd = (plus - minus) / (2 * FD_STEP);
            assertThat(close(fd, e.gradU().data[i], FD_ATOL, FD_RTOL))
                    .as("dU[%d]: finite difference %s, analytic %s", i, fd, e.gradU().data[i]).isTrue();
        }
        for (int j = 0; j < m; j++) {
            double orig = alpha[j];
            alpha[j] = orig + FD_STEP;
            double plus = problem.objective(new TwoLayerReluNetwork(u, alpha, bias));
            alpha[j] = orig - FD_STEP;
            double minus = problem.objective(new TwoLayerReluNetwork(u, alpha, bias));
            alpha[j] = orig;
            double fd = (plus - minus) / (2 * FD_STEP);
            assertThat(close(fd, e.gradAlpha()[j], FD_ATOL, FD_RTOL))
                    .as("dalpha[%d]: finite difference %s, analytic %s", j, fd, e.gradAlpha()[j]).isTrue();
        }
    }

    @ParameterizedTest(name = "{0} bias={1}")
    @MethodSource("cases")
    void lossScaleMultipliesTheLossTermOnly(String lossName, boolean bias, long seed) {
        Random rng = new Random(seed);
        Loss loss = Loss.named(lossName);
        DMatrixRMaj a = Matrices.gaussian(6, 3, 1.0, rng);
        double[] y = {1, -1, 1, 1, -1, -1};
        DMatrixRMaj u = Matrices.gaussian(3, 2, 1.0, rng);
        double[] alpha = {0.7, -1.1};
        double scale = 2.5;
        ReluGradient.Evaluation one = ReluGradient.evaluate(a, y, loss, 1, BETA, u, alpha, true);
        ReluGradient.Evaluation scaled = ReluGradient.evaluate(a, y, loss, scale, BETA, u, alpha, true);
        double reg = 0.5 * BETA * (Matrices.frobeniusSquared(u) + alpha[0] * alpha[0] + alpha[1] * alpha[1]);
        assertThat(close(scaled.value(), scale * (one.value() - reg) + reg, 1e-12, 1e-12)).isTrue();
        for (int i = 0; i < u.getNumElements(); i++) {
            double expected = scale * (one.gradU().data[i] - BETA * u.data[i]) + BETA * u.data[i];
            assertThat(close(scaled.gradU().data[i], expected, 1e-12, 1e-12)).isTrue();
        }
        for (int j = 0; j < 2; j++) {
            double expected = scale * (one.gradAlpha()[j] - BETA * alpha[j]) + BETA * alpha[j];
            assertThat(close(scaled.gradAlpha()[j], expected, 1e-12, 1e-12)).isTrue();
        }
        assertThat(ReluGradient.evaluate(a, y, loss, 1, BETA, u, alpha, false).gradU()).isNull();
    }
}
