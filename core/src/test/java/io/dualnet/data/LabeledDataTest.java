package io.dualnet.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dualnet.loss.Losses;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;

/** {@link LabeledData} validation and {@link Metrics}. */
class LabeledDataTest {
    /** Tolerance on metrics computed by hand. */
    private static final double ATOL = 1e-15;
    private static final double RTOL = 1e-14;

    private static void assertClose(double actual, double expected) {
        assertThat(Math.abs(actual - expected)).isLessThanOrEqualTo(ATOL + RTOL * Math.abs(expected));
    }

    @Test
    void validatesShapesAndValues() {
        assertThatThrownBy(() -> new LabeledData(new DMatrixRMaj(2, 1), new double[3]))
                .isExactlyInstanceOf(InvalidInputException.class)
                .hasMessage("invalid y = 3 entries: expected one per sample (row) of x, which has 2");
        assertThatThrownBy(() -> new LabeledData(new DMatrixRMaj(0, 1), new double[0]))
                .isExactlyInstanceOf(InvalidInputException.class)
                .hasMessage("invalid x = a 0x1 matrix: expected at least one sample (row) and one feature (column)");
        assertThatThrownBy(() -> new LabeledData(new DMatrixRMaj(1, 1), new double[] {Double.NaN}))
                .isExactlyInstanceOf(InvalidInputException.class)
                .hasMessage("invalid y[0] = NaN: expected a finite number");
        assertThatThrownBy(() -> new LabeledData(null, new double[0]))
                .isExactlyInstanceOf(InvalidInputException.class).hasMessageContaining("invalid x = null");
    }

    @Test
    void rowsSelectsAndCopies() {
        LabeledData d = new LabeledData(new DMatrixRMaj(new double[][] {{1, 2}, {3, 4}, {5, 6}}),
                new double[] {-1, 1, 1});
        LabeledData r = d.rows(new int[] {2, 0, 2});
        assertThat(r.x().data).containsExactly(5, 6, 1, 2, 5, 6);
        assertThat(r.y()).containsExactly(1, -1, 1);
        assertThat(d.signCounts()).containsExactly(1, 2);
        assertThat(d.copy()).isEqualTo(d).isNotSameAs(d);
        assertThatThrownBy(() -> d.rows(new int[] {0, 3}))
                .isExactlyInstanceOf(InvalidInputException.class)
                .hasMessage("invalid rows[1] = 3: expected a sample index in [0, 3)");
    }

    @Test
    void accuracyCountsStrictSignAgreement() {
        double[] y = {1, -1, 1, -1};
        assertClose(Metrics.accuracy(new double[] {0.3, -2, -0.1, 0}, y), 0.5);
        assertClose(Metrics.accuracy(new double[] {1, -1, 1, -1}, y), 1);
        assertClose(Metrics.accuracy(new double[4], y), 0);
        assertThatThrownBy(() -> Metrics.accuracy(new double[] {1}, new double[] {0}))
                .isExactlyInstanceOf(InvalidInputException.class)
                .hasMessage("invalid y[0] = 0.0: expected a label in {-1, +1}");
        assertThatThrownBy(() -> Metrics.accuracy(new double[3], y))
                .isExactlyInstanceOf(InvalidInputException.class)
                .hasMessage("invalid yhat = 3 entries: expected 4 entries (one per sample)");
    }

    @Test
    void lossesAndMeanSquaredError() {
        double[] y = {1, -1};
        double[] yhat = {0.5, 1};
        assertClose(Metrics.meanSquaredError(yhat, y), (0.25 + 4) / 2);
        assertClose(Metrics.loss(Losses.SQUARED, yhat, y), 0.5 * (0.25 + 4));
        assertClose(Metrics.loss(Losses.HINGE, yhat, y), 0.5 + 2);
        assertClose(Metrics.meanLoss(Losses.HINGE, yhat, y), 1.25);
        assertClose(Metrics.loss(Losses.LOGISTIC, yhat, y), Math.log1p(Math.exp(-0.5)) + Math.log1p(Math.exp(1)));
        assertThatThrownBy(() -> Metrics.loss(Losses.HINGE, yhat, new double[] {1, 2}))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("y[1]");
        assertThatThrownBy(() -> Metrics.meanSquaredError(new double[0], new double[0]))
                .isInstanceOf(InvalidInputException.class).hasMessage("invalid y = 0 entries: expected at least one "
                        + "sample");
    }
}
