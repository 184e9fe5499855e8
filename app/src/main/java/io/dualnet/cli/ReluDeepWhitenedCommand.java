package io.dualnet.cli;

import io.dualnet.data.InputLimits;
import io.dualnet.data.OutputSet;
import io.dualnet.data.InvalidInputException;
import io.dualnet.deeprelu.WhitenedClosedForm;
import io.dualnet.deeprelu.WhitenedSolution;
import io.dualnet.deeprelu.Whitening;
import io.dualnet.experiment.Ergen003DeepRelu;
import io.dualnet.experiment.Ergen003FashionWhitened;
import io.dualnet.linalg.Matrices;
import io.dualnet.train.DeepReluTrainer;
import io.dualnet.train.DeepReluTrainingResult;
import org.ejml.data.DMatrixRMaj;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * {@code dualnet relu-deep whitened}: the closed-form deep ReLU network of paper 003 Thm 4.3 (minimum norm,
 * {@code --beta 0}) or Thm 4.4 (weight decay, sign fixed) on whitened data with orthogonal label columns, with its
 * objective, a lower bound and the gap recomputed from the returned weights; optionally SGD with momentum on the same
 * objective for comparison.
 */
@Command(name = "whitened", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Closed-form deep ReLU network for whitened data (X X^T = I_n) and labels with orthogonal",
            "columns (e.g. one-hot), 003 Thm 4.3 (--beta 0: min 1/2 sum ||W_l||_F^2 s.t. f(X) = Y) and Thm 4.4",
            "(--beta > 0: 1/2||f(X) - Y||_F^2 + beta/2 sum ||W_l||_F^2, with the lost sign fixed). Prints the",
            "objective, a lower bound (dual) and the gap, recomputed from the returned weights."})
public final class ReluDeepWhitenedCommand implements Callable<Integer> {

    @ParentCommand
    ReluDeepCommand parent;

    @Option(names = "--x", paramLabel = "FILE", description = "Inputs X (n x d), CSV or .npy, one sample per row.")
    Path xFile;

    @Option(names = "--y", paramLabel = "FILE", description = "Targets Y (n x K) with orthogonal columns, CSV or .npy.")
    Path yFile;

    @Option(names = "--generate", paramLabel = "NAME", description = "Built-in data instead of --x/--y: "
            + "fashion-mnist (003 Figure 4: --n images, n/10 per class, top --d principal components, whitened, "
            + "one-hot; --test test points) or gaussian (Gaussian --n x --d, whitened, one-hot labels i mod --classes).")
    String generate;

    @Option(names = "--n", defaultValue = "60", description = "Samples of --generate (default ${DEFAULT-VALUE}).")
    int n;

    @Option(names = "--d", defaultValue = "90", description = "Features of --generate (default ${DEFAULT-VALUE}).")
    int d;

    @Option(names = "--classes", defaultValue = "10", description = "Classes of --generate gaussian (default ${DEFAULT-VALUE}).")
    int classes;

    @Option(names = "--test", defaultValue = "1000", description = "Test points of --generate fashion-mnist (default ${DEFAULT-VALUE}).")
    int test;

    @Option(names = "--pool", defaultValue = "10000", description = "Training images of --generate fashion-mnist for the mean and principal directions (default ${DEFAULT-VALUE}).")
    int pool;

    @Option(names = "--whiten", description = "Whiten --x first with the right multiplier M = (X^T X)^{+1/2} (written to M.npy with --out).")
    boolean whiten;

    @Option(names = "--depth", defaultValue = "3", paramLabel = "L", description = "Layers L >= 2 (default ${DEFAULT-VALUE}).")
    int depth;

    @Option(names = "--width", defaultValue = "50", description = "Units per hidden layer, at least the number of label paths (default ${DEFAULT-VALUE}).")
    int width;

    @Option(names = "--beta", defaultValue = "0", description = "Weight decay; 0 = minimum-norm interpolation, Thm 4.3 (default ${DEFAULT-VALUE}).")
    double beta;

    @Option(names = "--variant", defaultValue = "balanced", description = "balanced (per-path balanced layers, never worse), paper (Thm 4.3 layout / Thm 4.4 with the sign fixed) or paper-as-printed (Thm 4.4 as extracted, beta > 0) (default ${DEFAULT-VALUE}).")
    String variant;

    @Option(names = "--tolerance", defaultValue = "1e-9", description = "Tolerance of the whitening and orthogonality checks (default ${DEFAULT-VALUE}).")
    double tolerance;

    @Option(names = "--force", description = "Build the network even when X is not whitened or Y's columns are not orthogonal (status forced; no optimality claim).")
    boolean force;

    @Option(names = "--train", description = "Also train the same architecture by SGD with momentum on the same objective (beta > 0 needed for a comparable objective).")
    boolean train;

    @Option(names = "--epochs", defaultValue = "200", description = "SGD epochs (default ${DEFAULT-VALUE}).")
    int epochs;

