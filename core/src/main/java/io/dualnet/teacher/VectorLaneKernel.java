package io.dualnet.teacher;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

import java.util.Arrays;

/**
 * The {@link LaneKernel} on the JDK's incubating Vector API: a block is one SIMD vector of lanes
 * ({@code DoubleVector.SPECIES_PREFERRED}: 8 doubles with AVX-512, 4 with AVX2), so every operation of the forward
 * and backward pass of a sample is one vector instruction for the block, on parameters and gradients that stay in
 * the L1 cache for the whole mini-batch. The operations and their order on each lane are those of
 * {@link ScalarLaneKernel} (multiply then add, never fused), so both give bit for bit the same numbers. Loaded only
 * when {@link LaneKernel#vectorAvailable()}.
 */
final class VectorLaneKernel implements LaneKernel {
    private static final VectorSpecies<Double> S = DoubleVector.SPECIES_PREFERRED;
    private static final DoubleVector ONE = DoubleVector.broadcast(S, 1.0);
    private static final DoubleVector ZERO = DoubleVector.zero(S);
    private static final DoubleVector HALF = DoubleVector.broadcast(S, 0.5);
    /** Samples processed together by {@link #group}. */
    static final int GROUP = 4;

    private final LaneShape shape;
    private final double[] x;
    private final double[] y;
    private final double[] grad;
    private final double[] xs;
    private final double[] ys;
    private final double[] zs;
    private final double[] outs;
    private final double[] dzs;
    private final double[] gs;
    private final DoubleVector osc;
    private final DoubleVector invTau;
    private final DoubleVector scale;
    private final double[] acc;

    VectorLaneKernel(LaneShape shape, double[] x, double[] y) {
        this.shape = shape;
        this.x = x;
        this.y = y;
        int nl = S.length();
        this.grad = new double[shape.rows() * nl];
        this.xs = new double[GROUP * shape.d() * nl];
        this.ys = new double[GROUP * nl];
        this.zs = new double[GROUP * shape.h() * nl];
        this.outs = new double[GROUP * nl];
        this.dzs = new double[GROUP * shape.h() * nl];
        this.gs = new double[GROUP * nl];
        this.osc = DoubleVector.broadcast(S, shape.osc());
        this.invTau = DoubleVector.broadcast(S, shape.invTau());
        this.scale = DoubleVector.broadcast(S, shape.scale());
        this.acc = new double[nl];
    }

    /** Lanes per vector in this JVM. */
    static int lanes() {
        return S.length();
    }

    @Override
    public int vectorLength() {
        return S.length();
    }

    @Override
    public void step(double[] par, double[] rate, int blocks, int[][] perm, int pos, double[] loss) {
        final int nl = S.length();
        final int rows = shape.rows();
        final int batch = shape.batch();
        final int bRow = shape.bRow();
        final int aRow = shape.aRow();
        final int cRow = shape.cRow();
        for (int blk = 0; blk < blocks; blk++) {
            final int base = blk * rows * nl;
            Arrays.fill(grad, 0.0);
            Arrays.fill(acc, 0.0);
            int q = 0;
            for (; q + GROUP <= batch; q += GROUP) {
                for (int t = 0; t < GROUP; t++) {
                    LaneGather.gather(x, y, shape.d(), perm, blk * nl, nl, pos + q + t, xs, t * shape.d() * nl, ys,
                            t * nl);
                }
                forwardGroup(par, base);
                slopeGroup();
                backwardGroup(par, base);
                weightGroup();
            }
            for (; q < batch; q++) {
                LaneGather.gather(x, y, shape.d(), perm, blk * nl, nl, pos + q, xs, 0, ys, 0);
                single(par, base);
            }
            System.arraycopy(acc, 0, loss, blk * nl, nl);
            DoubleVector r = DoubleVector.fromArray(S, rate, blk * nl);
            descend(par, base, r, 0, bRow);
            descend(par, base, r, aRow, aRow + shape.h());
            if (shape.bias()) {
                descend(par, base, r, bRow, aRow);
                descend(par, base, r, cRow, cRow + 1);
            }
        }
    }

