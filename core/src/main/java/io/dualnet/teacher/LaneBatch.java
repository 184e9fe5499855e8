package io.dualnet.teacher;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.function.Consumer;

/**
 * The lock-step state of {@code L} SGD runs of one width (see {@link StudentSgd}): every parameter, gradient and
 * activation is a row of {@code L} doubles indexed by the run (lane), {@code p[row][s]}, so that each operation of
 * the forward and backward pass is an element-wise loop over the lanes, indexing all its arrays by the lane alone,
 * which the JIT compiles to SIMD instructions (with offsets into one flat array it cannot prove the rows distinct
 * and stays scalar: measured 2-4 times slower). The first layer is stored as rows {@code (k, j)} for input
 * {@code k} and unit {@code j}.
 *
 * <p>Only element-wise IEEE operations (no fused multiply-add, no reductions across lanes) touch a lane's numbers,
 * so a lane computes exactly what a run alone would: results do not depend on the batching or on threads. The ReLU
 * and its derivative are computed without branches ({@link #relu}, {@link #positive}): with signs of the
 * pre-activations close to coin flips, branches would be mispredicted half of the time. Finished lanes are removed
 * (the arrays are compacted) at the end of the step in which they finish.
 */
final class LaneBatch {

    private final SgdProtocol protocol;
    private final double[] x;
    private final double[] y;
    private final int n;
    private final int d;
    private final int h;
    private final Consumer<StudentRun> onFinish;
    private final StudentRun[] results;

    private int lanes;
    private int[] index;        // lane -> position in the caller's seed array
    private long[] seeds;
    private Random[] random;
    private int[][] perm;
    private double[] lr;
    private double[] reference;
    private int[] decaysLeft;
    private int[] decays;
    private double[][] wt;
    private double[][] b;
    private double[][] a;
    private double[] c;
    private double[][] gwt;
    private double[][] gb;
    private double[][] ga;
    private double[] gc;
    private double[][] xb;
    private double[] yb;
    private double[][] z;
    private double[][] dz;
    private double[] out;
    private double[] g;
    private double[] loss;

    LaneBatch(TeacherProblem problem, SgdProtocol protocol, double[] y, int width, long[] seedList,
              Consumer<StudentRun> onFinish) {
        this.protocol = protocol;
        this.x = problem.inputsView();
        this.y = y;
        this.n = problem.samples();
        this.d = problem.dimension();
        this.h = width;
        this.onFinish = onFinish;
        this.results = new StudentRun[seedList.length];
        int count = seedList.length;
        allocate(count);
        for (int s = 0; s < count; s++) {
            index[s] = s;
            seeds[s] = seedList[s];
            random[s] = new Random(StudentSgd.mix(seedList[s], width));
            perm[s] = new int[n];
            for (int i = 0; i < n; i++) {
                perm[s][i] = i;
            }
            lr[s] = protocol.learningRate();
            reference[s] = Double.NaN;
            decaysLeft[s] = StudentSgd.AUTHORS_DECAYS;
            initialize(s);
        }
    }

    private void allocate(int count) {
        lanes = count;
        index = new int[count];
        seeds = new long[count];
        random = new Random[count];
        perm = new int[count][];
        lr = new double[count];
        reference = new double[count];
        decaysLeft = new int[count];
        decays = new int[count];
        wt = new double[d * h][count];
        b = new double[h][count];
        a = new double[h][count];
        c = new double[count];
        gwt = new double[d * h][count];
        gb = new double[h][count];
        ga = new double[h][count];
        gc = new double[count];
        xb = new double[d][count];
        yb = new double[count];
        z = new double[h][count];
        dz = new double[h][count];
        out = new double[count];
        g = new double[count];
        loss = new double[count];
    }

