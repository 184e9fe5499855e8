package io.dualnet.experiment;

import io.dualnet.closedform.LinearMinNorm;
import io.dualnet.linalg.Matrices;
import io.dualnet.train.LinearNetworkTrainer;
import io.dualnet.train.LinearNetworkTrainer.Architecture;
import io.dualnet.train.LinearNetworkTrainer.Objective;
import io.dualnet.train.LinearTrainingResult;
import org.ejml.data.DMatrixRMaj;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The training grid of the paper-002 linear section (Wang, Ergen, Pilanci, ICLR 2023; spec §1.7–1.8): on each
 * instance and depth, the standard network (5), the parallel network with the L-th power regularizer (14) and the
 * parallel network with weight decay (12), all minimum norm (interpolation enforced by the augmented Lagrangian of
 * {@link LinearNetworkTrainer}), trained from seeded random starts. The closed forms come from {@link LinearMinNorm}.
 */
public final class Wang002Linear {
    /** Depths checked on {@link Wang002Instance#DIAG_321} in full mode. */
    public static final int[] DIAG_DEPTHS = {2, 3, 4, 5};
    /** Depth of the other instances. */
    public static final int OTHER_DEPTH = 3;
    /** Extra branches beyond {@code rank(X^+Y)} for the parallel networks ("enough branches"). */
    public static final int EXTRA_BRANCHES = 2;

    private Wang002Linear() {
    }

    /**
     * The grid.
     *
     * @param quick small grid: {@code diag(3,2,1)} at {@code L = 3} (all three networks), and the standard network on
     *     {@code diag(3,2,1)} at {@code L = 2}, on {@code I_2} and on the rank-one instance at {@code L = 3}
     * @param instanceSeed seed of the Gaussian instance
     * @param seed training seed (shared by every cell)
     * @param restarts restarts per cell
     * @param iterations Adam updates per restart
     */
    public static List<Wang002LinearCell> cells(boolean quick, long instanceSeed, long seed, int restarts,
                                                int iterations) {
        List<Wang002LinearCell> cells = new ArrayList<>();
        if (quick) {
            cells.add(cell(Wang002Instance.DIAG_321, instanceSeed, 2, Wang002Network.STANDARD, seed, restarts,
                    iterations));
            addAll(cells, Wang002Instance.DIAG_321, instanceSeed, OTHER_DEPTH, seed, restarts, iterations);
            for (Wang002Instance instance : List.of(Wang002Instance.IDENTITY_2, Wang002Instance.RANK_ONE)) {
                cells.add(cell(instance, instanceSeed, OTHER_DEPTH, Wang002Network.STANDARD, seed, restarts,
                        iterations));
            }
            return cells;
        }
        for (int depth : DIAG_DEPTHS) {
            addAll(cells, Wang002Instance.DIAG_321, instanceSeed, depth, seed, restarts, iterations);
        }
        for (Wang002Instance instance : List.of(Wang002Instance.IDENTITY_2, Wang002Instance.RANK_ONE,
                Wang002Instance.GAUSSIAN_8X5)) {
            addAll(cells, instance, instanceSeed, OTHER_DEPTH, seed, restarts, iterations);
        }
        return cells;
    }

    private static void addAll(List<Wang002LinearCell> cells, Wang002Instance instance, long instanceSeed, int depth,
                               long seed, int restarts, int iterations) {
        for (Wang002Network network : Wang002Network.values()) {
            cells.add(cell(instance, instanceSeed, depth, network, seed, restarts, iterations));
        }
    }

    /** One cell with widths {@code min(d, c)} and, for parallel networks, {@code rank + EXTRA_BRANCHES} branches. */
    public static Wang002LinearCell cell(Wang002Instance instance, long instanceSeed, int depth,
                                         Wang002Network network, long seed, int restarts, int iterations) {
        DMatrixRMaj[] xy = instance.data(instanceSeed);
        LinearMinNorm closed = new LinearMinNorm(xy[0], xy[1], depth);
        int width = Math.max(1, Math.min(xy[0].numCols, xy[1].numCols));
        int branches = network.parallel() ? closed.rank() + EXTRA_BRANCHES : 1;
        return new Wang002LinearCell(instance, instance.seeded() ? instanceSeed : 0, depth, network, branches, width,
                restarts, iterations, seed);
    }

    /** The trainer options of a cell (single-threaded: parallelism is across cells). */
    public static LinearNetworkTrainer.Options options(Wang002LinearCell cell) {
        int[] hidden = new int[cell.depth() - 1];
        Arrays.fill(hidden, cell.width());
        LinearNetworkTrainer.Options o = LinearNetworkTrainer.Options.defaults(hidden)
                .withRestarts(cell.restarts()).withIterations(cell.iterations()).withSeed(cell.seed())
                .withThreads(1);
        return switch (cell.network()) {
            case STANDARD -> o.withObjective(Objective.MIN_NORM, 0);
            case PARALLEL_LTH_POWER -> parallel(o, hidden, cell.branches()).withObjective(Objective.MIN_NORM_LTH_POWER,
                    0);
            case PARALLEL_WEIGHT_DECAY -> parallel(o, hidden, cell.branches()).withObjective(Objective.MIN_NORM, 0);
        };
    }

    private static LinearNetworkTrainer.Options parallel(LinearNetworkTrainer.Options o, int[] hidden, int branches) {
        int[] h = hidden.clone();
        h[h.length - 1] = 1;
        return o.withHiddenWidths(h).withArchitecture(Architecture.PARALLEL, branches);
    }

    /** The paper-002 linear verification grid ({@code wang002-linear}): one cell per (instance, depth, network). */
    public static Grid<Wang002LinearCell, Wang002LinearResult> grid(List<Wang002LinearCell> cells) {
        return Grid.of("wang002-linear", cells, Wang002Linear::run, Wang002LinearResult.class);
    }

    /** Runs one cell. */
    public static Wang002LinearResult run(Wang002LinearCell cell) {
        DMatrixRMaj[] xy = cell.instance().data(cell.instanceSeed());
        LinearMinNorm closed = new LinearMinNorm(xy[0], xy[1], cell.depth());
        double expected = switch (cell.network()) {
            case STANDARD -> closed.primal();
            case PARALLEL_LTH_POWER -> closed.parallelValue();
            case PARALLEL_WEIGHT_DECAY -> closed.parallelWeightDecayValue();
        };
        LinearNetworkTrainer.Options options = options(cell);
        LinearTrainingResult r = new LinearNetworkTrainer(options).train(xy[0], xy[1]);
        double tol = options.feasibilityTolerance() * Math.max(1, Math.sqrt(Matrices.frobeniusSquared(xy[1])));
        int feasible = 0;
        for (double res : r.restartResiduals()) {
            if (res <= tol) {
                feasible++;
            }
        }
        return new Wang002LinearResult(cell.instance(), cell.depth(), cell.network(), cell.branches(), closed.rank(),
                closed.singularValues(), closed.primal(), closed.dual(), closed.parallelValue(), expected,
                r.bestObjective(), r.constraintResidual(), feasible, cell.restarts(), r.totalIterations(),
                r.wallSeconds());
    }
}
