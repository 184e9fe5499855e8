package io.dualnet.cli;

import io.dualnet.convex.ActivationPatterns;
import io.dualnet.convex.ConvexReluWeights;
import io.dualnet.data.InvalidInputException;
import io.dualnet.data.LabeledData;
import io.dualnet.data.Metrics;
import io.dualnet.data.OutputSet;
import io.dualnet.loss.Loss;
import io.dualnet.net.TwoLayerReluNetwork;
import io.dualnet.net.TwoLayerReluProblem;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.nio.file.Path;
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

    @Option(names = "--select", paramLabel = "validation",
            description = "Choose beta by a held-out split of the training data: each beta is fitted on the rest, "
                    + "scored on the split (accuracy, or mean squared error for the squared loss), the best is "
                    + "selected_beta.")
    String select;

    @Option(names = "--validation-fraction", paramLabel = "F", defaultValue = "0.2",
            description = "With --select validation: share of the training samples held out (seeded by --seed; "
                    + "default 0.2).")
    double validationFraction;

    @Option(names = "--out", paramLabel = "DIR",
            description = "With --select validation: write the selected beta's network (fitted on the training "
                    + "samples outside the validation split) as relu2 fit --out does; relu2 predict --model DIR reads "
                    + "it.")
    Path outDir;

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
        if (select != null && !select.equals("validation")) {
            throw new InvalidInputException("--select", select, "validation");
        }
        if (!(validationFraction > 0 && validationFraction < 1)) {
            throw new InvalidInputException("--validation-fraction", validationFraction, "a number in (0, 1)");
        }
        if (outDir != null && select == null) {
            throw new InvalidInputException("--out", outDir, "--select validation too (the network written is the "
                    + "selected beta's)");
        }
        OutputSet outputSet = WeightsOutput.prepare(outDir);
        Loss loss = model.loss();
        ReluDataInputs.Loaded loaded = select != null ? data.load(loss, validationFraction, model.seed)
                : data.load(loss);
        LabeledData validation = loaded.validation();
        TwoLayerReluProblem base = FlagNames.named(data.flags(), () -> new TwoLayerReluProblem(loaded.train().x(),
                loaded.train().y(), loss, betas[0], model.bias));
        ActivationPatterns patterns = model.initialPatterns(base.featuresView());
        int initial = patterns.count();
        ConvexReluWeights warm = null;
        List<Map<String, Object>> rows = new ArrayList<>();
        String score = loss.classification() ? "validation_accuracy" : "validation_mse";
        Double selected = null;
        double best = Double.NaN;
        TwoLayerReluNetwork chosen = null;
        double[] chosenDual = null;
        JsonOutput chosenRow = null;
        try (Progress bar = Progress.start("relu2 path", betas.length, err(), quiet || json)) {
            for (double beta : betas) {
                TwoLayerReluProblem problem = base.withBeta(beta);
                ReluFitting.Fit fit = ReluFitting.fit(problem, model, patterns, warm, System.nanoTime());
                JsonOutput row = ReluFitting.describe(fit, problem, loaded);
                if (validation != null) {
                    double[] yhat = fit.network().predict(validation.x());
                    double v = loss.classification() ? Metrics.accuracy(yhat, validation.y())
                            : Metrics.meanSquaredError(yhat, validation.y());
                    row.put(score, v);
                    // Ties keep the earlier beta (the given order; decreasing betas keep the sparser model).
                    if (selected == null || (loss.classification() ? v > best : v < best)) {
                        best = v;
                        selected = beta;
                        chosen = fit.network();
                        chosenDual = fit.solution().dualPoint();
                        chosenRow = row;
                    }
                }
                rows.add(row.fields());
                patterns = fit.result().convex().patterns();
                warm = fit.solution().primalPoint();
                bar.step();
            }
        }
        if (outputSet != null) {
            ReluFitting.writeWeights(outputSet, chosen, chosenDual, chosenRow, loaded.standardizer());
        }
        String metric = loss.classification() ? "accuracy" : "mse";
        String shown = (loaded.test() != null ? "test_" : "train_") + metric;
        if (json) {
            JsonOutput jo = JsonOutput.object().put("problem", model.gated ? "relu2-gated" : "relu2")
                    .put("loss", loss.name()).put("initial_patterns", initial);
            if (validation != null) {
                jo.put("selection", "validation").put("validation_samples", validation.samples())
                        .put("selected_beta", selected);
            }
            jo.put("path", rows).write(out());
        } else {
            out().printf("%12s %16s %16s %12s %10s %8s %8s %12s %12s%n", "beta", "primal", "dual", "rel_gap", "status",
                    "cert", "neurons", validation != null ? "valid_" + metric : "", shown);
            for (Map<String, Object> row : rows) {
                Object test = row.getOrDefault(shown, "-");
                out().printf(java.util.Locale.ROOT, "%12.4g %16.10g %16.10g %12.3e %10s %8s %8d %12s %12s%s%n",
                        (Double) row.get("beta"), (Double) row.get("primal"), (Double) row.get("dual"),
                        (Double) row.get("relative_gap"), row.get("status"), row.get("certificate"),
                        (Integer) row.get("neurons"), row.getOrDefault(score, ""), test,
                        selected != null && selected.equals(row.get("beta")) ? "  <- selected" : "");
            }
        }
        return 0;
    }
}
