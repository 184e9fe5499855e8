package io.dualnet.vgg;

import io.dualnet.experiment.GridRun;
import io.dualnet.experiment.VggBudget;
import io.dualnet.experiment.ZhangVggOptions;
import io.dualnet.report.LinePlot;
import io.dualnet.report.Outcome;
import io.dualnet.report.ReportContext;
import io.dualnet.report.SectionResult;
import io.dualnet.report.Table;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * The report content of the A.1 grid: the Figure-5-style plot (test accuracy against branches, one line per width
 * and budget), training-loss curves, the configuration table (accuracy beside parameter count), the per-epoch
 * table, and one verdict per budget and width on "test accuracy increases with the number of branches" (on the
 * data set the grid ran on).
 */
final class ZhangVggReport {
    /**
     * Accuracy differences within this many binomial standard errors of the test set count as ties (one seed per
     * cell: smaller differences are not resolved).
     */
    static final double TIE_STANDARD_ERRORS = 1.0;

    private final ZhangVggOptions options;
    private final GridRun<ZhangVggCell, ZhangVggResult> run;
    private final double seconds;

    ZhangVggReport(ZhangVggOptions options, GridRun<ZhangVggCell, ZhangVggResult> run, double seconds) {
        this.options = options;
        this.run = run;
        this.seconds = seconds;
    }

    SectionResult render(ReportContext ctx) {
        List<ZhangVggResult> results = run.results();
        SectionResult out = new SectionResult();
        out.text(String.format(Locale.ROOT, "Data: %s (%s), the first %d training and %d test images%s. Network: "
                        + "Table 2 of the paper, I VGG-9 branches whose logits are averaged (1/I), DJL %s with its "
                        + "PyTorch engine on the CPU (%d intra-op thread(s)). Training: cross-entropy, SGD with Nesterov "
                        + "momentum %s, weight decay %s (applied; the authors' script drops it), learning rate %s, "
                        + "MultiStep x%s at %s of the %d epochs (epochs %s, 0-based), batch %d%s. Budgets: 'branch' = every branch has width "
                        + "w (what the paper's Figure 5 and the authors' script do: parameters grow like I); 'total' = "
                        + "branch width round(w/sqrt(I)), parameters matched to one width-w network (a control). One "
                        + "seed per cell (master seed %d). The paper's Figure 5 values are not given in its text; it "
                        + "states that accuracy on CIFAR-10 improves monotonically from 4 to 32 branches. Grid: %d "
                        + "cells, %d computed and %d resumed in this run, %.0f s.",
                options.dataset(), options.cifar10() == null
                        ? "Debian dataset-fashion-mnist, 28x28 zero-padded to 32x32, one channel; no CIFAR-10 folder "
                        + "was given" : options.cifar10().toString(),
                options.samples(), options.testSamples(), options.augment()
                        ? ", training images augmented by random crop (padding 4) and horizontal flip" : "",
                ai.djl.engine.Engine.getDjlVersion(), Integer.getInteger(DjlEnvironment.THREADS, 1), options.momentum(),
                options.weightDecay(), options.learningRate(), options.gamma(), options.milestones(), options.epochs(),
                Arrays.toString(new MultiStepSchedule(options.learningRate(), options.gamma(),
                        options.milestones().stream().mapToDouble(Double::doubleValue).toArray(), options.epochs())
                        .milestones()), options.batchSize(), options.augment() ? "" : ", no augmentation", options.seed(),
                run.outcomes().size(), run.computed(), run.resumed(), seconds));
        out.figure(ctx.saveFigure(figure5(results), "figure5", "Figure 5 (ours, " + options.dataset() + "): test "
                + "accuracy after the last epoch against the number of branches, one line per width and budget. "
                + "Paper: CIFAR-10, widths 16 and 32, 4 to 32 branches, accuracy rising monotonically (values not "
                + "given in the text)."));
        out.figure(ctx.saveFigure(lossCurves(results), "train-loss", "Training cross-entropy per epoch, one line "
                + "per cell (" + options.dataset() + ")."));
        out.table(configurations(results));
        out.table(epochs(results));
        for (VggBudget budget : options.budgets()) {
            for (int w : options.widths()) {
                verdict(out, results, budget, w);
            }
        }
        return out;
    }

    private LinePlot figure5(List<ZhangVggResult> results) {
        LinePlot plot = new LinePlot("Averaged VGG-9 branches, " + options.dataset())
                .xTitle("log2 of the number of branches I (0: I = 1, 1: 2, 2: 4, 3: 8, ...)").yTitle("test accuracy");
        double low = results.stream().mapToDouble(ZhangVggResult::finalAccuracy).min().orElse(0);
        double high = results.stream().mapToDouble(ZhangVggResult::finalAccuracy).max().orElse(1);
        double span = Math.max(high - low, 0.02);
        // head room above the highest point for the legend, which XChart draws inside the plot's top right
        plot.yRange(Math.max(0, low - 0.1 * span), Math.min(1, high + 0.6 * span + 0.01));
        for (VggBudget budget : options.budgets()) {
            for (int w : options.widths()) {
                List<ZhangVggResult> line = line(results, budget, w);
                double[] x = line.stream().mapToDouble(r -> Math.log(r.branches()) / Math.log(2)).toArray();
                double[] y = line.stream().mapToDouble(ZhangVggResult::finalAccuracy).toArray();
                plot.line("w = " + w + (budget == VggBudget.BRANCH ? " (width per branch)"
                        : " (total budget, matched parameters)"), x, y);
            }
        }
        return plot;
    }

