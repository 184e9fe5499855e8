package io.dualnet.linalg;

import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.Locale;
import java.util.stream.Stream;

import static io.dualnet.linalg.LinalgTestSupport.absProduct;
import static io.dualnet.linalg.LinalgTestSupport.assertClose;
import static io.dualnet.linalg.LinalgTestSupport.assertOrthonormalColumns;
import static io.dualnet.linalg.LinalgTestSupport.composeEigen;
import static io.dualnet.linalg.LinalgTestSupport.composeSvd;
import static io.dualnet.linalg.LinalgTestSupport.gaussian;
import static io.dualnet.linalg.LinalgTestSupport.gram;
import static io.dualnet.linalg.LinalgTestSupport.lowRank;
import static io.dualnet.linalg.LinalgTestSupport.maxAbs;
import static io.dualnet.linalg.LinalgTestSupport.symmetricIndefinite;
import static io.dualnet.linalg.LinalgTestSupport.withOversizedData;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The native OpenBLAS/LAPACK backend against the EJML reference, on seeded random matrices. */
class LinearAlgebraCrossBackendTest {

    /** Decomposition accuracy, relative to the largest singular value / eigenvalue / norm of the input. */
    private static final double DECOMPOSITION_RTOL = 1e-10;
    /** Absolute tolerance on {@code Q^T Q - I}. */
    private static final double ORTHONORMALITY_ATOL = 1e-10;
    /** GEMM accuracy, relative to {@code |op(A)| |op(B)|} entrywise (the classical rounding-error bound). */
    private static final double GEMM_RTOL = 1e-12;
    /** Columns of the second factor in the GEMM tests. */
    private static final int GEMM_COLS = 13;

    private static final EjmlLinearAlgebra EJML = EjmlLinearAlgebra.INSTANCE;

    /** Shapes: rows, cols, rank (-1 for a full-rank Gaussian matrix), seed. */
    static Stream<Arguments> shapes() {
        return Stream.of(
                Arguments.of(1, 1, -1, 11L),
                Arguments.of(1, 7, -1, 12L),
                Arguments.of(7, 1, -1, 13L),
                Arguments.of(30, 5, -1, 14L),
                Arguments.of(5, 30, -1, 15L),
                Arguments.of(64, 64, -1, 16L),
                Arguments.of(150, 90, -1, 17L),
                Arguments.of(40, 40, 3, 18L));
    }

    private static DMatrixRMaj matrix(int rows, int cols, int rank, long seed) {
        return rank < 0 ? gaussian(rows, cols, seed) : lowRank(rows, cols, rank, seed);
    }

    private static LinearAlgebra nativeOrSkip() {
        LinearAlgebra nat = Linalg.nativeBackend();
        Assumptions.assumeTrue(nat != null, "native backend unavailable on this machine");
        return nat;
    }

    @Test
    void nativeBackendLoadsOnLinuxX86_64() {
        String os = System.getProperty("os.name").toLowerCase(Locale.ROOT);
        String arch = System.getProperty("os.arch").toLowerCase(Locale.ROOT);
        Assumptions.assumeTrue(os.startsWith("linux") && (arch.equals("amd64") || arch.equals("x86_64")),
                "natives are only shipped for linux-x86_64 in this build");
        Assumptions.assumeFalse("false".equalsIgnoreCase(System.getProperty("dualnet.native")),
                "native code disabled by -Ddualnet.native=false");
        assertThat(Linalg.nativeBackend()).as("native backend on linux-x86_64").isNotNull();
        assertThat(Linalg.nativeBackend().name()).startsWith("openblas");
    }

    @ParameterizedTest(name = "{0}x{1} rank {2}")
    @MethodSource("shapes")
    void svdMatchesEjmlAndIsAValidDecomposition(int rows, int cols, int rank, long seed) {
        LinearAlgebra nat = nativeOrSkip();
        DMatrixRMaj a = matrix(rows, cols, rank, seed);
        DMatrixRMaj before = a.copy();

        Svd expected = EJML.svd(a);
        Svd actual = nat.svd(a);

        double sMax = expected.s()[0];
        assertClose("singular values", actual.s(), expected.s(), DECOMPOSITION_RTOL * sMax, 0);
        assertValidSvd("native", a, actual);
        assertValidSvd("ejml", a, expected);
        if (rank >= 0) {
            assertThat(actual.rank()).as("numerical rank").isEqualTo(rank);
        }
        assertClose("input untouched", a, before, 0, 0);
    }

