package io.dualnet.opt;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;

/** The small solvers behind the multi-branch gap: the ellipsoid maximizer and the dense simplex, on known answers. */
class MultibranchSolversTest {

    /** max -|s - c|_1 - 0.5 |s|^2 ... use a concave piecewise-linear function with a known maximizer. */
    @ParameterizedTest
    @ValueSource(ints = {1, 2, 3, 4})
    void ellipsoidFindsTheMaximumOfAConcaveFunction(int n) {
        SplittableRandom rng = new SplittableRandom(n);
        double[] c = new double[n];
        for (int i = 0; i < n; i++) {
            c[i] = rng.nextGaussian();
        }
        // f(s) = 3 - sum_i |s_i - c_i| - ||s - c||_2: maximum 3 at s = c.
        EllipsoidMaximizer.Result r = EllipsoidMaximizer.maximize((s, g) -> {
            double v = 3;
            double norm = 0;
            for (int i = 0; i < n; i++) {
                v -= Math.abs(s[i] - c[i]);
                norm += (s[i] - c[i]) * (s[i] - c[i]);
            }
            norm = Math.sqrt(norm);
            for (int i = 0; i < n; i++) {
                g[i] = -Math.signum(s[i] - c[i]) - (norm > 0 ? (s[i] - c[i]) / norm : 0);
            }
            return v - norm;
        }, new double[n], 10, 1e-9, 20_000);
        assertThat(r.converged()).isTrue();
        assertThat(r.lowerBound()).isBetween(3 - 1e-8, 3.0);
        assertThat(r.upperBound()).isBetween(3.0 - 1e-12, 3 + 1e-8);
    }

    /** min -x - 2y s.t. x + y + s1 = 4, x + 3y + s2 = 6: optimum x = 3, y = 1, value -5, duals (-1/2, -1/2). */
    @Test
    void simplexSolvesASmallLinearProgram() {
        DenseSimplex lp = new DenseSimplex(new double[] {4, 6});
        int x = lp.addColumn(new double[] {1, 1}, -1);
        int y = lp.addColumn(new double[] {1, 3}, -2);
        int s1 = lp.addColumn(new double[] {1, 0}, 0);
        int s2 = lp.addColumn(new double[] {0, 1}, 0);
        lp.setBasis(new int[] {s1, s2});
        assertThat(lp.solve(100)).isEqualTo(DenseSimplex.Outcome.OPTIMAL);
        assertThat(lp.objective()).isCloseTo(-5, org.assertj.core.data.Offset.offset(1e-12));
        double[] v = lp.primal();
        assertThat(v[x]).isCloseTo(3, org.assertj.core.data.Offset.offset(1e-12));
        assertThat(v[y]).isCloseTo(1, org.assertj.core.data.Offset.offset(1e-12));
        double[] duals = new double[2];
        lp.duals(duals);
        assertThat(duals[0]).isCloseTo(-0.5, org.assertj.core.data.Offset.offset(1e-12));
        assertThat(duals[1]).isCloseTo(-0.5, org.assertj.core.data.Offset.offset(1e-12));
    }

    @Test
    void parallelMapKeepsIndexOrder() {
        assertThat(Parallel.map(100, 3, i -> i * i)).containsExactlyElementsOf(
                java.util.stream.IntStream.range(0, 100).map(i -> i * i).boxed().toList());
    }
}
