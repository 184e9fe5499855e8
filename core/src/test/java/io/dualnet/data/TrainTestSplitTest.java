package io.dualnet.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.ArrayList;
import java.util.List;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TrainTestSplitTest {
    private static final long SEED = 3L;
    private static final int N = 20;

    /** Sample {@code i} has features {@code (i, -i)} and target {@code i}, so it can be traced. */
    private static LabeledData indexed(int n) {
        DMatrixRMaj x = new DMatrixRMaj(n, 2);
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            x.set(i, 0, i);
            x.set(i, 1, -i);
            y[i] = i;
        }
        return new LabeledData(x, y);
    }

    private static List<Integer> ids(LabeledData d) {
        List<Integer> out = new ArrayList<>();
        for (int i = 0; i < d.samples(); i++) {
            assertThat(d.x().get(i, 0)).isEqualTo(d.y()[i]);
            assertThat(d.x().get(i, 1)).isEqualTo(-d.y()[i]);
            out.add((int) d.y()[i]);
        }
        return out;
    }

    @ParameterizedTest
    @ValueSource(doubles = {0.05, 0.25, 0.5, 0.9})
    void partitionsTheSamplesWithRoundedSizes(double fraction) {
        TrainTestSplit s = TrainTestSplit.of(indexed(N), fraction, SEED);
        int test = (int) Math.round(N * fraction);
        assertThat(s.test().samples()).isEqualTo(test);
        assertThat(s.train().samples()).isEqualTo(N - test);
        List<Integer> all = new ArrayList<>(ids(s.train()));
        all.addAll(ids(s.test()));
        assertThat(all).containsExactlyInAnyOrderElementsOf(ids(indexed(N)));
    }

    @Test
    void sameSeedSameSplitOtherSeedOtherSplit() {
        LabeledData d = indexed(N);
        assertThat(ids(TrainTestSplit.of(d, 0.3, SEED).test())).isEqualTo(ids(TrainTestSplit.of(d, 0.3, SEED).test()));
        assertThat(ids(TrainTestSplit.of(d, 0.3, SEED).test()))
                .isNotEqualTo(ids(TrainTestSplit.of(d, 0.3, SEED + 1).test()));
        assertThat(ids(TrainTestSplit.of(d, 0.3, SEED).train())).isNotEqualTo(ids(d).subList(6, N));
    }

    @Test
    void rejectsFractionsThatLeaveAPartEmpty() {
        LabeledData d = indexed(N);
        assertThatThrownBy(() -> TrainTestSplit.of(d, 0, SEED))
                .isExactlyInstanceOf(InvalidInputException.class)
                .hasMessage("invalid testFraction = 0.0: expected a number in (0, 1)");
        assertThatThrownBy(() -> TrainTestSplit.of(d, Double.NaN, SEED)).isInstanceOf(InvalidInputException.class);
        assertThatThrownBy(() -> TrainTestSplit.of(d, 1, SEED)).isInstanceOf(InvalidInputException.class);
        assertThatThrownBy(() -> TrainTestSplit.of(d, 0.01, SEED))
                .isExactlyInstanceOf(InvalidInputException.class)
                .hasMessage("invalid testFraction = 0.01: expected a fraction that leaves at least one of the 20 "
                        + "samples in each part (it puts 0 into the test part)");
        assertThatThrownBy(() -> TrainTestSplit.of(indexed(1), 0.5, SEED)).isInstanceOf(InvalidInputException.class);
    }

    @Test
    void theFashionPairIsStandardisedWithTheTrainingStatistics() {
        assumeTrue(new FashionMnist().available(), "Fashion-MNIST not installed");
        TrainTestSplit pair = TrainTestSplit.fashionPair(200);
        assertThat(pair.train().samples()).isEqualTo(200);
        assertThat(pair.test().samples()).isEqualTo(2000);
        DMatrixRMaj x = pair.train().x();
        int busiest = 14 * 28 + 14;
        double mean = 0;
        double square = 0;
        for (int k = 0; k < x.numRows; k++) {
            mean += x.get(k, busiest) / x.numRows;
            square += x.get(k, busiest) * x.get(k, busiest) / x.numRows;
        }
        assertThat(Math.abs(mean)).isLessThan(1e-9);
        assertThat(Math.abs(square - mean * mean - 1)).isLessThan(1e-6);
        for (double label : pair.test().y()) {
            assertThat(Math.abs(label)).isEqualTo(1);
        }
    }
}
