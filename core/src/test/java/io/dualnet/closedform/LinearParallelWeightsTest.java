package io.dualnet.closedform;

import io.dualnet.data.InvalidInputException;
import io.dualnet.net.ParallelLinearWeights;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** {@link ParallelLinearWeights}: predictions, objectives (12) and (14), validation. */
class LinearParallelWeightsTest {
    private static final double ATOL = 1e-12;

    private static DMatrixRMaj m(double[][] a) {
        return new DMatrixRMaj(a);
    }

    @Test
    void predictsTheSumOfBranchesAndEvaluatesBothObjectives() {
        // Branch 0: [1;0] * [2] * [3, 0]; branch 1: [0;1] * [1] * [0, 4]. Sum = diag(6, 4).
        List<DMatrixRMaj> b0 = List.of(m(new double[][] {{1}, {0}}),
                m(new double[][] {{2}}), m(new double[][] {{3, 0}}));
        List<DMatrixRMaj> b1 = List.of(m(new double[][] {{0}, {1}}),
                m(new double[][] {{1}}), m(new double[][] {{0, 4}}));
        ParallelLinearWeights w = new ParallelLinearWeights(List.of(b0, b1));
        DMatrixRMaj x = m(new double[][] {{1, 1}, {2, 0}});
        DMatrixRMaj expected = CommonOps_DDRM.mult(x, CommonOps_DDRM.diag(6, 4), null);
        assertThat(io.dualnet.linalg.Matrices.distance(w.predict(x), expected)).isLessThanOrEqualTo(ATOL);
        assertThat(w.weightDecayObjective()).isEqualTo(0.5 * (1 + 4 + 9 + 1 + 1 + 16));
        assertThat(Math.abs(w.powerObjective() - (1 + 8 + 27 + 1 + 1 + 64) / 3.0)).isLessThanOrEqualTo(ATOL);
        assertThat(w.depth()).isEqualTo(3);
        assertThat(w.branchCount()).isEqualTo(2);
    }

    @Test
    void copiesItsInput() {
        DMatrixRMaj first = m(new double[][] {{1}});
        ParallelLinearWeights w = new ParallelLinearWeights(List.of(List.of(first, m(new double[][] {{1}}))));
        first.set(0, 0, 5);
        w.layer(0, 1).set(0, 0, 7);
        assertThat(w.layer(0, 1).get(0, 0)).isEqualTo(1);
    }

    @Test
    void rejectsMalformedBranches() {
        DMatrixRMaj col = m(new double[][] {{1}, {1}});
        assertThatThrownBy(() -> new ParallelLinearWeights(List.of()))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("at least one branch");
        assertThatThrownBy(() -> new ParallelLinearWeights(List.of(List.of(col))))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("depth of branch 0");
        // m_{L-1} must be 1: a last layer with two rows.
        assertThatThrownBy(() -> new ParallelLinearWeights(List.of(List.of(m(new double[][] {{1, 0}, {0, 1}}),
                m(new double[][] {{1}, {1}}))))).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("m_{L-1} = 1");
        // Branches with different input dimension.
        assertThatThrownBy(() -> new ParallelLinearWeights(List.of(List.of(col, m(new double[][] {{1}})),
                List.of(m(new double[][] {{1}}), m(new double[][] {{1}}))))).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("W_{1,1}");
        assertThatThrownBy(() -> new ParallelLinearWeights(List.of(List.of(col, m(new double[][] {{Double.NaN}})))))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("W_{2,0}");
    }
}
