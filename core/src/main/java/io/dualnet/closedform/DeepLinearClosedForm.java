package io.dualnet.closedform;

import io.dualnet.convex.DeepLinearDual;
import io.dualnet.duality.Certificate;
import io.dualnet.duality.CertificateCheck;
import io.dualnet.linalg.Linalg;
import io.dualnet.linalg.Matrices;
import io.dualnet.linalg.PseudoInverse;
import io.dualnet.linalg.Svd;
import io.dualnet.net.DeepLinearFactorization;
import io.dualnet.net.DeepLinearProblem;
import io.dualnet.net.DeepLinearWeights;
import io.dualnet.solve.Solution;
import io.dualnet.solve.Status;
import org.ejml.data.DMatrixRMaj;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The global optimum of problem (4) of Zhang, Shao, Salakhutdinov in closed form, for every {@code gamma >= 0}.
 *
 * <p>With {@code Ytilde = P_X Y = U diag(sigma) V^T}, the optimal prediction is the truncated singular value
 * soft-thresholding {@code Z* = sum_{i <= d_min} (sigma_i - gamma)_+ u_i v_i^T} (Theorem 2 and Lemma 7), the optimal
 * weights are its balanced factorization ({@link DeepLinearFactorization}), and the optimal value is
 * {@code P* = 1/2||Y||_F^2 - 1/2 sum_{i <= d_min} ((sigma_i - gamma)_+)^2}. The dual certificate is
 * {@code Lambda* = U diag(min(sigma_i, gamma)) V^T}; the paper's {@code Lambda* = gamma U V^T} is the special case
 * {@code gamma < sigma_min(Ytilde)} and is not dual feasible-optimal beyond it.
 *
 * <p>Cost: one SVD of {@code Ytilde} (plus one of {@code X} unless it is the identity) and a few GEMMs.
 */
public final class DeepLinearClosedForm {
    /** Relative gap at which the closed form's certificate is accepted. */
    public static final double CERTIFICATE_RTOL = 1e-9;

    private DeepLinearClosedForm() {
    }

    /** Solves {@code problem}; the returned certificate is evaluated from the returned weights and dual point. */
    public static Solution<DeepLinearWeights, DMatrixRMaj> solve(DeepLinearProblem problem) {
        long start = System.nanoTime();
        PseudoInverse pinv = PseudoInverse.of(problem.x());
        DeepLinearDual dual = DeepLinearDual.of(problem, pinv);
        DMatrixRMaj yTilde = dual.yTilde();
        Svd svd = Linalg.get().svd(yTilde);
        double[] sigma = svd.s();
        int rank = svd.rank();
        double gamma = problem.gamma();
        int k = 0;
        while (k < Math.min(problem.dMin(), rank) && sigma[k] > gamma) {
            k++;
        }
        double[] t = new double[k];
        for (int i = 0; i < k; i++) {
            t[i] = sigma[i] - gamma;
        }
        DeepLinearWeights weights = DeepLinearFactorization.balanced(problem, pinv, svd.u(), t, svd.v());

        double[] clipped = new double[rank];
        double[] residualSigma = new double[rank];
        for (int i = 0; i < rank; i++) {
            clipped[i] = Math.min(sigma[i], gamma);
            residualSigma[i] = sigma[i] - clipped[i];
        }
        DMatrixRMaj lambda = Matrices.compose(svd.u(), clipped, svd.v(), rank);

        // Ytilde - Lambda* = U diag((sigma - gamma)_+) V^T up to the SVD's backward error, which is measured below;
        // (sigma - gamma)_+ is non-increasing because sigma is, so its first d_min entries are the largest.
        double dualValue = dual.halfNormYSquared()
                - 0.5 * io.dualnet.reg.Schatten.kyFanSquared(residualSigma, problem.dMin());
        double primalValue = problem.objective(weights);
        Certificate certificate = new Certificate(primalValue, dualValue);

        Map<String, Double> residuals = new LinkedHashMap<>();
        DMatrixRMaj reconstructed = Matrices.compose(svd.u(), sigma, svd.v(), sigma.length);
        double scale = Math.max(1e-300, Math.sqrt(Matrices.frobeniusSquared(yTilde)));
        residuals.put("svd_backward_error", Matrices.distance(reconstructed, yTilde) / scale);
        residuals.put("dual_spectral_excess", Math.max(0, (rank == 0 ? 0 : clipped[0]) - gamma));
        Status status = CertificateCheck.status(certificate, CERTIFICATE_RTOL, Status.CERTIFICATE_FAILED);
        double seconds = (System.nanoTime() - start) * 1e-9;
        return new Solution<>(weights, lambda, certificate, residuals, 0, status, "closed-form", seconds);
    }
}
