package io.dualnet.closedform;

import io.dualnet.data.InvalidInputException;
import io.dualnet.linalg.Matrices;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Appendix D, Prop. 9, Figure 3. */
class StaircaseTest {
    private static final double PRINTED = 0.5e-4 + 1e-12;
    private static final double ATOL = 1e-12;
    private static final double RTOL = 1e-10;

    @Test
    void figureThreeExample() {
        Staircase s = Staircase.of(CommonOps_DDRM.identity(3), CommonOps_DDRM.diag(3, 2, 1), 5);
        double[] optimized = {5.1192, 6.3007, 7.7995, 9.6784};
        double[] atOne = {6.0, 10.0838, 17.1915, 29.4888};
        assertThat(s.levels()).isEqualTo(4);
        for (int l = 0; l < 4; l++) {
            assertThat(Math.abs(s.optimized(l) - optimized[l])).isLessThanOrEqualTo(PRINTED);
            assertThat(Math.abs(s.rescaled(l, 1) - atOne[l])).isLessThanOrEqualTo(PRINTED);
        }
    }

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(ints = {1, 2, 3, 4, 5, 6})
    void endsAreDualAndPrimalAndStepsIncrease(int seed) {
        Random rng = new Random(seed);
        int n = 4 + rng.nextInt(5);
        int d = 3 + rng.nextInt(4);
        int c = 2 + rng.nextInt(3);
        int depth = 2 + rng.nextInt(6);
        DMatrixRMaj x = Matrices.gaussian(n, d, 1, rng);
        DMatrixRMaj y = CommonOps_DDRM.mult(x, Matrices.gaussian(d, c, 1, rng), null);
        LinearMinNorm m = new LinearMinNorm(x, y, depth);
        Staircase s = m.staircase();
        assertClose(s.optimized(0), m.dual());
        assertClose(s.optimized(depth - 2), m.primal());
        assertClose(s.rescaled(0, 0.7), m.rescaledDual(0.7));
        assertClose(s.rescaled(depth - 2, 0.7), m.rescaledPrimal(0.7));
        double[] v = s.optimizedValues();
        for (int l = 1; l < v.length; l++) {
            assertThat(v[l]).isGreaterThan(v[l - 1]);
        }
        // min over t of ((L-2)/2) t^2 + D^(l)(t) is attained at the optimal scale.
        for (int l = 0; l < s.levels(); l++) {
            double t = s.optimalScale(l);
            assertClose(0.5 * (depth - 2) * t * t + s.rescaled(l, t), s.optimized(l));
            for (double f : new double[] {0.9, 1.1}) {
                assertThat(0.5 * (depth - 2) * t * t * f * f + s.rescaled(l, t * f))
                        .isGreaterThanOrEqualTo(s.optimized(l) - ATOL);
            }
        }
    }

    @Test
    void rankOneStaircaseIsFlat() {
        Staircase s = Staircase.fromSingularValues(new double[] {2.5, 0, 0}, 6);
        double[] v = s.optimizedValues();
        for (double value : v) {
            assertClose(value, v[0]);
        }
    }

    @Test
    void rejectsBadArguments() {
        assertThatThrownBy(() -> Staircase.fromSingularValues(new double[] {1}, 1))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("depth");
        assertThatThrownBy(() -> Staircase.fromSingularValues(new double[] {Double.NaN}, 3))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("singularValues[0]");
        Staircase s = Staircase.fromSingularValues(new double[] {1}, 3);
        assertThatThrownBy(() -> s.optimized(2)).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("0 <= l <= L-2 = 1");
    }

    private static void assertClose(double actual, double expected) {
        assertThat(Math.abs(actual - expected)).isLessThanOrEqualTo(ATOL + RTOL * Math.abs(expected));
    }
}
