package io.dualnet.deeprelu;

import io.dualnet.data.InvalidInputException;
import io.dualnet.linalg.Vectors;
import io.dualnet.net.DeepReluNetwork;
import org.ejml.data.DMatrixRMaj;

import java.util.ArrayList;
import java.util.List;

/**
 * The minimum-norm bias-free deep ReLU network on rank-one data {@code X = c a0^T} (rows are samples), in closed form:
 *
 * <pre>
 *   P = min 1/2 sum_(l=1..L) ||W_l||_F^2   s.t.   ((X W_1)_+ ... W_(L-1))_+ W_L = Y
 * </pre>
 *
 * (Wang, Ergen and Pilanci (17) for {@code L = 3} and Theorem 5; Ergen and Pilanci (16), Theorem 4.1 and
 * Proposition 4.2, whose objective has no {@code 1/2}). Every such network outputs {@code |c_i| g(sign(c_i) a0)}, so
 * {@code Y = c+ alpha^T + c- beta^T} is required ({@link RankOneTarget}). With {@code a = ||alpha|| / ||a0||},
 * {@code b = ||beta|| / ||a0||}, {@code K = a + b}:
 *
 * <ul>
 *   <li>dual (Prop. 5 (20) optimized over the budget {@code t}): {@code D = (L/2) K^{2/L}}: the extreme points of
 *       {@code A(t)} are {@code t^{L-2} ||a0|| c+} and {@code t^{L-2} ||a0|| c-};</li>
 *   <li>same sign ({@code beta = k alpha}, {@code k >= 0}): {@code P = D}, attained by one path: {@code W_1 = a0/||a0||
 *       psi^T} with {@code psi = phi+ - phi-} (disjoint supports, {@code ||phi+||^2 : ||phi-||^2 = a : b}), then
 *       {@code W_2 = |psi|/||psi|| phi_2^T}, {@code W_l = phi_(l-1)/||phi_(l-1)|| phi_l^T}, {@code W_(L-1) = phi_(L-2)},
 *       nonnegative {@code phi_l}, all layers of norm {@code K^{1/L}} (Theorem 4.1's weights, with the first layer
 *       carrying both signs);</li>
 *   <li>opposite signs ({@code beta = -k alpha}, {@code k > 0}): {@code P = (L/2)(a^{2/L} + b^{2/L}) > D}: two
 *       separate paths, for every depth. This corrects Theorem 5 of Wang et al., which claims {@code P = D}. Lower
 *       bound ({@link TwoPathReduction}): the network only sees {@code +-a0}; the cost of each layer is at least a
 *       function of the 2 x 2 Gram matrices of the activations (the ReLU never makes a layer cheaper because the
 *       activations are non-negative), and that function of norms and cosines is at least the two-path value by AM-GM
 *       once {@code (1 - c c')^2 >= (1 - c^2)(1 - c'^2)} shows that the cosines cannot pay off;</li>
 *   <li>vector outputs in different directions: the same two-path network. It is optimal when
 *       {@code alpha . beta <= 0} (the same lower bound: the output cross term has the helpful sign); for an acute
 *       angle it is an upper bound ({@link RankOneReluSolution.Status#FEASIBLE}; no closed form in the papers).</li>
 * </ul>
 *
 * <p>For {@code L = 2} the two-path network is optimal in every case ({@code P = D = K}).
 */
public final class RankOneRelu {

    /**
     * Options.
     *
     * @param depth {@code L >= 2}
     * @param width neurons per path and hidden layer, {@code >= 1} (any nonnegative {@code phi_l} of the right norm is
     *     optimal; the weights spread it evenly over {@code width} neurons)
     * @param tolerance tolerance on {@code sigma_2/sigma_1} and on the relative residual of the target's form
     * @param force build the network from the top singular pair even if {@code X} is not rank-one
     */
    public record Options(int depth, int width, double tolerance, boolean force) {
        /** Validates. */
        public Options {
            InvalidInputException.requireAtLeast("--depth", depth, 2);
            InvalidInputException.requireAtLeast("--width", width, 1);
            InvalidInputException.requireNonNegative("--tolerance", tolerance);
        }

        /** Depth {@code L}, one neuron per path, tolerance 1e-9, no force. */
        public static Options of(int depth) {
            return new Options(depth, 1, RankOneData.DEFAULT_TOLERANCE, false);
        }
    }

    private RankOneRelu() {
    }

    /** Closed-form value {@code D = (L/2) K^{2/L}}. */
    public static double dualValue(int depth, double k) {
        return 0.5 * depth * Math.pow(k, 2.0 / depth);
    }

    /** Two-path value {@code (L/2)(a^{2/L} + b^{2/L})}. */
    public static double twoPathValue(int depth, double a, double b) {
        return 0.5 * depth * (Math.pow(a, 2.0 / depth) + Math.pow(b, 2.0 / depth));
    }