    @ParameterizedTest(name = "{0}x{1} rank {2}")
    @MethodSource("shapes")
    void singularValuesEqualThoseOfTheFullSvd(int rows, int cols, int rank, long seed) {
        LinearAlgebra nat = nativeOrSkip();
        DMatrixRMaj a = matrix(rows, cols, rank, seed);
        DMatrixRMaj before = a.copy();

        double[] values = nat.singularValues(a);
        double[] fromSvd = nat.svd(a).s();

        assertClose("singularValues vs svd().s", values, fromSvd, DECOMPOSITION_RTOL * fromSvd[0], 0);
        assertClose("singularValues vs ejml", values, EJML.singularValues(a), DECOMPOSITION_RTOL * fromSvd[0], 0);
        assertClose("input untouched", a, before, 0, 0);
    }

    @ParameterizedTest(name = "{0}x{1} rank {2}")
    @MethodSource("shapes")
    void symmetricEigenMatchesEjmlAndIsAValidDecomposition(int rows, int cols, int rank, long seed) {
        LinearAlgebra nat = nativeOrSkip();
        DMatrixRMaj a = matrix(rows, cols, rank, seed);
        for (DMatrixRMaj sym : new DMatrixRMaj[] {gram(a), symmetricIndefinite(cols, seed + 1000)}) {
            DMatrixRMaj before = sym.copy();
            SymmetricEigen expected = EJML.eigSymmetric(sym);
            SymmetricEigen actual = nat.eigSymmetric(sym);

            double scale = maxAbs(expected.values());
            assertClose("eigenvalues", actual.values(), expected.values(), DECOMPOSITION_RTOL * scale, 0);
            assertValidEigen("native", sym, actual);
            assertValidEigen("ejml", sym, expected);
            assertClose("input untouched", sym, before, 0, 0);
        }
    }

    @ParameterizedTest(name = "{0}x{1} rank {2}")
    @MethodSource("shapes")
    void symmetricEigenReadsOnlyTheLowerTriangle(int rows, int cols, int rank, long seed) {
        LinearAlgebra nat = nativeOrSkip();
        DMatrixRMaj sym = symmetricIndefinite(cols, seed);
        DMatrixRMaj garbage = sym.copy();
        for (int i = 0; i < cols; i++) {
            for (int j = i + 1; j < cols; j++) {
                garbage.set(i, j, 1e6 * (i + 2 * j));
            }
        }
        SymmetricEigen clean = nat.eigSymmetric(sym);
        SymmetricEigen dirty = nat.eigSymmetric(garbage);

        assertClose("eigenvalues", dirty.values(), clean.values(), DECOMPOSITION_RTOL * maxAbs(clean.values()), 0);
    }

    @ParameterizedTest(name = "{0}x{1} rank {2}")
    @MethodSource("shapes")
    void multMatchesEjmlInAllTransposeCombinations(int rows, int cols, int rank, long seed) {
        LinearAlgebra nat = nativeOrSkip();
        DMatrixRMaj a = matrix(rows, cols, rank, seed);
        DMatrixRMaj bNN = gaussian(cols, GEMM_COLS, seed + 1);
        DMatrixRMaj bTN = gaussian(rows, GEMM_COLS, seed + 2);
        DMatrixRMaj bNT = gaussian(GEMM_COLS, cols, seed + 3);
        DMatrixRMaj bTT = gaussian(GEMM_COLS, rows, seed + 4);

        assertMultMatches(nat, a, false, bNN, false);
        assertMultMatches(nat, a, true, bTN, false);
        assertMultMatches(nat, a, false, bNT, true);
        assertMultMatches(nat, a, true, bTT, true);
    }

    @Test
    void oversizedBackingArraysAreReadOnlyUpToRowsTimesCols() {
        LinearAlgebra nat = nativeOrSkip();
        DMatrixRMaj a = gaussian(9, 6, 21L);
        DMatrixRMaj b = gaussian(6, 4, 22L);
        DMatrixRMaj sym = symmetricIndefinite(6, 23L);

        assertClose("svd", nat.svd(withOversizedData(a)).s(), EJML.singularValues(a), DECOMPOSITION_RTOL * 10, 0);
        assertClose("singularValues", nat.singularValues(withOversizedData(a)), EJML.singularValues(a),
                DECOMPOSITION_RTOL * 10, 0);
        assertClose("eig", nat.eigSymmetric(withOversizedData(sym)).values(), EJML.eigSymmetric(sym).values(),
                DECOMPOSITION_RTOL * 10, 0);
        assertClose("mult", nat.mult(withOversizedData(a), withOversizedData(b)), EJML.mult(a, b),
                GEMM_RTOL * 100, 0);
    }