    /** nn.Linear's draw order: first-layer weights row by row, its biases, output weights, output bias. */
    private void initialize(int s) {
        double s1 = protocol.initScale() / Math.sqrt(d);
        double s2 = protocol.initScale() / Math.sqrt(h);
        boolean uniform = protocol.init() == SgdProtocol.Init.PYTORCH;
        Random r = random[s];
        for (int j = 0; j < h; j++) {
            for (int k = 0; k < d; k++) {
                wt[k * h + j][s] = draw(r, uniform, s1);
            }
        }
        if (protocol.bias() && uniform) {
            for (int j = 0; j < h; j++) {
                b[j][s] = draw(r, true, s1);
            }
        }
        for (int j = 0; j < h; j++) {
            a[j][s] = draw(r, uniform, s2);
        }
        if (protocol.bias() && uniform) {
            c[s] = draw(r, true, s2);
        }
    }

    private static double draw(Random r, boolean uniform, double scale) {
        return uniform ? scale * (2 * r.nextDouble() - 1) : scale * r.nextGaussian();
    }

    List<StudentRun> train() {
        int batch = protocol.batch();
        int checkEvery = protocol.checkEvery();
        boolean authors = protocol.schedule() == SgdProtocol.Schedule.AUTHORS;
        double tol = protocol.tolerance();
        int pos = n;
        double[] full = new double[lanes];
        for (int it = 1; it <= protocol.iterations() && lanes > 0; it++) {
            if (pos + batch > n) {
                for (int s = 0; s < lanes; s++) {
                    shuffle(perm[s], random[s]);
                }
                pos = 0;
            }
            step(pos, batch);
            pos += batch;
            boolean check = it % checkEvery == 0;
            if (check) {
                full = fullLoss(full);
            }
            boolean anyDone = false;
            for (int s = 0; s < lanes; s++) {
                double batchLoss = loss[s] / batch;
                StudentRun done = null;
                if (!Double.isFinite(batchLoss)) {
                    done = run(s, batchLoss, it, StudentRun.Stop.DIVERGED);
                } else if (check && full[s] <= tol) {
                    done = run(s, full[s], it, StudentRun.Stop.HIT);
                } else if (authors && authorsStop(s, it, batchLoss)) {
                    done = finalRun(s, it, StudentRun.Stop.SCHEDULE);
                }
                if (done != null) {
                    finish(s, done);
                    anyDone = true;
                }
            }
            if (anyDone) {
                compact();
            }
        }
        if (lanes > 0) {
            full = fullLoss(full);
            for (int s = 0; s < lanes; s++) {
                StudentRun.Stop stop = full[s] <= tol ? StudentRun.Stop.HIT : StudentRun.Stop.BUDGET;
                if (!Double.isFinite(full[s])) {
                    stop = StudentRun.Stop.DIVERGED;
                }
                finish(s, run(s, full[s], protocol.iterations(), stop));
            }
        }
        return List.of(results);
    }

    /** The authors' rule after step {@code it}; may decay lane {@code s}'s step. Returns whether to stop. */
    private boolean authorsStop(int s, int it, double batchLoss) {
        if (batchLoss < StudentSgd.AUTHORS_EPS) {
            return true;
        }
        if (it % StudentSgd.AUTHORS_PERIOD != 0) {
            return false;
        }
        if (Double.isNaN(reference[s])) {
            reference[s] = batchLoss;
            return false;
        }
        if (reference[s] + StudentSgd.AUTHORS_EPS >= batchLoss) {
            return false;
        }
        if (decaysLeft[s] == 0) {
            return true;
        }
        decaysLeft[s]--;
        decays[s]++;
        reference[s] = batchLoss;
        lr[s] *= StudentSgd.AUTHORS_FACTOR;
        return false;
    }

    private StudentRun finalRun(int s, int it, StudentRun.Stop stop) {
        double value = fullLossOfLane(s);
        if (!Double.isFinite(value)) {
            return run(s, value, it, StudentRun.Stop.DIVERGED);
        }
        return run(s, value, it, value <= protocol.tolerance() ? StudentRun.Stop.HIT : stop);
    }

    private StudentRun run(int s, double value, int it, StudentRun.Stop stop) {
        boolean hit = stop == StudentRun.Stop.HIT;
        return new StudentRun(h, seeds[s], value, hit, it, hit ? it : -1, decays[s], stop);
    }

    private void finish(int s, StudentRun run) {
        results[index[s]] = run;
        index[s] = -1;
        onFinish.accept(run);
    }

