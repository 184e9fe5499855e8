package io.dualnet.landscape.plane;

import io.dualnet.data.InvalidInputException;
import io.dualnet.linalg.Linalg;
import io.dualnet.net.Activation;
import io.dualnet.net.BranchArchitecture;
import io.dualnet.opt.Parallel;
import org.ejml.data.DMatrixRMaj;

import java.util.List;
import java.util.Locale;

/**
 * The mean loss of a {@link PlaneModel} on every point {@code origin + alpha u + beta v} of a {@link SurfaceGrid}
 * (the loss-surface pictures of Zhang, Shao, Salakhutdinov, Figures 1 and 4, after Li et al. 2018).
 *
 * <p><b>The first-layer trick.</b> The first layer's pre-activations are linear in the plane coordinates:
 * {@code X W_1(alpha, beta)^T = X W_1o^T + alpha X W_1u^T + beta X W_1v^T} (biases likewise). The three
 * {@code n x H_1} products are computed once (BLAS); a grid point then costs {@code O(n H_1)} for the first layer
 * instead of {@code O(n d H_1)}, plus the later layers in full. For one-hidden-layer networks (and multi-branch
 * networks of one-hidden-layer branches) that is the whole cost apart from the {@code H_1 x c} output layer; for
 * deeper branches (e.g. 8-8-8) the trick applies to the first layer of each branch only, and the later layers are
 * evaluated at every grid point with their weights {@code o + alpha u + beta v}.
 *
 * <p><b>Threads and determinism.</b> Grid rows (fixed {@code beta}) run in parallel; each grid point sums its
 * samples' losses in sample order, so the result does not depend on the thread count.
 */
public final class PlaneLandscape {

    /** Bytes of cache a block of samples' precomputed rows aims to fill. */
    static final int BLOCK_BYTES = 256 * 1024;

    private final PlaneModel model;
    private final double[][] x;
    private final double[] y;
    private final SurfaceLoss loss;
    private final int n;
    private final int width;
    private final int outputs;
    private final int[] firstOffset;
    private final int[] paramOffset;

    /**
     * @param model the network
     * @param x samples, {@code n x d}, rows are samples (not copied; must not change)
     * @param y labels, {@code n}
     * @param loss the per-sample loss
     * @throws InvalidInputException on inconsistent shapes or labels
     */
    public PlaneLandscape(PlaneModel model, double[][] x, double[] y, SurfaceLoss loss) {
        this.model = model;
        this.x = x;
        this.y = y;
        this.loss = loss;
        if (x == null || x.length == 0) {
            throw new InvalidInputException("--x", "no samples", "at least one sample");
        }
        if (y == null || y.length != x.length) {
            throw new InvalidInputException("--y", y == null ? null : y.length + " labels",
                    x.length + " labels (one per sample of --x)");
        }
        for (int k = 0; k < x.length; k++) {
            if (x[k].length != model.inputDim()) {
                throw new InvalidInputException("--x", "row " + k + " with " + x[k].length + " columns",
                        model.inputDim() + " columns (the network's input dimension)");
            }
            for (double v : x[k]) {
                InvalidInputException.requireFinite("--x[" + k + "]", v);
            }
        }
        loss.validate(y, model.outputDim());
        this.n = x.length;
        this.outputs = model.outputDim();
        List<BranchArchitecture> branches = model.branches();
        this.firstOffset = new int[branches.size() + 1];
        this.paramOffset = new int[branches.size() + 1];
        for (int i = 0; i < branches.size(); i++) {
            firstOffset[i + 1] = firstOffset[i] + branches.get(i).layers().get(1);
            paramOffset[i + 1] = paramOffset[i] + branches.get(i).parameterCount();
        }
        this.width = firstOffset[branches.size()];
    }

    /** The rows of {@code m} as arrays (the sample layout of the constructor). */
    public static double[][] rowsOf(DMatrixRMaj m) {
        double[][] x = new double[m.numRows][m.numCols];
        for (int k = 0; k < m.numRows; k++) {
            System.arraycopy(m.data, k * m.numCols, x[k], 0, m.numCols);
        }
        return x;
    }

    /** Bytes the engine needs beyond its inputs: three {@code n x H_1} products and the surface. */
    public static long bytesNeeded(PlaneModel model, int samples, SurfaceGrid grid) {
        return 3L * Double.BYTES * samples * model.firstLayerWidth() + 2L * Double.BYTES * grid.points()
                + (long) Double.BYTES * model.parameterCount() * 4;
    }

