package io.dualnet.deeprelu;

import io.dualnet.data.InvalidInputException;
import io.dualnet.linalg.Linalg;
import io.dualnet.linalg.MatrixDimensionException;
import io.dualnet.linalg.Matrices;
import io.dualnet.net.DeepReluNetwork;
import org.ejml.data.DMatrixRMaj;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Closed-form deep ReLU networks for whitened data, paper 003 Thm 4.3 and 4.4 (spec §3.4): {@code X X^T = I_n}
 * (rows orthonormal, {@code n <= d}; see {@link Whitening} for why not {@code X^T X}) and {@code Y} ({@code n x K})
 * with orthogonal columns, e.g. one-hot labels. Bias-free network {@code d - m - ... - m - K} with {@code L >= 2}
 * layers.
 *
 * <p><b>Paths.</b> Each non-zero part {@code u_r = (s_r y_j)_+} ({@code s_r = +-1}, {@code a_r = ||u_r||}) is one path:
 * column {@code r} of {@code W_1} is {@code c_{1,r} X^T u_r / ||X^T u_r||}, so that (whitened data)
 * {@code (X W_1)_{:,r} = c_{1,r} u_r / a_r >= 0} passes the ReLU unchanged; hidden layer {@code l = 2..L-1} carries
 * unit {@code r} to unit {@code r} with gain {@code c_{l,r}} (the paper's mutually orthogonal non-negative
 * {@code Phi_{l,r}}, chosen as scaled basis vectors); row {@code r} of {@code W_L} is {@code s_r w_r e_j^T}. Path
 * {@code r} then outputs {@code rho_r s_r u_r / a_r e_j^T} with {@code rho_r = w_r prod_l c_{l,r}}; the parts have
 * disjoint supports, so the objective separates over paths. Needs {@code m >= #paths}.
 *
 * <p><b>Variants.</b>
 * <ul>
 * <li>{@code BALANCED} (default): every layer of path {@code r} has the same gain {@code rho_r^{1/L}}, the optimum
 * within this path family. {@code beta = 0} (min {@code (1/2) sum ||W_l||_F^2} s.t. {@code f(X) = Y}):
 * {@code rho_r = a_r}, value {@code (L/2) sum_r a_r^{2/L}}. {@code beta > 0} (003 (17),
 * {@code (1/2)||f - Y||_F^2 + (beta/2) sum ||W_l||_F^2}): {@code rho_r} minimizes
 * {@code (1/2)(a_r - rho)^2 + (beta L/2) rho^{2/L}} (for {@code L = 2} the soft threshold {@code (a_r - beta)_+}).</li>
 * <li>{@code PAPER}: Thm 4.3's layout for {@code beta = 0} (every hidden layer has Frobenius norm {@code t}, split
 * equally over the paths, {@code t} optimal, last layer solved exactly), and Thm 4.4 <em>with the sign fixed</em> for
 * {@code beta > 0}: hidden gains 1 ({@code t* = 1}), {@code W_L = sum_r (a_r - beta)_+ Phi_{L-1,r} e^_r^T} with
 * {@code e^_{2j-1} = e_j}, {@code e^_{2j} = -e_j}. Optimal for the rescaled problem (hidden paths at unit norm,
 * penalty {@code beta sum_r |w_{L,r}|}), whose dual (52) is reported beside it.</li>
 * <li>{@code PAPER_AS_PRINTED} ({@code beta > 0}): Thm 4.4 as extracted, {@code e^_{2j-1} = e^_{2j} = e_j} and
 * coefficient {@code a_r - beta} without the positive part: it adds the negative part of {@code y_j} with the wrong
 * sign (and flips paths with {@code a_r < beta}). Kept to show the error.</li>
 * </ul>
 *
 * <p><b>Lower bound.</b> For any bias-free network, {@code ||f(X)||_* <= ||A_{L-1}||_F ||W_L||_F <= ||X||_2
 * prod_l ||W_l||_F} (ReLU is 1-Lipschitz, {@code ||AB||_* <= ||A||_F ||B||_F}), and by AM-GM
 * {@code (1/2) sum ||W_l||_F^2 >= (L/2) (prod ||W_l||_F)^{2/L}}. Hence, with {@code sigma = sqrt(1 + ||X X^T - I||_2)
 * >= ||X||_2} (exact for whitened data): for
 * {@code beta = 0}, {@code P >= (L/2)(||Y||_* / sigma)^{2/L}}, the same form as 002's dual of the deep linear network;
 * for {@code beta > 0}, {@code P >= min_s g(s) + h(s)} with {@code g(s) = (1/2) dist(Y, {||F||_* <= s})^2}
 * (decreasing) and {@code h(s) = (beta L/2)(s/sigma)^{2/L}} (increasing), bounded rigorously on a grid by
 * {@code min_k g(s_{k+1}) + h(s_k)}. The bound is tight when there is one path; with several paths the standard
 * network may have a gap (002 §1.7), and the status says {@code bounded}.
 */
