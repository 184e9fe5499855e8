package io.dualnet.landscape.plane;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The convexity statistics on surfaces with known answers: a convex quadratic (gap near 0, every Hessian PSD, one
 * minimum), a double well (a gap, non-PSD points, two minima), and the envelope of a 1-D-like "W" whose envelope is
 * known in closed form.
 */
class SurfaceConvexityTest {
    private static final double CONVEX_GAP = 1e-3;

    @Test
    void convexQuadraticHasNoGap() {
        SurfaceConvexity c = SurfaceConvexity.of(surface(41, (a, b) -> a * a + 0.5 * a * b + 2 * b * b + 0.3 * a));
        assertThat(c.envelopeGap()).isLessThan(CONVEX_GAP);
        assertThat(c.maxEnvelopeGap()).isLessThan(10 * CONVEX_GAP);
        assertThat(c.psdFraction()).isEqualTo(1.0);
        assertThat(c.localMinima()).isEqualTo(1);
    }

    @Test
    void doubleWellHasAGapAndTwoMinima() {
        SurfaceConvexity c = SurfaceConvexity.of(surface(41, (a, b) -> (a * a - 0.5) * (a * a - 0.5) + b * b));
        assertThat(c.envelopeGap()).isGreaterThan(0.02);
        assertThat(c.psdFraction()).isLessThan(0.8);
        assertThat(c.localMinima()).isEqualTo(2);
    }

    @Test
    void envelopeOfAWellIsItsFlatBottom() {
        // f = (a^2 - 1/4)^2 on [-1, 1]: the envelope is 0 on |a| <= 1/2, so the gap at a = 0 is 1/16.
        int g = 41;
        Surface s = surface(g, (a, b) -> (a * a - 0.25) * (a * a - 0.25));
        double[][] env = SurfaceConvexity.envelope(s.loss(), s.alphas());
        assertThat(env[20][20]).isCloseTo(0.0, org.assertj.core.data.Offset.offset(2e-3));
        assertThat(s.loss()[20][20] - env[20][20]).isCloseTo(1.0 / 16, org.assertj.core.data.Offset.offset(2e-3));
        assertThat(env[20][0]).isCloseTo(s.loss()[20][0], org.assertj.core.data.Offset.offset(1e-12));
    }

    private interface F {
        double at(double a, double b);
    }

    private static Surface surface(int g, F f) {
        double[] c = new SurfaceGrid(g, 1).coordinates();
        double[][] v = new double[g][g];
        for (int j = 0; j < g; j++) {
            for (int i = 0; i < g; i++) {
                v[j][i] = f.at(c[i], c[j]);
            }
        }
        return new Surface(c, c.clone(), v, 0);
    }
}
