package io.dualnet.duality;

import io.dualnet.data.ClassificationInstances;
import io.dualnet.landscape.BranchProfile;
import io.dualnet.net.BranchArchitecture;
import io.dualnet.net.MultibranchGapProblem;
import io.dualnet.reg.BranchRegularizer;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link ShapleyFolkmanGap} on instances with known answers: a two-point lattice computed by hand, a linear branch
 * whose per-branch problem is convex (gap 0), and the depth-3 linear chain whose value function is concave, with
 * closed forms for {@code phi}, {@code rho}, {@code Delta} and the continuous gap.
 */
class ShapleyFolkmanGapReferenceTest {
    private static final double ATOL = 1e-10;
    private static final double RTOL = 1e-9;
    /** Tolerance of the envelope (Delta) computations. */
    private static final double DELTA_ATOL = 1e-7;

    private static boolean close(double a, double b, double atol) {
        return Math.abs(a - b) <= atol + RTOL * Math.abs(b);
    }

    private static ShapleyFolkmanGap.Options options(int resolution) {
        return ShapleyFolkmanGap.Options.defaults().withResolution(resolution).withThreads(2);
    }

    private static MultibranchGapProblem problem(String branch, double tau, double budget, double box) {
        ClassificationInstances d = ClassificationInstances.threshold1d(16);
        return new MultibranchGapProblem(d.x(), d.y(), tau, budget, List.of(BranchArchitecture.parse("b", branch)),
                box, BranchRegularizer.L2_SQUARED);
    }

    /** mean(y x) of threshold1d(16): 0.5. */
    private static final double MEAN_YX = 0.5;

    /**
     * f = w x on the lattice {-1, 0, 1}: points (h, g) = (0, 1), (1, 1 - a), (1, 1 + a) with a = mean(yx)/tau. By
     * hand: phi = 1 on [0, 1), 1 - a from 1; phi** = 1 - a c; rho = Delta = a; inf(P) = 1 - a floor(I K)/I,
     * sup(D) = 1 - a K, so the normalized gap is frac(I K)/I, at most 1/I.
     */
    @Test
    void twoPointLatticeByHand() {
        double tau = 4;
        double a = MEAN_YX / tau;
        ShapleyFolkmanGap gap = ShapleyFolkmanGap.of(problem("1-1:linear", tau, 0.3, 1.0), options(1));
        BranchSummary s = gap.branches().get(0);
        assertThat(s.paretoPoints()).isEqualTo(2);
        assertThat(close(s.rho(), a, ATOL)).isTrue();
        assertThat(close(s.delta(), a, DELTA_ATOL)).as("Delta %s", s.delta()).isTrue();
        for (int i : new int[] {1, 2, 3, 4, 7, 10, 1000}) {
            for (double k : new double[] {0.0, 0.3, 0.5, 0.99, 1.0}) {
                GapResult r = gap.at(i, k);
                assertThat(r.allocation().exact()).isTrue();
                assertThat(close(r.primal(), 1 - a * Math.floor(i * k + 1e-9) / i, ATOL)).as("I=%d K=%s", i, k)
                        .isTrue();
                assertThat(close(r.dual(), 1 - a * k, ATOL)).isTrue();
                double frac = i * k - Math.floor(i * k + 1e-9);
                assertThat(close(r.normalizedGap(), frac / i, 1e-6)).isTrue();
                assertThat(r.normalizedGap()).isLessThanOrEqualTo(r.bound());
            }
        }
    }

    /**
     * f = w x with h = w^2: g is linear, so the per-branch problem is convex and the continuous gap is 0 for every
     * I: at a budget on the lattice the computed gap is exactly 0, elsewhere the certified bracket contains 0 and the
     * lattice gap is at most one lattice step / I. Delta = rho = one lattice step (mean(yx) delta / tau).
     */
    @Test
    void convexPerBranchProblemHasNoGap() {
        double tau = 4;
        double r = 2;
        int m = 40;
        double delta = r / m;
        ShapleyFolkmanGap gap = ShapleyFolkmanGap.of(problem("1-1:linear", tau, 1.0, r), options(m));
        BranchSummary s = gap.branches().get(0);
        double step = MEAN_YX * delta / tau;
        // g is linear, so it is its own convex envelope: f~(w) = g(w) = 1 - mean(yx) w / tau.
        io.dualnet.landscape.WeightEnvelope envelope = new io.dualnet.landscape.WeightEnvelope(gap.profiles().get(0),
                BranchRegularizer.L2_SQUARED, 1e-11);
        for (double w : new double[] {-1.3, 0.0, 0.77, 1.9}) {
            double fTilde = envelope.convexEnvelope(new double[] {w}, r, gap.profiles().get(0).gMax()).lower();
            assertThat(Math.abs(fTilde - (1 - MEAN_YX * w / tau))).as("w = %s", w).isLessThanOrEqualTo(1e-9);
        }
        assertThat(close(s.rho(), step, 1e-12)).isTrue();
        assertThat(close(s.delta(), step, DELTA_ATOL)).isTrue();
        for (int i : new int[] {1, 2, 5, 100, 100_000}) {
            double onLattice = Math.pow(17 * delta, 2);
            GapResult exact = gap.at(i, onLattice);
            assertThat(Math.abs(exact.gap())).as("I=%d", i).isLessThanOrEqualTo(ATOL);
            GapResult between = gap.at(i, 1.2345);
            assertThat(between.gap()).isBetween(-ATOL, step / i + ATOL);
            assertThat(between.continuousGapLower()).isZero();
            double phi = 1 - MEAN_YX * Math.sqrt(1.2345) / tau;
            assertThat(between.primalLower()).isLessThanOrEqualTo(phi + ATOL);
            assertThat(between.primal()).isGreaterThanOrEqualTo(phi - ATOL);
            assertThat(between.dualLower()).isLessThanOrEqualTo(phi + ATOL);
            assertThat(between.dual()).isGreaterThanOrEqualTo(phi - ATOL);
        }
    }