    private static LinePlot lossCurves(List<ZhangVggResult> results) {
        LinePlot plot = new LinePlot("Training loss per epoch").xTitle("epoch").yTitle("cross-entropy");
        for (ZhangVggResult r : results) {
            double[] x = new double[r.trainLoss().length];
            for (int e = 0; e < x.length; e++) {
                x[e] = e + 1;
            }
            plot.line(r.budget() + " w=" + r.width() + " I=" + r.branches(), x, r.trainLoss());
        }
        return plot;
    }

    private static Table configurations(List<ZhangVggResult> results) {
        List<List<String>> rows = new ArrayList<>();
        for (ZhangVggResult r : results) {
            rows.add(Table.row(r.dataset(), r.budget(), r.width(), r.branchWidth(), r.branches(), r.parameters(),
                    fmt("%.4f", r.finalAccuracy()), fmt("%.4f", max(r.testAccuracy())),
                    fmt("%.4f", r.trainLoss()[r.trainLoss().length - 1]), fmt("%.2f", r.secondsPerEpoch())));
        }
        return new Table("configurations", "Configurations: test accuracy after the last epoch beside the "
                + "trainable parameter count (budget 'branch': width w per branch; 'total': branch width "
                + "round(w/sqrt(I)))",
                List.of("data set", "budget", "w", "branch width", "branches I", "parameters", "test accuracy",
                        "best epoch accuracy", "final train loss", "s per epoch"), rows);
    }

    private static Table epochs(List<ZhangVggResult> results) {
        List<List<String>> rows = new ArrayList<>();
        for (ZhangVggResult r : results) {
            for (int e = 0; e < r.trainLoss().length; e++) {
                rows.add(Table.row(r.budget(), r.width(), r.branches(), e + 1, fmt("%.5f", r.trainLoss()[e]),
                        fmt("%.4f", r.testAccuracy()[e]), fmt("%.2f", r.epochSeconds()[e])));
            }
        }
        return new Table("epochs", "Per epoch and cell: training loss (mean over the epoch's mini-batches) and test "
                + "accuracy", List.of("budget", "w", "branches I", "epoch", "train loss", "test accuracy", "seconds"),
                rows);
    }

    /**
     * One verdict per budget and width w on "test accuracy increases with the number of branches": holds when the
     * final accuracy is non-decreasing in I up to a tie and the largest I beats the smallest by more than a tie;
     * holds under condition when only the latter; fails otherwise.
     */
    private void verdict(SectionResult out, List<ZhangVggResult> results, VggBudget budget, int w) {
        double se = Math.sqrt(0.25 / options.testSamples());
        double tie = TIE_STANDARD_ERRORS * se;
        List<ZhangVggResult> line = line(results, budget, w);
        boolean monotone = true;
        for (int k = 1; k < line.size(); k++) {
            monotone &= line.get(k).finalAccuracy() >= line.get(k - 1).finalAccuracy() - tie;
        }
        boolean rise = line.size() > 1
                && line.get(line.size() - 1).finalAccuracy() > line.get(0).finalAccuracy() + tie;
        StringBuilder s = new StringBuilder();
        for (ZhangVggResult r : line) {
            s.append(fmt("I=%d %.4f (%d params); ", r.branches(), r.finalAccuracy(), r.parameters()));
        }
        Outcome outcome = line.size() < 2 ? Outcome.NOT_CHECKED
                : monotone && rise ? Outcome.HOLDS : rise ? Outcome.HOLDS_UNDER_CONDITION : Outcome.FAILS;
        String budgetText = budget == VggBudget.BRANCH ? "width " + w + " per branch (the paper's setting)"
                : "total budget of one width-" + w + " network (parameters matched)";
        String why = line.size() < 2 ? "Only one branch count was run: nothing to compare."
                : outcome == Outcome.HOLDS ? "Monotone up to ties and the largest I beats the smallest."
                : outcome == Outcome.HOLDS_UNDER_CONDITION
                ? "The largest I beats the smallest, but the rise is not monotone."
                : "The largest I does not beat the smallest by more than a tie.";
        out.verdict(fmt("A.1 / Figure 5 on %s, %s: test accuracy increases with the number of branches",
                        options.dataset(), budgetText), outcome,
                s.toString().strip() + fmt(" Differences below %.4f (%.0f binomial standard error of %d test "
                        + "images) count as ties; one seed per cell (master seed %d), %d epochs on %d images. %s",
                        tie, TIE_STANDARD_ERRORS, options.testSamples(), options.seed(), options.epochs(),
                        options.samples(), why)
                        + (budget == VggBudget.BRANCH ? " Parameters grow I-fold under this budget, so a rise does not "
                        + "separate branching from size; the total-budget control does." : ""));
    }

    private static List<ZhangVggResult> line(List<ZhangVggResult> results, VggBudget budget, int w) {
        return results.stream().filter(r -> r.budget().equals(budget.label()) && r.width() == w)
                .sorted((a, b) -> Integer.compare(a.branches(), b.branches())).toList();
    }

    private static double max(double[] v) {
        return Arrays.stream(v).max().orElse(Double.NaN);
    }

    private static String fmt(String format, Object... args) {
        return String.format(Locale.ROOT, format, args);
    }
}
