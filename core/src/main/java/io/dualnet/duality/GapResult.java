package io.dualnet.duality;

import io.dualnet.solve.Solution;
import io.dualnet.solve.Status;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The duality gap of problem (2) vs (3) of Zhang, Shao, Salakhutdinov for one number of branches {@code I}, with the
 * quantities of Theorem 1: {@code 0 <= (inf(P) - sup(D)) / Delta_worst <= 2 / I}.
 *
 * @param branches {@code I}
 * @param counts copies of each branch type
 * @param budget {@code K}
 * @param allocation the exact (or bracketed) optimal allocation: {@code inf(P)}, {@code sup(D)}, {@code lambda*}
 * @param deltaWorst {@code Delta_worst = max_i Delta_i} over the types present (NaN when not computed)
 * @param rhoMax {@code max_i rho_i} over the types present (value-function non-convexity)
 * @param primalLower certified lower bound of the continuous {@code inf(P)} (NaN unless every type is certified)
 * @param dualLower certified lower bound of the continuous {@code sup(D)} (NaN unless every type is certified)
 * @param seconds wall time of the allocation
 */
public record GapResult(int branches, int[] counts, double budget, Allocation allocation, double deltaWorst,
                        double rhoMax, double primalLower, double dualLower, double seconds) {

    /** Copies the counts. */
    public GapResult {
        counts = counts.clone();
    }

    /** {@code inf(P)} on the candidate weights (exact when {@link Allocation#exact()}). */
    public double primal() {
        return allocation.primal();
    }

    /** {@code sup(D)} on the candidate weights. */
    public double dual() {
        return allocation.dual();
    }

    /** {@code inf(P) - sup(D)}. */
    public double gap() {
        return allocation.gap();
    }

    /** {@code (inf(P) - sup(D)) / Delta_worst}, the paper's normalized gap. */
    public double normalizedGap() {
        return gap() / deltaWorst;
    }

    /** Theorem 1's bound on the normalized gap, {@code 2 / I}. */
    public double bound() {
        return 2.0 / branches;
    }

    /** The sharp bound on the gap itself, {@code max_i rho_i / I} (one exceptional branch; {@link BudgetAllocation}). */
    public double rhoBound() {
        return rhoMax / branches;
    }

    /** Certified lower bound of the continuous problem's gap (NaN when not certified). */
    public double continuousGapLower() {
        return Math.max(0, primalLower - dual());
    }

    /** Certified upper bound of the continuous problem's gap (NaN when not certified). */
    public double continuousGapUpper() {
        return primal() - dualLower;
    }

    /**
     * The allocation as a DualNet {@link Solution}: primal point the allocation, dual point {@code lambda*},
     * certificate {@code (inf(P), sup(D))}; status {@code OPTIMAL} when the allocation is proven optimal,
     * {@code MAX_ITERATIONS} when only bracketed, {@code CERTIFICATE_FAILED} if weak duality is violated.
     */
    public Solution<Allocation, Double> solution() {
        Certificate c = allocation.certificate();
        Status status = CertificateCheck.violatesWeakDuality(c) ? Status.CERTIFICATE_FAILED
                : allocation.exact() ? Status.OPTIMAL : Status.MAX_ITERATIONS;
        Map<String, Double> residuals = new LinkedHashMap<>();
        residuals.put("dual_recomputed", Math.abs(allocation.dualCheck() - allocation.dual()));
        residuals.put("primal_lower_bound", allocation.lowerBound());
        residuals.put("normalized_gap", normalizedGap());
        return new Solution<>(allocation, allocation.lambda(), c, residuals, 0, status, allocation.method(), seconds);
    }
}
