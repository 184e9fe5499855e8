package io.dualnet.convex;

import io.dualnet.data.InvalidInputException;
import io.dualnet.linalg.MatrixDimensionException;
import io.dualnet.linalg.Matrices;
import org.ejml.data.DMatrixRMaj;

import java.util.Objects;

/**
 * A point of the convex reformulation of a two-layer ReLU network (paper 002 Appendix A; spec §1.3): one block
 * {@code v_i} per activation pattern for the gated-ReLU problem, or blocks {@code v_i, w_i} per pattern for the cone
 * problem, stored as the columns of one {@code d' x K} matrix {@code [V]} ({@code K = P}) or {@code [V, W]}
 * ({@code K = 2P}). The model's prediction is {@code sum_i D_i X (v_i - w_i)} and its regularizer
 * {@code sum_i ||v_i||_2 + ||w_i||_2}.
 *
 * <p>An immutable value: inputs are validated (finite) and copied; accessors return copies except
 * {@link #blocksView()}.
 */
public final class ConvexReluWeights {
    private final DMatrixRMaj blocks;
    private final int patterns;
    private final boolean gated;

    private ConvexReluWeights(DMatrixRMaj blocks, boolean gated) {
        this.blocks = blocks;
        this.gated = gated;
        this.patterns = gated ? blocks.numCols : blocks.numCols / 2;
    }

    /** Gated-ReLU weights: the columns of {@code v} ({@code d' x P}) are the blocks {@code v_i} (copied). */
    public static ConvexReluWeights gated(DMatrixRMaj v) {
        Objects.requireNonNull(v, "v");
        Matrices.requireFinite("v", v);
        return new ConvexReluWeights(v.copy(), true);
    }

    /** Cone weights: the columns of {@code v} and {@code w} (both {@code d' x P}) are {@code v_i} and {@code w_i}. */
    public static ConvexReluWeights cone(DMatrixRMaj v, DMatrixRMaj w) {
        Objects.requireNonNull(v, "v");
        Objects.requireNonNull(w, "w");
        Matrices.requireFinite("v", v);
        Matrices.requireFinite("w", w);
        if (v.numRows != w.numRows || v.numCols != w.numCols) {
            throw new MatrixDimensionException("w", Matrices.shape(w), "the shape of v, " + Matrices.shape(v));
        }
        DMatrixRMaj b = new DMatrixRMaj(v.numRows, 2 * v.numCols);
        for (int r = 0; r < v.numRows; r++) {
            System.arraycopy(v.data, r * v.numCols, b.data, r * b.numCols, v.numCols);
            System.arraycopy(w.data, r * v.numCols, b.data, r * b.numCols + v.numCols, v.numCols);
        }
        return new ConvexReluWeights(b, false);
    }

    /**
     * Weights from the block matrix {@code [V]} or {@code [V, W]} (copied).
     *
     * @param blocks {@code d' x P} when {@code gated}, else {@code d' x 2P}
     * @param gated which problem the blocks belong to
     */
    public static ConvexReluWeights ofBlocks(DMatrixRMaj blocks, boolean gated) {
        Objects.requireNonNull(blocks, "blocks");
        Matrices.requireFinite("blocks", blocks);
        if (!gated && blocks.numCols % 2 != 0) {
            throw new MatrixDimensionException("blocks", Matrices.shape(blocks), "an even number of columns [V, W]");
        }
        return new ConvexReluWeights(blocks.copy(), gated);
    }

    /** All-zero weights for {@code patterns} patterns over {@code features} features. */
    public static ConvexReluWeights zeros(int features, int patterns, boolean gated) {
        InvalidInputException.requireAtLeast("features", features, 1);
        InvalidInputException.requireAtLeast("patterns", patterns, 1);
        return new ConvexReluWeights(new DMatrixRMaj(features, gated ? patterns : 2 * patterns), gated);
    }

    /** Whether these are gated-ReLU weights (blocks {@code v_i} only). */
    public boolean gated() {
        return gated;
    }

    /** Number of patterns {@code P}. */
    public int patternCount() {
        return patterns;
    }

    /** Number of features {@code d'} (rows of every block). */
    public int featureCount() {
        return blocks.numRows;
    }

    /** Number of blocks {@code K}: {@code P} (gated) or {@code 2P} (cone). */
    public int blockCount() {
        return blocks.numCols;
    }

    /** The block matrix {@code [V]} or {@code [V, W]} (a copy). */
    public DMatrixRMaj blocks() {
        return blocks.copy();
    }

    /** Read-only view of {@link #blocks()} for solvers: callers must not modify it. */
    public DMatrixRMaj blocksView() {
        return blocks;
    }

    /** {@code V}, {@code d' x P} (a copy). */
    public DMatrixRMaj v() {
        return columns(0);
    }

    /** {@code W}, {@code d' x P} (a copy), or {@code null} for gated weights. */
    public DMatrixRMaj w() {
        return gated ? null : columns(patterns);
    }

    private DMatrixRMaj columns(int from) {
        DMatrixRMaj out = new DMatrixRMaj(blocks.numRows, patterns);
        for (int r = 0; r < blocks.numRows; r++) {
            System.arraycopy(blocks.data, r * blocks.numCols + from, out.data, r * patterns, patterns);
        }
        return out;
    }

    /** Block {@code j} ({@code 0 <= j < K}) as a new array. */
    public double[] block(int j) {
        Objects.checkIndex(j, blocks.numCols);
        double[] b = new double[blocks.numRows];
        for (int r = 0; r < b.length; r++) {
            b[r] = blocks.data[r * blocks.numCols + j];
        }
        return b;
    }

    /** Euclidean norms of the {@code K} blocks. */
    public double[] blockNorms() {
        return blockNorms(blocks);
    }

    /** Euclidean norms of the columns of a {@code d' x K} block matrix. */
    public static double[] blockNorms(DMatrixRMaj b) {
        double[] s = new double[b.numCols];
        for (int r = 0; r < b.numRows; r++) {
            int row = r * b.numCols;
            for (int j = 0; j < b.numCols; j++) {
                double t = b.data[row + j];
                s[j] += t * t;
            }
        }
        for (int j = 0; j < s.length; j++) {
            s[j] = Math.sqrt(s[j]);
        }
        return s;
    }

    /** The group norm {@code sum_i ||v_i|| + ||w_i||}. */
    public double groupNorm() {
        double s = 0;
        for (double t : blockNorms()) {
            s += t;
        }
        return s;
    }

    /** Number of non-zero blocks (the width of the ReLU network they map to). */
    public int nonzeroBlocks() {
        int c = 0;
        for (double t : blockNorms()) {
            c += t > 0 ? 1 : 0;
        }
        return c;
    }

    /** These weights with zero blocks appended for {@code newPatterns - P} further patterns (a warm start). */
    public ConvexReluWeights extendedTo(int newPatterns) {
        if (newPatterns < patterns) {
            throw new InvalidInputException("newPatterns", newPatterns, "at least the current " + patterns);
        }
        int k = gated ? newPatterns : 2 * newPatterns;
        DMatrixRMaj b = new DMatrixRMaj(blocks.numRows, k);
        for (int r = 0; r < blocks.numRows; r++) {
            System.arraycopy(blocks.data, r * blocks.numCols, b.data, r * k, patterns);
            if (!gated) {
                System.arraycopy(blocks.data, r * blocks.numCols + patterns, b.data, r * k + newPatterns, patterns);
            }
        }
        return new ConvexReluWeights(b, gated);
    }
}
