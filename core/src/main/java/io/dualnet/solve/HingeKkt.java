package io.dualnet.solve;

import io.dualnet.convex.ReluConvexProblem;
import io.dualnet.linalg.Vectors;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.factory.LinearSolverFactory_DDRM;
import org.ejml.interfaces.linsol.LinearSolverDense;

/**
 * The KKT system of the hinge-loss convex ReLU program (spec §1.3; paper 002 Appendix A) on a guessed
 * {@link HingeStructure}, for {@link HingePolish}. With
 * {@code q_j = s_j (D_j X)^T lambda + sum_{(j,k) in C} mu_jk (2D_j - I)_k x_k} ({@code s_j = +-1} the block's sign),
 * the conditions read
 *
 * <pre>
 *   ||q_j|| = beta,  b_j = a_j q_j / beta  (j in G, a_j = ||b_j||),
 *   y_k sum_{j in G} s_j (D_j X b_j)_k = 1  (k in M),   (2D_j - I)_k x_k^T q_j = 0  ((j,k) in C),
 * </pre>
 *
 * a square system in the unknowns {@code z = (lambda_M, a_G, mu_C)} (in that order), smooth even where a block's norm
 * goes to zero. Its residual is {@code f = ((||q_j||^2 / beta^2 - 1) / 2 per block, y_k r_k - 1 per margin,
 * (2D_j - I)_k x_k^T q_j / beta per active constraint)}, and Newton's method takes least-squares steps
 * {@code J step = -f} (blocks whose patterns agree on every sample with {@code lambda != 0} make {@code J} singular but
 * consistent), halving them until {@code ||f||} decreases. Dense ({@code O(m^3)} per step), so only for small
 * instances. Also the problem's data and the small geometry helpers the polish shares. Holds no point; nothing passed
 * in is modified.
 */
final class HingeKkt {
    private static final int MAX_NEWTON = 40;
    private static final double MIN_STEP = 1e-6;

    final IpmPoint geometry;
    final DMatrixRMaj x;
    final double[] y;
    final double beta;
    final boolean gated;
    final int n;
    final int d;
    final int k;

    HingeKkt(ReluConvexProblem convex) {
        this.geometry = new IpmPoint(convex);
        this.x = convex.problem().featuresView();
        this.y = convex.problem().yView();
        this.beta = convex.beta();
        this.gated = convex.gated();
        this.n = x.numRows;
        this.d = x.numCols;
        this.k = convex.blockCount();
    }

    /**
     * The unknowns {@code z = (lambda_M, a_G, mu_C)} of {@code s}, read from the full {@code lambda}, the block norms
     * {@code norms} and the multipliers {@code mu} ({@code null} when {@code C} is empty); none is modified.
     */
    double[] pack(HingeStructure s, double[] lambda, double[] norms, DMatrixRMaj mu) {
        double[] z = new double[s.margin().length + s.groups().length + s.active().length];
        int at = 0;
        for (int i : s.margin()) {
            z[at++] = lambda[i];
        }
        for (int j : s.groups()) {
            z[at++] = norms[j];
        }
        for (int[] a : s.active()) {
            z[at++] = mu.get(a[1], a[0]);
        }
        return z;
    }

    /**
     * Newton's method from {@code z} (not modified): at most {@value #MAX_NEWTON} least-squares steps, each halved
     * until {@code ||f||} decreases (down to {@value #MIN_STEP}); stops at a zero residual, a failed solve or a step
     * that does not decrease it. Returns the last point.
     */
    double[] solve(HingeStructure s, double[] z) {
        double size = Vectors.norm(residual(s, z));
        for (int it = 0; it < MAX_NEWTON && size > 0; it++) {
            double[] step = newtonStep(s, z);
            if (step == null) {
                break;
            }
            boolean moved = false;
            for (double t = 1; t > MIN_STEP && !moved; t *= 0.5) {
                double[] next = z.clone();
                for (int c = 0; c < z.length; c++) {
                    next[c] += t * step[c];
                }
                double nextSize = Vectors.norm(residual(s, next));
                if (nextSize < size) {
                    z = next;
                    size = nextSize;
                    moved = true;
                }
            }
            if (!moved) {
                break;
            }
        }
        return z;
    }

    /** The full {@code lambda}: the structure's fixed values with {@code lambda_M} from {@code z}. */
    double[] lambda(HingeStructure s, double[] z) {
        double[] lambda = s.lambda().clone();
        for (int c = 0; c < s.margin().length; c++) {
            lambda[s.margin()[c]] = z[c];
        }
        return lambda;
    }

    /** {@code q_j} for every block of the structure. */
    double[][] directions(HingeStructure s, double[] z, double[] lambda) {
        double[][] q = new double[s.groups().length][d];
        int base = s.margin().length + s.groups().length;
        for (int g = 0; g < s.groups().length; g++) {
            int j = s.groups()[g];
            for (int i = 0; i < n; i++) {
                double w = geometry.coupling(j, i) * lambda[i];
                if (w != 0) {
                    for (int c = 0; c < d; c++) {
                        q[g][c] += w * x.data[i * d + c];
                    }
                }
            }
        }
        for (int c = 0; c < s.active().length; c++) {
            int g = indexOf(s.groups(), s.active()[c][0]);
            int i = s.active()[c][1];
            double w = z[base + c] * geometry.side(s.active()[c][0], i);
            for (int e = 0; e < d; e++) {
                q[g][e] += w * x.data[i * d + e];
            }
        }
        return q;
    }

