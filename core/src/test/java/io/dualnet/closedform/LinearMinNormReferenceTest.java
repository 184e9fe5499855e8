package io.dualnet.closedform;

import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

/** Spec §1.7 table for {@code X = I_3}, {@code Y = diag(3,2,1)}, and the equal-singular-value counter-example. */
class LinearMinNormReferenceTest {
    /** The table prints 4 decimals. */
    private static final double PRINTED = 0.5e-4 + 1e-12;
    private static final double ATOL = 1e-12;
    private static final double RTOL = 1e-12;

    @ParameterizedTest(name = "L = {0}")
    @CsvSource({
        "2, 2.4495, 6.0, 6.0",
        "3, 2.1604, 7.0012, 4.9529",
        "4, 2.0362, 8.2925, 4.8990",
        "5, 1.9676, 9.6784, 5.1192"})
    void matchesPrintedTable(int depth, double tStar, double primal, double dual) {
        LinearMinNorm m = new LinearMinNorm(CommonOps_DDRM.identity(3), CommonOps_DDRM.diag(3, 2, 1), depth);
        assertThat(Math.abs(m.optimalScale() - tStar)).isLessThanOrEqualTo(PRINTED);
        assertThat(Math.abs(m.primal() - primal)).isLessThanOrEqualTo(PRINTED);
        assertThat(Math.abs(m.dual() - dual)).isLessThanOrEqualTo(PRINTED);
        assertThat(Math.abs(m.parallelValue() - 6)).isLessThanOrEqualTo(PRINTED);
    }

    @ParameterizedTest(name = "L = {0}")
    @CsvSource({"2", "3", "4", "5"})
    void matchesExactFormulas(int depth) {
        LinearMinNorm m = new LinearMinNorm(CommonOps_DDRM.identity(3), CommonOps_DDRM.diag(3, 2, 1), depth);
        double p = 2.0 / depth;
        double powerSum = Math.pow(3, p) + Math.pow(2, p) + 1;
        assertClose(m.primal(), depth / 2.0 * powerSum);
        assertClose(m.dual(), depth / 2.0 * Math.pow(6, p));
        assertClose(m.optimalScale(), Math.pow(powerSum, 1.0 / 2));
        assertClose(m.parallelValue(), 6);
        assertClose(m.parallelWeightDecayValue(), m.primal());
        assertThat(m.gapVanishes()).isEqualTo(depth == 2);
        assertClose(m.rescaledPrimal(1), Math.pow(powerSum, depth / 2.0));
        assertClose(m.rescaledDual(1), 6);
    }

    @Test
    void equalSingularValuesStillHaveAGap() {
        LinearMinNorm m = new LinearMinNorm(CommonOps_DDRM.identity(2), CommonOps_DDRM.identity(2), 3);
        assertClose(m.primal(), 3);
        assertClose(m.dual(), 1.5 * Math.pow(2, 2.0 / 3));
        assertThat(m.gapVanishes()).isFalse();
        assertThat(m.gap()).isGreaterThan(0.6);
    }

    @Test
    void rankOneHasNoGap() {
        DMatrixRMaj y = new DMatrixRMaj(new double[][] {{2, 4}, {1, 2}, {0, 0}});
        LinearMinNorm m = new LinearMinNorm(CommonOps_DDRM.identity(3), y, 6);
        assertThat(m.rank()).isEqualTo(1);
        assertThat(m.gapVanishes()).isTrue();
        assertClose(m.dual(), m.primal());
    }

    @Test
    void zeroTargetIsZeroEverywhere() {
        LinearMinNorm m = new LinearMinNorm(CommonOps_DDRM.identity(2), new DMatrixRMaj(2, 3), 4);
        assertThat(m.rank()).isZero();
        assertThat(m.primal()).isZero();
        assertThat(m.dual()).isZero();
        assertThat(m.weights().predict(CommonOps_DDRM.identity(2)).data).containsOnly(0.0);
        assertThat(m.parallelWeights().powerObjective()).isZero();
    }

    private static void assertClose(double actual, double expected) {
        assertThat(Math.abs(actual - expected)).isLessThanOrEqualTo(ATOL + RTOL * Math.abs(expected));
    }
}
