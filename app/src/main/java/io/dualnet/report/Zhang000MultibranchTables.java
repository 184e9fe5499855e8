package io.dualnet.report;

import io.dualnet.experiment.Zhang000MultibranchResult;
import io.dualnet.experiment.Zhang000MultibranchResult.Branch;
import io.dualnet.experiment.Zhang000MultibranchResult.Curves;
import io.dualnet.experiment.Zhang000MultibranchResult.HingeRow;
import io.dualnet.experiment.Zhang000MultibranchResult.Row;

import java.util.ArrayList;
import java.util.List;
import java.util.function.ToDoubleFunction;

import static io.dualnet.report.Zhang000MultibranchSection.fmt;
import static io.dualnet.report.Zhang000MultibranchSection.positive;

/** The tables and plots of {@link Zhang000MultibranchSection}. */
final class Zhang000MultibranchTables {
    private Zhang000MultibranchTables() {
    }

    static Table branches(List<Zhang000MultibranchResult> results) {
        List<List<String>> rows = new ArrayList<>();
        for (Zhang000MultibranchResult r : results) {
            for (Branch b : r.branches()) {
                rows.add(Table.row(r.name(), b.spec(), r.tau(), b.parameters(), b.method(), b.paretoPoints(),
                        b.hullVertices(), b.rho(), b.delta(), b.range(), b.delta() / b.rho(), r.assumption(),
                        r.margin(), fmt("%.2f", b.seconds())));
            }
        }
        return new Table("branches", "Per branch type: size of the value function phi and of its convex envelope, "
                + "rho = sup(phi - phi**) (the non-convexity the gap depends on), the paper's Delta_i = sup(f^ - f~) "
                + "(weight-space convexification) and the range g(0) - min g; Assumption 1 with its margin tau - max y f",
                List.of("case", "branch", "tau", "p", "search", "phi points", "hull vertices", "rho", "Delta (paper)",
                        "range of g", "Delta / rho", "Assumption 1", "margin", "seconds"), rows);
    }

    static Table gapTable(String name, String caption, Zhang000MultibranchResult r) {
        List<List<String>> rows = new ArrayList<>();
        for (Row x : r.rows()) {
            rows.add(Table.row(x.branches(), fmt("%.12f", x.primal()), fmt("%.12f", x.dual()), x.gap(), x.rhoBound(),
                    x.normalized(), 2.0 / x.branches(), x.worstNormalized(), x.worstRatio(),
                    fmt("[%.3g, %.3g]", x.continuousLower(), x.continuousUpper()), x.method(),
                    x.exact() && x.allExact()));
        }
        return new Table(name, caption + ". Exact inf(P), sup(D) and gap on the lattice; 'worst over K' is the largest "
                + "normalized gap over the budget grid, 'gap I / rho' the largest ratio of the gap to max rho / I; the "
                + "continuous problem's gap lies in the certified bracket (width set by the lattice spacing)",
                List.of("I", "inf(P)", "sup(D)", "gap", "max rho / I", "gap / Delta_worst", "2/I (Theorem 1)",
                        "worst over K (normalized)", "worst gap I / rho", "continuous gap in", "allocation",
                        "exact"), rows);
    }

    static Table hingeTable(Zhang000MultibranchResult b) {
        List<List<String>> rows = new ArrayList<>();
        for (HingeRow h : b.hinge()) {
            Row lin = Zhang000MultibranchSection.row(b, h.branches());
            rows.add(Table.row(h.branches(), lin == null ? "-" : Table.format(lin.normalized()),
                    fmt("%.12f", h.upper()), fmt("%.12f", h.lower()), h.gapUpper(), h.gapUpper() / b.deltaWorst(),
                    2.0 / h.branches(), h.exact() ? "exact" : "upper bound"));
        }
        return new Table("gap-tau-one", "(b) tau = 1, Delta_worst = " + Table.format(b.deltaWorst()) + ": normalized "
                + "gap of the linearized problem, then the tau-hinge problem: an upper bound on inf(P), a lower bound "
                + "on sup(D), and the resulting bound on its gap (exact for I = 1)",
                List.of("I", "linearized gap / Delta", "hinge inf(P) <=", "hinge sup(D) >=", "hinge gap <=",
                        "hinge gap / Delta <=", "2/I", "kind"), rows);
    }

