package io.dualnet.landscape;

import io.dualnet.data.InvalidInputException;
import io.dualnet.net.BranchArchitecture;
import io.dualnet.net.MlpBranch;
import io.dualnet.net.MultibranchGapProblem;
import io.dualnet.opt.Parallel;
import io.dualnet.reg.BranchRegularizer;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Exhaustive, certified global minimization of one branch type of problem (2) of Zhang, Shao, Salakhutdinov for
 * every budget at once. The weights run over the lattice {@code w = delta z}, {@code z in {-M..M}^p},
 * {@code delta = R / M}, of the box {@code W = [-R, R]^p}; every point gives {@code (h(w), g(w))} with
 * {@code g(w) = 1 - (1/n) sum_k y_k f(w; x_k) / tau} and the value function is their lower-left boundary. Since
 * {@code h} is an integer multiple of a unit on the lattice ({@link BranchRegularizer#latticeUnits}), the budgets
 * are exact integers.
 *
 * <p>Certification: on every lattice cell {@code delta [z, z + 1]} interval arithmetic ({@link MlpBranch#bounds})
 * bounds {@code g} from below and {@code h} is bounded below by its nearest corner, which gives a value function
 * that is a certified lower bound of the continuous {@code phi} on all of {@code W}, and a certified upper bound of
 * {@code y f(w; x)} for Assumption 1. Work is split over threads by lattice index ranges; the result does not depend
 * on the thread count. Cost: {@code (2M+1)^p} forward passes per sample (and as many interval passes).
 */
public final class LatticeSearch {
    /** Method name reported in results. */
    public static final String METHOD = "lattice";

    private LatticeSearch() {
    }

    /**
     * Options.
     *
     * @param resolution {@code M >= 1}, points per half axis (spacing {@code R / M})
     * @param threads worker threads, {@code >= 1}
     * @param certify whether to compute the certified lower value function and margin bound (about doubles the cost)
     * @param keepOutputs whether to keep every lattice point's outputs (needed when Assumption 1 fails)
     * @param maxPoints largest lattice accepted, {@code >= 1}
     */
    public record Options(int resolution, int threads, boolean certify, boolean keepOutputs, long maxPoints) {
        /** Default largest lattice (about 2 million points: p = 3 up to M = 63). */
        public static final long DEFAULT_MAX_POINTS = 2_100_000L;

        /** Validates every field. */
        public Options {
            InvalidInputException.requireAtLeast("resolution", resolution, 1);
            InvalidInputException.requireAtLeast("threads", threads, 1);
            if (maxPoints < 1) {
                throw new InvalidInputException("maxPoints", maxPoints, "an integer >= 1");
            }
        }

        /** Resolution {@code M}, certified, outputs not kept, the default lattice limit. */
        public static Options of(int resolution, int threads) {
            return new Options(resolution, threads, true, false, DEFAULT_MAX_POINTS);
        }
    }

    /** Number of lattice points {@code (2M+1)^p}, or {@code Long.MAX_VALUE} on overflow. */
    public static long points(int parameters, int resolution) {
        long side = 2L * resolution + 1;
        long g = 1;
        for (int i = 0; i < parameters; i++) {
            if (g > Long.MAX_VALUE / side) {
                return Long.MAX_VALUE;
            }
            g *= side;
        }
        return g;
    }

    /**
     * Evaluates the lattice of one branch type.
     *
     * @throws InvalidInputException naming {@code resolution} when the lattice exceeds {@code maxPoints}
     */
    public static BranchProfile search(MultibranchGapProblem problem, BranchArchitecture architecture,
            Options options) {
        long start = System.nanoTime();
        MlpBranch branch = new MlpBranch(architecture);
        int p = branch.parameterCount();
        int m = options.resolution();
        long total = points(p, m);
        if (total > options.maxPoints()) {
            throw new InvalidInputException("resolution", m, String.format(Locale.ROOT, "a lattice of at most %d "
                    + "points for branch %s (p = %d: (2M+1)^p = %s); use a smaller resolution or the restart method",
                    options.maxPoints(), architecture.spec(), p, total == Long.MAX_VALUE ? "overflow" : total));
        }
        int g = (int) total;
        int side = 2 * m + 1;
        double delta = problem.boxRadius() / m;
        BranchRegularizer reg = problem.regularizer();
        int maxUnits = (int) (reg == BranchRegularizer.L2_SQUARED ? (long) p * m * m : (long) p * m);
        double[][] x = problem.x();
        double[] y = problem.y();
        int n = y.length;
        double[] values = new double[g];
        double[] outputs = options.keepOutputs() ? new double[g * n] : null;

        int chunks = Math.max(1, Math.min(g, options.threads() * 8));
        List<Scan> scans = Parallel.map(chunks, options.threads(), c -> {
            int from = (int) ((long) g * c / chunks);
            int to = (int) ((long) g * (c + 1) / chunks);
            return scanPoints(branch, problem.tau(), x, y, reg, m, side, delta, maxUnits, from, to, values, outputs);
        });
        double[] best = new double[maxUnits + 1];
        int[] bestIndex = new int[maxUnits + 1];
        Arrays.fill(best, Double.POSITIVE_INFINITY);
        double gridMargin = Double.NEGATIVE_INFINITY;
        double gMax = Double.NEGATIVE_INFINITY;
        for (Scan s : scans) {
            for (int b = 0; b <= maxUnits; b++) {
                if (s.best[b] < best[b]) {
                    best[b] = s.best[b];
                    bestIndex[b] = s.bestIndex[b];
                }
            }
            gridMargin = Math.max(gridMargin, s.maxMargin);
            gMax = Math.max(gMax, s.maxValue);
        }
        double unit = reg.unit(delta);
        ValueFunction upper = ValueFunction.ofTable(best, b -> weightsOf(bestIndex[b], p, m, side, delta), unit);

        ValueFunction lower = null;
        double certifiedMargin = Double.NaN;
        if (options.certify()) {
            int cellCount = (int) Math.round(Math.pow(2.0 * m, p));
            int cellChunks = Math.max(1, Math.min(cellCount, options.threads() * 8));
            List<Scan> cellScans = Parallel.map(cellChunks, options.threads(), c -> scanCells(branch,
                    problem.tau(), x, y, reg, m, delta, maxUnits, (int) ((long) cellCount * c / cellChunks),
                    (int) ((long) cellCount * (c + 1) / cellChunks)));
            double[] lowerBest = new double[maxUnits + 1];
            Arrays.fill(lowerBest, Double.POSITIVE_INFINITY);
            certifiedMargin = Double.NEGATIVE_INFINITY;
            for (Scan s : cellScans) {
                for (int b = 0; b <= maxUnits; b++) {
                    lowerBest[b] = Math.min(lowerBest[b], s.best[b]);
                }
                certifiedMargin = Math.max(certifiedMargin, s.maxMargin);
            }
            lower = ValueFunction.ofTable(lowerBest, null, unit);
        }

        int[] keep = EnvelopeCandidates.prune(values, p, side);
        double[][] envW = new double[keep.length][];
        double[] envG = new double[keep.length];
        for (int i = 0; i < keep.length; i++) {
            envW[i] = weightsOf(keep[i], p, m, side, delta);
            envG[i] = values[keep[i]];
        }
        CandidateSet candidates = null;
        if (outputs != null) {
            long[] units = new long[g];
            int[] z = new int[p];
            for (int idx = 0; idx < g; idx++) {
                decode(idx, m, side, z);
                units[idx] = reg.latticeUnits(z);
            }
            candidates = new CandidateSet(units, values, outputs, n);
        }
        int zero = (g - 1) / 2;
        String resolution = String.format(Locale.ROOT, "M = %d, delta = %.4g, %d points%s", m, delta, g,
                options.certify() ? String.format(Locale.ROOT, ", %d certified cells", (long) Math.pow(2.0 * m, p))
                        : "");
        return new BranchProfile(architecture, METHOD, resolution, options.certify(), upper, lower, values[zero],
                gMax, envW, envG, gridMargin, certifiedMargin, g, (System.nanoTime() - start) * 1e-9, candidates);
    }

    /** Per-chunk results: the best value per budget and the largest margin (and value). */
    private record Scan(double[] best, int[] bestIndex, double maxMargin, double maxValue) {
    }

    private static Scan scanPoints(MlpBranch branch, double tau, double[][] x, double[] y, BranchRegularizer reg,
            int m, int side, double delta, int maxUnits, int from, int to, double[] values, double[] outputs) {
        int p = branch.parameterCount();
        int n = y.length;
        MlpBranch.Workspace ws = branch.workspace();
        int[] z = new int[p];
        double[] w = new double[p];
        double[] best = new double[maxUnits + 1];
        int[] bestIndex = new int[maxUnits + 1];
        Arrays.fill(best, Double.POSITIVE_INFINITY);
        double maxMargin = Double.NEGATIVE_INFINITY;
        double maxValue = Double.NEGATIVE_INFINITY;
        for (int idx = from; idx < to; idx++) {
            decode(idx, m, side, z);
            for (int i = 0; i < p; i++) {
                w[i] = delta * z[i];
            }
            double margin = 0;
            for (int k = 0; k < n; k++) {
                double f = branch.forwardScalar(w, x[k], ws);
                if (outputs != null) {
                    outputs[idx * n + k] = f;
                }
                double yf = y[k] * f;
                margin += yf;
                maxMargin = Math.max(maxMargin, yf);
            }
            double v = 1 - margin / (n * tau);
            values[idx] = v;
            maxValue = Math.max(maxValue, v);
            int b = (int) reg.latticeUnits(z);
            if (v < best[b]) {
                best[b] = v;
                bestIndex[b] = idx;
            }
        }
        return new Scan(best, bestIndex, maxMargin, maxValue);
    }

    private static Scan scanCells(MlpBranch branch, double tau, double[][] x, double[] y, BranchRegularizer reg,
            int m, double delta, int maxUnits, int from, int to) {
        int p = branch.parameterCount();
        int n = y.length;
        MlpBranch.Workspace ws = branch.workspace();
        int cellSide = 2 * m;
        int[] z = new int[p];
        double[] lo = new double[p];
        double[] hi = new double[p];
        double[] outLo = new double[1];
        double[] outHi = new double[1];
        double[] best = new double[maxUnits + 1];
        Arrays.fill(best, Double.POSITIVE_INFINITY);
        double maxMargin = Double.NEGATIVE_INFINITY;
        for (int idx = from; idx < to; idx++) {
            int rest = idx;
            for (int i = 0; i < p; i++) {
                z[i] = rest % cellSide - m;
                rest /= cellSide;
                lo[i] = delta * z[i];
                hi[i] = delta * (z[i] + 1);
            }
            double marginUpper = 0;
            for (int k = 0; k < n; k++) {
                branch.bounds(lo, hi, x[k], ws, outLo, outHi);
                double ub = y[k] > 0 ? outHi[0] : -outLo[0];
                marginUpper += ub;
                maxMargin = Math.max(maxMargin, ub);
            }
            double v = 1 - marginUpper / (n * tau);
            int b = (int) reg.cellLowerUnits(z);
            if (v < best[b]) {
                best[b] = v;
            }
        }
        return new Scan(best, null, maxMargin, Double.NaN);
    }

    /** The lattice coordinates {@code z} of index {@code idx} (digit {@code i} is {@code z_i + M} in base {@code 2M+1}). */
    static void decode(int idx, int m, int side, int[] z) {
        int rest = idx;
        for (int i = 0; i < z.length; i++) {
            z[i] = rest % side - m;
            rest /= side;
        }
    }

    private static double[] weightsOf(int idx, int p, int m, int side, double delta) {
        int[] z = new int[p];
        decode(idx, m, side, z);
        double[] w = new double[p];
        for (int i = 0; i < p; i++) {
            w[i] = delta * z[i];
        }
        return w;
    }
}
