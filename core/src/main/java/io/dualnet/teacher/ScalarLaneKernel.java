package io.dualnet.teacher;

import java.util.Arrays;

/**
 * The {@link LaneKernel} in plain Java loops (the lane index innermost): the reference for
 * {@link VectorLaneKernel}, which performs the same operations in the same order on each lane, and the kernel used
 * when the Vector API is not available. One block's gradient, pre-activations and gathered inputs are scratch
 * arrays reused by every block and step (no allocation in the loop).
 */
final class ScalarLaneKernel implements LaneKernel {
    /** Lanes per block when no vector length imposes one. */
    static final int DEFAULT_LANES = 64;

    private final LaneShape shape;
    private final double[] x;
    private final double[] y;
    private final int lanes;
    private final double[] grad;
    private final double[] xs;
    private final double[] ys;
    private final double[] zs;
    private final double[] out;
    private final double[] g;
    private final double[] acc;
    private final double[] dzs;

    ScalarLaneKernel(LaneShape shape, double[] x, double[] y, int lanes) {
        this.shape = shape;
        this.x = x;
        this.y = y;
        this.lanes = lanes;
        this.grad = new double[shape.rows() * lanes];
        this.xs = new double[shape.d() * lanes];
        this.ys = new double[lanes];
        this.zs = new double[shape.h() * lanes];
        this.out = new double[lanes];
        this.g = new double[lanes];
        this.acc = new double[lanes];
        this.dzs = new double[lanes];
    }

    @Override
    public int vectorLength() {
        return lanes;
    }

    @Override
    public void step(double[] par, double[] rate, int blocks, int[][] perm, int pos, double[] loss) {
        final int nl = lanes;
        final int d = shape.d();
        final int h = shape.h();
        final int rows = shape.rows();
        final int bRow = shape.bRow();
        final int aRow = shape.aRow();
        final int cRow = shape.cRow();
        final double scale = shape.scale();
        for (int blk = 0; blk < blocks; blk++) {
            final int base = blk * rows * nl;
            Arrays.fill(grad, 0.0);
            Arrays.fill(acc, 0.0);
            for (int q = 0; q < shape.batch(); q++) {
                LaneGather.gather(x, y, d, perm, blk * nl, nl, pos + q, xs, 0, ys, 0);
                forward(par, base, xs, false);
                lossAndSlope(scale);
                for (int v = 0; v < nl; v++) {
                    grad[cRow * nl + v] += g[v];
                }
                for (int j = 0; j < h; j++) {
                    int ai = (aRow + j) * nl;
                    int bi = (bRow + j) * nl;
                    int zi = j * nl;
                    for (int v = 0; v < nl; v++) {
                        double hz = relu(zs[zi + v]);
                        grad[ai + v] += g[v] * hz;
                        double dz = g[v] * par[base + ai + v] * positive(hz);
                        dzs[v] = dz;
                        grad[bi + v] += dz;
                    }
                    int wi = j * d * nl;
                    for (int k = 0; k < d; k++) {
                        int gi = wi + k * nl;
                        int xi = k * nl;
                        for (int v = 0; v < nl; v++) {
                            grad[gi + v] += xs[xi + v] * dzs[v];
                        }
                    }
                }
            }
            System.arraycopy(acc, 0, loss, blk * nl, nl);
            descend(par, base, rate, blk * nl, 0, bRow);
            descend(par, base, rate, blk * nl, aRow, aRow + h);
            if (shape.bias()) {
                descend(par, base, rate, blk * nl, bRow, aRow);
                descend(par, base, rate, blk * nl, cRow, cRow + 1);
            }
        }
    }

    /** {@code par -= rate * grad} on rows {@code [fromRow, toRow)} of the block at {@code base}. */
    private void descend(double[] par, int base, double[] rate, int lane0, int fromRow, int toRow) {
        final int nl = lanes;
        for (int row = fromRow; row < toRow; row++) {
            for (int v = 0; v < nl; v++) {
                par[base + row * nl + v] -= rate[lane0 + v] * grad[row * nl + v];
            }
        }
    }

    /** Outputs into {@code out}, pre-activations into {@code zs}; {@code broadcast}: {@code in} is one sample. */
    private void forward(double[] par, int base, double[] in, boolean broadcast) {
        final int nl = lanes;
        final int d = shape.d();
        final int h = shape.h();
        final int bRow = shape.bRow();
        final int aRow = shape.aRow();
        for (int v = 0; v < nl; v++) {
            out[v] = par[base + shape.cRow() * nl + v];
        }
        for (int j = 0; j < h; j++) {
            int zi = j * nl;
            System.arraycopy(par, base + (bRow + j) * nl, zs, zi, nl);
            int wi = base + j * d * nl;
            for (int k = 0; k < d; k++) {
                int pi = wi + k * nl;
                for (int v = 0; v < nl; v++) {
                    zs[zi + v] = zs[zi + v] + par[pi + v] * (broadcast ? in[k] : in[k * nl + v]);
                }
            }
            int ai = base + (aRow + j) * nl;
            for (int v = 0; v < nl; v++) {
                out[v] = out[v] + par[ai + v] * relu(zs[zi + v]);
            }
        }
        if (shape.osc() != 1.0) {
            for (int v = 0; v < nl; v++) {
                out[v] = out[v] * shape.osc();
            }
        }
    }

    /** The loss of the outputs against {@code ys} added to {@code acc}; the slope times {@code scale} into g. */
    private void lossAndSlope(double scale) {
        final double invTau = shape.invTau();
        for (int v = 0; v < lanes; v++) {
            if (shape.hinge()) {
                double pm = relu(1.0 - ys[v] * out[v] * invTau);
                acc[v] = acc[v] + pm;
                g[v] = -ys[v] * invTau * scale * positive(pm);
            } else {
                double r = out[v] - ys[v];
                acc[v] = acc[v] + 0.5 * r * r;
                g[v] = r * scale;
            }
        }
    }

    @Override
    public void fullLoss(double[] par, int blocks, double[] loss) {
        final int nl = lanes;
        final int d = shape.d();
        final int n = shape.n();
        double[] xi = new double[d];
        for (int blk = 0; blk < blocks; blk++) {
            int base = blk * shape.rows() * nl;
            Arrays.fill(acc, 0.0);
            for (int i = 0; i < n; i++) {
                System.arraycopy(x, i * d, xi, 0, d);
                Arrays.fill(ys, y[i]);
                forward(par, base, xi, true);
                lossAndSlope(1.0);
            }
            for (int v = 0; v < nl; v++) {
                loss[blk * nl + v] = acc[v] / n;
            }
        }
    }

    /** {@code max(z, 0)} without a branch: {@code (z + |z|) / 2} (exact; NaN stays NaN). */
    static double relu(double z) {
        return 0.5 * (z + Math.abs(z));
    }

    /** {@code 1[r > 0]} (0 for NaN). */
    static double positive(double r) {
        return r > 0 ? 1.0 : 0.0;
    }
}
