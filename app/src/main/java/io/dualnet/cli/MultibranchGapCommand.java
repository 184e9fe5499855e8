package io.dualnet.cli;

import io.dualnet.data.ClassificationInstances;
import io.dualnet.data.InvalidInputException;
import io.dualnet.duality.AssumptionCheck;
import io.dualnet.duality.BranchSummary;
import io.dualnet.duality.GapResult;
import io.dualnet.duality.HingeGapBounds;
import io.dualnet.duality.ShapleyFolkmanGap;
import io.dualnet.net.MultibranchGapProblem;
import io.dualnet.reg.BranchRegularizer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code dualnet multibranch gap}: the exact duality gap of problem (2) vs (3) of Zhang, Shao, Salakhutdinov for a
 * multi-branch network with small branches, against the number of branches {@code I}, with Theorem 1's bound
 * {@code 2/I} ({@link ShapleyFolkmanGap}); when Assumption 1 fails, also bounds on the gap of the tau-hinge problem
 * itself ({@link HingeGapBounds}).
 */
@Command(name = "gap", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Exact duality gap of a multi-branch network against I, with Theorem 1's bound 2/I.",
            "inf(P) = min E[max(0, 1 - y f/tau)] s.t. (1/I) sum h(w_i) <= K, sup(D) = max Q(lambda) - lambda K",
            "(Zhang et al. (2), (3)); prints both, the gap normalized by Delta_worst, 2/I and rho/I for each I."})
public final class MultibranchGapCommand extends MultibranchSubcommand {

    @Mixin
    MultibranchInputs inputs;

    @Option(names = "--tau", defaultValue = "4", description = "Margin tau > 0 of the tau-hinge loss (default ${DEFAULT-VALUE}).")
    double tau;

    @Option(names = "--budget", defaultValue = "3", paramLabel = "K", description = "Budget K >= 0 on (1/I) sum h(w_i) (default ${DEFAULT-VALUE}).")
    double budget;

    @Option(names = "--box", defaultValue = "2", paramLabel = "R", description = "Every weight in [-R, R] (default ${DEFAULT-VALUE}).")
    double box;

    @Option(names = "--regularizer", defaultValue = "l2", description = "h = ||w||_2^2 (l2) or ||w||_1 (l1) (default ${DEFAULT-VALUE}).")
    String regularizer;

    @Option(names = "--I", split = ",", paramLabel = "I",
            description = "Numbers of branches (default 1,2,3,5,10,100,1000,10000,100000).")
    int[] branches;

    @Option(names = "--resolution", defaultValue = "30", paramLabel = "M", description = "Lattice points per half axis: spacing R/M, (2M+1)^p points (default ${DEFAULT-VALUE}).")
    int resolution;

    @Option(names = "--method", defaultValue = "auto", description = "Per-branch global minimization: auto (lattice when (2M+1)^p <= 2.1e6, else restarts), lattice, multistart (default ${DEFAULT-VALUE}).")
    String method;

    @Option(names = "--restarts", defaultValue = "16", description = "Restarts per multiplier of the restart method (default ${DEFAULT-VALUE}).")
    int restarts;

    @Option(names = "--no-delta", description = "Skip the paper's Delta_i (weight-space convex envelope); the gap is then not normalized.")
    boolean noDelta;

    @Option(names = "--json", description = "Print one JSON object (fields in README.md).")
    boolean json;

    @Override
    public Integer call() {
        long start = System.nanoTime();
        ClassificationInstances data = inputs.load();
        inputs.requireBinaryLabels(data);
        int[] is = branches == null ? new int[] {1, 2, 3, 5, 10, 100, 1000, 10_000, 100_000} : branches;
        for (int i : is) {
            InvalidInputException.requireAtLeast("--I", i, 1);
        }
        InvalidInputException.requireAtLeast("--resolution", resolution, 1);
        InvalidInputException.requireAtLeast("--restarts", restarts, 1);
        InvalidInputException.requirePositive("--tau", tau);
        InvalidInputException.requireNonNegative("--budget", budget);
        InvalidInputException.requirePositive("--box", box);
        inputs.requireScalarBranches(data);
        MultibranchGapProblem problem = new MultibranchGapProblem(data.x(), data.y(), tau, budget, inputs.types(), box,
                BranchRegularizer.named("--regularizer", regularizer));
        ShapleyFolkmanGap.Options options = ShapleyFolkmanGap.Options.defaults().withMethod(method(method))
                .withResolution(resolution).withRestarts(restarts, inputs.seed).withDivergence(!noDelta)
                .withKeepOutputs(true).withThreads(inputs.threads());
        ShapleyFolkmanGap gap = ShapleyFolkmanGap.of(problem, options);
        for (BranchSummary s : gap.branches()) {
            if (s.fallback() != null) {
                warn("branch " + s.spec() + ": " + s.fallback());
            }
        }
        AssumptionCheck assumption = gap.assumption();
        if (assumption.status() != AssumptionCheck.Status.HOLDS) {
            warn(assumption.describe());
        }
        List<GapResult> results = new ArrayList<>();
        for (int i : is) {
            results.add(gap.at(i));
        }
        HingeGapBounds hinge = assumption.status() == AssumptionCheck.Status.FAILS ? new HingeGapBounds(gap) : null;
        List<HingeGapBounds.Bounds> hingeBounds = new ArrayList<>();
        if (hinge != null) {
            for (int i : is) {
                hingeBounds.add(hinge.at(i));
            }
        }
        double seconds = (System.nanoTime() - start) * 1e-9;
        if (json) {
            json(problem, gap, results, hinge, hingeBounds, seconds, data);
        } else {
            text(problem, gap, results, hingeBounds);
        }
        return 0;
    }

