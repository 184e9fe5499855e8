package io.dualnet.solve;

import io.dualnet.duality.Certificate;
import io.dualnet.duality.ReluCertificate;
import org.ejml.data.DMatrixRMaj;

/**
 * The best primal point and the best dual point offered to a route, kept apart: the lowest objective among feasible
 * primal points and the highest recomputed bound among dual points of the <em>same</em> program. Each is a valid bound
 * on its own (weak duality), so their pair certifies the program with a gap no larger than that of any single
 * offered pair. Ranking whole pairs by their gap ({@link CertifiedBest}) can return a primal point worse than one
 * seen before, even worse than the warm start: at n = 300 a certify of a network fitted to 1.8e-5 returned a convex
 * primal of 21.23 against the network's own 12.62, because a later iterate's dual bound narrowed the pair's gap.
 * Mutable; not thread-safe.
 */
final class SeparateBounds {
    private ReluInteriorPoint.Result primal;
    private ReluInteriorPoint.Result dual;
    private DMatrixRMaj dualMultipliers;

    /**
     * Offers a certified point: its primal point when its objective is lower than the best's, its dual point when its
     * bound is higher than the best's. The route offers only points it has moved into the cones, as it did for pairs.
     *
     * @param candidate the certified point (weights, dual point, certificate over the whole program)
     * @param multipliers the cone multipliers its bound was computed with, or {@code null}; copied only when its dual
     *                    point is kept
     * @return whether its dual point was kept
     */
    boolean offer(ReluInteriorPoint.Result candidate, DMatrixRMaj multipliers) {
        Certificate c = candidate.certificate().certificate();
        if (!Double.isNaN(c.primal()) && (primal == null || c.primal() < primal.certificate().certificate().primal())) {
            primal = candidate;
        }
        if (!Double.isNaN(c.dual()) && (dual == null || c.dual() > dual.certificate().certificate().dual())) {
            dual = candidate;
            dualMultipliers = multipliers == null ? null : multipliers.copy();
            return true;
        }
        return false;
    }

    /** Whether the pair closes to the relative gap {@code rtol} (false before a primal and a dual are kept). */
    boolean closes(double rtol) {
        return primal != null && dual != null && certificate().closes(0, rtol);
    }

    /** {@code (best primal, best dual)}. */
    private Certificate certificate() {
        return new Certificate(primal.certificate().certificate().primal(), dual.certificate().certificate().dual());
    }

    /**
     * The best primal point with the best dual point, its multipliers and the pair's certificate; {@code null} before
     * both are kept. Its iteration count is the later of the two.
     */
    ReluInteriorPoint.Result best() {
        if (primal == null || dual == null) {
            return null;
        }
        ReluCertificate pair = new ReluCertificate(certificate(), dual.certificate().dual(),
                primal.certificate().constraintViolation());
        return new ReluInteriorPoint.Result(primal.weights(), dual.lambda(), dualMultipliers,
                Math.max(primal.newtonSteps(), dual.newtonSteps()), pair);
    }
}
