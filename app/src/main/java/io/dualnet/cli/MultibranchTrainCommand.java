package io.dualnet.cli;

import io.dualnet.data.ClassificationInstances;
import io.dualnet.data.InputLimits;
import io.dualnet.data.InvalidInputException;
import io.dualnet.duality.AssumptionCheck;
import io.dualnet.duality.GapResult;
import io.dualnet.duality.ShapleyFolkmanGap;
import io.dualnet.landscape.LatticeSearch;
import io.dualnet.net.BranchArchitecture;
import io.dualnet.net.MultibranchGapProblem;
import io.dualnet.reg.BranchRegularizer;
import io.dualnet.train.MultibranchLoss;
import io.dualnet.train.MultibranchTrainer;
import io.dualnet.train.MultibranchTrainingResult;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code dualnet multibranch train}: trains a multi-branch network {@code f = (1/I) sum_i f_i} by SGD or Adam
 * ({@link MultibranchTrainer}); with the tau-hinge or hinge loss, a budget and a box, and branches small enough for
 * the exact lattice, also compares the trained objective with the certified optimum of problem (2).
 */
@Command(name = "train", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Train a multi-branch network f = (1/I) sum_i f_i by SGD or Adam.",
            "Losses: tau-hinge, hinge, multiclass-hinge, cross-entropy. With --budget and --box (tau-hinge or hinge,",
            "branches of at most 3 parameters), the trained objective is compared with the certified optimum of",
            "problem (2) of Zhang et al."})
public final class MultibranchTrainCommand extends MultibranchSubcommand {

    @Mixin
    MultibranchInputs inputs;

    @Option(names = "--I", defaultValue = "10", description = "Number of branches (default ${DEFAULT-VALUE}).")
    int branches;

    @Option(names = "--loss", defaultValue = "tau-hinge", description = "tau-hinge, hinge, multiclass-hinge or cross-entropy (default ${DEFAULT-VALUE}).")
    String loss;

    @Option(names = "--tau", defaultValue = "4", description = "tau of the tau-hinge loss (default ${DEFAULT-VALUE}).")
    double tau;

    @Option(names = "--optimizer", defaultValue = "adam", description = "adam or sgd (default ${DEFAULT-VALUE}).")
    String optimizer;

    @Option(names = "--lr", defaultValue = "0.02", description = "Learning rate (default ${DEFAULT-VALUE}).")
    double lr;

    @Option(names = "--momentum", defaultValue = "0.9", description = "SGD momentum (default ${DEFAULT-VALUE}).")
    double momentum;

    @Option(names = "--epochs", defaultValue = "300", description = "Epochs per restart (default ${DEFAULT-VALUE}).")
    int epochs;

    @Option(names = "--batch", defaultValue = "16", description = "Mini-batch size (default ${DEFAULT-VALUE}).")
    int batch;

    @Option(names = "--weight-decay", defaultValue = "0", description = "Weight of (1/I) sum h(w_i) in the objective (default ${DEFAULT-VALUE}).")
    double weightDecay;

    @Option(names = "--budget", paramLabel = "K", description = "Keep (1/I) sum h(w_i) <= K (projection after each step).")
    Double budget;

    @Option(names = "--box", paramLabel = "R", description = "Keep every weight in [-R, R].")
    Double box;

    @Option(names = "--regularizer", defaultValue = "l2", description = "h = ||w||_2^2 (l2) or ||w||_1 (l1) (default ${DEFAULT-VALUE}).")
    String regularizer;

    @Option(names = "--restarts", defaultValue = "4", description = "Random restarts (default ${DEFAULT-VALUE}).")
    int restarts;

    @Option(names = "--init-scale", defaultValue = "1", description = "Initial weight scale (default ${DEFAULT-VALUE}).")
    double initScale;

    @Option(names = "--resolution", defaultValue = "20", paramLabel = "M", description = "Lattice resolution of the certified comparison (default ${DEFAULT-VALUE}).")
    int resolution;

    @Option(names = "--json", description = "Print one JSON object (fields in README.md).")
    boolean json;

