package io.dualnet.linalg;

import org.ejml.data.DMatrixRMaj;

/**
 * The routing backend used throughout DualNet: EJML for small matrices, native OpenBLAS/LAPACK above
 * {@link #nativeThreshold()} (the smaller dimension), EJML again whenever the native library cannot be loaded. The
 * library is loaded lazily, once operations of native size have done {@link #LOAD_WORK} multiply-adds in EJML.
 *
 * <p>The threshold can be set with the system property {@code dualnet.native.threshold} (an integer; a huge value
 * disables native code).
 */
public final class Linalg implements LinearAlgebra {

    /**
     * Default smaller-dimension threshold at or above which native code is used. Measured on 2 cores: native is as
     * fast as EJML at 12 and faster from 16 on (singular values of 16x16: 0.017 vs 0.021 ms, of 100x50: 0.23 vs
     * 0.47 ms; GEMM 16x100x16: 0.002 vs 0.013 ms), see docs/benchmarks.md.
     */
    public static final int DEFAULT_THRESHOLD = 16;

    /**
     * Multiply-adds of native-sized operations done in EJML after which the native library is loaded: a few tenths of
     * a second of EJML's single-threaded products, the order of the load's own cost.
     */
    static final double LOAD_WORK = 3e8;

    /** Multiply-adds done in EJML by operations that would have gone native had the library been loaded. */
    private static final java.util.concurrent.atomic.DoubleAdder EJML_WORK = new java.util.concurrent.atomic.DoubleAdder();

    /** Whether the native library's load was tried (outside its holder: reading it must not trigger the load). */
    private static volatile boolean nativeTried;

    private static final Linalg INSTANCE = new Linalg();

    private final int threshold;

    private Linalg() {
        this.threshold = Integer.getInteger("dualnet.native.threshold", DEFAULT_THRESHOLD);
    }

    /** The process-wide routing backend. */
    public static Linalg get() {
        return INSTANCE;
    }

    /** Matrices whose smaller dimension is at least this go to native code (when available). */
    public int nativeThreshold() {
        return threshold;
    }

    /** The native backend, or {@code null} when it cannot be loaded on this machine. */
    public static LinearAlgebra nativeBackend() {
        return NativeBackendHolder.BACKEND;
    }

    /**
     * The backend for an operation on matrices whose smaller dimension is {@code smaller} and which costs
     * {@code work} multiply-adds. Native code needs its smaller dimension at {@link #nativeThreshold()} or more,
     * and the library loaded. Loading it takes 0.3 to 0.5 s once per process (a 2-pattern, 50-sample cone program's
     * fit took 0.74 s with the load and 0.24 s without it, measured in turn on a shared machine): it is loaded only
     * once the operations that could have used it have done {@link #LOAD_WORK} multiply-adds in EJML.
     * Small problems never pay for it; a large one loads it at its first large operation.
     */
    private LinearAlgebra pick(int smaller, double work) {
        if (smaller < threshold) {
            return EjmlLinearAlgebra.INSTANCE;
        }
        if (!nativeTried && EJML_WORK.sum() + work < LOAD_WORK) {
            EJML_WORK.add(work);
            return EjmlLinearAlgebra.INSTANCE;
        }
        LinearAlgebra nat = NativeBackendHolder.BACKEND;
        return nat != null ? nat : EjmlLinearAlgebra.INSTANCE;
    }

    @Override
    public String name() {
        LinearAlgebra nat = NativeBackendHolder.BACKEND;
        return nat == null ? "ejml (native unavailable)" : "ejml<" + threshold + "<=" + nat.name();
    }

    @Override
    public Svd svd(DMatrixRMaj a) {
        return pick(Math.min(a.numRows, a.numCols), svdWork(a)).svd(a);
    }

    @Override
    public double[] singularValues(DMatrixRMaj a) {
        return pick(Math.min(a.numRows, a.numCols), svdWork(a)).singularValues(a);
    }

    @Override
    public SymmetricEigen eigSymmetric(DMatrixRMaj a) {
        return pick(a.numRows, cube(a.numRows)).eigSymmetric(a);
    }

    @Override
    public DMatrixRMaj mult(DMatrixRMaj a, boolean transA, DMatrixRMaj b, boolean transB) {
        int m = transA ? a.numCols : a.numRows;
        int k = transA ? a.numRows : a.numCols;
        int n = transB ? b.numRows : b.numCols;
        return pickProduct(a, m, k, n).mult(a, transA, b, transB);
    }

