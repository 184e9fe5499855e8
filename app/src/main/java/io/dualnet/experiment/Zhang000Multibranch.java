package io.dualnet.experiment;

import io.dualnet.data.ClassificationInstances;
import io.dualnet.duality.AssumptionCheck;
import io.dualnet.duality.BranchSummary;
import io.dualnet.duality.GapResult;
import io.dualnet.duality.HingeGapBounds;
import io.dualnet.duality.ShapleyFolkmanGap;
import io.dualnet.landscape.BranchProfile;
import io.dualnet.landscape.LowerHull;
import io.dualnet.landscape.ValueFunction;
import io.dualnet.landscape.WeightEnvelope;
import io.dualnet.net.BranchArchitecture;
import io.dualnet.net.MultibranchGapProblem;
import io.dualnet.reg.BranchRegularizer;

import java.util.ArrayList;
import java.util.List;

/**
 * Theorem 1 of Zhang, Shao, Salakhutdinov measured: for a multi-branch network on the {@code threshold1d} data, the
 * exact duality gap of problem (2) vs (3) for {@code I = 1 .. 10^5} branches ({@link ShapleyFolkmanGap}), normalized
 * by {@code Delta_worst} and compared with {@code 2/I} and the sharper {@code max rho / I}; the worst normalized gap
 * over a grid of budgets; when Assumption 1 fails, bounds on the gap of the tau-hinge problem itself
 * ({@link HingeGapBounds}); and the value functions {@code phi}, {@code phi**}, the certified lower {@code phi} and the
 * paper's restricted envelope for plotting. Each cell is a pure function of its {@link Zhang000MultibranchCell}.
 */
public final class Zhang000Multibranch {
    /** Budgets at which the value functions are sampled. */
    static final int CURVE_POINTS = 61;

    private Zhang000Multibranch() {
    }

    /** The problem of a cell. */
    public static MultibranchGapProblem problem(Zhang000MultibranchCell cell) {
        ClassificationInstances d = ClassificationInstances.threshold1d(cell.samples());
        List<BranchArchitecture> types = cell.branches().stream().map(s -> BranchArchitecture.parse("branch", s))
                .toList();
        return new MultibranchGapProblem(d.x(), d.y(), cell.tau(), cell.budget(), types, cell.box(),
                BranchRegularizer.L2_SQUARED);
    }

    /** The multi-branch duality-gap cases of Theorem 1 ({@code zhang-multibranch}): one cell per case. */
    public static Grid<Zhang000MultibranchCell, Zhang000MultibranchResult> grid(List<Zhang000MultibranchCell> cells) {
        return Grid.of("zhang-multibranch", cells, Zhang000Multibranch::run, Zhang000MultibranchResult.class);
    }

