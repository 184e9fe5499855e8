package io.dualnet.deeprelu;

import io.dualnet.data.InvalidInputException;
import io.dualnet.net.DeepReluNetwork;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.data.Offset.offset;

class SplineKinksTest {
    private static final double TOLERANCE = 1e-12;

    /** f(x) = 2 (x - k)_+ - (-x)_+ + 0.5: kinks at k and 0. */
    private static DeepReluNetwork twoKinks(double k) {
        return new DeepReluNetwork(List.of(new DMatrixRMaj(new double[][] {{1, -1}}),
                new DMatrixRMaj(new double[][] {{2}, {-1}})), Arrays.asList(new double[] {-k, 0}, new double[] {0.5}));
    }

    @Test
    void kinksAtTheDataAreAtDistanceZeroAndTheSplineIsReproduced() {
        double[] x = {-1, 0, 1, 2};
        DeepReluNetwork f = twoKinks(1);
        double[] y = SplineKinks.evaluate(f, x);
        SplineInterpolant s = new SplineInterpolant(x, y);
        SplineKinks.Result r = SplineKinks.measure(f, s, 0.5);
        assertThat(r.kinks()).containsExactly(0.0, 1.0);
        assertThat(r.slopeChanges()[0]).isCloseTo(1, offset(TOLERANCE));
        assertThat(r.slopeChanges()[1]).isCloseTo(2, offset(TOLERANCE));
        assertThat(r.maxRelativeDistance()).isZero();
        assertThat(r.nearDataShare()).isEqualTo(1);
        assertThat(r.supDistance()).isLessThan(TOLERANCE);
    }

    @Test
    void aKinkBetweenDataPointsIsMeasuredExactly() {
        double[] x = {-1, 0, 1, 2};
        double[] y = {-0.5, 0.5, 0.5, 2.5}; // the spline of twoKinks(1) at the data
        SplineInterpolant s = new SplineInterpolant(x, y);
        DeepReluNetwork f = twoKinks(0.5); // kink moved to 0.5
        SplineKinks.Result r = SplineKinks.measure(f, s, 0);
        assertThat(r.kinks()).containsExactly(0.0, 0.5);
        assertThat(r.relativeDistances()[1]).isCloseTo(0.5, offset(TOLERANCE));
        assertThat(r.maxRelativeDistance()).isCloseTo(0.5, offset(TOLERANCE));
        assertThat(r.nearDataShare()).isCloseTo(1.0 / 3, offset(TOLERANCE));
        // f(1) = 1.5 vs spline 0.5, f(2) = 3.5 vs 2.5: sup distance 1 on the hull [-1, 2], range 3
        assertThat(r.supDistance()).isCloseTo(1, offset(TOLERANCE));
        assertThat(r.relativeSupDistance()).isCloseTo(1.0 / 3, offset(TOLERANCE));
    }

    @Test
    void kinksOfDeeperLayersAreFoundThroughTheComposition() {
        // g(x) = 3((x)_+ - 0.5)_+ : layer 1 breaks at 0 where g is flat on both sides (no kink); layer 2 kinks at 0.5
        DeepReluNetwork g = new DeepReluNetwork(List.of(new DMatrixRMaj(new double[][] {{1}}),
                new DMatrixRMaj(new double[][] {{1}}), new DMatrixRMaj(new double[][] {{3}})),
                Arrays.asList(null, new double[] {-0.5}, null));
        SplineInterpolant s = new SplineInterpolant(new double[] {0, 0.5, 1}, new double[] {0, 0, 1.5});
        SplineKinks.Result r = SplineKinks.measure(g, s, 1);
        assertThat(r.kinks()).containsExactly(0.5);
        assertThat(r.supDistance()).isLessThan(TOLERANCE);
        assertThat(SplineKinks.breakpoints(g, -1, 2)).containsExactly(-1, 0, 0.5, 2);
    }

    @Test
    void splineValidatesItsData() {
        assertThatThrownBy(() -> new SplineInterpolant(new double[] {0, 0}, new double[] {1, 2}))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("distinct");
        SplineInterpolant s = new SplineInterpolant(new double[] {2, 0}, new double[] {4, 0});
        assertThat(s.value(3)).isEqualTo(6);
        assertThat(s.value(1)).isEqualTo(2);
        assertThat(s.distanceToData(1.5)).isEqualTo(0.5);
    }
}