    /** Tightness per block, then margins, then active constraints. */
    double[] residual(HingeStructure s, double[] z) {
        double[] lambda = lambda(s, z);
        double[][] q = directions(s, z, lambda);
        double[] f = new double[z.length];
        int at = 0;
        for (double[] qj : q) {
            f[at++] = 0.5 * (Vectors.dot(qj, qj) / (beta * beta) - 1);
        }
        for (int i : s.margin()) {
            double r = 0;
            for (int g = 0; g < s.groups().length; g++) {
                double cp = geometry.coupling(s.groups()[g], i);
                if (cp != 0) {
                    r += cp * z[s.margin().length + g] * geometry.rowDot(i, q[g]) / beta;
                }
            }
            f[at++] = y[i] * r - 1;
        }
        for (int[] a : s.active()) {
            f[at++] = geometry.side(a[0], a[1]) * geometry.rowDot(a[1], q[indexOf(s.groups(), a[0])]) / beta;
        }
        return f;
    }

    /** The least-squares solution of {@code J step = -f}, or {@code null} when the solver fails. */
    double[] newtonStep(HingeStructure s, double[] z) {
        int m = z.length;
        int[] margin = s.margin();
        int[] groups = s.groups();
        int[][] active = s.active();
        int nm = margin.length;
        int ng = groups.length;
        double[] lambda = lambda(s, z);
        double[][] q = directions(s, z, lambda);
        DMatrixRMaj jac = new DMatrixRMaj(m, m);
        // dq_g / dlambda_i = coupling x_i, dq_g / dmu_c = side x_k (for the constraint's own block).
        for (int g = 0; g < ng; g++) {
            int j = groups[g];
            for (int c = 0; c < nm; c++) {
                int i = margin[c];
                double cp = geometry.coupling(j, i);
                if (cp != 0) {
                    jac.set(g, c, cp * geometry.rowDot(i, q[g]) / (beta * beta));
                }
            }
        }
        for (int c = 0; c < active.length; c++) {
            int g = indexOf(groups, active[c][0]);
            jac.set(g, nm + ng + c, geometry.side(active[c][0], active[c][1]) * geometry.rowDot(active[c][1], q[g])
                    / (beta * beta));
        }
        for (int row = 0; row < nm; row++) {
            int i = margin[row];
            for (int g = 0; g < ng; g++) {
                int j = groups[g];
                double cp = geometry.coupling(j, i);
                if (cp == 0) {
                    continue;
                }
                double a = z[nm + g];
                jac.set(ng + row, nm + g, y[i] * cp * geometry.rowDot(i, q[g]) / beta);
                for (int c = 0; c < nm; c++) {
                    int l = margin[c];
                    double cl = geometry.coupling(j, l);
                    if (cl != 0) {
                        jac.add(ng + row, c, y[i] * cp * a * cl * rowProduct(i, l) / beta);
                    }
                }
                for (int c = 0; c < active.length; c++) {
                    if (active[c][0] == j) {
                        int l = active[c][1];
                        jac.add(ng + row, nm + ng + c, y[i] * cp * a * geometry.side(j, l) * rowProduct(i, l) / beta);
                    }
                }
            }
        }
        for (int row = 0; row < active.length; row++) {
            int j = active[row][0];
            int i = active[row][1];
            double si = geometry.side(j, i);
            for (int c = 0; c < nm; c++) {
                int l = margin[c];
                double cl = geometry.coupling(j, l);
                if (cl != 0) {
                    jac.set(ng + nm + row, c, si * cl * rowProduct(i, l) / beta);
                }
            }
            for (int c = 0; c < active.length; c++) {
                if (active[c][0] == j) {
                    int l = active[c][1];
                    jac.set(ng + nm + row, nm + ng + c, si * geometry.side(j, l) * rowProduct(i, l) / beta);
                }
            }
        }
        LinearSolverDense<DMatrixRMaj> solver = LinearSolverFactory_DDRM.pseudoInverse(true);
        if (!solver.setA(jac)) {
            return null;
        }
        double[] f = residual(s, z);
        DMatrixRMaj rhs = new DMatrixRMaj(m, 1);
        for (int i = 0; i < m; i++) {
            rhs.data[i] = -f[i];
        }
        DMatrixRMaj step = new DMatrixRMaj(m, 1);
        solver.solve(rhs, step);
        for (double v : step.data) {
            if (!Double.isFinite(v)) {
                return null;
            }
        }
        return step.data;
    }

    /** {@code x_a^T x_b}. */
    private double rowProduct(int a, int b) {
        double s = 0;
        for (int c = 0; c < d; c++) {
            s += x.data[a * d + c] * x.data[b * d + c];
        }
        return s;
    }

    /** {@code ||x_row||}. */
    double rowNorm(int row) {
        return Math.sqrt(rowProduct(row, row));
    }

    /** The position of {@code value} in {@code values}, or {@code -1}. */
    static int indexOf(int[] values, int value) {
        for (int i = 0; i < values.length; i++) {
            if (values[i] == value) {
                return i;
            }
        }
        return -1;
    }
}
