package io.dualnet.report;

import io.dualnet.deeprelu.WhitenedClosedForm;
import io.dualnet.deeprelu.WhitenedSolution;
import io.dualnet.deeprelu.Whitening;
import io.dualnet.experiment.Ergen003DeepRelu;
import io.dualnet.experiment.Ergen003DeepRelu.RanksCell;
import io.dualnet.experiment.Ergen003DeepRelu.RanksResult;
import io.dualnet.experiment.Ergen003DeepRelu.SplineCell;
import io.dualnet.experiment.Ergen003DeepRelu.SplineResult;
import io.dualnet.experiment.Ergen003DeepRelu.WhitenedCell;
import io.dualnet.experiment.Ergen003DeepRelu.WhitenedResult;
import io.dualnet.experiment.Ergen003FashionWhitened;
import io.dualnet.experiment.Ergen003Linear;
import io.dualnet.linalg.Matrices;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * Ergen and Pilanci (paper 003) §4, deep ReLU networks: Figure 1 (1-D data are interpolated by linear splines, Cor
 * 4.1/4.2), Figure 3b (layer ranks on rank-one data, Prop 4.1), Figure 4 (closed form of Thm 4.3 vs SGD on
 * undersampled whitened data) and the two defects of Thm 4.4 (the lost sign; {@code X^T X = I} written for
 * {@code X X^T = I}). Objective: {@code (1/2)||f(X) - Y||_F^2 + (beta/2) sum_l ||W_l||_F^2} (003 (17)).
 */
public final class Ergen003DeepReluSection implements ReportSection {
    /** Figure 1: points, hidden width, weight decay, Adam step. */
    public static final int SPLINE_POINTS = 8;
    /** Hidden units per layer of Figure 1 (the paper's 20). */
    public static final int SPLINE_WIDTH = 20;
    /** Weight decay of Figure 1 (biases not penalized). */
    public static final double SPLINE_BETA = 1e-2;
    /** Adam step of Figure 1. */
    public static final double SPLINE_LR = 2e-3;
    /** "Kinks at the data": significant kinks within this fraction of the smallest data spacing. */
    public static final double KINK_ATOL = 0.05;
    /** Share of the total slope change that must sit at data points for "mostly at the data". */
    public static final double NEAR_SHARE = 0.9;
    /** Figure 3b: samples, weight decay, SGD step and momentum. */
    public static final int RANKS_N = 20;
    /** Weight decay of Figure 3b. */
    public static final double RANKS_BETA = 5e-2;
    /** SGD step of Figure 3b. */
    public static final double RANKS_LR = 4e-3;
    /** Figure 4: (n, d) = (60, 90), 50 units, weight decay, SGD step, momentum, batch. */
    public static final int FIG4_N = 60;
    /** Features of Figure 4. */
    public static final int FIG4_D = 90;
    /** Hidden units of Figure 4. */
    public static final int FIG4_WIDTH = 50;
    /** Weight decay of Figure 4's objective. */
    public static final double FIG4_BETA = 1e-3;
    /** SGD step of Figure 4. */
    public static final double FIG4_LR = 1e-3;
    /** SGD momentum of Figure 4. */
    public static final double FIG4_MOMENTUM = 0.9;
    /** Mini-batch of Figure 4. */
    public static final int FIG4_BATCH = 10;
    /** Interpolation residual that counts as exact. */
    public static final double RESIDUAL_ATOL = 1e-9;

    @Override
    public String id() {
        return "ergen-deep-relu";
    }

    @Override
    public String title() {
        return "Ergen & Pilanci (003), deep ReLU networks: splines, rank one, whitened data (Figures 1, 3b, 4; "
                + "Thm 4.3, 4.4)";
    }