    /** One SGD step of every lane on its {@code perm[pos .. pos+batch)}; leaves the summed batch losses in loss. */
    private void step(int pos, int batch) {
        final int ln = lanes;
        final double[][] a = this.a;
        final double[] gc = this.gc;
        final double[][] xb = this.xb;
        final double[] yb = this.yb;
        final double[][] z = this.z;
        final double[][] dz = this.dz;
        final double[] out = this.out;
        final double[] g = this.g;
        final double[] loss = this.loss;
        for (double[] row : gwt) {
            Arrays.fill(row, 0.0);
        }
        for (int j = 0; j < h; j++) {
            Arrays.fill(gb[j], 0.0);
            Arrays.fill(ga[j], 0.0);
        }
        Arrays.fill(gc, 0.0);
        Arrays.fill(loss, 0.0);
        boolean hinge = protocol.loss() == SgdProtocol.Loss.HINGE;
        double invTau = 1.0 / protocol.tau();
        double osc = protocol.outputScale() == SgdProtocol.OutputScale.MEAN ? 1.0 / h : 1.0;
        double scale = osc / batch;
        for (int q = 0; q < batch; q++) {
            for (int s = 0; s < ln; s++) {
                int i = perm[s][pos + q];
                int xo = i * d;
                for (int k = 0; k < d; k++) {
                    xb[k][s] = x[xo + k];
                }
                yb[s] = y[i];
            }
            forwardLanes(ln, xb, z, out, osc);
            if (hinge) {
                for (int s = 0; s < ln; s++) {
                    double pm = relu(1.0 - yb[s] * out[s] * invTau);
                    loss[s] += pm;
                    g[s] = -yb[s] * invTau * scale * positive(pm);
                }
            } else {
                for (int s = 0; s < ln; s++) {
                    double r = out[s] - yb[s];
                    loss[s] += 0.5 * r * r;
                    g[s] = r * scale;
                }
            }
            for (int s = 0; s < ln; s++) {
                gc[s] += g[s];
            }
            for (int j = 0; j < h; j++) {
                double[] zj = z[j];
                double[] aj = a[j];
                double[] gaj = ga[j];
                double[] gbj = gb[j];
                double[] dzj = dz[j];
                for (int s = 0; s < ln; s++) {
                    double hz = relu(zj[s]);
                    gaj[s] += g[s] * hz;
                    double v = g[s] * aj[s] * positive(hz);
                    dzj[s] = v;
                    gbj[s] += v;
                }
            }
            for (int k = 0; k < d; k++) {
                double[] xk = xb[k];
                for (int j = 0; j < h; j++) {
                    double[] gr = gwt[k * h + j];
                    double[] dzj = dz[j];
                    for (int s = 0; s < ln; s++) {
                        gr[s] += xk[s] * dzj[s];
                    }
                }
            }
        }
        for (int row = 0; row < d * h; row++) {
            descend(wt[row], gwt[row], ln);
        }
        for (int j = 0; j < h; j++) {
            descend(a[j], ga[j], ln);
        }
        if (protocol.bias()) {
            for (int j = 0; j < h; j++) {
                descend(b[j], gb[j], ln);
            }
            descend(c, gc, ln);
        }
    }

    /** {@code p[s] -= lr[s] * grad[s]} for every lane. */
    private void descend(double[] p, double[] grad, int ln) {
        final double[] rate = lr;
        for (int s = 0; s < ln; s++) {
            p[s] -= rate[s] * grad[s];
        }
    }

    /**
     * Outputs of every lane for the inputs in {@code xin} (row {@code k} holds input {@code k} of each lane);
     * pre-activations left in {@code zo}. Every inner loop indexes all its arrays by the lane alone, so that the JIT
     * can vectorize it without proving the arrays distinct.
     */
    private void forwardLanes(int ln, double[][] xin, double[][] zo, double[] outo, double osc) {
        for (int j = 0; j < h; j++) {
            System.arraycopy(b[j], 0, zo[j], 0, ln);
        }
        for (int k = 0; k < d; k++) {
            double[] xk = xin[k];
            for (int j = 0; j < h; j++) {
                double[] zj = zo[j];
                double[] wr = wt[k * h + j];
                for (int s = 0; s < ln; s++) {
                    zj[s] += wr[s] * xk[s];
                }
            }
        }
        System.arraycopy(c, 0, outo, 0, ln);
        for (int j = 0; j < h; j++) {
            double[] aj = a[j];
            double[] zj = zo[j];
            for (int s = 0; s < ln; s++) {
                outo[s] += aj[s] * relu(zj[s]);
            }
        }
        if (osc != 1.0) {
            for (int s = 0; s < ln; s++) {
                outo[s] *= osc;
            }
        }
    }

