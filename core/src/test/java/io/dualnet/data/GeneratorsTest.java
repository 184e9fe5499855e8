package io.dualnet.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;

class GeneratorsTest {
    private static final long SEED = 42L;
    /** First three N(0, 1) draws of {@code new Random(42)}, fixed by the java.util.Random specification. */
    private static final double[] GOLDEN = {1.1419053154730547, 0.9194079489827879, -0.9498666368908959};
    private static final int SAMPLE_ROWS = 200;
    private static final int SAMPLE_COLS = 500;
    /** Five standard errors of the sample mean and variance of 100000 N(0, 1) draws. */
    private static final double MEAN_TOLERANCE = 5 / Math.sqrt(SAMPLE_ROWS * SAMPLE_COLS);
    private static final double VARIANCE_TOLERANCE = 5 * Math.sqrt(2.0 / (SAMPLE_ROWS * SAMPLE_COLS));

    @Test
    void gaussianIsReproducibleAndFilledRowByRow() {
        DMatrixRMaj m = Generators.gaussian(1, 3, SEED);
        assertThat(m.data).containsExactly(GOLDEN);
        DMatrixRMaj column = Generators.gaussian(3, 1, SEED);
        assertThat(column.data).containsExactly(GOLDEN);
        assertThat(Generators.gaussian(4, 5, 7L).data).containsExactly(Generators.gaussian(4, 5, 7L).data);
        assertThat(Generators.gaussian(4, 5, 7L).data).isNotEqualTo(Generators.gaussian(4, 5, 8L).data);
    }

    @Test
    void gaussianHasStandardNormalMoments() {
        DMatrixRMaj m = Generators.gaussian(SAMPLE_ROWS, SAMPLE_COLS, SEED);
        double sum = 0;
        double sumSq = 0;
        for (double v : m.data) {
            sum += v;
            sumSq += v * v;
        }
        int n = m.data.length;
        double mean = sum / n;
        assertThat(mean).isCloseTo(0.0, within(MEAN_TOLERANCE));
        assertThat(sumSq / n - mean * mean).isCloseTo(1.0, within(VARIANCE_TOLERANCE));
    }

    @Test
    void gaussianRejectsBadShape() {
        assertThatThrownBy(() -> Generators.gaussian(0, 3, SEED))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage("invalid rows = 0: expected an integer >= 1");
        assertThatThrownBy(() -> Generators.gaussian(3, -1, SEED))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage("invalid cols = -1: expected an integer >= 1");
        assertThatThrownBy(() -> Generators.gaussian(100_000, 100_000, SEED))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("rows x cols").hasMessageContaining("100000 x 100000")
                .hasMessageContaining("at most");
    }

    @Test
    void identityHasOnesOnTheDiagonal() {
        DMatrixRMaj id = Generators.identity(3);
        assertThat(id.data).containsExactly(1, 0, 0, 0, 1, 0, 0, 0, 1);
        assertThat(Generators.identity(1).data).containsExactly(1);
        assertThatThrownBy(() -> Generators.identity(0))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage("invalid n = 0: expected an integer >= 1");
    }
}
