package io.dualnet.landscape;

import io.dualnet.data.InvalidInputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Figure 3 of Zhang, Shao, Salakhutdinov: the Minkowski average of k copies of the l_1/2 ball has Hausdorff distance
 * sqrt(2)/(4k) to its convex hull (the derivation in {@link MinkowskiAverage}), and its samples lie inside the hull.
 */
class ShapleyFolkmanMinkowskiTest {
    /** Polygon resolution error of the measured distances. */
    private static final double POLYGON_ATOL = 2e-3;

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 3, 10})
    void hausdorffDistanceIsSqrtTwoOverFourK(int k) {
        MinkowskiAverage m = new MinkowskiAverage(0.5);
        double expected = Math.sqrt(2) / (4 * k);
        assertThat(Math.abs(m.hausdorffToHull(k, 400) - expected)).isLessThanOrEqualTo(POLYGON_ATOL / k);
        assertThat(Math.abs(m.predictedHausdorffToHull(k, 400) - expected)).isLessThanOrEqualTo(POLYGON_ATOL / k);
    }

    /**
     * The derivation (all but one copy at a vertex) as a check independent of the boundary construction: averages
     * of k random points of the ball's boundary, the extreme points that could leave A_k's boundary if the claim
     * were false, all lie inside the computed boundary polygon of A_k.
     */
    @ParameterizedTest
    @ValueSource(ints = {2, 3, 5})
    void averagesOfBoundaryPointsStayInsideTheComputedBoundary(int k) {
        MinkowskiAverage m = new MinkowskiAverage(0.5);
        double[][] poly = m.boundary(k, 400);
        java.util.SplittableRandom rng = new java.util.SplittableRandom(k);
        for (int trial = 0; trial < 20_000; trial++) {
            double x = 0;
            double y = 0;
            int quadrant = rng.nextInt(4);
            for (int c = 0; c < k; c++) {
                double t = rng.nextDouble();
                x += (quadrant % 2 == 0 ? 1 : -1) * t * t / k;
                y += (quadrant / 2 == 0 ? 1 : -1) * (1 - t) * (1 - t) / k;
            }
            assertThat(MinkowskiAverage.distance(poly, x, y)).isLessThanOrEqualTo(1e-6);
        }
    }

    @Test
    void boundaryIsClosedAndInsideTheHullAndSamplesToo() {
        MinkowskiAverage m = new MinkowskiAverage(0.5);
        double[][] b = m.boundary(4, 20);
        int last = b[0].length - 1;
        assertThat(b[0][0]).isEqualTo(b[0][last]);
        assertThat(b[1][0]).isEqualTo(b[1][last]);
        for (int i = 0; i <= last; i++) {
            assertThat(Math.abs(b[0][i]) + Math.abs(b[1][i])).isLessThanOrEqualTo(1 + 1e-12);
        }
        double[][] s = m.sample(10, 500, 3);
        for (int i = 0; i < 500; i++) {
            assertThat(Math.abs(s[0][i]) + Math.abs(s[1][i])).isLessThanOrEqualTo(1 + 1e-12);
        }
        assertThat(new MinkowskiAverage(1).hausdorffToHull(1, 200)).isLessThanOrEqualTo(1e-12);
        assertThatThrownBy(() -> new MinkowskiAverage(1.5)).isInstanceOf(InvalidInputException.class);
    }
}
