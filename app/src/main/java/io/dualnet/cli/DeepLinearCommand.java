package io.dualnet.cli;

import io.dualnet.closedform.DeepLinearClosedForm;
import io.dualnet.convex.DeepLinearDual;
import io.dualnet.data.InvalidInputException;
import io.dualnet.data.OutputSet;
import io.dualnet.duality.DeepLinearCertificate;
import io.dualnet.linalg.Linalg;
import io.dualnet.net.DeepLinearProblem;
import io.dualnet.net.DeepLinearWeights;
import io.dualnet.solve.DeepLinearDualSolver;
import io.dualnet.solve.Solution;
import io.dualnet.train.DeepLinearTrainer;
import io.dualnet.train.TrainingResult;
import org.ejml.data.DMatrixRMaj;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * {@code dualnet deep-linear}: the certified global optimum of a deep linear network with Schatten-H regularization
 * (problem (4) of Zhang, Shao, Salakhutdinov), by the closed form and, independently, by the iterative dual solver;
 * optionally the non-convex gradient route for comparison.
 */
@Command(name = "deep-linear", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Certified global optimum of a deep linear network with Schatten-H regularization:",
            "min 1/2||Y - X W1..WH||_F^2 + (gamma/H)(||X W1||_SH^H + sum_i ||Wi||_SH^H)  (Zhang et al., problem (4)).",
            "Prints the primal value, the dual bound (problem (5)) and the gap, each recomputed from the returned",
            "weights and dual point; the closed form and the iterative dual solver check each other."})
public final class DeepLinearCommand extends DualnetSubcommand {

    @Mixin
    DataInputs data;

    @Option(names = "--depth", paramLabel = "H", description = "Depth H >= 2 (default: number of widths + 1, or 3).")
    Integer depth;

    @Option(names = "--widths", split = ",", paramLabel = "d1,..", description = "Hidden widths d1..d(H-1) (default: min(d0, dH) for each).")
    int[] widths;

    @Option(names = "--gamma", defaultValue = "0.05", description = "Regularization gamma >= 0 (default ${DEFAULT-VALUE}).")
    double gamma;

    @Option(names = "--gradient", description = "Also run the non-convex route (Adam with restarts) and report its distance to the certified optimum.")
    boolean gradient;

    @Option(names = "--restarts", defaultValue = "4", description = "Restarts of the gradient route (default ${DEFAULT-VALUE}).")
    int restarts;

    @Option(names = "--iterations", defaultValue = "3000", description = "Iterations per restart of the gradient route (default ${DEFAULT-VALUE}).")
    int iterations;

    @Option(names = "--out", paramLabel = "DIR", description = "Write W1.npy..WH.npy (row convention: Wl is d(l-1) x dl), lambda.npy and certificate.json.")
    Path out;

    @Option(names = "--json", description = "Print one JSON object (fields documented in README.md).")
    boolean json;

    @Override
    public Integer call() {
        // every option is validated, also those only the --gradient route uses
        InvalidInputException.requireAtLeast("--restarts", restarts, 1);
        InvalidInputException.requireAtLeast("--iterations", iterations, 1);
        DeepLinearProblem problem = buildProblem();
        OutputSet outputSet = WeightsOutput.prepare(out);
        Solution<DeepLinearWeights, DMatrixRMaj> closed = DeepLinearClosedForm.solve(problem);
        Solution<DeepLinearWeights, DMatrixRMaj> iterative =
                new DeepLinearDualSolver(DeepLinearDualSolver.Options.defaults()).solve(problem);
        DeepLinearDual dual = DeepLinearDual.of(problem);
        // Recompute the certificate from the returned points, independently of both solvers.
        DeepLinearCertificate check = DeepLinearCertificate.evaluate(problem, dual, closed.primalPoint(),
                closed.dualPoint());
        Map<String, Object> result = new LinkedHashMap<>();
        double primal = check.certificate().primal();
        double dualValue = check.certificate().dual();
        result.put("problem", "zhang-deep-linear");
        result.put("n", problem.samples());
        result.put("d0", problem.inputDim());
        result.put("dH", problem.outputDim());
        result.put("depth", problem.depth());
        result.put("widths", problem.hiddenWidths());
        result.put("dmin", problem.dMin());
        result.put("gamma", problem.gamma());
        result.put("primal", primal);
        result.put("dual", dualValue);
        result.put("gap", check.certificate().gap());
        result.put("relative_gap", check.certificate().relativeGap());
        result.put("status", closed.status().label());
        result.put("rank", rankOf(closed.primalPoint(), problem));
        result.put("dual_infeasibility", check.dualInfeasibility());
        result.put("method", closed.method());
        result.put("seconds", closed.seconds());
        Map<String, Object> dualRoute = new LinkedHashMap<>();
        dualRoute.put("primal", iterative.primal());
        dualRoute.put("dual", iterative.dual());
        dualRoute.put("gap", iterative.gap());
        dualRoute.put("iterations", iterative.iterations());
        dualRoute.put("status", iterative.status().label());
        dualRoute.put("seconds", iterative.seconds());
        dualRoute.put("agreement", Math.abs(iterative.primal() - primal) / Math.max(1e-300, Math.abs(primal)));
        result.put("dual_solver", dualRoute);
        if (gradient) {
            result.put("gradient", gradientRoute(problem, primal));
        }
        result.put("backend", Linalg.get().name());
        if (out != null) {
            WeightsOutput.write(outputSet, closed.primalPoint(), check.feasibleLambda(), result);
            result.put("out", out.toString());
        }
        if (json) {
            JsonOutput jo = JsonOutput.object();
            result.forEach(jo::put);
            jo.write(out());
        } else {
            printHuman(result);
        }
        return 0;
    }

