package io.dualnet.report;

import io.dualnet.closedform.NuclearNormRegression;
import io.dualnet.closedform.WhitenedWeightDecay;
import io.dualnet.experiment.GridCell;
import io.dualnet.experiment.Ergen003Data;
import io.dualnet.experiment.Ergen003Linear;
import io.dualnet.experiment.Ergen003Linear.DeepCell;
import io.dualnet.experiment.Ergen003Linear.DeepResult;
import io.dualnet.experiment.Ergen003Linear.StructureCell;
import io.dualnet.experiment.Ergen003Linear.StructureResult;
import io.dualnet.experiment.Ergen003Linear.SweepCell;
import io.dualnet.experiment.Ergen003Linear.SweepResult;
import io.dualnet.experiment.Ergen003Linear.Theorem;
import io.dualnet.experiment.Ergen003Linear.ThresholdCell;
import io.dualnet.experiment.Ergen003Linear.ThresholdResult;
import io.dualnet.experiment.Ergen003Train;
import io.dualnet.experiment.GridExperiment;
import io.dualnet.train.LinearNetworkTrainer.Optimizer;
import org.ejml.data.DMatrixRMaj;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Ergen and Pilanci, "Revealing the structure of deep neural networks via convex duality" (paper 003), linear
 * networks: Figures 2a, 2b, 3a, 5a, 5b, Remark 2.1, Prop. 3.1 and Theorems 2.1, 3.1, 3.3/3.4. Closed forms are
 * DualNet's certified solutions; "trained" means gradient descent on the weight-decay (or minimum-norm) objective.
 *
 * <p>Convention: weight decay is {@code 1/2||f - Y||_F^2 + (beta/2) sum_l ||W_l||_F^2} (003's (2) with beta halved), so
 * for two layers it equals {@code 1/2||XW - Y||^2 + beta||W||_*} with the same beta; minimum-norm values carry the
 * factor 1/2.
 */
public final class Ergen003LinearSection implements ReportSection {
    /** Figure 2a/5b: samples, input dimension, hidden width, outputs and label noise. */
    public static final int N = 100;
    /** Input dimension of Figure 2a. */
    public static final int D = 20;
    /** Hidden width of Figure 2a. */
    public static final int M = 50;
    /** Outputs (Figures 2a, 2b). */
    public static final int C = 5;
    /** Label noise standard deviation. */
    public static final double NOISE = 0.1;
    /** Hidden widths of the four-layer network of Figures 2b/3a (5-50-30-40-5). */
    public static final int[] DEEP_WIDTHS = {50, 30, 40};
    /** Hidden widths of the trained Thm 3.1 network (20-10-10-10-1). */
    public static final int[] STRUCTURE_DEEP_WIDTHS = {10, 10, 10};
    /** Gradient-descent step of the two-layer sweep (data with unit-variance entries, ||X||_2^2 about 200). */
    public static final double SWEEP_LR = 1e-3;
    /** Gradient-descent step of the four-layer runs (whitened data). */
    public static final double DEEP_LR = 0.02;
    /** A beta within this relative distance of a closed-form threshold is "near a threshold". */
    public static final double NEAR_THRESHOLD_RTOL = 0.05;
    /** A trained layer whose largest singular value is below this is counted as rank 0. */
    public static final double ZERO_ATOL = 1e-4;
    /** Figure 5b: trained vs closed-form singular values, relative to the largest closed-form value. */
    public static final double SINGULAR_VALUE_RTOL = 1e-3;
    /** Figure 5a: mass of the normalized neurons off the top-2 singular vectors. */
    public static final double MASS_ATOL = 1e-3;
    /** Prop. 3.1: |ratio - 1| tolerance for "operator norm = Frobenius norm". */
    public static final double RATIO_ATOL = 1e-2;
    /** Prop. 3.1 (rank two): measured vs predicted ratio. */
    public static final double RATIO_PREDICTION_ATOL = 1e-3;
    /** Theorems 2.1/3.1: relative excess of the trained minimum-norm value over the closed form. */
    public static final double VALUE_RTOL = 1e-2;
    /** Theorems 2.1/3.1: 1 - |cos| between the trained top neuron and X^+y/||X^+y||. */
    public static final double ALIGNMENT_ATOL = 1e-3;
    /** Theorem 3.4: relative tolerances for "equal" values and fits. */
    public static final double VALUE_EQUAL_RTOL = 1e-9;

    @Override
    public String id() {
        return "ergen-linear";
    }

    @Override
    public String title() {
        return "Ergen & Pilanci (003), linear networks: rank set by beta, structure theorems (Figures 2a, 2b, 3a, 5)";
    }

    @Override
    public SectionResult render(ReportContext ctx) {
        boolean quick = ctx.quick();
        long seed = ctx.seed();
        SectionResult out = new SectionResult();
        out.text("Convention: weight decay means 1/2||f(X) - Y||_F^2 + (beta/2) sum_l ||W_l||_F^2 (003's (2) with beta "
                + "halved), which for a two-layer linear network equals 1/2||XW - Y||_F^2 + beta||W||_* at the balanced "
                + "optimum (W = W_1 W_2, sigma_i(W_1) = sigma_i(W_2) = sqrt(sigma_i(W))). Minimum-norm values carry "
                + "the factor 1/2 (003 writes them without it; its P* is twice ours). All runs are seeded (master seed "
                + seed + ").");
        twoLayer(ctx, out, quick, seed);
        Fig3a fig3a = deep(ctx, out, quick, seed);
        structure(ctx, out, quick, seed, fig3a);
        return out;
    }

    // ------------------------------------------------------------------ Figures 2a, 5a, 5b

    private void twoLayer(ReportContext ctx, SectionResult out, boolean quick, long seed) {
        Ergen003Data data = new Ergen003Data(N, D, C, NOISE, false, seed);
        DMatrixRMaj[] xy = data.build();
        double[] svt = NuclearNormRegression.rankThresholds(xy[0], xy[1]);
        List<ThresholdCell> tcells = new ArrayList<>();
        for (int k = 1; k <= C; k++) {
            tcells.add(new ThresholdCell(data, k, quick ? 14 : 30));
        }
        List<ThresholdResult> thr = run(ctx, Ergen003Linear.grid("ergen-linear-thresholds", tcells,
                Ergen003Linear::threshold, ThresholdResult.class));
        double[] tau = thr.stream().mapToDouble(ThresholdResult::beta).toArray();

        Ergen003Train train = new Ergen003Train(Optimizer.GD, SWEEP_LR, 1, quick ? 1500 : 4000, 1, 1.0,
                ctx.seedFor("fig2a-train"));
        double[] betas = Ergen003Linear.logSpace(0.04 * svt[0], 1.3 * svt[0], quick ? 8 : 30);
        double beta5a = Math.sqrt(tau[1] * tau[2]); // inside the rank-2 interval (tau_3, tau_2)
        List<SweepCell> cells = new ArrayList<>();
        for (double b : betas) {
            cells.add(new SweepCell(data, M, b, train));
        }
        cells.add(new SweepCell(data, M, beta5a, train));
        List<SweepResult> all = run(ctx, Ergen003Linear.grid("ergen-linear-fig2a", cells, Ergen003Linear::sweep,
                SweepResult.class));
        List<SweepResult> sweep = all.subList(0, betas.length);
        SweepResult fig5a = all.get(betas.length);

        out.text(fmt("Figures 2a and 5: two-layer linear network W_1 in R^{%dx%d}, W_2 in R^{%dx%d}. Data: X is "
                + "%dx%d with i.i.d. N(0,1) entries, columns centred (zero mean, identity population covariance; "
                + "not whitened, so X^T X is only approximately n I); Y = X W_t + %s E with a random teacher W_t = U "
                + "diag(5,4,3,2,1) V^T (U, V singular vectors of Gaussian matrices) and E i.i.d. N(0,1). Closed form: "
                + "DualNet's certified solver of 1/2||XW - Y||^2 + beta||W||_* (accelerated proximal gradient with a "
                + "duality-gap certificate; X is not orthonormal, so W is not simply SVT_beta(X^T Y)). Training: plain "
                + "gradient descent, step %s, %d iterations, weight decay beta, Gaussian initialization (scale 1), "
                + "%d betas log-spaced in [%.4g, %.4g], one grid cell each. The trained rank counts singular values "
                + "of W_1 above 1e-3 times the largest singular value of any layer (0 if that is below %s).",
                D, M, M, C, N, D, NOISE, SWEEP_LR, train.iterations(), betas.length, betas[0],
                betas[betas.length - 1], ZERO_ATOL));

        LinePlot p2a = new LinePlot("Figure 2a: rank of W_1 against beta").xTitle("beta").yTitle("rank(W_1)").logX();
        double[] bx = new double[sweep.size()];
        double[] closedRank = new double[bx.length];
        double[] trainedRank = new double[bx.length];
        for (int i = 0; i < bx.length; i++) {
            bx[i] = sweep.get(i).beta();
            closedRank[i] = sweep.get(i).closedRank();
            trainedRank[i] = trainedRank(sweep.get(i));
        }
        p2a.step("closed form (certified)", bx, closedRank).scatter("trained (GD with weight decay)", bx, trainedRank);
        for (int k = 0; k < tau.length; k++) {
            p2a.line(fmt("threshold %d: beta = %.4g", k + 1, tau[k]), new double[] {tau[k], tau[k]},
                    new double[] {0, C + 0.5});
        }
        out.figure(ctx.saveFigure(p2a, "fig2a", "Figure 2a (ours): rank of W_1 against beta, closed form (step) and "
                + "gradient descent (markers). Vertical lines: the betas where the closed-form rank drops (sup of "
                + "beta with rank >= k, bracketed by bisection). The paper's red lines are at singular values of "
                + "a garbled matrix; for orthonormal X they would be sigma_k(X^T Y), listed in the table."));

        List<List<String>> trows = new ArrayList<>();
        for (ThresholdResult t : thr) {
            trows.add(Table.row(t.k(), fmt("%.6g", t.lower()), fmt("%.6g", t.upper()), fmt("%.6g", t.svtThreshold()),
                    fmt("%+.2f%%", 100 * (t.svtThreshold() - t.beta()) / t.beta())));
        }
        out.table(new Table("fig2a-thresholds", "Rank thresholds of the closed form: rank W*(beta) >= k iff beta < "
                + "tau_k. Bracket [lower, upper] from bisection; sigma_k(X^T Y) is the threshold an orthonormal X "
                + "would give.", List.of("k", "tau_k lower", "tau_k upper", "sigma_k(X^T Y)", "difference"), trows));

        int outside = 0;
        int mismatchOutside = 0;
        int mismatchNear = 0;
        int near = 0;
        boolean certified = true;
        double svErr = 0;
        double svScale = 0;
        List<String> mism = new ArrayList<>();
        for (SweepResult r : sweep) {
            certified &= r.closedConverged();
            boolean isNear = nearThreshold(r.beta(), tau);
            boolean match = trainedRank(r) == r.closedRank();
            if (isNear) {
                near++;
                if (!match) {
                    mismatchNear++;
                    mism.add(fmt("beta %.4g: trained %d vs closed %d (near a threshold)", r.beta(), trainedRank(r),
                            r.closedRank()));
                }
            } else {
                outside++;
                if (!match) {
                    mismatchOutside++;
                    mism.add(fmt("beta %.4g: trained %d vs closed %d", r.beta(), trainedRank(r), r.closedRank()));
                }
                double[] cs = r.closedSingularValues();
                double[] ts = r.trainedSingularValues();
                for (int i = 0; i < cs.length; i++) {
                    svErr = Math.max(svErr, Math.abs(ts[i] - Math.sqrt(cs[i])));
                }
            }
            svScale = Math.max(svScale, Math.sqrt(r.closedSingularValues()[0]));
        }
        out.verdict("Remark 2.1 / Figure 2a: the rank of W_1 is set by beta and drops at the thresholds",
                certified && mismatchOutside == 0 ? Outcome.HOLDS : Outcome.FAILS,
                fmt("%d of %d betas farther than %.0f%% from every threshold: trained rank = closed-form rank in "
                        + "%d; within %.0f%% of a threshold: %d betas, %d mismatches%s. Closed forms certified "
                        + "(gap target met): %s. Thresholds tau_k = %s; sigma_k(X^T Y) = %s (for this non-whitened X "
                        + "they differ, see the table).", outside, sweep.size(), 100 * NEAR_THRESHOLD_RTOL,
                        outside - mismatchOutside, 100 * NEAR_THRESHOLD_RTOL, near, mismatchNear,
                        mism.isEmpty() ? "" : " (" + String.join("; ", mism) + ")", certified, arr(tau), arr(svt)));

        LinePlot p5b = new LinePlot("Figure 5b: singular values of W_1 against beta").xTitle("beta")
                .yTitle("sigma_i(W_1)").logX();
        for (int i = 0; i < C; i++) {
            double[] pred = new double[bx.length];
            double[] meas = new double[bx.length];
            for (int k = 0; k < bx.length; k++) {
                pred[k] = Math.sqrt(sweep.get(k).closedSingularValues()[i]);
                meas[k] = sweep.get(k).trainedSingularValues()[i];
            }
            p5b.line(fmt("sqrt(sigma_%d(W*)) closed form", i + 1), bx, pred)
                    .scatter(fmt("sigma_%d(W_1) trained", i + 1), bx, meas);
        }
        out.figure(ctx.saveFigure(p5b, "fig5b", "Figure 5b (ours): the i-th singular value of the trained W_1 "
                + "(markers) and sqrt(sigma_i(W*(beta))) from the certified closed form W* (lines), i = 1..5. At the "
                + "balanced weight-decay optimum W_1 = U_W Sigma_W^{1/2} Q^T, so sigma_i(W_1) = sqrt(sigma_i(W*)); "
                + "for orthonormal X this is sqrt((sigma_i(X^T Y) - beta)_+)."));
        out.verdict("Figure 5b: singular values of W_1 follow sqrt(sigma_i(W*(beta))) and vanish one by one as beta grows",
                svErr <= SINGULAR_VALUE_RTOL * svScale ? Outcome.HOLDS : Outcome.FAILS,
                fmt("largest |sigma_i(W_1) - sqrt(sigma_i(W*))| over the %d betas away from thresholds: %.3g "
                        + "(tolerance %.0e x %.4g)", outside, svErr, SINGULAR_VALUE_RTOL, svScale));

        double[] mass = fig5a.neuronMass();
        double[] idx = new double[mass.length];
        for (int i = 0; i < idx.length; i++) {
            idx[i] = i + 1;
        }
        out.figure(ctx.saveFigure(new LinePlot(fmt("Figure 5a: neuron mass per singular vector, beta = %.4g", beta5a))
                        .xTitle("i (left singular vector u_i of W*)").yTitle("(1/m) sum_j <w_j/||w_j||, u_i>^2")
                        .scatter("trained W_1", idx, mass), "fig5a",
                fmt("Figure 5a (ours): beta = %.4g (closed-form rank %d, trained rank %d). Each of the %d trained "
                        + "neurons w_j (columns of W_1) is normalized; we plot the mean squared projection onto the "
                        + "left singular vectors u_i of W* (= the right singular vectors of P_{X,beta}(Y)^T X at level "
                        + "beta, Remark 2.1).", beta5a, fig5a.closedRank(), trainedRank(fig5a), M)));
        double off = 1 - mass[0] - mass[1];
        out.verdict("Figure 5a: for a beta giving rank 2, the neurons lie on the top two singular directions",
                fig5a.closedRank() == 2 && trainedRank(fig5a) == 2 && off <= MASS_ATOL ? Outcome.HOLDS : Outcome.FAILS,
                fmt("beta = %.4g: closed-form rank %d, trained rank %d; mass on u_1, u_2 = %.6f, %.6f; remaining "
                        + "%.2e (tolerance %.0e)", beta5a, fig5a.closedRank(), trainedRank(fig5a), mass[0], mass[1],
                        off, MASS_ATOL));
    }

    private static int trainedRank(SweepResult r) {
        double[] s = r.trainedSingularValues();
        return s.length == 0 || s[0] <= ZERO_ATOL ? 0 : r.trainedRank();
    }

    private static boolean nearThreshold(double beta, double[] tau) {
        for (double t : tau) {
            if (Math.abs(beta - t) <= NEAR_THRESHOLD_RTOL * t) {
                return true;
            }
        }
        return false;
    }

    // ------------------------------------------------------------------ Figures 2b, 3a

    private Fig3a deep(ReportContext ctx, SectionResult out, boolean quick, long seed) {
        int depth = DEEP_WIDTHS.length + 1;
        Ergen003Data data = new Ergen003Data(N, C, C, NOISE, true, seed);
        DMatrixRMaj[] xy = data.build();
        double[] sigma = NuclearNormRegression.rankThresholds(xy[0], xy[1]);
        double[] global = new double[C];
        double[] local = new double[C];
        for (int i = 0; i < C; i++) {
            global[i] = globalThreshold(sigma[i], depth);
            local[i] = localThreshold(sigma[i], depth);
        }
        // beta_k in the middle (geometric) of the interval where the global optimum has rank k = 4, 3, 2, 1.
        double[] betas = new double[4];
        for (int j = 0; j < 4; j++) {
            int k = 4 - j;
            betas[j] = Math.sqrt(global[k] * global[k - 1]);
        }
        Ergen003Train train = new Ergen003Train(Optimizer.GD, DEEP_LR, 1, quick ? 1500 : 5000, 1, 1.0,
                ctx.seedFor("fig2b-train"));
        List<DeepCell> cells = new ArrayList<>();
        for (double b : betas) {
            cells.add(new DeepCell(data, DEEP_WIDTHS, b, train));
        }
        List<DeepResult> res = run(ctx, Ergen003Linear.grid("ergen-linear-fig2b", cells, Ergen003Linear::deep,
                DeepResult.class));
        out.text(fmt("Figures 2b and 3a: four-layer linear network 5-50-30-40-5. Data: as above with n = %d, d = c "
                + "= 5, but X whitened (X^T X = I_5, we chose to whiten), so the global optimum of weight decay is "
                + "known in closed form (Wang et al. Appendix B, DualNet's WhitenedWeightDecay): W = U diag(s_i) V^T "
                + "with s_i minimizing h_i(s) = 1/2 (s - sigma_i)^2 + 2 beta s^{1/2} (L = 4), sigma_i = sigma_i(X^T Y) "
                + "= %s. For L >= 3 this is a hard threshold: s_i = 0 is optimal once beta > b_i = %s, but a nonzero "
                + "local minimum of h_i survives up to beta = e_i = 2 (sigma_i/3)^{3/2} = %s. Training: plain gradient "
                + "descent, step %s, %d iterations, Gaussian initialization (scale 1). beta_1..beta_4 = %s are the "
                + "geometric midpoints of the intervals where the global optimum has rank 4, 3, 2, 1.", N,
                arr(sigma), arr(global), arr(local), DEEP_LR, train.iterations(), arr(betas)));

        LinePlot p2b = new LinePlot("Figure 2b: rank of each layer after training").xTitle("beta").yTitle("rank")
                .logX();
        double[][] layerRanks = new double[depth][betas.length];
        double[] predicted = new double[betas.length];
        double[] localRank = new double[betas.length];
        List<List<String>> rows = new ArrayList<>();
        boolean equalRanks = true;
        boolean matchGlobal = true;
        boolean matchLocal = true;
        for (int j = 0; j < res.size(); j++) {
            DeepResult r = res.get(j);
            for (int l = 0; l < depth; l++) {
                layerRanks[l][j] = r.ranks()[l];
                equalRanks &= r.ranks()[l] == r.ranks()[0];
            }
            predicted[j] = r.predictedRank();
            int lr = 0;
            for (double e : local) {
                lr += betas[j] < e ? 1 : 0;
            }
            localRank[j] = lr;
            matchGlobal &= r.ranks()[0] == r.predictedRank();
            matchLocal &= r.ranks()[0] == lr;
            rows.add(Table.row(fmt("beta_%d = %.4g", j + 1, r.beta()), Arrays.toString(r.ranks()),
                    r.predictedRank(), lr, fmt("%.8f", r.objective()), fmt("%.8f", r.optimum()),
                    fmt("%.2e", (r.objective() - r.optimum()) / r.optimum())));
        }
        for (int l = 0; l < depth; l++) {
            p2b.scatter(fmt("W_%d trained", l + 1), betas, layerRanks[l]);
        }
        p2b.step("closed form: rank of the global optimum", betas, predicted)
                .step("number of sigma_i with a nonzero local minimum (beta < e_i)", betas, localRank);
        out.figure(ctx.saveFigure(p2b, "fig2b", "Figure 2b (ours): rank of every layer of the trained 4-layer "
                + "network for beta_1 < ... < beta_4 (markers; all four layers overlap when equal), the rank of the "
                + "certified global optimum, and the number of singular directions where a nonzero local minimum "
                + "exists."));
        out.table(new Table("fig2b", "Figure 2b: per-layer ranks after gradient descent vs the closed form",
                List.of("beta", "ranks W_1..W_4 (trained)", "global-optimum rank", "local-minimum count",
                        "trained objective", "global optimum", "relative excess"), rows));
        boolean decreasing = true;
        for (int j = 1; j < res.size(); j++) {
            decreasing &= res.get(j).ranks()[0] <= res.get(j - 1).ranks()[0];
        }
        decreasing &= res.get(res.size() - 1).ranks()[0] < res.get(0).ranks()[0];
        out.verdict("Figure 2b: after training, all layers share the same rank, decreasing in beta",
                equalRanks && decreasing ? Outcome.HOLDS : Outcome.FAILS,
                fmt("trained ranks per beta (W_1..W_4): %s", rows.stream().map(r -> r.get(1)).toList()));
        out.verdict("Figure 2b: the shared rank is the rank of the globally optimal (closed-form) network",
                matchGlobal ? Outcome.HOLDS : matchLocal ? Outcome.HOLDS_UNDER_CONDITION : Outcome.FAILS,
                fmt("global-optimum ranks %s, trained %s%s", arr(predicted), arr(layerRanks[0]), matchGlobal ? ""
                        : matchLocal ? fmt("; the trained rank equals the number of singular directions whose "
                        + "scalar problem h_i still has a nonzero local minimum (%s): gradient descent stops in a "
                        + "non-global minimum (objective above the certified optimum, see the table), so the rank "
                        + "predicted by the global optimum is reached only for beta above those local-minimum "
                        + "thresholds e_i", arr(localRank)) : fmt("; local-minimum counts %s", arr(localRank))));

        return fig3a(ctx, out, quick, seed, global, local);
    }

    /** What Figure 3a contributes to the Prop. 3.1 verdicts. */
    private record Fig3a(double scalarRatioError, String vectorDetail, boolean vectorOk) {
    }

    private Fig3a fig3a(ReportContext ctx, SectionResult out, boolean quick, long seed, double[] global, double[] local) {
        int depth = DEEP_WIDTHS.length + 1;
        // Rank 2 for both the global optimum and gradient descent: beta in (max(b_3, e_3), b_2).
        double lo = Math.max(global[2], local[2]);
        boolean window = lo < global[1];
        double beta2 = window ? Math.sqrt(lo * global[1]) : Math.sqrt(global[1] * global[2]);
        int[] budgets = quick ? new int[] {10, 30, 100, 300, 1000, 2000} : new int[] {10, 30, 100, 300, 1000, 3000,
                10000};
        Ergen003Data vec = new Ergen003Data(N, C, C, NOISE, true, seed);
        Ergen003Data scalar = new Ergen003Data(N, C, 1, NOISE, true, seed);
        DMatrixRMaj[] sxy = scalar.build();
        double s1 = NuclearNormRegression.rankThresholds(sxy[0], sxy[1])[0];
        double betaScalar = 0.6 * globalThreshold(s1, depth);
        Ergen003Train base = new Ergen003Train(Optimizer.GD, DEEP_LR, 1, 1, 1, 1.0, ctx.seedFor("fig3a-train"));
        List<DeepCell> cells = new ArrayList<>();
        for (int t : budgets) {
            cells.add(new DeepCell(vec, DEEP_WIDTHS, beta2, base.withIterations(t)));
        }
        for (int t : budgets) {
            cells.add(new DeepCell(scalar, new int[] {50, 30, 40}, betaScalar, base.withIterations(t)));
        }
        List<DeepResult> res = run(ctx, Ergen003Linear.grid("ergen-linear-fig3a", cells, Ergen003Linear::deep,
                DeepResult.class));
        List<DeepResult> v = res.subList(0, budgets.length);
        List<DeepResult> s = res.subList(budgets.length, res.size());
        double[] it = Arrays.stream(budgets).asDoubleStream().toArray();
        double[] pv = v.get(v.size() - 1).predictedSingularValues();
        double a1 = Math.pow(pv[0], 1.0 / depth);
        double a2 = Math.pow(pv[1], 1.0 / depth);
        double predRatio = a1 / Math.sqrt(a1 * a1 + a2 * a2);
        double predSecond = a2 / a1;
        double predFrob = Math.sqrt(a1 * a1 + a2 * a2);

        out.text(fmt("Figure 3a: the same network, beta = %.4g, chosen %s so that both the global optimum and "
                + "gradient descent are rank 2. Prop. 3.1 says the hidden layers of an optimal network have equal "
                + "operator and Frobenius norms, i.e. are rank one; that is a scalar-output statement. With rank-2 "
                + "weights we plot, against the iteration budget, (i) ||W_l||_F of every layer (balanced optimum: all "
                + "equal to sqrt(s_1^{1/2} + s_2^{1/2}) = %.4g), (ii) ||W_l||_2/||W_l||_F (predicted %.4g < 1, since "
                + "every optimal layer has singular values s_i^{1/4}) and sigma_2/sigma_1 (predicted (s_2/s_1)^{1/4} "
                + "= %.4g). Gradient descent with a constant step, so the run with budget T is the first T steps of "
                + "the longest one (each cell keeps its lowest-objective iterate). The scalar-output check (c = 1, "
                + "5-50-30-40-1, beta = %.4g) plots the same ratio, which Prop. 3.1 predicts to tend to 1.", beta2,
                window ? "in (max(b_3, e_3), b_2)" : "(no beta avoids the spurious local minimum; midpoint of the "
                        + "rank-2 interval)", predFrob, predRatio, predSecond, betaScalar));
        LinePlot norms = new LinePlot("Figure 3a: per-layer Frobenius norms (rank-2 weights)").xTitle("iterations")
                .yTitle("||W_l||_F").logX();
        for (int l = 0; l < depth; l++) {
            final int layer = l;
            norms.line(fmt("W_%d", l + 1), it, v.stream().mapToDouble(r -> r.frobenius()[layer]).toArray());
        }
        norms.line("balanced optimum", new double[] {it[0], it[it.length - 1]}, new double[] {predFrob, predFrob});
        out.figure(ctx.saveFigure(norms, "fig3a-frobenius", "Figure 3a (ours, i): ||W_l||_F of the four layers "
                + "against iterations; the certified optimum has all four equal to the dashed value."));
        LinePlot ratios = new LinePlot("Figure 3a: ||W_l||_2/||W_l||_F and sigma_2/sigma_1 of hidden layers")
                .xTitle("iterations").yTitle("ratio").logX();
        for (int l = 0; l < depth - 2; l++) {
            final int layer = l;
            ratios.line(fmt("||W_%d||_2/||W_%d||_F, c = 5 (rank 2)", l + 1, l + 1), it,
                    v.stream().mapToDouble(r -> r.spectral()[layer] / r.frobenius()[layer]).toArray());
            ratios.line(fmt("sigma_2/sigma_1 of W_%d, c = 5", l + 1), it,
                    v.stream().mapToDouble(r -> r.secondOverFirst()[layer]).toArray());
            ratios.line(fmt("||W_%d||_2/||W_%d||_F, c = 1", l + 1, l + 1), it,
                    s.stream().mapToDouble(r -> r.spectral()[layer] / r.frobenius()[layer]).toArray());
        }
        ratios.line("predicted ||W||_2/||W||_F, rank 2", new double[] {it[0], it[it.length - 1]},
                new double[] {predRatio, predRatio});
        ratios.line("predicted sigma_2/sigma_1, rank 2", new double[] {it[0], it[it.length - 1]},
                new double[] {predSecond, predSecond});
        out.figure(ctx.saveFigure(ratios, "fig3a-ratios", "Figure 3a (ours, ii): operator/Frobenius ratio and "
                + "sigma_2/sigma_1 of the hidden layers W_1, W_2 against iterations; c = 5 with rank-2 weights tends "
                + "to the closed-form prediction < 1, c = 1 tends to 1 (Prop. 3.1)."));

        DeepResult lastV = v.get(v.size() - 1);
        DeepResult lastS = s.get(s.size() - 1);
        double spread = 0;
        double worstPredRatio = 0;
        double worstScalar = 0;
        for (int l = 0; l < depth; l++) {
            spread = Math.max(spread, Math.abs(lastV.frobenius()[l] - predFrob) / predFrob);
        }
        for (int l = 0; l < depth - 2; l++) {
            worstPredRatio = Math.max(worstPredRatio,
                    Math.abs(lastV.spectral()[l] / lastV.frobenius()[l] - predRatio));
            worstScalar = Math.max(worstScalar, Math.abs(lastS.spectral()[l] / lastS.frobenius()[l] - 1));
        }
        String detail = fmt("c = 5, beta = %.4g, after %d iterations: ranks %s; ||W_l||_2/||W_l||_F of the hidden "
                        + "layers = %s, predicted %.4f (|difference| <= %.2e, tolerance %.0e), i.e. NOT equal norms; "
                        + "||W_l||_F within %.2e (relative) of the balanced value %.4f; c = 1 (beta = %.4g): ratios %s",
                beta2, budgets[budgets.length - 1], Arrays.toString(lastV.ranks()),
                arr(hiddenRatios(lastV, depth)), predRatio, worstPredRatio, RATIO_PREDICTION_ATOL, spread, predFrob,
                betaScalar, arr(hiddenRatios(lastS, depth)));
        boolean ok = lastV.ranks()[0] == 2 && worstPredRatio <= RATIO_PREDICTION_ATOL && predRatio < 1 - RATIO_ATOL;
        return new Fig3a(worstScalar, detail, ok);
    }

    private static double[] hiddenRatios(DeepResult r, int depth) {
        double[] out = new double[depth - 2];
        for (int l = 0; l < out.length; l++) {
            out[l] = r.spectral()[l] / r.frobenius()[l];
        }
        return out;
    }

    /** {@code sup{beta : s_i(beta) > 0}} from {@link WhitenedWeightDecay#optimalSingularValue}, by bisection. */
    private static double globalThreshold(double sigma, int depth) {
        double lo = 0;
        double hi = Math.max(1, sigma * sigma);
        while (WhitenedWeightDecay.optimalSingularValue(sigma, hi, depth) > 0) {
            hi *= 2;
        }
        for (int i = 0; i < 200 && hi - lo > Math.ulp(hi); i++) {
            double mid = 0.5 * (lo + hi);
            if (WhitenedWeightDecay.optimalSingularValue(sigma, mid, depth) > 0) {
                lo = mid;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    /**
     * The largest beta for which {@code h(s) = 1/2 (s - sigma)^2 + (beta L/2) s^{2/L}} has a nonzero local minimum:
     * {@code h'(s) = s - sigma + beta s^{2/L - 1}} is minimal at {@code s_c = (beta (1 - 2/L))^{L/(2L-2)}},
     * where {@code h'(s_c) = s_c (2L-2)/(L-2) - sigma}; a nonzero minimum exists iff {@code h'(s_c) < 0}, i.e.
     * {@code beta < e = (L/(L-2)) ((L-2) sigma/(2L-2))^{(2L-2)/L}} (for L = 4: {@code 2 (sigma/3)^{3/2}}).
     */
    private static double localThreshold(double sigma, int depth) {
        double l = depth;
        return l / (l - 2) * Math.pow((l - 2) * sigma / (2 * l - 2), (2 * l - 2) / l);
    }

    // ------------------------------------------------------------------ structure theorems

    private void structure(ReportContext ctx, SectionResult out, boolean quick, long seed, Fig3a fig3a) {
        Ergen003Train train = new Ergen003Train(Optimizer.ADAM, 1e-2, 1e-2, quick ? 6000 : 8000, quick ? 1 : 2, 0.5,
                ctx.seedFor("structure-train"));
        long dataSeed = ctx.seedFor("structure-data");
        List<StructureCell> cells = List.of(
                new StructureCell(Theorem.THM_2_1, 10, 20, new int[] {M}, dataSeed, train),
                new StructureCell(Theorem.THM_3_1, 10, 20, STRUCTURE_DEEP_WIDTHS, dataSeed, train),
                new StructureCell(Theorem.THM_3_4, 3, 3, new int[] {3, 3}, dataSeed, train));
        List<StructureResult> res = run(ctx, Ergen003Linear.grid("ergen-linear-structure", cells,
                Ergen003Linear::structure, StructureResult.class));
        StructureResult t21 = res.get(0);
        StructureResult t31 = res.get(1);
        StructureResult t34 = res.get(2);
        out.text(fmt("Structure theorems. Thm 2.1 and 3.1: X is 10x20 with i.i.d. N(0,1) entries, y = X w* with a "
                + "planted Gaussian w* (so y is interpolable); the trained networks (two-layer 20-%d-1, four-layer "
                + "20-10-10-10-1) minimize 1/2 sum ||W_l||_F^2 subject to f(X) = y (augmented Lagrangian with Adam, "
                + "step 1e-2 decaying to 1e-4, initialization scale 0.5, %d restart(s) x %d iterations, best "
                + "feasible kept; with hidden widths 50-30-40 the same budget stops a few percent above the "
                + "optimum because the surplus width decays slowly). Thm 3.3/3.4: X = I_3, Y = diag(3,2,1), L = 3, "
                + "standard network 3-3-3-3.", M, train.restarts(), train.iterations()));
        List<List<String>> rows = new ArrayList<>();
        rows.add(Table.row("Thm 2.1 (L = 2, scalar)", fmt("%.10f", t21.closedValue()), fmt("%.10f", t21.trainedValue()),
                fmt("%.2e", t21.trainedResidual()), fmt("%.8f", t21.alignment()), "-", "-"));
        rows.add(Table.row("Thm 3.1 (L = 4, scalar)", fmt("%.10f", t31.closedValue()), fmt("%.10f", t31.trainedValue()),
                fmt("%.2e", t31.trainedResidual()), fmt("%.8f", t31.alignment()), arr(t31.trainedNormRatios()),
                arr(t31.closedNormRatios())));
        rows.add(Table.row("Thm 3.4 (L = 3, Y = diag(3,2,1)), standard network", fmt("%.10f", t34.closedValue()),
                fmt("%.10f", t34.trainedValue()), fmt("%.2e", t34.trainedResidual()), "-",
                arr(t34.trainedNormRatios()), arr(t34.closedNormRatios())));
        rows.add(Table.row("Thm 3.3/3.4 parallel relaxation (balanced branches)", fmt("%.10f", t34.relaxedValue()),
                "-", fmt("%.2e", t34.relaxedFitError()), "-", "-", "-"));
        rows.add(Table.row("dual value D = (L/2)||X^+Y||_*^{2/L}", fmt("%.10f", t34.dualValue()), "-", "-", "-", "-",
                "-"));
        out.table(new Table("structure", "Structure theorems: closed form vs trained (values with the factor 1/2; "
                + "alignment = |<u_1(W_1), X^+y/||X^+y||>|; ratios = ||W_l||_2/||W_l||_F of hidden layers l <= L-2)",
                List.of("claim", "closed form", "trained", "residual ||f(X) - Y||", "alignment", "ratios (trained)",
                        "ratios (closed form)"), rows));

        double e21 = (t21.trainedValue() - t21.closedValue()) / t21.closedValue();
        out.verdict("Thm 2.1 / eqs (7)-(8): P* = ||X^+y||_2 with the single optimal neuron X^+y/||X^+y||",
                Math.abs(e21) <= VALUE_RTOL && 1 - t21.alignment() <= ALIGNMENT_ATOL ? Outcome.HOLDS : Outcome.FAILS,
                fmt("closed form %.10f, trained %.10f (relative %+.2e, tolerance %.0e); |cos| between the trained "
                        + "top neuron and X^+y/||X^+y|| = %.8f (tolerance 1 - %.0e)", t21.closedValue(),
                        t21.trainedValue(), e21, VALUE_RTOL, t21.alignment(), ALIGNMENT_ATOL));
        double e31 = (t31.trainedValue() - t31.closedValue()) / t31.closedValue();
        out.verdict("Thm 3.1: scalar-output deep linear optimum (L/2)||X^+y||^{2/L}, W_1 aligned with X^+y",
                Math.abs(e31) <= VALUE_RTOL && 1 - t31.alignment() <= ALIGNMENT_ATOL ? Outcome.HOLDS : Outcome.FAILS,
                fmt("closed form %.10f, trained %.10f (relative %+.2e, tolerance %.0e); alignment %.8f "
                        + "(tolerance 1 - %.0e)", t31.closedValue(), t31.trainedValue(), e31, VALUE_RTOL,
                        t31.alignment(), ALIGNMENT_ATOL));
        double scalarMin = 0;
        for (double r : t31.trainedNormRatios()) {
            scalarMin = Math.max(scalarMin, Math.abs(r - 1));
        }
        boolean scalarOk = scalarMin <= RATIO_ATOL && fig3a.scalarRatioError() <= RATIO_ATOL;
        out.verdict("Prop. 3.1 (scalar output): the hidden layers have equal operator and Frobenius norms",
                scalarOk ? Outcome.HOLDS : Outcome.FAILS,
                fmt("max |ratio - 1| over hidden layers: %.2e for the trained minimum-norm network (Thm 3.1 "
                        + "instance), %.2e for weight decay with c = 1 (Figure 3a run); tolerance %.0e",
                        scalarMin, fig3a.scalarRatioError(), RATIO_ATOL));
        out.verdict("Prop. 3.1 / Figure 3a (vector output): the hidden layers have equal operator and Frobenius norms",
                scalarOk && fig3a.vectorOk() ? Outcome.HOLDS_UNDER_CONDITION : Outcome.FAILS,
                "only when the optimal weights are rank one (scalar output, or beta large enough); " + fig3a.vectorDetail());

        double gap = t34.closedValue() - t34.dualValue();
        boolean trainedAtP = Math.abs(t34.trainedValue() - t34.closedValue()) <= VALUE_RTOL * t34.closedValue();
        out.verdict("Thm 3.4: strong duality for vector-output deep linear networks (standard network)",
                gap > VALUE_EQUAL_RTOL * t34.closedValue() && trainedAtP ? Outcome.FAILS : Outcome.HOLDS,
                fmt("X = I_3, Y = diag(3,2,1), L = 3: primal P = %.4f (closed form; gradient training reaches "
                        + "%.4f, residual %.1e) > dual D = %.4f, gap %.4f. This conflicts with 003's claim and agrees "
                        + "with Wang, Ergen, Pilanci Thm 3 (gap zero iff rank(X^+Y) <= 1); 003's proof treats the "
                        + "parallel relaxation as the standard network.", t34.closedValue(), t34.trainedValue(),
                        t34.trainedResidual(), t34.dualValue(), gap));
        boolean relaxedOk = Math.abs(t34.relaxedValue() - t34.dualValue()) <= VALUE_EQUAL_RTOL * t34.dualValue()
                && t34.relaxedFitError() <= VALUE_EQUAL_RTOL;
        out.verdict("Thm 3.3/3.4 read as the parallel relaxation (balanced branches): strong duality, weights of Thm 3.3",
                relaxedOk ? Outcome.HOLDS : Outcome.FAILS,
                fmt("the Thm 3.3 weights (one branch per singular direction, shared scale t* = ||X^+Y||_*^{1/L}) fit "
                        + "Y exactly (||XW - Y|| = %.1e) with relaxed objective %.10f = dual D = %.10f: a feasible "
                        + "primal point at the dual value certifies zero gap for the relaxation",
                        t34.relaxedFitError(), t34.relaxedValue(), t34.dualValue()));
    }

    // ------------------------------------------------------------------ helpers

    private static <C extends GridCell, R> List<R> run(ReportContext ctx, GridExperiment<C, R> experiment) {
        return ctx.gridRunner().run(experiment).results();
    }

    private static String arr(double[] a) {
        StringBuilder b = new StringBuilder("[");
        for (int i = 0; i < a.length; i++) {
            b.append(i == 0 ? "" : ", ").append(fmt("%.4g", a[i]));
        }
        return b.append(']').toString();
    }

    private static String fmt(String format, Object... args) {
        return String.format(Locale.ROOT, format, args);
    }
}
