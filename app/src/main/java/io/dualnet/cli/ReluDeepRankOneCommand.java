package io.dualnet.cli;

import io.dualnet.data.OutputSet;
import io.dualnet.data.InvalidInputException;
import io.dualnet.deeprelu.RankOneRelu;
import io.dualnet.deeprelu.RankOneReluBias;
import io.dualnet.deeprelu.RankOneReluRegularized;
import io.dualnet.deeprelu.RankOneReluSolution;
import io.dualnet.train.ReluMinNormTrainer;
import org.ejml.data.DMatrixRMaj;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * {@code dualnet relu-deep rank-one}: the minimum-norm bias-free deep ReLU network on rank-one data in closed form
 * ({@link RankOneRelu}), its primal and dual values, the sign case, optionally checked by seeded training.
 */
@Command(name = "rank-one", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Minimum-norm deep ReLU network on rank-one data X = c a0^T (Wang, Ergen, Pilanci (17), Thm 5;",
            "Ergen, Pilanci Thm 4.1, Prop 4.2): min 1/2 sum_l ||W_l||_F^2 s.t. f(X) = Y, no biases.",
            "P = D = (L/2) K^(2/L) when the parts of Y on c+ and c- have the same sign; P = (L/2)(a^(2/L) + b^(2/L)) > D",
            "when they have opposite signs (Wang et al.'s Theorem 5 claims P = D)."})
public final class ReluDeepRankOneCommand implements Callable<Integer> {

    @ParentCommand
    private ReluDeepCommand parent;

    @Mixin
    RankOneInputs data;

    @Option(names = "--depth", defaultValue = "3", paramLabel = "L", description = "Depth L >= 2 (default ${DEFAULT-VALUE}).")
    int depth;

    @Option(names = "--width", defaultValue = "1", paramLabel = "M",
            description = "Neurons per path and hidden layer, >= 1 (default ${DEFAULT-VALUE}); every choice is optimal.")
    int width;

    @Option(names = "--tolerance", defaultValue = "1e-9",
            description = "Tolerance on sigma_2/sigma_1 of X and on the relative residual of Y = c+ alpha^T + c- beta^T (default ${DEFAULT-VALUE}).")
    double tolerance;

    @Option(names = "--force", description = "Build the network from the top singular pair even if X is not rank-one or Y not fittable; no certificate.")
    boolean force;

    @Option(names = "--bias", description = "Bias in the last hidden layer (003 Thm 4.2 for L = 2, Prop 4.1 for L >= 3; "
            + "biases unregularized, scalar output; L >= 3 needs c of one sign): the optimal network is the linear spline "
            + "through the data with kinks at data points.")
    boolean bias;

    @Option(names = "--beta", paramLabel = "B", description = "Solve the regularized problem 1/2 ||f(X) - y||^2 + "
            + "(B/2) sum ||W_l||_F^2 instead (003 (2); scalar output) and build its optimal network.")
    Double beta;

    @Option(names = "--train", description = "Check by training the standard network (same depth, width 4) from seeded restarts.")
    boolean train;

    @Option(names = "--restarts", defaultValue = "8", description = "Training restarts (default ${DEFAULT-VALUE}).")
    int restarts;

    @Option(names = "--out", paramLabel = "DIR", description = "Write W1.npy .. WL.npy, lambda.npy and certificate.json (all or nothing).")
    Path out;

    /** The checked {@code --out} location ({@code null} without {@code --out}). */
    private OutputSet outputSet;

    @Mixin
    JsonOption json;

    @Override
    public Integer call() {
        InvalidInputException.requireAtLeast("--restarts", restarts, 1);
        RankOneRelu.Options options = new RankOneRelu.Options(depth, width, tolerance, force);
        outputSet = WeightsOutput.prepare(out);
        OptionLimits.depth(depth);
        DMatrixRMaj[] xy = data.load();
        if (!bias && beta == null) {
            // two paths (c+ and c-) of --width neurons in each hidden layer
            OptionLimits.requireHiddenLayersFit("--width", xy[0].numCols, 2L * width, depth - 1, xy[1].numCols, 1, "");
        }
        // the data's checks name --x/--y; a built-in instance came from --generate
        return FlagNames.named(data.flags(), () -> solve(xy, options));
    }