    /**
     * Builds the optimal network for {@code (x, y)}.
     *
     * @throws InvalidInputException if {@code x} is not rank-one or {@code y} not fittable (unless {@code force})
     */
    public static RankOneReluSolution solve(DMatrixRMaj x, DMatrixRMaj y, Options options) {
        RankOneData data = RankOneData.of(x, "--x");
        if (!options.force()) {
            data.requireRankOne("--x", options.tolerance());
        }
        RankOneTarget target = RankOneTarget.of(data, y);
        if (!options.force()) {
            target.requireFittable("--y", options.tolerance());
        }
        return build(x, y, data, target, options);
    }

    static RankOneReluSolution build(DMatrixRMaj x, DMatrixRMaj y, RankOneData data, RankOneTarget target,
                                     Options options) {
        int depth = options.depth();
        int width = options.width();
        double an = data.a0Norm();
        double[] a0hat = data.a0().clone();
        for (int j = 0; j < a0hat.length; j++) {
            a0hat[j] /= an;
        }
        double a = target.alphaNorm();
        double b = target.betaNorm();
        double k = (a + b) / an;
        int outputs = target.outputs();
        double dual = dualValue(depth, k);
        List<DMatrixRMaj> weights;
        double primal;
        RankOneReluSolution.Status status = RankOneReluSolution.Status.OPTIMAL;
        String optimality;
        boolean onePath = target.signCase() == RankOneTarget.SignCase.SAME && depth >= 3 && a > 0 && b > 0;
        if (a == 0 && b == 0) {
            weights = zeros(data.a0().length, depth, outputs);
            primal = 0;
            optimality = "zero target";
        } else if (onePath || a == 0 || b == 0) {
            double[] e = unit(a > 0 ? target.alpha() : target.beta());
            weights = path(depth, width, a, b, e, an, a0hat);
            primal = dual;
            optimality = "dual certificate (P = D)";
        } else {
            List<DMatrixRMaj> plus = path(depth, width, a, 0, unit(target.alpha()), an, a0hat);
            List<DMatrixRMaj> minus = path(depth, width, 0, b, unit(target.beta()), an, a0hat);
            weights = blockDiagonal(plus, minus);
            primal = twoPathValue(depth, a / an, b / an);
            if (depth == 2) {
                optimality = "dual certificate (P = D for L = 2)";
            } else if (Vectors.dot(target.alpha(), target.beta()) <= 0) {
                optimality = "two-path lower bound (Gram reduction, alpha . beta <= 0): P > D";
            } else {
                status = RankOneReluSolution.Status.FEASIBLE;
                optimality = "upper bound: the two-path network (outputs at an acute angle: no closed form)";
            }
        }
        if (data.deviation() > options.tolerance() || target.residual() > options.tolerance()) {
            status = RankOneReluSolution.Status.FORCED;
            optimality = "forced: no certificate (X not rank-one or Y not fittable within the tolerance)";
        }
        DMatrixRMaj lambda = dualPoint(data, target, an);
        DeepReluNetwork network = DeepReluNetwork.withoutBiases(weights);
        double objective = 0.5 * network.squaredNorm(false);
        if (status != RankOneReluSolution.Status.OPTIMAL) {
            primal = objective;
        }
        DMatrixRMaj f = network.predict(x);
        double rr = 0;
        double yy = 0;
        for (int i = 0; i < f.data.length; i++) {
            double r = f.data[i] - y.data[i];
            rr += r * r;
            yy += y.data[i] * y.data[i];
        }
        double fit = Math.sqrt(rr) / Math.max(Math.sqrt(yy), 1);
        double dualRecomputed = recomputeDual(depth, data, y, lambda, an);
        if (status == RankOneReluSolution.Status.FORCED) {
            // the dual values belong to the rank-one projection, not to the given data: no certificate
            dual = Double.NaN;
            dualRecomputed = Double.NaN;
        }
        return new RankOneReluSolution(depth, primal, dual, data, target, weights, lambda, objective, fit,
                dualRecomputed, status, optimality);
    }