    @Option(names = "--lr", defaultValue = "1e-3", description = "SGD learning rate (default ${DEFAULT-VALUE}).")
    double lr;

    @Option(names = "--momentum", defaultValue = "0.9", description = "SGD momentum (default ${DEFAULT-VALUE}).")
    double momentum;

    @Option(names = "--batch", defaultValue = "10", description = "SGD mini-batch size, 0 = full batch (default ${DEFAULT-VALUE}).")
    int batch;

    @Option(names = "--restarts", defaultValue = "2", description = "SGD seeded restarts (default ${DEFAULT-VALUE}).")
    int restarts;

    @Mixin
    RunOptions run;

    @Option(names = "--out", paramLabel = "DIR", description = "Write W1.npy..WL.npy (and M.npy with --whiten) and certificate.json (all or nothing).")
    Path out;

    @Override
    public Integer call() {
        OptionLimits.depth(depth);
        InvalidInputException.requireAtLeast("--width", width, 1);
        InvalidInputException.requireNonNegative("--beta", beta);
        InvalidInputException.requirePositive("--tolerance", tolerance);
        // every option is checked whatever the mode, so a bad value is never silently ignored
        InvalidInputException.requirePositive("--lr", lr);
        InvalidInputException.requireAtLeast("--epochs", epochs, 1);
        InvalidInputException.requireAtLeast("--batch", batch, 0);
        InvalidInputException.requireAtLeast("--restarts", restarts, 1);
        if (!(momentum >= 0 && momentum < 1)) {
            throw new InvalidInputException("--momentum", momentum, "a number in [0, 1)");
        }
        InvalidInputException.requireAtLeast("--test", test, 1);
        InvalidInputException.requireAtLeast("--pool", pool, 1);
        InvalidInputException.requireAtLeast("--n", n, 1);
        InvalidInputException.requireAtLeast("--classes", classes, 1);
        run.threads();
        WhitenedClosedForm.Variant v = variant();
        if (v == WhitenedClosedForm.Variant.PAPER_AS_PRINTED && beta == 0) {
            throw new InvalidInputException("--variant", variant, "balanced or paper when --beta 0 "
                    + "(paper-as-printed is Thm 4.4, --beta > 0)");
        }
        OutputSet outputSet = WeightsOutput.prepare(out);
        Map<String, DMatrixRMaj> extra = new LinkedHashMap<>();
        // the library names its data x and y, the width hiddenWidth and the fashion-mnist sizes n, d, testSize and
        // pool: messages name the flags instead
        Map<String, String> flags = FlagNames.data(xFile, yFile, "--generate", "hiddenWidth", "--width", "n", "--n",
                "d", "--d", "testSize", "--test", "pool", "--pool");
        DMatrixRMaj[] xy = FlagNames.named(flags, () -> load(extra));
        DMatrixRMaj x = xy[0];
        DMatrixRMaj y = xy[1];
        OptionLimits.requireHiddenLayersFit("--width", x.numCols, width, depth - 1, y.numCols, 1, "");
        long start = System.nanoTime();
        WhitenedSolution s = FlagNames.named(flags, () -> WhitenedClosedForm.solve(x, y,
                new WhitenedClosedForm.Options(depth, width, beta, v, tolerance, force)));
        double seconds = (System.nanoTime() - start) * 1e-9;
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("problem", beta == 0 ? "relu-deep-whitened-min-norm" : "relu-deep-whitened-weight-decay");
        result.put("n", x.numRows);
        result.put("d", x.numCols);
        result.put("k", y.numCols);
        result.put("depth", depth);
        result.put("width", width);
        result.put("beta", beta);
        result.put("variant", v.cliName());
        result.put("primal", s.objective());
        result.put("dual", s.lowerBound());
        result.put("gap", s.gap());
        result.put("relative_gap", s.gap() / Math.max(1e-300, Math.abs(s.objective())));
        result.put("status", s.status());
        result.put("loss", s.loss());
        result.put("penalty", s.penalty());
        result.put("residual", s.residual());
        result.put("paths", s.paths());
        result.put("path_norms", s.pathNorms());
        result.put("path_gains", s.pathGains());
        result.put("rescaled_primal", s.rescaledPrimal());
        result.put("rescaled_dual", s.rescaledDual());
        result.put("whitening_deviation", s.whiteningDeviation());
        result.put("whitening_check", s.whiteningCheck());
        result.put("whitening_failure_probability", s.whiteningFailureProbability());
        result.put("column_deviation", s.columnDeviation());
        result.put("orthogonality_deviation", s.orthogonalityDeviation());
        result.put("seconds", seconds);
        if (xy.length > 2) {
            Ergen003FashionWhitened.Built b = new Ergen003FashionWhitened.Built(x, y, xy[2], xy[3], labels(xy[3]),
                    Double.NaN);
            result.put("test_error", Ergen003DeepRelu.testError(s.network(), b));
            result.put("test_accuracy", Ergen003DeepRelu.testAccuracy(s.network(), b));
        }
        if (train) {
            result.put("trained", trained(x, y, s));
        }
        if (out != null) {
            ReluDeepOutput.write(outputSet, s.network(), extra, result);
            result.put("out", out.toString());
        }
        run.json.print(result, parent.stdout());
        return 0;
    }