    static Table hausdorffTable(double[][] curve) {
        List<List<String>> rows = new ArrayList<>();
        for (int i = 0; i < curve[0].length; i++) {
            rows.add(Table.row((int) curve[0][i], curve[1][i], curve[2][i], curve[1][i] / curve[2][i] - 1));
        }
        return new Table("nonconvexity", "Hausdorff distance between the average of k l_1/2 balls and its convex hull: "
                + "measured on polygons, and d_1/k (d_1 = sqrt(2)/4 = 0.353553)",
                List.of("k", "measured", "d_1 / k", "relative difference"), rows);
    }

    static LinePlot valueFunctions(Zhang000MultibranchResult a) {
        Curves c = a.curves();
        return new LinePlot("Value function of one branch and its convexifications").xTitle("budget c = h(w)")
                .yTitle("g = E[1 - y f/tau]").markers(false)
                .series("phi on the lattice", c.c(), c.phi(), PlotStyle.STEP)
                .line("phi** (the dual's view)", c.c(), c.hull())
                .series("certified lower bound of phi", c.c(), c.lower(), PlotStyle.STEP)
                .line("min{f~(w) : h(w) <= c} (paper)", c.c(), c.psi());
    }

    static LinePlot gapPlot(Zhang000MultibranchResult a, Zhang000MultibranchResult c) {
        LinePlot p = new LinePlot("Normalized duality gap against the number of branches").xTitle("I (branches)")
                .yTitle("(inf P - sup D) / Delta_worst").logX().logY();
        add(p, "(a) identical, K = 6", a, Row::normalized, PlotStyle.SCATTER);
        add(p, "(a) identical, worst over K", a, Row::worstNormalized, PlotStyle.LINE);
        add(p, "(c) heterogeneous, worst over K", c, Row::worstNormalized, PlotStyle.LINE);
        double[] x = a.rows().stream().mapToDouble(Row::branches).toArray();
        double[] bound = new double[x.length];
        double[] rho = new double[x.length];
        double rhoMax = a.branches().stream().mapToDouble(Branch::rho).max().orElse(0);
        for (int i = 0; i < x.length; i++) {
            bound[i] = 2 / x[i];
            rho[i] = rhoMax / (a.deltaWorst() * x[i]);
        }
        return p.line("2/I (Theorem 1)", x, bound).line("(a) max rho / (Delta_worst I)", x, rho);
    }

    static LinePlot hingePlot(Zhang000MultibranchResult b) {
        LinePlot p = new LinePlot("tau = 1: Assumption 1 fails").xTitle("I (branches)")
                .yTitle("gap / Delta_worst").logX().logY();
        List<double[]> hinge = new ArrayList<>();
        for (HingeRow h : b.hinge()) {
            if (positive(h.gapUpper())) {
                hinge.add(new double[] {h.branches(), h.gapUpper() / b.deltaWorst()});
            }
        }
        if (!hinge.isEmpty()) {
            p.series("tau-hinge problem: upper bound", hinge.stream().mapToDouble(v -> v[0]).toArray(),
                    hinge.stream().mapToDouble(v -> v[1]).toArray(), PlotStyle.LINE);
        }
        add(p, "linearized problem (exact)", b, Row::normalized, PlotStyle.SCATTER);
        double[] x = b.rows().stream().mapToDouble(Row::branches).toArray();
        double[] bound = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            bound[i] = 2 / x[i];
        }
        return p.line("2/I", x, bound);
    }

    private static void add(LinePlot p, String name, Zhang000MultibranchResult r, ToDoubleFunction<Row> value,
            PlotStyle style) {
        List<Row> rows = r.rows().stream().filter(x -> positive(value.applyAsDouble(x))).toList();
        if (!rows.isEmpty()) {
            p.series(name, rows.stream().mapToDouble(Row::branches).toArray(),
                    rows.stream().mapToDouble(value).toArray(), style);
        }
    }
}
