package io.dualnet.solve;

import io.dualnet.convex.ConvexReluWeights;
import io.dualnet.convex.ReluConvexProblem;
import io.dualnet.duality.ReluCertificate;
import io.dualnet.linalg.Vectors;
import org.ejml.data.DMatrixRMaj;

import java.util.ArrayDeque;
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
 * The structures and their guesses and corrections are {@link HingeStructure}'s, the system and its Newton steps
 * {@link HingeKkt}'s; this class runs the search and certifies its points. Nothing passed in is modified.
 */
final class HingePolish {
    /** Largest number of structures one polish solves. */
    private static final int MAX_STRUCTURES = 24;
    /** A KKT residual at or below this counts as solved. */
    private static final double CONVERGED = 1e-12;
    /** Largest cone-constraint violation accepted, relative to {@code max |x| max ||b||}. */
    private static final double FEASIBILITY_RTOL = 1e-13;

    private final ReluConvexProblem convex;
    private final HingeKkt kkt;

    private HingePolish(ReluConvexProblem convex) {
        this.convex = convex;
        this.kkt = new HingeKkt(convex);
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
        ReluInteriorPoint.Result best = start;
        for (HingeStructure guess : HingeStructure.guesses(polish.kkt, start, b)) {
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

    /** The start's blocks {@code b_j}, one row each. */
    private double[][] blocks(ReluInteriorPoint.Result start) {
        DMatrixRMaj blocks = start.weights().blocksView();
        double[][] b = new double[kkt.k][kkt.d];
        for (int j = 0; j < kkt.k; j++) {
            for (int c = 0; c < kkt.d; c++) {
                b[j][c] = blocks.data[c * kkt.k + j];
            }
        }
        return b;
    }

    /**
     * A breadth-first search from {@code first}: Newton's method on each structure's KKT system from the start's point
     * ({@code start} and its blocks {@code b}, neither modified), then its corrections queued (all at once, or, for a
     * solved point, the blocks its certificate finds violated; and every single change) until {@value #MAX_STRUCTURES}
     * structures are solved or a point closes to {@code gapTarget}. Returns the best certified point, or {@code null}.
     */
    private ReluInteriorPoint.Result polish(ReluInteriorPoint.Result start, double[][] b, HingeStructure first,
                                            double gapTarget) {
        double[] norms = new double[kkt.k];
        for (int j = 0; j < kkt.k; j++) {
            norms[j] = Vectors.norm(b[j]);
        }
        ArrayDeque<HingeStructure> queue = new ArrayDeque<>();
        queue.add(first);
        List<HingeStructure> seen = new ArrayList<>();
        ReluInteriorPoint.Result best = null;
        while (!queue.isEmpty() && seen.size() < MAX_STRUCTURES) {
            HingeStructure s = queue.poll();
            if (seen.stream().anyMatch(s::sameAs)) {
                continue;
            }
            seen.add(s);
            double[] z = kkt.solve(s, kkt.pack(s, start.lambda(), norms, start.multipliers()));
            double size = Vectors.norm(kkt.residual(s, z));
            HingeStructure next = s.corrected(kkt, z, kkt.lambda(s, z));
            if (next == null && size <= CONVERGED) {
                ReluInteriorPoint.Result r = result(start, s, z);
                if (r != null && (best == null || r.gap() < best.gap())) {
                    best = r;
                    if (best.certificate().certificate().closes(0, gapTarget)) {
                        return best;
                    }
                }
                next = r == null ? null : s.withViolatedBlocks(kkt, r, start, b);
            }
            if (next != null) {
                queue.add(next);
            }
            queue.addAll(s.alternatives(z));
        }
        return best;
    }

    /** The polished point's result, or {@code null} when it is not finite or violates its cone constraints. */
    private ReluInteriorPoint.Result result(ReluInteriorPoint.Result start, HingeStructure s, double[] z) {
        for (double v : z) {
            if (!Double.isFinite(v)) {
                return null;
            }
        }
        int k = kkt.k;
        double beta = kkt.beta;
        double[] lambda = kkt.lambda(s, z);
        double[][] q = kkt.directions(s, z, lambda);
        DMatrixRMaj polished = new DMatrixRMaj(kkt.d, k);
        double maxNorm = 0;
        for (int g = 0; g < s.groups().length; g++) {
            double a = z[s.margin().length + g];
            for (int c = 0; c < kkt.d; c++) {
                polished.data[c * k + s.groups()[g]] = a * q[g][c] / beta;
            }
            maxNorm = Math.max(maxNorm, Math.abs(a) * Vectors.norm(q[g]) / beta);
        }
        DMatrixRMaj multipliers = null;
        if (!convex.gated()) {
            multipliers = start.multipliers().copy();
            for (int j : s.groups()) {
                for (int i = 0; i < kkt.n; i++) {
                    multipliers.set(i, j, 0);
                }
            }
            int base = s.margin().length + s.groups().length;
            for (int c = 0; c < s.active().length; c++) {
                multipliers.set(s.active()[c][1], s.active()[c][0], Math.max(0, z[base + c]));
            }
        }
        double xScale = 0;
        for (double v : kkt.x.data) {
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
}
