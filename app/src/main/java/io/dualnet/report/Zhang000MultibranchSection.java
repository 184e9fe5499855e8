package io.dualnet.report;

import io.dualnet.experiment.GridRun;
import io.dualnet.experiment.Zhang000MultibranchCell;
import io.dualnet.experiment.Zhang000Multibranch;
import io.dualnet.experiment.Zhang000MultibranchResult;
import io.dualnet.experiment.Zhang000MultibranchResult.HingeRow;
import io.dualnet.experiment.Zhang000MultibranchResult.Row;
import io.dualnet.landscape.MinkowskiAverage;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * Zhang, Shao, Salakhutdinov (000/001), Theorem 1 and Figure 3: the duality gap of multi-branch networks computed
 * exactly against the number of branches {@code I}, normalized by {@code Delta_worst}, beside the bound {@code 2/I},
 * for (a) identical branches with Assumption 1 certified, (b) {@code tau = 1} where Assumption 1 fails (the linearized
 * problem and the tau-hinge problem itself), (c) heterogeneous branches; the value functions behind the gap; and the
 * Shapley-Folkman picture with its measured non-convexity. Every verdict is computed from the measurements.
 */
public final class Zhang000MultibranchSection implements ReportSection {
    /** Rounding slack of the inequality checks. */
    public static final double ATOL = 1e-10;
    /** Branch architecture of the identical-branch cases: f = w3 tanh(w2 tanh(w1 x)). */
    public static final String BRANCH = "1-1-1-1:tanh";
    /** Second type of the heterogeneous case: f = w3 relu(w2 relu(w1 x)). */
    public static final String SECOND_BRANCH = "1-1-1-1:relu";
    /** tau of case (a): above the certified bound 2 tanh(2 tanh 2) = 1.917 of y f on [-2, 2]^3. */
    public static final double TAU_LARGE = 4;
    /** tau of case (c): above the bound R^3 = 8 of the ReLU chain. */
    public static final double TAU_HETEROGENEOUS = 10;
    /** Budget K of the main curves (the largest h on the box is 12). */
    public static final double BUDGET = 6;
    /** Box radius R. */
    public static final double BOX = 2;
    /** Samples of threshold1d. */
    public static final int SAMPLES = 16;

    @Override
    public String id() {
        return "zhang-multibranch";
    }

    @Override
    public String title() {
        return "Zhang et al. (000/001): duality gap of multi-branch networks computed exactly (Theorem 1, Figure 3)";
    }

