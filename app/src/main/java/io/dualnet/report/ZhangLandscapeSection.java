package io.dualnet.report;

import io.dualnet.data.FashionMnist;
import io.dualnet.experiment.ZhangLandscape;
import io.dualnet.experiment.ZhangLandscapeCell;
import io.dualnet.landscape.plane.SurfaceConvexity;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Zhang, Shao, Salakhutdinov, Figures 1 and 4: loss surfaces on the plane through three SGD solutions, which the
 * paper shows becoming convex as the width (number of branches) grows. Ours beside the paper's description, with
 * the convexity measured ({@link io.dualnet.landscape.plane.SurfaceConvexity}) so that the verdicts are computed.
 * Figure 4 uses Fashion-MNIST (Debian package) in place of MNIST/CIFAR-10. Every panel is one cell of the grid
 * {@code zhang-landscape} ({@link ZhangLandscape#grid}): saved to {@code data/zhang-landscape/cells.jsonl} as it
 * finishes, resumed by a rerun, run on Spark with {@code --spark}.
 */
public final class ZhangLandscapeSection implements ReportSection {
    /**
     * Plain-SGD base learning rate (times I) of Figure 1: the step of the earlier protocol (0.05 with momentum 0.9,
     * whose steady-state step is 0.05 / (1 - 0.9)) now that training follows the authors' momentum-free SGD.
     */
    public static final double FIG1_LR = 0.5;
    /** Plain-SGD base learning rate (times I) of Figure 4 (likewise 0.02 / (1 - 0.9)). */
    public static final double FIG4_LR = 0.2;
    /** Figure 1's branches: one ReLU unit without bias (the paper's formula; the authors published no code). */
    public static final String FIG1_BRANCH = "10-1-1:relu";
    /** Figure 4's one-hidden-layer branches, with biases as {@code nn.Linear} in the authors' code. */
    public static final String FIG4_SHALLOW = "784-8-10:relu:bias";
    /** Figure 4's three-hidden-layer branches, with biases. */
    public static final String FIG4_DEEP = "784-8-8-8-10:relu:bias";

    @Override
    public String id() {
        return "zhang-landscape";
    }

    @Override
    public String title() {
        return "Zhang et al., Figures 1 and 4: loss surfaces through three SGD solutions become convex as I grows";
    }

    /** The cells of the section: Figure 1's four widths, and Figure 4's two rows when {@code fashion}. */
    static List<ZhangLandscapeCell> cells(ReportContext ctx, boolean quick, boolean fashion) {
        List<ZhangLandscapeCell> cells = new ArrayList<>();
        int epochs1 = quick ? 15 : 100;
        int grid1 = quick ? 21 : 101;
        long teacherSeed = ctx.seedFor("teacher");
        for (int w : new int[] {10, 30, 70, 1000}) {
            cells.add(new ZhangLandscapeCell("fig1", ZhangLandscapeCell.TEACHER, 1000, teacherSeed, FIG1_BRANCH, w,
                    "hinge", 1, FIG1_LR, ZhangLandscape.MOMENTUM, epochs1, grid1, ctx.seedFor("fig1-" + w)));
        }
        if (fashion) {
            int n4 = quick ? 300 : 1000;
            int epochs4 = quick ? 3 : 5;
            int grid4 = quick ? 11 : 25;
            for (int i : quick ? new int[] {1, 10, 50} : new int[] {1, 4, 16, 100}) {
                cells.add(new ZhangLandscapeCell("fig4-h8", ZhangLandscapeCell.FASHION_MNIST, n4, 0, FIG4_SHALLOW, i,
                        "multiclass-hinge", 1, FIG4_LR, ZhangLandscape.MOMENTUM, epochs4, grid4,
                        ctx.seedFor("fig4-h8-" + i)));
            }
            for (int i : quick ? new int[] {1, 10, 50} : new int[] {1, 10, 100, 1000}) {
                cells.add(new ZhangLandscapeCell("fig4-888", ZhangLandscapeCell.FASHION_MNIST, n4, 0, FIG4_DEEP, i,
                        "multiclass-hinge", 1, FIG4_LR, ZhangLandscape.MOMENTUM, epochs4, grid4,
                        ctx.seedFor("fig4-888-" + i)));
            }
        }
        return cells;
    }

    @Override
    public SectionResult render(ReportContext ctx) {
        // the paper's scale (about an hour of CPU) only with dualnet report --full; the default report is reduced
        boolean quick = ctx.quick() || !ctx.full();
        boolean fashion = new FashionMnist().available();
        List<ZhangLandscapeCell> cells = cells(ctx, quick, fashion);
        List<ZhangLandscape.Panel> panels = ctx.gridRunner().run(ZhangLandscape.grid(cells)).results();
        SectionResult out = new SectionResult();
        out.text("Method (the authors' landscape code fully_connected.py, spec 2.5): train three networks "
                + "f = (1/I) sum_i f_i (branch outputs averaged) by plain SGD (no momentum) from three seeds, take "
                + "their mean as the origin, u = A - B, v = A - C, and evaluate the training loss at origin + alpha u "
                + "+ beta v. Two views of that plane: the authors' view (u and v each rescaled to the norm of C, "
                + "alpha, beta in [-" + ZhangLandscape.AUTHORS_RANGE + ", " + ZhangLandscape.AUTHORS_RANGE + "], the "
                + "axes of the image in their repository), on which the verdicts are computed since it is what their "
                + "figures show; and the unnormalized view on [-1, 1], which contains the three networks (A at "
                + "(1/3, 1/3), B at (-2/3, 1/3), C at (1/3, -2/3)). The three networks are marked where they fall "
                + "inside a view. Not recorded by the authors (their script takes every setting as a flag) and chosen "
                + "here: batch " + ZhangLandscape.BATCH + ", learning rate lr0 x I (the average over branches scales "
                + "each branch's gradient by 1/I), a fixed number of epochs instead of their stop rule (which ended "
                + "Table 1's runs far from the minimum, see zhang-table1), N(0, 1/fan_in) initialization, no weight "
                + "decay. Figure 4's branches have biases as the authors' nn.Linear layers; Figure 1's follow the "
                + "paper's formula (no biases; no code was published for it). The engine precomputes X W1^T for the "
                + "origin and both directions, so a grid point costs O(n h) for the first layer of every branch "
                + "(later layers of deeper branches are evaluated in full). Convexity is measured, not eyeballed: "
                + "the mean gap between the surface and its convex envelope divided by the surface's range "
                + "(0 = convex), the fraction of grid points with a positive semi-definite discrete Hessian, the "
                + "number of strict local minima on the grid, and the Jensen ratio f(mean of A, B, C) / mean of "
                + "f(A), f(B), f(C) (at most 1 wherever the loss is convex on the triangle, whatever the view). "
                + "Each panel is one cell of the grid zhang-landscape (data/zhang-landscape/cells.jsonl): a killed "
                + "report resumes its finished panels, and --spark runs them on Spark."
                + (quick ? " Reduced scale (shorter training, coarser grids, fewer branch counts); the paper's scale "
                        + "runs with dualnet report --full." : ""));
        List<ZhangLandscape.Panel> fig1 = select(cells, panels, "fig1");
        ZhangLandscapeCell c1 = cells.get(0);
        figures(out, ctx, fig1, "figure1", "I = %d", "Figure 1 (ours): hinge loss (tau = 1) of one-hidden-layer "
                + "students of width I = 10, 30, 70, 1000 on the synthetic teacher (n = 1000, x ~ N(0, I_10), labels "
                + "sign of an 11-unit ReLU teacher), " + c1.epochs() + " epochs of SGD per student, grid "
                + c1.gridSize() + " x " + c1.gridSize() + ". The paper's Figure 1: many local minima at I = 10, a "
                + "single convex-looking bowl at I = 1000 (axes +-0.6 in the authors' image, loss up to 0.3).");
        out.table(table("figure1", "Figure 1 panels: anchors' training losses and the surface's convexity", fig1));
        verdict(out, "Figure 1: the synthetic landscape becomes more convex as the width grows (I = 10 to 1000)",
                fig1);
        if (!fashion) {
            out.verdict("Figure 4: the Fashion-MNIST landscape becomes more convex as I grows", Outcome.NOT_CHECKED,
                    "Fashion-MNIST is not installed (Debian package " + FashionMnist.DEBIAN_PACKAGE + ")");
            return out;
        }
        ZhangLandscapeCell c4 = cells.stream().filter(c -> c.panel().equals("fig4-h8")).findFirst().orElseThrow();
        List<ZhangLandscape.Panel> top = select(cells, panels, "fig4-h8");
        List<ZhangLandscape.Panel> bottom = select(cells, panels, "fig4-888");
        String common = " on the first " + c4.samples() + " Fashion-MNIST training images (per-pixel "
                + "standardization), 10-class hinge loss, " + c4.epochs() + " epochs of SGD per network, grid "
                + c4.gridSize() + " x " + c4.gridSize() + ".";
        figures(out, ctx, top, "figure4-h8", "h = 8, I = %d", "Figure 4, top row (ours): branches 784-8-10"
                + common + " The paper's top row (MNIST, I from 1 to 100) and middle row (CIFAR-10) become "
                + "increasingly convex as I grows.");
        out.table(table("figure4-h8", "Figure 4 (h = 8 branches): anchors' losses and convexity", top));
        verdict(out, "Figure 4 (one-hidden-layer branches, h = 8): the landscape becomes more convex as I grows", top);
        figures(out, ctx, bottom, "figure4-888", "8-8-8, I = %d", "Figure 4, bottom row (ours): branches "
                + "784-8-8-8-10" + common + " The first-layer trick covers the first layer of each branch only. "
                + "The paper's bottom row (CIFAR-10, I up to 50,000) becomes convex-looking at large I.");
        out.table(table("figure4-888", "Figure 4 (8-8-8 branches): anchors' losses and convexity", bottom));
        verdict(out, "Figure 4 (8-8-8 branches): the landscape becomes more convex as I grows", bottom);
        return out;
    }

    private static List<ZhangLandscape.Panel> select(List<ZhangLandscapeCell> cells,
                                                     List<ZhangLandscape.Panel> panels, String panel) {
        List<ZhangLandscape.Panel> out = new ArrayList<>();
        for (int i = 0; i < cells.size(); i++) {
            if (cells.get(i).panel().equals(panel)) {
                out.add(panels.get(i));
            }
        }
        return out;
    }

    /** The authors' view as heat map ({@code name.png}) and contours, and the triangle view as heat map. */
    private static void figures(SectionResult out, ReportContext ctx, List<ZhangLandscape.Panel> panels, String name,
                                String titleFormat, String caption) {
        List<SurfacePlot.Panel> authors = new ArrayList<>();
        List<SurfacePlot.Panel> triangle = new ArrayList<>();
        for (ZhangLandscape.Panel p : panels) {
            String title = String.format(Locale.ROOT, titleFormat, p.branches());
            authors.add(new SurfacePlot.Panel(title, p.authors().surface(), inside(p.authors()), labels(p.authors())));
            triangle.add(new SurfacePlot.Panel(title, p.triangle().surface(), p.triangle().anchors(),
                    List.of("A", "B", "C")));
        }
        Path png = ctx.sectionDir().resolve(name + ".png");
        SurfacePlot.savePng(authors, 4, SurfacePlot.Style.HEAT_LOG, png);
        SurfacePlot.savePng(authors, 4, SurfacePlot.Style.CONTOUR, ctx.sectionDir().resolve(name + "-contour.png"));
        Path tri = ctx.sectionDir().resolve(name + "-triangle.png");
        SurfacePlot.savePng(triangle, 4, SurfacePlot.Style.HEAT_LOG, tri);
        out.figure(new Figure(png, null, caption + " The authors' view (directions rescaled to the norm of C, "
                + "+-0.6); colours and contour lines on a logarithmic scale of loss - min (three decades); linear "
                + "contour version: " + name + "-contour.png."));
        out.figure(new Figure(tri, null, "The same plane, unnormalized view (+-1), which contains the three "
                + "networks A, B, C."));
    }

    /** The anchors of {@code view} that fall inside its grid. */
    private static double[][] inside(ZhangLandscape.View view) {
        return java.util.Arrays.stream(view.anchors()).filter(a -> Math.abs(a[0]) <= view.range()
                && Math.abs(a[1]) <= view.range()).toArray(double[][]::new);
    }

    private static List<String> labels(ZhangLandscape.View view) {
        List<String> out = new ArrayList<>();
        String[] names = {"A", "B", "C"};
        for (int r = 0; r < 3; r++) {
            double[] a = view.anchors()[r];
            if (Math.abs(a[0]) <= view.range() && Math.abs(a[1]) <= view.range()) {
                out.add(names[r]);
            }
        }
        return out;
    }

    private static Table table(String name, String caption, List<ZhangLandscape.Panel> panels) {
        List<List<String>> rows = new ArrayList<>();
        for (ZhangLandscape.Panel p : panels) {
            ZhangLandscape.View a = p.authors();
            ZhangLandscape.View t = p.triangle();
            rows.add(Table.row(p.branches(), String.format(Locale.ROOT, "%.4f / %.4f / %.4f", p.anchorLosses()[0],
                    p.anchorLosses()[1], p.anchorLosses()[2]), p.originLoss(), p.jensenRatio(),
                    String.format(Locale.ROOT, "(%.2f, %.2f) / (%.2f, %.2f)", a.anchors()[1][0], a.anchors()[1][1],
                            a.anchors()[2][0], a.anchors()[2][1]),
                    a.surface().min(), a.surface().max(), a.convexity().envelopeGap(), a.convexity().psdFraction(),
                    a.convexity().localMinima(), t.convexity().envelopeGap(), t.convexity().localMinima(),
                    String.format(Locale.ROOT, "%.1f + %.1f", p.trainSeconds(),
                            a.surface().seconds() + t.surface().seconds())));
        }
        return new Table(name, caption, List.of("I", "anchor losses A / B / C", "loss at the mean", "Jensen ratio",
                "B / C in the authors' view", "authors' view: min", "max", "envelope gap (mean)",
                "PSD Hessian fraction", "local minima", "triangle view: envelope gap (mean)", "local minima",
                "seconds (train + surfaces)"), rows);
    }

    /**
     * HOLDS when, in the authors' view, the largest I has a smaller mean envelope gap than the smallest I and no more
     * local minima; the detail lists every panel's numbers in both views, whether the gap decreases monotonically,
     * and, for a failure, the counterexample: the numbers of the smallest and largest I side by side. The Jensen
     * ratio at the largest I is stated in every case (above 1 proves the loss non-convex on the triangle of the three
     * solutions, whatever the view).
     */
    static void verdict(SectionResult out, String claim, List<ZhangLandscape.Panel> panels) {
        ZhangLandscape.Panel first = panels.get(0);
        ZhangLandscape.Panel last = panels.get(panels.size() - 1);
        boolean monotone = true;
        StringBuilder detail = new StringBuilder("authors' view (+-" + ZhangLandscape.AUTHORS_RANGE
                + ", normalized) envelope gap / local minima, triangle view gap / local minima, Jensen ratio, by I:");
        for (int k = 0; k < panels.size(); k++) {
            ZhangLandscape.Panel p = panels.get(k);
            detail.append(String.format(Locale.ROOT, " %d: %.4f / %d, %.4f / %d, %.3f;", p.branches(),
                    p.authors().convexity().envelopeGap(), p.authors().convexity().localMinima(),
                    p.triangle().convexity().envelopeGap(), p.triangle().convexity().localMinima(), p.jensenRatio()));
            if (k > 0 && p.authors().convexity().envelopeGap() > panels.get(k - 1).authors().convexity().envelopeGap()) {
                monotone = false;
            }
        }
        SurfaceConvexity a = first.authors().convexity();
        SurfaceConvexity b = last.authors().convexity();
        boolean holds = b.envelopeGap() < a.envelopeGap() && b.localMinima() <= a.localMinima();
        detail.append(monotone ? " the gap decreases monotonically." : " the gap does not decrease monotonically.");
        if (!holds) {
            detail.append(String.format(Locale.ROOT, " Counterexample: at I = %d the authors' view has envelope gap "
                    + "%.4f and %d local minima, against %.4f and %d at I = %d.", last.branches(), b.envelopeGap(),
                    b.localMinima(), a.envelopeGap(), a.localMinima(), first.branches()));
        }
        detail.append(String.format(Locale.ROOT, " At I = %d the loss at the mean of the three solutions is %.4g "
                + "against %.4g at the solutions (Jensen ratio %.3f%s).", last.branches(), last.originLoss(),
                last.meanAnchorLoss(), last.jensenRatio(), last.jensenRatio() > 1
                        ? ": the loss is not convex on the triangle of the three solutions" : ", <= 1 as for a convex loss"));
        out.verdict(claim, holds ? Outcome.HOLDS : Outcome.FAILS, detail.toString());
    }
}