    static ShapleyFolkmanGap.Method method(String name) {
        return switch (name == null ? "" : name.trim().toLowerCase(Locale.ROOT)) {
            case "auto" -> ShapleyFolkmanGap.Method.AUTO;
            case "lattice" -> ShapleyFolkmanGap.Method.LATTICE;
            case "multistart" -> ShapleyFolkmanGap.Method.MULTISTART;
            default -> throw new InvalidInputException("--method", name, "one of auto, lattice, multistart");
        };
    }

    private void text(MultibranchGapProblem problem, ShapleyFolkmanGap gap, List<GapResult> results,
            List<HingeGapBounds.Bounds> hingeBounds) {
        var o = out();
        o.printf(Locale.ROOT, "multi-branch duality gap: n = %d, tau = %s, K = %s, W = [-%s, %s]^p, h = %s%n",
                problem.samples(), tau, budget, box, box, problem.regularizer().label());
        o.println("  " + gap.assumption().describe());
        for (BranchSummary s : gap.branches()) {
            o.printf(Locale.ROOT, "  branch %s: p = %d, %s (%s)%n", s.spec(), s.parameters(), s.method(), s.resolution());
            o.printf(Locale.ROOT, "    value function: %d points, %d hull vertices; rho = sup(phi - phi**) = %.6g; "
                    + "Delta (paper) = %.6g; range of g = %.6g%n", s.paretoPoints(), s.hullVertices(), s.rho(),
                    s.delta(), s.gAtZero() - s.gMin());
        }
        o.printf(Locale.ROOT, "  %8s %14s %14s %11s %10s %11s %10s  %s%n", "I", "inf(P)", "sup(D)", "gap",
                "rho/I", "gap/Delta", "2/I", "method");
        for (GapResult r : results) {
            o.printf(Locale.ROOT, "  %8d %14.10f %14.10f %11.3e %10.3e %11.3e %10.3e  %s%s%n", r.branches(),
                    r.primal(), r.dual(), r.gap(), r.rhoBound(), r.normalizedGap(), r.bound(),
                    r.allocation().method(), r.allocation().exact() ? "" : " (bounded)");
        }
        if (!hingeBounds.isEmpty()) {
            o.println("  tau-hinge problem itself (Assumption 1 fails; not separable): 0 <= gap <= upper - lower");
            o.printf(Locale.ROOT, "  %8s %14s %14s %11s%n", "I", "upper inf(P)", "lower sup(D)", "gap <=");
            for (HingeGapBounds.Bounds b : hingeBounds) {
                o.printf(Locale.ROOT, "  %8d %14.10f %14.10f %11.3e%s%n", b.branches(),
                        Double.isNaN(b.exactPrimal()) ? b.upper() : b.exactPrimal(),
                        Double.isNaN(b.exactDual()) ? b.lower() : b.exactDual(), Math.max(0, b.gapUpper()),
                        Double.isNaN(b.exactPrimal()) ? "" : " (exact)");
            }
        }
    }

    private void json(MultibranchGapProblem problem, ShapleyFolkmanGap gap, List<GapResult> results,
            HingeGapBounds hinge, List<HingeGapBounds.Bounds> hingeBounds, double seconds,
            ClassificationInstances data) {
        AssumptionCheck a = gap.assumption();
        Map<String, Object> assumption = new LinkedHashMap<>();
        assumption.put("status", a.status().label());
        assumption.put("tau", a.tau());
        assumption.put("max_margin_grid", a.gridMaxMargin());
        assumption.put("max_margin_certified", a.certifiedMaxMargin());
        assumption.put("margin", a.margin());
        List<Map<String, Object>> types = new ArrayList<>();
        double deltaWorst = Double.NEGATIVE_INFINITY;
        for (BranchSummary s : gap.branches()) {
            types.add(MultibranchJson.branch(s));
            deltaWorst = Math.max(deltaWorst, s.delta());
        }
        List<Map<String, Object>> rows = new ArrayList<>();
        for (GapResult r : results) {
            rows.add(MultibranchJson.gap(r));
        }
        JsonOutput o = JsonOutput.object().put("problem", "zhang-multibranch-gap").put("n", problem.samples())
                .put("d", problem.inputDim()).put("tau", tau).put("budget", budget).put("box", box)
                .put("regularizer", problem.regularizer().label()).put("resolution", resolution)
                .put("assumption1", assumption).put("branches", types).put("delta_worst", deltaWorst)
                .put("results", rows);
        if (hinge != null) {
            o.put("hinge", MultibranchJson.hinge(hinge, hingeBounds, deltaWorst));
        }
        o.put("seconds", seconds).write(out());
    }
}