    /**
     * Forward pass of {@value #GROUP} consecutive samples (gathered in {@code xs}, {@code ys}) sharing each load of
     * a weight: pre-activations into {@code zs}, outputs into {@code outs}. With {@link #backwardGroup} the numbers
     * are those of {@value #GROUP} calls of {@link #single} (every accumulator adds the samples in their order). The
     * two halves are separate methods so that the JIT compiles each within its node budget, with every Vector API
     * call inlined (vectors never cross a call: they would be boxed).
     */
    private void forwardGroup(double[] par, int base) {
        final int nl = S.length();
        final int d = shape.d();
        final int h = shape.h();
        final int bRow = shape.bRow();
        final int aRow = shape.aRow();
        final int cRow = shape.cRow();
        final int x1 = d * nl;
        final int x2 = 2 * d * nl;
        final int x3 = 3 * d * nl;
        final int z1 = h * nl;
        final int z2 = 2 * h * nl;
        final int z3 = 3 * h * nl;
        final double[] grad = this.grad;
        final double[] xs = this.xs;
        final double[] zs = this.zs;
        DoubleVector c = DoubleVector.fromArray(S, par, base + cRow * nl);
        DoubleVector o0 = c;
        DoubleVector o1 = c;
        DoubleVector o2 = c;
        DoubleVector o3 = c;
        for (int j = 0; j < h; j++) {
            DoubleVector b = DoubleVector.fromArray(S, par, base + (bRow + j) * nl);
            DoubleVector u0 = b;
            DoubleVector u1 = b;
            DoubleVector u2 = b;
            DoubleVector u3 = b;
            int wi = base + j * d * nl;
            for (int k = 0; k < d; k++) {
                DoubleVector w = DoubleVector.fromArray(S, par, wi + k * nl);
                int xi = k * nl;
                u0 = u0.add(w.mul(DoubleVector.fromArray(S, xs, xi)));
                u1 = u1.add(w.mul(DoubleVector.fromArray(S, xs, x1 + xi)));
                u2 = u2.add(w.mul(DoubleVector.fromArray(S, xs, x2 + xi)));
                u3 = u3.add(w.mul(DoubleVector.fromArray(S, xs, x3 + xi)));
            }
            int zi = j * nl;
            u0.intoArray(zs, zi);
            u1.intoArray(zs, z1 + zi);
            u2.intoArray(zs, z2 + zi);
            u3.intoArray(zs, z3 + zi);
            DoubleVector a = DoubleVector.fromArray(S, par, base + (aRow + j) * nl);
            o0 = o0.add(a.mul(relu(u0)));
            o1 = o1.add(a.mul(relu(u1)));
            o2 = o2.add(a.mul(relu(u2)));
            o3 = o3.add(a.mul(relu(u3)));
        }
        o0.intoArray(outs, 0);
        o1.intoArray(outs, nl);
        o2.intoArray(outs, 2 * nl);
        o3.intoArray(outs, 3 * nl);
    }

    /**
     * Backward pass of the {@value #GROUP} samples of {@link #forwardGroup} down to the hidden units, sharing each
     * load and store of a gradient: adds their losses to {@code acc}, leaves the pre-activation slopes in
     * {@code dzs} for {@link #weightGroup}.
     */
    private void backwardGroup(double[] par, int base) {
        final int nl = S.length();
        final int h = shape.h();
        final int bRow = shape.bRow();
        final int aRow = shape.aRow();
        final int cRow = shape.cRow();
        final int z1 = h * nl;
        final int z2 = 2 * h * nl;
        final int z3 = 3 * h * nl;
        final double[] grad = this.grad;
        final double[] zs = this.zs;
        DoubleVector g0 = DoubleVector.fromArray(S, gs, 0);
        DoubleVector g1 = DoubleVector.fromArray(S, gs, nl);
        DoubleVector g2 = DoubleVector.fromArray(S, gs, 2 * nl);
        DoubleVector g3 = DoubleVector.fromArray(S, gs, 3 * nl);
        for (int j = 0; j < h; j++) {
            int ai = (aRow + j) * nl;
            int bi = (bRow + j) * nl;
            int zi = j * nl;
            DoubleVector h0 = relu(DoubleVector.fromArray(S, zs, zi));
            DoubleVector h1 = relu(DoubleVector.fromArray(S, zs, z1 + zi));
            DoubleVector h2 = relu(DoubleVector.fromArray(S, zs, z2 + zi));
            DoubleVector h3 = relu(DoubleVector.fromArray(S, zs, z3 + zi));
            DoubleVector.fromArray(S, grad, ai).add(g0.mul(h0)).add(g1.mul(h1)).add(g2.mul(h2)).add(g3.mul(h3))
                    .intoArray(grad, ai);
            DoubleVector a = DoubleVector.fromArray(S, par, base + ai);
            DoubleVector d0 = g0.mul(a).mul(positive(h0));
            DoubleVector d1 = g1.mul(a).mul(positive(h1));
            DoubleVector d2 = g2.mul(a).mul(positive(h2));
            DoubleVector d3 = g3.mul(a).mul(positive(h3));
            DoubleVector.fromArray(S, grad, bi).add(d0).add(d1).add(d2).add(d3).intoArray(grad, bi);
            d0.intoArray(dzs, zi);
            d1.intoArray(dzs, z1 + zi);
            d2.intoArray(dzs, z2 + zi);
            d3.intoArray(dzs, z3 + zi);
        }
    }

