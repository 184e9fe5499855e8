package io.dualnet.train;

import io.dualnet.linalg.MatrixDimensionException;
import io.dualnet.linalg.Matrices;
import io.dualnet.net.DeepLinearProblem;
import io.dualnet.net.DeepLinearWeights;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/** Central finite differences of {@link DeepLinearProblem#objective} against {@link DeepLinearGradient}. */
class DeepLinearGradientPropertyTest {

    /** Central-difference step, relative to {@code max(1, |w|)}. */
    private static final double FD_STEP = 1e-5;
    /** Allowed gap between a finite difference and the analytic entry, relative to {@code 1 + |entry|}. */
    private static final double FD_TOLERANCE = 1e-6;
    /** Allowed relative gap between the gradient class's objective and the problem's own. */
    private static final double VALUE_TOLERANCE = 1e-12;

    static Stream<Arguments> cases() {
        List<Arguments> out = new ArrayList<>();
        long seed = 11;
        for (int depth : new int[] {2, 3, 4}) {
            for (double gamma : new double[] {0.0, 0.3}) {
                for (int rep = 0; rep < 2; rep++) {
                    out.add(Arguments.of(depth, gamma, seed++));
                }
            }
        }
        return out.stream();
    }

    @ParameterizedTest(name = "H={0} gamma={1} seed={2}")
    @MethodSource("cases")
    void gradientMatchesCentralDifferences(int depth, double gamma, long seed) {
        Random rng = new Random(seed);
        int n = 6 + rng.nextInt(3);
        int d0 = 3 + rng.nextInt(3);
        int dH = 2 + rng.nextInt(3);
        int[] hidden = new int[depth - 1];
        for (int i = 0; i < hidden.length; i++) {
            hidden[i] = 2 + rng.nextInt(3);
        }
        DMatrixRMaj x = Matrices.gaussian(n, d0, 1.0, rng);
        DMatrixRMaj y = Matrices.gaussian(n, dH, 1.0, rng);
        DeepLinearProblem problem = new DeepLinearProblem(x, y, hidden, gamma);
        int[] widths = problem.widths();
        List<DMatrixRMaj> layers = new ArrayList<>();
        for (int l = 1; l <= depth; l++) {
            layers.add(Matrices.gaussian(widths[l - 1], widths[l], 0.8, rng));
        }
        DeepLinearWeights w = new DeepLinearWeights(layers);

        DeepLinearGradient.Evaluation eval = new DeepLinearGradient(problem).evaluate(w);

        double reference = problem.objective(w);
        assertThat(eval.objective()).isCloseTo(reference, within(VALUE_TOLERANCE * (1 + reference)));
        assertThat(eval.loss()).isCloseTo(problem.loss(w), within(VALUE_TOLERANCE * (1 + reference)));
        assertThat(eval.regularizer()).isCloseTo(problem.regularizer(w), within(VALUE_TOLERANCE * (1 + reference)));
        assertThat(eval.gradient()).hasSize(depth);

        for (int l = 1; l <= depth; l++) {
            DMatrixRMaj g = eval.gradient(l);
            assertThat(g.numRows).isEqualTo(widths[l - 1]);
            assertThat(g.numCols).isEqualTo(widths[l]);
            for (int i = 0; i < g.getNumElements(); i++) {
                double wi = layers.get(l - 1).data[i];
                double step = FD_STEP * Math.max(1, Math.abs(wi));
                double plus = problem.objective(perturbed(layers, l, i, step));
                double minus = problem.objective(perturbed(layers, l, i, -step));
                double fd = (plus - minus) / (2 * step);
                assertThat(g.data[i])
                        .as("dF/dW_%d[%d]", l, i)
                        .isCloseTo(fd, within(FD_TOLERANCE * (1 + Math.abs(fd))));
            }
        }
    }

    @Test
    void argumentsAreNotModified() {
        Random rng = new Random(5);
        DeepLinearProblem problem = new DeepLinearProblem(Matrices.gaussian(5, 4, 1, rng),
                Matrices.gaussian(5, 3, 1, rng), new int[] {2, 3}, 0.3);
        List<DMatrixRMaj> layers = List.of(Matrices.gaussian(4, 2, 1, rng), Matrices.gaussian(2, 3, 1, rng),
                Matrices.gaussian(3, 3, 1, rng));
        List<DMatrixRMaj> before = layers.stream().map(DMatrixRMaj::copy).toList();
        DeepLinearGradient gradient = new DeepLinearGradient(problem);
        DeepLinearGradient.Evaluation e1 = gradient.evaluateLayers(layers);
        DeepLinearGradient.Evaluation e2 = gradient.evaluateLayers(layers);
        for (int l = 0; l < layers.size(); l++) {
            assertThat(layers.get(l).data).containsExactly(before.get(l).data);
            assertThat(e1.gradient().get(l).data).containsExactly(e2.gradient().get(l).data);
        }
        assertThat(e1.objective()).isEqualTo(e2.objective());
        assertThat(gradient.value(new DeepLinearWeights(layers)))
                .isCloseTo(e1.objective(), within(VALUE_TOLERANCE * (1 + e1.objective())));
    }

    @Test
    void wrongShapesAreRejected() {
        Random rng = new Random(6);
        DeepLinearProblem problem = new DeepLinearProblem(Matrices.gaussian(5, 4, 1, rng),
                Matrices.gaussian(5, 3, 1, rng), new int[] {2}, 0.1);
        DeepLinearWeights wrong = new DeepLinearWeights(
                List.of(Matrices.gaussian(4, 3, 1, rng), Matrices.gaussian(3, 3, 1, rng)));
        assertThatThrownBy(() -> new DeepLinearGradient(problem).evaluate(wrong))
                .isInstanceOf(MatrixDimensionException.class);
    }

    private static DeepLinearWeights perturbed(List<DMatrixRMaj> layers, int l, int i, double delta) {
        List<DMatrixRMaj> copy = DeepLinearGradient.copyLayers(layers);
        copy.get(l - 1).data[i] += delta;
        return new DeepLinearWeights(copy);
    }
}
