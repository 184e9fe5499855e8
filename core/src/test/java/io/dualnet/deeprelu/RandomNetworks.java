package io.dualnet.deeprelu;

import org.ejml.data.DMatrixRMaj;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/** Test fixture: bias-free deep networks with seeded Gaussian weights and random hidden widths. */
final class RandomNetworks {
    private RandomNetworks() {
    }

    /**
     * Layers {@code W_1 .. W_L} ({@code d -> m_1 -> ... -> k}) with i.i.d. standard Gaussian entries and hidden widths
     * {@code minWidth + rng.nextInt(widthChoices)}, drawn layer by layer (width, then entries) from {@code rng}.
     */
    static List<DMatrixRMaj> gaussianLayers(Random rng, int d, int depth, int k, int minWidth, int widthChoices) {
        List<DMatrixRMaj> w = new ArrayList<>();
        int prev = d;
        for (int l = 1; l <= depth; l++) {
            int m = l == depth ? k : minWidth + rng.nextInt(widthChoices);
            DMatrixRMaj wl = new DMatrixRMaj(prev, m);
            for (int i = 0; i < wl.data.length; i++) {
                wl.data[i] = rng.nextGaussian();
            }
            w.add(wl);
            prev = m;
        }
        return w;
    }
}
