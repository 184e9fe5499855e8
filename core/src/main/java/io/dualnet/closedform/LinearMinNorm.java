package io.dualnet.closedform;

import io.dualnet.data.InvalidInputException;
import io.dualnet.net.DeepLinearWeights;
import io.dualnet.net.ParallelLinearWeights;
import io.dualnet.reg.Schatten;
import org.ejml.data.DMatrixRMaj;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Closed forms of the minimum-norm deep linear problems of Wang, Ergen, Pilanci (ICLR 2023), all from one SVD of
 * {@code X^+ Y = U diag(sigma) V^T} of rank {@code r} (spec §1.4–1.8):
 *
 * <ul>
 *   <li>standard network (5): {@code P = min 1/2 sum_l ||W_l||_F^2 s.t. X W_1...W_L = Y}
 *       {@code = (L/2) sum_i sigma_i^{2/L}} (Prop. 2, (42));</li>
 *   <li>its dual, Prop. 1 with (11) optimized over {@code t}: {@code D = (L/2) ||X^+Y||_*^{2/L}};</li>
 *   <li>rescaled problems (10), (11): {@code P_lin(t) = t^{-(L-2)} ||X^+Y||_{S_{2/L}}},
 *       {@code D_lin(t) = t^{-(L-2)} ||X^+Y||_*}, with {@code P = min_t ((L-2)/2) t^2 + P_lin(t)} attained at
 *       {@code t* = ||X^+Y||_{S_{2/L}}^{1/L}};</li>
 *   <li>parallel network (14)/(15), Theorem 4: {@code min (1/L) sum_j sum_l ||W_{l,j}||_F^L = ||X^+Y||_*} (= its dual
 *       (16)); the parallel network with plain weight decay (12), {@code 1/2 sum_j sum_l ||W_{l,j}||_F^2}, has the
 *       same optimum {@code P} as the standard network (Prop. 3 and subadditivity of {@code ||.||_{S_p}^p}).</li>
 * </ul>
 *
 * <p>Every value uses the factor {@code 1/2} in front of squared Frobenius norms (without it, {@code P} and {@code D}
 * double). The gap {@code P - D} vanishes iff {@code rank(X^+Y) <= 1} or {@code L = 2}. The paper's wording "iff the
 * singular values are equal" is not what (10) and (11) give: {@code X = Y = I_2}, {@code L = 3} has {@code P = 3 >
 * D = 1.5 * 2^{2/3}}.
 *
 * <p>An immutable value; the arguments are validated, copied and never modified.
 */
public final class LinearMinNorm {
    private final LinearTarget target;
    private final int depth;
    private final int[] hidden;

    /** Minimum hidden widths {@code m_l = max(1, rank(X^+Y))}. */
    public LinearMinNorm(DMatrixRMaj x, DMatrixRMaj y, int depth) {
        this(x, y, depth, null);
    }

    /**
     * @param x data {@code X}, {@code n x d}, finite
     * @param y targets {@code Y}, {@code n x c}, finite, in range(X)
     * @param hiddenWidths {@code m_1..m_{L-1}} (length {@code L - 1}), each {@code >= rank(X^+Y)}
     * @throws InvalidInputException on non-finite data, {@code Y} outside range(X), widths below the rank
     */
    public LinearMinNorm(DMatrixRMaj x, DMatrixRMaj y, int[] hiddenWidths) {
        this(x, y, hiddenWidths == null ? 1 : hiddenWidths.length + 1, hiddenWidths);
    }

    private LinearMinNorm(DMatrixRMaj x, DMatrixRMaj y, int depth, int[] hiddenWidths) {
        InvalidInputException.requireAtLeast("depth L", depth, 2);
        this.target = LinearTarget.of(x, y);
        this.depth = depth;
        int r = target.rank();
        if (hiddenWidths == null) {
            this.hidden = new int[depth - 1];
            Arrays.fill(hidden, Math.max(1, r));
        } else {
            for (int l = 0; l < hiddenWidths.length; l++) {
                if (hiddenWidths[l] < Math.max(1, r)) {
                    throw new InvalidInputException("hiddenWidths[" + l + "] (m_" + (l + 1) + ")", hiddenWidths[l],
                            "width >= rank(X^+Y) = " + r + " (and >= 1)");
                }
            }
            this.hidden = hiddenWidths.clone();
        }
    }

    /** Depth {@code L}. */
    public int depth() {
        return depth;
    }

    /** Hidden widths {@code m_1..m_{L-1}} (a copy). */
    public int[] hiddenWidths() {
        return hidden.clone();
    }

    /** Numerical rank {@code r} of {@code X^+Y}. */
    public int rank() {
        return target.rank();
    }

    /** The {@code r} non-zero singular values of {@code X^+Y}, non-increasing (a copy). */
    public double[] singularValues() {
        return target.sigma().clone();
    }

    /** {@code X^+Y} ({@code d x c}, a copy). */
    public DMatrixRMaj minimumNormSolution() {
        return target.pinvY().copy();
    }

    /** {@code ||X^+Y||_{S_{2/L}}}. */
    public double schattenNorm() {
        return target.rank() == 0 ? 0 : Schatten.norm(target.sigma(), 2.0 / depth);
    }

    /** {@code ||X^+Y||_*}. */
    public double nuclearNorm() {
        return Schatten.nuclear(target.sigma());
    }

    /** Standard primal optimum of (5) (with 1/2): {@code P = (L/2) sum_i sigma_i^{2/L}}. */
    public double primal() {
        return 0.5 * depth * Schatten.powerSum(target.sigma(), 2.0 / depth);
    }

    /** Dual optimum of the standard network (with 1/2): {@code D = (L/2) ||X^+Y||_*^{2/L}}. */
    public double dual() {
        return 0.5 * depth * Math.pow(nuclearNorm(), 2.0 / depth);
    }