    @Test
    void emptyMatricesGiveEmptyResultsLikeEjml() {
        LinearAlgebra nat = nativeOrSkip();
        for (int[] shape : new int[][] {{0, 5}, {5, 0}, {0, 0}}) {
            DMatrixRMaj a = new DMatrixRMaj(shape[0], shape[1]);
            Svd expected = EJML.svd(a);
            Svd actual = nat.svd(a);
            assertThat(actual.s()).isEmpty();
            assertThat(nat.singularValues(a)).isEmpty();
            assertThat(Matrices.shape(actual.u())).isEqualTo(Matrices.shape(expected.u()));
            assertThat(Matrices.shape(actual.v())).isEqualTo(Matrices.shape(expected.v()));
        }
        assertThat(nat.eigSymmetric(new DMatrixRMaj(0, 0)).values()).isEmpty();
        DMatrixRMaj zeroInner = nat.mult(new DMatrixRMaj(4, 0), new DMatrixRMaj(0, 3));
        assertClose("4x0 * 0x3", zeroInner, new DMatrixRMaj(4, 3), 0, 0);
        assertThat(Matrices.shape(nat.mult(new DMatrixRMaj(0, 5), new DMatrixRMaj(5, 3)))).isEqualTo("0x3");
        assertThat(Matrices.shape(nat.multTransA(new DMatrixRMaj(5, 0), new DMatrixRMaj(5, 3)))).isEqualTo("0x3");
    }

    @Test
    void badShapesAreRejectedByTheNativeBackend() {
        LinearAlgebra nat = nativeOrSkip();
        assertThatThrownBy(() -> nat.mult(new DMatrixRMaj(3, 4), new DMatrixRMaj(5, 6)))
                .isInstanceOf(MatrixDimensionException.class)
                .hasMessageContaining("3x4")
                .hasMessageContaining("5x6");
        DMatrixRMaj a = new DMatrixRMaj(3, 4);
        assertThatThrownBy(() -> nat.multInto(a, false, new DMatrixRMaj(4, 2), false, new DMatrixRMaj(3, 3)))
                .isInstanceOf(MatrixDimensionException.class)
                .hasMessageContaining("3x2");
        DMatrixRMaj square = new DMatrixRMaj(3, 3);
        assertThatThrownBy(() -> nat.multInto(square, false, square, false, square))
                .isInstanceOf(MatrixDimensionException.class)
                .hasMessageContaining("aliases");
        assertThatThrownBy(() -> nat.eigSymmetric(new DMatrixRMaj(3, 4)))
                .isInstanceOf(MatrixDimensionException.class)
                .hasMessageContaining("3x4")
                .hasMessageContaining("square");
    }

    @Test
    void nonFiniteInputIsReportedAsArithmeticException() {
        LinearAlgebra nat = nativeOrSkip();
        DMatrixRMaj a = gaussian(5, 4, 31L);
        a.set(2, 1, Double.NaN);
        assertThatThrownBy(() -> nat.svd(a))
                .isInstanceOf(ArithmeticException.class)
                .hasMessageContaining("dgesdd")
                .hasMessageContaining("info");
    }

    private static void assertValidSvd(String backend, DMatrixRMaj a, Svd svd) {
        int k = Math.min(a.numRows, a.numCols);
        assertThat(Matrices.shape(svd.u())).as("%s U shape", backend).isEqualTo(a.numRows + "x" + k);
        assertThat(Matrices.shape(svd.v())).as("%s V shape", backend).isEqualTo(a.numCols + "x" + k);
        for (int i = 1; i < k; i++) {
            assertThat(svd.s()[i]).as("%s s[%d] <= s[%d]", backend, i, i - 1).isLessThanOrEqualTo(svd.s()[i - 1]);
        }
        assertThat(svd.s()[k - 1]).as("%s smallest singular value", backend).isGreaterThanOrEqualTo(0);
        double norm = Math.sqrt(Matrices.frobeniusSquared(a));
        assertThat(Matrices.distance(composeSvd(svd), a)).as("%s ||U diag(s) V^T - A||", backend)
                .isLessThanOrEqualTo(DECOMPOSITION_RTOL * norm);
        assertOrthonormalColumns(backend + " U", svd.u(), ORTHONORMALITY_ATOL);
        assertOrthonormalColumns(backend + " V", svd.v(), ORTHONORMALITY_ATOL);
    }

    private static void assertValidEigen(String backend, DMatrixRMaj sym, SymmetricEigen eig) {
        double[] values = eig.values();
        for (int i = 1; i < values.length; i++) {
            assertThat(values[i]).as("%s values[%d] <= values[%d]", backend, i, i - 1)
                    .isLessThanOrEqualTo(values[i - 1]);
        }
        double norm = Math.sqrt(Matrices.frobeniusSquared(sym));
        assertThat(Matrices.distance(composeEigen(eig), sym)).as("%s ||Q diag(l) Q^T - S||", backend)
                .isLessThanOrEqualTo(DECOMPOSITION_RTOL * norm);
        assertOrthonormalColumns(backend + " Q", eig.vectors(), ORTHONORMALITY_ATOL);
    }

