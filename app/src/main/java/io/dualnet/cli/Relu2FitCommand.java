package io.dualnet.cli;

import io.dualnet.data.InvalidInputException;
import io.dualnet.data.OutputSet;
import io.dualnet.loss.Loss;
import io.dualnet.net.TwoLayerReluProblem;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.nio.file.Path;

/**
 * {@code dualnet relu2 fit}: the globally optimal two-layer ReLU network with weight decay,
 * {@code min l(sum_j (X u_j)_+ alpha_j, y) + (beta/2) sum_j (||u_j||^2 + alpha_j^2)}, through its convex
 * reformulation over activation patterns (paper 002 Appendix A; spec §1.3), with a recomputed certificate and cutting
 * planes over all patterns.
 */
@Command(name = "fit", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Fit the globally optimal two-layer ReLU network with weight decay:",
            "  min l(sum_j (X u_j)_+ alpha_j, y) + (beta/2) sum_j (||u_j||^2 + alpha_j^2)",
            "by its convex reformulation over activation patterns, certified by a dual lower bound; cutting planes add "
                    + "patterns whose dual constraint is violated. certificate = exact when every arrangement cell was "
                    + "checked, else sampled (relative to the patterns searched)."})
public final class Relu2FitCommand extends Relu2Subcommand {

    @Mixin
    ReluDataInputs data;

    @Mixin
    ReluModelOptions model;

    @Option(names = "--beta", paramLabel = "B", required = true, description = "Weight decay beta > 0.")
    double beta;

    @Option(names = "--out", paramLabel = "DIR",
            description = "Write first_layer.npy (d' x m), second_layer.npy (m x 1), gates.npy (--gated), lambda.npy "
                    + "(dual point) and certificate.json into DIR.")
    Path outDir;

    @Option(names = "--json", description = "Print one JSON object.")
    boolean json;

    @Option(names = "--quiet", description = "No progress output on standard error.")
    boolean quiet;

    @Override
    public Integer call() {
        model.validate();
        InvalidInputException.requirePositive("--beta", beta);
        Loss loss = model.loss();
        OutputSet outputSet = WeightsOutput.prepare(outDir);
        ReluDataInputs.Loaded loaded = data.load(loss);
        TwoLayerReluProblem problem = FlagNames.named(data.flags(), () -> new TwoLayerReluProblem(loaded.train().x(),
                loaded.train().y(), loss, beta, model.bias));
        ReluFitting.Fit fit = ReluFitting.fit(problem, model, err(), quiet);
        JsonOutput jo = ReluFitting.describe(fit, problem, loaded);
        if (outDir != null) {
            ReluFitting.writeWeights(outputSet, fit, jo, loaded.standardizer());
        }
        ReluFitting.print(jo, json, out());
        return 0;
    }
}
