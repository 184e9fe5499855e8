package io.dualnet.landscape;

import java.util.Arrays;

/**
 * Prunes a lattice function to the points that can be vertices of its convex envelope (the lower convex hull of the
 * graph {@code {(w, g(w))}}). A vertex of the hull of a point set is a vertex of the hull of every subset containing
 * it, so a point that is not a vertex of the 1-D lower hull of some axis-parallel lattice line through it cannot be
 * one; the kept points are those that are vertices on all {@code p} lines through them. The envelope and its
 * conjugate {@code min_j (g_j - s . w_j)} are unchanged by the pruning.
 */
final class EnvelopeCandidates {
    private EnvelopeCandidates() {
    }

    /**
     * @param values {@code g} at every lattice index (digit {@code i} of the index in base {@code side} is
     *     coordinate {@code i})
     * @param p number of coordinates
     * @param side points per axis
     * @return the kept lattice indices, increasing
     */
    static int[] prune(double[] values, int p, int side) {
        int g = values.length;
        byte[] count = new byte[g];
        int[] line = new int[side];
        int[] hull = new int[side];
        int stride = 1;
        for (int a = 0; a < p; a++) {
            for (int start = 0; start < g; start++) {
                if ((start / stride) % side != 0) {
                    continue;
                }
                for (int t = 0; t < side; t++) {
                    line[t] = start + t * stride;
                }
                int size = 0;
                for (int t = 0; t < side; t++) {
                    while (size >= 2) {
                        int i = hull[size - 2];
                        int j = hull[size - 1];
                        double cross = (double) (j - i) * (values[line[t]] - values[line[i]])
                                - (values[line[j]] - values[line[i]]) * (double) (t - i);
                        if (cross <= 0) {
                            size--;
                        } else {
                            break;
                        }
                    }
                    hull[size++] = t;
                }
                for (int h = 0; h < size; h++) {
                    count[line[hull[h]]]++;
                }
            }
            stride *= side;
        }
        int[] kept = new int[g];
        int k = 0;
        for (int idx = 0; idx < g; idx++) {
            if (count[idx] == p) {
                kept[k++] = idx;
            }
        }
        return Arrays.copyOf(kept, k);
    }
}