public final class WhitenedClosedForm {
    /** Default tolerance for the whitening and orthogonality checks and for calling a gap zero (relative). */
    public static final double DEFAULT_TOLERANCE = 1e-9;
    /** Grid intervals of the rigorous lower bound for {@code beta > 0}. */
    static final int BOUND_GRID = 1 << 12;
    /** Subdivisions of a grid interval that may hold the minimum. */
    static final int BOUND_REFINE = 1 << 10;

    /** The construction. */
    public enum Variant {
        /** Per-path balanced gains: optimal within the path family, for both problems. */
        BALANCED,
        /** The paper's layout: Thm 4.3 ({@code beta = 0}), Thm 4.4 with the sign fixed ({@code beta > 0}). */
        PAPER,
        /** Thm 4.4 exactly as extracted (lost sign, no positive part); {@code beta > 0} only. */
        PAPER_AS_PRINTED;

        /** Lower-case name with dashes, as on the command line. */
        public String cliName() {
            return name().toLowerCase(Locale.ROOT).replace('_', '-');
        }
    }

    /**
     * Options, validated on construction.
     *
     * @param depth {@code L >= 2}
     * @param hiddenWidth units per hidden layer {@code m >= 1} (must be at least the number of paths)
     * @param beta weight decay, finite {@code >= 0}; 0 = minimum-norm interpolation
     * @param variant the construction
     * @param tolerance for the whitening and orthogonality checks, finite {@code > 0}
     * @param force build even when the data violate the assumptions (status {@code forced})
     */
    public record Options(int depth, int hiddenWidth, double beta, Variant variant, double tolerance, boolean force) {
        /** Validates every field. */
        public Options {
            InvalidInputException.requireAtLeast("depth", depth, 2);
            InvalidInputException.requireAtLeast("hiddenWidth", hiddenWidth, 1);
            InvalidInputException.requireNonNegative("beta", beta);
            if (variant == null) {
                throw new InvalidInputException("variant", null, "one of " + Arrays.toString(Variant.values()));
            }
            if (variant == Variant.PAPER_AS_PRINTED && beta == 0) {
                throw new InvalidInputException("variant", variant.cliName(),
                        "balanced or paper when beta = 0 (paper-as-printed is Thm 4.4, beta > 0)");
            }
            InvalidInputException.requirePositive("tolerance", tolerance);
        }

        /** Balanced, default tolerance, no force. */
        public static Options of(int depth, int hiddenWidth, double beta) {
            return new Options(depth, hiddenWidth, beta, Variant.BALANCED, DEFAULT_TOLERANCE, false);
        }

        public Options withVariant(Variant v) {
            return new Options(depth, hiddenWidth, beta, v, tolerance, force);
        }

        public Options withForce(boolean v) {
            return new Options(depth, hiddenWidth, beta, variant, tolerance, v);
        }
    }

    private WhitenedClosedForm() {
    }

