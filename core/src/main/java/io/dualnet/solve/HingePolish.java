package io.dualnet.solve;

import io.dualnet.convex.ConvexReluWeights;
import io.dualnet.convex.ReluConvexProblem;
import io.dualnet.duality.ReluCertificate;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.factory.LinearSolverFactory_DDRM;
import org.ejml.interfaces.linsol.LinearSolverDense;

import java.util.ArrayList;
import java.util.List;

/**
 * Active-set polish of a near-optimal point of the hinge-loss convex ReLU program (spec §1.3; paper 002 Appendix A),
 * for the accuracy the barrier method cannot reach (its epigraph curvature at margin samples grows like {@code t^2},
 * so rounding stops it near a relative gap of {@code 1e-5}). From the barrier's point it guesses the optimal structure:
 * the non-zero blocks {@code G}, the samples inside the loss ({@code L}, {@code y_k lambda_k = 1}), beyond the margin
 * ({@code Z}, {@code lambda_k = 0}) and on it ({@code M}, {@code y_k r_k = 1}), and, for the cone problem, the active
 * cone constraints {@code C} of the blocks in {@code G}. On that structure the KKT conditions read, with
 * {@code q_j = s_j (D_j X)^T lambda + sum_{(j,k) in C} mu_jk (2D_j - I)_k x_k} ({@code s_j = +-1} the block's sign),
 *
 * <pre>
 *   ||q_j|| = beta,  b_j = a_j q_j / beta  (j in G, a_j = ||b_j||),
 *   y_k sum_{j in G} s_j (D_j X b_j)_k = 1  (k in M),   (2D_j - I)_k x_k^T q_j = 0  ((j,k) in C),
 * </pre>
 *
 * a square system in {@code lambda_M}, {@code a_G} and {@code mu_C}, smooth even where a block's norm goes to zero,
 * solved by Newton's method with least-squares steps (blocks whose patterns agree on every sample with
 * {@code lambda != 0} make it singular but consistent). Dense, so only for small instances. A wrong guess costs
 * nothing: the polished point is kept only when its certificate, recomputed from it, is better and its cone
 * constraints hold. Several guesses are tried: thresholds on the point's block norms and multipliers, and the
 * complementarity indicator (primal slack against dual slack); each solved guess whose signs or constraints are wrong
 * is corrected (all at once, and one change at a time: a breadth-first search over a few dozen structures).
 * Nothing passed in is modified.
 */
final class HingePolish {
    /** Relative thresholds separating zero from non-zero blocks, margins and multipliers. */
    private static final double[] THRESHOLDS = {1e-3, 1e-2, 1e-4};
    private static final int MAX_NEWTON = 40;
    private static final double MIN_STEP = 1e-6;
    /** Largest number of structures one polish solves. */
    private static final int MAX_STRUCTURES = 24;
    /** Relative excess over {@code beta} at which a block's dual constraint counts as violated. */
    private static final double VIOLATION_RTOL = 1e-12;
    /** A KKT residual at or below this counts as solved. */
    private static final double CONVERGED = 1e-12;
    /** Slack tolerance (relative) below which a margin or cone constraint counts as violated. */
    private static final double SLACK_TOL = 1e-12;
    /** Largest cone-constraint violation accepted, relative to {@code max |x| max ||b||}. */
    private static final double FEASIBILITY_RTOL = 1e-13;
    /** Largest system size polished (dense {@code O(m^3)} least-squares steps). */
    static final int MAX_UNKNOWNS = 400;

    /** A guessed optimal structure: {@code lambda} holds the fixed values on {@code L} and {@code Z}. */
    private record Structure(int[] groups, int[] margin, int[][] active, double[] lambda) {
        boolean sameAs(Structure o) {
            return java.util.Arrays.equals(groups, o.groups) && java.util.Arrays.equals(margin, o.margin)
                    && java.util.Arrays.deepEquals(active, o.active) && java.util.Arrays.equals(lambda, o.lambda);
        }
    }

    private final ReluConvexProblem convex;
    private final IpmPoint geometry;
    private final DMatrixRMaj x;
    private final double[] y;
    private final double beta;
    private final int n;
    private final int d;
    private final int k;

