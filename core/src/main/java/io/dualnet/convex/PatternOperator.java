package io.dualnet.convex;

import io.dualnet.linalg.Linalg;
import io.dualnet.linalg.MatrixDimensionException;
import io.dualnet.linalg.Matrices;
import org.ejml.data.DMatrixRMaj;

/**
 * The linear map of the convex reformulation (paper 002 Appendix A; spec §1.3) and its adjoint, for features
 * {@code X} ({@code n x d'}) and patterns {@code D_1..D_P}:
 *
 * <pre>
 *   A(V)   = sum_i D_i X v_i           (V is d' x P, column i is v_i; result has n entries)
 *   A^T(r) = [ X^T D_i r ]_{i=1..P}    (d' x P)
 * </pre>
 *
 * Both are one GEMM ({@code X V}, resp. {@code X^T (M o r 1^T)} with the 0/1 mask {@code M}) plus an
 * {@code O(nP)} masked pass, so the memory is {@code O(nP + Pd')}. Arguments are never modified.
 */
public final class PatternOperator {
    private final DMatrixRMaj x;
    private final ActivationPatterns patterns;

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
        this.patterns = patterns;
    }

    /** The features. */
    public DMatrixRMaj x() {
        return x;
    }

    /** The patterns. */
    public ActivationPatterns patterns() {
        return patterns;
    }

    /** {@code X V}, {@code n x P} (one GEMM). */
    public DMatrixRMaj products(DMatrixRMaj v) {
        checkBlocks(v);
        return Linalg.get().mult(x, v);
    }

    /** {@code A(V) = sum_i D_i X v_i}, from precomputed {@code XV = products(V)}. */
    public double[] forwardFromProducts(DMatrixRMaj xv) {
        int n = x.numRows;
        int p = patterns.count();
        double[] out = new double[n];
        for (int k = 0; k < n; k++) {
            int row = k * p;
            double s = 0;
            for (int i = 0; i < p; i++) {
                if (patterns.active(i, k)) {
                    s += xv.data[row + i];
                }
            }
            out[k] = s;
        }
        return out;
    }

    /** {@code A(V) = sum_i D_i X v_i}. */
    public double[] forward(DMatrixRMaj v) {
        return forwardFromProducts(products(v));
    }

    /** {@code A^T(r) = [X^T D_i r]_i}, {@code d' x P} (one GEMM). */
    public DMatrixRMaj adjoint(double[] r) {
        int n = x.numRows;
        if (r.length != n) {
            throw new MatrixDimensionException("r", r.length + " entries", n + " entries (one per sample)");
        }
        int p = patterns.count();
        DMatrixRMaj masked = new DMatrixRMaj(n, p);
        for (int k = 0; k < n; k++) {
            double rk = r[k];
            if (rk == 0) {
                continue;
            }
            int row = k * p;
            for (int i = 0; i < p; i++) {
                if (patterns.active(i, k)) {
                    masked.data[row + i] = rk;
                }
            }
        }
        return Linalg.get().multTransA(x, masked);
    }

    private void checkBlocks(DMatrixRMaj v) {
        if (v.numRows != x.numCols || v.numCols != patterns.count()) {
            throw new MatrixDimensionException("v", Matrices.shape(v),
                    x.numCols + " x " + patterns.count() + " (features x patterns)");
        }
    }
}