    /**
     * Checks that {@code bytes} fit in the heap this JVM may still allocate.
     *
     * @throws InvalidInputException naming {@code --grid}, with the bytes needed and available
     */
    public static void requireMemory(long bytes, SurfaceGrid grid, int samples) {
        Runtime rt = Runtime.getRuntime();
        long available = rt.maxMemory() - (rt.totalMemory() - rt.freeMemory());
        if (bytes > available * 0.9) {
            throw new InvalidInputException("--grid", grid.size() + " (" + grid.points() + " points on " + samples
                    + " samples)", String.format(Locale.ROOT, "a grid that fits in memory: it needs %.1f MiB, the JVM"
                    + " has %.1f MiB free (raise -Xmx through DUALNET_JAVA_OPTS, or lower --grid or the data)",
                    bytes / 1048576.0, available / 1048576.0));
        }
    }

    /**
     * The surface on {@code grid} by the first-layer trick.
     *
     * @throws InvalidInputException naming {@code --anchors} when the plane's dimension is not the model's,
     *     {@code --grid} when it does not fit in memory, {@code --range} when a grid point's loss is not finite
     */
    public Surface evaluate(Plane plane, SurfaceGrid grid, int threads) {
        checkPlane(plane);
        requireMemory(bytesNeeded(model, n, grid), grid, n);
        long start = System.nanoTime();
        DMatrixRMaj xm = new DMatrixRMaj(n, model.inputDim());
        for (int k = 0; k < n; k++) {
            System.arraycopy(x[k], 0, xm.data, k * xm.numCols, xm.numCols);
        }
        double[][] pre = {firstLayer(xm, plane.origin()), firstLayer(xm, plane.u()), firstLayer(xm, plane.v())};
        double[] alphas = grid.coordinates();
        int block = Math.max(1, Math.min(64, BLOCK_BYTES / (3 * Double.BYTES * width)));
        boolean fast = scalarOneHiddenRelu();
        List<double[]> rows = Parallel.map(grid.size(), threads, j -> fast
                ? rowScalar(plane, pre, alphas, grid.coordinate(j), block)
                : row(plane, pre, alphas, grid.coordinate(j), block));
        return finish(grid, rows, start);
    }

    /**
     * The surface on {@code grid} by a full forward pass of the network at every grid point
     * ({@link PlaneModel#loss}): the reference for tests and benchmarks. Grid points run in parallel.
     */
    public Surface evaluateNaive(Plane plane, SurfaceGrid grid, int threads) {
        checkPlane(plane);
        long start = System.nanoTime();
        double[] alphas = grid.coordinates();
        List<double[]> rows = Parallel.map(grid.size(), threads, j -> {
            double[] r = new double[alphas.length];
            for (int i = 0; i < alphas.length; i++) {
                r[i] = model.loss(plane.point(alphas[i], grid.coordinate(j)), x, y, loss) * n;
            }
            return r;
        });
        return finish(grid, rows, start);
    }

    private Surface finish(SurfaceGrid grid, List<double[]> rows, long start) {
        double[] c = grid.coordinates();
        double[][] values = new double[rows.size()][];
        for (int j = 0; j < values.length; j++) {
            values[j] = rows.get(j);
            for (int i = 0; i < values[j].length; i++) {
                values[j][i] /= n;
                if (!Double.isFinite(values[j][i])) {
                    throw new InvalidInputException("--range", grid.range(), String.format(Locale.ROOT,
                            "a range where the loss is finite (it is %s at alpha = %.6g, beta = %.6g)", values[j][i],
                            c[i], c[j]));
                }
            }
        }
        return new Surface(c, c.clone(), values, (System.nanoTime() - start) * 1e-9);
    }

    private void checkPlane(Plane plane) {
        if (plane.dimension() != model.parameterCount()) {
            throw new InvalidInputException("--anchors", plane.dimension() + " entries",
                    model.parameterCount() + " entries (H*d + H = the network's parameter count)");
        }
    }

    /** {@code X W_1^T + b_1} of every branch for the parameters {@code w}: {@code n x H_1}, row-major. */
    private double[] firstLayer(DMatrixRMaj xm, double[] w) {
        int d = model.inputDim();
        DMatrixRMaj w1 = new DMatrixRMaj(width, d);
        double[] bias = new double[width];
        List<BranchArchitecture> branches = model.branches();
        for (int i = 0; i < branches.size(); i++) {
            int h = branches.get(i).layers().get(1);
            System.arraycopy(w, paramOffset[i], w1.data, firstOffset[i] * d, h * d);
            if (branches.get(i).bias()) {
                System.arraycopy(w, paramOffset[i] + h * d, bias, firstOffset[i], h);
            }
        }
        double[] p = Linalg.get().multTransB(xm, w1).data;
        for (int k = 0; k < n; k++) {
            for (int j = 0; j < width; j++) {
                p[k * width + j] += bias[j];
            }
        }
        return p;
    }

    /** Whether every branch is {@code d-h-1} with ReLU: the case of {@link #rowScalar}. */
    private boolean scalarOneHiddenRelu() {
        for (BranchArchitecture a : model.branches()) {
            if (a.layers().size() != 3 || a.outputDim() != 1 || a.activation() != Activation.RELU) {
                return false;
            }
        }
        return true;
    }