    /** One label path: column, sign, part and its norm. */
    private record Path(int column, int sign, double[] part, double norm) {
    }

    /**
     * Builds the network and its certificate.
     *
     * @param x whitened inputs {@code n x d} ({@code X X^T = I_n})
     * @param y targets {@code n x K} with orthogonal columns
     * @throws InvalidInputException when the data are not whitened or {@code Y}'s columns not orthogonal (unless
     *     {@code force}; the message names the measured deviation and the tolerance), when {@code y} is zero, or when
     *     {@code hiddenWidth} is below the number of paths
     */
    public static WhitenedSolution solve(DMatrixRMaj x, DMatrixRMaj y, Options o) {
        Matrices.requireNonEmpty("x", x);
        Matrices.requireNonEmpty("y", Matrices.requireFinite("y", y));
        if (y.numRows != x.numRows) {
            throw new MatrixDimensionException("y", Matrices.shape(y), x.numRows + " x K (one row per sample of x)");
        }
        List<Path> paths = paths(y);
        int n = x.numRows;
        int d = x.numCols;
        int p = paths.size();
        int l = o.depth();
        double[][] hidden = new double[p][l - 1];
        double[] last = new double[p];
        int[] lastSign = new int[p];
        boolean buildable = p > 0 && o.hiddenWidth() >= p;
        if (buildable) {
            scales(paths, o, hidden, last, lastSign);
        }
        // Pass 1 over X: X^T u_r for every path (sparse rows) and X^T Z for the probes (one GEMM); a non-finite entry
        // of X makes these non-finite, so X itself is scanned only then (for the message).
        WhiteningCheck check = WhiteningCheck.plan(n, d);
        DMatrixRMaj phi = pathProjections(x, paths);
        DMatrixRMaj probes = check.probes();
        DMatrixRMaj xtz = probes == null ? null : Linalg.get().mult(x, true, probes, false);
        if (!allFinite(phi) || (xtz != null && !allFinite(xtz))) {
            Matrices.requireFinite("x", x);
            throw new InvalidInputException("x", "entries whose products overflow", "finite products X^T v");
        }
        DeepReluNetwork net = buildable
                ? build(phi, columnNorms(phi), d, y.numCols, paths, o, hidden, last, lastSign) : null;
        // Pass 2 over X: X [W_1's path columns | X^T Z] = the first layer's pre-activations and X X^T Z (one GEMM).
        DMatrixRMaj second = secondPass(x, net, p, xtz);
        check.measure(x, second, net == null ? 0 : p);
        double white = check.deviation();
        double ortho = orthogonalityDeviation(y);
        if (!o.force() && !(white <= o.tolerance())) {
            throw new WhitenedAssumptionException("x", "X is not whitened", check.normName(), white, o.tolerance());
        }
        if (!o.force() && !(ortho <= o.tolerance())) {
            throw new WhitenedAssumptionException("y", "Y does not have orthogonal columns",
                    "max |cos(y_i, y_j)|", ortho, o.tolerance());
        }
        checkedPaths(o, paths);
        DMatrixRMaj f = forward(net, second, p);
        double loss = 0;
        for (int i = 0; i < f.getNumElements(); i++) {
            double r = f.data[i] - y.data[i];
            loss += r * r;
        }
        loss *= 0.5;
        double penalty = 0.5 * net.squaredNorm(false);
        double objective = o.beta() == 0 ? penalty : loss + o.beta() * penalty;
        double[] norms = new double[p];
        double[] gains = new double[p];
        for (int r = 0; r < p; r++) {
            norms[r] = paths.get(r).norm;
            double g = Math.abs(last[r]);
            for (double c : hidden[r]) {
                g *= c;
            }
            gains[r] = g;
        }
        // ||X||_2^2 = lambda_max(X X^T) <= 1 + ||X X^T - I||_2: a valid bound (exact when whitened), no SVD of X.
        double sigmaX = Math.sqrt(1 + white);
        double[] sy = Linalg.get().singularValues(y);
        double bound = o.beta() == 0 ? minNormBound(sy, sigmaX, l) : regularizedBound(sy, sigmaX, l, o.beta());
        double rescaledPrimal = Double.NaN;
        double rescaledDual = Double.NaN;
        if (o.variant() != Variant.BALANCED && o.beta() > 0) {
            double l1 = 0;
            DMatrixRMaj wl = net.weightView(l);
            for (double v : wl.data) {
                l1 += Math.abs(v);
            }
            rescaledPrimal = loss + o.beta() * l1;
            rescaledDual = 0;
            for (Path path : paths) {
                double a = path.norm;
                rescaledDual += a <= o.beta() ? 0.5 * a * a : o.beta() * a - 0.5 * o.beta() * o.beta();
            }
        }
        double gap = objective - bound;
        boolean assumptions = white <= o.tolerance() && ortho <= o.tolerance();
        String status = !assumptions ? "forced"
                : gap <= o.tolerance() * Math.max(1, Math.abs(objective)) * 1e3 ? "certified" : "bounded";
        return new WhitenedSolution(net, o.variant(), l, o.beta(), objective, loss, penalty, bound, gap,
                Math.sqrt(2 * loss), p, norms, gains, rescaledPrimal, rescaledDual, white, check.route(),
                check.failureProbability(), check.columnDeviation(), ortho, status);
    }