    /**
     * The losses of the {@value #GROUP} outputs in {@code outs} added to {@code acc}, their slopes (times the
     * scale) into {@code gs} and onto the gradient of {@code c}.
     */
    private void slopeGroup() {
        final int nl = S.length();
        final int ci = shape.cRow() * nl;
        DoubleVector o0 = DoubleVector.fromArray(S, outs, 0);
        DoubleVector o1 = DoubleVector.fromArray(S, outs, nl);
        DoubleVector o2 = DoubleVector.fromArray(S, outs, 2 * nl);
        DoubleVector o3 = DoubleVector.fromArray(S, outs, 3 * nl);
        DoubleVector.fromArray(S, acc, 0).add(lossOf(o0, 0)).add(lossOf(o1, nl)).add(lossOf(o2, 2 * nl))
                .add(lossOf(o3, 3 * nl)).intoArray(acc, 0);
        DoubleVector g0 = slope(o0, 0);
        DoubleVector g1 = slope(o1, nl);
        DoubleVector g2 = slope(o2, 2 * nl);
        DoubleVector g3 = slope(o3, 3 * nl);
        g0.intoArray(gs, 0);
        g1.intoArray(gs, nl);
        g2.intoArray(gs, 2 * nl);
        g3.intoArray(gs, 3 * nl);
        DoubleVector.fromArray(S, grad, ci).add(g0).add(g1).add(g2).add(g3).intoArray(grad, ci);
    }

    /** The first-layer weights' gradient of the {@value #GROUP} samples of {@link #backwardGroup}. */
    private void weightGroup() {
        final int nl = S.length();
        final int d = shape.d();
        final int h = shape.h();
        final int x1 = d * nl;
        final int x2 = 2 * d * nl;
        final int x3 = 3 * d * nl;
        final int z1 = h * nl;
        final int z2 = 2 * h * nl;
        final int z3 = 3 * h * nl;
        final double[] grad = this.grad;
        final double[] xs = this.xs;
        final double[] dzs = this.dzs;
        for (int j = 0; j < h; j++) {
            int wi = j * d * nl;
            int zi = j * nl;
            DoubleVector d0 = DoubleVector.fromArray(S, dzs, zi);
            DoubleVector d1 = DoubleVector.fromArray(S, dzs, z1 + zi);
            DoubleVector d2 = DoubleVector.fromArray(S, dzs, z2 + zi);
            DoubleVector d3 = DoubleVector.fromArray(S, dzs, z3 + zi);
            for (int k = 0; k < d; k++) {
                int gi = wi + k * nl;
                int xi = k * nl;
                DoubleVector.fromArray(S, grad, gi)
                        .add(DoubleVector.fromArray(S, xs, xi).mul(d0))
                        .add(DoubleVector.fromArray(S, xs, x1 + xi).mul(d1))
                        .add(DoubleVector.fromArray(S, xs, x2 + xi).mul(d2))
                        .add(DoubleVector.fromArray(S, xs, x3 + xi).mul(d3))
                        .intoArray(grad, gi);
            }
        }
    }

    /** Forward and backward pass of the one sample gathered at the start of {@code xs}, {@code ys}. */
    private void single(double[] par, int base) {
        final int nl = S.length();
        final int d = shape.d();
        final int h = shape.h();
        final int bRow = shape.bRow();
        final int aRow = shape.aRow();
        final int cRow = shape.cRow();
        DoubleVector out = DoubleVector.fromArray(S, par, base + cRow * nl);
        for (int j = 0; j < h; j++) {
            DoubleVector z = DoubleVector.fromArray(S, par, base + (bRow + j) * nl);
            int wi = base + j * d * nl;
            for (int k = 0; k < d; k++) {
                z = z.add(DoubleVector.fromArray(S, par, wi + k * nl).mul(DoubleVector.fromArray(S, xs, k * nl)));
            }
            z.intoArray(zs, j * nl);
            out = out.add(DoubleVector.fromArray(S, par, base + (aRow + j) * nl).mul(relu(z)));
        }
        DoubleVector g = slope(out, 0);
        DoubleVector.fromArray(S, acc, 0).add(lossOf(out, 0)).intoArray(acc, 0);
        DoubleVector.fromArray(S, grad, cRow * nl).add(g).intoArray(grad, cRow * nl);
        for (int j = 0; j < h; j++) {
            int ai = (aRow + j) * nl;
            int bi = (bRow + j) * nl;
            int wi = j * d * nl;
            DoubleVector hz = relu(DoubleVector.fromArray(S, zs, j * nl));
            DoubleVector.fromArray(S, grad, ai).add(g.mul(hz)).intoArray(grad, ai);
            DoubleVector dz = g.mul(DoubleVector.fromArray(S, par, base + ai)).mul(positive(hz));
            DoubleVector.fromArray(S, grad, bi).add(dz).intoArray(grad, bi);
            for (int k = 0; k < d; k++) {
                int gi = wi + k * nl;
                DoubleVector.fromArray(S, grad, gi).add(DoubleVector.fromArray(S, xs, k * nl).mul(dz))
                        .intoArray(grad, gi);
            }
        }
    }

