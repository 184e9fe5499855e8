package io.dualnet.report;

import io.dualnet.data.FashionMnist;
import io.dualnet.data.LabeledData;
import io.dualnet.experiment.ZhangLandscape;
import io.dualnet.landscape.plane.SurfaceGrid;
import io.dualnet.landscape.plane.SurfaceLoss;
import io.dualnet.net.BranchArchitecture;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Zhang, Shao, Salakhutdinov, Figures 1 and 4: loss surfaces on the plane through three SGD solutions, which the
 * paper shows becoming convex as the width (number of branches) grows. Ours beside the paper's description, with
 * the convexity measured ({@link io.dualnet.landscape.plane.SurfaceConvexity}) so that the verdicts are computed.
 * Figure 4 uses Fashion-MNIST (Debian package) in place of MNIST/CIFAR-10.
 */
public final class ZhangLandscapeSection implements ReportSection {
    /** SGD base learning rate (times I) of Figure 1. */
    public static final double FIG1_LR = 0.05;
    /** SGD base learning rate (times I) of Figure 4. */
    public static final double FIG4_LR = 0.02;
    /**
     * Half-width R of the plane grid. The directions are not normalized, so the anchors sit at (1/3, 1/3),
     * (-2/3, 1/3), (1/3, -2/3) whatever their distances. (The authors' code rescales u and v to a model's norm and
     * shows +-0.6; with three SGD solutions from different seeds, ||A - B|| exceeds ||C|| here, which puts B and C
     * outside that view and leaves only the neighbourhood of their mean.)
     */
    public static final double RANGE = 1.0;
    /** Unnormalized directions (see {@link #RANGE}). */
    public static final boolean NORMALIZE = false;

    @Override
    public String id() {
        return "zhang-landscape";
    }

    @Override
    public String title() {
        return "Zhang et al., Figures 1 and 4: loss surfaces through three SGD solutions become convex as I grows";
    }

