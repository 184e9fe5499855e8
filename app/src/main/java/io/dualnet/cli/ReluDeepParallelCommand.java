package io.dualnet.cli;

import io.dualnet.data.OutputSet;
import io.dualnet.data.InvalidInputException;
import io.dualnet.deeprelu.RankOneData;
import io.dualnet.deeprelu.RankOneTarget;
import io.dualnet.train.ParallelReluBracket;
import io.dualnet.train.ParallelReluColumns;
import io.dualnet.train.ReluMinNormTrainer;
import org.ejml.data.DMatrixRMaj;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * {@code dualnet relu-deep parallel}: the parallel deep ReLU problem (22)/(23) of Wang, Ergen and Pilanci bounded from
 * both sides ({@link ParallelReluColumns}: Theorem 7's construction by column generation), optionally beside parallel
 * networks trained on (22) with a growing number of branches.
 */
@Command(name = "parallel", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Parallel deep ReLU networks (Wang, Ergen, Pilanci (22)-(25), Thm 6-7), Y in R^(n x K):",
            "min (1/L) sum_j sum_l ||W_(l,j)||_F^L s.t. sum_j f_j(X) = Y, equal to (23) min sum_j ||w_(L,j)||_2 with unit",
            "hidden layers. Column generation over branches (Thm 7; a group lasso for K > 1) gives a network (upper",
            "bound) and the dual point of (24) (certified and estimated lower bounds); --train adds networks trained on (22)."})
public final class ReluDeepParallelCommand implements Callable<Integer> {

    @ParentCommand
    private ReluDeepCommand parent;

    @Mixin
    RankOneInputs data;

    @Option(names = "--depth", defaultValue = "3", paramLabel = "L", description = "Depth L >= 2 of each branch (default ${DEFAULT-VALUE}).")
    int depth;

    @Option(names = "--hidden", defaultValue = "4", paramLabel = "M",
            description = "Width of the hidden layers 1..L-2 of each branch (layer L-1 has one neuron; default ${DEFAULT-VALUE}).")
    int hidden;

    @Option(names = "--initial-branches", defaultValue = "8", description = "Random branches in the first dictionary (default ${DEFAULT-VALUE}).")
    int initialBranches;

    @Option(names = "--rounds", defaultValue = "30", description = "Column-generation rounds (default ${DEFAULT-VALUE}).")
    int rounds;

    @Option(names = "--starts", defaultValue = "8", description = "Extreme-point search starts per sign and round (default ${DEFAULT-VALUE}).")
    int starts;

    @Option(names = "--steps", defaultValue = "200", description = "Ascent steps per start (default ${DEFAULT-VALUE}).")
    int steps;

    @Option(names = "--train", split = ",", paramLabel = "J,..",
            description = "Also train parallel networks on (22) with these branch counts (e.g. 1,2,4,8).")
    int[] train;

    @Option(names = "--restarts", defaultValue = "4", description = "Training restarts per branch count (default ${DEFAULT-VALUE}).")
    int restarts;

    @Option(names = "--out", paramLabel = "DIR",
            description = "Write the network: W<l>_branch<j>.npy, last_layer.npy, lambda.npy and certificate.json (all or nothing).")
    Path out;

    @Mixin
    JsonOption json;

