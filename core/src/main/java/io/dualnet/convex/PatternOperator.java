package io.dualnet.convex;

import io.dualnet.linalg.Linalg;
import io.dualnet.linalg.SinglePrecisionProducts;
import io.dualnet.linalg.MatrixDimensionException;
import io.dualnet.linalg.Matrices;
import org.ejml.data.DMatrixRMaj;

import java.util.Random;

/**
 * The linear map of the convex reformulation (paper 002 Appendix A; spec §1.3) and its adjoint, for features
 * {@code X} ({@code n x d'}) and patterns {@code D_1..D_P}:
 *
 * <pre>
 *   A(V)   = sum_i D_i X v_i           (V is d' x P, column i is v_i; result has n entries)
 *   A^T(r) = [ X^T D_i r ]_{i=1..P}    (d' x P)
 * </pre>
 *
 * <p>Block matrices may also have {@code K = 2P} columns {@code [V, W]} (the cone problem's {@code v_i} and
 * {@code w_i}); then the map is {@code sum_i D_i X (v_i - w_i)} and the adjoint is {@code [A^T r, -A^T r]}.
 *
 * <p>Both directions are one GEMM ({@code X V}, resp. {@code X^T (M o r 1^T)} with the 0/1 mask {@code M}) plus an
 * {@code O(nK)} masked pass over a row-major copy of the pattern bits, so the memory is {@code O(nK + K d')}. The
 * {@code ...Into} methods write into caller buffers and allocate nothing. Arguments other than the named outputs are
 * never modified.
 */
public final class PatternOperator {
    private final DMatrixRMaj x;
    private final ActivationPatterns patterns;
    private final int p;
    private final int rowWords;
    private final long[] rowBits;
    /** Single-precision products with {@code x}, made at the first use ({@link #singleProducts}). */
    private volatile SinglePrecisionProducts single;

    /**
     * @param x features {@code n x d'} (not copied: the caller must not modify it while this operator is used)
     * @param patterns patterns over the same {@code n} samples
     */
    public PatternOperator(DMatrixRMaj x, ActivationPatterns patterns) {
        if (patterns.samples() != x.numRows) {
            throw new MatrixDimensionException("patterns", patterns.samples() + " samples",
                    x.numRows + " samples (rows of x)");
        }
        this.x = x;
        // Every product of the operator multiplies x by a few columns; a native copy of a large x is taken here, so
        // that those products copy only the columns (x is not modified while an operator over it is in use).
        Linalg.get().keepResident(x);
        this.patterns = patterns;
        this.p = patterns.count();
        this.rowWords = Math.max(1, (p + 63) >>> 6);
        this.rowBits = new long[x.numRows * rowWords];
        for (int i = 0; i < p; i++) {
            long[] mask = patterns.mask(i);
            for (int k = 0; k < x.numRows; k++) {
                if ((mask[k >>> 6] >>> (k & 63) & 1L) != 0) {
                    rowBits[k * rowWords + (i >>> 6)] |= 1L << (i & 63);
                }
            }
        }
    }

    /** The features. */
    public DMatrixRMaj x() {
        return x;
    }

    /**
     * Products with {@code x} in single precision when {@code x} is large and the native backend is loaded (in double
     * otherwise; {@link SinglePrecisionProducts#single()} says which): for iterations whose results are recomputed in
     * double. The float copy of {@code x} is taken at the first call.
     */
    public SinglePrecisionProducts singleProducts() {
        SinglePrecisionProducts s = single;
        if (s == null) {
            synchronized (this) {
                s = single;
                if (s == null) {
                    s = SinglePrecisionProducts.of(x, true);
                    single = s;
                }
            }
        }
        return s;
    }

    /** The patterns. */
    public ActivationPatterns patterns() {
        return patterns;
    }

    /** Whether sample {@code k} is active in pattern {@code i} (fast: reads the row-major bits). */
    public boolean active(int k, int i) {
        return (rowBits[k * rowWords + (i >>> 6)] >>> (i & 63) & 1L) != 0;
    }

    /** {@code X V}, {@code n x K} (one GEMM). */
    public DMatrixRMaj products(DMatrixRMaj v) {
        DMatrixRMaj z = new DMatrixRMaj(x.numRows, v.numCols);
        return productsInto(v, z);
    }

    /** {@code X V} written into {@code z} ({@code n x K}); returns {@code z}. */
    public DMatrixRMaj productsInto(DMatrixRMaj v, DMatrixRMaj z) {
        blocks(v);
        return Linalg.get().multInto(x, false, v, false, z);
    }