    private static void assertMultMatches(LinearAlgebra nat, DMatrixRMaj a, boolean transA, DMatrixRMaj b,
                                          boolean transB) {
        DMatrixRMaj expected = EJML.mult(a, transA, b, transB);
        DMatrixRMaj scale = absProduct(a, transA, b, transB);
        String what = (transA ? "A^T" : "A") + " * " + (transB ? "B^T" : "B");
        DMatrixRMaj into = new DMatrixRMaj(expected.numRows, expected.numCols);
        java.util.Arrays.fill(into.data, Double.NaN);
        assertThat(nat.multInto(a, transA, b, transB, into)).isSameAs(into);
        assertProductClose(what, nat.mult(a, transA, b, transB), expected, scale);
        assertProductClose(what + " (into)", into, expected, scale);
        DMatrixRMaj ejmlInto = new DMatrixRMaj(expected.numRows, expected.numCols);
        assertProductClose(what + " (ejml into)", EJML.multInto(a, transA, b, transB, ejmlInto), expected, scale);
    }

    private static void assertProductClose(String what, DMatrixRMaj actual, DMatrixRMaj expected, DMatrixRMaj scale) {
        assertThat(Matrices.shape(actual)).as(what).isEqualTo(Matrices.shape(expected));
        for (int i = 0; i < expected.numRows; i++) {
            for (int j = 0; j < expected.numCols; j++) {
                assertClose(what + "[" + i + "," + j + "]", actual.get(i, j), expected.get(i, j),
                        GEMM_RTOL * scale.get(i, j), 0);
            }
        }
    }

    @ParameterizedTest(name = "{0}x{1}")
    @MethodSource("shapes")
    void syrkAndCholeskyAgreeWithTheReference(int rows, int cols, int rank, long seed) {
        LinearAlgebra nat = nativeOrSkip();
        DMatrixRMaj a = matrix(rows, cols, rank, seed);
        for (LinearAlgebra backend : new LinearAlgebra[] {EJML, nat}) {
            DMatrixRMaj c = new DMatrixRMaj(rows, rows);
            for (int i = 0; i < rows; i++) {
                c.set(i, i, 2.0);
            }
            backend.syrkLowerInto(a, 1, 0.5, c);
            DMatrixRMaj expected = EJML.mult(a, false, a, true);
            double scale = maxAbsOf(expected.data) + 1;
            for (int i = 0; i < rows; i++) {
                for (int l = 0; l <= i; l++) {
                    double e = expected.get(i, l) + (i == l ? 1 : 0);
                    assertThat(Math.abs(c.get(i, l) - e)).isLessThanOrEqualTo(GEMM_RTOL * scale * (cols + 1));
                }
            }
            // c = A A^T + I is positive definite: factor, solve, and check the residual of the solve.
            DMatrixRMaj factor = c.copy();
            assertThat(backend.choleskyInPlace(factor)).isTrue();
            double[] b = new double[rows];
            for (int i = 0; i < rows; i++) {
                b[i] = Math.sin(i + 1.0);
            }
            double[] x = b.clone();
            backend.choleskySolveInPlace(factor, x);
            for (int i = 0; i < rows; i++) {
                double ax = 0;
                for (int l = 0; l < rows; l++) {
                    ax += (l <= i ? c.get(i, l) : c.get(l, i)) * x[l];
                }
                assertThat(Math.abs(ax - b[i])).isLessThanOrEqualTo(DECOMPOSITION_RTOL * scale * (1 + maxAbsOf(x)));
            }
        }
    }

    @Test
    void choleskyReportsIndefiniteMatricesInsteadOfThrowing() {
        LinearAlgebra nat = nativeOrSkip();
        for (LinearAlgebra backend : new LinearAlgebra[] {EJML, nat}) {
            DMatrixRMaj indefinite = new DMatrixRMaj(new double[][] {{1, 0}, {2, 1}});
            assertThat(backend.choleskyInPlace(indefinite)).isFalse();
            DMatrixRMaj nan = new DMatrixRMaj(new double[][] {{Double.NaN, 0}, {0, 1}});
            assertThat(backend.choleskyInPlace(nan)).isFalse();
        }
    }

    private static double maxAbsOf(double[] v) {
        double m = 0;
        for (double x : v) {
            m = Math.max(m, Math.abs(x));
        }
        return m;
    }
}