    /** Runs one cell. */
    public static Zhang000MultibranchResult run(Zhang000MultibranchCell cell) {
        long start = System.nanoTime();
        MultibranchGapProblem problem = problem(cell);
        ShapleyFolkmanGap gap = ShapleyFolkmanGap.of(problem, ShapleyFolkmanGap.Options.defaults()
                .withResolution(cell.resolution()).withThreads(cell.threads()).withKeepOutputs(cell.hinge()));
        List<Zhang000MultibranchResult.Branch> branches = new ArrayList<>();
        double deltaWorst = Double.NEGATIVE_INFINITY;
        int maxParameters = 0;
        for (BranchSummary s : gap.branches()) {
            branches.add(new Zhang000MultibranchResult.Branch(s.spec(), s.parameters(), s.method(), s.paretoPoints(),
                    s.hullVertices(), s.rho(), s.delta(), s.gAtZero() - s.gMin(), s.seconds()));
            deltaWorst = Math.max(deltaWorst, s.delta());
            maxParameters = Math.max(maxParameters, s.parameters());
        }
        double cMax = problem.regularizer().maxOverBox(cell.box(), maxParameters);
        List<Zhang000MultibranchResult.Row> rows = new ArrayList<>();
        for (int i : cell.branchCounts()) {
            GapResult r = gap.at(i);
            double worst = r.normalizedGap();
            double worstBudget = cell.budget();
            double ratio = r.rhoMax() > 0 ? r.gap() / r.rhoBound() : 0;
            boolean allExact = r.allocation().exact();
            for (int k = 1; k <= cell.budgetGrid(); k++) {
                double budget = cMax * 0.95 * k / cell.budgetGrid();
                GapResult s = gap.at(i, budget);
                allExact &= s.allocation().exact();
                if (s.normalizedGap() > worst) {
                    worst = s.normalizedGap();
                    worstBudget = budget;
                }
                if (s.rhoMax() > 0) {
                    ratio = Math.max(ratio, s.gap() / s.rhoBound());
                }
            }
            rows.add(new Zhang000MultibranchResult.Row(i, r.primal(), r.dual(), r.gap(), r.normalizedGap(),
                    r.rhoBound(), r.allocation().exact(), r.allocation().method(), r.continuousGapLower(),
                    r.continuousGapUpper(), worst, worstBudget, ratio, allExact));
        }
        List<Zhang000MultibranchResult.HingeRow> hinge = new ArrayList<>();
        double relaxation = Double.NaN;
        AssumptionCheck a = gap.assumption();
        if (cell.hinge() && a.status() == AssumptionCheck.Status.FAILS) {
            HingeGapBounds bounds = new HingeGapBounds(gap);
            relaxation = bounds.relaxation(cell.branchCounts()[cell.branchCounts().length - 1]).value();
            for (int i : cell.branchCounts()) {
                HingeGapBounds.Bounds b = bounds.at(i);
                boolean exact = !Double.isNaN(b.exactPrimal());
                hinge.add(new Zhang000MultibranchResult.HingeRow(i, exact ? b.exactPrimal() : b.upper(),
                        exact ? b.exactDual() : b.lower(), Math.max(0, b.gapUpper()), exact));
            }
        }
        Zhang000MultibranchResult.Curves curves = cell.curves() ? curves(problem, gap, cell.threads()) : null;
        return new Zhang000MultibranchResult(cell.name(), cell.tau(), cell.budget(), a.status().label(), a.margin(),
                branches, deltaWorst, rows, hinge, relaxation, curves, (System.nanoTime() - start) * 1e-9);
    }

    /** {@code phi}, {@code phi**}, the certified lower {@code phi} and {@code psi} of the first type. */
    private static Zhang000MultibranchResult.Curves curves(MultibranchGapProblem problem, ShapleyFolkmanGap gap,
            int threads) {
        BranchProfile profile = gap.profiles().get(0);
        ValueFunction phi = profile.upper();
        LowerHull hull = phi.hull();
        WeightEnvelope envelope = new WeightEnvelope(profile, problem.regularizer(), 1e-9);
        double cMax = phi.maxUnits() * phi.unit();
        double[] c = new double[CURVE_POINTS];
        double[] p = new double[CURVE_POINTS];
        double[] h = new double[CURVE_POINTS];
        double[] lo = new double[CURVE_POINTS];
        for (int i = 0; i < CURVE_POINTS; i++) {
            c[i] = cMax * i / (CURVE_POINTS - 1);
            double units = c[i] / phi.unit() + 1e-9;
            p[i] = phi.atUnits(units);
            h[i] = hull.atUnits(units);
            lo[i] = profile.lower() == null ? Double.NaN : profile.lower().atUnits(units);
        }
        List<Double> psi = io.dualnet.opt.Parallel.map(CURVE_POINTS, threads,
                i -> envelope.restrictedEnvelope(c[i]).lower());
        return new Zhang000MultibranchResult.Curves(c, p, h, lo,
                psi.stream().mapToDouble(Double::doubleValue).toArray());
    }
}