    /**
     * The network alone, without the whitening and orthogonality checks or any certificate: for callers that have
     * checked the data already (and for benchmarks of the construction). Same construction as
     * {@link #solve}; {@code O(n d)} for one-hot labels.
     *
     * @throws InvalidInputException when {@code y} is zero or {@code hiddenWidth} is below the number of paths
     */
    public static DeepReluNetwork network(DMatrixRMaj x, DMatrixRMaj y, Options o) {
        List<Path> paths = checkedPaths(o, paths(y));
        double[][] hidden = new double[paths.size()][o.depth() - 1];
        double[] last = new double[paths.size()];
        int[] lastSign = new int[paths.size()];
        scales(paths, o, hidden, last, lastSign);
        DMatrixRMaj phi = pathProjections(x, paths);
        return build(phi, columnNorms(phi), x.numCols, y.numCols, paths, o, hidden, last, lastSign);
    }

    private static List<Path> checkedPaths(Options o, List<Path> paths) {
        if (paths.isEmpty()) {
            throw new InvalidInputException("y", "all zeros", "a target with a non-zero entry");
        }
        if (o.hiddenWidth() < paths.size()) {
            throw new InvalidInputException("hiddenWidth", o.hiddenWidth(), "at least " + paths.size()
                    + " (one hidden unit per label path (y_j)_+ / (-y_j)_+)");
        }
        return paths;
    }

    /**
     * {@code X^T u_r} for every path, as the rows of a {@code p x d} matrix: one pass over the rows of {@code X},
     * each row added to the paths on which it is non-zero ({@code O(n d)} for one-hot labels).
     */
    private static DMatrixRMaj pathProjections(DMatrixRMaj x, List<Path> paths) {
        int n = x.numRows;
        int d = x.numCols;
        int p = paths.size();
        double[] out = new double[p * d];
        double[] xd = x.data;
        for (int i = 0; i < n; i++) {
            int xo = i * d;
            for (int r = 0; r < p; r++) {
                double u = paths.get(r).part[i];
                if (u != 0) {
                    int oo = r * d;
                    for (int c = 0; c < d; c++) {
                        out[oo + c] += u * xd[xo + c];
                    }
                }
            }
        }
        return new DMatrixRMaj(p, d, true, out);
    }

    /** Euclidean norms of the rows of {@code phi}. */
    private static double[] columnNorms(DMatrixRMaj phi) {
        double[] norms = new double[phi.numRows];
        for (int r = 0; r < phi.numRows; r++) {
            double s = 0;
            for (int c = 0; c < phi.numCols; c++) {
                double v = phi.data[r * phi.numCols + c];
                s += v * v;
            }
            norms[r] = Math.sqrt(s);
        }
        return norms;
    }