    /**
     * {@link #row} for networks of {@code d-h-1} ReLU branches: with {@code beta} fixed, the output at
     * {@code alpha} is {@code s (sum_j r_j (wb_j + alpha wu_j) + B + alpha Bu)}, {@code r_j = max(0, p0_j + beta pv_j
     * + alpha pu_j)}, {@code wb = w2o + beta w2v}, {@code wu = w2u} (the biases {@code B, Bu} likewise); four values of
     * {@code alpha} share each pass over a sample's row of the products. ReLU is computed branch-free and exactly as
     * {@code (z + |z|) / 2}, the {@code 1/2} folded into {@code wb, wu} (scaling by a power of two is exact).
     */
    private double[] rowScalar(Plane plane, double[][] pre, double[] alphas, double beta, int block) {
        double[] po = plane.origin();
        double[] pu = plane.u();
        double[] pv = plane.v();
        double[] wb = new double[width];
        double[] wu = new double[width];
        double biasB = 0;
        double biasU = 0;
        List<BranchArchitecture> branches = model.branches();
        for (int i = 0; i < branches.size(); i++) {
            BranchArchitecture arch = branches.get(i);
            int h = arch.layers().get(1);
            int q = paramOffset[i] + h * arch.inputDim() + (arch.bias() ? h : 0);
            for (int j = 0; j < h; j++) {
                wb[firstOffset[i] + j] = 0.5 * (po[q + j] + beta * pv[q + j]);
                wu[firstOffset[i] + j] = 0.5 * pu[q + j];
            }
            if (arch.bias()) {
                biasB += po[q + h] + beta * pv[q + h];
                biasU += pu[q + h];
            }
        }
        double scale = model.outputScale();
        double[] p0 = pre[0];
        double[] p1 = pre[1];
        double[] p2 = pre[2];
        double[] sums = new double[alphas.length];
        double[] o = new double[1];
        double[] sb = new double[4];
        double[] su = new double[4];
        for (int from = 0; from < n; from += block) {
            int to = Math.min(n, from + block);
            for (int ia = 0; ia < alphas.length; ia += 4) {
                int m = Math.min(4, alphas.length - ia);
                double a0 = alphas[ia];
                double a1 = alphas[Math.min(ia + 1, alphas.length - 1)];
                double a2 = alphas[Math.min(ia + 2, alphas.length - 1)];
                double a3 = alphas[Math.min(ia + 3, alphas.length - 1)];
                for (int k = from; k < to; k++) {
                    int base = k * width;
                    double b0 = 0;
                    double b1 = 0;
                    double b2 = 0;
                    double b3 = 0;
                    double u0 = 0;
                    double u1 = 0;
                    double u2 = 0;
                    double u3 = 0;
                    for (int j = 0; j < width; j++) {
                        double c = p0[base + j] + beta * p2[base + j];
                        double d = p1[base + j];
                        double x = wb[j];
                        double y = wu[j];
                        double z0 = c + a0 * d;
                        double r0 = z0 + Math.abs(z0);
                        double z1 = c + a1 * d;
                        double r1 = z1 + Math.abs(z1);
                        double z2 = c + a2 * d;
                        double r2 = z2 + Math.abs(z2);
                        double z3 = c + a3 * d;
                        double r3 = z3 + Math.abs(z3);
                        b0 += r0 * x;
                        u0 += r0 * y;
                        b1 += r1 * x;
                        u1 += r1 * y;
                        b2 += r2 * x;
                        u2 += r2 * y;
                        b3 += r3 * x;
                        u3 += r3 * y;
                    }
                    sb[0] = b0;
                    sb[1] = b1;
                    sb[2] = b2;
                    sb[3] = b3;
                    su[0] = u0;
                    su[1] = u1;
                    su[2] = u2;
                    su[3] = u3;
                    for (int t = 0; t < m; t++) {
                        double a = alphas[ia + t];
                        o[0] = scale * (sb[t] + a * su[t] + biasB + a * biasU);
                        sums[ia + t] += loss.value(o, y[k]);
                    }
                }
            }
        }
        return sums;
    }

