package io.dualnet.linalg;

import org.bytedeco.javacpp.FloatPointer;
import org.bytedeco.openblas.global.openblas;
import org.ejml.data.DMatrixRMaj;

import java.nio.FloatBuffer;

/**
 * Products {@code A B} and {@code A^T B} with one large left operand {@code A} computed in single precision: a float
 * copy of {@code A} stays in native memory, {@code B} is rounded to float, OpenBLAS {@code sgemm} multiplies and the
 * result is widened back to double. Meant for the iterations of first-order solvers whose every reported number is
 * recomputed in double (a certificate from the returned point): each product carries a relative error of about
 * {@code 1e-7 sqrt(k)} (k the inner dimension), far below the {@code 1e-4}-class tolerances they run to, and it takes
 * half the time of {@code dgemm} (at n = 12 000, d = 784 and 96 columns: 11 ms against 24 ms).
 *
 * <p>Without the native backend, or when {@code A} is small ({@link #worthIt}), products are the double ones of
 * {@link Linalg}: {@link #single()} says which. {@code A} is copied when this is made and must not change while it is
 * used. Thread-safe: the float operands go through per-thread native buffers shared by all instances (read and
 * written through direct buffers, so no heap copy is made).
 */
public final class SinglePrecisionProducts {
    /** Entries of {@code A} from which a float copy pays (as {@link ResidentOperands#MIN_ENTRIES}). */
    public static final long MIN_ENTRIES = ResidentOperands.MIN_ENTRIES;

    private final DMatrixRMaj a;
    private final FloatPointer resident;
    /**
     * The calling thread's {@code {right operand, result}} buffers, shared by all instances (one per instance would keep
     * a dead instance's buffers in the thread's map until it happens to be purged). Kept up to
     * {@link NativeScratch#KEEP_BYTES} each, as the double scratch is.
     */
    private static final ThreadLocal<FloatPointer[]> SCRATCH = ThreadLocal.withInitial(() -> new FloatPointer[2]);

    private SinglePrecisionProducts(DMatrixRMaj a, boolean single) {
        this.a = a;
        if (single) {
            float[] copy = new float[a.numRows * a.numCols];
            for (int i = 0; i < copy.length; i++) {
                copy[i] = (float) a.data[i];
            }
            this.resident = new FloatPointer(copy);
        } else {
            this.resident = null;
        }
    }

    /**
     * Products with {@code a} (taken now), in single precision when {@code wanted}, the native backend is loaded and
     * {@link #worthIt} holds; in double otherwise.
     */
    public static SinglePrecisionProducts of(DMatrixRMaj a, boolean wanted) {
        return new SinglePrecisionProducts(a, wanted && worthIt(a.numRows, a.numCols)
                && Linalg.nativeBackend() != null);
    }

    /** Whether an {@code rows x cols} left operand is large enough for the float copy to pay. */
    public static boolean worthIt(int rows, int cols) {
        return (long) rows * cols >= MIN_ENTRIES;
    }

    /** Whether the products are computed in single precision. */
    public boolean single() {
        return resident != null;
    }

    /**
     * {@code A B} ({@code transA} false) or {@code A^T B} into {@code c}; returns {@code c}.
     *
     * @throws MatrixDimensionException when the shapes do not match
     */
    public DMatrixRMaj multInto(boolean transA, DMatrixRMaj b, DMatrixRMaj c) {
        int m = transA ? a.numCols : a.numRows;
        int inner = transA ? a.numRows : a.numCols;
        if (b.numRows != inner) {
            throw new MatrixDimensionException("b", Matrices.shape(b), inner + " rows");
        }
        if (c.numRows != m || c.numCols != b.numCols) {
            throw new MatrixDimensionException("c", Matrices.shape(c), m + "x" + b.numCols);
        }
        if (resident == null) {
            return Linalg.get().multInto(a, transA, b, false, c);
        }
        int n = b.numCols;
        if (m == 0 || n == 0) {
            return c;
        }
        int bSize = inner * n;
        int cSize = m * n;
        FloatPointer[] buffers = SCRATCH.get();
        FloatPointer right = buffers[0] = ensure(buffers[0], bSize);
        FloatPointer result = buffers[1] = ensure(buffers[1], cSize);
        FloatBuffer in = right.position(0).asBuffer();
        for (int i = 0; i < bSize; i++) {
            in.put(i, (float) b.data[i]);
        }
        openblas.cblas_sgemm(openblas.CblasRowMajor, transA ? openblas.CblasTrans : openblas.CblasNoTrans,
                openblas.CblasNoTrans, m, n, inner, 1f, resident, a.numCols, right, n, 0f, result, n);
        FloatBuffer out = result.position(0).asBuffer();
        for (int i = 0; i < cSize; i++) {
            c.data[i] = out.get(i);
        }
        for (int i = 0; i < buffers.length; i++) {
            if (buffers[i].capacity() * Float.BYTES > NativeScratch.KEEP_BYTES) {
                buffers[i].close();
                buffers[i] = null;
            }
        }
        return c;
    }

    private static FloatPointer ensure(FloatPointer p, long count) {
        if (p != null && p.capacity() >= count) {
            return p;
        }
        if (p != null) {
            p.close();
        }
        return new FloatPointer(Math.max(count, 1));
    }
}