    private static boolean allFinite(DMatrixRMaj a) {
        for (int i = 0; i < a.getNumElements(); i++) {
            if (!Double.isFinite(a.data[i])) {
                return false;
            }
        }
        return true;
    }

    /**
     * {@code X [W_1(:, 1..p) | X^T Z]} ({@code n x (p + k)}): the first layer's pre-activations on its path columns
     * (recomputed from the returned weights) beside {@code X X^T Z}, one GEMM; absent parts are left out.
     */
    private static DMatrixRMaj secondPass(DMatrixRMaj x, DeepReluNetwork net, int p, DMatrixRMaj xtz) {
        int d = x.numCols;
        int active = net == null ? 0 : p;
        int k = xtz == null ? 0 : xtz.numCols;
        int q = active + k;
        if (q == 0) {
            return new DMatrixRMaj(x.numRows, 0);
        }
        DMatrixRMaj right = new DMatrixRMaj(d, q);
        DMatrixRMaj w1 = net == null ? null : net.weightView(1);
        for (int c = 0; c < d; c++) {
            for (int r = 0; r < active; r++) {
                right.data[c * q + r] = w1.data[c * w1.numCols + r];
            }
            for (int j = 0; j < k; j++) {
                right.data[c * q + active + j] = xtz.data[c * k + j];
            }
        }
        return Linalg.get().mult(x, false, right, false);
    }

    /**
     * The network's outputs from the first layer's pre-activations on its path columns (the other columns of
     * {@code W_1} are zero, so are their pre-activations): ReLU, then layers {@code 2..L} as in
     * {@link DeepReluNetwork#activations}.
     */
    private static DMatrixRMaj forward(DeepReluNetwork net, DMatrixRMaj second, int p) {
        int n = second.numRows;
        int m = net.weightView(1).numCols;
        DMatrixRMaj a = new DMatrixRMaj(n, m);
        for (int i = 0; i < n; i++) {
            for (int r = 0; r < p; r++) {
                a.data[i * m + r] = Math.max(0, second.data[i * second.numCols + r]);
            }
        }
        for (int layer = 2; layer <= net.depth(); layer++) {
            DMatrixRMaj z = Linalg.get().mult(a, false, net.weightView(layer), false);
            if (layer < net.depth()) {
                DeepReluNetwork.relu(z);
            }
            a = z;
        }
        return a;
    }

    /** The label paths: for each column {@code j}, {@code (y_j)_+} then {@code (-y_j)_+}, the non-zero ones. */
    private static List<Path> paths(DMatrixRMaj y) {
        List<Path> out = new ArrayList<>();
        for (int j = 0; j < y.numCols; j++) {
            for (int s : new int[] {1, -1}) {
                double[] u = new double[y.numRows];
                double nn = 0;
                for (int i = 0; i < y.numRows; i++) {
                    u[i] = Math.max(0, s * y.get(i, j));
                    nn += u[i] * u[i];
                }
                if (nn > 0) {
                    out.add(new Path(j, s, u, Math.sqrt(nn)));
                }
            }
        }
        return out;
    }