    /** {@code A(V) = sum_i D_i X v_i}, from precomputed {@code XV = products(V)}. */
    public double[] forwardFromProducts(DMatrixRMaj xv) {
        double[] out = new double[x.numRows];
        forwardFromProducts(xv, out);
        return out;
    }

    /**
     * {@code sum_i D_i z_i} (or {@code sum_i D_i (z_i - z_{P+i})} for {@code K = 2P}) of the columns of {@code z}
     * ({@code n x K}), written into {@code out}.
     */
    public void forwardFromProducts(DMatrixRMaj z, double[] out) {
        int k2 = z.numCols;
        boolean paired = pairedColumns(k2, "z");
        for (int k = 0; k < x.numRows; k++) {
            int row = k * k2;
            double s = 0;
            for (int w = 0; w < rowWords; w++) {
                long b = rowBits[k * rowWords + w];
                while (b != 0) {
                    int i = (w << 6) + Long.numberOfTrailingZeros(b);
                    s += paired ? z.data[row + i] - z.data[row + p + i] : z.data[row + i];
                    b &= b - 1;
                }
            }
            out[k] = s;
        }
    }

    /** {@code A(V) = sum_i D_i X v_i} (or {@code sum_i D_i X (v_i - w_i)} for {@code [V, W]}). */
    public double[] forward(DMatrixRMaj v) {
        return forwardFromProducts(products(v));
    }

    /** {@code A^T(r) = [X^T D_i r]_i}, {@code d' x P} (one GEMM). */
    public DMatrixRMaj adjoint(double[] r) {
        DMatrixRMaj masked = new DMatrixRMaj(x.numRows, p);
        DMatrixRMaj out = new DMatrixRMaj(x.numCols, p);
        return adjointInto(r, masked, out);
    }

    /**
     * The adjoint into {@code out} ({@code d' x K}), using {@code buffer} ({@code n x K}, overwritten) for the masked
     * residuals: {@code [X^T D_i r]_i}, or {@code [X^T D_i r, -X^T D_i r]_i} for {@code K = 2P}.
     */
    public DMatrixRMaj adjointInto(double[] r, DMatrixRMaj buffer, DMatrixRMaj out) {
        maskInto(r, buffer);
        return Linalg.get().multInto(x, true, buffer, false, out);
    }

    /** Writes {@code g[k, i] = D_i[k] r_k} (and {@code g[k, P+i] = -D_i[k] r_k} for {@code K = 2P}). */
    public void maskInto(double[] r, DMatrixRMaj g) {
        int n = x.numRows;
        if (r.length != n || g.numRows != n) {
            throw new MatrixDimensionException("r", r.length + " entries", n + " entries (one per sample)");
        }
        int k2 = g.numCols;
        boolean paired = pairedColumns(k2, "g");
        java.util.Arrays.fill(g.data, 0, n * k2, 0.0);
        for (int k = 0; k < n; k++) {
            double rk = r[k];
            if (rk == 0) {
                continue;
            }
            int row = k * k2;
            for (int w = 0; w < rowWords; w++) {
                long b = rowBits[k * rowWords + w];
                while (b != 0) {
                    int i = (w << 6) + Long.numberOfTrailingZeros(b);
                    g.data[row + i] = rk;
                    if (paired) {
                        g.data[row + p + i] = -rk;
                    }
                    b &= b - 1;
                }
            }
        }
    }

    /**
     * An estimate of {@code ||A||_2^2} (the largest eigenvalue of {@code A^T A}) by {@code iterations} seeded power
     * iterations, each two GEMMs through one {@code n x P} buffer. Power iteration approaches from below: callers
     * that need an upper bound add a margin.
     */
    public double normSquaredEstimate(int iterations, long seed) {
        int d = x.numCols;
        DMatrixRMaj v = Matrices.gaussian(d, p, 1.0, new Random(seed));
        DMatrixRMaj z = new DMatrixRMaj(x.numRows, p);
        double[] r = new double[x.numRows];
        double estimate = 0;
        for (int t = 0; t < iterations; t++) {
            double norm = Math.sqrt(Matrices.frobeniusSquared(v));
            if (norm == 0) {
                return estimate;
            }
            for (int i = 0; i < v.data.length; i++) {
                v.data[i] /= norm;
            }
            productsInto(v, z);
            forwardFromProducts(z, r);
            double av = 0;
            for (double rk : r) {
                av += rk * rk;
            }
            estimate = Math.max(estimate, av);
            adjointInto(r, z, v);
        }
        return estimate;
    }

