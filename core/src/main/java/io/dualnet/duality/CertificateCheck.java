package io.dualnet.duality;

import io.dualnet.solve.Status;

/**
 * Turns a recomputed certificate into a solver status: a gap below {@code -(ROUNDING_ATOL + ROUNDING_RTOL * scale)}
 * contradicts weak duality and fails the certificate; a gap within the requested tolerance certifies optimality.
 */
public final class CertificateCheck {
    /** Absolute rounding slack allowed for a negative gap. */
    public static final double ROUNDING_ATOL = 1e-12;
    /** Relative rounding slack allowed for a negative gap. */
    public static final double ROUNDING_RTOL = 1e-10;

    private CertificateCheck() {
    }

    /** True when the gap is negative beyond rounding, i.e. the certificate is invalid. */
    public static boolean violatesWeakDuality(Certificate c) {
        double scale = Math.max(Math.abs(c.primal()), Math.abs(c.dual()));
        return c.gap() < -(ROUNDING_ATOL + ROUNDING_RTOL * scale) || !Double.isFinite(c.gap());
    }

    /**
     * @param c the recomputed certificate
     * @param rtol requested relative gap
     * @param otherwise the status when the gap is valid but above the tolerance
     */
    public static Status status(Certificate c, double rtol, Status otherwise) {
        if (violatesWeakDuality(c)) {
            return Status.CERTIFICATE_FAILED;
        }
        return c.closes(ROUNDING_ATOL, rtol) ? Status.OPTIMAL : otherwise;
    }
}
