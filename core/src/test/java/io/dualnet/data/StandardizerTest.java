package io.dualnet.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;

class StandardizerTest {
    private static final long SEED = 11L;
    /** Absolute tolerance on means and standard deviations of standardized columns. */
    private static final double ATOL = 1e-12;
    /** Relative tolerance on reconstructed entries. */
    private static final double RTOL = 1e-12;

    private static boolean close(double a, double b) {
        return Math.abs(a - b) <= ATOL + RTOL * Math.abs(b);
    }

    @Test
    void trainingColumnsGetZeroMeanAndUnitVariance() {
        int n = 50;
        int d = 4;
        DMatrixRMaj x = Generators.gaussian(n, d, SEED);
        for (int i = 0; i < n; i++) {
            x.set(i, 1, 100 + 7 * x.get(i, 1));
            x.set(i, 3, 0.1);
        }
        Standardizer s = Standardizer.fit(x);
        DMatrixRMaj z = s.apply(x);
        assertThat(s.constant()).containsExactly(false, false, false, true);
        for (int j = 0; j < d; j++) {
            double mean = 0;
            double sq = 0;
            for (int i = 0; i < n; i++) {
                mean += z.get(i, j) / n;
            }
            for (int i = 0; i < n; i++) {
                sq += (z.get(i, j) - mean) * (z.get(i, j) - mean) / n;
            }
            assertThat(close(mean, 0)).as("mean of column %d = %s", j, mean).isTrue();
            assertThat(close(sq, j == 3 ? 0 : 1)).as("variance of column %d = %s", j, sq).isTrue();
        }
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < d; j++) {
                double back = z.get(i, j) * s.scales()[j] + s.means()[j];
                assertThat(close(back, x.get(i, j))).isTrue();
            }
        }
    }

    @Test
    void testDataUsesTheTrainingStatistics() {
        DMatrixRMaj train = new DMatrixRMaj(new double[][] {{0, 5}, {2, 5}});
        DMatrixRMaj test = new DMatrixRMaj(new double[][] {{4, 7}});
        Standardizer s = Standardizer.fit(new LabeledData(train, new double[] {1, -1}));
        assertThat(s.means()).containsExactly(1, 5);
        assertThat(s.scales()).containsExactly(1, 1);
        assertThat(s.constant()).containsExactly(false, true);
        assertThat(s.apply(test).data).containsExactly(3, 2);
        LabeledData applied = s.apply(new LabeledData(test, new double[] {1}));
        assertThat(applied.y()).containsExactly(1);
        assertThat(applied.x().data).containsExactly(3, 2);
        assertThat(train.data).containsExactly(0, 5, 2, 5);
    }

    @Test
    void rejectsOtherWidthsAndNonFiniteInput() {
        Standardizer s = Standardizer.fit(Generators.gaussian(3, 2, SEED));
        assertThat(s.features()).isEqualTo(2);
        assertThatThrownBy(() -> s.apply(new DMatrixRMaj(1, 3)))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage("invalid x = a 1x3 matrix: expected 2 columns, as the data the standardizer was fitted on");
        DMatrixRMaj bad = new DMatrixRMaj(2, 2);
        bad.set(1, 0, Double.NaN);
        assertThatThrownBy(() -> Standardizer.fit(bad))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("element [1, 0] = NaN");
    }

    @Test
    void aStandardizerRestoredFromItsMeansAndScalesAppliesTheSameTransform() {
        DMatrixRMaj train = Generators.gaussian(20, 3, SEED);
        DMatrixRMaj test = Generators.gaussian(5, 3, SEED + 1);
        Standardizer fitted = Standardizer.fit(train);
        Standardizer restored = Standardizer.of(fitted.means(), fitted.scales());
        assertThat(restored.features()).isEqualTo(3);
        assertThat(restored.apply(test).data).containsExactly(fitted.apply(test).data);
        assertThat(restored.constant()).containsExactly(false, false, false);
    }

    @Test
    void restoringRejectsMismatchedLengthsAndBadScales() {
        assertThatThrownBy(() -> Standardizer.of(new double[] {0, 1}, new double[] {1}))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage("invalid scale = 1 entries: expected 2, one per mean");
        assertThatThrownBy(() -> Standardizer.of(new double[] {0, 1}, new double[] {1, 0}))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("scale[1] = 0.0");
        assertThatThrownBy(() -> Standardizer.of(new double[] {Double.NaN}, new double[] {1}))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("mean[0] = NaN");
        assertThatThrownBy(() -> Standardizer.of(new double[0], new double[0]))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("mean");
    }
}
