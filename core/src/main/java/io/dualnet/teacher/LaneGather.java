package io.dualnet.teacher;

/** Gathers one mini-batch sample of each lane of a block into lane-innermost rows (shared by the kernels). */
final class LaneGather {
    private LaneGather() {
    }

    /**
     * {@code xs[xsAt + k * nl + v] = x[i_v * d + k]} and {@code ys[ysAt + v] = y[i_v]} with {@code i_v = perm[lane0 + v][at]}, for
     * the {@code nl} lanes from {@code lane0}.
     */
    static void gather(double[] x, double[] y, int d, int[][] perm, int lane0, int nl, int at, double[] xs,
                       int xsAt, double[] ys, int ysAt) {
        for (int v = 0; v < nl; v++) {
            int i = perm[lane0 + v][at];
            int xo = i * d;
            for (int k = 0; k < d; k++) {
                xs[xsAt + k * nl + v] = x[xo + k];
            }
            ys[ysAt + v] = y[i];
        }
    }
}