    /** Hidden gains {@code c_{l,r}} ({@code l = 1..L-1}) and last-layer coefficients {@code w_r} with signs. */
    private static void scales(List<Path> paths, Options o, double[][] hidden, double[] last, int[] sign) {
        int l = o.depth();
        int p = paths.size();
        double beta = o.beta();
        double sumSq = 0;
        for (Path path : paths) {
            sumSq += path.norm * path.norm;
        }
        // Thm 4.3's uniform hidden norm t: t^{2L} = (sum_r a_r^2) P^{L-1}.
        double t = Math.pow(sumSq * Math.pow(p, l - 1), 1.0 / (2 * l));
        for (int r = 0; r < p; r++) {
            double a = paths.get(r).norm;
            sign[r] = paths.get(r).sign;
            switch (o.variant()) {
                case BALANCED -> {
                    double rho = beta == 0 ? a : pathGain(a, beta, l);
                    double c = Math.pow(rho, 1.0 / l);
                    Arrays.fill(hidden[r], c);
                    last[r] = c;
                }
                case PAPER -> {
                    if (beta == 0) {
                        double c = t / Math.sqrt(p);
                        Arrays.fill(hidden[r], c);
                        last[r] = a / Math.pow(c, l - 1);
                    } else {
                        Arrays.fill(hidden[r], 1.0);
                        last[r] = Math.max(0, a - beta);
                    }
                }
                case PAPER_AS_PRINTED -> {
                    Arrays.fill(hidden[r], 1.0);
                    last[r] = a - beta;
                    sign[r] = 1;
                }
                default -> throw new IllegalStateException(o.variant().name());
            }
        }
    }

    /**
     * The minimizer over {@code rho >= 0} of {@code (1/2)(a - rho)^2 + (beta L/2) rho^{2/L}}: one path's end-to-end
     * gain under plain weight decay with balanced layers. {@code L = 2}: {@code (a - beta)_+}; {@code L >= 3}: the
     * larger root of {@code rho + beta rho^{2/L - 1} = a} when it beats {@code rho = 0}, else 0.
     */
    public static double pathGain(double a, double beta, int depth) {
        if (depth == 2) {
            return Math.max(0, a - beta);
        }
        double q = 2.0 / depth - 1; // in (-1, 0)
        // psi(rho) = rho + beta rho^q is convex with its minimum at rho0 = (-beta q)^{1/(1-q)}.
        double rho0 = Math.pow(-beta * q, 1 / (1 - q));
        if (rho0 + beta * Math.pow(rho0, q) > a) {
            return 0;
        }
        double lo = rho0;
        double hi = Math.max(a, rho0);
        for (int it = 0; it < 200 && hi - lo > 1e-15 * Math.max(1, hi); it++) {
            double mid = 0.5 * (lo + hi);
            if (mid + beta * Math.pow(mid, q) < a) {
                lo = mid;
            } else {
                hi = mid;
            }
        }
        double rho = 0.5 * (lo + hi);
        double at = 0.5 * (a - rho) * (a - rho) + 0.5 * beta * depth * Math.pow(rho, 2.0 / depth);
        return at < 0.5 * a * a ? rho : 0;
    }

    private static DeepReluNetwork build(DMatrixRMaj phi, double[] phiNorms, int d, int k, List<Path> paths,
            Options o, double[][] hidden, double[] last, int[] sign) {
        int m = o.hiddenWidth();
        int l = o.depth();
        List<DMatrixRMaj> w = new ArrayList<>(l);
        DMatrixRMaj w1 = new DMatrixRMaj(d, m);
        for (int r = 0; r < paths.size(); r++) {
            double scale = phiNorms[r] > 0 ? hidden[r][0] / phiNorms[r] : 0;
            for (int c = 0; c < d; c++) {
                w1.data[c * m + r] = scale * phi.data[r * d + c];
            }
        }
        w.add(w1);
        for (int layer = 2; layer < l; layer++) {
            DMatrixRMaj wl = new DMatrixRMaj(m, m);
            for (int r = 0; r < paths.size(); r++) {
                wl.set(r, r, hidden[r][layer - 1]);
            }
            w.add(wl);
        }
        DMatrixRMaj wl = new DMatrixRMaj(m, k);
        for (int r = 0; r < paths.size(); r++) {
            wl.set(r, paths.get(r).column, sign[r] * last[r]);
        }
        w.add(wl);
        return DeepReluNetwork.withoutBiases(w);
    }