    /**
     * f = w3 w2 w1 x on [-R, R]^3: max w1 w2 w3 over ||w||^2 <= c is (c/3)^(3/2), so
     * phi(c) = 1 - (mean(yx)/tau) (c/3)^(3/2) is concave, phi** is the chord to c = 3R^2, and
     * rho = 4 mean(yx) R^3 / (27 tau). With sign symmetry the weight-space envelope reaches min g at w = 0, so the
     * paper's Delta = 1 - min g = mean(yx) R^3 / tau (the whole range). For I branches the continuous optimum puts all
     * branches at 0 or 3R^2 but one (minimizing a concave function over a polytope); the certified brackets must
     * contain it.
     */
    @Test
    void depthThreeLinearChainMatchesClosedForms() {
        double tau = 10;
        double r = 2;
        double budget = 6;
        ShapleyFolkmanGap gap = ShapleyFolkmanGap.of(problem("1-1-1-1:linear", tau, budget, r), options(24));
        BranchSummary s = gap.branches().get(0);
        double a = MEAN_YX / tau;
        assertThat(s.certified()).isTrue();
        assertThat(close(s.gMin(), 1 - a * r * r * r, ATOL)).isTrue();
        assertThat(close(s.delta(), a * r * r * r, DELTA_ATOL)).as("Delta %s", s.delta()).isTrue();
        double rho = 4 * a * r * r * r / 27;
        BranchProfile profile = gap.profiles().get(0);
        double maxStep = 0;
        for (int k = 0; k + 1 < profile.upper().size(); k++) {
            maxStep = Math.max(maxStep, profile.upper().value(k) - profile.upper().value(k + 1));
        }
        assertThat(Math.abs(s.rho() - rho)).isLessThanOrEqualTo(2 * maxStep);
        double cMax = 3 * r * r;
        for (double c = 0; c <= cMax; c += 0.37) {
            double phi = 1 - a * Math.pow(c / 3, 1.5);
            double units = c / profile.upper().unit();
            assertThat(profile.lower().atUnits(units)).isLessThanOrEqualTo(phi + ATOL);
            assertThat(profile.upper().atUnits(units)).isGreaterThanOrEqualTo(phi - ATOL);
        }
        // f~ convexifies in weight space: the sign patterns (w1, w2, w3) -> (-w1, -w2, w3), ... average to 0, so
        // f~(0) = min g, while f^(0) = phi(0) = g(0) = 1: Delta = 1 - min g.
        io.dualnet.landscape.WeightEnvelope envelope = new io.dualnet.landscape.WeightEnvelope(profile,
                BranchRegularizer.L2_SQUARED, 1e-10);
        assertThat(Math.abs(envelope.convexEnvelope(new double[3], r, profile.gMax()).lower() - s.gMin()))
                .isLessThanOrEqualTo(DELTA_ATOL);
        for (int i = 1; i <= 6; i++) {
            GapResult g = gap.at(i);
            long full = (long) Math.floor(i * budget / cMax);
            double rest = i * budget - full * cMax;
            double primal = (full * (1 - a * r * r * r) + (i - full - 1) + (1 - a * Math.pow(rest / 3, 1.5))) / i;
            double dual = 1 - a * r * r * r * budget / cMax;
            assertThat(g.primalLower()).as("I=%d", i).isLessThanOrEqualTo(primal + ATOL);
            assertThat(g.primal()).isGreaterThanOrEqualTo(primal - ATOL);
            assertThat(g.dualLower()).isLessThanOrEqualTo(dual + ATOL);
            assertThat(g.dual()).isGreaterThanOrEqualTo(dual - ATOL);
            assertThat(primal - dual).isBetween(g.continuousGapLower() - ATOL, g.continuousGapUpper() + ATOL);
            assertThat(primal - dual).isLessThanOrEqualTo(rho / i + ATOL);
        }
    }
}
