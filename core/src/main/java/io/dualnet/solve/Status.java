package io.dualnet.solve;

/** How a solver ended. Non-convergence is a status, never an exception. */
public enum Status {
    /** The recomputed certificate meets the requested tolerance: the returned point is certified optimal. */
    OPTIMAL,
    /** The iteration budget ran out before the tolerance was met; the certificate still bounds the suboptimality. */
    MAX_ITERATIONS,
    /** Progress stopped (no decrease over many iterations) before the tolerance was met. */
    STALLED,
    /** The recomputed certificate contradicts weak duality beyond rounding: the result must not be trusted. */
    CERTIFICATE_FAILED;

    /** Lower-case name for JSON and reports, e.g. {@code "optimal"}. */
    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