    /** The largest {@code |cos|} between two non-zero columns of {@code y} (0 for orthogonal columns). */
    public static double orthogonalityDeviation(DMatrixRMaj y) {
        DMatrixRMaj g = Linalg.get().mult(y, true, y, false);
        double worst = 0;
        for (int i = 0; i < g.numRows; i++) {
            for (int j = 0; j < i; j++) {
                double den = Math.sqrt(g.get(i, i) * g.get(j, j));
                if (den > 0) {
                    worst = Math.max(worst, Math.abs(g.get(i, j)) / den);
                }
            }
        }
        return worst;
    }

    /** {@code (L/2)(||Y||_* / sigma)^{2/L}}. */
    static double minNormBound(double[] singularValuesY, double sigmaX, int depth) {
        double nuclear = 0;
        for (double s : singularValuesY) {
            nuclear += s;
        }
        return 0.5 * depth * Math.pow(nuclear / sigmaX, 2.0 / depth);
    }

    /**
     * Rigorous grid lower bound of {@code min_s g(s) + h(s)}, see the class comment: on every interval
     * {@code [s_k, s_{k+1}]}, {@code g(s_{k+1}) + h(s_k)} bounds the function from below; intervals whose bound is
     * below the best value seen at a grid point are subdivided once more.
     */
    static double regularizedBound(double[] sy, double sigmaX, int depth, double beta) {
        L1Ball ball = new L1Ball(sy);
        double nuclear = ball.total;
        int grid = BOUND_GRID;
        double[] g = new double[grid + 1];
        double[] h = new double[grid + 1];
        double upper = Double.POSITIVE_INFINITY;
        for (int k = 0; k <= grid; k++) {
            double s = nuclear * k / grid;
            g[k] = 0.5 * ball.squaredDistance(s);
            h[k] = regularizerBound(s, sigmaX, depth, beta);
            upper = Math.min(upper, g[k] + h[k]);
        }
        double bound = upper;
        for (int k = 0; k < grid; k++) {
            if (g[k + 1] + h[k] >= upper) {
                continue;
            }
            double a = nuclear * k / grid;
            double step = nuclear / grid / BOUND_REFINE;
            double prevH = h[k];
            for (int i = 1; i <= BOUND_REFINE; i++) {
                double s = a + step * i;
                bound = Math.min(bound, 0.5 * ball.squaredDistance(s) + prevH);
                prevH = regularizerBound(s, sigmaX, depth, beta);
            }
        }
        return bound;
    }

    private static double regularizerBound(double s, double sigmaX, int depth, double beta) {
        return 0.5 * beta * depth * Math.pow(s / sigmaX, 2.0 / depth);
    }

    /** Squared distances from a fixed non-negative vector to l1 balls of any radius, {@code O(k)} each. */
    private static final class L1Ball {
        private final double[] desc;
        private final double[] prefix;
        private final double total;
        private final double squares;

        L1Ball(double[] v) {
            double[] sorted = v.clone();
            Arrays.sort(sorted);
            desc = new double[sorted.length];
            prefix = new double[sorted.length + 1];
            double sq = 0;
            for (int i = 0; i < sorted.length; i++) {
                desc[i] = Math.max(0, sorted[sorted.length - 1 - i]);
                prefix[i + 1] = prefix[i] + desc[i];
                sq += desc[i] * desc[i];
            }
            total = prefix[desc.length];
            squares = sq;
        }

        /** {@code dist(v, {||u||_1 <= s})^2}: soft threshold at the level theta with sum (v_i - theta)_+ = s. */
        double squaredDistance(double s) {
            if (total <= s) {
                return 0;
            }
            if (s <= 0) {
                return squares;
            }
            double theta = 0;
            for (int k = 1; k <= desc.length; k++) {
                double th = (prefix[k] - s) / k;
                if (desc[k - 1] - th > 0) {
                    theta = th;
                }
            }
            double dist = 0;
            for (double x : desc) {
                double r = Math.min(x, theta);
                dist += r * r;
            }
            return dist;
        }
    }
}
