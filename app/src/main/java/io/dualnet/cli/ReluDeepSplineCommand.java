package io.dualnet.cli;

import io.dualnet.data.OutputSet;
import io.dualnet.data.InvalidInputException;
import io.dualnet.data.MatrixFiles;
import io.dualnet.deeprelu.SplineInterpolant;
import io.dualnet.deeprelu.SplineKinks;
import io.dualnet.experiment.Ergen003DeepRelu;
import io.dualnet.train.DeepReluTrainer;
import io.dualnet.train.DeepReluTrainingResult;
import org.ejml.data.DMatrixRMaj;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * {@code dualnet relu-deep spline}: trains an L-layer ReLU network with biases on one-dimensional data and measures
 * paper 003 Cor 4.1/4.2 ("kinks only at the data points: a linear spline"): each kink's distance to the nearest data
 * point relative to the data spacing, and the sup-distance to the linear spline on the data's hull.
 */
@Command(name = "spline", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Train an L-layer ReLU network (biases, weight decay) on 1-D data and measure where its kinks",
            "are: distance of each kink to the nearest data point over the smallest data spacing, and the sup-distance",
            "between the network and the linear spline through the data (003 Cor 4.1/4.2, Figure 1)."})
public final class ReluDeepSplineCommand implements Callable<Integer> {

    @ParentCommand
    ReluDeepCommand parent;

    @Option(names = "--x", paramLabel = "FILE", description = "Inputs (n x 1), CSV or .npy, one sample per row.")
    Path xFile;

    @Option(names = "--y", paramLabel = "FILE", description = "Targets (n x 1), CSV or .npy.")
    Path yFile;

    @Option(names = "--generate", paramLabel = "NAME", description = "Built-in data instead of --x/--y: fig1 "
            + "(--points abscissae evenly spaced on [-1, 1] with 30% jitter, N(0,1) values from --seed). Default when "
            + "no file is given.")
    String generate;

    @Option(names = "--points", defaultValue = "8", description = "Points of --generate fig1 (default ${DEFAULT-VALUE}).")
    int points;

    @Option(names = "--depth", defaultValue = "3", paramLabel = "L", description = "Layers L >= 2 (default ${DEFAULT-VALUE}).")
    int depth;

    @Option(names = "--width", defaultValue = "20", description = "Units per hidden layer (default ${DEFAULT-VALUE}).")
    int width;

    @Option(names = "--beta", defaultValue = "1e-2", description = "Weight decay on the weights, biases not penalized (default ${DEFAULT-VALUE}).")
    double beta;

    @Option(names = "--lr", defaultValue = "2e-3", description = "Adam learning rate (default ${DEFAULT-VALUE}).")
    double lr;

    @Option(names = "--epochs", defaultValue = "20000", description = "Full-batch Adam updates per restart (default ${DEFAULT-VALUE}).")
    int epochs;

    @Option(names = "--restarts", defaultValue = "4", description = "Seeded restarts; the lowest final objective is kept (default ${DEFAULT-VALUE}).")
    int restarts;

    @Option(names = "--margin", defaultValue = "0.25", description = "Kinks are searched on the data's hull widened by this fraction of its length on each side (default ${DEFAULT-VALUE}).")
    double margin;

    @Mixin
    RunOptions run;

    @Option(names = "--out", paramLabel = "DIR", description = "Write W1.npy..WL.npy, b1.npy..bL.npy and certificate.json (all or nothing).")
    Path out;

    @Override
    public Integer call() {
        OptionLimits.depth(depth);
        InvalidInputException.requireAtLeast("--width", width, 1);
        InvalidInputException.requireNonNegative("--margin", margin);
        OutputSet outputSet = WeightsOutput.prepare(out);
        double[][] data = load();
        SplineInterpolant spline = FlagNames.named(FlagNames.data(xFile, yFile, "--generate"),
                () -> new SplineInterpolant(data[0], data[1]));
        int[] hidden = new int[depth - 1];
        Arrays.fill(hidden, width);
        int every = Math.max(1, epochs / 100);
        InvalidInputException.requirePositive("--lr", lr);
        InvalidInputException.requireNonNegative("--beta", beta);
        InvalidInputException.requireAtLeast("--epochs", epochs, 1);
        InvalidInputException.requireAtLeast("--restarts", restarts, 1);
        int pool = run.threads();
        // every restart trained at once holds the network, its gradient and two Adam moments
        int atOnce = Math.min(restarts, pool);
        OptionLimits.requireHiddenLayersFit("--width", 1, width, depth - 1, 1, 4L * atOnce,
                atOnce + " restarts x 4 arrays");
        DeepReluTrainer.Options options = DeepReluTrainer.Options.defaults(hidden).withBiases(true, true).withAdam(lr)
                .withBeta(beta, false).withEpochs(epochs).withTraceEvery(every).withRestarts(restarts, pool)
                .withSeed(run.seed);
        DeepReluTrainingResult r = ReluDeepWhitenedCommand.train(options, DeepReluTrainer.column(data[0]),
                DeepReluTrainer.column(data[1]), "relu-deep spline", parent.stderr(), run.quiet());
        SplineKinks.Result k = SplineKinks.measure(r.network(), spline, margin);
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("problem", "relu-deep-spline");
        result.put("n", data[0].length);
        result.put("depth", depth);
        result.put("width", width);
        result.put("beta", beta);
        result.put("objective", r.objective());
        result.put("kinks", k.kinks());
        result.put("kink_slope_changes", k.slopeChanges());
        result.put("kink_relative_distances", k.relativeDistances());
        result.put("significant_kinks", k.significantKinks());
        result.put("max_relative_kink_distance", k.maxRelativeDistance());
        result.put("near_data_share", k.nearDataShare());
        result.put("sup_distance", k.supDistance());
        result.put("relative_sup_distance", k.relativeSupDistance());
        result.put("min_spacing", spline.minSpacing());
        result.put("window", new double[] {k.windowLow(), k.windowHigh()});
        result.put("status", r.bestRestart() < 0 ? "diverged"
                : k.maxRelativeDistance() <= SplineKinks.NEAR_FRACTION ? "kinks-at-data" : "kinks-off-data");
        result.put("best_restart", r.bestRestart());
        result.put("restarts", restarts);
        result.put("epochs", epochs);
        result.put("seed", run.seed);
        result.put("seconds", r.seconds());
        if (out != null) {
            ReluDeepOutput.write(outputSet, r.network(), Map.of(), result);
            result.put("out", out.toString());
        }
        run.json.print(result, parent.stdout());
        return 0;
    }

    private double[][] load() {
        if (!DataSources.filesOrGenerate(xFile, yFile, generate, false)) {
            String name = generate == null ? "fig1" : generate.toLowerCase(Locale.ROOT);
            if (!name.equals("fig1")) {
                throw new InvalidInputException("--generate", generate, "fig1");
            }
            InvalidInputException.requireAtLeast("--points", points, 2);
            return Ergen003DeepRelu.splineData(points, run.seed);
        }
        DMatrixRMaj x = MatrixFiles.readData(xFile, "--x");
        DMatrixRMaj y = MatrixFiles.readData(yFile, "--y");
        if (x.numCols != 1) {
            throw new InvalidInputException("--x", x.numRows + "x" + x.numCols + " matrix",
                    "one-dimensional data (n x 1)");
        }
        if (y.numCols != 1 || y.numRows != x.numRows) {
            throw new InvalidInputException("--y", y.numRows + "x" + y.numCols + " matrix",
                    x.numRows + "x1 (one value per point of --x)");
        }
        return new double[][] {x.data.clone(), y.data.clone()};
    }
}