    private Map<String, Object> gradientRoute(DeepLinearProblem problem, double optimum) {
        InvalidInputException.requireAtLeast("--restarts", restarts, 1);
        InvalidInputException.requireAtLeast("--iterations", iterations, 1);
        DeepLinearTrainer.Options options = DeepLinearTrainer.Options.defaults().withLearningRate(0.03)
                .withMaxIterations(iterations).withRestarts(restarts).withSeed(data.seed)
                .withThreads(Runtime.getRuntime().availableProcessors());
        TrainingResult<DeepLinearWeights, DeepLinearTrainer.Options> trained =
                new DeepLinearTrainer(options).train(problem);
        Map<String, Object> g = new LinkedHashMap<>();
        g.put("best", trained.objective());
        g.put("relative_excess", (trained.objective() - optimum) / Math.max(1e-300, Math.abs(optimum)));
        g.put("restarts", restarts);
        g.put("iterations", iterations);
        g.put("seconds", trained.wallSeconds());
        return g;
    }

    private DeepLinearProblem buildProblem() {
        DMatrixRMaj[] xy = data.load();
        DMatrixRMaj x = xy[0];
        DMatrixRMaj y = xy[1];
        int[] hidden = widths;
        int h = depth != null ? depth : hidden != null ? hidden.length + 1 : 3;
        OptionLimits.depth(h);
        if (hidden == null) {
            hidden = new int[h - 1];
            Arrays.fill(hidden, Math.max(1, Math.min(x.numCols, y.numCols)));
        } else if (hidden.length != h - 1) {
            throw new InvalidInputException("--widths", Arrays.toString(hidden),
                    "depth - 1 = " + (h - 1) + " comma-separated widths");
        }
        for (int i = 0; i < hidden.length; i++) {
            InvalidInputException.requireAtLeast("--widths[" + i + "]", hidden[i], 1);
        }
        int[] dims = new int[h + 1];
        dims[0] = x.numCols;
        System.arraycopy(hidden, 0, dims, 1, hidden.length);
        dims[h] = y.numCols;
        OptionLimits.requireLayersFit("--widths", dims);
        InvalidInputException.requireNonNegative("--gamma", gamma);
        return new DeepLinearProblem(x, y, hidden, gamma);
    }

    private static int rankOf(DeepLinearWeights w, DeepLinearProblem problem) {
        DMatrixRMaj z = w.predict(problem.x());
        double[] s = Linalg.get().singularValues(z);
        double tol = Math.max(z.numRows, z.numCols) * Math.ulp(1.0) * Math.max(1.0, s.length == 0 ? 0 : s[0]);
        int r = 0;
        while (r < s.length && s[r] > tol) {
            r++;
        }
        return r;
    }

    private void printHuman(Map<String, Object> r) {
        out().printf(Locale.ROOT, "deep linear network, problem (4) of Zhang et al.: n=%s d0=%s dH=%s H=%s widths=%s gamma=%s%n",
                r.get("n"), r.get("d0"), r.get("dH"), r.get("depth"), Arrays.toString((int[]) r.get("widths")),
                r.get("gamma"));
        out().printf(Locale.ROOT, "  primal (objective at returned weights) %.12g%n", (double) r.get("primal"));
        out().printf(Locale.ROOT, "  dual bound (problem (5))               %.12g%n", (double) r.get("dual"));
        out().printf(Locale.ROOT, "  gap                                    %.3e (relative %.3e)%n", (double) r.get("gap"),
                (double) r.get("relative_gap"));
        out().printf(Locale.ROOT, "  status %s, rank %s of d_min %s, %.3f s (%s)%n", r.get("status"), r.get("rank"),
                r.get("dmin"), (double) r.get("seconds"), r.get("backend"));
        @SuppressWarnings("unchecked")
        Map<String, Object> d = (Map<String, Object>) r.get("dual_solver");
        out().printf(Locale.ROOT, "  dual solver: primal %.12g dual %.12g, %s iterations, %s, agrees to %.1e%n",
                (double) d.get("primal"), (double) d.get("dual"), d.get("iterations"), d.get("status"),
                (double) d.get("agreement"));
        if (r.containsKey("gradient")) {
            @SuppressWarnings("unchecked")
            Map<String, Object> g = (Map<String, Object>) r.get("gradient");
            out().printf(Locale.ROOT, "  gradient route (Adam, %s restarts x %s iterations): best %.12g, %.3e above the optimum, %.1f s%n",
                    g.get("restarts"), g.get("iterations"), (double) g.get("best"), (double) g.get("relative_excess"),
                    (double) g.get("seconds"));
        }
        if (r.containsKey("out")) {
            out().println("  weights written to " + r.get("out"));
        }
    }
}
