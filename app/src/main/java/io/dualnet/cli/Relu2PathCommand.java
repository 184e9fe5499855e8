package io.dualnet.cli;

import io.dualnet.convex.ActivationPatterns;
import io.dualnet.convex.ConvexReluWeights;
import io.dualnet.data.InvalidInputException;
import io.dualnet.loss.Loss;
import io.dualnet.net.TwoLayerReluProblem;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@code dualnet relu2 path}: certified optima along a list of weight decays, each solve warm-started from the
 * previous one (its weights and its grown pattern set).
 */
@Command(name = "path", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Certified two-layer ReLU optima along a beta path (warm starts: each beta starts from the previous "
                + "solution and its patterns). Prints one row per beta: primal, dual, gap, certificate, neurons, "
                + "accuracy."})
public final class Relu2PathCommand extends Relu2Subcommand {

    @Mixin
    ReluDataInputs data;

    @Mixin
    ReluModelOptions model;

    @Option(names = "--betas", paramLabel = "B1,B2,...", required = true, split = ",",
            description = "Weight decays, each > 0, solved in the given order (decreasing is usual).")
    double[] betas;

    @Option(names = "--json", description = "Print one JSON object with a \"path\" array.")
    boolean json;

    @Option(names = "--quiet", description = "No progress bar.")
    boolean quiet;

    @Override
    public Integer call() {
        model.validate();
        if (betas.length == 0) {
            throw new InvalidInputException("--betas", "(empty)", "at least one weight decay > 0");
        }
        for (double b : betas) {
            InvalidInputException.requirePositive("--betas", b);
        }
        Loss loss = model.loss();
        ReluDataInputs.Loaded loaded = data.load(loss);
        TwoLayerReluProblem base = FlagNames.named(data.flags(), () -> new TwoLayerReluProblem(loaded.train().x(),
                loaded.train().y(), loss, betas[0], model.bias));
        ActivationPatterns patterns = model.initialPatterns(base.featuresView());
        int initial = patterns.count();
        ConvexReluWeights warm = null;
        List<Map<String, Object>> rows = new ArrayList<>();
        try (Progress bar = Progress.start("relu2 path", betas.length, err(), quiet || json)) {
            for (double beta : betas) {
                TwoLayerReluProblem problem = base.withBeta(beta);
                ReluFitting.Fit fit = ReluFitting.fit(problem, model, patterns, warm, System.nanoTime());
                rows.add(ReluFitting.describe(fit, problem, loaded).fields());
                patterns = fit.result().convex().patterns();
                warm = fit.solution().primalPoint();
                bar.step();
            }
        }
        if (json) {
            JsonOutput.object().put("problem", model.gated ? "relu2-gated" : "relu2").put("loss", loss.name())
                    .put("initial_patterns", initial).put("path", rows).write(out());
        } else {
            out().printf("%12s %16s %16s %12s %10s %8s %8s %10s%n", "beta", "primal", "dual", "rel_gap", "status",
                    "cert", "neurons", "accuracy");
            for (Map<String, Object> row : rows) {
                Object acc = row.getOrDefault("test_accuracy", row.getOrDefault("train_accuracy", Double.NaN));
                out().printf(java.util.Locale.ROOT, "%12.4g %16.10g %16.10g %12.3e %10s %8s %8d %10s%n",
                        (Double) row.get("beta"), (Double) row.get("primal"), (Double) row.get("dual"),
                        (Double) row.get("relative_gap"), row.get("status"), row.get("certificate"),
                        (Integer) row.get("neurons"), acc);
            }
        }
        return 0;
    }
}
