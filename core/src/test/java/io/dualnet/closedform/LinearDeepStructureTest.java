package io.dualnet.closedform;

import io.dualnet.data.InvalidInputException;
import io.dualnet.linalg.Matrices;
import io.dualnet.net.DeepLinearWeights;
import io.dualnet.net.ParallelLinearWeights;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Tests of {@link DeepLinearStructure}: 003 Prop. 3.1, Thm 3.1 and Thm 3.3 (as the parallel relaxation). */
class LinearDeepStructureTest {
    private static final double FIT_ATOL = 1e-9;
    private static final double ATOL = 1e-10;
    private static final double RTOL = 1e-9;
    private static final double PRINTED = 0.5e-4 + 1e-12;

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(ints = {1, 2, 3, 4, 5, 6, 7, 8})
    void scalarOutputWeightsFitAndAttainBothConventions(int seed) {
        Random rng = new Random(seed);
        int n = 4 + rng.nextInt(5);
        int d = 2 + rng.nextInt(6);
        int depth = 2 + rng.nextInt(5);
        int[] widths = new int[depth - 1];
        for (int l = 0; l < widths.length; l++) {
            widths[l] = 1 + rng.nextInt(4);
        }
        DMatrixRMaj x = Matrices.gaussian(n, d, 1, rng);
        DMatrixRMaj y = CommonOps_DDRM.mult(x, Matrices.gaussian(d, 1, 1, rng), null);
        DeepLinearStructure.ScalarOutput s = DeepLinearStructure.scalarOutput(x, y, widths);
        LinearMinNorm reference = new LinearMinNorm(x, y, widths);

        assertClose(s.valueHalf(), reference.primal());
        assertClose(s.valueNoHalf(), depth * Math.pow(s.norm(), 2.0 / depth));
        assertClose(s.scale(), reference.optimalScale());
        for (DeepLinearWeights w : new DeepLinearWeights[] {s.rescaled(), s.balanced()}) {
            assertThat(w.widths()).containsExactly(concat(d, widths, 1));
            assertThat(Matrices.distance(w.predict(x), y)).isLessThanOrEqualTo(FIT_ATOL);
            for (double ratio : DeepLinearStructure.hiddenLayerNormRatios(w)) {
                assertClose(ratio, 1); // Prop. 3.1
            }
        }
        assertClose(LinearMinNormPropertyTest.halfSquaredNorm(s.balanced()), s.valueHalf());
        // Rescaled form: ||W_l||_F = t* for l <= L-2, unit W_{L-1}, ((L-2)/2) t*^2 + |w_L| = valueHalf.
        DeepLinearWeights r = s.rescaled();
        for (int l = 1; l <= depth - 2; l++) {
            assertClose(frobenius(r.layer(l)), s.scale());
        }
        assertClose(frobenius(r.layer(depth - 1)), 1);
        assertClose(0.5 * (depth - 2) * s.scale() * s.scale() + frobenius(r.layer(depth)), s.valueHalf());
        // Cor 3.1: the first layer alone fits y up to scale.
        DMatrixRMaj first = CommonOps_DDRM.mult(x, r.layer(1), null);
        DMatrixRMaj column = CommonOps_DDRM.extractColumn(first, 0, null);
        assertClose(Math.abs(cosine(column, y)), 1);
    }

    @Test
    void vectorOutputSolvesTheRelaxationNotTheStandardNetwork() {
        DeepLinearStructure.VectorOutput v = DeepLinearStructure.vectorOutput(CommonOps_DDRM.identity(3),
                CommonOps_DDRM.diag(3, 2, 1), 3);
        assertThat(Math.abs(v.relaxedValueHalf() - 4.9529)).isLessThanOrEqualTo(PRINTED);
        assertThat(Math.abs(v.standardValueHalf() - 7.0012)).isLessThanOrEqualTo(PRINTED);
        assertClose(DeepLinearStructure.relaxedObjective(v.weights()), v.relaxedValueHalf());
        assertThat(Matrices.distance(v.weights().predict(CommonOps_DDRM.identity(3)), CommonOps_DDRM.diag(3, 2, 1)))
                .isLessThanOrEqualTo(FIT_ATOL);
    }

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(ints = {1, 2, 3, 4, 5, 6})
    void vectorOutputRelaxationValueIsTheStandardDual(int seed) {
        Random rng = new Random(seed);
        int n = 6 + rng.nextInt(4);
        int d = 3 + rng.nextInt(4);
        int c = 2 + rng.nextInt(3);
        int depth = 2 + rng.nextInt(5);
        DMatrixRMaj x = Matrices.gaussian(n, d, 1, rng);
        DMatrixRMaj y = CommonOps_DDRM.mult(x, Matrices.gaussian(d, c, 1, rng), null);
        DeepLinearStructure.VectorOutput v = DeepLinearStructure.vectorOutput(x, y, depth);
        LinearMinNorm reference = new LinearMinNorm(x, y, depth);
        ParallelLinearWeights w = v.weights();
        assertThat(Matrices.distance(w.predict(x), y)).isLessThanOrEqualTo(FIT_ATOL);
        assertClose(DeepLinearStructure.relaxedObjective(w), reference.dual());
        assertClose(v.relaxedValueHalf(), reference.dual());
        assertClose(v.relaxedValueNoHalf(), 2 * reference.dual());
        assertClose(v.standardValueHalf(), reference.primal());
        if (depth >= 3 && reference.rank() >= 2) {
            assertThat(v.standardValueHalf()).isGreaterThan(v.relaxedValueHalf());
        }
        // Prop. 3.1 is specific to scalar output: the optimal standard weights of a rank >= 2 target are not rank one.
        double[] ratios = DeepLinearStructure.hiddenLayerNormRatios(reference.weights());
        for (double ratio : ratios) {
            assertThat(ratio).isLessThan(1 - 1e-6);
        }
    }

    @Test
    void rejectsBadInput() {
        assertThatThrownBy(() -> DeepLinearStructure.scalarOutput(CommonOps_DDRM.identity(2),
                CommonOps_DDRM.identity(2), new int[] {2})).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("one column");
        assertThatThrownBy(() -> DeepLinearStructure.scalarOutput(CommonOps_DDRM.identity(2),
                new DMatrixRMaj(2, 1), new int[0])).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("depth L");
        assertThatThrownBy(() -> DeepLinearStructure.vectorOutput(CommonOps_DDRM.identity(2),
                CommonOps_DDRM.identity(2), 1)).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("depth L");
    }

    private static int[] concat(int first, int[] middle, int last) {
        int[] out = new int[middle.length + 2];
        out[0] = first;
        System.arraycopy(middle, 0, out, 1, middle.length);
        out[out.length - 1] = last;
        return out;
    }

    private static double cosine(DMatrixRMaj a, DMatrixRMaj b) {
        double dot = 0;
        for (int i = 0; i < a.getNumElements(); i++) {
            dot += a.data[i] * b.data[i];
        }
        return dot / (frobenius(a) * frobenius(b));
    }

    private static double frobenius(DMatrixRMaj a) {
        return Math.sqrt(Matrices.frobeniusSquared(a));
    }

    private static void assertClose(double actual, double expected) {
        assertThat(Math.abs(actual - expected)).isLessThanOrEqualTo(ATOL + RTOL * Math.abs(expected));
    }
}