    @Override
    public SectionResult render(ReportContext ctx) {
        boolean quick = ctx.quick();
        int resolution = quick ? 12 : 30;
        int[] counts = quick ? new int[] {1, 2, 3, 10, 100, 1000, 100_000}
                : new int[] {1, 2, 3, 5, 10, 20, 50, 100, 200, 500, 1000, 2000, 5000, 10_000, 20_000, 50_000, 100_000};
        int grid = quick ? 6 : 24;
        int threads = Math.max(1, ctx.threads() / 3);
        List<Zhang000MultibranchCell> cells = List.of(
                new Zhang000MultibranchCell("a-identical", List.of(BRANCH), TAU_LARGE, BUDGET, BOX, SAMPLES,
                        resolution, counts, grid, false, true, threads),
                new Zhang000MultibranchCell("b-tau-one", List.of(BRANCH), 1, BUDGET, BOX, SAMPLES, resolution, counts,
                        0, true, false, threads),
                new Zhang000MultibranchCell("c-heterogeneous", List.of(BRANCH, SECOND_BRANCH), TAU_HETEROGENEOUS,
                        BUDGET, BOX, SAMPLES, resolution, counts, grid, false, false, threads));
        GridRun<Zhang000MultibranchCell, Zhang000MultibranchResult> run =
                ctx.gridRunner().run(Zhang000Multibranch.grid(cells));
        List<Zhang000MultibranchResult> results = run.results();
        Zhang000MultibranchResult a = results.get(0);
        Zhang000MultibranchResult b = results.get(1);
        Zhang000MultibranchResult c = results.get(2);

        SectionResult out = new SectionResult();
        out.text(fmt("Setup: data threshold1d (n = %d points evenly spaced on [-1, 1], y = +1 iff x > 0.2, the "
                + "empirical distribution of Remark 1 of 001); branches %s, f_i = w3 tanh(w2 tanh(w1 x)) (p = 3); "
                + "W_i = [-%s, %s]^3, h_i = ||w||^2, budget K = %s (of at most 12). Per branch, the value function "
                + "phi(c) = min {g(w) : h(w) <= c} of g(w) = E[1 - y f_i(w; x)/tau] is computed by exhaustive "
                + "evaluation of the lattice with spacing R/%d ((2M+1)^3 = %d points, certified by interval "
                + "arithmetic on every lattice cell), once, and reused for every lambda, K and I. sup(D) is the "
                + "fractional knapsack over the convex envelopes phi**; inf(P) is the exact integer allocation of the "
                + "budget (residue shortest paths, or dynamic programming for small I), independent of I in cost. "
                + "Values are exact for the branches restricted to the lattice; for the continuous boxes the "
                + "certified brackets are listed in the tables.", SAMPLES, BRANCH, BOX, BOX, BUDGET, resolution,
                (2 * resolution + 1) * (2 * resolution + 1) * (2 * resolution + 1)));
        out.table(Zhang000MultibranchTables.branches(results));
        if (a.curves() != null) {
            out.figure(ctx.saveFigure(Zhang000MultibranchTables.valueFunctions(a), "value-functions",
                    "The 2-D picture behind the gap (branch " + BRANCH + ", tau = " + TAU_LARGE + "): phi on the "
                            + "lattice (a staircase), its convex envelope phi** (all the dual sees: sup(D) = phi**(K) "
                            + "for identical branches), the certified lower bound of the continuous phi, and the "
                            + "paper's restricted envelope min {f~(w) : h(w) <= c}, which is already min g at c = 0 "
                            + "because the sign symmetries of the tanh chain average to w = 0. rho = sup(phi - "
                            + "phi**) controls the gap; the paper's Delta = sup(phi - envelope) is the whole range."));
        }
        out.figure(ctx.saveFigure(Zhang000MultibranchTables.gapPlot(a, c), "gap-vs-branches",
                "Normalized duality gap (inf(P) - sup(D)) / Delta_worst against the number of branches I (log-log; "
                        + "zero gaps are not drawn), at K = " + BUDGET + " and the largest over " + grid
                        + " budgets K, beside Theorem 1's bound 2/I and the sharper max rho / (Delta_worst I)."));
        out.table(Zhang000MultibranchTables.gapTable("gap-identical", "(a) Identical branches " + BRANCH
                + ", tau = " + TAU_LARGE + " (Assumption 1 " + a.assumption() + ", margin " + fmt("%.4g", a.margin())
                + "), K = " + BUDGET, a));
        out.table(Zhang000MultibranchTables.gapTable("gap-heterogeneous", "(c) Heterogeneous branches " + BRANCH
                + " / " + SECOND_BRANCH + " (branch i of type i mod 2), tau = " + TAU_HETEROGENEOUS + ", K = " + BUDGET, c));
        out.text(fmt("(b) tau = 1: Assumption 1 %s (margin %.4g: some weights reach y f = %.4g > tau). The "
                + "linearized problem E[1 - y f/tau] is the same as in (a) up to the factor tau_a/tau = %s, so its "
                + "normalized gap is identical (first columns below). The tau-hinge problem itself is not separable: "
                + "its gap is bounded above by (a feasible I-branch allocation's hinge objective) minus (the certified "
                + "Lagrangian lower bound of its convex relaxation, P_inf = %.10f, which is below sup(D) for every I), "
                + "and is exact for I = 1.", b.assumption(), b.margin(), 1 - b.margin(), TAU_LARGE, b.hingeRelaxation()));
        out.figure(ctx.saveFigure(Zhang000MultibranchTables.hingePlot(b), "gap-tau-one",
                "tau = 1 (Assumption 1 fails): upper bound on the normalized gap of the tau-hinge problem against I, "
                        + "the normalized gap of its linearization, and the bound 2/I."));
        out.table(Zhang000MultibranchTables.hingeTable(b));
        figure3(ctx, out, quick);
        Zhang000MultibranchVerdicts.add(out, a, b, c);
        return out;
    }

    private static void figure3(ReportContext ctx, SectionResult out, boolean quick) {
        MinkowskiAverage ball = new MinkowskiAverage(0.5);
        List<LinePlot> panels = ShapleyFolkmanFigures.panels(ball, new int[] {1, 2, 10}, quick ? 1500 : 5000,
                ctx.seedFor("figure3"));
        Path png = PanelFigure.savePng(panels, panels.size(), ctx.sectionDir().resolve("figure3.png"));
        out.figure(png, null, "Figure 3 (ours): the l_1/2 ball, the Minkowski averages of 2 and 10 copies (exact "
                + "boundaries: chains of k arcs scaled by 1/k; filled with uniform points) and the convex hull, the "
                + "l_1 ball. The paper shows the same four panels.");
        int resolution = quick ? 120 : 400;
        double[][] curve = ShapleyFolkmanFigures.nonconvexity(ball, ShapleyFolkmanFigures.copiesUpTo(quick ? 12 : 64),
                resolution);
        out.figure(ctx.saveFigure(ShapleyFolkmanFigures.nonconvexityPlot(ball, curve), "nonconvexity",
                "Measured non-convexity of the Minkowski average of k l_1/2 balls: Hausdorff distance to the convex "
                        + "hull (polygons, " + resolution + " points per hull edge) against k, and d_1/k with "
                        + "d_1 = sqrt(2)/4."));
        out.table(Zhang000MultibranchTables.hausdorffTable(curve));
        Zhang000MultibranchVerdicts.figure3(out, curve);
    }

    static String fmt(String format, Object... args) {
        return String.format(Locale.ROOT, format, args);
    }

    /** The rows of a result with a positive value, for log plots. */
    static boolean positive(double v) {
        return v > 0 && Double.isFinite(v);
    }

    /** The row for {@code I}, or null. */
    static Row row(Zhang000MultibranchResult r, int branches) {
        return r.rows().stream().filter(x -> x.branches() == branches).findFirst().orElse(null);
    }

    /** The hinge row for {@code I}, or null. */
    static HingeRow hingeRow(Zhang000MultibranchResult r, int branches) {
        return r.hinge().stream().filter(x -> x.branches() == branches).findFirst().orElse(null);
    }
}
