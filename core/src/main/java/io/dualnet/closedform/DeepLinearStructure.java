package io.dualnet.closedform;

import io.dualnet.data.InvalidInputException;
import io.dualnet.linalg.Linalg;
import io.dualnet.linalg.MatrixDimensionException;
import io.dualnet.linalg.Matrices;
import io.dualnet.net.DeepLinearWeights;
import io.dualnet.net.ParallelLinearWeights;
import io.dualnet.reg.Schatten;
import org.ejml.data.DMatrixRMaj;

import java.util.ArrayList;
import java.util.List;

/**
 * Structure of optimal deep linear networks, Ergen and Pilanci §3 (spec §3.3): Prop. 3.1, Thm 3.1 (scalar output) and
 * Thm 3.3 (K outputs). No argument is modified.
 *
 * <p>Conventions. 003 writes the minimum-norm objective as {@code sum_l ||W_l||_F^2} without 1/2 and reports
 * {@code P* = L ||X^+ y||^{2/L}}; DualNet's {@link LinearMinNorm} uses {@code 1/2 sum_l ||W_l||_F^2} with optimum
 * {@code (L/2) ||X^+ y||^{2/L}}. Every value here is given in both conventions, named {@code ...Half} and
 * {@code ...NoHalf}.
 *
 * <p>Thm 3.3/3.4 (vector output) claim strong duality for the standard network, which conflicts with Wang, Ergen,
 * Pilanci Thm 3 (for {@code Y = diag(3,2,1)}, {@code L = 3}: {@code P = 7.0012 > D = 4.9529}). Its weights solve the
 * <em>parallel relaxation</em> with balanced branches, (6) of Wang et al.: {@code min ((L-2)/2) t^2 + sum_j
 * ||w_{L,j}||_2} over branches with {@code ||W_{l,j}||_F <= t} ({@code l <= L-2}) and {@code ||w_{L-1,j}||_2 <= 1},
 * whose optimum is the dual value {@code D = (L/2) ||X^+Y||_*^{2/L}}; {@link #vectorOutput} returns that.
 */
public final class DeepLinearStructure {
    /** Tolerance on {@code ||w_{L-1,j}||_2 <= 1} in {@link #relaxedObjective}. */
    public static final double UNIT_TOL = 1e-12;

    private DeepLinearStructure() {
    }

    /**
     * Thm 3.1 for {@code y = X w} ({@code n x 1}), with {@code a = ||X^+ y||_2} and {@code t* = a^{1/L}}.
     *
     * @param norm {@code a}
     * @param scale {@code t*}
     * @param rescaled Thm 3.1 form: {@code W_1 = t* (X^+y/a) rho_1^T}, {@code W_l = t* rho_{l-1} rho_l^T}
     *     ({@code 2 <= l <= L-2}), {@code W_{L-1} = rho_{L-2} rho_{L-1}^T} (unit column; {@code = rho_{L-2}} when
     *     {@code m_{L-1} = 1}), {@code w_L = a t*^{-(L-2)} rho_{L-1}}, with {@code rho_l = 1/sqrt(m_l)}
     * @param balanced the same directions with every layer of Frobenius norm {@code t*}; optimal for (5)
     * @param valueHalf {@code (L/2) a^{2/L}}, the optimum of {@code 1/2 sum ||W_l||_F^2} and of
     *     {@code ((L-2)/2) t^2 + ||w_L||_1} in the rescaled form
     * @param valueNoHalf {@code L a^{2/L}}, 003's {@code P*}
     */
    public record ScalarOutput(double norm, double scale, DeepLinearWeights rescaled, DeepLinearWeights balanced,
                               double valueHalf, double valueNoHalf) {
    }

    /**
     * Thm 3.3 as the solution of the parallel relaxation, from {@code X^+Y = sum_j sigma_j u_j v_j^T}.
     *
     * @param scale shared {@code t* = ||X^+Y||_*^{1/L}}
     * @param weights branch {@code j}: {@code W_{1,j} = t* u_j}, {@code W_{l,j} = [t*]} ({@code 2 <= l <= L-2}),
     *     {@code W_{L-1,j} = [1]}, {@code w_{L,j}^T = sigma_j t*^{-(L-2)} v_j^T} (for {@code L = 2}: {@code u_j} and
     *     {@code sigma_j v_j^T})
     * @param relaxedValueHalf {@code (L/2) ||X^+Y||_*^{2/L}} = {@link #relaxedObjective} of {@code weights} = the
     *     dual {@code D} of the standard network
     * @param relaxedValueNoHalf {@code L ||X^+Y||_*^{2/L}}
     * @param standardValueHalf the standard network's {@code P = (L/2) sum sigma_j^{2/L} >= relaxedValueHalf}
     */
    public record VectorOutput(double scale, ParallelLinearWeights weights, double relaxedValueHalf,
                               double relaxedValueNoHalf, double standardValueHalf) {
    }

