package io.dualnet.teacher;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;

/**
 * The lock-step state of {@code L} SGD runs of one width (see {@link StudentSgd}): the runs (lanes) are grouped in
 * blocks of {@code V} lanes, and every parameter is stored as rows of {@code V} doubles, one per lane of a block
 * ({@link LaneShape}), so that each operation of the forward and backward pass of a block is one SIMD instruction
 * of a {@link LaneKernel}. This class keeps the per-run state (random stream, data order, step size, schedule) and
 * decides when runs end; the kernel does the arithmetic.
 *
 * <p>Only element-wise IEEE operations (no fused multiply-add, no reductions across lanes) touch a lane's numbers,
 * so a lane computes exactly what a run alone would: results do not depend on the batching, on the kernel or on
 * threads. Lanes that pad the last block train nothing (step size 0, zero parameters, sample 0). Finished lanes are
 * removed (the arrays are compacted) at the end of the step in which they finish.
 */
final class LaneBatch {

    private final SgdProtocol protocol;
    private final LaneShape shape;
    private final LaneKernel kernel;
    private final int vl;
    private final int[] padPerm;
    private final Consumer<StudentRun> onFinish;
    private final StudentRun[] results;

    private int lanes;
    private int blocks;
    private int[] index;        // lane -> position in the caller's seed array
    private long[] seeds;
    private LcgRandom[] random;
    private int[][] perm;       // padded to blocks * vl lanes
    private double[] lr;        // padded; 0 on padding lanes
    private double[] reference;
    private int[] decaysLeft;
    private int[] decays;
    private double[] par;
    private double[] loss;      // padded

    LaneBatch(TeacherProblem problem, SgdProtocol protocol, double[] y, int width, long[] seedList,
              Consumer<StudentRun> onFinish) {
        this(problem, protocol, y, width, seedList, onFinish, null);
    }

    /** With a given kernel ({@code null}: the fastest available). */
    LaneBatch(TeacherProblem problem, SgdProtocol protocol, double[] y, int width, long[] seedList,
              Consumer<StudentRun> onFinish, LaneKernel given) {
        this.protocol = protocol;
        this.shape = LaneShape.of(protocol, problem.samples(), problem.dimension(), width);
        this.kernel = given != null ? given : LaneKernel.create(shape, problem.inputsView(), y);
        this.vl = kernel.vectorLength();
        this.padPerm = new int[shape.n()];
        this.onFinish = onFinish;
        this.results = new StudentRun[seedList.length];
        int count = seedList.length;
        allocate(count);
        for (int s = 0; s < count; s++) {
            index[s] = s;
            seeds[s] = seedList[s];
            random[s] = new LcgRandom(StudentSgd.mix(seedList[s], width));
            perm[s] = new int[shape.n()];
            for (int i = 0; i < shape.n(); i++) {
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
        blocks = (count + vl - 1) / vl;
        int padded = blocks * vl;
        index = new int[count];
        seeds = new long[count];
        random = new LcgRandom[count];
        perm = new int[padded][];
        Arrays.fill(perm, padPerm);
        lr = new double[padded];
        reference = new double[count];
        decaysLeft = new int[count];
        decays = new int[count];
        par = new double[blocks * shape.rows() * vl];
        loss = new double[padded];
    }

    /** Where parameter row {@code row} of lane {@code s} is stored. */
    private int at(int s, int row) {
        return (s / vl) * shape.rows() * vl + row * vl + s % vl;
    }

    /** nn.Linear's draw order: first-layer weights row by row, its biases, output weights, output bias. */
    private void initialize(int s) {
        int d = shape.d();
        int h = shape.h();
        double s1 = protocol.initScale() / Math.sqrt(d);
        double s2 = protocol.initScale() / Math.sqrt(h);
        boolean uniform = protocol.init() == SgdProtocol.Init.PYTORCH;
        LcgRandom r = random[s];
        for (int j = 0; j < h; j++) {
            for (int k = 0; k < d; k++) {
                par[at(s, j * d + k)] = draw(r, uniform, s1);
            }
        }
        if (protocol.bias() && uniform) {
            for (int j = 0; j < h; j++) {
                par[at(s, shape.bRow() + j)] = draw(r, true, s1);
            }
        }
        for (int j = 0; j < h; j++) {
            par[at(s, shape.aRow() + j)] = draw(r, uniform, s2);
        }
        if (protocol.bias() && uniform) {
            par[at(s, shape.cRow())] = draw(r, true, s2);
        }
    }

    /** The parameters of lane {@code s} in the {@link LaneShape} row order (for tests). */
    double[] parameters(int s) {
        double[] p = new double[shape.rows()];
        for (int row = 0; row < p.length; row++) {
            p[row] = par[at(s, row)];
        }
        return p;
    }

    private static double draw(LcgRandom r, boolean uniform, double scale) {
        return uniform ? scale * (2 * r.nextDouble() - 1) : scale * r.nextGaussian();
    }

    List<StudentRun> train() {
        int batch = protocol.batch();
        int n = shape.n();
        int checkEvery = protocol.checkEvery();
        boolean authors = protocol.schedule() == SgdProtocol.Schedule.AUTHORS;
        double tol = protocol.tolerance();
        int pos = n;
        double[] full = new double[blocks * vl];
        for (int it = 1; it <= protocol.iterations() && lanes > 0; it++) {
            if (pos + batch > n) {
                for (int s = 0; s < lanes; s++) {
                    shuffle(perm[s], random[s]);
                }
                pos = 0;
            }
            kernel.step(par, lr, blocks, perm, pos, loss);
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
        return new StudentRun(shape.h(), seeds[s], value, hit, it, hit ? it : -1, decays[s], stop);
    }

    private void finish(int s, StudentRun run) {
        results[index[s]] = run;
        index[s] = -1;
        onFinish.accept(run);
    }

    /** The full-data loss of every lane (into {@code into}, resized to the padded lane count). */
    private double[] fullLoss(double[] into) {
        double[] result = into.length == blocks * vl ? into : new double[blocks * vl];
        kernel.fullLoss(par, blocks, result);
        return result;
    }

    /** The full-data loss of lane {@code s} alone. */
    private double fullLossOfLane(int s) {
        return fullLoss(new double[blocks * vl])[s];
    }

    private static void shuffle(int[] p, LcgRandom r) {
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
        LcgRandom[] oRandom = random;
        int[][] oPerm = perm;
        double[] oLr = lr;
        double[] oRef = reference;
        int[] oLeft = decaysLeft;
        int[] oDecays = decays;
        double[] oPar = par;
        allocate(keep.size());
        int rows = shape.rows();
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
            int from = (s / vl) * rows * vl + s % vl;
            int to = (t / vl) * rows * vl + t % vl;
            for (int row = 0; row < rows; row++) {
                par[to + row * vl] = oPar[from + row * vl];
            }
        }
    }
}