    @Override
    public Integer call() {
        OptionLimits.depth(depth);
        InvalidInputException.requireAtLeast("--hidden", hidden, 1);
        InvalidInputException.requireAtLeast("--restarts", restarts, 1);
        if (train != null) {
            for (int j : train) {
                InvalidInputException.requireAtLeast("--train", j, 1);
            }
        }
        OutputSet outputSet = WeightsOutput.prepare(out);
        DMatrixRMaj[] xy = data.load();
        if (xy[0].numRows > 200) {
            throw new InvalidInputException(data.flags().get("x"), xy[0].numRows + " samples", "at most 200 samples (dense simplex column generation)");
        }
        // a branch: d x M, (L - 3) x M x M, M x 1 weights and its output column; the first dictionary holds many
        int branchWidth = depth == 2 ? 1 : hidden;
        int branchLayers = depth == 2 ? 1 : depth - 2;
        OptionLimits.requireHiddenLayersFit("--hidden", xy[0].numCols, branchWidth, branchLayers, 1 + xy[0].numRows, 1,
                "");
        OptionLimits.requireHiddenLayersFit("--initial-branches", xy[0].numCols, branchWidth, branchLayers,
                1 + xy[0].numRows, initialBranches, initialBranches + " branches");
        if (train != null) {
            for (int j : train) {
                // J branches trained at once, with their gradients and optimizer state
                OptionLimits.requireHiddenLayersFit("--train", xy[0].numCols, branchWidth, branchLayers,
                        1 + xy[0].numRows, 4L * j, j + " branches x 4 arrays");
            }
        }
        int[] widths = new int[depth - 2];
        Arrays.fill(widths, hidden);
        ParallelReluColumns.Options o = FlagNames.named(Map.of("initialBranches", "--initial-branches",
                "rounds", "--rounds", "starts", "--starts", "steps", "--steps"),
                () -> new ParallelReluColumns.Options(widths, initialBranches, rounds, starts, steps, data.seed));
        ParallelReluBracket b;
        try (Progress p = Progress.start("column generation", 1, parent.stderr(), json.given())) {
            b = FlagNames.named(data.flags(), () -> new ParallelReluColumns(o).solve(xy[0], xy[1]));
            p.step();
        }
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("problem", "relu-parallel-min-norm");
        r.put("depth", depth);
        r.put("samples", xy[0].numRows);
        r.put("features", xy[0].numCols);
        r.put("outputs", xy[1].numCols);
        r.put("primal_upper", b.upper());
        r.put("dual_lower_certified", b.lowerCertified());
        r.put("dual_lower_estimate", b.lowerEstimate());
        r.put("bracket_width", b.upper() - b.lowerEstimate());
        r.put("oracle_max", b.oracleMax());
        r.put("converged", b.converged());
        r.put("status", b.converged() ? "converged" : "max_rounds");
        r.put("active_branches", b.activeBranches());
        r.put("branch_bound", xy[0].numRows * xy[1].numCols + 1);
        r.put("fit_residual", b.fitResidual());
        RankOneData rank = RankOneData.of(xy[0], "--x");
        r.put("rank_one_deviation", rank.deviation());
        DMatrixRMaj target = rankOneColumn(xy[1]);
        if (rank.deviation() <= RankOneData.DEFAULT_TOLERANCE && target != null) {
            RankOneTarget t = RankOneTarget.of(rank, target);
            if (t.residual() <= RankOneData.DEFAULT_TOLERANCE) {
                r.put("rank_one_exact", (t.alphaNorm() + t.betaNorm()) / rank.a0Norm());
            }
        }
        List<Map<String, Object>> trace = new ArrayList<>();
        for (ParallelReluBracket.Round round : b.rounds()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("columns", round.columns());
            m.put("upper", round.upper());
            m.put("lower_estimate", round.lowerEstimate());
            m.put("oracle_max", round.oracleMax());
            trace.add(m);
        }
        r.put("rounds", trace);
        if (train != null) {
            List<Map<String, Object>> rows = train(xy);
            r.put("training", rows);
            double best = b.upper();
            for (Map<String, Object> m : rows) {
                best = Math.min(best, (double) m.get("refit"));
            }
            r.put("best_upper", best);
        }
        if (out != null) {
            Map<String, DMatrixRMaj> arrays = new LinkedHashMap<>();
            for (int j = 0; j < b.activeBranches(); j++) {
                for (int l = 0; l < b.branches().get(j).size(); l++) {
                    arrays.put("W" + (l + 1) + "_branch" + (j + 1) + ".npy", b.branches().get(j).get(l));
                }
            }
            arrays.put("last_layer.npy", b.lastLayerMatrix());
            arrays.put("lambda.npy", b.lambdaMatrix());
            WeightsOutput.write(outputSet, arrays, r);
            r.put("out", out.toString());
        }
        if (!json.printJson(r, parent.stdout())) {
            print(r, b);
        }
        return 0;
    }