    /** Summed (not yet averaged) losses of the grid row {@code beta}, one per {@code alpha}. */
    private double[] row(Plane plane, double[][] pre, double[] alphas, double beta, int block) {
        double[] sums = new double[alphas.length];
        int branches = model.branches().size();
        double[] rest = new double[plane.dimension()];
        double[] act = new double[width];
        double[] out = new double[outputs];
        double[] o = new double[outputs];
        double[][] hidden = new double[2][maxWidth()];
        double scale = model.outputScale();
        for (int from = 0; from < n; from += block) {
            int to = Math.min(n, from + block);
            for (int ia = 0; ia < alphas.length; ia++) {
                double a = alphas[ia];
                restWeights(plane, a, beta, rest);
                for (int k = from; k < to; k++) {
                    firstActivations(pre, k, a, beta, act);
                    java.util.Arrays.fill(out, 0);
                    for (int i = 0; i < branches; i++) {
                        branchOutput(i, rest, act, hidden, o);
                        for (int c = 0; c < outputs; c++) {
                            out[c] += o[c];
                        }
                    }
                    for (int c = 0; c < outputs; c++) {
                        out[c] *= scale;
                    }
                    sums[ia] += loss.value(out, y[k]);
                }
            }
        }
        return sums;
    }

    /** The parameters after each branch's first layer at {@code (a, b)} (first-layer entries left untouched). */
    private void restWeights(Plane plane, double a, double b, double[] rest) {
        double[] po = plane.origin();
        double[] pu = plane.u();
        double[] pv = plane.v();
        List<BranchArchitecture> branches = model.branches();
        for (int i = 0; i < branches.size(); i++) {
            BranchArchitecture arch = branches.get(i);
            int h = arch.layers().get(1);
            int from = paramOffset[i] + h * arch.inputDim() + (arch.bias() ? h : 0);
            for (int q = from; q < paramOffset[i + 1]; q++) {
                rest[q] = po[q] + a * pu[q] + b * pv[q];
            }
        }
    }

    /**
     * The first layer's activations of sample {@code k} at {@code (a, b)}, from the three products (branchless
     * {@code Math.max} for ReLU: the signs of the pre-activations are unpredictable).
     */
    private void firstActivations(double[][] pre, int k, double a, double b, double[] act) {
        double[] p0 = pre[0];
        double[] pu = pre[1];
        double[] pv = pre[2];
        int base = k * width;
        for (int i = 0; i < firstOffset.length - 1; i++) {
            BranchArchitecture arch = model.branches().get(i);
            int from = firstOffset[i];
            int to = firstOffset[i + 1];
            if (arch.layers().size() == 2) {
                for (int j = from; j < to; j++) {
                    act[j] = p0[base + j] + a * pu[base + j] + b * pv[base + j];
                }
            } else if (arch.activation() == Activation.RELU) {
                for (int j = from; j < to; j++) {
                    act[j] = Math.max(0.0, p0[base + j] + a * pu[base + j] + b * pv[base + j]);
                }
            } else {
                Activation f = arch.activation();
                for (int j = from; j < to; j++) {
                    act[j] = f.apply(p0[base + j] + a * pu[base + j] + b * pv[base + j]);
                }
            }
        }
    }

    /** Branch {@code i}'s output from its first layer's activations (a slice of {@code act}). */
    private void branchOutput(int i, double[] rest, double[] act, double[][] hidden, double[] o) {
        BranchArchitecture arch = model.branches().get(i);
        Activation activation = arch.activation();
        List<Integer> layers = arch.layers();
        int last = layers.size() - 1;
        int h = layers.get(1);
        int off = firstOffset[i];
        if (last == 1) {
            System.arraycopy(act, off, o, 0, h);
            return;
        }
        double[] in = act;
        int inOff = off;
        int q = paramOffset[i] + h * layers.get(0) + (arch.bias() ? h : 0);
        int nIn = h;
        for (int l = 2; l <= last; l++) {
            int nOut = layers.get(l);
            double[] target = l == last ? o : hidden[l % 2];
            int bq = q + nOut * nIn;
            for (int r = 0; r < nOut; r++) {
                double s = (arch.bias() ? rest[bq + r] : 0) + dot(rest, q + r * nIn, in, inOff, nIn);
                target[r] = l == last ? s : activation.apply(s);
            }
            q = bq + (arch.bias() ? nOut : 0);
            in = target;
            inOff = 0;
            nIn = nOut;
        }
    }

    /** {@code sum_j a[ia + j] b[ib + j]} with four independent partial sums (the chain of adds is the bottleneck). */
    static double dot(double[] a, int ia, double[] b, int ib, int len) {
        double s0 = 0;
        double s1 = 0;
        double s2 = 0;
        double s3 = 0;
        int j = 0;
        for (; j + 3 < len; j += 4) {
            s0 += a[ia + j] * b[ib + j];
            s1 += a[ia + j + 1] * b[ib + j + 1];
            s2 += a[ia + j + 2] * b[ib + j + 2];
            s3 += a[ia + j + 3] * b[ib + j + 3];
        }
        for (; j < len; j++) {
            s0 += a[ia + j] * b[ib + j];
        }
        return (s0 + s1) + (s2 + s3);
    }

    private int maxWidth() {
        int m = 1;
        for (BranchArchitecture a : model.branches()) {
            for (int w : a.layers()) {
                m = Math.max(m, w);
            }
        }
        return m;
    }
}
