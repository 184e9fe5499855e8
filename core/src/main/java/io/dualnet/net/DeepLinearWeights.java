package io.dualnet.net;

import io.dualnet.data.InvalidInputException;
import io.dualnet.linalg.Linalg;
import io.dualnet.linalg.MatrixDimensionException;
import io.dualnet.linalg.Matrices;
import org.ejml.data.DMatrixRMaj;

import java.util.ArrayList;
import java.util.List;

/**
 * The weights {@code W_1, ..., W_H} of a deep linear network in DualNet's row convention: samples are rows, so the
 * network maps {@code X} ({@code n x d_0}) to {@code X W_1 W_2 ... W_H} ({@code n x d_H}) and layer {@code l} is
 * {@code d_{l-1} x d_l}.
 *
 * <p>Zhang et al. write samples as columns; their {@code W_l} ({@code d_l x d_{l-1}}) is our {@code W_l^T}. An
 * immutable value: the matrices are copied in and out.
 */
public final class DeepLinearWeights {
    private final List<DMatrixRMaj> layers;

    /**
     * @param layers {@code W_1..W_H}, at least two, consecutive shapes chained ({@code W_l.numCols ==
     *     W_{l+1}.numRows}); copied
     */
    public DeepLinearWeights(List<DMatrixRMaj> layers) {
        if (layers.size() < 2) {
            throw new InvalidInputException("layers", layers.size(), "at least 2 weight matrices (depth >= 2)");
        }
        List<DMatrixRMaj> copy = new ArrayList<>(layers.size());
        for (int l = 0; l < layers.size(); l++) {
            DMatrixRMaj w = layers.get(l);
            Matrices.requireFinite("W_" + (l + 1), w);
            if (l > 0 && layers.get(l - 1).numCols != w.numRows) {
                throw new MatrixDimensionException("W_" + (l + 1), Matrices.shape(w),
                        layers.get(l - 1).numCols + " rows to follow W_" + l + " (" + Matrices.shape(layers.get(l - 1))
                                + ")");
            }
            copy.add(w.copy());
        }
        this.layers = List.copyOf(copy);
    }

    /** Depth {@code H}. */
    public int depth() {
        return layers.size();
    }

    /** Layer {@code l} for {@code 1 <= l <= H} (a copy). */
    public DMatrixRMaj layer(int l) {
        return layers.get(l - 1).copy();
    }

    /** All layers (copies). */
    public List<DMatrixRMaj> layers() {
        return layers.stream().map(DMatrixRMaj::copy).toList();
    }

    /** Layer {@code l} without copying; for use inside the library, which never modifies it. */
    DMatrixRMaj layerView(int l) {
        return layers.get(l - 1);
    }

    /** Widths {@code d_0, ..., d_H}. */
    public int[] widths() {
        int[] d = new int[layers.size() + 1];
        d[0] = layers.get(0).numRows;
        for (int l = 0; l < layers.size(); l++) {
            d[l + 1] = layers.get(l).numCols;
        }
        return d;
    }

    /** The end-to-end matrix {@code W_1 W_2 ... W_H} ({@code d_0 x d_H}). */
    public DMatrixRMaj product() {
        DMatrixRMaj p = layers.get(0);
        for (int l = 1; l < layers.size(); l++) {
            p = Linalg.get().mult(p, layers.get(l));
        }
        return p == layers.get(0) ? p.copy() : p;
    }

    /** Predictions {@code X W_1 ... W_H} for samples {@code x} ({@code n x d_0}). */
    public DMatrixRMaj predict(DMatrixRMaj x) {
        if (x.numCols != layers.get(0).numRows) {
            throw new MatrixDimensionException("x", Matrices.shape(x), layers.get(0).numRows + " columns");
        }
        DMatrixRMaj p = x;
        for (DMatrixRMaj w : layers) {
            p = Linalg.get().mult(p, w);
        }
        return p;
    }
}
