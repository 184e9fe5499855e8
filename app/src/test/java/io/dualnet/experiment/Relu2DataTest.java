package io.dualnet.experiment;

import io.dualnet.data.FashionMnist;
import io.dualnet.data.PlantedRelu;
import io.dualnet.loss.Losses;
import io.dualnet.net.TwoLayerReluNetwork;
import io.dualnet.net.TwoLayerReluProblem;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** The one data loader of the relu2 grids. */
class Relu2DataTest {
    /** Mean and unit variance of a standardised training column, up to rounding. */
    private static final double STANDARD_TOL = 1e-9;

    @Test
    void teacherIsThePlantedReluDataWithoutTestSet() {
        Relu2Data d = Relu2Data.of(false, 30, 4, true, 7);
        assertThat(d.test()).isNull();
        assertThat(d.train().x().data).containsExactly(PlantedRelu.generate(30, 4, Relu2Data.TEACHER_NEURONS,
                Relu2Data.TEACHER_NOISE, true, 7).x().data);
        assertThat(d.train().y()).containsOnly(-1.0, 1.0);
        assertThat(Relu2Data.of(false, 30, 4, true, 7).train().y()).containsExactly(d.train().y());
        TwoLayerReluNetwork zero = new TwoLayerReluNetwork(new DMatrixRMaj(5, 1), new double[1], true);
        assertThat(d.testAccuracy(zero)).isNaN();
        TwoLayerReluProblem p = d.problem(Losses.LOGISTIC, 0.5, true);
        assertThat(p.samples()).isEqualTo(30);
        assertThat(p.featureCount()).isEqualTo(5);
        assertThat(p.beta()).isEqualTo(0.5);
    }

    @Test
    void fashionIsStandardisedWithTheTrainingStatisticsAndTestedOnTheT10kPair() {
        Assumptions.assumeTrue(new FashionMnist().available(), "Fashion-MNIST not installed (.ci/install-datasets)");
        Relu2Data d = Relu2Data.of(true, 200, 0, false, 1);
        assertThat(d.train().samples()).isEqualTo(200);
        assertThat(d.test().samples()).isEqualTo(2000);
        assertThat(d.test().x().numCols).isEqualTo(FashionMnist.PIXELS);
        assertThat(d.test().y()).containsOnly(-1.0, 1.0);
        DMatrixRMaj x = d.train().x();
        int column = 400;                                  // a centre pixel, not constant over 200 images
        double mean = 0;
        double square = 0;
        for (int i = 0; i < x.numRows; i++) {
            mean += x.get(i, column) / x.numRows;
            square += x.get(i, column) * x.get(i, column) / x.numRows;
        }
        assertThat(mean).isCloseTo(0, within(STANDARD_TOL));
        assertThat(square).isCloseTo(1, within(STANDARD_TOL));
        // The all-zero network predicts 0 everywhere: sign 0 is never correct.
        TwoLayerReluNetwork zero = new TwoLayerReluNetwork(new DMatrixRMaj(FashionMnist.PIXELS, 1), new double[1],
                false);
        assertThat(d.testAccuracy(zero)).isZero();
    }
}
