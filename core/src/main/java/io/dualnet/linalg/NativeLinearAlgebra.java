package io.dualnet.linalg;

import org.bytedeco.javacpp.DoublePointer;
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
 * that overwrite their input work on a single copy of it. Every operand goes to OpenBLAS through the thread's
 * native buffers ({@link NativeScratch}): one copy in, outputs copied back, no native allocation per call for
 * operands up to its kept size.
 */
final class NativeLinearAlgebra implements LinearAlgebra {

    /** System property that disables native code when set to {@code "false"}. */
    static final String ENABLE_PROPERTY = "dualnet.native";

    private static final byte JOB_THIN = (byte) 'S';
    private static final byte JOB_NONE = (byte) 'N';
    private static final byte JOB_VECTORS = (byte) 'V';
    private static final byte LOWER = (byte) 'L';
    private static final byte UPPER = (byte) 'U';
    /** Order from which {@link #choleskyInPlace} factors in place, without LAPACKE's transposed copies. */
    static final int IN_PLACE_ORDER = 2048;

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
        double[] s = new double[k];
        DMatrixRMaj u = new DMatrixRMaj(m, k);
        double[] vt = new double[k * n];
        int info;
        try {
            DoublePointer work = NativeScratch.load(0, a.data, m * n);
            DoublePointer ps = NativeScratch.reserve(1, k);
            DoublePointer pu = NativeScratch.reserve(2, (long) m * k);
            DoublePointer pvt = NativeScratch.reserve(3, (long) k * n);
            info = openblas.LAPACKE_dgesdd(openblas.LAPACK_ROW_MAJOR, JOB_THIN, m, n, work, n, ps, pu, k, pvt, n);
            NativeScratch.store(1, s, k);
            NativeScratch.store(2, u.data, m * k);
            NativeScratch.store(3, vt, k * n);
        } finally {
            NativeScratch.release();
        }
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
        double[] s = new double[k];
        int info;
        try {
            DoublePointer work = NativeScratch.load(0, a.data, m * n);
            DoublePointer ps = NativeScratch.reserve(1, k);
            // jobz = 'N' never references U or VT, but LAPACKE's row-major wrapper still checks ldu >= 1, ldvt >= n.
            DoublePointer unused = NativeScratch.reserve(2, 1);
            info = openblas.LAPACKE_dgesdd(openblas.LAPACK_ROW_MAJOR, JOB_NONE, m, n, work, n, ps, unused, k, unused,
                    n);
            NativeScratch.store(1, s, k);
        } finally {
            NativeScratch.release();
        }
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
        double[] work = new double[n * n];
        double[] ascending = new double[n];
        int info;
        try {
            DoublePointer pw = NativeScratch.load(0, a.data, n * n);
            DoublePointer pe = NativeScratch.reserve(1, n);
            info = openblas.LAPACKE_dsyevd(openblas.LAPACK_ROW_MAJOR, JOB_VECTORS, LOWER, n, pw, n, pe);
            NativeScratch.store(0, work, n * n);
            NativeScratch.store(1, ascending, n);
        } finally {
            NativeScratch.release();
        }
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
     * {@inheritDoc} Computed by BLAS {@code dgemm} on copies of {@code a} and {@code b} in the thread's native buffers
     * ({@link NativeScratch}), so a call needs its operands' size again outside the heap.
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
        try {
            // The n x n output in slot 0, the slot of choleskyInPlace: a retained buffer serves both.
            DoublePointer pa = NativeScratch.load(1, a.data, n * k);
            // The upper triangle of c is not referenced: with gamma = 0 nothing of c is read, so only the output is copied.
            DoublePointer pc = gamma == 0 ? NativeScratch.reserve(0, (long) n * n) : NativeScratch.load(0, c.data, n * n);
            openblas.cblas_dsyrk(openblas.CblasRowMajor, openblas.CblasLower, openblas.CblasNoTrans, n, k, alpha,
                    pa, k, gamma, pc, n);
            NativeScratch.store(0, c.data, n * n);
        } finally {
            NativeScratch.release();
        }
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
        int n = a.numRows;
        int info;
        try {
            DoublePointer pa = NativeScratch.load(0, a.data, n * n);
            // The lower triangle of a row-major matrix is the upper triangle of its column-major reading, and
            // A = U^T U there with U = L^T in the same memory: so the column-major upper factorization gives the
            // row-major lower factor in place, without the two transposed copies LAPACKE makes for row-major input
            // (CholeskyBenchmark: 10.3 s against 14.7 s at n = 12000, 0.30 s against 0.92 s at n = 4000). Below
            // IN_PLACE_ORDER the row-major call is kept: the two orders round differently, and solvers tuned near the
            // limits of double precision on small instances (the gated primal-dual steps at a gap of 1e-7) were
            // measured with it.
            info = n >= IN_PLACE_ORDER
                    ? openblas.LAPACKE_dpotrf(openblas.LAPACK_COL_MAJOR, UPPER, n, pa, n)
                    : openblas.LAPACKE_dpotrf(openblas.LAPACK_ROW_MAJOR, LOWER, n, pa, n);
            NativeScratch.store(0, a.data, n * n);
        } finally {
            NativeScratch.release();
        }
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
        int info;
        try {
            DoublePointer pl = NativeScratch.load(0, factor.data, n * n);
            DoublePointer pb = NativeScratch.load(1, b, n);
            info = openblas.LAPACKE_dpotrs(openblas.LAPACK_ROW_MAJOR, LOWER, n, 1, pl, n, pb, 1);
            NativeScratch.store(1, b, n);
        } finally {
            NativeScratch.release();
        }
        check("dpotrs", info, factor);
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
        try {
            DoublePointer resident = ResidentOperands.find(a.data, (long) a.numRows * a.numCols);
            DoublePointer pa = resident != null ? resident : NativeScratch.load(0, a.data, a.numRows * a.numCols);
            DoublePointer pb = NativeScratch.load(1, b.data, b.numRows * b.numCols);
            DoublePointer pc = NativeScratch.reserve(2, (long) m * n);
            openblas.cblas_dgemm(openblas.CblasRowMajor,
                    transA ? openblas.CblasTrans : openblas.CblasNoTrans,
                    transB ? openblas.CblasTrans : openblas.CblasNoTrans,
                    m, n, k, 1.0, pa, a.numCols, pb, b.numCols, 0.0, pc, n);
            NativeScratch.store(2, c.data, m * n);
        } finally {
            NativeScratch.release();
        }
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
