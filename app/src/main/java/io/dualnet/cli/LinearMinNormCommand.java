package io.dualnet.cli;

import io.dualnet.closedform.LinearMinNorm;
import io.dualnet.data.InvalidInputException;
import io.dualnet.train.LinearNetworkTrainer;
import io.dualnet.train.LinearTrainingResult;
import org.ejml.data.DMatrixRMaj;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * {@code dualnet linear min-norm}: the minimum-norm deep linear network of Wang, Ergen, Pilanci, standard (5) and
 * parallel (14): primal {@code P = (L/2) sum sigma_i^{2/L}} (objective {@code 1/2 sum ||W_l||_F^2}), dual
 * {@code D = (L/2)||X^+Y||_*^{2/L}} and the parallel value {@code ||X^+Y||_*}, optionally verified by training.
 */
@Command(name = "min-norm", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Minimum-norm deep linear networks (Wang, Ergen, Pilanci (5), (12), (14)):",
            "min 1/2 sum_l ||W_l||_F^2 s.t. X W_1..W_L = Y for the standard network (P), its dual (D),",
            "and the parallel network with L-th power regularization (value ||X^+Y||_*)."})
public final class LinearMinNormCommand extends LinearSubcommand {

    @Mixin
    DataInputs data;

    @Option(names = "--depth", defaultValue = "3", paramLabel = "L", description = "Depth L >= 2 (default ${DEFAULT-VALUE}).")
    int depth;

    @Option(names = "--widths", split = ",", paramLabel = "m1,..", description = "Hidden widths m_1..m_(L-1), each >= rank(X^+Y) (default: the rank).")
    int[] widths;

    @Option(names = "--train", description = "Verify by training: the standard network (augmented Lagrangian + Adam) and the parallel network with L-th power regularization.")
    boolean train;

    @Option(names = "--restarts", defaultValue = "4", description = "Training restarts (default ${DEFAULT-VALUE}).")
    int restarts;

    @Option(names = "--iterations", defaultValue = "8000", description = "Training iterations per restart (default ${DEFAULT-VALUE}).")
    int iterations;

    @Option(names = "--json", description = "Print one JSON object (fields in README.md).")
    boolean json;

    @Override
    public Integer call() {
        OptionLimits.depth(depth);
        // every option is validated, also those only the --train route uses
        InvalidInputException.requireAtLeast("--restarts", restarts, 1);
        InvalidInputException.requireAtLeast("--iterations", iterations, 1);
        DMatrixRMaj[] xy = data.load();
        LinearMinNorm m;
        if (widths != null) {
            if (widths.length != depth - 1) {
                throw new InvalidInputException("--widths", java.util.Arrays.toString(widths),
                        "depth - 1 = " + (depth - 1) + " comma-separated widths");
            }
            try {
                m = new LinearMinNorm(xy[0], xy[1], widths);
            } catch (InvalidInputException e) {
                if (e.parameter() == null || !e.parameter().startsWith("hiddenWidths")) {
                    throw FlagNames.rename(e, data.flags());
                }
                String expected = e.getMessage().substring(e.getMessage().indexOf("expected ") + "expected ".length());
                throw new InvalidInputException("--widths", java.util.Arrays.toString(widths), expected);
            }
        } else {
            m = FlagNames.named(data.flags(), () -> new LinearMinNorm(xy[0], xy[1], depth));
        }
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("problem", "wang-min-norm-linear");
        r.put("depth", depth);
        r.put("rank", m.rank());
        r.put("singular_values", m.singularValues());
        r.put("primal", m.primal());
        r.put("dual", m.dual());
        r.put("gap", m.gap());
        r.put("gap_vanishes", m.gapVanishes());
        r.put("parallel", m.parallelValue());
        r.put("parallel_weight_decay", m.parallelWeightDecayValue());
        r.put("t_star", m.optimalScale());
        r.put("staircase", m.staircase().optimizedValues());
        if (train) {
            r.put("training", train(xy, m));
        }
        if (json) {
            JsonOutput jo = JsonOutput.object();
            r.forEach(jo::put);
            jo.write(out());
        } else {
            print(r, m);
        }
        return 0;
    }

    private Map<String, Object> train(DMatrixRMaj[] xy, LinearMinNorm m) {
        InvalidInputException.requireAtLeast("--restarts", restarts, 1);
        InvalidInputException.requireAtLeast("--iterations", iterations, 1);
        int rank = Math.max(1, m.rank());
        int[] hidden = new int[depth - 1];
        java.util.Arrays.fill(hidden, rank);
        int threads = Runtime.getRuntime().availableProcessors();
        LinearNetworkTrainer.Options standard = LinearNetworkTrainer.Options.defaults(hidden)
                .withObjective(LinearNetworkTrainer.Objective.MIN_NORM, 0).withIterations(iterations)
                .withRestarts(restarts).withSeed(data.seed).withThreads(threads);
        LinearTrainingResult s = new LinearNetworkTrainer(standard).train(xy[0], xy[1]);
        int[] branchHidden = new int[depth - 1];
        java.util.Arrays.fill(branchHidden, 1);
        LinearNetworkTrainer.Options parallel = LinearNetworkTrainer.Options.defaults(branchHidden)
                .withArchitecture(LinearNetworkTrainer.Architecture.PARALLEL, rank + 1)
                .withObjective(LinearNetworkTrainer.Objective.MIN_NORM_LTH_POWER, 0).withIterations(iterations)
                .withRestarts(restarts).withSeed(data.seed).withThreads(threads);
        LinearTrainingResult p = new LinearNetworkTrainer(parallel).train(xy[0], xy[1]);
        Map<String, Object> t = new LinkedHashMap<>();
        t.put("standard_best", s.bestObjective());
        t.put("standard_residual", s.constraintResidual());
        t.put("parallel_best", p.bestObjective());
        t.put("parallel_residual", p.constraintResidual());
        t.put("parallel_branches", rank + 1);
        t.put("restarts", restarts);
        t.put("iterations", iterations);
        t.put("seconds", s.wallSeconds() + p.wallSeconds());
        return t;
    }

    private void print(Map<String, Object> r, LinearMinNorm m) {
        out().printf(Locale.ROOT, "minimum-norm deep linear network, L = %d, rank(X^+Y) = %d%n", depth, m.rank());
        out().printf(Locale.ROOT, "  standard primal P = (L/2) sum sigma^(2/L)   %.10g%n", m.primal());
        out().printf(Locale.ROOT, "  dual D = (L/2) ||X^+Y||_*^(2/L)            %.10g%n", m.dual());
        out().printf(Locale.ROOT, "  gap P - D                                 %.6g (%s)%n", m.gap(),
                m.gapVanishes() ? "zero: rank <= 1 or L = 2" : "positive: rank >= 2 and L >= 3");
        out().printf(Locale.ROOT, "  parallel network (14): P = D = ||X^+Y||_*  %.10g%n", m.parallelValue());
        out().printf(Locale.ROOT, "  optimal scale t*                          %.6g%n", m.optimalScale());
        if (r.containsKey("training")) {
            @SuppressWarnings("unchecked")
            Map<String, Object> t = (Map<String, Object>) r.get("training");
            out().printf(Locale.ROOT, "  training: standard best %.8g (residual %.1e), parallel best %.8g (residual %.1e)%n",
                    (double) t.get("standard_best"), (double) t.get("standard_residual"),
                    (double) t.get("parallel_best"), (double) t.get("parallel_residual"));
        }
    }
}
