package io.dualnet.linalg;

import org.bytedeco.javacpp.Loader;
import org.bytedeco.openblas.global.openblas;
import org.ejml.data.DMatrixRMaj;

import java.util.Arrays;

/**
 * Native backend on the OpenBLAS/LAPACK build shipped by {@code org.bytedeco:openblas}: {@code dgesdd} for the SVD,
 * {@code dsyevd} for symmetric eigen-decompositions and {@code dgemm} for products.
 *
 * <p>Obtain it through {@link #tryLoad()} (or {@link Linalg#nativeBackend()}), never directly: the native library
 * must have been loaded first. Like every {@link LinearAlgebra}, it never modifies its arguments; LAPACK routines
 * that overwrite their input work on a single copy of it.
 */
final class NativeLinearAlgebra implements LinearAlgebra {

    /** System property that disables native code when set to {@code "false"}. */
    static final String ENABLE_PROPERTY = "dualnet.native";

    private static final byte JOB_THIN = (byte) 'S';
    private static final byte JOB_NONE = (byte) 'N';
    private static final byte JOB_VECTORS = (byte) 'V';
    private static final byte LOWER = (byte) 'L';

    private final int threads;

    private NativeLinearAlgebra(int threads) {
        this.threads = threads;
    }

    /**
     * Loads OpenBLAS and sets its thread count to {@link Runtime#availableProcessors()}.
     *
     * @return the native backend, or {@code null} when the system property {@code dualnet.native} is
     *         {@code "false"} or the native library cannot be loaded on this machine (any {@link Throwable},
     *         including {@link UnsatisfiedLinkError}, is swallowed)
     */
    static LinearAlgebra tryLoad() {
        if ("false".equalsIgnoreCase(System.getProperty(ENABLE_PROPERTY))) {
            return null;
        }
        try {
            Loader.load(openblas.class);
            int threads = threadCount();
            openblas.blas_set_num_threads(threads);
            return new NativeLinearAlgebra(threads);
        } catch (Throwable t) {
            return null;
        }
    }

    /**
     * OpenBLAS threads: the system property {@code dualnet.native.threads}, else the environment variable
     * {@code OPENBLAS_NUM_THREADS}, else the number of cores.
     */
    static int threadCount() {
        String configured = System.getProperty("dualnet.native.threads", System.getenv("OPENBLAS_NUM_THREADS"));
        if (configured != null) {
            try {
                int t = Integer.parseInt(configured.trim());
                if (t >= 1) {
                    return t;
                }
            } catch (NumberFormatException ignored) {
                // fall through to the core count
            }
        }
        return Runtime.getRuntime().availableProcessors();
    }

    /** {@inheritDoc} Also reports the OpenBLAS thread count. */
    @Override
    public String name() {
        return "openblas(" + threads + " threads)";
    }

    /** {@inheritDoc} Computed by LAPACK {@code dgesdd} on a copy of {@code a}; {@code a} is not modified. */
    @Override
    public Svd svd(DMatrixRMaj a) {
        int m = a.numRows;
        int n = a.numCols;
        int k = Math.min(m, n);
        if (k == 0) {
            return new Svd(new DMatrixRMaj(m, 0), new double[0], new DMatrixRMaj(n, 0));
        }
        double[] work = Arrays.copyOf(a.data, m * n);
        double[] s = new double[k];
        DMatrixRMaj u = new DMatrixRMaj(m, k);
        double[] vt = new double[k * n];
        int info = openblas.LAPACKE_dgesdd(openblas.LAPACK_ROW_MAJOR, JOB_THIN, m, n, work, n, s, u.data, k, vt, n);
        check("dgesdd", info, a);
        DMatrixRMaj v = new DMatrixRMaj(n, k);
        double[] vd = v.data;
        for (int i = 0; i < k; i++) {
            int row = i * n;
            for (int j = 0; j < n; j++) {
                vd[j * k + i] = vt[row + j];
            }
        }
        return new Svd(u, s, v);
    }

    /** {@inheritDoc} Computed by LAPACK {@code dgesdd} without vectors on a copy of {@code a}. */
    @Override
    public double[] singularValues(DMatrixRMaj a) {
        int m = a.numRows;
        int n = a.numCols;
        int k = Math.min(m, n);
        if (k == 0) {
            return new double[0];
        }
        double[] work = Arrays.copyOf(a.data, m * n);
        double[] s = new double[k];
        // jobz = 'N' never references U or VT, but LAPACKE's row-major wrapper still checks ldu >= 1, ldvt >= n.
        double[] unused = new double[1];
        int info = openblas.LAPACKE_dgesdd(openblas.LAPACK_ROW_MAJOR, JOB_NONE, m, n, work, n, s, unused, k, unused, n);
        check("dgesdd", info, a);
        return s;
    }