    @Override
    public SectionResult render(ReportContext ctx) {
        // the paper's scale (about an hour of CPU) only with dualnet report --full; the default report is reduced
        boolean quick = ctx.quick() || !ctx.full();
        SectionResult out = new SectionResult();
        out.text("Method (the authors' landscape code, spec 2.5): train three networks f = (1/I) sum_i f_i from three "
                + "seeds, take their mean as the origin, u = A - B, v = A - C, and evaluate the training loss at "
                + "origin + alpha u + beta v for alpha, beta in [-1, 1] (A at (1/3, 1/3), B at (-2/3, 1/3), C at "
                + "(1/3, -2/3), marked). The authors' code rescales u and v to the norm of C and shows +-0.6; with "
                + "three SGD solutions from different seeds ||A - B|| is comparable to ||C||, so that view would "
                + "leave B and C outside and show only the neighbourhood of their mean: we show the unnormalized "
                + "plane, which contains all three. The engine precomputes X W1^T for the origin and both directions, so a grid "
                + "point costs O(n h) for the first layer of every branch (later layers of deeper branches are "
                + "evaluated in full). Not given by the paper and chosen here: SGD, momentum " + ZhangLandscape.MOMENTUM
                + ", batch " + ZhangLandscape.BATCH + ", learning rate lr0 x I (the average over branches scales each "
                + "branch's gradient by 1/I), N(0, 1/fan_in) initialization, no weight decay. Convexity is measured, "
                + "not eyeballed: the mean gap between the surface and its convex envelope divided by the surface's "
                + "range (0 = convex), the fraction of grid points with a positive semi-definite discrete Hessian, "
                + "the number of strict local minima on the grid, and the Jensen ratio f(mean of A, B, C) / mean of "
                + "f(A), f(B), f(C) (at most 1 where the loss is convex on the triangle)."
                + (quick ? " Reduced scale (shorter training, coarser grids, fewer branch counts); the paper's scale "
                        + "runs with dualnet report --full." : ""));
        // Figure 1.
        int[] widths = {10, 30, 70, 1000};
        int epochs1 = quick ? 15 : 100;
        SurfaceGrid grid1 = new SurfaceGrid(quick ? 21 : 101, RANGE);
        LabeledData teacher = ZhangLandscape.teacher(1000, ctx.seedFor("teacher"));
        SurfaceLoss hinge = new SurfaceLoss("hinge", 1);
        BranchArchitecture unit = BranchArchitecture.parse("branch", "10-1-1:relu");
        List<ZhangLandscape.Panel> fig1 = new ArrayList<>();
        for (int w : widths) {
            fig1.add(ZhangLandscape.panel(teacher, unit, w, hinge, FIG1_LR, epochs1, grid1, NORMALIZE, ctx.seedFor("fig1-" + w),
                    ctx.threads()));
        }
        out.figure(save(ctx, fig1, "figure1", "I = %d"
                , "Figure 1 (ours): hinge loss (tau = 1) of one-hidden-layer students of width I = 10, 30, 70, 1000 on "
                        + "the synthetic teacher (n = 1000, x ~ N(0, I_10), labels sign of an 11-unit ReLU teacher), "
                        + epochs1 + " epochs of SGD per student, grid " + grid1.size() + " x " + grid1.size()
                        + ". The paper's Figure 1: many local minima at I = 10, a single convex-looking bowl at "
                        + "I = 1000 (axes +-0.6 in the authors' image, loss up to 0.3)."));
        out.table(table("figure1", "Figure 1 panels: anchors' training losses and the surface's convexity", "I",
                fig1));
        verdict(out, "Figure 1: the synthetic landscape becomes more convex as the width grows (I = 10 to 1000)",
                fig1);
        // Figure 4.
        FashionMnist fm = new FashionMnist();
        if (!fm.available()) {
            out.verdict("Figure 4: the Fashion-MNIST landscape becomes more convex as I grows", Outcome.NOT_CHECKED,
                    "Fashion-MNIST is not installed (Debian package " + FashionMnist.DEBIAN_PACKAGE + ")");
            return out;
        }
        int n4 = quick ? 300 : 1000;
        int epochs4 = quick ? 3 : 5;
        SurfaceGrid grid4 = new SurfaceGrid(quick ? 11 : 25, RANGE);
        LabeledData fashion = ZhangLandscape.fashionMnist(n4);
        SurfaceLoss multi = new SurfaceLoss("multiclass-hinge", 1);
        int[] shallowI = quick ? new int[] {1, 10, 50} : new int[] {1, 4, 16, 100};
        int[] deepI = quick ? new int[] {1, 10, 50} : new int[] {1, 10, 100, 1000};
        BranchArchitecture shallow = BranchArchitecture.parse("branch", "784-8-10:relu");
        BranchArchitecture deep = BranchArchitecture.parse("branch", "784-8-8-8-10:relu");
        List<ZhangLandscape.Panel> top = new ArrayList<>();
        for (int i : shallowI) {
            top.add(ZhangLandscape.panel(fashion, shallow, i, multi, FIG4_LR, epochs4, grid4, NORMALIZE,
                    ctx.seedFor("fig4-h8-" + i), ctx.threads()));
        }
        List<ZhangLandscape.Panel> bottom = new ArrayList<>();
        for (int i : deepI) {
            bottom.add(ZhangLandscape.panel(fashion, deep, i, multi, FIG4_LR, epochs4, grid4, NORMALIZE,
                    ctx.seedFor("fig4-888-" + i), ctx.threads()));
        }
        String common = " on the first " + n4 + " Fashion-MNIST training images (per-pixel standardization), "
                + "10-class hinge loss, " + epochs4 + " epochs of SGD per network, grid " + grid4.size() + " x "
                + grid4.size() + ".";
        out.figure(save(ctx, top, "figure4-h8", "h = 8, I = %d", "Figure 4, top row (ours): branches 784-8-10"
                + common + " The paper's top row (MNIST, I from 1 to 100) and middle row (CIFAR-10) become "
                + "increasingly convex as I grows."));
        out.table(table("figure4-h8", "Figure 4 (h = 8 branches): anchors' losses and convexity", "I", top));
        verdict(out, "Figure 4 (one-hidden-layer branches, h = 8): the landscape becomes more convex as I grows", top);
        out.figure(save(ctx, bottom, "figure4-888", "8-8-8, I = %d", "Figure 4, bottom row (ours): branches "
                + "784-8-8-8-10" + common + " The first-layer trick covers the first layer of each branch only. "
                + "The paper's bottom row (CIFAR-10, I up to 50,000) becomes convex-looking at large I."));
        out.table(table("figure4-888", "Figure 4 (8-8-8 branches): anchors' losses and convexity", "I", bottom));
        verdict(out, "Figure 4 (8-8-8 branches): the landscape becomes more convex as I grows", bottom);
        return out;
    }