    /**
     * {@code Lambda = c+ alpha^T / (||c+||^2 ||alpha|| ||a0||) + c- beta^T / (||c-||^2 ||beta|| ||a0||)}, which attains
     * {@code D(1) = K} in (20) with {@code ||Lambda^T c+|| ||a0|| = ||Lambda^T c-|| ||a0|| = 1}.
     */
    private static DMatrixRMaj dualPoint(RankOneData data, RankOneTarget target, double an) {
        double[] cp = data.positivePart();
        double[] cm = data.negativePart();
        double np = Vectors.dot(cp, cp);
        double nm = Vectors.dot(cm, cm);
        double a = target.alphaNorm();
        double b = target.betaNorm();
        int n = cp.length;
        int k = target.outputs();
        DMatrixRMaj lambda = new DMatrixRMaj(n, k);
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < k; j++) {
                double v = 0;
                if (a > 0 && np > 0) {
                    v += cp[i] * target.alpha()[j] / (np * a * an);
                }
                if (b > 0 && nm > 0) {
                    v += cm[i] * target.beta()[j] / (nm * b * an);
                }
                lambda.data[i * k + j] = v;
            }
        }
        return lambda;
    }

    private static double recomputeDual(int depth, RankOneData data, DMatrixRMaj y, DMatrixRMaj lambda, double an) {
        double tr = 0;
        for (int i = 0; i < y.data.length; i++) {
            tr += lambda.data[i] * y.data[i];
        }
        double worst = Math.max(Vectors.norm(lambdaT(lambda, data.positivePart())),
                Vectors.norm(lambdaT(lambda, data.negativePart()))) * an;
        if (!(worst > 0)) {
            return 0;
        }
        return dualValue(depth, Math.max(tr, 0) / worst);
    }

    private static double[] lambdaT(DMatrixRMaj lambda, double[] v) {
        int k = lambda.numCols;
        double[] out = new double[k];
        for (int i = 0; i < lambda.numRows; i++) {
            for (int j = 0; j < k; j++) {
                out[j] += lambda.data[i * k + j] * v[i];
            }
        }
        return out;
    }

    /**
     * One path fitting {@code a} at {@code +a0} and {@code b} at {@code -a0} in direction {@code e}; for {@code L = 2}
     * only one of {@code a, b} may be non-zero.
     */
    static List<DMatrixRMaj> path(int depth, int width, double a, double b, double[] e, double an, double[] a0hat) {
        double tau = Math.pow((a + b) / an, 1.0 / depth);
        int wp = a > 0 ? width : 0;
        int wm = b > 0 ? width : 0;
        int m1 = wp + wm;
        double[] psi = new double[m1];
        for (int i = 0; i < wp; i++) {
            psi[i] = Math.sqrt(tau * tau * a / (a + b) / width);
        }
        for (int i = 0; i < wm; i++) {
            psi[wp + i] = -Math.sqrt(tau * tau * b / (a + b) / width);
        }
        double[] abs = new double[m1];
        for (int i = 0; i < m1; i++) {
            abs[i] = Math.abs(psi[i]);
        }
        List<DMatrixRMaj> w = new ArrayList<>();
        w.add(outer(a0hat, psi, 1));
        double[] ones = new double[depth == 2 ? 0 : width];
        java.util.Arrays.fill(ones, tau / Math.sqrt(width));
        if (depth == 2) {
            w.add(outer(abs, e, 1));
            return w;
        }
        if (depth == 3) {
            w.add(column(abs));
        } else {
            w.add(outer(abs, ones, 1 / tau));
            for (int l = 3; l <= depth - 2; l++) {
                w.add(outer(ones, ones, 1 / tau));
            }
            w.add(column(ones));
        }
        w.add(outer(new double[] {1}, e, tau));
        return w;
    }

    /** Places two networks side by side: first layer concatenated, middle layers block diagonal, last stacked. */
    static List<DMatrixRMaj> blockDiagonal(List<DMatrixRMaj> p, List<DMatrixRMaj> q) {
        int depth = p.size();
        List<DMatrixRMaj> out = new ArrayList<>(depth);
        for (int l = 0; l < depth; l++) {
            DMatrixRMaj a = p.get(l);
            DMatrixRMaj b = q.get(l);
            boolean first = l == 0;
            boolean last = l == depth - 1;
            int rows = first ? a.numRows : a.numRows + b.numRows;
            int cols = last ? a.numCols : a.numCols + b.numCols;
            DMatrixRMaj m = new DMatrixRMaj(rows, cols);
            int r0 = first ? 0 : a.numRows;
            int c0 = last ? 0 : a.numCols;
            for (int i = 0; i < a.numRows; i++) {
                for (int j = 0; j < a.numCols; j++) {
                    m.set(i, j, a.get(i, j));
                }
            }
            for (int i = 0; i < b.numRows; i++) {
                for (int j = 0; j < b.numCols; j++) {
                    m.set(r0 + i, c0 + j, b.get(i, j));
                }
            }
            out.add(m);
        }
        return out;
    }

    private static List<DMatrixRMaj> zeros(int d, int depth, int outputs) {
        List<DMatrixRMaj> w = new ArrayList<>();
        int prev = d;
        for (int l = 1; l < depth; l++) {
            w.add(new DMatrixRMaj(prev, 1));
            prev = 1;
        }
        w.add(new DMatrixRMaj(prev, outputs));
        return w;
    }

    private static DMatrixRMaj outer(double[] u, double[] v, double scale) {
        DMatrixRMaj m = new DMatrixRMaj(u.length, v.length);
        for (int i = 0; i < u.length; i++) {
            for (int j = 0; j < v.length; j++) {
                m.data[i * v.length + j] = scale * u[i] * v[j];
            }
        }
        return m;
    }

    private static DMatrixRMaj column(double[] u) {
        return outer(u, new double[] {1}, 1);
    }

    private static double[] unit(double[] v) {
        double n = Vectors.norm(v);
        double[] u = new double[v.length];
        for (int i = 0; i < v.length; i++) {
            u[i] = v[i] / n;
        }
        return u;
    }
}
