package io.dualnet.deeprelu;

import org.ejml.data.DMatrixRMaj;

import java.util.List;
import java.util.Locale;

/**
 * The minimum-norm bias-free deep ReLU network on rank-one data built by {@link RankOneRelu}, with the closed-form
 * primal and dual values and the values recomputed from the returned weights and dual point.
 *
 * @param depth {@code L}
 * @param primal the closed-form optimal value {@code P} of {@code min 1/2 sum_l ||W_l||_F^2 s.t. f(X) = Y} (for
 *     {@link Status#FEASIBLE} and {@link Status#FORCED}: the objective of the returned network, an upper bound)
 * @param dual the closed-form dual value {@code D = (L/2) K^{2/L}}, {@code K = (||alpha|| + ||beta||) / ||a0||}
 *     (NaN for {@link Status#FORCED})
 * @param data the rank-one factorization of {@code X}
 * @param target the decomposition of {@code Y}
 * @param weights {@code W_1 .. W_L} (rows are inputs of the layer: {@code W_l} is {@code m_(l-1) x m_l})
 * @param dualPoint {@code Lambda} ({@code n x K}), optimal for the rescaled dual {@code D(1)} (Prop. 5 (20))
 * @param networkObjective {@code 1/2 sum_l ||W_l||_F^2} recomputed from {@code weights}
 * @param fitResidual {@code ||f(X) - Y||_F / max(||Y||_F, 1)} recomputed on the given {@code X}
 * @param dualRecomputed {@code (L/2) (tr(Lambda^T Y) / max_v ||Lambda^T v||)^{2/L}}, the maximum over the exact
 *     extreme points {@code ||a0|| c+, ||a0|| c-} of {@code A(1)}
 * @param status whether {@code primal} is certified optimal
 * @param optimality how optimality is known, in words
 */
public record RankOneReluSolution(int depth, double primal, double dual, RankOneData data, RankOneTarget target,
                                  List<DMatrixRMaj> weights, DMatrixRMaj dualPoint, double networkObjective,
                                  double fitResidual, double dualRecomputed, Status status, String optimality) {

    /** What is known about {@link #primal()}. */
    public enum Status {
        /** Certified global optimum (a dual certificate, or the two-path lower bound of {@link TwoPathReduction}). */
        OPTIMAL,
        /** A feasible network; its value is an upper bound, optimality is not proved. */
        FEASIBLE,
        /** Built with {@code --force} on data that is not rank-one: no certificate. */
        FORCED;

        /** Lower-case name for JSON. */
        public String label() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** Copies the list. */
    public RankOneReluSolution {
        weights = weights.stream().map(DMatrixRMaj::copy).toList();
    }

    /** {@code P - D}. */
    public double gap() {
        return primal - dual;
    }

    /** Hidden widths {@code m_1 .. m_(L-1)}. */
    public int[] hiddenWidths() {
        int[] m = new int[depth - 1];
        for (int l = 0; l < depth - 1; l++) {
            m[l] = weights.get(l).numCols;
        }
        return m;
    }
}