    private Map<String, Object> trained(DMatrixRMaj x, DMatrixRMaj y, WhitenedSolution s) {
        int pool = run.threads();
        int[] hidden = new int[depth - 1];
        Arrays.fill(hidden, width);
        DeepReluTrainer.Options o = DeepReluTrainer.Options.defaults(hidden).withSgd(lr, momentum)
                .withBatchSize(batch).withBeta(beta, false).withEpochs(epochs).withRestarts(restarts, pool)
                .withSeed(run.seed).withTraceEvery(Math.max(1, epochs / 100));
        DeepReluTrainingResult r = train(o, x, y, "relu-deep whitened", parent.stderr(), run.quiet());
        Map<String, Object> t = new LinkedHashMap<>();
        t.put("objective", r.objective());
        t.put("excess_over_closed_form", r.objective() - s.objective());
        t.put("below_lower_bound", r.objective() < s.lowerBound());
        t.put("final_objectives", r.finalObjectives());
        t.put("epochs", epochs);
        t.put("learning_rate", lr);
        t.put("momentum", momentum);
        t.put("batch", batch);
        t.put("restarts", restarts);
        t.put("seconds", r.seconds());
        return t;
    }

    /** Trains with a progress bar over all restarts' epochs (shared with the spline command). */
    static DeepReluTrainingResult train(DeepReluTrainer.Options o, DMatrixRMaj x, DMatrixRMaj y, String task,
            PrintStream err, boolean quiet) {
        AtomicLongArray done = new AtomicLongArray(o.restarts());
        try (Progress bar = Progress.start(task, (long) o.restarts() * o.epochs(), err, quiet)) {
            return new DeepReluTrainer(o).train(x, y, null, (restart, p, net) -> {
                done.set(restart, p.epoch());
                long sum = 0;
                for (int i = 0; i < done.length(); i++) {
                    sum += done.get(i);
                }
                bar.stepTo(sum);
            });
        }
    }

    private WhitenedClosedForm.Variant variant() {
        for (WhitenedClosedForm.Variant v : WhitenedClosedForm.Variant.values()) {
            if (v.cliName().equals(variant.toLowerCase(Locale.ROOT))) {
                return v;
            }
        }
        throw new InvalidInputException("--variant", variant, "one of: balanced, paper, paper-as-printed");
    }

    private static int[] labels(DMatrixRMaj oneHot) {
        int[] l = new int[oneHot.numRows];
        for (int i = 0; i < l.length; i++) {
            for (int j = 0; j < oneHot.numCols; j++) {
                if (oneHot.get(i, j) > oneHot.get(i, l[i])) {
                    l[i] = j;
                }
            }
        }
        return l;
    }

    /** {X, Y} or, for fashion-mnist, {X, Y, X_test, Y_test}. */
    private DMatrixRMaj[] load(Map<String, DMatrixRMaj> extra) {
        if (!DataSources.filesOrGenerate(xFile, yFile, generate, true)) {
            InvalidInputException.requireAtLeast("--n", n, 1);
            InvalidInputException.requireAtLeast("--d", d, n);
            InputLimits.requireAllocatable("--d", null, "--n " + n + " x --d " + d + " generated inputs", (long) n * d);
            switch (generate.toLowerCase(Locale.ROOT)) {
                case "fashion-mnist" -> {
                    Ergen003FashionWhitened.Built b = new Ergen003FashionWhitened(n, d, test, pool, run.seed).build();
                    return new DMatrixRMaj[] {b.x(), b.y(), b.xTest(), b.yTest()};
                }
                case "gaussian" -> {
                    InvalidInputException.requireAtLeast("--classes", classes, 1);
                    DMatrixRMaj g = Matrices.gaussian(n, d, 1, new Random(run.seed));
                    int[] lab = new int[n];
                    for (int i = 0; i < n; i++) {
                        lab[i] = i % classes;
                    }
                    DMatrixRMaj y = new DMatrixRMaj(n, classes);
                    for (int i = 0; i < n; i++) {
                        y.set(i, lab[i], 1);
                    }
                    return new DMatrixRMaj[] {Whitening.fit(g).apply(g), y};
                }
                default -> throw new InvalidInputException("--generate", generate, "one of: fashion-mnist, gaussian");
            }
        }
        DMatrixRMaj[] xy = DataInputs.readPair(xFile, yFile);
        DMatrixRMaj x = xy[0];
        DMatrixRMaj y = xy[1];
        if (whiten) {
            Whitening w = Whitening.fit(x);
            extra.put("M.npy", w.multiplier());
            x = w.apply(x);
        }
        return new DMatrixRMaj[] {x, y};
    }
}