    @Override
    public SectionResult render(ReportContext ctx) {
        SectionResult out = new SectionResult();
        out.text("Convention: the objective is 003 (17), 1/2||f(X) - Y||_F^2 + (beta/2) sum_l ||W_l||_F^2 (losses "
                + "summed over samples); the minimum-norm problem is min 1/2 sum_l ||W_l||_F^2 s.t. f(X) = Y. Lower "
                + "bounds come from ||f(X)||_* <= ||X||_2 prod_l ||W_l||_F (see DualNet's WhitenedClosedForm). All "
                + "runs seeded (master seed " + ctx.seed() + ").");
        theorems(out);
        WhitenedMultiClassCheck.render(ctx, out);
        figure1(ctx, out);
        figure3b(ctx, out);
        figure4(ctx, out);
        return out;
    }

    // ------------------------------------------------------------------ Thm 4.3 / 4.4 defects

    private void theorems(SectionResult out) {
        // X X^T = I (rows orthonormal) vs X^T X = I (columns orthonormal), same one-hot labels.
        DMatrixRMaj g = Matrices.gaussian(6, 9, 1, new Random(1));
        DMatrixRMaj rows = Whitening.fit(g).apply(g);
        DMatrixRMaj h = Matrices.gaussian(3, 8, 1, new Random(2));
        DMatrixRMaj cols = new DMatrixRMaj(8, 3);
        CommonOps_DDRM.transpose(Whitening.fit(h).apply(h), cols);
        WhitenedSolution onRows = WhitenedClosedForm.solve(rows, oneHot(6, 2),
                WhitenedClosedForm.Options.of(3, 4, 0));
        WhitenedSolution onCols = WhitenedClosedForm.solve(cols, oneHot(8, 2),
                WhitenedClosedForm.Options.of(3, 4, 0).withForce(true));
        out.text(fmt("Which whitening? 003 writes X X^T = I_n in Thm 4.3 and X^T X = I_n in Thm 4.4. The construction "
                + "needs X (X^T u) = u for the label parts u in R^n, i.e. X X^T = I_n (n <= d). Measured: on a 6x9 X "
                + "with X X^T = I (||X X^T - I|| = %.1e, ||X^T X - I|| = %.3f) the 3-layer network interpolates one-hot "
                + "labels (residual %.1e); on an 8x3 X with X^T X = I (||X^T X - I|| = %.1e, ||X X^T - I|| = %.3f) the "
                + "same construction misses them (residual ||f(X) - Y||_F = %.3f).", onRows.whiteningDeviation(),
                Whitening.columnDeviation(rows), onRows.residual(), Whitening.columnDeviation(cols),
                onCols.whiteningDeviation(), onCols.residual()));
        out.verdict("Thm 4.4's assumption X^T X = I_n (as printed)",
                onRows.residual() <= RESIDUAL_ATOL && onCols.residual() > 0.1 ? Outcome.FAILS : Outcome.NOT_CHECKED,
                fmt("the right assumption is X X^T = I_n (as in Thm 4.3): residual %.1e with orthonormal rows, %.3f "
                        + "with orthonormal columns", onRows.residual(), onCols.residual()));

        // The lost sign: a label column with both signs and a path weaker than beta.
        DMatrixRMaj y = new DMatrixRMaj(new double[][] {{1, 0}, {-1.2, 0}, {0, 0.05}, {0.8, 0}, {0, 0}, {0, 0}});
        double beta = 0.3;
        WhitenedClosedForm.Options o = WhitenedClosedForm.Options.of(3, 4, beta);
        WhitenedSolution fixed = WhitenedClosedForm.solve(rows, y, o.withVariant(WhitenedClosedForm.Variant.PAPER));
        WhitenedSolution printed = WhitenedClosedForm.solve(rows, y,
                o.withVariant(WhitenedClosedForm.Variant.PAPER_AS_PRINTED));
        WhitenedSolution balanced = WhitenedClosedForm.solve(rows, y, o);
        out.text(fmt("Thm 4.4's lost sign. As extracted, W_L = sum_r (||Phi_0,r|| - beta) Phi_L-1,r e^_r^T with "
                + "e^_2j-1 = e^_2j = e_j. Fixed: e^_2j = -e_j (the path of (-y_j)_+ must enter with a minus) and the "
                + "coefficient (||Phi_0,r|| - beta)_+ (a group soft threshold). On a whitened 6x9 X, Y = [[1,0],[-1.2,0],"
                + "[0,0.05],[0.8,0],[0,0],[0,0]], beta = %.1f, L = 3: rescaled problem (hidden paths at unit norm, "
                + "1/2||f - Y||^2 + beta sum_r |w_L,r|) as printed %.6f vs fixed %.6f, the paper's dual (52) = %.6f; "
                + "loss 1/2||f - Y||^2 as printed %.4f vs fixed %.4f. Under plain weight decay (17) the fixed Thm 4.4 "
                + "network has objective %.6f, DualNet's per-path balanced network %.6f, lower bound %.6f.",
                beta, printed.rescaledPrimal(), fixed.rescaledPrimal(), fixed.rescaledDual(), printed.loss(),
                fixed.loss(), fixed.objective(), balanced.objective(), balanced.lowerBound()));
        boolean closes = Math.abs(fixed.rescaledPrimal() - fixed.rescaledDual()) <= 1e-9 * fixed.rescaledDual();
        out.verdict("Thm 4.4 as printed (sign lost)", printed.rescaledPrimal() > fixed.rescaledPrimal() + 1e-6
                ? Outcome.FAILS : Outcome.NOT_CHECKED, fmt("as printed: %.6f > %.6f = dual (52); the negative part of "
                + "y_j is added with the wrong sign and a path with ||Phi_0,r|| < beta is flipped",
                printed.rescaledPrimal(), fixed.rescaledDual()));
        out.verdict("Thm 4.4 with the sign fixed (e^_2j = -e_j, coefficient (.)_+)",
                closes ? Outcome.HOLDS_UNDER_CONDITION : Outcome.FAILS,
                fmt("optimal for the rescaled problem (primal %.9f = dual (52) %.9f); for plain weight decay (17) it "
                        + "is not optimal: %.6f > %.6f (per-path balanced layers)", fixed.rescaledPrimal(),
                        fixed.rescaledDual(), fixed.objective(), balanced.objective()));
    }