    /** The output {@code out} times the output scale (before the loss). */
    private DoubleVector scaled(DoubleVector out) {
        return shape.osc() != 1.0 ? out.mul(osc) : out;
    }

    /** The loss of the (unscaled) output {@code out} against {@code ys[yi ..]}. */
    private DoubleVector lossOf(DoubleVector out, int yi) {
        DoubleVector f = scaled(out);
        DoubleVector yv = DoubleVector.fromArray(S, ys, yi);
        if (shape.hinge()) {
            return relu(ONE.sub(yv.mul(f).mul(invTau)));
        }
        DoubleVector r = f.sub(yv);
        return r.mul(HALF).mul(r);
    }

    /** The loss's slope in the (unscaled) output, times {@link LaneShape#scale()}. */
    private DoubleVector slope(DoubleVector out, int yi) {
        DoubleVector f = scaled(out);
        DoubleVector yv = DoubleVector.fromArray(S, ys, yi);
        if (shape.hinge()) {
            DoubleVector pm = relu(ONE.sub(yv.mul(f).mul(invTau)));
            return yv.neg().mul(invTau).mul(scale).mul(positive(pm));
        }
        return f.sub(yv).mul(scale);
    }

    /** {@code par -= rate * grad} on rows {@code [fromRow, toRow)} of the block at {@code base}. */
    private void descend(double[] par, int base, DoubleVector rate, int fromRow, int toRow) {
        final int nl = S.length();
        for (int row = fromRow; row < toRow; row++) {
            int pi = base + row * nl;
            DoubleVector.fromArray(S, par, pi).sub(rate.mul(DoubleVector.fromArray(S, grad, row * nl)))
                    .intoArray(par, pi);
        }
    }

    @Override
    public void fullLoss(double[] par, int blocks, double[] loss) {
        final int nl = S.length();
        final int d = shape.d();
        final int h = shape.h();
        final int n = shape.n();
        final int bRow = shape.bRow();
        final int aRow = shape.aRow();
        final double invTau = shape.invTau();
        final double osc = shape.osc();
        for (int blk = 0; blk < blocks; blk++) {
            final int base = blk * shape.rows() * nl;
            DoubleVector acc = ZERO;
            for (int i = 0; i < n; i++) {
                int xo = i * d;
                DoubleVector out = DoubleVector.fromArray(S, par, base + shape.cRow() * nl);
                for (int j = 0; j < h; j++) {
                    DoubleVector z = DoubleVector.fromArray(S, par, base + (bRow + j) * nl);
                    int wi = base + j * d * nl;
                    for (int k = 0; k < d; k++) {
                        z = z.add(DoubleVector.fromArray(S, par, wi + k * nl).mul(x[xo + k]));
                    }
                    out = out.add(DoubleVector.fromArray(S, par, base + (aRow + j) * nl).mul(relu(z)));
                }
                if (osc != 1.0) {
                    out = out.mul(osc);
                }
                double yi = y[i];
                if (shape.hinge()) {
                    acc = acc.add(relu(ONE.sub(out.mul(yi).mul(invTau))));
                } else {
                    DoubleVector r = out.sub(yi);
                    acc = acc.add(r.mul(HALF).mul(r));
                }
            }
            acc.div(n).intoArray(loss, blk * nl);
        }
    }

    /** {@code (z + |z|) / 2}, as {@link ScalarLaneKernel#relu}. */
    private static DoubleVector relu(DoubleVector z) {
        return z.add(z.abs()).mul(HALF);
    }

    /** {@code 1[r > 0]}, as {@link ScalarLaneKernel#positive}. */
    private static DoubleVector positive(DoubleVector r) {
        VectorMask<Double> m = r.compare(VectorOperators.GT, ZERO);
        return ZERO.blend(ONE, m);
    }
}