    private Integer solve(DMatrixRMaj[] xy, RankOneRelu.Options options) {
        if (bias) {
            return biased(xy);
        }
        if (beta != null) {
            return regularized(xy);
        }
        RankOneReluSolution s = RankOneRelu.solve(xy[0], xy[1], options);
        Map<String, Object> r = fields(s, xy);
        if (train) {
            r.put("training", train(xy, s));
        }
        if (out != null) {
            Map<String, DMatrixRMaj> arrays = new LinkedHashMap<>();
            for (int l = 0; l < s.weights().size(); l++) {
                arrays.put("W" + (l + 1) + ".npy", s.weights().get(l));
            }
            arrays.put("lambda.npy", s.dualPoint());
            writeOut(arrays, r);
        }
        if (!json.printJson(r, parent.stdout())) {
            print(r, s);
        }
        return 0;
    }

    /** The JSON fields of a solution (also the certificate written with {@code --out}). */
    static Map<String, Object> fields(RankOneReluSolution s, DMatrixRMaj[] xy) {
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("problem", "relu-rank-one-min-norm");
        r.put("depth", s.depth());
        r.put("samples", xy[0].numRows);
        r.put("features", xy[0].numCols);
        r.put("outputs", xy[1].numCols);
        r.put("primal", s.primal());
        r.put("dual", s.dual());
        r.put("gap", s.gap());
        r.put("sign_case", s.target().signCase().label());
        r.put("rank_one_deviation", s.data().deviation());
        r.put("target_residual", s.target().residual());
        r.put("alpha", s.target().alpha());
        r.put("beta", s.target().beta());
        r.put("status", s.status().label());
        r.put("optimality", s.optimality());
        r.put("hidden_widths", s.hiddenWidths());
        r.put("network_objective", s.networkObjective());
        r.put("fit_residual", s.fitResidual());
        r.put("dual_recomputed", s.dualRecomputed());
        return r;
    }

