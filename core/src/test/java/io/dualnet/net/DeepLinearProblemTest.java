package io.dualnet.net;

import io.dualnet.data.InvalidInputException;
import io.dualnet.linalg.MatrixDimensionException;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Validation and objective of problem (4). */
class DeepLinearProblemTest {
    private static final double ATOL = 1e-12;

    private static final DMatrixRMaj X = CommonOps_DDRM.identity(3);
    private static final DMatrixRMaj Y = CommonOps_DDRM.diag(3, 2, 1);

    @Test
    void rejectsMismatchedRows() {
        assertThatThrownBy(() -> new DeepLinearProblem(X, new DMatrixRMaj(4, 2), new int[] {2}, 0.1))
                .isInstanceOf(MatrixDimensionException.class)
                .hasMessageContaining("y").hasMessageContaining("4x2").hasMessageContaining("3x3");
    }

    @Test
    void rejectsNonFiniteData() {
        DMatrixRMaj bad = Y.copy();
        bad.set(1, 2, Double.NaN);
        assertThatThrownBy(() -> new DeepLinearProblem(X, bad, new int[] {2}, 0.1))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("y[1,2]").hasMessageContaining("NaN").hasMessageContaining("finite");
        DMatrixRMaj inf = X.copy();
        inf.set(0, 0, Double.POSITIVE_INFINITY);
        assertThatThrownBy(() -> new DeepLinearProblem(inf, Y, new int[] {2}, 0.1))
                .hasMessageContaining("x[0,0]").hasMessageContaining("Infinity");
    }

    @Test
    void rejectsNegativeOrNonFiniteGamma() {
        assertThatThrownBy(() -> new DeepLinearProblem(X, Y, new int[] {2}, -0.5))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("gamma").hasMessageContaining("-0.5").hasMessageContaining(">= 0");
        assertThatThrownBy(() -> new DeepLinearProblem(X, Y, new int[] {2}, Double.NaN))
                .hasMessageContaining("gamma");
    }

    @Test
    void rejectsDepthBelowTwoAndWidthsBelowOne() {
        assertThatThrownBy(() -> new DeepLinearProblem(X, Y, new int[0], 0.1))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("depth").hasMessageContaining(">= 2");
        assertThatThrownBy(() -> new DeepLinearProblem(X, Y, new int[] {3, 0}, 0.1))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("widths[1]")
                .hasMessageContaining(">= 1");
    }

    @Test
    void rejectsEmptyData() {
        assertThatThrownBy(() -> new DeepLinearProblem(new DMatrixRMaj(0, 3), new DMatrixRMaj(0, 3), new int[] {1}, 0))
                .isInstanceOf(MatrixDimensionException.class).hasMessageContaining("x");
    }

    @Test
    void objectiveOfHandBuiltWeights() {
        // H = 2, W_1 = I, W_2 = diag(2,1,0): Z = diag(2,1,0), loss = 1/2 (1 + 1 + 1) = 1.5,
        // regularizer = gamma/2 (||X W_1||_F^2 + ||W_2||_F^2) = 0.1/2 (3 + 5) = 0.4.
        DeepLinearProblem problem = new DeepLinearProblem(X, Y, new int[] {3}, 0.1);
        DeepLinearWeights w = new DeepLinearWeights(List.of(CommonOps_DDRM.identity(3), CommonOps_DDRM.diag(2, 1, 0)));
        assertThat(Math.abs(problem.loss(w) - 1.5)).isLessThanOrEqualTo(ATOL);
        assertThat(Math.abs(problem.regularizer(w) - 0.4)).isLessThanOrEqualTo(ATOL);
        assertThat(Math.abs(problem.objective(w) - 1.9)).isLessThanOrEqualTo(ATOL);
    }

    @Test
    void objectiveRejectsWeightsOfOtherShapes() {
        DeepLinearProblem problem = new DeepLinearProblem(X, Y, new int[] {2}, 0.1);
        DeepLinearWeights w = new DeepLinearWeights(List.of(CommonOps_DDRM.identity(3), CommonOps_DDRM.identity(3)));
        assertThatThrownBy(() -> problem.objective(w)).isInstanceOf(MatrixDimensionException.class)
                .hasMessageContaining("[3, 2, 3]");
    }

    @Test
    void problemIsImmutable() {
        DMatrixRMaj x = X.copy();
        int[] widths = {2};
        DeepLinearProblem problem = new DeepLinearProblem(x, Y, widths, 0.1);
        x.set(0, 0, 42);
        widths[0] = 7;
        problem.x().set(1, 1, 42);
        assertThat(problem.x().get(0, 0)).isEqualTo(1.0);
        assertThat(problem.x().get(1, 1)).isEqualTo(1.0);
        assertThat(problem.dMin()).isEqualTo(2);
    }

    @Test
    void hugeFiniteDataIsBadInputNotAnOverflowDeepInside() {
        DMatrixRMaj x = new DMatrixRMaj(new double[][] {{1, 0}, {0, 1e308}});
        assertThatThrownBy(() -> io.dualnet.linalg.Matrices.requireData("x", x))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage("invalid x[1,1] = 1.0E308: expected values of magnitude at most 1e+100 (larger ones "
                        + "overflow when squared; rescale the data)");
        assertThatThrownBy(() -> new DeepLinearProblem(x, CommonOps_DDRM.identity(2), new int[] {2}, 0.1))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("invalid x[1,1] = 1.0E308");
        assertThatThrownBy(() -> new DeepLinearProblem(CommonOps_DDRM.identity(2), x, new int[] {2}, 0.1))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("invalid y[1,1] = 1.0E308");
    }
}