    // ------------------------------------------------------------------ Figure 1

    private void figure1(ReportContext ctx, SectionResult out) {
        boolean quick = ctx.quick();
        int epochs = quick ? 3000 : 20000;
        int restarts = quick ? 2 : 4;
        List<SplineCell> cells = new ArrayList<>();
        for (int depth = 2; depth <= 5; depth++) {
            cells.add(new SplineCell(depth, SPLINE_WIDTH, SPLINE_POINTS, SPLINE_BETA, SPLINE_LR, epochs, restarts,
                    ctx.seedFor("fig1-data"), ctx.seedFor("fig1-train")));
        }
        List<SplineResult> res = ctx.gridRunner().run(Ergen003Linear.grid("ergen-deep-relu-fig1", cells,
                Ergen003DeepRelu::spline, SplineResult.class)).results();
        out.text(fmt("Figure 1 (paper): \"One dimensional interpolation using L-layer ReLU networks with 20 neurons in "
                + "each hidden layer. As predicted by Corollary 4.2, the optimal solution is given by piecewise linear "
                + "splines for any L >= 2.\" The paper gives no data, L, beta or optimizer. Ours: %d points, abscissae "
                + "evenly spaced on [-1, 1] with 30%% jitter, values N(0,1); L = 2..5, %d units per hidden layer, "
                + "biases in every layer (not penalized), beta = %s on the weights, Adam (step %s) on full batches for "
                + "%d epochs, best of %d seeded restarts. Kinks are found exactly (breakpoints propagated layer by "
                + "layer) on the hull widened by 25%% each side; a kink is significant when its slope change is >= 1%% "
                + "of the largest.", SPLINE_POINTS, SPLINE_WIDTH, SPLINE_BETA, SPLINE_LR, epochs, restarts));
        LinePlot p = new LinePlot("Figure 1: L-layer ReLU networks on 1-D data").xTitle("x").yTitle("f(x)")
                .markers(false);
        SplineResult first = res.get(0);
        double[] sx = first.plotX();
        double[] sy = new double[sx.length];
        io.dualnet.deeprelu.SplineInterpolant s = new io.dualnet.deeprelu.SplineInterpolant(first.x(), first.y());
        for (int i = 0; i < sx.length; i++) {
            sy[i] = s.value(sx[i]);
        }
        p.line("linear spline through the data", sx, sy);
        for (SplineResult r : res) {
            p.line("L = " + r.depth(), r.plotX(), r.plotF());
        }
        p.scatter("data", first.x(), first.y());
        out.figure(ctx.saveFigure(p, "fig1", "Figure 1 (ours): trained L-layer networks (L = 2..5) and the linear "
                + "spline through the data (extended linearly outside the hull)."));
        List<List<String>> rows = new ArrayList<>();
        boolean allAt = true;
        boolean mostlyAt = true;
        StringBuilder detail = new StringBuilder();
        for (SplineResult r : res) {
            rows.add(Table.row(r.depth(), fmt("%.5g", r.objective()), r.kinks().length, r.significantKinks(),
                    fmt("%.3g", r.maxRelativeDistance()), fmt("%.3f", r.nearDataShare()), fmt("%.3g", r.supDistance()),
                    fmt("%.3g", r.relativeSupDistance())));
            allAt &= r.maxRelativeDistance() <= KINK_ATOL;
            mostlyAt &= r.nearDataShare() >= NEAR_SHARE;
            detail.append(fmt("%sL=%d: max kink distance %.3g h, %.0f%% of slope change at data, sup-distance %.3g",
                    detail.length() == 0 ? "" : "; ", r.depth(), r.maxRelativeDistance(), 100 * r.nearDataShare(),
                    r.supDistance()));
        }
        out.table(new Table("fig1-kinks", "Figure 1: kinks of the trained networks. Distances are relative to the "
                + "smallest data spacing h; 'at data' is the share of the total slope change within 0.05 h of a data "
                + "point; sup-distance is max |f - spline| on the data's hull (relative: over the range of y).",
                List.of("L", "objective", "kinks", "significant", "max distance / h", "share at data",
                        "sup-distance", "relative sup"), rows));
        out.verdict("Figure 1 / Cor 4.2: trained L-layer ReLU networks are linear splines with kinks at the data",
                allAt ? Outcome.HOLDS : mostlyAt ? Outcome.HOLDS_UNDER_CONDITION : Outcome.FAILS,
                detail + fmt(". Trained networks are not certified optima (the corollary is about the global "
                        + "optimum); 'holds' needs every significant kink within %.2f h.", KINK_ATOL));
    }