    /** {@code P - D >= 0}. */
    public double gap() {
        return primal() - dual();
    }

    /** True iff the gap is zero: {@code rank(X^+Y) <= 1} (at {@link LinearTarget#RANK_RTOL}) or {@code L = 2}. */
    public boolean gapVanishes() {
        return target.rank() <= 1 || depth == 2;
    }

    /** Optimum {@code ||X^+Y||_*} of the parallel network (14)/(15) and of its dual (16) (Theorem 4). */
    public double parallelValue() {
        return nuclearNorm();
    }

    /**
     * Optimum of the standard network under the objective of (14), {@code min (1/L) sum_l ||W_l||_F^L s.t.
     * X W_1...W_L = Y}, which is {@code ||X^+Y||_{S_{2/L}} = P_lin(1)} (AM-GM and Prop. 2). This, not
     * {@link #primal()}, is the standard value to compare with {@link #parallelValue()}:
     * {@code ||X^+Y||_* <= ||X^+Y||_{S_{2/L}}}. (The two objectives scale differently: {@code parallelValue() <=
     * primal()} fails e.g. for a large rank-one target.)
     */
    public double standardPowerValue() {
        return schattenNorm();
    }

    /** Optimum of the parallel network with weight decay (12) (with 1/2): equals {@link #primal()}. */
    public double parallelWeightDecayValue() {
        return primal();
    }

    /** Optimal scale {@code t* = ||X^+Y||_{S_{2/L}}^{1/L}} of the rescaled problem. */
    public double optimalScale() {
        return Math.pow(schattenNorm(), 1.0 / depth);
    }

    /** (10): {@code P_lin(t) = t^{-(L-2)} ||X^+Y||_{S_{2/L}}} for {@code t > 0}. */
    public double rescaledPrimal(double t) {
        InvalidInputException.requirePositive("t", t);
        return Math.pow(t, -(depth - 2)) * schattenNorm();
    }

    /** (11): {@code D_lin(t) = t^{-(L-2)} ||X^+Y||_*} for {@code t > 0}. */
    public double rescaledDual(double t) {
        InvalidInputException.requirePositive("t", t);
        return Math.pow(t, -(depth - 2)) * nuclearNorm();
    }

    /**
     * Optimal standard weights, Prop. 2 / eq (8): {@code W_l = U_{l-1} Sigma^{1/L} U_l^T} with {@code U_0 = U},
     * {@code U_L = V} and {@code U_l} the first {@code r} columns of {@code I_{m_l}}. Then {@code X W_1...W_L = Y} and
     * {@code 1/2 sum_l ||W_l||_F^2 = P}.
     */
    public DeepLinearWeights weights() {
        return BalancedLayers.propositionTwo(target.u(), target.sigma(), target.v(), hidden);
    }

    /**
     * Optimal weights of {@code P_lin(t)}, Theorem 2 / eq (9): with {@code S = ||X^+Y||_{S_{2/L}}} and
     * {@code Sigma^ = Sigma^{1/L} / S^{1/L}}, {@code W_l = t U_{l-1} Sigma^ U_l^T} for {@code l <= L-2} (so
     * {@code ||W_l||_F = t}), {@code W_{L-1} = U_{L-2} U_{L-1}^T} (unit or zero columns) and
     * {@code W_L = t^{-(L-2)} S^{(L-2)/L} Sigma^{2/L} V^T}, whose row norms sum to {@code P_lin(t)}.
     */
    public DeepLinearWeights rescaledWeights(double t) {
        InvalidInputException.requirePositive("t", t);
        int r = target.rank();
        double[] sigma = target.sigma();
        double s = schattenNorm();
        double[] hat = new double[r];
        double[] ones = new double[r];
        double[] out = new double[r];
        double outScale = Math.pow(t, -(depth - 2)) * Math.pow(s, (depth - 2.0) / depth);
        for (int i = 0; i < r; i++) {
            hat[i] = t * Math.pow(sigma[i] / s, 1.0 / depth);
            ones[i] = 1;
            out[i] = outScale * Math.pow(sigma[i], 2.0 / depth);
        }
        List<DMatrixRMaj> layers = new ArrayList<>(depth);
        if (depth == 2) {
            layers.add(BalancedLayers.first(target.u(), ones, hidden[0]));
        } else {
            layers.add(BalancedLayers.first(target.u(), hat, hidden[0]));
            for (int l = 2; l <= depth - 2; l++) {
                layers.add(BalancedLayers.middle(hat, hidden[l - 2], hidden[l - 1]));
            }
            layers.add(BalancedLayers.middle(ones, hidden[depth - 3], hidden[depth - 2]));
        }
        layers.add(BalancedLayers.last(out, target.v(), hidden[depth - 2]));
        return new DeepLinearWeights(layers);
    }

    /**
     * Optimal parallel branches (spec §1.8): branch {@code i} realizes {@code sigma_i u_i v_i^T} through hidden widths
     * 1, every one of its {@code L} layers having Frobenius norm {@code sigma_i^{1/L}}: {@code W_{1,i} = sigma_i^{1/L}
     * u_i}, {@code W_{l,i} = [sigma_i^{1/L}]}, {@code W_{L,i} = sigma_i^{1/L} v_i^T}. Both (12) (value {@code P}) and
     * (14) (value {@code ||X^+Y||_*}) are optimal at these weights. A zero target gives one all-zero branch.
     */
    public ParallelLinearWeights parallelWeights() {
        return ParallelBranches.balanced(target, depth);
    }

    /** The staircase of partial duals (Appendix D) of this problem, from the same singular values. */
    public Staircase staircase() {
        return Staircase.fromSingularValues(target.sigma(), depth);
    }
}