    /**
     * {@inheritDoc} Computed by LAPACK {@code dsyevd} on a copy of {@code a} (lower triangle); LAPACK's ascending
     * order is reversed to non-increasing.
     *
     * @throws MatrixDimensionException if {@code a} is not square
     */
    @Override
    public SymmetricEigen eigSymmetric(DMatrixRMaj a) {
        if (a.numRows != a.numCols) {
            throw new MatrixDimensionException("a", Matrices.shape(a), "a square matrix");
        }
        int n = a.numRows;
        if (n == 0) {
            return new SymmetricEigen(new double[0], new DMatrixRMaj(0, 0));
        }
        double[] work = Arrays.copyOf(a.data, n * n);
        double[] ascending = new double[n];
        int info = openblas.LAPACKE_dsyevd(openblas.LAPACK_ROW_MAJOR, JOB_VECTORS, LOWER, n, work, n, ascending);
        check("dsyevd", info, a);
        double[] values = new double[n];
        DMatrixRMaj q = new DMatrixRMaj(n, n);
        double[] qd = q.data;
        for (int j = 0; j < n; j++) {
            values[j] = ascending[n - 1 - j];
        }
        for (int i = 0; i < n; i++) {
            int row = i * n;
            for (int j = 0; j < n; j++) {
                qd[row + j] = work[row + n - 1 - j];
            }
        }
        return new SymmetricEigen(values, q);
    }

    /**
     * {@inheritDoc} Computed by BLAS {@code dgemm} on the arrays of {@code a} and {@code b} (no Java-side copies; the
     * JavaCPP binding passes Java arrays through JNI array elements, which HotSpot copies to native memory for the
     * call, so a call transiently needs its operands' size again outside the heap).
     */
    @Override
    public DMatrixRMaj mult(DMatrixRMaj a, boolean transA, DMatrixRMaj b, boolean transB) {
        LinearAlgebra.checkMult(a, transA, b, transB);
        DMatrixRMaj c = new DMatrixRMaj(transA ? a.numCols : a.numRows, transB ? b.numRows : b.numCols);
        return gemm(a, transA, b, transB, c);
    }

    /** {@inheritDoc} Computed by BLAS {@code dgemm} with {@code beta = 0} directly into {@code c}. */
    @Override
    public DMatrixRMaj multInto(DMatrixRMaj a, boolean transA, DMatrixRMaj b, boolean transB, DMatrixRMaj c) {
        LinearAlgebra.checkInto(a, transA, b, transB, c);
        return gemm(a, transA, b, transB, c);
    }

    /** {@inheritDoc} Computed by BLAS {@code dsyrk} (lower, row-major) directly into {@code c}. */
    @Override
    public DMatrixRMaj syrkLowerInto(DMatrixRMaj a, double alpha, double gamma, DMatrixRMaj c) {
        LinearAlgebra.checkSyrk(a, c);
        int n = a.numRows;
        int k = a.numCols;
        if (n == 0) {
            return c;
        }
        if (k == 0) {
            for (int i = 0; i < n * n; i++) {
                c.data[i] = gamma == 0 ? 0 : gamma * c.data[i];
            }
            return c;
        }
        openblas.cblas_dsyrk(openblas.CblasRowMajor, openblas.CblasLower, openblas.CblasNoTrans, n, k, alpha,
                a.data, k, gamma, c.data, n);
        return c;
    }

    /** {@inheritDoc} Computed by LAPACK {@code dpotrf} (lower, row-major) in place. */
    @Override
    public boolean choleskyInPlace(DMatrixRMaj a) {
        LinearAlgebra.checkSquare(a);
        if (a.numRows == 0) {
            return true;
        }
        // info > 0: not positive definite; info = -4: LAPACKE's NaN check rejected a. Both mean "not PD".
        int info = openblas.LAPACKE_dpotrf(openblas.LAPACK_ROW_MAJOR, LOWER, a.numRows, a.data, a.numRows);
        if (info < 0 && info != -4) {
            check("dpotrf", info, a);
        }
        return info == 0;
    }

    /** {@inheritDoc} Computed by LAPACK {@code dpotrs} (lower, row-major). */
    @Override
    public void choleskySolveInPlace(DMatrixRMaj factor, double[] b) {
        LinearAlgebra.checkSquare(factor);
        int n = factor.numRows;
        if (b.length != n) {
            throw new MatrixDimensionException("b", b.length + " entries", n + " entries");
        }
        if (n == 0) {
            return;
        }
        check("dpotrs", openblas.LAPACKE_dpotrs(openblas.LAPACK_ROW_MAJOR, LOWER, n, 1, factor.data, n, b, 1),
                factor);
    }

    private static DMatrixRMaj gemm(DMatrixRMaj a, boolean transA, DMatrixRMaj b, boolean transB, DMatrixRMaj c) {
        int m = c.numRows;
        int n = c.numCols;
        int k = transA ? a.numRows : a.numCols;
        if (m == 0 || n == 0) {
            return c;
        }
        if (k == 0) {
            Arrays.fill(c.data, 0, m * n, 0.0);
            return c;
        }
        openblas.cblas_dgemm(openblas.CblasRowMajor,
                transA ? openblas.CblasTrans : openblas.CblasNoTrans,
                transB ? openblas.CblasTrans : openblas.CblasNoTrans,
                m, n, k, 1.0, a.data, a.numCols, b.data, b.numCols, 0.0, c.data, n);
        return c;
    }

    private static void check(String routine, int info, DMatrixRMaj a) {
        if (info != 0) {
            throw new ArithmeticException("LAPACK " + routine + " failed with info = " + info + " for a "
                    + Matrices.shape(a) + " matrix" + (info < 0 ? " (illegal argument " + -info + ")"
                    : " (did not converge)"));
        }
    }
}