    // ------------------------------------------------------------------ Figure 3b

    private void figure3b(ReportContext ctx, SectionResult out) {
        int epochs = ctx.quick() ? 5000 : 6000;
        RanksCell cell = new RanksCell(RANKS_N, RANKS_BETA, RANKS_LR, 0.9, epochs, epochs / 50,
                ctx.seedFor("fig3b"));
        RanksResult r = ctx.gridRunner().run(Ergen003Linear.grid("ergen-deep-relu-fig3b", List.of(cell),
                Ergen003DeepRelu::ranks, RanksResult.class)).results().get(0);
        out.text(fmt("Figure 3b (paper): \"a five-layer ReLU network with W1 in R^{10x50}, W2 in R^{50x40}, W3 in "
                + "R^{40x30}, W4 in R^{30x20}, w5 in R^{20x1}. Here, we use data such that X = c a0^T, where c in R^n_+ "
                + "... we plot the rank of each weight matrix, which converges to one.\" Ours: n = %d, c_i = |N(0,1)|, "
                + "a0 ~ N(0, I/10) (sigma_2(X)/sigma_1(X) = %.1e), target y = c, no biases, beta = %s, SGD with "
                + "momentum 0.9, step %s, full batches, %d epochs, He initialization. Rank = number of singular values "
                + "above %s times the largest.", RANKS_N, r.rankOneDeviation(), RANKS_BETA, RANKS_LR, epochs,
                Ergen003DeepRelu.RANK_RTOL));
        LinePlot p = new LinePlot("Figure 3b: rank of each layer during training").xTitle("epoch").yTitle("rank")
                .markers(false);
        double[] ep = new double[r.epochs().length];
        for (int i = 0; i < ep.length; i++) {
            ep[i] = r.epochs()[i];
        }
        StringBuilder fin = new StringBuilder();
        boolean allOne = true;
        for (int l = 0; l < r.ranks().length; l++) {
            double[] rk = new double[ep.length];
            for (int i = 0; i < ep.length; i++) {
                rk[i] = r.ranks()[l][i];
            }
            p.line("W" + (l + 1), ep, rk);
            int last = r.ranks()[l][ep.length - 1];
            allOne &= last == 1;
            fin.append(fin.length() == 0 ? "" : ", ").append("W").append(l + 1).append(": ").append(last)
                    .append(fmt(" (sigma2/sigma1 %.1e)", r.ratios()[l][ep.length - 1]));
        }
        out.figure(ctx.saveFigure(p, "fig3b", "Figure 3b (ours): numerical rank of W1..W5 against the epoch."));
        out.verdict("Figure 3b / Prop 4.1: on rank-one data with c >= 0 every layer becomes rank one",
                allOne ? Outcome.HOLDS : Outcome.FAILS, "final ranks " + fin + fmt("; final objective %.5g",
                        r.objective()[r.objective().length - 1]));
    }