    @Override
    public Integer call() {
        ClassificationInstances data = inputs.load();
        List<BranchArchitecture> types = inputs.types();
        InvalidInputException.requireAtLeast("--I", branches, 1);
        int largest = types.stream().mapToInt(BranchArchitecture::parameterCount).max().orElse(1);
        // each branch holds its weights, gradient and optimizer state (about 4 copies) plus object overhead
        InputLimits.requireAllocatable("--I", null, branches + " branches of up to " + largest + " parameters",
                (long) branches * (4L * largest + 16));
        int t = inputs.threads();
        BranchRegularizer reg = BranchRegularizer.named("--regularizer", regularizer);
        InvalidInputException.requirePositive("--tau", tau);
        MultibranchLoss l = MultibranchLoss.named(loss, tau);
        InvalidInputException.requirePositive("--lr", lr);
        if (!(momentum >= 0 && momentum < 1)) {
            throw new InvalidInputException("--momentum", momentum, "a number in [0, 1)");
        }
        InvalidInputException.requireAtLeast("--epochs", epochs, 1);
        InvalidInputException.requireAtLeast("--batch", batch, 1);
        InvalidInputException.requireNonNegative("--weight-decay", weightDecay);
        if (budget != null) {
            InvalidInputException.requireNonNegative("--budget", budget);
        }
        if (box != null) {
            InvalidInputException.requirePositive("--box", box);
        }
        InvalidInputException.requireAtLeast("--restarts", restarts, 1);
        InvalidInputException.requirePositive("--init-scale", initScale);
        InvalidInputException.requireAtLeast("--resolution", resolution, 1);
        MultibranchTrainer.Options options = new MultibranchTrainer.Options(
                MultibranchTrainer.Options.optimizer(optimizer), lr, momentum, epochs, batch, weightDecay,
                budget == null ? Double.NaN : budget, box == null ? Double.NaN : box, reg, restarts, inputs.seed, t,
                initScale);
        MultibranchTrainingResult r = new MultibranchTrainer(options).train(types, branches, data.x(), data.y(), l);
        Map<String, Object> certified = certified(data, types, l, reg, t);
        if (certified != null) {
            certified.put("excess", r.objective() - (double) certified.get("lattice_primal"));
            certified.put("above_lower_bound", r.objective() >= (double) certified.get("primal_lower") - 1e-12);
        }
        if (json) {
            JsonOutput.object().put("problem", "zhang-multibranch-train").put("I", branches)
                    .put("branches", types.stream().map(BranchArchitecture::spec).toList()).put("loss", l.kind().label())
                    .put("tau", l.tau()).put("optimizer", optimizer.toLowerCase(Locale.ROOT))
                    .put("objective", r.objective()).put("loss_value", r.loss())
                    .put("average_regularizer", r.averageRegularizer()).put("accuracy", r.accuracy())
                    .put("restart_objectives", r.restartObjectives()).put("best_restart", r.bestRestart())
                    .put("epochs", r.epochs()).put("updates", r.updates()).put("certified", certified)
                    .put("seconds", r.seconds()).write(out());
        } else {
            out().printf(Locale.ROOT, "multi-branch network: I = %d branches of %s, %s loss (tau = %s), %s%n", branches,
                    types, l.kind().label(), l.tau(), optimizer);
            out().printf(Locale.ROOT, "  objective %.10f (loss %.10f, (1/I) sum h = %.6g), accuracy %.4f, %d restarts "
                    + "x %d epochs, %.2fs%n", r.objective(), r.loss(), r.averageRegularizer(), r.accuracy(), restarts,
                    epochs, r.seconds());
            if (certified != null) {
                out().printf(Locale.ROOT, "  certified optimum of problem (2): %.10f <= inf(P) <= %.10f (lattice M = %d);"
                        + " trained - lattice optimum = %.3e%n", certified.get("primal_lower"),
                        certified.get("lattice_primal"), resolution, certified.get("excess"));
            }
        }
        return 0;
    }

    /** The certified comparison, when the problem is the separable problem (2) with exact lattices; else null. */
    private Map<String, Object> certified(ClassificationInstances data, List<BranchArchitecture> types,
            MultibranchLoss l, BranchRegularizer reg, int t) {
        if (!l.binary() || budget == null || box == null || weightDecay != 0) {
            return null;
        }
        for (BranchArchitecture a : types) {
            if (a.outputDim() != 1 || LatticeSearch.points(a.parameterCount(), resolution)
                    > LatticeSearch.Options.DEFAULT_MAX_POINTS) {
                return null;
            }
        }
        MultibranchGapProblem p = new MultibranchGapProblem(data.x(), data.y(), l.tau(), budget, types, box, reg);
        ShapleyFolkmanGap gap = ShapleyFolkmanGap.of(p, ShapleyFolkmanGap.Options.defaults()
                .withMethod(ShapleyFolkmanGap.Method.LATTICE).withResolution(resolution).withThreads(t)
                .withDivergence(false));
        if (gap.assumption().status() != AssumptionCheck.Status.HOLDS) {
            warn(gap.assumption().describe() + "; no certified comparison");
            return null;
        }
        GapResult g = gap.at(branches);
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("primal_lower", g.primalLower());
        m.put("lattice_primal", g.primal());
        m.put("dual", g.dual());
        m.put("resolution", resolution);
        return m;
    }
}
