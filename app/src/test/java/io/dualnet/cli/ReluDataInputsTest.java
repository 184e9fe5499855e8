package io.dualnet.cli;

import io.dualnet.data.InvalidInputException;
import io.dualnet.data.Standardizer;
import io.dualnet.loss.Loss;
import io.dualnet.loss.Losses;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The relu2 commands' data: a validation part is held out before standardisation, which sees training data only. */
class ReluDataInputsTest {
    /** A standardized column's mean, zero up to rounding. */
    private static final double MEAN_ATOL = 1e-12;
    private static final Loss SQUARED = Losses.named("squared");

    private static ReluDataInputs teacher(boolean standardize) {
        ReluDataInputs d = new ReluDataInputs();
        d.generate = "teacher";
        d.samples = 50;
        d.dim = 3;
        d.fashion = new FashionOptions();
        d.fashion.classes = new int[] {0, 6};
        d.dataSeed = 1;
        d.standardize = standardize;
        return d;
    }

    private static double columnMean(DMatrixRMaj x, int j) {
        double m = 0;
        for (int i = 0; i < x.numRows; i++) {
            m += x.get(i, j) / x.numRows;
        }
        return m;
    }

    @Test
    void theValidationPartIsHeldOutBeforeTheStandardizerIsFitted() {
        ReluDataInputs.Loaded raw = teacher(false).load(SQUARED, 0.3, 7);
        ReluDataInputs.Loaded standardized = teacher(true).load(SQUARED, 0.3, 7);
        assertThat(raw.train().samples()).isEqualTo(standardized.train().samples()).isEqualTo(35);
        assertThat(standardized.validation().samples()).isEqualTo(15);
        assertThat(raw.standardizer()).isNull();
        Standardizer onTrainingOnly = Standardizer.fit(raw.train().x());
        assertThat(standardized.standardizer().means()).containsExactly(onTrainingOnly.means());
        assertThat(standardized.standardizer().scales()).containsExactly(onTrainingOnly.scales());
        assertThat(standardized.validation().x().data)
                .containsExactly(onTrainingOnly.apply(raw.validation().x()).data);
        for (int j = 0; j < 3; j++) {
            assertThat(Math.abs(columnMean(standardized.train().x(), j))).isLessThan(MEAN_ATOL);
        }
    }

    @Test
    void withoutAValidationShareThereIsNoValidationPart() {
        ReluDataInputs.Loaded loaded = teacher(true).load(SQUARED);
        assertThat(loaded.validation()).isNull();
        assertThat(loaded.train().samples()).isEqualTo(50);
    }

    @Test
    void aShareLeavingNoSampleOnOneSideIsNamed() {
        ReluDataInputs d = teacher(false);
        d.samples = 2;
        assertThatThrownBy(() -> d.load(SQUARED, 0.01, 7)).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("--validation-fraction");
    }
}