    private HingePolish(ReluConvexProblem convex) {
        this.convex = convex;
        this.geometry = new IpmPoint(convex);
        this.x = convex.problem().featuresView();
        this.y = convex.problem().yView();
        this.beta = convex.beta();
        this.n = x.numRows;
        this.d = x.numCols;
        this.k = convex.blockCount();
    }

    /**
     * The better (by recomputed gap) of {@code start} and its polished versions.
     *
     * @param convex the hinge-loss convex problem {@code start} approximately solves
     * @param start a barrier result (not modified)
     * @param gapTarget the relative gap at which to stop trying
     */
    static ReluInteriorPoint.Result improve(ReluConvexProblem convex, ReluInteriorPoint.Result start,
                                          double gapTarget) {
        HingePolish polish = new HingePolish(convex);
        double[][] b = polish.blocks(start);
        double[] slack = polish.dualSlack(start, b);
        List<Structure> tried = new ArrayList<>();
        List<Structure> guesses = new ArrayList<>();
        guesses.add(polish.byComplementarity(start, b, slack));
        for (double groupTheta : THRESHOLDS) {
            for (double sampleTheta : THRESHOLDS) {
                guesses.add(polish.byThresholds(start, b, groupTheta, sampleTheta));
            }
        }
        ReluInteriorPoint.Result best = start;
        for (Structure guess : guesses) {
            if (guess == null || tried.stream().anyMatch(guess::sameAs)) {
                continue;
            }
            tried.add(guess);
            ReluInteriorPoint.Result r = polish.polish(start, b, guess, gapTarget);
            if (r != null && r.gap() < best.gap()) {
                best = r;
                if (best.certificate().certificate().closes(0, gapTarget)) {
                    return best;
                }
            }
        }
        return best;
    }

    private double[][] blocks(ReluInteriorPoint.Result start) {
        DMatrixRMaj blocks = start.weights().blocksView();
        double[][] b = new double[k][d];
        for (int j = 0; j < k; j++) {
            for (int c = 0; c < d; c++) {
                b[j][c] = blocks.data[c * k + j];
            }
        }
        return b;
    }

    /** {@code 1 - ||q_j|| / beta} per block at the start's {@code lambda} and multipliers. */
    private double[] dualSlack(ReluInteriorPoint.Result start, double[][] b) {
        double[] slack = new double[k];
        for (int j = 0; j < k; j++) {
            double[] q = new double[d];
            for (int i = 0; i < n; i++) {
                double w = geometry.coupling(j, i) * start.lambda()[i];
                if (start.multipliers() != null) {
                    w += start.multipliers().get(i, j) * geometry.side(j, i);
                }
                for (int c = 0; c < d; c++) {
                    q[c] += w * x.data[i * d + c];
                }
            }
            slack[j] = 1 - norm(q) / beta;
        }
        return slack;
    }

