package io.dualnet.cli;

import io.dualnet.convex.ActivationPatterns;
import io.dualnet.convex.ConvexReluWeights;
import io.dualnet.convex.ReluNetworkMapping;
import io.dualnet.data.LabeledData;
import io.dualnet.data.Metrics;
import io.dualnet.data.OutputSet;
import io.dualnet.data.Standardizer;
import io.dualnet.duality.Certificate;
import io.dualnet.loss.Loss;
import io.dualnet.net.TwoLayerReluNetwork;
import io.dualnet.net.TwoLayerReluProblem;
import io.dualnet.solve.ConeReluSolver;
import io.dualnet.solve.GatedReluSolver;
import io.dualnet.solve.ReluCuttingPlanes;
import io.dualnet.solve.Solution;
import io.dualnet.solve.SolveListener;
import org.ejml.data.DMatrixRMaj;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The shared work of the {@code relu2} commands: build the pattern set, solve the convex program with cutting planes,
 * map the solution back to a network, and describe the result with stable JSON field names (documented in README).
 */
final class ReluFitting {
    /** Steps of the fit's progress bar (log-gap progress towards the tolerance). */
    static final int GAP_STEPS = 1000;
    private ReluFitting() {
    }

    /** A certified fit: the cutting-plane result, the mapped network and the initial pattern count. */
    record Fit(ReluCuttingPlanes.Result result, TwoLayerReluNetwork network, int initialPatterns, boolean gated,
               double seconds) {
        Solution<ConvexReluWeights, double[]> solution() {
            return result.solution();
        }
    }

    /** The convex solver matching {@code model} (gated FISTA or cone augmented Lagrangian). */
    static ReluCuttingPlanes.ConvexSolver solver(ReluModelOptions model, SolveListener listener) {
        if (model.gated) {
            GatedReluSolver s = new GatedReluSolver(GatedReluSolver.Options.defaults()
                    .withRelativeTolerance(model.tolerance).withMaxIterations(model.maxIterations));
            return (convex, warm) -> s.solve(convex, warm, listener);
        }
        ConeReluSolver s = new ConeReluSolver(ConeReluSolver.Options.defaults()
                .withRelativeTolerance(model.tolerance).withMaxIterations(model.maxIterations));
        return (convex, warm) -> s.solve(convex, warm, listener);
    }

    /** Cutting-plane options from {@code model}. */
    static ReluCuttingPlanes.Options cuttingPlanes(ReluModelOptions model) {
        return ReluCuttingPlanes.Options.defaults().with(model.cuts, model.tolerance, model.seed);
    }

    /** Fits {@code problem}: initial patterns, convex solve, cutting planes, network. */
    static Fit fit(TwoLayerReluProblem problem, ReluModelOptions model, PrintStream err, boolean quiet) {
        long t0 = System.nanoTime();
        ActivationPatterns initial = model.initialPatterns(problem.featuresView());
        if (!quiet && Progress.enabled(false)) {
            err.printf(Locale.ROOT, "relu2: %d samples, %d features, %d initial patterns, %s problem%n",
                    problem.samples(), problem.featureCount(), initial.count(), model.gated ? "gated" : "cone");
        }
        try (Progress bar = Progress.start("relu2 fit", GAP_STEPS, err, quiet)) {
            return fit(problem, model, initial, null, t0, gapProgress(bar, model.tolerance));
        }
    }

    /**
     * A listener moving {@code bar} along {@code log(relative gap) / log(tolerance)} (in {@link #GAP_STEPS} steps) and
     * showing the route and the current relative gap.
     */
    static SolveListener gapProgress(Progress bar, double tolerance) {
        if (!bar.active()) {
            return SolveListener.NONE;
        }
        return (method, iteration, primal, dual) -> {
            double rel = new Certificate(primal, dual).relativeGap();
            if (!(rel > 0)) {
                return;
            }
            double done = Math.log(Math.min(1, rel)) / Math.log(tolerance);
            bar.stepTo(Math.round(GAP_STEPS * Math.max(0, Math.min(1, done))));
            bar.message(String.format(Locale.ROOT, "%s %d, gap %.1e", method, iteration, rel));
        };
    }

    /**
     * Fits {@code problem} from {@code initial} patterns (and {@code warm} weights on them, or {@code null}) by cutting
     * planes and maps the result to a network; {@code startNanos} is when the timed work began.
     */
    static Fit fit(TwoLayerReluProblem problem, ReluModelOptions model, ActivationPatterns initial,
                   ConvexReluWeights warm, long startNanos) {
        return fit(problem, model, initial, warm, startNanos, SolveListener.NONE);
    }

    /**
     * {@link #fit(TwoLayerReluProblem, ReluModelOptions, ActivationPatterns, ConvexReluWeights, long)}, reporting the
     * convex solves' progress to {@code listener}.
     */
    static Fit fit(TwoLayerReluProblem problem, ReluModelOptions model, ActivationPatterns initial,
                   ConvexReluWeights warm, long startNanos, SolveListener listener) {
        ReluCuttingPlanes.Result r = new ReluCuttingPlanes(cuttingPlanes(model))
                .solve(problem, initial, model.gated, warm, solver(model, listener));
        TwoLayerReluNetwork network = ReluNetworkMapping.toNetwork(r.convex(), r.solution().primalPoint());
        return new Fit(r, network, initial.count(), model.gated, (System.nanoTime() - startNanos) / 1e9);
    }