    // ------------------------------------------------------------------ Figure 4

    private void figure4(ReportContext ctx, SectionResult out) {
        boolean quick = ctx.quick();
        int epochs = quick ? 20 : 200;
        Ergen003FashionWhitened data = new Ergen003FashionWhitened(FIG4_N, FIG4_D, quick ? 300 : 1000,
                quick ? 2000 : 10000, ctx.seedFor("fig4-data"));
        List<WhitenedCell> cells = new ArrayList<>();
        for (int depth = 3; depth <= 5; depth++) {
            cells.add(new WhitenedCell(data, depth, FIG4_WIDTH, FIG4_BETA, FIG4_LR, FIG4_MOMENTUM, FIG4_BATCH, epochs,
                    ctx.seedFor("fig4-train")));
        }
        List<WhitenedResult> res = ctx.gridRunner().run(Ergen003Linear.grid("ergen-deep-relu-fig4", cells,
                Ergen003DeepRelu::whitened, WhitenedResult.class)).results();
        WhitenedResult r0 = res.get(0);
        out.text(fmt("Figure 4 (paper): MNIST and CIFAR-10 \"randomly undersample[d] and whitened\", (n, d) = (60, 90), "
                + "K = 10 one-hot, L = 3, 4, 5 with 50 neurons per layer, squared loss, SGD with momentum vs \"Theory\" "
                + "(Thm 4.3, no training): \"Theory achieves the optimal training objective, which also yields smaller "
                + "error and higher accuracy in the test phase.\" Ours, on Fashion-MNIST (Debian dataset-fashion-mnist;"
                + " MNIST/CIFAR are not available offline): d = 90 features are the top 90 principal components of the "
                + "first %d training images (pixels in [0,1], centred; %.1f%% of the pixel variance); n = 60 training "
                + "images, 6 per class, drawn at random from those; %d random test images; whitening by the right "
                + "multiplier M = (X^T X)^{+1/2} fitted on the 60 training rows (||X X^T - I|| = %.1e) and applied to "
                + "the test rows. Objective (17) with beta = %s; SGD: momentum %s, step %s, batches of %d, %d epochs, "
                + "He initialization. Theory = DualNet's closed form at the same beta (per-path balanced; its Thm 4.3 "
                + "minimum-norm twin differs by < 0.1%%). Test error = mean over test points of ||f(x) - y||^2.",
                data.pool(), 100 * r0.explainedVariance(), data.testSize(), r0.whiteningDeviation(), FIG4_BETA,
                FIG4_MOMENTUM, FIG4_LR, FIG4_BATCH, epochs));
        LinePlot obj = new LinePlot("Figure 4a: training objective").xTitle("epoch").yTitle("objective (17)").logY()
                .markers(false);
        LinePlot err = new LinePlot("Figure 4b: test error").xTitle("epoch").yTitle("mean ||f(x) - y||^2")
                .markers(false);
        LinePlot acc = new LinePlot("Figure 4c: test accuracy").xTitle("epoch").yTitle("accuracy").markers(false);
        List<List<String>> rows = new ArrayList<>();
        boolean objectiveBeaten = true;
        boolean testBetter = true;
        double worstGap = 0;
        for (WhitenedResult r : res) {
            double[] ep = new double[r.epochs().length];
            for (int i = 0; i < ep.length; i++) {
                ep[i] = r.epochs()[i];
            }
            double[] ends = {ep[0], ep[ep.length - 1]};
            obj.line("SGD L=" + r.depth(), ep, r.trainObjective())
                    .line("Theory L=" + r.depth(), ends, new double[] {r.theoryObjective(), r.theoryObjective()});
            err.line("SGD L=" + r.depth(), ep, r.testError())
                    .line("Theory L=" + r.depth(), ends, new double[] {r.theoryTestError(), r.theoryTestError()});
            acc.line("SGD L=" + r.depth(), ep, r.testAccuracy())
                    .line("Theory L=" + r.depth(), ends, new double[] {r.theoryTestAccuracy(),
                        r.theoryTestAccuracy()});
            int e = ep.length - 1;
            double bestSgd = min(r.trainObjective());
            objectiveBeaten &= r.theoryObjective() <= bestSgd;
            testBetter &= r.theoryTestError() < r.testError()[e] && r.theoryTestAccuracy() > r.testAccuracy()[e];
            worstGap = Math.max(worstGap, (r.theoryObjective() - r.theoryLowerBound()) / r.theoryObjective());
            rows.add(Table.row(r.depth(), fmt("%.5g", r.trainObjective()[e]), fmt("%.5g", r.theoryObjective()),
                    fmt("%.5g", r.theoryLowerBound()), fmt("%.4f", r.testError()[e]),
                    fmt("%.4f", r.theoryTestError()), fmt("%.3f", r.testAccuracy()[e]),
                    fmt("%.3f", r.theoryTestAccuracy()), fmt("%.3f", r.minNormTestAccuracy())));
        }
        out.figure(ctx.saveFigure(obj, "fig4a", "Figure 4a (ours): training objective (17) per epoch, SGD (curves) vs "
                + "Theory (flat lines), L = 3, 4, 5."));
        out.figure(ctx.saveFigure(err, "fig4b", "Figure 4b (ours): test error per epoch."));
        out.figure(ctx.saveFigure(acc, "fig4c", "Figure 4c (ours): test accuracy per epoch."));
        out.table(new Table("fig4-final", "Figure 4: final numbers (SGD at its last epoch). Lower bound: the nuclear-norm "
                + "bound on (17) for any 50-wide network of that depth.", List.of("L", "SGD objective",
                "Theory objective", "lower bound", "SGD test error", "Theory test error", "SGD accuracy",
                "Theory accuracy", "Thm 4.3 min-norm accuracy"), rows));
        out.verdict("Figure 4: Theory matches or beats SGD's training objective",
                objectiveBeaten ? Outcome.HOLDS : Outcome.FAILS,
                fmt("Theory <= SGD's lowest objective at every L: %s. \"Optimal\" is not certified for K = 10: the "
                        + "largest relative gap to the lower bound is %.0f%% (zero only with one label path).",
                        objectiveBeaten, 100 * worstGap));
        out.verdict("Figure 4: Theory has smaller test error and higher test accuracy than SGD",
                testBetter ? Outcome.HOLDS : Outcome.FAILS, fmt("at SGD's last epoch (%d), for every L: %s (table)",
                        epochs, testBetter));
    }

    private static DMatrixRMaj oneHot(int n, int k) {
        DMatrixRMaj y = new DMatrixRMaj(n, k);
        for (int i = 0; i < n; i++) {
            y.set(i, i % k, 1);
        }
        return y;
    }

    private static double min(double[] v) {
        double m = Double.POSITIVE_INFINITY;
        for (double x : v) {
            m = Math.min(m, x);
        }
        return m;
    }

    private static String fmt(String format, Object... args) {
        return String.format(Locale.ROOT, format, args);
    }
}