    /**
     * Thm 3.1.
     *
     * @param hiddenWidths {@code m_1..m_{L-1}}, each {@code >= 1}; the depth is {@code L = length + 1 >= 2}
     * @throws InvalidInputException for bad data, {@code y} not a column in range(X), or bad widths
     */
    public static ScalarOutput scalarOutput(DMatrixRMaj x, DMatrixRMaj y, int[] hiddenWidths) {
        InvalidInputException.requireAtLeast("depth L", hiddenWidths.length + 1, 2);
        for (int l = 0; l < hiddenWidths.length; l++) {
            InvalidInputException.requireAtLeast("hiddenWidths[" + l + "]", hiddenWidths[l], 1);
        }
        if (y.numCols != 1) {
            throw new MatrixDimensionException("y", Matrices.shape(y), "one column (scalar output)");
        }
        int depth = hiddenWidths.length + 1;
        DMatrixRMaj w = LinearTarget.minimumNormSolution(x, y);
        double a = Math.sqrt(Matrices.frobeniusSquared(w));
        double t = Math.pow(a, 1.0 / depth);
        DMatrixRMaj direction = w.copy();
        if (a > 0) {
            org.ejml.dense.row.CommonOps_DDRM.scale(1 / a, direction);
        }
        double last = a == 0 ? 0 : a * Math.pow(t, -(depth - 2));
        DeepLinearWeights rescaled = chain(direction, hiddenWidths, t, 1, last);
        DeepLinearWeights balanced = chain(direction, hiddenWidths, t, t, t);
        double half = 0.5 * depth * Math.pow(a, 2.0 / depth);
        return new ScalarOutput(a, t, rescaled, balanced, half, 2 * half);
    }

    /** {@code W_1 = s x rho_1^T}, {@code W_l = s rho rho^T} up to {@code L-2}, {@code W_{L-1} = p rho rho^T}, {@code
     * w_L = q rho}; for {@code L = 2}, {@code W_1 = p x rho_1^T}. */
    private static DeepLinearWeights chain(DMatrixRMaj x, int[] m, double s, double p, double q) {
        int depth = m.length + 1;
        List<DMatrixRMaj> layers = new ArrayList<>(depth);
        for (int l = 1; l <= depth - 1; l++) {
            double scale = l <= depth - 2 ? s : p;
            DMatrixRMaj left = l == 1 ? x : unit(m[l - 2]);
            layers.add(outer(left, unit(m[l - 1]), scale));
        }
        layers.add(outer(unit(m[depth - 2]), unit(1), q));
        return new DeepLinearWeights(layers);
    }

    private static DMatrixRMaj unit(int m) {
        DMatrixRMaj r = new DMatrixRMaj(m, 1);
        java.util.Arrays.fill(r.data, 1 / Math.sqrt(m));
        return r;
    }

    private static DMatrixRMaj outer(DMatrixRMaj a, DMatrixRMaj b, double scale) {
        DMatrixRMaj out = new DMatrixRMaj(a.numRows, b.numRows);
        for (int i = 0; i < a.numRows; i++) {
            for (int j = 0; j < b.numRows; j++) {
                out.unsafe_set(i, j, scale * a.data[i] * b.data[j]);
            }
        }
        return out;
    }

    /** Thm 3.3 / 3.4 as the parallel relaxation, for {@code Y} ({@code n x K}) in range(X) and depth {@code L >= 2}. */
    public static VectorOutput vectorOutput(DMatrixRMaj x, DMatrixRMaj y, int depth) {
        InvalidInputException.requireAtLeast("depth L", depth, 2);
        LinearTarget target = LinearTarget.of(x, y);
        double nuclear = Schatten.nuclear(target.sigma());
        double t = Math.pow(nuclear, 1.0 / depth);
        int r = target.rank();
        ParallelLinearWeights weights;
        if (r == 0) {
            weights = ParallelBranches.zero(x.numCols, y.numCols, depth);
        } else {
            double[][] scales = new double[r][depth];
            for (int j = 0; j < r; j++) {
                for (int l = 0; l < depth - 2; l++) {
                    scales[j][l] = t;
                }
                scales[j][depth - 2] = 1;
                scales[j][depth - 1] = target.sigma()[j] * Math.pow(t, -(depth - 2));
            }
            weights = ParallelBranches.of(target.u(), target.v(), scales);
        }
        double half = 0.5 * depth * Math.pow(nuclear, 2.0 / depth);
        double standard = 0.5 * depth * Schatten.powerSum(target.sigma(), 2.0 / depth);
        return new VectorOutput(t, weights, half, 2 * half, standard);
    }

    /**
     * The balanced parallel relaxation's objective (with 1/2) at {@code weights}: {@code ((L-2)/2) t^2 + sum_j
     * ||w_{L,j}||_2} with {@code t = max_{j, l <= L-2} ||W_{l,j}||_F}; {@code +Infinity} if some
     * {@code ||w_{L-1,j}||_2 > 1 + UNIT_TOL}.
     */
    public static double relaxedObjective(ParallelLinearWeights weights) {
        int depth = weights.depth();
        double t = 0;
        double sum = 0;
        for (int j = 0; j < weights.branchCount(); j++) {
            for (int l = 1; l <= depth - 2; l++) {
                t = Math.max(t, frobenius(weights.layer(j, l)));
            }
            if (frobenius(weights.layer(j, depth - 1)) > 1 + UNIT_TOL) {
                return Double.POSITIVE_INFINITY;
            }
            sum += frobenius(weights.layer(j, depth));
        }
        return 0.5 * (depth - 2) * t * t + sum;
    }

    /**
     * Prop. 3.1 check: {@code ||W_l||_2 / ||W_l||_F} for {@code l = 1..L-2} (1 for rank-one layers, NaN for a zero
     * layer). The proposition predicts all ones for optimal scalar-output networks.
     */
    public static double[] hiddenLayerNormRatios(DeepLinearWeights weights) {
        double[] out = new double[Math.max(0, weights.depth() - 2)];
        for (int l = 1; l <= out.length; l++) {
            DMatrixRMaj w = weights.layer(l);
            double f = frobenius(w);
            out[l - 1] = f == 0 ? Double.NaN : Linalg.get().singularValues(w)[0] / f;
        }
        return out;
    }

    private static double frobenius(DMatrixRMaj a) {
        return Math.sqrt(Matrices.frobeniusSquared(a));
    }
}
