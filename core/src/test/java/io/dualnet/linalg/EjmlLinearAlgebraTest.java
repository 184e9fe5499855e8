package io.dualnet.linalg;

import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;

import static io.dualnet.linalg.LinalgTestSupport.assertClose;
import static io.dualnet.linalg.LinalgTestSupport.assertOrthonormalColumns;
import static io.dualnet.linalg.LinalgTestSupport.composeEigen;
import static io.dualnet.linalg.LinalgTestSupport.composeSvd;
import static org.assertj.core.api.Assertions.assertThat;

/** The EJML reference backend on small matrices whose decompositions are known by hand. */
class EjmlLinearAlgebraTest {

    /** Absolute tolerance for hand-computed values of order one. */
    private static final double ATOL = 1e-12;
    /** Relative tolerance for hand-computed values. */
    private static final double RTOL = 1e-12;

    private static final EjmlLinearAlgebra EJML = EjmlLinearAlgebra.INSTANCE;

    @Test
    void svdOfAPermutedDiagonalSortsTheSingularValues() {
        DMatrixRMaj a = new DMatrixRMaj(new double[][] {{1, 0, 0}, {0, 3, 0}, {0, 0, 2}});

        Svd svd = EJML.svd(a);

        assertClose("s", svd.s(), new double[] {3, 2, 1}, ATOL, RTOL);
        // The singular vector of 3 is +-e_1, of 2 is +-e_2, of 1 is +-e_0.
        int[] axis = {1, 2, 0};
        for (int j = 0; j < 3; j++) {
            assertClose("|U[" + axis[j] + "," + j + "]|", Math.abs(svd.u().get(axis[j], j)), 1, ATOL, RTOL);
            assertClose("|V[" + axis[j] + "," + j + "]|", Math.abs(svd.v().get(axis[j], j)), 1, ATOL, RTOL);
        }
        assertClose("U diag(s) V^T", composeSvd(svd), a, ATOL, RTOL);
        assertThat(svd.rank()).isEqualTo(3);
    }

    @Test
    void svdOfA2x2WithKnownSingularValues() {
        // A^T A = [[25, 20], [20, 25]] has eigenvalues 45 and 5, so s = (3 sqrt 5, sqrt 5).
        DMatrixRMaj a = new DMatrixRMaj(new double[][] {{3, 0}, {4, 5}});

        Svd svd = EJML.svd(a);

        assertClose("s", svd.s(), new double[] {3 * Math.sqrt(5), Math.sqrt(5)}, ATOL, RTOL);
        assertClose("singularValues", EJML.singularValues(a), svd.s(), ATOL, RTOL);
        // The right singular vectors are (1, 1)/sqrt 2 and (1, -1)/sqrt 2 up to sign.
        double inv = 1 / Math.sqrt(2);
        assertClose("|V[0,0]|", Math.abs(svd.v().get(0, 0)), inv, ATOL, RTOL);
        assertClose("V[0,0] V[1,0]", svd.v().get(0, 0) * svd.v().get(1, 0), 0.5, ATOL, RTOL);
        assertClose("V[0,1] V[1,1]", svd.v().get(0, 1) * svd.v().get(1, 1), -0.5, ATOL, RTOL);
        assertClose("U diag(s) V^T", composeSvd(svd), a, ATOL, RTOL);
        assertOrthonormalColumns("U", svd.u(), ATOL);
    }

    @Test
    void thinSvdOfAWideMatrix() {
        // Rows are orthogonal with norms 2 and 1.
        DMatrixRMaj a = new DMatrixRMaj(new double[][] {{0, 2, 0}, {1, 0, 0}});

        Svd svd = EJML.svd(a);

        assertThat(Matrices.shape(svd.u())).isEqualTo("2x2");
        assertThat(Matrices.shape(svd.v())).isEqualTo("3x2");
        assertClose("s", svd.s(), new double[] {2, 1}, ATOL, RTOL);
        assertClose("U diag(s) V^T", composeSvd(svd), a, ATOL, RTOL);
    }

    @Test
    void symmetricEigenOfA2x2ReadsTheLowerTriangle() {
        // [[2, 1], [1, 2]] has eigenvalues 3 and 1; the upper entry 99 must be ignored.
        DMatrixRMaj a = new DMatrixRMaj(new double[][] {{2, 99}, {1, 2}});

        SymmetricEigen eig = EJML.eigSymmetric(a);

        assertClose("values", eig.values(), new double[] {3, 1}, ATOL, RTOL);
        assertClose("Q diag(l) Q^T", composeEigen(eig), new DMatrixRMaj(new double[][] {{2, 1}, {1, 2}}), ATOL,
                RTOL);
        assertOrthonormalColumns("Q", eig.vectors(), ATOL);
    }

    @Test
    void multInAllTransposeCombinations() {
        DMatrixRMaj a = new DMatrixRMaj(new double[][] {{1, 2}, {3, 4}});
        DMatrixRMaj b = new DMatrixRMaj(new double[][] {{5, 6}, {7, 8}});

        assertClose("AB", EJML.mult(a, false, b, false), new DMatrixRMaj(new double[][] {{19, 22}, {43, 50}}), 0,
                0);
        assertClose("A^T B", EJML.mult(a, true, b, false), new DMatrixRMaj(new double[][] {{26, 30}, {38, 44}}), 0,
                0);
        assertClose("A B^T", EJML.mult(a, false, b, true), new DMatrixRMaj(new double[][] {{17, 23}, {39, 53}}), 0,
                0);
        assertClose("A^T B^T", EJML.mult(a, true, b, true), new DMatrixRMaj(new double[][] {{23, 31}, {34, 46}}), 0,
                0);
    }

    @Test
    void emptyMatricesGiveEmptyDecompositions() {
        Svd svd = EJML.svd(new DMatrixRMaj(0, 4));
        assertThat(svd.s()).isEmpty();
        assertThat(Matrices.shape(svd.u())).isEqualTo("0x0");
        assertThat(Matrices.shape(svd.v())).isEqualTo("4x0");
        assertThat(EJML.singularValues(new DMatrixRMaj(3, 0))).isEmpty();
    }
}