    /**
     * {@code y} itself for one column; for {@code K > 1} a column {@code y'} with {@code Y = y' v^T}, {@code ||v|| = 1},
     * when {@code Y} has rank one ({@code sigma_2 <= tolerance sigma_1}): then (23) for {@code Y} has the value of (23)
     * for {@code y'} (any network for one is scaled into a network for the other at the same cost); else null.
     */
    private static DMatrixRMaj rankOneColumn(DMatrixRMaj y) {
        if (y.numCols == 1) {
            return y;
        }
        io.dualnet.linalg.Svd svd = io.dualnet.linalg.Linalg.get().svd(y);
        if (svd.s().length == 0 || !(svd.s()[0] > 0) || (svd.s().length > 1 && svd.s()[1] > RankOneData.DEFAULT_TOLERANCE * svd.s()[0])) {
            return null;
        }
        DMatrixRMaj col = new DMatrixRMaj(y.numRows, 1);
        for (int i = 0; i < y.numRows; i++) {
            col.data[i] = svd.s()[0] * svd.u().get(i, 0);
        }
        return col;
    }

    private List<Map<String, Object>> train(DMatrixRMaj[] xy) {
        int[] widths = new int[depth - 1];
        Arrays.fill(widths, hidden);
        widths[depth - 2] = 1;
        int threads = Runtime.getRuntime().availableProcessors();
        List<Map<String, Object>> rows = new ArrayList<>();
        try (Progress p = Progress.start("training", train.length, parent.stderr(), json.given())) {
            for (int j : train) {
                ReluMinNormTrainer.Options o = new ReluMinNormTrainer.Options(widths, j,
                        ReluMinNormTrainer.Regularizer.LTH_POWER, 14, 400, 0.02, 1.0, restarts, data.seed, threads);
                ReluMinNormTrainer.Result t = new ReluMinNormTrainer(o).train(xy[0], xy[1]);
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("branches", j);
                m.put("objective", t.objective());
                m.put("residual", t.residual());
                m.put("feasible_restarts", t.feasibleRestarts());
                m.put("refit", ParallelReluColumns.refitLastLayer(xy[0], xy[1], t.branches()).value());
                m.put("seconds", t.seconds());
                rows.add(m);
                p.step();
            }
        }
        return rows;
    }

    private void print(Map<String, Object> r, ParallelReluBracket b) {
        java.io.PrintStream o = parent.stdout();
        o.printf(Locale.ROOT, "parallel deep ReLU network (23), L = %d, n = %d%n", depth, (int) r.get("samples"));
        o.printf(Locale.ROOT, "  upper bound (network built, Thm 7)   %.10g (%d branches, fit residual %.1e)%n", b.upper(),
                b.activeBranches(), b.fitResidual());
        o.printf(Locale.ROOT, "  lower estimate lambda^T y / max|.|   %.10g (search maximum %.6g, %s)%n", b.lowerEstimate(),
                b.oracleMax(), b.converged() ? "converged" : "round limit");
        o.printf(Locale.ROOT, "  certified lower bound                %.10g%n", b.lowerCertified());
        if (r.containsKey("rank_one_exact")) {
            o.printf(Locale.ROOT, "  exact value (rank-one data)          %.10g%n", (double) r.get("rank_one_exact"));
        }
        if (r.containsKey("training")) {
            @SuppressWarnings("unchecked")
            List<Map<String, Object>> t = (List<Map<String, Object>>) r.get("training");
            for (Map<String, Object> m : t) {
                o.printf(Locale.ROOT, "  trained, %3d branches                %.8g (residual %.1e); last layer refit %.8g%n",
                        (int) m.get("branches"), (double) m.get("objective"), (double) m.get("residual"),
                        (double) m.get("refit"));
            }
        }
        if (r.containsKey("out")) {
            o.printf(Locale.ROOT, "  network written to %s%n", r.get("out"));
        }
    }
}