    /** {@inheritDoc} Routed like {@link #mult(DMatrixRMaj, boolean, DMatrixRMaj, boolean)}. */
    @Override
    public DMatrixRMaj multInto(DMatrixRMaj a, boolean transA, DMatrixRMaj b, boolean transB, DMatrixRMaj c) {
        int m = transA ? a.numCols : a.numRows;
        int k = transA ? a.numRows : a.numCols;
        int n = transB ? b.numRows : b.numCols;
        return pickProduct(a, m, k, n).multInto(a, transA, b, transB, c);
    }

    /**
     * The backend of a product {@code m x k x n} with left operand {@code a}: native when the smallest dimension is at
     * least the threshold, or when {@code a} has a native copy ({@link #keepResident}) and the product has at least
     * two columns (a few columns times the features, 12000 x 784: {@code X^T E} with 4 columns took 94 ms in EJML and
     * 8.8 ms natively; with one column EJML's matrix-vector product took 5.2 ms and OpenBLAS 22 ms, see
     * {@code FeatureProductBenchmark} in docs/benchmarks.md).
     */
    private LinearAlgebra pickProduct(DMatrixRMaj a, int m, int k, int n) {
        // A kept copy exists only once the native backend is loaded (keepResident).
        if (n >= 2 && ResidentOperands.kept(a.data, (long) a.numRows * a.numCols)) {
            return NativeBackendHolder.BACKEND;
        }
        return pick(Math.min(m, Math.min(k, n)), (double) m * k * n);
    }

    /**
     * Keeps a native copy of {@code a} (taken now) for the products with {@code a} on the left that follow, when the
     * native backend is loaded and {@code a} is large ({@link ResidentOperands#MIN_ENTRIES} entries or more); a no-op
     * otherwise. {@code a} must not be modified until the products that use the copy are done (call again after a
     * change): meant for the features of a problem, read by every iteration of its solvers.
     */
    public void keepResident(DMatrixRMaj a) {
        if ((long) a.numRows * a.numCols >= ResidentOperands.MIN_ENTRIES && NativeBackendHolder.BACKEND != null) {
            ResidentOperands.keep(a.data, a.numRows * a.numCols);
        }
    }

    /**
     * Keeps the calling thread's large native buffers (an {@code n x n} system's) between native calls until the
     * returned scope closes, so that repeated factorizations reuse them ({@link NativeScratch}); costs their memory
     * meanwhile.
     */
    public ScratchRetention retainScratch() {
        return new ScratchRetention();
    }

    /** {@inheritDoc} Routed by {@code n} (the rows of {@code a}). */
    @Override
    public DMatrixRMaj syrkLowerInto(DMatrixRMaj a, double alpha, double gamma, DMatrixRMaj c) {
        return pick(a.numRows, (double) a.numRows * a.numRows * a.numCols / 2).syrkLowerInto(a, alpha, gamma, c);
    }

    /** {@inheritDoc} Routed by the order of {@code a}. */
    @Override
    public boolean choleskyInPlace(DMatrixRMaj a) {
        return pick(a.numRows, cube(a.numRows) / 3).choleskyInPlace(a);
    }

    /**
     * {@inheritDoc} Always in Java: two triangular sweeps are {@code O(n^2)}, less than the native binding's copy of
     * the factor into native memory (measured: {@code dpotrs} took 8% of the stack samples of the gated barrier
     * method at {@code n = 12000}).
     */
    @Override
    public void choleskySolveInPlace(DMatrixRMaj factor, double[] b) {
        EjmlLinearAlgebra.INSTANCE.choleskySolveInPlace(factor, b);
    }

    /** Multiply-adds of a singular value decomposition of {@code a}, to the order. */
    private static double svdWork(DMatrixRMaj a) {
        double small = Math.min(a.numRows, a.numCols);
        return (double) a.numRows * a.numCols * small;
    }

    private static double cube(int n) {
        return (double) n * n * n;
    }

    /** Lazily loads the native backend once; {@code null} if it fails. */
    private static final class NativeBackendHolder {
        static final LinearAlgebra BACKEND = NativeLinearAlgebra.tryLoad();

        static {
            nativeTried = true;
        }
    }
}