    /** The JSON description of a fit (field names are documented in README.md and stable). */
    static JsonOutput describe(Fit fit, TwoLayerReluProblem problem, ReluDataInputs.Loaded data) {
        Solution<ConvexReluWeights, double[]> s = fit.solution();
        JsonOutput jo = JsonOutput.object()
                .put("problem", fit.gated() ? "relu2-gated" : "relu2")
                .put("loss", problem.loss().name())
                .put("beta", problem.beta())
                .put("bias", problem.bias())
                .put("samples", problem.samples())
                .put("features", problem.inputDimension())
                .put("standardized", data.standardizer() != null)
                .put("primal", s.primal())
                .put("dual", s.dual())
                .put("gap", s.gap())
                .put("relative_gap", s.relativeGap())
                .put("status", s.status().label())
                .put("certificate", fit.result().scope())
                .put("patterns", fit.result().convex().patterns().count())
                .put("initial_patterns", fit.initialPatterns())
                .put("patterns_added", fit.result().patternsAdded())
                .put("cut_rounds", fit.result().rounds())
                .put("neurons", fit.network().neurons())
                .put("network_objective", problem.objective(fit.network()))
                .put("iterations", s.iterations())
                .put("method", s.method())
                .put("seconds", fit.seconds());
        s.residuals().forEach((k, v) -> {
            if (k.equals("constraint_violation") || k.equals("dual_scaling")) {
                jo.put(k, v);
            }
        });
        metrics(jo, "train", fit.network(), data.train(), problem);
        if (data.test() != null) {
            metrics(jo, "test", fit.network(), data.test(), problem);
        }
        jo.put("data", data.source());
        return jo;
    }

    /**
     * {@code <prefix>_loss} and {@code <prefix>_accuracy} (classification) or {@code <prefix>_mse} of a network, the
     * latter with {@code <prefix>_accuracy} too when every label is {@code -1} or {@code +1}.
     */
    static void metrics(JsonOutput jo, String prefix, TwoLayerReluNetwork network, LabeledData d,
                                TwoLayerReluProblem problem) {
        double[] yhat = network.predict(d.x());
        jo.put(prefix + "_loss", Metrics.meanLoss(problem.loss(), yhat, d.y()));
        scores(jo, prefix + "_", problem.loss(), yhat, d.y());
    }

    /**
     * {@code <prefix>accuracy} (classification) or {@code <prefix>mse} of predictions {@code yhat} against {@code y},
     * the latter with {@code <prefix>accuracy} too when every label is {@code -1} or {@code +1} (fit, certify and
     * predict report the same scores).
     */
    static void scores(JsonOutput jo, String prefix, Loss loss, double[] yhat, double[] y) {
        if (loss.classification()) {
            jo.put(prefix + "accuracy", Metrics.accuracy(yhat, y));
        } else {
            jo.put(prefix + "mse", Metrics.meanSquaredError(yhat, y));
            if (Metrics.signLabels(y)) {
                jo.put(prefix + "accuracy", Metrics.accuracy(yhat, y));
            }
        }
    }

    /** File of a standardized model's per-feature training means ({@code d x 1}). */
    static final String FEATURE_MEAN = "feature_mean.npy";
    /** File of a standardized model's per-feature divisors ({@code d x 1}). */
    static final String FEATURE_SCALE = "feature_scale.npy";

    /**
     * Writes the network, the dual point, the certificate and {@code standardizer} ({@code null}: none) into the set's
     * directory, all or nothing.
     */
    static void writeWeights(OutputSet set, Fit fit, JsonOutput description, Standardizer standardizer) {
        writeWeights(set, fit.network(), fit.solution().dualPoint(), description, standardizer);
    }

    /**
     * Writes {@code network} ({@code first_layer.npy}, {@code second_layer.npy}, {@code gates.npy} when gated), the
     * dual point {@code lambda}, {@code description} as {@code certificate.json} and, when the network was fitted on
     * standardized features, the training statistics ({@link #FEATURE_MEAN}, {@link #FEATURE_SCALE}) that
     * {@code relu2 predict} applies to raw features; all or nothing.
     */
    static void writeWeights(OutputSet set, TwoLayerReluNetwork network, double[] lambda, JsonOutput description,
                             Standardizer standardizer) {
        Map<String, DMatrixRMaj> arrays = new LinkedHashMap<>();
        arrays.put("first_layer.npy", network.firstLayer());
        arrays.put("second_layer.npy", column(network.secondLayer()));
        if (network.gated()) {
            arrays.put("gates.npy", network.gates());
        }
        arrays.put("lambda.npy", column(lambda));
        if (standardizer != null) {
            arrays.put(FEATURE_MEAN, column(standardizer.means()));
            arrays.put(FEATURE_SCALE, column(standardizer.scales()));
        }
        WeightsOutput.write(set, arrays, description.fields());
    }

    static DMatrixRMaj column(double[] v) {
        return new DMatrixRMaj(v.length, 1, true, v.length == 0 ? new double[0] : Arrays.copyOf(v, v.length));
    }

    /** Prints {@code jo} as JSON or as aligned {@code name value} lines. */
    static void print(JsonOutput jo, boolean json, PrintStream out) {
        if (json) {
            jo.write(out);
        } else {
            jo.fields().forEach((k, v) -> out.printf(Locale.ROOT, "  %-20s %s%n", k,
                    v instanceof double[] a ? Arrays.toString(a) : v));
        }
    }
}