    /**
     * An estimate of {@code ||X||_2^2} by {@code iterations} seeded power iterations on {@code X^T X}; remembered per
     * features matrix (by identity), iterations, seed and the matrix's contents (a checksum, one pass over {@code X}
     * against the {@code 2 * iterations} of the power method), since operators on working sets of one problem are made
     * at every check; a matrix modified after its operators are gone gets a fresh estimate.
     */
    public double featureNormSquaredEstimate(int iterations, long seed) {
        java.util.Map<NormKey, Double> known;
        synchronized (FEATURE_NORMS) {
            known = FEATURE_NORMS.computeIfAbsent(x, key -> new java.util.concurrent.ConcurrentHashMap<>());
        }
        return known.computeIfAbsent(new NormKey(iterations, seed, contents(x)), key -> powerIterations(iterations, seed));
    }

    /** What a remembered norm estimate depends on besides the matrix's identity. */
    private record NormKey(int iterations, long seed, long contents) {
    }

    /** Features matrices (weakly, by identity) to their norm estimates. */
    private static final java.util.Map<DMatrixRMaj, java.util.Map<NormKey, Double>> FEATURE_NORMS =
            new java.util.WeakHashMap<>();

    /** A checksum of the shape and every entry's bits. */
    private static long contents(DMatrixRMaj m) {
        long h = 31L * m.numRows + m.numCols;
        int size = m.numRows * m.numCols;
        for (int i = 0; i < size; i++) {
            h = h * 0x100000001B3L ^ Double.doubleToLongBits(m.data[i]);
        }
        return h;
    }

    private double powerIterations(int iterations, long seed) {
        DMatrixRMaj u = Matrices.gaussian(x.numCols, 1, 1.0, new Random(seed));
        DMatrixRMaj xu = new DMatrixRMaj(x.numRows, 1);
        double estimate = 0;
        for (int t = 0; t < iterations; t++) {
            double norm = Math.sqrt(Matrices.frobeniusSquared(u));
            if (norm == 0) {
                return estimate;
            }
            for (int i = 0; i < u.data.length; i++) {
                u.data[i] /= norm;
            }
            Linalg.get().multInto(x, false, u, false, xu);
            estimate = Math.max(estimate, Matrices.frobeniusSquared(xu));
            Linalg.get().multInto(x, true, xu, false, u);
        }
        return estimate;
    }

    /** Receives one column chunk {@code Z = X B[:, from:to)} ({@code n x (to - from)}, reused between calls). */
    @FunctionalInterface
    public interface ChunkAction {
        /** Handles columns {@code from} (inclusive) to {@code to} (exclusive) of the block matrix. */
        void accept(int from, int to, DMatrixRMaj z);
    }

    /**
     * Calls {@code action} with {@code X B[:, from:to)} for consecutive column chunks of {@code blocks}
     * ({@code d' x K}), so that one-off passes (predictions, constraint checks, certificates) need {@code O(n)} times
     * a chunk of memory instead of {@code O(nK)}.
     */
    public void forEachProductChunk(DMatrixRMaj blocks, ChunkAction action) {
        int n = x.numRows;
        int d = x.numCols;
        int k = blocks.numCols;
        int width = chunkWidth(n, k);
        DMatrixRMaj part = new DMatrixRMaj(d, width);
        DMatrixRMaj z = new DMatrixRMaj(n, width);
        for (int from = 0; from < k; from += width) {
            int to = Math.min(k, from + width);
            int c = to - from;
            if (c != part.numCols) {
                part = new DMatrixRMaj(d, c);
                z = new DMatrixRMaj(n, c);
            }
            for (int r = 0; r < d; r++) {
                System.arraycopy(blocks.data, r * k + from, part.data, r * c, c);
            }
            Linalg.get().multInto(x, false, part, false, z);
            action.accept(from, to, z);
        }
    }

    /** Columns per chunk: about 4M doubles of {@code n x chunk}, at least 16 (or all). */
    public static int chunkWidth(int n, int columns) {
        return Math.max(1, Math.min(columns, Math.max(16, (1 << 22) / Math.max(1, n))));
    }

    private boolean pairedColumns(int columns, String parameter) {
        if (columns != p && columns != 2 * p) {
            throw new MatrixDimensionException(parameter, "?x" + columns, p + " or " + 2 * p + " columns (patterns)");
        }
        return columns == 2 * p && p > 0;
    }

    private void blocks(DMatrixRMaj v) {
        if (v.numRows != x.numCols || (v.numCols != p && v.numCols != 2 * p)) {
            throw new MatrixDimensionException("v", Matrices.shape(v),
                    x.numCols + " x " + p + " or " + x.numCols + " x " + 2 * p + " (features x blocks)");
        }
    }
}