    /** Non-zero blocks, margins and active constraints where the primal slack is below the dual one. */
    private Structure byComplementarity(ReluInteriorPoint.Result start, double[][] b, double[] slack) {
        double maxNorm = maxNorm(b);
        List<Integer> groups = new ArrayList<>();
        for (int j = 0; j < k; j++) {
            if (norm(b[j]) / maxNorm > slack[j]) {
                groups.add(j);
            }
        }
        double[] r = geometry.predictions(b);
        double[] lambda = new double[n];
        List<Integer> margin = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            double m = y[i] * r[i] - 1;
            double rho = y[i] * start.lambda()[i];
            if (m > rho) {
                lambda[i] = 0;
            } else if (-m > 1 - rho) {
                lambda[i] = y[i];
            } else {
                margin.add(i);
                lambda[i] = start.lambda()[i];
            }
        }
        List<int[]> active = new ArrayList<>();
        if (!convex.gated()) {
            for (int j : groups) {
                for (int i = 0; i < n; i++) {
                    if (activeByComplementarity(start, b, j, i)) {
                        active.add(new int[] {j, i});
                    }
                }
            }
        }
        return structure(groups, margin, active, lambda);
    }

    /** Whether block {@code j}'s constraint on sample {@code i} has its (relative) slack below its multiplier. */
    private boolean activeByComplementarity(ReluInteriorPoint.Result start, double[][] b, int j, int i) {
        double g = geometry.side(j, i) * geometry.rowDot(i, b[j]) / (rowNorm(i) * norm(b[j]));
        return rowNorm(i) > 0 && g < start.multipliers().get(i, j) * rowNorm(i) / beta;
    }

    /** Non-zero blocks above {@code groupTheta} times the largest; margins and constraints by thresholds. */
    private Structure byThresholds(ReluInteriorPoint.Result start, double[][] b, double groupTheta,
                                   double sampleTheta) {
        double maxNorm = maxNorm(b);
        List<Integer> groups = new ArrayList<>();
        for (int j = 0; j < k; j++) {
            if (norm(b[j]) > groupTheta * maxNorm) {
                groups.add(j);
            }
        }
        double[] lambda = new double[n];
        List<Integer> margin = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            double rho = y[i] * start.lambda()[i];
            if (rho > sampleTheta && rho < 1 - sampleTheta) {
                margin.add(i);
                lambda[i] = start.lambda()[i];
            } else {
                lambda[i] = rho >= 1 - sampleTheta ? y[i] : 0;
            }
        }
        List<int[]> active = new ArrayList<>();
        if (!convex.gated()) {
            for (int j : groups) {
                for (int i = 0; i < n; i++) {
                    double g = geometry.side(j, i) * geometry.rowDot(i, b[j]);
                    if (rowNorm(i) > 0 && g <= sampleTheta * rowNorm(i) * norm(b[j])) {
                        active.add(new int[] {j, i});
                    }
                }
            }
        }
        return structure(groups, margin, active, lambda);
    }

    private Structure structure(List<Integer> groups, List<Integer> margin, List<int[]> active, double[] lambda) {
        if (groups.isEmpty() || groups.size() + margin.size() + active.size() > MAX_UNKNOWNS) {
            return null;
        }
        return new Structure(groups.stream().mapToInt(Integer::intValue).toArray(),
                margin.stream().mapToInt(Integer::intValue).toArray(), active.toArray(new int[0][]), lambda);
    }

    /**
     * Newton's method on the structure's KKT system from the start's point, then active-set corrections (negative
     * block norms or multipliers leave the structure, margins with {@code y lambda} outside {@code [0, 1]} leave the
     * margin, violated constraints and margins join it) until the structure is consistent; {@code null} when it fails.
     */
    private ReluInteriorPoint.Result polish(ReluInteriorPoint.Result start, double[][] b, Structure first,
                                            double gapTarget) {
        double[] lambda = start.lambda().clone();
        double[] norms = new double[k];
        for (int j = 0; j < k; j++) {
            norms[j] = norm(b[j]);
        }
        DMatrixRMaj mu = start.multipliers() == null ? null : start.multipliers().copy();
        java.util.ArrayDeque<Structure> queue = new java.util.ArrayDeque<>();
        queue.add(first);
        List<Structure> seen = new ArrayList<>();
        ReluInteriorPoint.Result best = null;
        while (!queue.isEmpty() && seen.size() < MAX_STRUCTURES) {
            Structure s = queue.poll();
            if (seen.stream().anyMatch(s::sameAs)) {
                continue;
            }
            seen.add(s);
            for (int i = 0; i < n; i++) {
                lambda[i] = indexOf(s.margin, i) >= 0 ? start.lambda()[i] : s.lambda[i];
            }
            for (int j = 0; j < k; j++) {
                norms[j] = norm(b[j]);
            }
            mu = start.multipliers() == null ? null : start.multipliers().copy();
            double[] z = pack(s, lambda, norms, mu);
            double size = norm(residual(s, z));
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
                    double nextSize = norm(residual(s, next));
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
            unpack(s, z, lambda, norms, mu);
            Structure next = corrected(s, z, lambda);
            if (next == null && size <= CONVERGED) {
                ReluInteriorPoint.Result r = result(start, s, z);
                if (r != null && (best == null || r.gap() < best.gap())) {
                    best = r;
                    if (best.certificate().certificate().closes(0, gapTarget)) {
                        return best;
                    }
                }
                next = r == null ? null : withViolatedBlocks(s, r, start, b);
            }
            if (next != null) {
                queue.add(next);
            }
            queue.addAll(alternatives(s, z));
        }
        return best;
    }

    /**
     * Single changes of {@code s} for a solved point {@code z} with a wrong sign: each constraint with a negative
     * multiplier dropped, or its block dropped; each block with a negative norm dropped. (The combined correction can
     * cycle where a constraint is active with a nearly zero multiplier; the search tries these one at a time.)
     */
    private List<Structure> alternatives(Structure s, double[] z) {
        List<Structure> out = new ArrayList<>();
        int nm = s.margin.length;
        int ng = s.groups.length;
        for (int g = 0; g < ng; g++) {
            if (z[nm + g] < 0) {
                out.add(without(s, s.groups[g], null));
            }
        }
        for (int c = 0; c < s.active.length; c++) {
            if (z[nm + ng + c] < 0) {
                out.add(without(s, -1, s.active[c]));
                out.add(without(s, s.active[c][0], null));
            }
        }
        out.removeIf(java.util.Objects::isNull);
        return out;
    }

    /** {@code s} without block {@code group} (and its constraints; {@code -1}: none) and without {@code constraint}. */
    private Structure without(Structure s, int group, int[] constraint) {
        List<Integer> groups = new ArrayList<>();
        for (int j : s.groups) {
            if (j != group) {
                groups.add(j);
            }
        }
        List<int[]> active = new ArrayList<>();
        for (int[] a : s.active) {
            if (a[0] != group && a != constraint) {
                active.add(a);
            }
        }
        return structure(groups, java.util.Arrays.stream(s.margin).boxed().toList(), active, s.lambda);
    }

    /** The structure plus the blocks whose dual constraint {@code r}'s certificate found violated, or {@code null}. */
    private Structure withViolatedBlocks(Structure s, ReluInteriorPoint.Result r, ReluInteriorPoint.Result start,
                                         double[][] b) {
        int[] violated = r.certificate().dual().violated(beta, VIOLATION_RTOL);
        List<Integer> groups = new ArrayList<>();
        for (int j : s.groups) {
            groups.add(j);
        }
        List<int[]> active = new ArrayList<>(java.util.Arrays.asList(s.active));
        boolean added = false;
        for (int j : violated) {
            if (!groups.contains(j)) {
                groups.add(j);
                added = true;
                for (int i = 0; !convex.gated() && i < n; i++) {
                    if (activeByComplementarity(start, b, j, i)) {
                        active.add(new int[] {j, i});
                    }
                }
            }
        }
        return added ? structure(groups, java.util.Arrays.stream(s.margin).boxed().toList(), active, s.lambda) : null;
    }

    private double[] pack(Structure s, double[] lambda, double[] norms, DMatrixRMaj mu) {
        double[] z = new double[s.margin.length + s.groups.length + s.active.length];
        int at = 0;
        for (int i : s.margin) {
            z[at++] = lambda[i];
        }
        for (int j : s.groups) {
            z[at++] = norms[j];
        }
        for (int[] a : s.active) {
            z[at++] = mu.get(a[1], a[0]);
        }
        return z;
    }

    private void unpack(Structure s, double[] z, double[] lambda, double[] norms, DMatrixRMaj mu) {
        int at = 0;
        for (int i : s.margin) {
            lambda[i] = z[at++];
        }
        for (int j : s.groups) {
            norms[j] = z[at++];
        }
        for (int[] a : s.active) {
            mu.set(a[1], a[0], z[at++]);
        }
    }

    /** The corrected structure, or {@code null} when the solved point satisfies every sign and constraint. */
    private Structure corrected(Structure s, double[] z, double[] lambda) {
        int nm = s.margin.length;
        int ng = s.groups.length;
        double[][] q = directions(s, z, lambda);
        double[][] b = new double[k][d];
        List<Integer> groups = new ArrayList<>();
        for (int g = 0; g < ng; g++) {
            if (z[nm + g] > 0) {
                groups.add(s.groups[g]);
                for (int c = 0; c < d; c++) {
                    b[s.groups[g]][c] = z[nm + g] * q[g][c] / beta;
                }
            }
        }
        double[] r = geometry.predictions(b);
        double[] fixed = s.lambda.clone();
        List<Integer> margin = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            boolean inMargin = indexOf(s.margin, i) >= 0;
            double m = y[i] * r[i] - 1;
            if (inMargin) {
                double rho = y[i] * lambda[i];
                if (rho < 0) {
                    fixed[i] = 0;
                } else if (rho > 1) {
                    fixed[i] = y[i];
                } else {
                    margin.add(i);
                }
            } else if (fixed[i] == 0 ? m < -SLACK_TOL : m > SLACK_TOL) {
                margin.add(i);
            }
        }
        List<int[]> active = new ArrayList<>();
        int base = nm + ng;
        for (int c = 0; c < s.active.length; c++) {
            if (z[base + c] >= 0 && groups.contains(s.active[c][0])) {
                active.add(s.active[c]);
            }
        }
        if (!convex.gated()) {
            for (int j : groups) {
                for (int i = 0; i < n; i++) {
                    boolean listed = false;
                    for (int[] a : s.active) {
                        listed |= a[0] == j && a[1] == i;
                    }
                    if (!listed && rowNorm(i) > 0 && geometry.side(j, i) * geometry.rowDot(i, b[j]) < -SLACK_TOL * rowNorm(i) * norm(b[j])) {
                        active.add(new int[] {j, i});
                    }
                }
            }
        }
        Structure next = structure(groups, margin, active, fixed);
        return next == null || next.sameAs(s) ? null : next;
    }

    /** The polished point's result, or {@code null} when it is not finite or violates its cone constraints. */
    private ReluInteriorPoint.Result result(ReluInteriorPoint.Result start, Structure s, double[] z) {
        for (double v : z) {
            if (!Double.isFinite(v)) {
                return null;
            }
        }
        double[] lambda = lambda(s, z);
        double[][] q = directions(s, z, lambda);
        DMatrixRMaj polished = new DMatrixRMaj(d, k);
        double maxNorm = 0;
        for (int g = 0; g < s.groups.length; g++) {
            double a = z[s.margin.length + g];
            for (int c = 0; c < d; c++) {
                polished.data[c * k + s.groups[g]] = a * q[g][c] / beta;
            }
            maxNorm = Math.max(maxNorm, Math.abs(a) * norm(q[g]) / beta);
        }
        DMatrixRMaj multipliers = null;
        if (!convex.gated()) {
            multipliers = start.multipliers().copy();
            for (int j : s.groups) {
                for (int i = 0; i < n; i++) {
                    multipliers.set(i, j, 0);
                }
            }
            int base = s.margin.length + s.groups.length;
            for (int c = 0; c < s.active.length; c++) {
                multipliers.set(s.active[c][1], s.active[c][0], Math.max(0, z[base + c]));
            }
        }
        double xScale = 0;
        for (double v : x.data) {
            xScale = Math.max(xScale, Math.abs(v));
        }
        ConvexReluWeights weights = ConvexReluWeights.ofBlocks(polished, convex.gated());
        ReluCertificate certificate = ReluCertificate.evaluate(convex, weights, lambda, multipliers,
                ReluCertificate.Options.defaults());
        if (!(certificate.constraintViolation() <= FEASIBILITY_RTOL * Math.max(1, xScale * maxNorm))) {
            return null;
        }
        return new ReluInteriorPoint.Result(weights, lambda, multipliers, start.newtonSteps(), certificate);
    }

    private double[] lambda(Structure s, double[] z) {
        double[] lambda = s.lambda.clone();
        for (int c = 0; c < s.margin.length; c++) {
            lambda[s.margin[c]] = z[c];
        }
        return lambda;
    }

    /** {@code q_j} for every block of the structure. */
    private double[][] directions(Structure s, double[] z, double[] lambda) {
        double[][] q = new double[s.groups.length][d];
        int base = s.margin.length + s.groups.length;
        for (int g = 0; g < s.groups.length; g++) {
            int j = s.groups[g];
            for (int i = 0; i < n; i++) {
                double w = geometry.coupling(j, i) * lambda[i];
                if (w != 0) {
                    for (int c = 0; c < d; c++) {
                        q[g][c] += w * x.data[i * d + c];
                    }
                }
            }
        }
        for (int c = 0; c < s.active.length; c++) {
            int g = indexOf(s.groups, s.active[c][0]);
            int i = s.active[c][1];
            double w = z[base + c] * geometry.side(s.active[c][0], i);
            for (int e = 0; e < d; e++) {
                q[g][e] += w * x.data[i * d + e];
            }
        }
        return q;
    }

    /** Tightness per block, then margins, then active constraints. */
    private double[] residual(Structure s, double[] z) {
        double[] lambda = lambda(s, z);
        double[][] q = directions(s, z, lambda);
        double[] f = new double[z.length];
        int at = 0;
        for (double[] qj : q) {
            f[at++] = 0.5 * (IpmPoint.dot(qj, qj) / (beta * beta) - 1);
        }
        for (int i : s.margin) {
            double r = 0;
            for (int g = 0; g < s.groups.length; g++) {
                double cp = geometry.coupling(s.groups[g], i);
                if (cp != 0) {
                    r += cp * z[s.margin.length + g] * geometry.rowDot(i, q[g]) / beta;
                }
            }
            f[at++] = y[i] * r - 1;
        }
        for (int[] a : s.active) {
            f[at++] = geometry.side(a[0], a[1]) * geometry.rowDot(a[1], q[indexOf(s.groups, a[0])]) / beta;
        }
        return f;
    }

    /** The least-squares solution of {@code J step = -f}, or {@code null} when the solver fails. */
    private double[] newtonStep(Structure s, double[] z) {
        int m = z.length;
        int nm = s.margin.length;
        int ng = s.groups.length;
        double[] lambda = lambda(s, z);
        double[][] q = directions(s, z, lambda);
        DMatrixRMaj jac = new DMatrixRMaj(m, m);
        // dq_g / dlambda_i = coupling x_i, dq_g / dmu_c = side x_k (for the constraint's own block).
        for (int g = 0; g < ng; g++) {
            int j = s.groups[g];
            for (int c = 0; c < nm; c++) {
                int i = s.margin[c];
                double cp = geometry.coupling(j, i);
                if (cp != 0) {
                    jac.set(g, c, cp * geometry.rowDot(i, q[g]) / (beta * beta));
                }
            }
        }
        for (int c = 0; c < s.active.length; c++) {
            int g = indexOf(s.groups, s.active[c][0]);
            jac.set(g, nm + ng + c, geometry.side(s.active[c][0], s.active[c][1]) * geometry.rowDot(s.active[c][1], q[g])
                    / (beta * beta));
        }
        for (int row = 0; row < nm; row++) {
            int i = s.margin[row];
            for (int g = 0; g < ng; g++) {
                int j = s.groups[g];
                double cp = geometry.coupling(j, i);
                if (cp == 0) {
                    continue;
                }
                double a = z[nm + g];
                jac.set(ng + row, nm + g, y[i] * cp * geometry.rowDot(i, q[g]) / beta);
                for (int c = 0; c < nm; c++) {
                    int l = s.margin[c];
                    double cl = geometry.coupling(j, l);
                    if (cl != 0) {
                        jac.add(ng + row, c, y[i] * cp * a * cl * rowProduct(i, l) / beta);
                    }
                }
                for (int c = 0; c < s.active.length; c++) {
                    if (s.active[c][0] == j) {
                        int l = s.active[c][1];
                        jac.add(ng + row, nm + ng + c, y[i] * cp * a * geometry.side(j, l) * rowProduct(i, l) / beta);
                    }
                }
            }
        }
        for (int row = 0; row < s.active.length; row++) {
            int j = s.active[row][0];
            int i = s.active[row][1];
            double si = geometry.side(j, i);
            for (int c = 0; c < nm; c++) {
                int l = s.margin[c];
                double cl = geometry.coupling(j, l);
                if (cl != 0) {
                    jac.set(ng + nm + row, c, si * cl * rowProduct(i, l) / beta);
                }
            }
            for (int c = 0; c < s.active.length; c++) {
                if (s.active[c][0] == j) {
                    int l = s.active[c][1];
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

    private double rowProduct(int a, int b) {
        double s = 0;
        for (int c = 0; c < d; c++) {
            s += x.data[a * d + c] * x.data[b * d + c];
        }
        return s;
    }

    private double rowNorm(int row) {
        return Math.sqrt(rowProduct(row, row));
    }

    private static double maxNorm(double[][] b) {
        double max = 0;
        for (double[] v : b) {
            max = Math.max(max, norm(v));
        }
        return max;
    }

    private static int indexOf(int[] values, int value) {
        for (int i = 0; i < values.length; i++) {
            if (values[i] == value) {
                return i;
            }
        }
        return -1;
    }

    private static double norm(double[] v) {
        return Math.sqrt(IpmPoint.dot(v, v));
    }
}