    private Map<String, Object> train(DMatrixRMaj[] xy, RankOneReluSolution s) {
        int[] hidden = new int[depth - 1];
        Arrays.fill(hidden, 4);
        int threads = Runtime.getRuntime().availableProcessors();
        ReluMinNormTrainer.Options o = ReluMinNormTrainer.Options.standard(hidden).withRestarts(restarts, data.seed, threads);
        ReluMinNormTrainer.Result t;
        try (Progress p = Progress.start("training", 1, parent.stderr(), json.given())) {
            t = new ReluMinNormTrainer(o).train(xy[0], xy[1]);
            p.step();
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("best", t.objective());
        m.put("residual", t.residual());
        m.put("restart_objectives", t.restartObjectives());
        m.put("restart_residuals", t.restartResiduals());
        m.put("feasible_restarts", t.feasibleRestarts());
        m.put("hidden_widths", hidden);
        m.put("restarts", restarts);
        m.put("relative_to_primal", t.objective() / s.primal() - 1);
        m.put("seconds", t.seconds());
        return m;
    }

    private Integer biased(DMatrixRMaj[] xy) {
        if (force || train) {
            throw new InvalidInputException(force ? "--force" : "--train", "with --bias", "--bias without --force and --train");
        }
        RankOneReluBias.Solution s = RankOneReluBias.solve(xy[0], xy[1], depth, tolerance);
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("problem", "relu-rank-one-min-norm-bias");
        r.put("depth", depth);
        r.put("samples", xy[0].numRows);
        r.put("features", xy[0].numCols);
        r.put("outputs", 1);
        r.put("primal", s.primal());
        r.put("dual", s.dual());
        r.put("gap", s.gap());
        r.put("sign_case", "not_applicable");
        r.put("rank_one_deviation", s.data().deviation());
        r.put("status", s.fitResidual() <= FIT_TOLERANCE ? "optimal" : "inaccurate");
        r.put("optimality", "linear program over kinks at the data points (Thm 4.2 / Prop 4.1), dual recomputed");
        r.put("kinks", s.kinks());
        r.put("epsilon", s.epsilon());
        r.put("network_objective", s.networkObjective());
        r.put("fit_residual", s.fitResidual());
        if (out != null) {
            Map<String, DMatrixRMaj> arrays = new LinkedHashMap<>();
            for (int l = 0; l < s.weights().size(); l++) {
                arrays.put("W" + (l + 1) + ".npy", s.weights().get(l));
                double[] b = s.biases().get(l);
                if (b != null) {
                    arrays.put("b" + (l + 1) + ".npy", new DMatrixRMaj(1, b.length, true, b));
                }
            }
            arrays.put("lambda.npy", new DMatrixRMaj(s.lambda().length, 1, true, s.lambda()));
            writeOut(arrays, r);
        }
        if (!json.printJson(r, parent.stdout())) {
            java.io.PrintStream o = parent.stdout();
            o.printf(Locale.ROOT, "minimum-norm ReLU network with a last-hidden-layer bias on rank-one data, L = %d%n", depth);
            o.printf(Locale.ROOT, "  primal P = (L/2) V^(2/L)   %.10g (kinks at data points %s)%n", s.primal(),
                    Arrays.toString(s.kinks()));
            o.printf(Locale.ROOT, "  dual D (recomputed)        %.10g%n", s.dual());
            o.printf(Locale.ROOT, "  network objective %.10g (constant neuron epsilon %.1e), fit residual %.1e%n",
                    s.networkObjective(), s.epsilon(), s.fitResidual());
        }
        return 0;
    }

    private Integer regularized(DMatrixRMaj[] xy) {
        if (force || train) {
            throw new InvalidInputException(force ? "--force" : "--train", "with --beta", "--beta without --force and --train");
        }
        RankOneReluRegularized.Solution s = RankOneReluRegularized.solve(xy[0], xy[1], depth, beta, tolerance);
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("problem", "relu-rank-one-regularized");
        r.put("depth", depth);
        r.put("samples", xy[0].numRows);
        r.put("features", xy[0].numCols);
        r.put("beta", beta);
        r.put("objective", s.objective());
        r.put("network_objective", s.networkObjective());
        r.put("alpha", s.u());
        r.put("beta_output", s.v());
        r.put("sign_case", s.u() * s.v() < 0 ? "opposite" : "same");
        r.put("rank_one_deviation", s.network().data().deviation());
        r.put("status", s.certified() ? "optimal" : "upper_bound");
        r.put("hidden_widths", s.network().hiddenWidths());
        if (out != null) {
            Map<String, DMatrixRMaj> arrays = new LinkedHashMap<>();
            for (int l = 0; l < s.network().weights().size(); l++) {
                arrays.put("W" + (l + 1) + ".npy", s.network().weights().get(l));
            }
            writeOut(arrays, r);
        }
        if (!json.printJson(r, parent.stdout())) {
            java.io.PrintStream o = parent.stdout();
            o.printf(Locale.ROOT, "regularized deep ReLU network on rank-one data, L = %d, beta = %s%n", depth, beta);
            o.printf(Locale.ROOT, "  optimal objective  %.10g (%s); recomputed from the weights %.10g%n", s.objective(),
                    s.certified() ? "optimal" : "upper bound", s.networkObjective());
            o.printf(Locale.ROOT, "  outputs at a0, -a0: %.6g, %.6g%n", s.u(), s.v());
        }
        return 0;
    }

    /** Writes {@code arrays} and the certificate {@code r} to {@code --out} (all or nothing) and records the path. */
    private void writeOut(Map<String, DMatrixRMaj> arrays, Map<String, Object> r) {
        WeightsOutput.write(outputSet, arrays, r);
        r.put("out", out.toString());
    }

    /** Relative fit residual below which a built network counts as interpolating. */
    static final double FIT_TOLERANCE = 1e-7;

    private void print(Map<String, Object> r, RankOneReluSolution s) {
        java.io.PrintStream o = parent.stdout();
        o.printf(Locale.ROOT, "minimum-norm deep ReLU network on rank-one data, L = %d, sign case %s%n", s.depth(),
                s.target().signCase().label());
        o.printf(Locale.ROOT, "  sigma_2/sigma_1 of X            %.3g%n", s.data().deviation());
        o.printf(Locale.ROOT, "  primal P                        %.10g (%s: %s)%n", s.primal(), s.status().label(), s.optimality());
        o.printf(Locale.ROOT, "  dual D = (L/2) K^(2/L)          %.10g%n", s.dual());
        o.printf(Locale.ROOT, "  gap P - D                       %.6g%n", s.gap());
        o.printf(Locale.ROOT, "  recomputed: 1/2 sum ||W||^2 = %.10g, fit residual %.1e, D from lambda %.10g%n",
                s.networkObjective(), s.fitResidual(), s.dualRecomputed());
        if (r.containsKey("training")) {
            @SuppressWarnings("unchecked")
            Map<String, Object> t = (Map<String, Object>) r.get("training");
            o.printf(Locale.ROOT, "  training: best %.8g (residual %.1e, %d of %d restarts interpolate)%n",
                    (double) t.get("best"), (double) t.get("residual"), (int) t.get("feasible_restarts"), restarts);
        }
        if (r.containsKey("out")) {
            o.printf(Locale.ROOT, "  weights written to %s%n", r.get("out"));
        }
    }
}