    /** The full-data loss of every lane (written into {@code into}, resized to the lane count). */
    private double[] fullLoss(double[] into) {
        int ln = lanes;
        double[] result = into.length == ln ? into : new double[ln];
        Arrays.fill(result, 0.0);
        boolean hinge = protocol.loss() == SgdProtocol.Loss.HINGE;
        double invTau = 1.0 / protocol.tau();
        double osc = protocol.outputScale() == SgdProtocol.OutputScale.MEAN ? 1.0 / h : 1.0;
        for (int i = 0; i < n; i++) {
            for (int k = 0; k < d; k++) {
                Arrays.fill(xb[k], x[i * d + k]);
            }
            forwardLanes(ln, xb, z, out, osc);
            double yi = y[i];
            if (hinge) {
                for (int s = 0; s < ln; s++) {
                    result[s] += relu(1.0 - yi * out[s] * invTau);
                }
            } else {
                for (int s = 0; s < ln; s++) {
                    double r = out[s] - yi;
                    result[s] += 0.5 * r * r;
                }
            }
        }
        for (int s = 0; s < ln; s++) {
            result[s] /= n;
        }
        return result;
    }

    /** The full-data loss of lane {@code s} alone. */
    private double fullLossOfLane(int s) {
        double[] all = fullLoss(new double[lanes]);
        return all[s];
    }

    /**
     * {@code max(z, 0)} without a branch: {@code (z + |z|) / 2}, exact for every finite {@code |z| <= MAX_VALUE / 2}
     * ({@code z + (-z)} is {@code +0}; {@code 2z} and its half are exact); NaN stays NaN.
     */
    static double relu(double z) {
        return 0.5 * (z + Math.abs(z));
    }

    /**
     * {@code 1[r > 0]} for {@code r >= 0} (a {@link #relu} output) without a branch: the bits of a nonnegative double
     * are a positive long exactly when it is positive, and the sign bit of their negation says so. NaN gives 1 (and
     * the NaN propagates through the other factor).
     */
    static double positive(double r) {
        return (double) ((-Double.doubleToRawLongBits(r)) >>> 63);
    }

    private static void shuffle(int[] p, Random r) {
        for (int i = p.length - 1; i > 0; i--) {
            int j = r.nextInt(i + 1);
            int t = p[i];
            p[i] = p[j];
            p[j] = t;
        }
    }

    /** Removes the finished lanes (index -1), keeping the others' order and state. */
    private void compact() {
        List<Integer> keep = new ArrayList<>();
        for (int s = 0; s < lanes; s++) {
            if (index[s] >= 0) {
                keep.add(s);
            }
        }
        int[] oIndex = index;
        long[] oSeeds = seeds;
        Random[] oRandom = random;
        int[][] oPerm = perm;
        double[] oLr = lr;
        double[] oRef = reference;
        int[] oLeft = decaysLeft;
        int[] oDecays = decays;
        double[][] oWt = wt;
        double[][] oB = b;
        double[][] oA = a;
        double[] oC = c;
        allocate(keep.size());
        for (int t = 0; t < lanes; t++) {
            int s = keep.get(t);
            index[t] = oIndex[s];
            seeds[t] = oSeeds[s];
            random[t] = oRandom[s];
            perm[t] = oPerm[s];
            lr[t] = oLr[s];
            reference[t] = oRef[s];
            decaysLeft[t] = oLeft[s];
            decays[t] = oDecays[s];
            c[t] = oC[s];
            for (int row = 0; row < d * h; row++) {
                wt[row][t] = oWt[row][s];
            }
            for (int j = 0; j < h; j++) {
                b[j][t] = oB[j][s];
                a[j][t] = oA[j][s];
            }
        }
    }
}
