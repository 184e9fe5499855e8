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
                    x.length + " labels (one per sample)");
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
        double[][] pre = {firstLayer(plane.origin()), firstLayer(plane.u()), firstLayer(plane.v())};
        double[] alphas = grid.coordinates();
        int block = Math.max(1, Math.min(64, BLOCK_BYTES / (3 * Double.BYTES * width)));
        List<double[]> rows = Parallel.map(grid.size(), threads,
                j -> row(plane, pre, alphas, grid.coordinate(j), block));
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
    private double[] firstLayer(double[] w) {
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
        DMatrixRMaj xm = new DMatrixRMaj(n, d);
        for (int k = 0; k < n; k++) {
            System.arraycopy(x[k], 0, xm.data, k * d, d);
        }
        double[] p = Linalg.get().multTransB(xm, w1).data;
        for (int k = 0; k < n; k++) {
            for (int j = 0; j < width; j++) {
                p[k * width + j] += bias[j];
            }
        }
        return p;
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

    /** The first layer's pre-activations of sample {@code k} at {@code (a, b)}, from the three products. */
    private void firstActivations(double[][] pre, int k, double a, double b, double[] act) {
        double[] p0 = pre[0];
        double[] pu = pre[1];
        double[] pv = pre[2];
        int base = k * width;
        for (int j = 0; j < width; j++) {
            act[j] = p0[base + j] + a * pu[base + j] + b * pv[base + j];
        }
    }

    /** Branch {@code i}'s output from its first-layer pre-activations (a slice of {@code pre}). */
    private void branchOutput(int i, double[] rest, double[] pre, double[][] hidden, double[] o) {
        BranchArchitecture arch = model.branches().get(i);
        Activation activation = arch.activation();
        List<Integer> layers = arch.layers();
        int last = layers.size() - 1;
        int h = layers.get(1);
        int off = firstOffset[i];
        if (last == 1) {
            System.arraycopy(pre, off, o, 0, h);
            return;
        }
        double[] in = hidden[0];
        for (int j = 0; j < h; j++) {
            in[j] = activation.apply(pre[off + j]);
        }
        int q = paramOffset[i] + h * layers.get(0) + (arch.bias() ? h : 0);
        int nIn = h;
        for (int l = 2; l <= last; l++) {
            int nOut = layers.get(l);
            double[] target = l == last ? o : hidden[(l + 1) % 2];
            int bq = q + nOut * nIn;
            for (int r = 0; r < nOut; r++) {
                double s = arch.bias() ? rest[bq + r] : 0;
                int row = q + r * nIn;
                for (int j = 0; j < nIn; j++) {
                    s += rest[row + j] * in[j];
                }
                target[r] = l == last ? s : activation.apply(s);
            }
            q = bq + (arch.bias() ? nOut : 0);
            in = target;
            nIn = nOut;
        }
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