    private static Figure save(ReportContext ctx, List<ZhangLandscape.Panel> panels, String name, String titleFormat,
            String caption) {
        List<SurfacePlot.Panel> pictures = new ArrayList<>();
        for (ZhangLandscape.Panel p : panels) {
            pictures.add(new SurfacePlot.Panel(String.format(Locale.ROOT, titleFormat, p.branches()), p.surface(),
                    p.anchors(),
                    List.of("A", "B", "C")));
        }
        Path png = ctx.sectionDir().resolve(name + ".png");
        SurfacePlot.savePng(pictures, 4, SurfacePlot.Style.HEAT_LOG, png);
        SurfacePlot.savePng(pictures, 4, SurfacePlot.Style.CONTOUR, ctx.sectionDir().resolve(name + "-contour.png"));
        return new Figure(png, null, caption + " Colours and contour lines on a logarithmic scale of loss - min "
                + "(three decades); linear contour version: " + name + "-contour.png.");
    }

    private static Table table(String name, String caption, String label, List<ZhangLandscape.Panel> panels) {
        List<List<String>> rows = new ArrayList<>();
        for (ZhangLandscape.Panel p : panels) {
            rows.add(Table.row(p.branches(), String.format(Locale.ROOT, "%.4f / %.4f / %.4f", p.anchorLosses()[0],
                    p.anchorLosses()[1], p.anchorLosses()[2]), p.originLoss(), p.jensenRatio(), p.surface().min(), p.surface().max(),
                    p.convexity().envelopeGap(), p.convexity().maxEnvelopeGap(), p.convexity().psdFraction(),
                    p.convexity().localMinima(), String.format(Locale.ROOT, "%.1f + %.1f", p.trainSeconds(),
                            p.surface().seconds())));
        }
        return new Table(name, caption, List.of(label, "anchor losses A / B / C", "loss at the mean", "Jensen ratio", "surface min", "surface max",
                "envelope gap (mean)", "envelope gap (max)", "PSD Hessian fraction", "local minima",
                "seconds (train + surface)"), rows);
    }

    /**
     * HOLDS when the largest I has a smaller mean envelope gap than the smallest I and no more local minima;
     * the detail lists every panel's numbers and whether the gap decreases monotonically.
     */
    static void verdict(SectionResult out, String claim, List<ZhangLandscape.Panel> panels) {
        ZhangLandscape.Panel first = panels.get(0);
        ZhangLandscape.Panel last = panels.get(panels.size() - 1);
        boolean monotone = true;
        StringBuilder detail = new StringBuilder("envelope gap / local minima / Jensen ratio by I:");
        for (int k = 0; k < panels.size(); k++) {
            ZhangLandscape.Panel p = panels.get(k);
            detail.append(String.format(Locale.ROOT, " %d: %.4f / %d / %.3f;", p.branches(),
                    p.convexity().envelopeGap(), p.convexity().localMinima(), p.jensenRatio()));
            if (k > 0 && p.convexity().envelopeGap() > panels.get(k - 1).convexity().envelopeGap()) {
                monotone = false;
            }
        }
        boolean holds = last.convexity().envelopeGap() < first.convexity().envelopeGap()
                && last.convexity().localMinima() <= first.convexity().localMinima();
        detail.append(monotone ? " the gap decreases monotonically." : " the gap does not decrease monotonically.");
        out.verdict(claim, holds ? Outcome.HOLDS : Outcome.FAILS, detail.toString());
    }
}
